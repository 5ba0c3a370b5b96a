"""Untrusted attachments are read in a child process, with a time and a memory limit.

The PDF and image libraries are large C and Python code bases reading files made by anyone: a crafted
file can make them loop, allocate without end, crash, or print to the terminal. So the parent only
checks a file's size and first bytes; everything else happens in one child process that reads one file
at a time, with its address space capped and its stderr and logging silenced. A file that takes longer
than ``limits.seconds`` is refused and the child is killed (the next file gets a new one); a child that
dies (out of memory, a crash in C) refuses that file. Results are kept for the life of the process, so
that validation and the binder read each file once. The child is forked as soon as the process knows it
will read attachments (:func:`start_reader`), before it loads a company's data: forked later, from a
process holding a large company, it would keep its own copy of all that memory for as long as it lives.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import OrderedDict
from pathlib import Path

from .kinds import check_kind
from .limits import ATTACHMENT_LIMITS, AttachmentLimits
from .prepared import Prepared

__all__ = ["prepare_attachment", "start_reader", "remembered", "remember"]

_CONTEXT = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
_KEPT = 32


def _limit_memory(extra: int) -> None:
    try:
        import resource
        with open("/proc/self/statm") as fh:
            used = int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (ImportError, OSError, ValueError):
        return
    resource.setrlimit(resource.RLIMIT_AS, (used + extra, used + extra))


def _silence() -> None:
    """Nothing the libraries print reaches the terminal; their log records stay for the readers to judge."""
    import logging
    import warnings

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    logging.lastResort = logging.NullHandler()
    warnings.simplefilter("ignore")


def _read(path: Path, shown: str, kind: str, limits: AttachmentLimits) -> Prepared:
    from .image import prepare_image
    from .pdf import prepare_pdf

    try:
        if kind == "pdf":
            return prepare_pdf(path, shown, limits)
        return prepare_image(path, shown, kind, limits)
    except MemoryError:
        return Prepared.refused(f"“{shown}”读取时所需内存超过 {limits.memory >> 20} MB 的上限；请重新扫描或导出。")
    except Exception:  # noqa: BLE001 - nothing from an untrusted file may end as an internal error
        return Prepared.refused(f"“{shown}”无法读取（文件已损坏或格式不受支持）；请重新扫描或导出。")


def _close_inherited(keep: int) -> None:
    """The child is forked from a process that may hold files open (an output being written, a lock on
    a shared folder): it closes every descriptor but the standard ones and its pipe, so that nothing the
    parent closes stays open, or locked, in the child."""
    os.closerange(3, keep)
    os.closerange(keep + 1, os.sysconf("SC_OPEN_MAX"))


def _serve(connection, memory: int) -> None:
    """The child: answer one request after another until the parent closes the pipe."""
    _close_inherited(connection.fileno())
    _limit_memory(memory)
    _silence()
    while True:
        try:
            path, shown, kind, limits = connection.recv()
        except (EOFError, OSError):
            return
        connection.send(_read(path, shown, kind, limits))


class _Child:
    def __init__(self, memory: int):
        self.owner = os.getpid()
        self.connection, theirs = _CONTEXT.Pipe()
        self.process = _CONTEXT.Process(target=_serve, args=(theirs, memory), daemon=True)
        self.process.start()
        theirs.close()

    def ask(self, request: tuple, seconds: float) -> Prepared | str:
        """The child's answer, or ``timeout`` when it took longer than ``seconds``, or ``died``."""
        try:
            self.connection.send(request)
            if not self.connection.poll(seconds):
                return "timeout"
            return self.connection.recv()
        except (EOFError, OSError):
            return "died"

    def stop(self) -> None:
        self.process.kill()
        self.process.join()
        self.connection.close()


_child: _Child | None = None
_kept: OrderedDict[tuple, Prepared] = OrderedDict()


def start_reader(limits: AttachmentLimits = ATTACHMENT_LIMITS) -> None:
    """Fork the child that reads attachments now, unless this process has one."""
    global _child
    if _child is None or _child.owner != os.getpid() or not _child.process.is_alive():
        _child = _Child(limits.memory)


def _ask(request: tuple, limits: AttachmentLimits) -> Prepared:
    global _child
    start_reader(limits)
    answer = _child.ask(request, limits.seconds)
    if isinstance(answer, Prepared):
        return answer
    _child.stop()
    _child = None
    shown = request[1]
    if answer == "timeout":
        return Prepared.refused(f"“{shown}”无法在 {limits.seconds:g} 秒内读完（文件过于复杂或为恶意构造）；"
                                "请重新扫描或导出。")
    return Prepared.refused(f"“{shown}”读取时出错（所需内存过大或文件为恶意构造）；请重新扫描或导出。")


def prepare_attachment(path: Path, shown: str, limits: AttachmentLimits = ATTACHMENT_LIMITS) -> Prepared:
    """What to bind for the attachment at ``path`` (shown to the user as ``shown``), or why it is refused."""
    stat = path.stat()
    if stat.st_size > limits.bytes:
        return Prepared.refused(f"“{shown}”过大（{stat.st_size / 1048576:.0f} MB），"
                                f"单个附件上限为 {limits.bytes // 1048576} MB。")
    kind, message = check_kind(path, shown)
    if message:
        return Prepared.refused(message)
    key = (str(path.resolve()), shown, stat.st_size, stat.st_mtime_ns, limits)
    if key in _kept:
        _kept.move_to_end(key)
        return _kept[key]
    answer = _ask((path, shown, kind, limits), limits)
    _kept[key] = answer
    if len(_kept) > _KEPT:
        _kept.popitem(last=False)
    return answer


def remembered() -> dict[tuple, Prepared]:
    """The answers this process keeps, to hand to another (a process that validated the data, to the one
    that binds it)."""
    return dict(_kept)


def remember(answers: dict[tuple, Prepared]) -> None:
    """Keep answers another process was given, as if this one had asked for them."""
    for key, answer in answers.items():
        _kept[key] = answer
        _kept.move_to_end(key)
    while len(_kept) > _KEPT:
        _kept.popitem(last=False)
