"""Untrusted workbooks: each one `dossier validate` refuses in one line naming the file, with no traceback;
nothing is expanded, executed or followed."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from typing import Callable

import openpyxl
import pytest
from click.testing import CliRunner

from dossier.cli import main
from dossier.errors import LoadError
from dossier.load import workbook
from dossier.load.workbook import WorkbookLimits, workbook_table
from dossier.load.yaml import Limits
from dossier.schemas import load_schema

from .hostile_helpers import Refusal, assert_refused

TABLE = "complaints.xlsx"
MB = 1024 * 1024


def _good() -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "投诉记录"
    sheet.append(["投诉编号", "受理时间", "投诉渠道", "顾客姓名或单位名称", "投诉类别", "投诉内容"])
    sheet.append(["C1", "2026-05-12 10:20", "服务热线", "周先生", "响应时效", "上门慢"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _rezip(data: bytes, replace: dict[str, bytes] = {}, add: dict[str, bytes] = {}) -> bytes:  # noqa: B006
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            target.writestr(name, replace.get(name, source.read(name)))
        for name, content in add.items():
            target.writestr(name, content)
    return out.getvalue()


_LAUGHS = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
           + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
           + ']>')


def _billion_laughs(member: str) -> Callable[[], bytes]:
    def make() -> bytes:
        data = _good()
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            xml = archive.read(member).decode()
        xml = re.sub(r"^<\?xml[^>]*\?>", "", xml)
        xml = _LAUGHS + re.sub(r"<t>[^<]*</t>", "<t>&lol9;</t>", xml, count=1) if "<t>" in xml else _LAUGHS + xml
        return _rezip(data, replace={member: xml.encode()})
    return make


def _with_dimension(ref: str, rows: int) -> Callable[[], bytes]:
    """``rows`` data rows, under a dimension record that claims ``ref`` (a lie either way)."""
    def make() -> bytes:
        book = openpyxl.load_workbook(io.BytesIO(_good()))
        for n in range(rows):
            book.active.append([f"C{n + 2}", "2026-05-12 10:20", "服务热线", "周先生", "响应时效", "上门慢"])
        buffer = io.BytesIO()
        book.save(buffer)
        xml = zipfile.ZipFile(buffer).read("xl/worksheets/sheet1.xml").decode()
        xml = re.sub(r'<dimension ref="[^"]*"\s*/>', f'<dimension ref="{ref}"/>', xml)
        return _rezip(buffer.getvalue(), replace={"xl/worksheets/sheet1.xml": xml.encode()})
    return make


def _wide() -> bytes:
    book = openpyxl.load_workbook(io.BytesIO(_good()))
    book.active.cell(row=2, column=300, value="远处的一格")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@dataclass(frozen=True)
class Case:
    """A hostile table file: its name, its bytes, what the one line about it must say."""

    name: str
    make: Callable[[], bytes]
    fragment: str


CASES = {
    "zip-bomb": Case(TABLE, lambda: _rezip(_good(), add={"xl/media/padding.bin": b"\0" * (8 * MB)}), "压缩炸弹"),
    "billion-laughs-sheet": Case(TABLE, _billion_laughs("xl/worksheets/sheet1.xml"), "实体"),
    "billion-laughs-workbook": Case(TABLE, _billion_laughs("xl/workbook.xml"), "实体"),
    "billion-laughs-styles": Case(TABLE, _billion_laughs("xl/styles.xml"), "实体"),
    "macros-by-name": Case("complaints.xlsm", _good, "宏"),
    "macros-inside": Case(TABLE, lambda: _rezip(_good(), add={"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0" * 100}), "宏"),
    "old-xls": Case("complaints.xls", lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1000, "请在 Excel 或 WPS 中打开后另存为 .xlsx"),
    "xls-named-xlsx": Case(TABLE, lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1000, "请另存为 .xlsx"),
    "csv-named-xlsx": Case(TABLE, lambda: "投诉编号,受理时间\nC1,2026-05-12 10:20\n".encode(), "改为 .csv"),
    "xlsx-named-csv": Case("complaints.csv", _good, "改为 .xlsx"),
    "truncated": Case(TABLE, lambda: _good()[:2000], "不是完整可读的 Excel 工作簿"),
    "zip-not-workbook": Case(TABLE, lambda: _rezip(_rezip(_good()), replace={"[Content_Types].xml": b"<x/>"}),
                             "不是完整可读的 Excel 工作簿"),
    "empty-zip": Case(TABLE, lambda: b"PK\x05\x06" + b"\0" * 18, ""),
    "rows-beyond-a-small-dimension": Case(TABLE, _with_dimension("A1:F2", 60), "过大"),
    "rows-in-a-huge-dimension": Case(TABLE, _with_dimension("A1:F5000000", 0), "过大"),
    "columns-beyond-the-cap": Case(TABLE, _wide, "过大"),
}


def _use(company, name: str) -> None:
    text = company.path("complaints.yaml").read_text(encoding="utf-8")
    head, rest = text.split("complaints:\n", 1)
    company.path("complaints.yaml").write_text(head + f"complaints: {name}\n\n" + rest[rest.index("visits:"):],
                                               encoding="utf-8")


def _validate(company) -> Refusal:
    result = CliRunner().invoke(main, ["validate", str(company.root)])
    return Refusal(result.exit_code, [line for line in result.output.splitlines() if line.strip()][:-1] or
                   result.output.splitlines())


@pytest.fixture
def small_limits(monkeypatch):
    monkeypatch.setattr(workbook, "WORKBOOK_LIMITS", WorkbookLimits(rows=50, columns=100))


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_refused_in_one_line(case, small_company, small_limits):
    small_company.path(case.name).write_bytes(case.make())
    _use(small_company, case.name)
    refusal = _validate(small_company)
    assert_refused(refusal, small_company.shown(case.name), 1, case.fragment or None)
    assert len(refusal.naming(small_company.shown(case.name))) == 1, refusal.lines


def test_openpyxl_reads_through_defusedxml_past_our_own_check(tmp_path, monkeypatch):
    """Entities declared past the prolog our check reads: defusedxml, under openpyxl, still refuses them."""
    monkeypatch.setattr(workbook, "_PROLOG", 16)
    path = tmp_path / "b.xlsx"
    path.write_bytes(_billion_laughs("xl/worksheets/sheet1.xml")())
    with pytest.raises(LoadError) as refused:
        workbook_table(path, "", load_schema("complaints")["complaints"], "complaints")
    assert "实体" in refused.value.message


def test_the_file_size_cap_is_the_csv_one(tmp_path):
    path = tmp_path / "big.xlsx"
    path.write_bytes(_good())
    with pytest.raises(LoadError) as refused:
        workbook_table(path, "", load_schema("complaints")["complaints"], "complaints", Limits(csv_bytes=1000))
    assert refused.value.code == "file.too_large"


def test_external_links_are_ignored_with_a_warning(small_company):
    small_company.path(TABLE).write_bytes(_rezip(_good(), add={"xl/externalLinks/externalLink1.xml": b"<externalLink/>"}))
    _use(small_company, TABLE)
    from validation_helpers import problems
    found = [p for p in problems(small_company) if p.file == small_company.shown(TABLE)]
    assert [(p.code, p.severity) for p in found] == [("xlsx.external_links", "warning")], found
