"""Render documents, in parallel processes where asked, with one interface for serial and parallel.

Workers receive the Dossier (a plain frozen value) and a builder id, and return the rendered bytes;
only the main process writes files. The heaviest documents start first.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Callable, Iterable

from ..builders import BUILDERS, Builder, Rendered
from ..builders.issue import Issue
from ..model import Dossier

__all__ = ["render_documents", "default_jobs"]

Progress = Callable[[Rendered], None]


def default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


def _render(dossier: Dossier, ident: str, issue: Issue) -> Rendered:
    return BUILDERS[ident]().render(dossier, issue)


def _warm_up() -> None:
    """Import the heavy libraries once in the parent, so forked workers start ready; and move what exists
    now out of the collector's reach, so that collections in the workers do not write to (and so copy)
    the pages they share with the parent."""
    import weasyprint  # noqa: F401
    import docxtpl  # noqa: F401

    gc.collect()
    gc.freeze()


def render_documents(dossier: Dossier, builders: Iterable[Builder], jobs: int, issue: Issue | None = None,
                     on_done: Progress | None = None) -> list[Rendered]:
    """Rendered documents in the order of ``builders``, at the editions ``issue`` gives them."""
    issue = issue or Issue()
    builders = list(builders)
    order = sorted(builders, key=lambda b: -b.cost(dossier))
    results: dict[str, Rendered] = {}
    if jobs <= 1 or len(builders) <= 1:
        for builder in order:
            results[builder.id] = builder.render(dossier, issue)
            if on_done:
                on_done(results[builder.id])
    else:
        _warm_up()
        context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods()
                                              else "spawn")
        with ProcessPoolExecutor(max_workers=min(jobs, len(builders)), mp_context=context) as pool:
            futures: dict[Future, str] = {pool.submit(_render, dossier, b.id, issue): b.id for b in order}
            from concurrent.futures import as_completed
            for future in as_completed(futures):
                rendered = future.result()
                results[futures[future]] = rendered
                if on_done:
                    on_done(rendered)
        gc.unfreeze()
    return [results[b.id] for b in builders]
