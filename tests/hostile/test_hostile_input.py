"""Untrusted company data: every case is refused by `dossier build` with exit 1, one-line messages
naming the file (and the line where there is one), no traceback, and the previous output untouched."""

from __future__ import annotations

import io
import os
from dataclasses import dataclass
from typing import Callable

import pytest

from attachment_corpus import CASES as ATTACHMENTS
from .hostile_helpers import assert_refused, build

MB = 1024 * 1024


@dataclass(frozen=True)
class Case:
    """Break the company with ``mutate``; expect a message naming ``file`` (at the line of ``at``)."""

    mutate: Callable
    file: str
    at: str | None = None          # text on the expected line of ``file`` after the mutation
    fragment: str | None = None    # what the message must say
    nth: int = 1


# --- files ------------------------------------------------------------------------------------------

def _pdf(**options) -> bytes:
    from pypdf import PdfWriter
    from pypdf.generic import ArrayObject, DictionaryObject, FloatObject, NameObject, TextStringObject

    writer = PdfWriter()
    page = writer.add_blank_page(595, 842)
    if options.get("password") is not None:
        writer.encrypt(options["password"])
    action = DictionaryObject({NameObject("/S"): NameObject("/JavaScript"),
                               NameObject("/JS"): TextStringObject("app.launchURL('http://example.com/');")})
    if options.get("open_action"):
        writer._root_object[NameObject("/OpenAction")] = writer._add_object(action)
    if options.get("link_action"):
        link = DictionaryObject({NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject("/Link"),
                                 NameObject("/Rect"): ArrayObject([FloatObject(v) for v in (0, 0, 100, 100)]),
                                 NameObject("/A"): action})
        page[NameObject("/Annots")] = ArrayObject([writer._add_object(link)])
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _png_bomb() -> bytes:
    """A 1-bit PNG of 200 million pixels: a few kilobytes on disk, gigabytes once decoded."""
    from PIL import Image
    buffer = io.BytesIO()
    Image.new("1", (20000, 10000), 1).save(buffer, "PNG")
    return buffer.getvalue()


def _replace(name: str, content: bytes):
    return lambda c: c.path(name).write_bytes(content)


def _text(name: str, text: str, encoding: str = "utf-8"):
    return lambda c: c.path(name).write_bytes(text.encode(encoding))


def _edit(name: str, old: str, new: str):
    return lambda c: c.edit(name, old, new)


def _append(name: str, text: str):
    return lambda c: c.append(name, text)


def _reencode(name: str, encoding: str):
    def mutate(c):
        c.path(name).write_bytes(c.path(name).read_text(encoding="utf-8").encode(encoding))
    return mutate


def _symlink_out(c):
    outside = c.root.parent / "outside.pdf"
    outside.write_bytes(_pdf())
    c.path("attachments/manager_certificates.pdf").unlink()
    os.symlink(outside, c.path("attachments/manager_certificates.pdf"))


def _python_tag(c):
    c.edit("company.yaml", "short_name: 闽安家电服务",
           f'short_name: !!python/object/apply:os.system ["touch {c.root.parent / "pwned"}"]')


def _fifty_megabytes(c):
    with c.path("personnel.yaml").open("a", encoding="utf-8") as fh:
        line = "# " + "填充" * 500 + "\n"
        for _ in range(50 * MB // len(line.encode()) + 1):
            fh.write(line)


_BILLION_LAUGHS = "\n".join(
    ["name: &a0 [哈, 哈, 哈, 哈, 哈, 哈, 哈, 哈, 哈]"]
    + [f"x{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]) + "\n"

_WRONG_TYPES = [("established: 2016-03-18", "established: 去年三月"),
                ("  total: 63 ", "  total: 很多 "),
                ("  after_sales: 56 ", "  after_sales: -3 "),
                ("  email: linmeiling@minan.example.com", "  email: 林美玲 at minan"),
                ("  mobile: \"15158868259\"", "  mobile: \"1515886825\""),
                ("postcode: \"350011\"", "postcode: 福州")]


def _wrong_types(c):
    for old, new in _WRONG_TYPES:
        c.edit("company.yaml", old, new)


EVIDENCE = "evidence.yaml"


def _from_corpus(target: str, name: str):
    """``target`` replaced by a file of the attachment corpus (tests/attachment_corpus.py)."""
    [case] = [case for case in ATTACHMENTS if case.name == name]
    return lambda c: c.path(target).write_bytes(case.make())

CERTS = "attachments/manager_certificates.pdf"
LICENCE = "attachments/business_licence.jpg"

CASES = {
    # YAML itself
    "yaml-bomb": Case(_text("company.yaml", _BILLION_LAUGHS), "company.yaml", fragment="别名"),
    "deep-nesting": Case(_append("organisation.yaml", "deep: " + "[" * 5000 + "]" * 5000 + "\n"),
                         "organisation.yaml", at="deep: ", fragment="层"),
    "python-tag": Case(_python_tag, "company.yaml", at="short_name: !!python", fragment="标签"),
    "unknown-tag": Case(_edit("company.yaml", "website: www.minan.example.com", "website: !include /etc/passwd"),
                        "company.yaml", at="website: !include", fragment="标签"),
    "duplicate-key": Case(_append("company.yaml", "name: 另一个名称\n"), "company.yaml", at="name: 另一个名称",
                          fragment="重复"),
    "tab-indentation": Case(_edit("company.yaml", "  position: 副总经理", "\tposition: 副总经理"), "company.yaml",
                            at="\tposition:", fragment="制表符"),
    "broken-indentation": Case(_edit("company.yaml", "  position: 副总经理", "     position: 副总经理"), "company.yaml",
                               at="position: 副总经理"),
    "gbk-file": Case(_reencode("outlets.yaml", "gbk"), "outlets.yaml", fragment="UTF-8"),
    "utf16-file": Case(_reencode("outlets.yaml", "utf-16"), "outlets.yaml", fragment="UTF-8"),
    "bom-then-bad-uscc": Case(lambda c: (c.edit("company.yaml", "uscc: 91350111MA34B7K291", "uscc: 91350111MA34B7K292"),
                                         c.path("company.yaml").write_bytes(b"\xef\xbb\xbf"
                                                                           + c.path("company.yaml").read_bytes())),
                              "company.yaml", at="uscc: ", fragment="校验"),
    "nul-byte": Case(_edit("company.yaml", "legal_representative: 郑国华", "legal_representative: 郑国\x00华"),
                     "company.yaml", at="legal_representative", fragment="控制字符"),
    "two-documents": Case(_append("outlets.yaml", "---\nname: 第二个文档\n"), "outlets.yaml", at="---"),
    "list-not-mapping": Case(_text("outlets.yaml", "- 福州\n- 厦门\n"), "outlets.yaml", at="- 福州"),
    "empty-file": Case(_text("personnel.yaml", ""), "personnel.yaml"),
    "missing-file": Case(lambda c: c.path("training.yaml").unlink(), "training.yaml", fragment="缺少"),
    "fifty-megabytes": Case(_fifty_megabytes, "personnel.yaml", fragment="MB"),
    # values
    "wrong-types-everywhere": Case(_wrong_types, "company.yaml", at="established: 去年三月"),
    "bad-uscc": Case(_edit("company.yaml", "uscc: 91350111MA34B7K291", "uscc: 91350111MA34B7K29I"), "company.yaml",
                     at="uscc: ", fragment="统一社会信用代码"),
    "licence-dates-reversed": Case(_edit("company.yaml", "valid_until: 长期", "valid_until: 2020-01-01"),
                                   "company.yaml", at="valid_until: 2020-01-01"),
    "complaint-resolved-before-received": Case(
        _edit("complaints/complaints.csv", "2025-10-09 10:35,2025-10-10 12:30", "2025-10-09 10:35,2025-10-01 12:30"),
        "complaints/complaints.csv", at="TS2025-001,"),
    "dangling-outlet": Case(_edit("complaints/complaints.csv", "13893730373,洗衣机,O01,", "13893730373,洗衣机,O99,"),
                            "complaints/complaints.csv", at="TS2025-001,", fragment="O99"),
    "csv-row-too-long": Case(_edit("complaints/complaints.csv", ",2025-10-12,电话,满意", ",2025-10-12,电话,满意,多,余"),
                             "complaints/complaints.csv", at="TS2025-001,"),
    "unknown-field": Case(_edit("company.yaml", "website: www", "wesbite: www"), "company.yaml", at="wesbite:"),
    # attachments
    "attachment-dotdot": Case(_edit(EVIDENCE, f"file: {CERTS}", "file: ../secret.pdf"), EVIDENCE,
                              at="file: ../secret.pdf", fragment=".."),
    "attachment-absolute": Case(_edit(EVIDENCE, f"file: {CERTS}", "file: /etc/passwd"), EVIDENCE,
                                at="file: /etc/passwd", fragment="绝对路径"),
    "attachment-url": Case(_edit(EVIDENCE, f"file: {CERTS}", "file: https://example.com/x.pdf"), EVIDENCE,
                           at="file: https://", fragment="网址"),
    "attachment-symlink-out": Case(_symlink_out, EVIDENCE, at=f"file: {CERTS}", fragment="链接"),
    "encrypted-pdf": Case(_replace(CERTS, _pdf(password="secret")), EVIDENCE, at=f"file: {CERTS}", fragment="设有打开密码"),
    "truncated-pdf": Case(lambda c: c.path(CERTS).write_bytes(c.path(CERTS).read_bytes()[:5000]), EVIDENCE,
                          at=f"file: {CERTS}", fragment="截断"),
    "zero-byte-pdf": Case(_replace(CERTS, b""), EVIDENCE, at=f"file: {CERTS}", fragment="0 字节"),
    "pdf-with-javascript": Case(_replace(CERTS, _pdf(open_action=True)), EVIDENCE, at=f"file: {CERTS}",
                                fragment="JavaScript"),
    "pdf-with-javascript-link": Case(_replace(CERTS, _pdf(link_action=True)), EVIDENCE, at=f"file: {CERTS}",
                                     fragment="JavaScript"),
    "pdf-unknown-filter": Case(_from_corpus(CERTS, "unknown-filter.pdf"), EVIDENCE, at=f"file: {CERTS}",
                               fragment="/PlateDecode"),
    "pdf-flate-bomb": Case(_from_corpus(CERTS, "flate-bomb.pdf"), EVIDENCE, at=f"file: {CERTS}",
                           fragment="不是完整可读的 PDF"),
    "png-decompression-bomb": Case(_replace("attachments/iso9001_certificate.png", _png_bomb()), EVIDENCE,
                                   at="file: attachments/iso9001_certificate.png", fragment="像素"),
    "html-as-jpeg": Case(_replace(LICENCE, b"<!DOCTYPE html><html><script>alert(1)</script></html>"), EVIDENCE,
                         at=f"file: {LICENCE}", fragment="不是 PDF 或常见的图片格式"),
}


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_refused_and_nothing_harmed(case, example, previous):
    case.mutate(example)
    refusal = build(example, previous.path)
    line = example.line_of(case.file, case.at, case.nth) if case.at else None
    assert_refused(refusal, example.shown(case.file), line, case.fragment)
    previous.assert_untouched()


def test_python_tag_runs_nothing(example, previous):
    _python_tag(example)
    build(example, previous.path)
    assert not (example.root.parent / "pwned").exists()


def test_every_wrong_type_in_one_file_is_reported_at_once(example, previous):
    _wrong_types(example)
    refusal = build(example, previous.path)
    lines = {example.line_of("company.yaml", new.strip()) for _, new in _WRONG_TYPES}
    reported = {int(line.split(":")[1]) for line in refusal.naming(example.shown("company.yaml") + ":")}
    assert lines <= reported, (sorted(lines), refusal.lines)


def test_a_bom_alone_is_accepted(example, runner):
    from dossier.cli import main
    example.path("company.yaml").write_bytes(b"\xef\xbb\xbf" + example.path("company.yaml").read_bytes())
    result = runner.invoke(main, ["validate", str(example.root)])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("name", ["personnel.yaml", "outlets.yaml", "organisation.yaml", "training.yaml",
                                  "service_system.yaml", "evidence.yaml"])
def test_a_broken_file_is_one_problem_not_one_per_reference_to_it(example, previous, name):
    example.path(name).write_bytes("- 不是字段\n".encode())
    refusal = build(example, previous.path)
    assert_refused(refusal, example.shown(name), 1)
    assert len(refusal.lines) == 2, refusal.lines          # the problem, and the count
