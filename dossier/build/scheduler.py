"""Render documents, in parallel processes where asked, with one interface for serial and parallel.

Each document is rendered in a process forked for it alone: it inherits the Dossier (nothing is pickled on
the way in), sends back the rendered bytes, and exits, so what laying out a long document took is given
back to the system before the next starts, and no worker grows over the documents it renders. Only the
main process writes files. The heaviest documents start first.
"""

from __future__ import annotations

import functools
import gc
import importlib
import os
from dataclasses import replace
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Callable, Iterable

from ..builders import BUILDERS, Builder, Prepared, Rendered
from ..builders.issue import Issue
from ..model import Dossier
from ..render.pdf import RenderedPdf, join_pdfs
from ..render.warm import warm_up
from .cache import RenderCache, passes_folder
from .kept import kept_reads
from .forked import Running, WorkerDied, can_fork, start, trim

__all__ = ["render_documents", "default_jobs", "load_renderers", "renderer_steps", "chart_steps", "WorkerDied"]

Progress = Callable[[Rendered], None]


def default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


#: what rendering imports, module by module (render.libraries imports weasyprint, fontTools' subsetter apart)
_RENDERERS = ("fontTools.subset", "dossier.render.libraries", "docxtpl")


def renderer_steps() -> list[Callable[[], object]]:
    """Importing what rendering needs (weasyprint and docxtpl) as steps of at most a fifth of a second each,
    for work done while waiting on something that may come back between two of them (build.forked.call)."""
    return [functools.partial(importlib.import_module, name) for name in _RENDERERS]


def chart_steps() -> list[Callable[[], object]]:
    """Importing matplotlib configured for the charts, as steps (render.charts.warm_up_steps)."""
    from ..render import charts

    return charts.warm_up_steps()


def load_renderers(charts: bool = True) -> None:
    """Import what rendering needs (weasyprint, docxtpl and, with ``charts``, matplotlib configured for the
    charts), so that processes forked after this start ready instead of each importing it again."""
    for step in renderer_steps() + (chart_steps() if charts else []):
        step()


def _warm_up(order: list[str]) -> None:
    """Get the parent ready to fork the documents' processes: the renderers loaded (matplotlib when more than
    one of the documents ``order`` names draws charts: one process loading it costs about as much as forking
    one that has it) and taken once through a document (render.warm: what a process's first document costs
    more than the next, paid here once instead of in each); the memory that loading and validating the data
    freed given back to the system (glibc keeps it otherwise, and every child would start with it); and what
    exists now moved out of the collector's reach, so that collections in the children do not write to (and
    so copy) the pages they share with the parent."""
    load_renderers(charts=sum(BUILDERS[ident].draws_charts for ident in order) > 1)
    warm_up()
    gc.collect()
    trim()
    gc.freeze()


def _render(ident: str, dossier: Dossier, issue: Issue, previous: Path | None = None) -> Rendered:
    """The document rendered in this process (its passes one after another), with what it read as the build
    keeps it; the passes of a long document laid out through the cache of the build in ``previous`` (where one
    is to be used)."""
    prepared = _prepare(ident, dossier, issue)
    if not prepared.passes:
        return prepared.rendered
    laid_out = [_lay_out(ident, html, dossier.root, previous) for html in prepared.passes]
    return _joined(prepared, laid_out, join_pdfs([pdf for pdf, _ in laid_out]))


def _prepare(ident: str, dossier: Dossier, issue: Issue) -> Prepared:
    """The document prepared (builders.Prepared), with what it read as the build keeps it (made where it was
    read)."""
    prepared = BUILDERS[ident]().prepare(dossier, issue)
    return replace(prepared, rendered=replace(prepared.rendered, reads=kept_reads(prepared.rendered.reads)))


def _lay_out(ident: str, html: str, root: Path, previous: Path | None) -> tuple[RenderedPdf, dict[str, bytes]]:
    """One pass of the long document ``ident`` laid out, or taken from the cache of the build in ``previous``;
    and the pass as this build's cache keeps it."""
    cache = RenderCache(previous, passes_folder(ident))
    return cache.render(html, root), cache.entries


def _joined(prepared: Prepared, laid_out: list[tuple[RenderedPdf, dict[str, bytes]]], pdf: RenderedPdf) -> Rendered:
    """The long document with its passes (as _lay_out gave them) joined into ``pdf``."""
    return prepared.joined(pdf, {name: data for _, kept in laid_out for name, data in kept.items()})


def render_documents(dossier: Dossier, builders: Iterable[Builder], jobs: int, issue: Issue | None = None,
                     on_done: Progress | None = None, previous: Path | None = None,
                     meanwhile: Callable[[], None] | None = None) -> list[Rendered]:
    """Rendered documents in the order of ``builders``, at the editions ``issue`` gives them, each with what it
    read as the build keeps it (a KeptReads) and its passes as the cache keeps them; ``previous``: the output
    whose cached passes a long document's rendering reuses (None: every pass is laid out); ``meanwhile``: work
    of this process that needs no document (the binder's attachments), done while the first documents'
    processes run (serially: after the documents)."""
    issue = issue or Issue()
    builders = list(builders)
    order = sorted(builders, key=lambda b: -b.cost(dossier))
    if jobs <= 1 or not builders or not can_fork():
        results = {}
        for builder in order:
            results[builder.id] = _render(builder.id, dossier, issue, previous)
            if on_done:
                on_done(results[builder.id])
        if meanwhile:
            meanwhile()
    else:
        results = _Forked(dossier, issue, previous).run([b.id for b in order], jobs, on_done, meanwhile)
    return [results[b.id] for b in builders]


class _Forked:
    """The rendering as tasks, each in a process forked for it (at most ``jobs`` at once): a document's
    preparation (composing it, its DOCX, and the PDF of a document of one pass); then, for a long document,
    each of its passes laid out; then its passes joined. A document's passes and join go ahead of the
    documents still waiting, so that a long document spreads over every process instead of finishing last
    on one. The heaviest document that draws no chart starts at once, while this process gets ready to
    fork the others (see _warm_up): it pays its own first-document costs, on a core that would wait; so does
    a document left alone after it (a rebuild's second), which waiting for this process's warm-up would
    only delay."""

    def __init__(self, dossier: Dossier, issue: Issue, previous: Path | None):
        self.dossier, self.issue, self.previous = dossier, issue, previous
        self.prepared: dict[str, Prepared] = {}
        self.laid_out: dict[str, list] = {}      # a long document's passes as they come back, by index
        self.results: dict[str, Rendered] = {}

    def run(self, order: list[str], jobs: int, on_done: Progress | None,
            meanwhile: Callable[[], None] | None = None) -> dict[str, Rendered]:
        pending: list[tuple] = [("prepare", ident) for ident in order]
        running: dict[Connection, tuple[Running, tuple]] = {}
        try:
            early = next((task for task in pending if not BUILDERS[task[1]].draws_charts), None)
            if early is not None:     # started before the warm-up, which only the processes after it need
                pending.remove(early)
                started = self._start(early)
                running[started.connection] = (started, early)
            if len(pending) > 1:      # one document left pays its own first-document costs, on its own core
                _warm_up([ident for _, ident in pending])
            while pending or running:
                while pending and len(running) < jobs:
                    task = pending.pop(0)
                    started = self._start(task)
                    running[started.connection] = (started, task)
                if meanwhile:
                    meanwhile, work = None, meanwhile
                    work()
                for ready in wait(list(running)):
                    started, task = running.pop(ready)
                    pending[:0] = self._back(task, started.result(), on_done)
        finally:
            for started, _ in running.values():
                started.stop()
            gc.unfreeze()
        return self.results

    def _start(self, task: tuple) -> Running:
        kind, ident, *index = task
        what = f"生成“{ident}”"
        if kind == "prepare":
            return start(what, _prepare, ident, self.dossier, self.issue)
        if kind == "pass":
            html = self.prepared[ident].passes[index[0]]
            return start(what, _lay_out, ident, html, self.dossier.root, self.previous)
        return start(what, join_pdfs, [pdf for pdf, _ in self.laid_out[ident]])

    def _back(self, task: tuple, value, on_done: Progress | None) -> list[tuple]:
        """Take a task's result; the tasks it makes ready, to run next."""
        kind, ident, *index = task
        if kind == "prepare" and value.passes:
            self.prepared[ident], self.laid_out[ident] = value, [None] * len(value.passes)
            return [("pass", ident, i) for i in range(len(value.passes))]
        if kind == "pass":
            self.laid_out[ident][index[0]] = value
            return [("join", ident)] if all(v is not None for v in self.laid_out[ident]) else []
        rendered = value.rendered if kind == "prepare" else \
            _joined(self.prepared.pop(ident), self.laid_out.pop(ident), value)
        self.results[ident] = rendered
        if on_done:
            on_done(rendered)
        return []
