"""The output cannot be written: an unwritable directory, a full disk. One line naming the path, exit 1,
the previous output untouched and no temporary tree left behind."""

from __future__ import annotations

import errno
import os
import resource
import signal
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest

from .hostile_helpers import Refusal, assert_refused, build


def _change_something(company) -> None:
    """A change that makes the build render and write again (the previous output matches the data)."""
    company.edit("company.yaml", "phone: 0591-87562300", "phone: 0591-87562399")


@contextmanager
def _unwritable(*directories: Path):
    """Directories nobody may write into: mode 555 for a user, the immutable attribute for root
    (who ignores modes but not ``chattr +i``)."""
    if os.geteuid() != 0:
        for directory in directories:
            directory.chmod(0o555)
        try:
            yield
        finally:
            for directory in directories:
                directory.chmod(0o755)
        return
    done = subprocess.run(["chattr", "+i", *map(str, directories)], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"root cannot make a directory unwritable here: {done.stderr.strip()}")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", *map(str, directories)], check=True)


def test_output_directory_not_writable(example, previous):
    _change_something(example)
    with _unwritable(previous.path.parent, previous.path):
        refusal = build(example, previous.path)
    assert_refused(refusal, previous.path.as_posix(), fragment="没有写入权限")
    assert len(refusal.lines) == 1
    previous.assert_untouched()


def _small_disk(limit: int):
    """In the child: files may not grow past ``limit`` bytes, and writing past it fails (EFBIG)
    instead of killing the process, as a full disk fails a write with ENOSPC."""
    def limit_writes():
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    return limit_writes


def test_disk_full_while_writing_the_output(example, previous):
    _change_something(example)
    done = subprocess.run([sys.executable, "-m", "dossier", "build", str(example.root), "-o", str(previous.path)],
                          capture_output=True, text=True, preexec_fn=_small_disk(512 * 1024))
    refusal = Refusal(done.returncode, [line for line in (done.stdout + done.stderr).splitlines() if line.strip()])
    assert_refused(refusal, previous.path.as_posix(), fragment="磁盘空间不足")
    previous.assert_untouched()


def test_no_space_left_halfway_through_the_output(example, previous, monkeypatch):
    from dossier.build import publish

    written = []
    original = publish.Staging.write

    def fill_up(self, relative, data):
        if len(written) == 7:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(self.root / relative))
        written.append(relative)
        return original(self, relative, data)

    monkeypatch.setattr(publish.Staging, "write", fill_up)
    _change_something(example)
    refusal = build(example, previous.path)
    assert_refused(refusal, previous.path.as_posix(), fragment="磁盘空间不足")
    assert not any(".tmp-" in line for line in refusal.lines), refusal.lines   # named as the user knows it
    previous.assert_untouched()
