"""A build killed with SIGKILL at 20 moments spread over its whole run never leaves a partial binder
or documents where a good build stood, and the next build succeeds with no temporary tree left."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from pypdf import PdfReader

MOMENTS = 20
SEED = 27922


def _command(company, out: Path) -> list[str]:
    return [sys.executable, "-m", "dossier", "build", str(company.root), "-o", str(out), "--force", "-j", "2"]


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _assert_whole(out: Path) -> str:
    """The output is one complete build: every file its manifest names is there with its checksum, the
    binder opens with the recorded page count, and no other document lies around. Its binder digest."""
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    binder = manifest["binder"]
    assert _sha(out / binder["file"]) == binder["sha256"]
    assert len(PdfReader(out / binder["file"]).pages) == binder["pages"]
    listed = set()
    for document in manifest["documents"]:
        for kind in ("docx", "pdf"):
            assert _sha(out / document[kind]) == document["sha256"][kind], document[kind]
            listed.add(document[kind])
    present = {p.relative_to(out).as_posix() for p in out.glob("*/*.*") if p.parent.name in ("docx", "pdf")}
    assert present == listed
    for name in ("report.html", "report.json", "revisions.json"):
        assert (out / name).stat().st_size > 0
    return binder["sha256"]


def test_killed_at_twenty_moments(scaffold, tmp_path):
    out = tmp_path / "out" / "co"
    started = time.perf_counter()
    subprocess.run(_command(scaffold, out), check=True, capture_output=True)
    duration = time.perf_counter() - started
    good = {_assert_whole(out)}
    rng = random.Random(SEED)
    previous_phone = "phone: 0591-87000000"
    outcomes = []
    for moment in range(MOMENTS):
        phone = f"phone: 0591-87{moment:06d}"
        scaffold.edit("company.yaml", previous_phone, phone)          # each build differs from the last
        process = subprocess.Popen(_command(scaffold, out), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                   start_new_session=True)
        time.sleep(rng.uniform(0.02, 1.0) * duration)
        os.kill(process.pid, signal.SIGKILL)          # the build itself, as `kill -9 PID` would
        process.wait()
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)    # then its orphaned workers, which write nothing
        digest = _assert_whole(out)
        outcomes.append("previous" if digest in good else "new")
        good.add(digest)
        previous_phone = phone
    assert "previous" in outcomes, outcomes      # most kills land mid-build
    done = subprocess.run(_command(scaffold, out), capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    _assert_whole(out)
    assert [p.name for p in out.parent.iterdir()] == [out.name]
