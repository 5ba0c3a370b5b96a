"""A call computed in a process forked for it alone: it inherits what the caller holds (nothing is pickled on
the way in), sends its result back pickled (or the exception that stopped it, raised in the caller as if the
call had been made there), and exits, so whatever the call took, and the C heap's fragments, go back to the
system with it instead of staying in the caller for the rest of the build."""

from __future__ import annotations

import ctypes
import multiprocessing
import pickle
import traceback
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any, Callable, Sequence

__all__ = ["WorkerDied", "Running", "can_fork", "start", "call", "trim"]


class WorkerDied(RuntimeError):
    """A forked process ended without sending its result back (killed, or out of memory)."""


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


@dataclass(frozen=True)
class Running:
    """A call under way in its own process; ``what`` names it in the message if the process dies."""

    connection: Connection
    process: multiprocessing.Process
    what: str

    def answered(self) -> bool:
        """Whether the result (or the news that the process died) is there to be taken."""
        return self.connection.poll(0)

    def result(self) -> Any:
        """Wait for the call's result and return it, or raise the exception the call raised."""
        try:
            status, payload = self.connection.recv()
        except EOFError:
            self.process.join()
            raise WorkerDied(f"{self.what}的进程意外退出（退出码 {self.process.exitcode}），可能是内存不足。") from None
        finally:
            self.connection.close()
        self.process.join()
        if status == "error":
            raise payload
        return payload

    def stop(self) -> None:
        """End the process now (the caller no longer wants its result)."""
        self.process.kill()
        self.process.join()
        self.connection.close()


def start(what: str, function: Callable[..., Any], *args: Any) -> Running:
    """``function(*args)`` started in a forked process."""
    receiving, sending = multiprocessing.get_context("fork").Pipe(duplex=False)
    process = multiprocessing.get_context("fork").Process(target=_run, args=(function, args, sending))
    process.start()
    sending.close()
    return Running(receiving, process, what)


def call(what: str, function: Callable[..., Any], *args: Any,
         meanwhile: Sequence[Callable[[], None]] = ()) -> Any:
    """``function(*args)``, computed in a forked process while this one takes the steps ``meanwhile``, one
    after another until the result is there: the steps only prepare what comes after (what one skipped would
    have prepared is done where it is needed), so none delays the result. Where processes cannot be forked,
    the call is made here and the steps are skipped."""
    if not can_fork():
        return function(*args)
    running = start(what, function, *args)
    try:
        for step in meanwhile:
            if running.answered():
                break
            step()
        return running.result()
    except BaseException:
        if running.process.is_alive():
            running.stop()
        raise


def _run(function: Callable[..., Any], args: tuple, out: Connection) -> None:
    """In the forked process: compute the call and send back its result (or the exception that stopped it,
    with the traceback of where it was raised as a note, since a traceback cannot be pickled)."""
    failure = ""
    try:
        message = ("ok", function(*args))
    except BaseException as exc:          # sent back and raised in the caller, as a pool's future would
        failure = traceback.format_exc()
        exc.add_note(f"in the forked process:\n{failure}")
        message = ("error", exc if _comes_back(exc) else RuntimeError(f"the forked call failed:\n{failure}"))
    trim()          # what the call took, given back before its result is copied into the pipe
    try:
        out.send(message)
    except Exception:                     # an exception (or result) that cannot be pickled: its traceback instead
        out.send(("error", RuntimeError(f"the forked call failed:\n{failure or traceback.format_exc()}")))
    out.close()


def _comes_back(exc: BaseException) -> bool:
    """Whether the exception is made again, as it is, from its pickle (one whose constructor takes other
    arguments than it passed on is not)."""
    try:
        again = pickle.loads(pickle.dumps(exc))
    except Exception:
        return False
    return type(again) is type(exc) and again.args == exc.args


def trim() -> None:
    """Return the C heap's free pages to the system, where the C library can (glibc's malloc_trim)."""
    try:
        ctypes.CDLL(None).malloc_trim(0)
    except (AttributeError, OSError):      # not glibc: nothing to do
        pass
