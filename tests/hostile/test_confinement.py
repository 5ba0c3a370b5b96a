"""Markup in every free-text field prints literally, and a whole build, watched by an audit hook,
opens no file outside the package, the company folder, the output and the Python and font
installations, fetches no URL and starts no process."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path
from types import SimpleNamespace

import pytest

import dossier
from documents import docx_text, squeeze
from .free_text import OUTSIDE, Injector, payload, tail

EXAMPLE = Path(__file__).resolve().parents[2] / "company_data" / "example"
AUDITED = Path(__file__).with_name("audited_build.py")

pytestmark = pytest.mark.slow   # one whole build of the sample under an audit hook


@pytest.fixture(scope="module")
def injected(tmp_path_factory):
    root = tmp_path_factory.mktemp("free-text")
    company = root / "example"
    shutil.copytree(EXAMPLE, company)
    fields = Injector(company).inject()
    out, log, mpl = root / "out" / "example", root / "audit.jsonl", root / "matplotlib"
    env = {**os.environ, "MPLCONFIGDIR": str(mpl)}
    # matplotlib builds its font list once per machine (running fc-list); do that before watching, as
    # every build but a machine's first finds it done
    subprocess.run([sys.executable, "-c", "import matplotlib.font_manager"], env=env, check=True)
    done = subprocess.run([sys.executable, str(AUDITED), str(log), "build", str(company), "--stage", "application", "-o", str(out)],
                          capture_output=True, text=True, cwd=root, env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    records = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    return SimpleNamespace(company=company, out=out, fields=fields, records=records, mpl=mpl, output=done.stdout)


def _within(path: str, roots) -> bool:
    return any(path == root or path.startswith(root.rstrip("/") + "/") for root in roots)


def test_no_file_outside_is_opened(injected):
    allowed = {os.path.realpath(p) for p in (
        Path(dossier.__file__).parent, injected.company, injected.out.parent, injected.mpl,
        sys.prefix, sys.base_prefix, sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"],
        "/usr/share/fonts", "/usr/share/zoneinfo", "/dev/null", "/dev/urandom",
        "/etc/mime.types",          # read by the standard library's mimetypes, for the fetcher's content types
        "/proc/self/statm")}        # the attachment sandbox's own size, to cap the child's address space
    allowed |= {str(Path(p)) for p in allowed}
    opened = {r["path"] for r in injected.records if r["event"] == "open" and not r["library_lookup"]}
    assert opened, "the audit hook saw nothing"
    outside = sorted(p for p in opened if not _within(p, allowed) and not _within(os.path.realpath(p), allowed))
    assert not outside, outside
    assert OUTSIDE.removeprefix("file://") not in {os.path.realpath(p) for p in opened}


def test_no_url_fetched_and_no_process_started(injected):
    events = [r for r in injected.records if r["event"] != "open" and not r["library_lookup"]]
    fetched = [r for r in events if r["event"] == "urllib.Request"]
    assert all(re.match(r"""\(['"]data:""", r["args"]) for r in fetched), fetched   # inline images: no network, no file
    started = [r for r in events if r["event"] != "urllib.Request"]
    # the one process the tool itself runs: fontconfig's font list, to find the font files whose subsets
    # the binder shares; a fixed command line, no data in it
    assert all(r["args"].startswith("('fc-list', ['fc-list', '--format', ") for r in started), started


def test_library_lookups_only_locate_libraries(injected):
    """What happens inside ctypes.util.find_library when weasyprint is imported: ldconfig, gcc and
    ld asked for a library, and their temporary files. Nothing else hides behind that exemption."""
    for record in (r for r in injected.records if r["library_lookup"]):
        if record["event"] == "open":
            assert record["path"] == os.devnull or record["path"].startswith(tempfile.gettempdir()), record
        else:
            assert record["event"] == "subprocess.Popen", record
            assert re.match(r"\('(/sbin/ldconfig|/usr/bin/gcc|ld|/usr/bin/ld|\S*gcc)', \[", record["args"]), record


def test_every_field_prints_its_markup_literally(injected):
    docx = squeeze("\n".join(docx_text(path.read_bytes()) for path in sorted((injected.out / "docx").glob("*.docx"))))
    printed = {int(n) for n in re.findall(r"&amp;#(\d+)#", docx)}
    assert len(printed) >= injected.fields * 0.6, (len(printed), injected.fields)
    for number in printed:
        assert squeeze(payload(number)) in docx, number
    assert "42&amp;#" not in docx and not re.search(r"\}\}&#\d+#", docx)      # never evaluated, never unescaped


def test_the_binder_prints_the_same_text(injected):
    # -raw: the text in the order it is drawn, each cell's lines together (pdftotext's reading order would
    # interleave the lines of cells side by side, splitting a field that wraps in its column)
    text = squeeze(subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(injected.out / "binder.pdf"), "-"],
                                  capture_output=True, text=True, check=True).stdout)
    printed = {int(n) for n in re.findall(r"&amp;#(\d+)#", text)}
    assert len(printed) >= injected.fields * 0.6, (len(printed), injected.fields)
    whole = [n for n in printed if squeeze(tail(n)) in text]
    assert set(whole) == printed, sorted(printed - set(whole))
    assert "42&amp;#" not in text and not re.search(r"\}\}&#\d+#", text)
    assert "<imgsrc=" in text
