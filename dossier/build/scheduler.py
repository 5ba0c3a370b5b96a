"""Render documents, in parallel processes where asked, with one interface for serial and parallel.

Each document is rendered in a process forked for it alone: it inherits the Dossier (nothing is pickled on
the way in), sends back the rendered bytes, and exits, so what laying out a long document took is given
back to the system before the next starts, and no worker grows over the documents it renders. Only the
main process writes files. The heaviest documents start first.
"""

from __future__ import annotations

import ctypes
import gc
import multiprocessing
import os
import traceback
from multiprocessing.connection import Connection, wait
from typing import Callable, Iterable

from ..builders import BUILDERS, Builder, Rendered
from ..builders.issue import Issue
from ..model import Dossier

__all__ = ["render_documents", "default_jobs", "WorkerDied"]

Progress = Callable[[Rendered], None]


class WorkerDied(RuntimeError):
    """A process rendering a document ended without sending it back (killed, or out of memory)."""


def default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


#: what the forked processes render from: set in the parent just before forking, inherited by the children
_JOB: tuple[Dossier, Issue] | None = None


def _child(ident: str, out: Connection) -> None:
    """In a forked process: render one document and send it back (or the exception that stopped it)."""
    dossier, issue = _JOB
    failure = ""
    try:
        message = ("ok", BUILDERS[ident]().render(dossier, issue))
    except BaseException as exc:          # sent back and raised in the parent, as a pool's future would
        message, failure = ("error", exc), traceback.format_exc()
    try:
        out.send(message)
    except Exception:                     # an exception that cannot be pickled: its traceback instead
        out.send(("error", RuntimeError(f"rendering {ident} failed:\n{failure}")))
    out.close()


def _warm_up() -> None:
    """Import the heavy libraries once in the parent, so forked processes start ready; give the system back
    the memory that loading and validating the data freed (glibc keeps it otherwise, and every child would
    start with it); and move what exists now out of the collector's reach, so that collections in the
    children do not write to (and so copy) the pages they share with the parent."""
    import weasyprint  # noqa: F401
    import docxtpl  # noqa: F401

    gc.collect()
    _trim()
    gc.freeze()


def _trim() -> None:
    """Return the C heap's free pages to the system, where the C library can (glibc's malloc_trim)."""
    try:
        ctypes.CDLL(None).malloc_trim(0)
    except (AttributeError, OSError):      # not glibc: nothing to do
        pass


def render_documents(dossier: Dossier, builders: Iterable[Builder], jobs: int, issue: Issue | None = None,
                     on_done: Progress | None = None) -> list[Rendered]:
    """Rendered documents in the order of ``builders``, at the editions ``issue`` gives them."""
    issue = issue or Issue()
    builders = list(builders)
    order = sorted(builders, key=lambda b: -b.cost(dossier))
    if jobs <= 1 or len(builders) <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        results = {}
        for builder in order:
            results[builder.id] = builder.render(dossier, issue)
            if on_done:
                on_done(results[builder.id])
    else:
        results = _forked(dossier, [b.id for b in order], jobs, issue, on_done)
    return [results[b.id] for b in builders]


def _forked(dossier: Dossier, order: list[str], jobs: int, issue: Issue, on_done: Progress | None) -> dict:
    global _JOB
    context = multiprocessing.get_context("fork")
    results: dict[str, Rendered] = {}
    running: dict[Connection, tuple[str, multiprocessing.Process]] = {}
    pending = list(order)
    _warm_up()
    _JOB = (dossier, issue)
    try:
        while pending or running:
            while pending and len(running) < jobs:
                ident = pending.pop(0)
                receiving, sending = context.Pipe(duplex=False)
                process = context.Process(target=_child, args=(ident, sending), daemon=True)
                process.start()
                sending.close()
                running[receiving] = (ident, process)
            for ready in wait(list(running)):
                ident, process = running.pop(ready)
                try:
                    status, payload = ready.recv()
                except EOFError:
                    process.join()
                    raise WorkerDied(f"生成“{ident}”的进程意外退出（退出码 {process.exitcode}），可能是内存不足。") from None
                finally:
                    ready.close()
                process.join()
                if status == "error":
                    raise payload
                results[ident] = payload
                if on_done:
                    on_done(payload)
    finally:
        _JOB = None
        for ident, process in running.values():
            process.kill()
            process.join()
        gc.unfreeze()
    return results
