"""Untrusted attachments are read in a child process, with a time and a memory limit.

The PDF and image libraries are large C and Python code bases reading files made by anyone: a crafted
file can make them loop, allocate without end, crash, or print to the terminal. So the parent only
checks a file's size and first bytes; everything else happens in one child process that reads one file
at a time, with its address space capped and its stderr and logging silenced. A file that takes longer
than ``limits.seconds`` is refused and the child is killed (the next file gets a new one); a child that
dies (out of memory, a crash in C) refuses that file. Results are kept for the life of the process, so
that validation and the binder read each file once, by the file's content (and the name it is shown by, and
the limits); a build also keeps them in its output (:mod:`.stored`), so that the next reads only the files
that changed. A refusal for taking too long or killing the child is never kept beyond the process: it says
as much about the machine's load as about the file. The child is forked as soon as the process knows it
will read attachments (:func:`start_reader`), before it loads a company's data: forked later, from a
process holding a large company, it would keep its own copy of all that memory for as long as it lives.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
from collections import OrderedDict
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from .kinds import check_kind
from .limits import ATTACHMENT_LIMITS, AttachmentLimits
from .prepared import Prepared
from .stored import Key, StoredAnswers

__all__ = ["prepare_attachment", "start_reader", "recording", "remember", "use_stored"]

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
_kept: OrderedDict[Key, tuple[Prepared, bool]] = OrderedDict()     # key → (answer, kept beyond the process)
_stored: StoredAnswers | None = None
_recordings: list[dict[Key, Prepared]] = []


def start_reader(limits: AttachmentLimits = ATTACHMENT_LIMITS) -> None:
    """Fork the child that reads attachments now, unless this process has one."""
    global _child
    if _child is None or _child.owner != os.getpid() or not _child.process.is_alive():
        _child = _Child(limits.memory)


def _ask(request: tuple, limits: AttachmentLimits) -> tuple[Prepared, bool]:
    """The child's answer, and whether it is the file's (not a refusal for the time or the memory the child
    ran out of)."""
    global _child
    start_reader(limits)
    answer = _child.ask(request, limits.seconds)
    if isinstance(answer, Prepared):
        return answer, True
    _child.stop()
    _child = None
    shown = request[1]
    if answer == "timeout":
        return Prepared.refused(f"“{shown}”无法在 {limits.seconds:g} 秒内读完（文件过于复杂或为恶意构造）；"
                                "请重新扫描或导出。"), False
    return Prepared.refused(f"“{shown}”读取时出错（所需内存过大或文件为恶意构造）；请重新扫描或导出。"), False


def _digest(path: Path) -> str:
    with path.open("rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def prepare_attachment(path: Path, shown: str, limits: AttachmentLimits = ATTACHMENT_LIMITS) -> Prepared:
    """What to bind for the attachment at ``path`` (shown to the user as ``shown``), or why it is refused."""
    stat = path.stat()
    if stat.st_size > limits.bytes:
        return Prepared.refused(f"“{shown}”过大（{stat.st_size / 1048576:.0f} MB），"
                                f"单个附件上限为 {limits.bytes // 1048576} MB。")
    kind, message = check_kind(path, shown)
    if message:
        return Prepared.refused(message)
    key = (_digest(path), shown, limits)
    if key in _kept:
        _kept.move_to_end(key)
        answer, lasting = _kept[key]
    else:
        answer = _stored.get(key) if _stored is not None else None
        lasting = answer is not None
        if answer is None:
            answer, lasting = _ask((path, shown, kind, limits), limits)
        _keep(key, answer, lasting)
    if lasting:
        for recorded in _recordings:
            recorded[key] = answer
    return answer


def _keep(key: Key, answer: Prepared, lasting: bool) -> None:
    _kept[key] = answer, lasting
    _kept.move_to_end(key)
    while len(_kept) > _KEPT:
        _kept.popitem(last=False)


@contextmanager
def recording() -> Iterator[dict[Key, Prepared]]:
    """The answers given in the block (those worth keeping beyond this process), by key: what a build read,
    to hand to another process (the one that binds what this one validated) and to keep in its output."""
    recorded: dict[Key, Prepared] = {}
    _recordings.append(recorded)
    try:
        yield recorded
    finally:
        _recordings.remove(recorded)


def remember(answers: dict[Key, Prepared]) -> None:
    """Keep answers another process was given, as if this one had asked for them."""
    for key, answer in answers.items():
        _keep(key, answer, True)


def use_stored(answers: StoredAnswers | None) -> None:
    """Take the answers earlier builds kept (None: none) for files this process has not read."""
    global _stored
    _stored = answers
