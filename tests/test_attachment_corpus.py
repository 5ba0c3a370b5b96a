"""Every hostile or odd attachment of the corpus ends as it must: bound (as it is, repaired, converted) with
the warning it deserves, or refused in one sentence naming it; never an internal error, never a hang."""

from __future__ import annotations

import io
import time

import pytest

from attachment_corpus import CASES, Case
from dossier.load.attachment import ATTACHMENT_LIMITS, Prepared, prepare_attachment
from dossier.load.attachment import sandbox

#: the binder's image frame (180 × 236 mm) at 300 dpi
FRAME = (2126, 2787)


def _prepared(tmp_path, case: Case) -> Prepared:
    path = tmp_path / case.name
    path.write_bytes(case.make())
    return prepare_attachment(path, case.name)


def _bound_pages(tmp_path, case: Case, prepared: Prepared) -> int:
    from pypdf import PdfReader
    if prepared.kind == "image":
        return 1 if prepared.as_is else len(prepared.blobs)
    source = tmp_path / case.name if prepared.as_is else io.BytesIO(prepared.blobs[0].data)
    reader = PdfReader(source)
    assert not reader.is_encrypted
    return len(reader.pages)


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_each_file_of_the_corpus(tmp_path, case):
    prepared = _prepared(tmp_path, case)
    if case.refusal:
        assert prepared.kind is None and prepared.blobs == ()
        assert case.refusal in prepared.refusal and f"“{case.name}”" in prepared.refusal, prepared.refusal
        assert "\n" not in prepared.refusal
        return
    assert prepared.refusal is None, prepared.refusal
    assert (prepared.as_is, _bound_pages(tmp_path, case, prepared)) == (case.as_is, case.pages)
    if case.warning:
        [note] = prepared.notes
        assert case.warning in note and f"“{case.name}”" in note, note
    else:
        assert prepared.notes == ()


def _image(tmp_path, name: str):
    from PIL import Image
    [case] = [c for c in CASES if c.name == name]
    prepared = _prepared(tmp_path, case)
    return [Image.open(io.BytesIO(blob.data)) for blob in prepared.blobs], prepared


@pytest.mark.parametrize("name, size", [("phone-rotated-90.jpg", (200, 300)), ("phone-rotated-270.jpg", (200, 300)),
                                        ("phone-rotated-180.jpg", (300, 200))])
def test_phone_photos_are_turned_upright(tmp_path, name, size):
    [image], _ = _image(tmp_path, name)
    assert (image.format, image.size, image.getexif().get(0x0112)) == ("JPEG", size, None)
    assert all(abs(a - b) <= 8 for a, b in zip(image.getpixel((10, 10)), (30, 120, 200)))


@pytest.mark.parametrize("name, size", [("huge-photo.jpg", (2126, 1594)), ("panorama.jpg", (2126, 142))])
def test_huge_photos_are_scaled_to_the_frame_at_300_dpi(tmp_path, name, size):
    [image], prepared = _image(tmp_path, name)
    assert (prepared.blobs[0].mime, image.size) == ("image/jpeg", size)
    assert len(prepared.blobs[0].data) < 400_000


def test_cmyk_and_16_bit_scans_become_8_bit(tmp_path):
    [cmyk], _ = _image(tmp_path, "cmyk.jpg")
    red = cmyk.getpixel((600 // 4 + 5, 800 // 4 + 5))
    assert cmyk.mode == "RGB" and red[0] > 200 and red[1] < 60 and red[2] < 60, red
    [grey], prepared = _image(tmp_path, "grey-16-bit.png")
    assert (prepared.blobs[0].mime, grey.mode, grey.getpixel((5, 5))) == ("image/png", "L", 116)   # 30000 / 257


def test_every_page_of_a_scanner_tiff_is_bound_as_line_art(tmp_path):
    pages, prepared = _image(tmp_path, "scanner-3-pages.tif")
    assert [blob.mime for blob in prepared.blobs] == ["image/png"] * 3
    assert [page.size for page in pages] == [(1240, 1754)] * 3
    assert len({blob.data for blob in prepared.blobs}) == 3       # each its own page


def test_preparing_is_deterministic(tmp_path):
    [case] = [c for c in CASES if c.name == "huge-photo.jpg"]
    first = _prepared(tmp_path, case)
    sandbox._kept.clear()
    (tmp_path / case.name).write_bytes(case.make())
    assert _prepared(tmp_path, case) == first


# -- the sandbox ----------------------------------------------------------------------------------------------

@pytest.fixture
def fresh_child():
    """A new child for the test (it forks after the test's monkeypatching), and none left after it."""
    def stop():
        if sandbox._child is not None:
            sandbox._child.stop()
            sandbox._child = None
        sandbox._kept.clear()
        sandbox.use_stored(None)
    stop()
    yield
    stop()


def _slow_reader(path, shown, limits):
    time.sleep(60)


def _hungry_reader(path, shown, limits):
    return bytearray(4 << 30)


def _crashing_reader(path, shown, limits):
    import os
    os.abort()


@pytest.mark.parametrize("reader, fragment", [(_slow_reader, "无法在 1 秒内读完"), (_hungry_reader, "内存超过"),
                                              (_crashing_reader, "读取时出错")])
def test_a_reading_that_hangs_eats_memory_or_crashes_refuses_that_file_only(tmp_path, monkeypatch, fresh_child,
                                                                          reader, fragment):
    from dataclasses import replace

    from dossier.load.attachment import pdf
    [plain] = [c for c in CASES if c.name == "plain.pdf"]
    (tmp_path / "stuck.pdf").write_bytes(plain.make())
    (tmp_path / "next.pdf").write_bytes(plain.make())
    monkeypatch.setattr(pdf, "prepare_pdf", reader)
    started = time.monotonic()
    stuck = prepare_attachment(tmp_path / "stuck.pdf", "stuck.pdf", replace(ATTACHMENT_LIMITS, seconds=1))
    assert time.monotonic() - started < 5
    assert fragment in stuck.refusal and "“stuck.pdf”" in stuck.refusal, stuck.refusal
    monkeypatch.undo()
    if sandbox._child is not None:          # a child that survived (MemoryError) still has the patched reader
        sandbox._child.stop()
        sandbox._child = None
    assert prepare_attachment(tmp_path / "next.pdf", "next.pdf").as_is


def test_each_file_is_read_once_per_process(tmp_path, fresh_child, monkeypatch):
    [plain] = [c for c in CASES if c.name == "plain.pdf"]
    (tmp_path / "a.pdf").write_bytes(plain.make())
    first = prepare_attachment(tmp_path / "a.pdf", "a.pdf")
    monkeypatch.setattr(sandbox, "_ask", lambda *args: pytest.fail("read twice"))
    assert prepare_attachment(tmp_path / "a.pdf", "a.pdf") is first


# -- bound in a binder --------------------------------------------------------------------------------------

MIXED = ["scanner-3-pages.tif", "phone-rotated-90.jpg", "no-xref.pdf", "owner-aes256.pdf", "landscape.pdf",
         "iphone.heic", "animated.gif", "huge-photo.jpg", "letter.pdf"]
A4, A4_LANDSCAPE = [0, 0, 595, 842], [0, 0, 842, 595]


@pytest.mark.slow
def test_odd_attachments_are_bound_on_a4_pages_and_only_our_words_reach_the_terminal(small_company, tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    from pypdf import PdfReader

    by_name = {case.name: case for case in CASES}
    entries = []
    for number, name in enumerate(MIXED, 1):
        small_company.path(f"attachments/{name}").write_bytes(by_name[name].make())
        entries.append(f"  - id: E{number:02d}\n    file: attachments/{name}\n    title: 扫描件 {number}\n    kind: 其他\n")
    small_company.edit("evidence.yaml", "attachments: []", "attachments:\n" + "".join(entries))
    out = tmp_path / "out"
    dossier = Path(sys.executable).with_name("dossier")
    done = subprocess.run([dossier, "build", small_company.root, "-o", out], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    shown = small_company.shown("evidence.yaml")
    warnings = [line for line in done.stdout.splitlines() + done.stderr.splitlines() if "[警告]" in line]
    assert warnings == [
        f"{shown}:{small_company.line_of('evidence.yaml', 'no-xref.pdf')}: attachments[2].file: [警告] "
        "“attachments/no-xref.pdf”有损坏（文件结构错误），已按阅读软件的方式自动修复后装订；请核对装订后的这几页是否完整。",
        f"{shown}:{small_company.line_of('evidence.yaml', 'animated.gif')}: attachments[6].file: [警告] "
        "“attachments/animated.gif”是动画图片（3 帧），只装订第一帧。"]
    assert done.stderr == ""
    reader = PdfReader(out / "binder.pdf")
    pages = reader.pages[len(reader.pages) - 13:]
    boxes = [[round(float(v)) for v in page.mediabox] for page in pages]
    assert boxes == [A4] * 7 + [A4_LANDSCAPE] * 2 + [A4] * 4
    texts = [page.extract_text() for page in pages]
    assert ["（第 2 页，共 3 页）" in text for text in texts[:3]] == [False, True, False]
    assert [text.count("Certificate") for text in texts] == [0, 0, 0, 0, 1, 1, 1, 1, 1, 0, 0, 0, 1]
    assert all(f"第 {len(reader.pages) - 13 + n} 页 / 共 {len(reader.pages)} 页" in text
               for n, text in enumerate(texts, 1))


#: the sample's binder (README: about 2.7 MB: 2.1 MB of scans, the documents, fonts subset once per document)
SAMPLE_BINDER_LIMIT = 3 * 1024 * 1024


def test_the_sample_binder_stays_within_its_stated_size(example_build):
    _result, out = example_build
    assert (out / "binder.pdf").stat().st_size <= SAMPLE_BINDER_LIMIT


def test_a_cut_image_is_refused_even_after_weasyprint_was_imported(tmp_path, fresh_child):
    import weasyprint  # noqa: F401 - it sets PIL.ImageFile.LOAD_TRUNCATED_IMAGES for the whole process
    [case] = [c for c in CASES if c.name == "cut-short.png"]
    assert "不是完整可读的图片" in _prepared(tmp_path, case).refusal


def test_the_reading_child_holds_none_of_the_parents_files(tmp_path, fresh_child):
    """A lock the parent held while the child was forked is free once the parent lets it go (the test
    builds shared between test processes take such a lock around each build)."""
    import fcntl
    [plain] = [c for c in CASES if c.name == "plain.pdf"]
    (tmp_path / "a.pdf").write_bytes(plain.make())
    with open(tmp_path / ".lock", "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        assert prepare_attachment(tmp_path / "a.pdf", "a.pdf").as_is       # forks the child now
    with open(tmp_path / ".lock", "w") as again:
        fcntl.flock(again, fcntl.LOCK_EX | fcntl.LOCK_NB)                  # raises if the child holds it
    assert sandbox._child.process.is_alive()
