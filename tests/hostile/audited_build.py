"""Run `dossier` with a Python audit hook that logs every file opened, every network call and every
process started, by this process and by the workers it forks. Usage: audited_build.py LOG ARGS...

Each record says whether it happened inside ``ctypes.util.find_library``: how cffi locates the
system libraries weasyprint loads when it is imported (it runs ldconfig and gcc, with a temporary
file), the same for every build and unrelated to any data."""

from __future__ import annotations

import json
import os
import sys

_WATCHED = {"socket.connect", "socket.getaddrinfo", "socket.gethostbyname", "urllib.Request", "http.client.connect",
            "subprocess.Popen", "os.system", "os.exec", "os.posix_spawn", "os.spawn", "shutil.copyfile"}


def _in_library_lookup(frame) -> bool:
    while frame is not None:
        code = frame.f_code
        if code.co_name == "find_library" and code.co_filename.endswith(os.path.join("ctypes", "util.py")):
            return True
        frame = frame.f_back
    return False


class _Log:
    """The log file, reopened where a forked child has closed the descriptors it inherited (the attachment
    sandbox's child does), so that what the child does is logged too, and never into another file that
    took the descriptor's number."""

    def __init__(self, path: str):
        self.path = path
        self.reopening = False
        self._open()

    def _open(self) -> None:
        self.reopening = True          # the hook sees its own open: not a record
        try:
            self.fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
            stat = os.fstat(self.fd)
            self.identity = (stat.st_dev, stat.st_ino)
        finally:
            self.reopening = False

    def write(self, line: bytes) -> None:
        try:
            stat = os.fstat(self.fd)
            ours = (stat.st_dev, stat.st_ino) == self.identity
        except OSError:
            ours = False
        if not ours:
            self._open()
        os.write(self.fd, line)


def main() -> None:
    log = _Log(sys.argv[1])

    def hook(event, args):
        if log.reopening:
            return
        if event == "open" and isinstance(args[0], (str, bytes, os.PathLike)):
            record = {"event": event, "path": os.path.abspath(os.fsdecode(args[0])), "mode": str(args[1])}
        elif event in _WATCHED:
            record = {"event": event, "args": repr(args)[:300]}
        else:
            return
        record["library_lookup"] = _in_library_lookup(sys._getframe(1))
        log.write((json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8"))

    sys.addaudithook(hook)
    from dossier.cli import main as dossier
    dossier(sys.argv[2:], prog_name="dossier")


if __name__ == "__main__":
    main()
