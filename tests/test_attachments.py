"""Attachment and table paths stay inside the company folder; attachments are what their content says."""

from __future__ import annotations

import io
import os

import pytest

from dossier.validation import load_dossier
from validation_helpers import assert_clean, find

def _png(size=(40, 30), mode="RGB") -> bytes:
    from PIL import Image
    buffer = io.BytesIO()
    Image.new(mode, size, "white").save(buffer, "PNG")
    return buffer.getvalue()


def _jpeg() -> bytes:
    from PIL import Image
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "white").save(buffer, "JPEG")
    return buffer.getvalue()


def _pdf(password: str | None = None, owner: str | None = None, algorithm: str = "RC4-128") -> bytes:
    """A one-page PDF; ``password``: the password needed to open it (``""``: none), ``owner``: the owner
    password that restricts printing and editing."""
    from pypdf import PdfWriter
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    if password is not None:
        writer.encrypt(password, owner, algorithm=algorithm)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


PNG = _png()
PDF = _pdf()


def _attach(company, file: str) -> int:
    company.edit("evidence.yaml", "attachments: []", f"""attachments:
  - id: E01
    file: {file}
    title: 营业执照副本
    kind: 营业执照
    indicators: ["5.1.1"]""")
    return company.line_of("evidence.yaml", f"file: {file}")


def test_good_attachment(small_company):
    (small_company.root / "attachments" / "licence.png").write_bytes(PNG)
    _attach(small_company, "attachments/licence.png")
    assert_clean(small_company)


@pytest.mark.parametrize("reference, fragment", [
    ("../secret.pdf", "“..”"),
    ("/etc/passwd", "绝对路径"),
    ("C:\\\\Windows\\\\x.pdf", "绝对路径"),
    ("https://example.com/licence.pdf", "网址"),
    ("file:///etc/hostname", "网址"),
    ("attachments/missing.pdf", "找不到文件"),
])
def test_refused_references(small_company, reference, fragment):
    line = _attach(small_company, f'"{reference}"')
    [problem] = find(small_company, "schema.attachment", file="evidence.yaml", line=line)
    assert fragment in problem.message


def test_symlink_leading_out_is_refused(small_company, tmp_path):
    outside = tmp_path / "outside.pdf"
    outside.write_bytes(PDF)
    os.symlink(outside, small_company.root / "attachments" / "link.pdf")
    line = _attach(small_company, "attachments/link.pdf")
    [problem] = find(small_company, "schema.attachment", file="evidence.yaml", line=line)
    assert "链接" in problem.message


def test_symlinked_directory_leading_out_is_refused(small_company, tmp_path):
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "x.pdf").write_bytes(PDF)
    os.symlink(tmp_path / "elsewhere", small_company.root / "attachments" / "dir")
    line = _attach(small_company, "attachments/dir/x.pdf")
    find(small_company, "schema.attachment", file="evidence.yaml", line=line)


MISNAMED = [
    ("fake.pdf", "这其实是一个文本文件\n".encode(), "不是 PDF 或常见的图片格式"),
    ("empty.pdf", b"", "空文件"),
    ("photo.pdf", PNG, "内容是 PNG"),
    ("licence.gif", PNG, "扩展名是 .gif，但内容是 PNG"),
    ("licence.svg", PNG, "扩展名应为"),
    ("scan.jpg", PDF, "内容是 PDF"),
]


@pytest.mark.parametrize("name, content, fragment", MISNAMED, ids=[case[0] for case in MISNAMED])
def test_content_decides_not_the_name(small_company, name, content, fragment):
    (small_company.root / "attachments" / name).write_bytes(content)
    line = _attach(small_company, f"attachments/{name}")
    [problem] = find(small_company, "schema.attachment", file="evidence.yaml", line=line)
    assert fragment in problem.message


UNTRUSTED = [
    ("locked.pdf", _pdf(password="secret"), "设有打开密码"),
    ("locked-aes.pdf", _pdf(password="secret", owner="owner", algorithm="AES-256"), "设有打开密码"),
    ("truncated.pdf", PDF[: len(PDF) // 2], "被截断"),
    ("broken.pdf", b"%PDF-1.7\n" + b"garbage " * 50 + b"\n%%EOF\n", "不是完整可读的 PDF"),
    ("truncated.jpg", _jpeg()[:-40], "完整"),
    ("cut-tail.jpg", _jpeg()[:-2], "不完整"),
    ("bomb.png", _png((10000, 10000), "1"), "百万像素"),
    ("broken.png", PNG[:40], "不是完整可读的图片"),
]


@pytest.mark.parametrize("name, content, fragment", UNTRUSTED, ids=[case[0] for case in UNTRUSTED])
def test_untrusted_attachments_are_refused(small_company, name, content, fragment):
    (small_company.root / "attachments" / name).write_bytes(content)
    line = _attach(small_company, f"attachments/{name}")
    [problem] = find(small_company, "schema.attachment", file="evidence.yaml", line=line)
    assert fragment in problem.message and name in problem.message


def test_good_jpeg_and_pdf(small_company):
    (small_company.root / "attachments" / "scan.jpg").write_bytes(_jpeg())
    (small_company.root / "attachments" / "cert.pdf").write_bytes(PDF)
    _attach(small_company, "attachments/scan.jpg")
    small_company.append("evidence.yaml", """  - id: E02
    file: attachments/cert.pdf
    title: 证书
    kind: 认证证书
""")
    assert_clean(small_company)


def test_table_path_outside_is_refused(small_company):
    small_company.edit("training.yaml", "attendance:\n", "attendance: ../attendance.csv\nold_attendance:\n")
    find(small_company, "table.path", file="training.yaml", line=small_company.line_of("training.yaml", "attendance: ../"))



#: PDFs that every viewer opens without a password: only an owner password restricts printing or editing,
#: as with certificates downloaded from official portals (RC4, and AES as current tools write them)
OWNER_LOCKED = [("owner-rc4.pdf", "RC4-128"), ("owner-aes128.pdf", "AES-128"), ("owner-aes256.pdf", "AES-256")]


@pytest.mark.parametrize("name, algorithm", OWNER_LOCKED, ids=[case[0] for case in OWNER_LOCKED])
def test_a_pdf_locked_by_its_owner_only_is_bound(small_company, name, algorithm):
    from pypdf import PdfReader, PdfWriter

    from dossier.binder.attachments import load_attachments

    (small_company.root / "attachments" / name).write_bytes(_pdf(password="", owner="portal", algorithm=algorithm))
    _attach(small_company, f"attachments/{name}")
    validation = load_dossier(small_company.root)
    assert validation.problems == ()
    [item] = load_attachments(validation.dossier)
    writer = PdfWriter()
    writer.append(item.reader, pages=list(item.pages))
    bound = io.BytesIO()
    writer.write(bound)
    reader = PdfReader(io.BytesIO(bound.getvalue()))
    assert (reader.is_encrypted, len(reader.pages)) == (False, 1)


def test_the_attachment_reader_is_forked_before_the_company_s_data_is_loaded(small_company, monkeypatch):
    """Forked later, from a process holding a large company's data, the reader would keep its own copy of all
    that memory for as long as it lives."""
    import dossier.validation as validation
    from dossier.load.attachment import sandbox

    monkeypatch.setattr(sandbox, "_child", None)
    seen = []
    real = validation.load_sources

    def loading(root):
        child = sandbox._child
        seen.append(child is not None and child.owner == os.getpid() and child.process.is_alive())
        return real(root)

    monkeypatch.setattr(validation, "load_sources", loading)
    load_dossier(small_company.root)
    assert seen == [True]
    pid = sandbox._child.process.pid
    load_dossier(small_company.root)
    assert seen == [True, True] and sandbox._child.process.pid == pid      # one reader for the process
