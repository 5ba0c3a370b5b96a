"""Every table of a PDF is laid out by the widths the writer gives its columns (table-layout: fixed, nothing
measured): what a cell keeps on one line (a short value, a number, a token) fits its column, whatever the data,
so no text runs over into the next cell or past the table."""

from __future__ import annotations

import pytest
from weasyprint.formatting_structure import boxes

from conftest import SMALL
from dossier.builders import applicable_builders
from dossier.builders.issue import Issue
from dossier.render.content import Column, Document, Section, table
from dossier.render.engine import lay_out
from dossier.render.html_writer import Meta, document_html
from dossier.render.typesetting import table_layout
from dossier.validation import load_dossier

#: how far (CSS px) text may reach past its cell: the rounding of positions, never a glyph
_SLACK = 0.5


def _laid_out(document: Document):
    html = document_html(document, Meta("排版", "某公司", "X-01", "", "", "test"))
    return lay_out(html)


def _descendants(box):
    stack = list(box.all_children()) if hasattr(box, "all_children") else []
    while stack:
        child = stack.pop()
        yield child
        if hasattr(child, "all_children"):
            stack.extend(child.all_children())


def overflowing(laid_out) -> list[str]:
    """The texts that reach out of their table cell's content box, with their page."""
    found = []
    for number, page in enumerate(laid_out.pages, 1):
        for cell in (b for b in _descendants(page._page_box) if isinstance(b, boxes.TableCellBox)):
            left, right = cell.content_box_x(), cell.content_box_x() + cell.width
            for text in (b for b in _descendants(cell) if isinstance(b, boxes.TextBox)):
                if text.position_x < left - _SLACK or text.position_x + text.width > right + _SLACK:
                    found.append(f"第 {number} 页：{text.text}")
    return found


def test_the_finder_finds_text_that_runs_over():
    html = ('<html><body><table style="table-layout: fixed; width: 40mm"><colgroup><col style="width: 30%">'
            '<col></colgroup><tr><td style="white-space: nowrap">SM2026-000001-000001</td><td>乙</td></tr>'
            '</table></body></html>')
    laid_out = lay_out(html)
    assert overflowing(laid_out) == ["第 1 页：SM2026-000001-000001"]


def test_no_document_of_a_company_runs_over_a_cell():
    dossier = load_dossier(SMALL, "application").dossier
    for builder in applicable_builders(dossier):
        document = builder.composed(dossier, builder.info(dossier, Issue()))
        assert overflowing(_laid_out(document)) == [], builder.id


_LONG_CODE = "ZJ-HZ-2026-000123-A"


@pytest.mark.parametrize("columns, row", [
    # a certificate number wider than its narrow column: it breaks rather than run over
    ((Column("序号", 6, "center"), Column("证书编号", 9), Column("说明")), ("1", _LONG_CODE, "说明文字" * 8)),
    # a long amount in a figures column (which never wraps): its column is widened to hold it
    ((Column("项目"), Column("金额（万元）", 6, "right")), ("维修收入", "12,345,678.90")),
    # short values in many narrow columns: those that cannot all stay whole wrap
    (tuple(Column(f"第{n}季度", 5, "center") for n in range(1, 17)), tuple("已过期" for _ in range(16))),
    # a masked phone number in a column that never wraps: widened to hold it
    ((Column("编号", 10.5, "center", nowrap=True), Column("电话", 8, "center", nowrap=True), Column("顾客意见")),
     ("S2026-0001-001", "136****6056", "满意")),
    # more such columns than the table has room for: those that cannot hold their values wrap them
    (tuple(Column(f"电话{n}", 12.5, nowrap=True) for n in range(8)), tuple("136****6056" for _ in range(8))),
    # a unit with its number, and a URL, in narrow columns
    ((Column("额定速度", 5), Column("网址", 8), Column("备注")),
     ("6.0 m/s", "https://www.example-elevator.com.cn/service/policy", "无")),
])
def test_narrow_columns_hold_what_they_keep_whole(columns, row):
    document = Document((Section((table(columns, (row,), size=8),)),))
    assert overflowing(_laid_out(document)) == []


def _texts(laid_out) -> list[str]:
    return [b.text for page in laid_out.pages for b in _descendants(page._page_box) if isinstance(b, boxes.TextBox)]


def test_a_column_that_never_wraps_is_widened_to_hold_its_values():
    block = table((Column("编号", 10.5, "center", nowrap=True), Column("电话", 8, "center", nowrap=True),
                   Column("金额", 5, "right"), Column("顾客意见")), (("S2026-0001-001", "136****6056", "1,234.50", "满意"),),
                  size=8)
    layout = table_layout(block, 172.0)
    assert layout.whole == (True, True, True, True)
    assert layout.widths[1] > 8 and layout.widths[2] > 5
    texts = _texts(_laid_out(Document((Section((block,)),))))
    assert {"S2026-0001-001", "136****6056", "1,234.50"} <= set(texts)
