"""A function run in a forked child process while the caller goes on with other work (the binder lays out
its front matter so while it prepares its parts); its result is sent back pickled.

The child shares the parent's memory (copy on write): the objects that exist at the fork are moved out of
the collector's reach first, so that collections in the child do not write to, and so copy, those pages.
The child never writes a file. If it fails or dies, ``result()`` runs the function in the calling process,
so that its errors are raised where they would be without a child.
"""

from __future__ import annotations

import gc
import multiprocessing
from typing import Callable, Generic, TypeVar

__all__ = ["Forked", "can_fork"]

T = TypeVar("T")


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


class Forked(Generic[T]):
    """``work()`` started in a forked child (where the system can fork; else run at ``result()``)."""

    def __init__(self, work: Callable[[], T]):
        self._work = work
        self._process = None
        if not can_fork():
            return
        context = multiprocessing.get_context("fork")
        self._receive, send = context.Pipe(duplex=False)

        def child() -> None:
            try:
                answer = (True, work())
            except BaseException as exc:  # noqa: BLE001 - the parent runs the work again and sees the error
                answer = (False, repr(exc))
            send.send(answer)
            send.close()

        gc.freeze()
        try:
            self._process = context.Process(target=child, daemon=True)
            self._process.start()
        finally:
            gc.unfreeze()
            send.close()

    def result(self) -> T:
        if self._process is None:
            return self._work()
        try:
            done, value = self._receive.recv()
        except (EOFError, OSError):
            done, value = False, None
        finally:
            self._receive.close()
            self._process.join()
            self._process = None
        return value if done else self._work()
