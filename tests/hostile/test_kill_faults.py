"""A build killed with SIGKILL at any point of its work never leaves a partial binder or documents where a
good build stood, and the next build succeeds with no temporary tree left.

The points are named (killed_build.py kills the build at the audit event that marks each): while the
documents render, as each kind of file is written into the temporary tree, as that tree is swapped with
the previous output, and after the swap, before the old tree is removed. The two points where a kill
matters most run in the quick loop; the others are marked slow.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader

KILLER = Path(__file__).with_name("killed_build.py")
TEMPORARY = r"\.co\.tmp-\w+/"


@dataclass(frozen=True)
class Point:
    event: str
    pattern: str
    nth: int
    outcome: str            # which output stands after the kill: the "previous" one or the "new" one


POINTS = {
    "rendering": Point("open", r"dossier/templates/", 1, "previous"),     # a renderer reads its template
    "first-document-written": Point("open", TEMPORARY + r"docx/01-", 1, "previous"),
    "binder-written": Point("open", TEMPORARY + r"binder\.pdf", 1, "previous"),
    "manifest-written": Point("open", TEMPORARY + r"manifest\.json", 1, "previous"),
    "swapping": Point("os.chmod", r"\.co\.tmp-\w+'", 1, "previous"),
    "swapped": Point("shutil.rmtree", r"\.co\.tmp-\w+'", 1, "new"),
}
QUICK = {"binder-written", "swapped"}


def _command(company, out: Path) -> list[str]:
    return ["dossier", "build", str(company.root), "-o", str(out), "-j", "2"]


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


def _killed(point: Point, company, out: Path) -> None:
    process = subprocess.Popen([sys.executable, str(KILLER), point.event, point.pattern, str(point.nth),
                                *_command(company, out)[1:]],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    _, errors = process.communicate(timeout=300)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)    # its orphaned workers, which write nothing
    assert process.returncode == -signal.SIGKILL, f"the build was not killed at that point: {errors.decode()}"


def _build(company, out: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "dossier", *_command(company, out)[1:]], capture_output=True,
                          text=True)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.fixture(scope="module")
def good(small_company_build):
    """A complete earlier build of the small company, and the binder digest it holds."""
    _result, out, _company = small_company_build
    return out, _assert_whole(out)


@pytest.mark.parametrize("name", [pytest.param(n, marks=() if n in QUICK else pytest.mark.slow) for n in POINTS])
def test_killed_at_a_named_point(name, good, small_company, tmp_path):
    point = POINTS[name]
    earlier, earlier_binder = good
    out = tmp_path / "out" / "co"
    shutil.copytree(earlier, out)
    # the new build differs in one document only (the complaint log's routine visits), as after a typical 整改
    small_company.edit("complaints.yaml", "satisfied: 105, method: 电话}", "satisfied: 105, method: 短信}")
    _killed(point, small_company, out)
    binder = _assert_whole(out)
    assert (binder == earlier_binder) == (point.outcome == "previous"), "not the expected output stands"
    _build(small_company, out)
    new_binder = _assert_whole(out)
    assert new_binder != earlier_binder
    assert [p.name for p in out.parent.iterdir()] == [out.name], "a temporary tree was left behind"


@pytest.mark.slow
def test_a_first_build_killed_leaves_no_output(small_company, tmp_path):
    out = tmp_path / "out" / "co"
    _killed(POINTS["binder-written"], small_company, out)
    assert not out.exists()
    _build(small_company, out)
    _assert_whole(out)
    assert [p.name for p in out.parent.iterdir()] == [out.name]
