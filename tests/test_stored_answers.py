"""What reading attachments gave, kept for the next build: read back as it was, by the file's content, name and
limits, from the same tool only, never when its files were altered; refusals for the machine's time or memory
are not kept."""

from __future__ import annotations

import hashlib
from dataclasses import replace

import pytest

from dossier.load.attachment import ATTACHMENT_LIMITS, Blob, Prepared, StoredAnswers, answer_files, sandbox

SCAN = Prepared("image", (Blob("image/jpeg", b"\xff\xd8page one"), Blob("image/png", b"\x89PNGpage two")),
                ("“scan.tif”为多页图片，已按页装订。",), None, (1240, 1754))
AS_IS = Prepared("pdf")
REFUSED = Prepared.refused("“broken.pdf”无法读取（文件已损坏或格式不受支持）；请重新扫描或导出。")
KEYS = {("a" * 64, "attachments/scan.tif", ATTACHMENT_LIMITS): SCAN,
        ("b" * 64, "attachments/licence.pdf", ATTACHMENT_LIMITS): AS_IS,
        ("c" * 64, "attachments/broken.pdf", ATTACHMENT_LIMITS): REFUSED}


def _kept(tmp_path, answers=KEYS, tool="tool-1"):
    for name, data in answer_files(answers, tool).items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(data)
    return tmp_path


def test_answers_come_back_as_they_were_kept(tmp_path):
    stored = StoredAnswers([_kept(tmp_path)], "tool-1")
    assert {key: stored.get(key) for key in KEYS} == KEYS


def test_the_files_are_the_same_bytes_whatever_the_order(tmp_path):
    assert answer_files(KEYS, "t") == answer_files(dict(reversed(list(KEYS.items()))), "t")
    assert sorted(answer_files(KEYS, "t")) == sorted(["attachments/index.json"] + [
        f"attachments/{hashlib.sha256(b.data).hexdigest()}.bin" for b in SCAN.blobs])


@pytest.mark.parametrize("other", [lambda k: (k[0].replace("a", "d"), k[1], k[2]),
                                   lambda k: (k[0], "attachments/other.tif", k[2]),
                                   lambda k: (k[0], k[1], replace(k[2], dpi=150))])
def test_another_content_name_or_limits_is_not_answered(tmp_path, other):
    stored = StoredAnswers([_kept(tmp_path)], "tool-1")
    [scan] = [k for k, v in KEYS.items() if v is SCAN]
    assert stored.get(other(scan)) is None


def test_another_tool_s_answers_are_not_taken(tmp_path):
    stored = StoredAnswers([_kept(tmp_path)], "tool-2")
    assert [stored.get(key) for key in KEYS] == [None, None, None]


def test_an_altered_or_missing_blob_drops_that_answer_only(tmp_path):
    folder = _kept(tmp_path)
    [blob] = [p for p in (folder / "attachments").glob("*.bin") if p.read_bytes().startswith(b"\xff\xd8")]
    blob.write_bytes(b"\xff\xd8tampered")
    stored = StoredAnswers([folder], "tool-1")
    assert [stored.get(key) for key in KEYS] == [None, AS_IS, REFUSED]
    blob.unlink()
    assert StoredAnswers([folder], "tool-1").get(next(iter(KEYS))) is None


@pytest.mark.parametrize("index", [b"", b"{not json", b"[]", b'{"tool": "tool-1", "answers": {"x": 1}}'])
def test_an_unreadable_index_or_no_folder_answers_nothing(tmp_path, index):
    (tmp_path / "attachments").mkdir()
    (tmp_path / "attachments" / "index.json").write_bytes(index)
    stored = StoredAnswers([tmp_path, tmp_path / "missing"], "tool-1")
    assert [stored.get(key) for key in KEYS] == [None, None, None]


@pytest.fixture
def no_memory(monkeypatch):
    """A process that has read nothing and has no earlier build's answers."""
    monkeypatch.setattr(sandbox, "_kept", type(sandbox._kept)())
    sandbox.use_stored(None)
    yield
    sandbox.use_stored(None)


def test_a_stored_answer_is_taken_without_reading_and_recorded(tmp_path, no_memory, monkeypatch):
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(b"%PDF-1.4\n% a scan\n")
    key = (sandbox._digest(scan), "attachments/scan.pdf", ATTACHMENT_LIMITS)
    sandbox.use_stored(StoredAnswers([_kept(tmp_path / "out", {key: AS_IS})], "tool-1"))
    monkeypatch.setattr(sandbox, "_ask", lambda *args: pytest.fail("read again"))
    with sandbox.recording() as read:
        assert sandbox.prepare_attachment(scan, "attachments/scan.pdf") == AS_IS
    assert read == {key: AS_IS}


def test_a_refusal_for_time_is_kept_in_the_process_but_not_recorded(tmp_path, no_memory, monkeypatch):
    slow = tmp_path / "slow.pdf"
    slow.write_bytes(b"%PDF-1.4\n% slow\n")
    calls = []
    timed_out = Prepared.refused("“slow.pdf”无法在 10 秒内读完（文件过于复杂或为恶意构造）；请重新扫描或导出。")
    monkeypatch.setattr(sandbox, "_ask", lambda *args: calls.append(args) or (timed_out, False))
    with sandbox.recording() as read:
        assert sandbox.prepare_attachment(slow, "slow.pdf") == timed_out
        assert sandbox.prepare_attachment(slow, "slow.pdf") == timed_out
    assert (len(calls), read) == (1, {})
