"""Render documents, in parallel processes where asked, with one interface for serial and parallel.

Each document is rendered in a process forked for it alone: it inherits the Dossier (nothing is pickled on
the way in), sends back the rendered bytes, and exits, so what laying out a long document took is given
back to the system before the next starts, and no worker grows over the documents it renders. Only the
main process writes files. The heaviest documents start first.
"""

from __future__ import annotations

import gc
import os
from dataclasses import replace
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Callable, Iterable

from ..builders import BUILDERS, Builder, Rendered
from ..builders.issue import Issue
from ..model import Dossier
from ..render.warm import warm_up
from .cache import RenderCache, passes_folder
from .kept import kept_reads
from .forked import Running, WorkerDied, can_fork, start, trim

__all__ = ["render_documents", "default_jobs", "load_renderers", "WorkerDied"]

Progress = Callable[[Rendered], None]


def default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


def load_renderers(charts: bool = True) -> None:
    """Import what rendering needs (weasyprint, docxtpl and, with ``charts``, matplotlib configured for the
    charts), so that processes forked after this start ready instead of each importing it again."""
    import weasyprint  # noqa: F401
    import docxtpl  # noqa: F401

    if charts:
        from ..render import charts as drawing

        drawing.warm_up()


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
    """The document rendered, with what it read as the build keeps it (made where it was rendered); the passes
    of a long document laid out through the cache of the build in ``previous`` (where one is to be used)."""
    passes = RenderCache(previous, passes_folder(ident))
    rendered = BUILDERS[ident]().render(dossier, issue, passes.render)
    return replace(rendered, reads=kept_reads(rendered.reads), passes=passes.entries)


def render_documents(dossier: Dossier, builders: Iterable[Builder], jobs: int, issue: Issue | None = None,
                     on_done: Progress | None = None, previous: Path | None = None) -> list[Rendered]:
    """Rendered documents in the order of ``builders``, at the editions ``issue`` gives them, each with what it
    read as the build keeps it (a KeptReads) and its passes as the cache keeps them; ``previous``: the output
    whose cached passes a long document's rendering reuses (None: every pass is laid out)."""
    issue = issue or Issue()
    builders = list(builders)
    order = sorted(builders, key=lambda b: -b.cost(dossier))
    if jobs <= 1 or len(builders) <= 1 or not can_fork():
        results = {}
        for builder in order:
            results[builder.id] = _render(builder.id, dossier, issue, previous)
            if on_done:
                on_done(results[builder.id])
    else:
        results = _forked(dossier, [b.id for b in order], jobs, issue, on_done, previous)
    return [results[b.id] for b in builders]


def _forked(dossier: Dossier, order: list[str], jobs: int, issue: Issue, on_done: Progress | None,
            previous: Path | None) -> dict:
    results: dict[str, Rendered] = {}
    running: dict[Connection, Running] = {}
    pending = list(order)
    _warm_up(order)
    try:
        while pending or running:
            while pending and len(running) < jobs:
                ident = pending.pop(0)
                started = start(f"生成“{ident}”", _render, ident, dossier, issue, previous)
                running[started.connection] = started
            for ready in wait(list(running)):
                rendered = running.pop(ready).result()
                results[rendered.info.id] = rendered
                if on_done:
                    on_done(rendered)
    finally:
        for started in running.values():
            started.stop()
        gc.unfreeze()
    return results
