"""职能分配表: every indicator row, exactly one lead mark under the right department, 删减 rows."""

from __future__ import annotations

import dataclasses
import io

import docx
import yaml
from docx.enum.section import WD_ORIENT
from pypdf import PdfReader

from conftest import EXAMPLE
from documents import approval_text, assert_cjk_pdf, docx_text, dossier_of, pdf_text, render, squeeze
from dossier.builders.responsibility_matrix import FIRST_COLUMN, ResponsibilityMatrixBuilder, build_matrix
from dossier.model.records import Exclusion

PAGE_LEFT_MM = 20.0            # style.css: the left margin of a portrait page


def _raw_responsibilities():
    """indicator id → (lead name, support names), straight from organisation.yaml."""
    raw = yaml.safe_load((EXAMPLE / "organisation.yaml").read_text(encoding="utf-8"))
    names = {x["id"]: x["name"] for x in raw["departments"]}
    return {r["indicator"]: (names[r["lead"]], {names[s] for s in r.get("support", [])})
            for r in raw["responsibilities"]}, raw.get("matrix_symbols", {"lead": "●", "support": "○"})


def _docx_matrix(data: bytes):
    document = docx.Document(io.BytesIO(data))
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "评价指标")
    header = [c.text for c in table.rows[0].cells]
    return document, header, {r.cells[0].text: [c.text for c in r.cells[1:]] for r in table.rows[1:]}


def _pdf_rows(data: bytes, page: int = 0):
    """(x mm, y mm, text) of every text chunk of a page, as pypdf groups them."""
    chunks = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            chunks.append((x * 25.4 / 72, y * 25.4 / 72, text.strip()))

    PdfReader(io.BytesIO(data)).pages[page].extract_text(visitor_text=visit)
    return chunks


def test_matrix_in_both_formats():
    d = dossier_of(str(EXAMPLE))
    rendered = render(str(EXAMPLE), "responsibility_matrix")
    pdf, word = squeeze(pdf_text(rendered.pdf.data)), squeeze(docx_text(rendered.docx))
    approval = d.approval("responsibility_matrix")
    for text in (pdf, word):
        assert squeeze(d.company.name) in text
        for indicator in d.standard.indicators:
            assert squeeze(indicator.label) in text
        for group in d.standard.groups:
            assert squeeze(f"{group.id} {group.name}") in text
        assert "●主责部门；○配合部门" in text
        assert approval_text(approval) in text
    assert_cjk_pdf(rendered.pdf.data)
    assert not rendered.pdf.warnings


def test_docx_one_lead_under_the_right_department():
    expected, symbols = _raw_responsibilities()
    d = dossier_of(str(EXAMPLE))
    _, header, rows = _docx_matrix(render(str(EXAMPLE), "responsibility_matrix").docx)
    assert header[1:] == [x.name for x in d.departments]          # all named, all fit, in data order
    for indicator in d.standard.indicators:
        cells = rows[indicator.label]
        lead, support = expected[indicator.id]
        assert cells.count(symbols["lead"]) == 1
        assert header[1 + cells.index(symbols["lead"])] == lead
        assert {header[1 + i] for i, c in enumerate(cells) if c == symbols["support"]} == support
        assert all(c in ("", symbols["lead"], symbols["support"]) for c in cells)


def test_pdf_rows_in_order_with_the_lead_mark_in_its_column():
    expected, symbols = _raw_responsibilities()
    d = dossier_of(str(EXAMPLE))
    matrix = build_matrix(d)
    columns = [x.name for x in matrix.columns]
    chunks = _pdf_rows(render(str(EXAMPLE), "responsibility_matrix").pdf.data)
    labels = [c for c in chunks if any(c[2] == i.label for i in d.standard.indicators)]
    assert [c[2] for c in labels] == [i.label for i in d.standard.indicators]   # every row, in the standard's order
    marks = [c for c in chunks if set(c[2].replace(" ", "")) <= {symbols["lead"], symbols["support"]}]
    for x, y, label in labels:
        indicator = next(i for i in d.standard.indicators if i.label == label)
        lead, support = expected[indicator.id]
        row = [m for m in marks if abs(m[1] - y) < 1.5]
        assert len(row) == 1, label
        first_x, _, text = row[0]
        expected_marks = [symbols["lead"] if name == lead else symbols["support"]
                          for name in columns if name == lead or name in support]
        assert text.split() == expected_marks, label                             # the marks, left to right
        first_column = int((first_x + 1.8 - PAGE_LEFT_MM - FIRST_COLUMN) // matrix.column_mm)
        assert columns[first_column] == next(n for n in columns if n == lead or n in support), label


def _variant(extra_departments: int = 0, exclude: int | None = None):
    d = dossier_of(str(EXAMPLE))
    extra = tuple(dataclasses.replace(d.departments[-1], id=f"X{i}", name=f"第{i}分公司") for i in range(extra_departments))
    application = d.company.application
    if exclude is not None:
        application = dataclasses.replace(application, exclusions=(
            Exclusion(d.standard.indicators[exclude].id, "本公司不从事该项业务"),))
    return dataclasses.replace(d, departments=d.departments + extra,
                               company=dataclasses.replace(d.company, application=application))


def test_excluded_indicator_says_so_across_its_row():
    d = _variant(exclude=9)
    excluded = d.standard.indicators[9]
    rendered = ResponsibilityMatrixBuilder().render(d)
    _, header, rows = _docx_matrix(rendered.docx)
    assert set(rows[excluded.label]) == {"删减"} and len(rows[excluded.label]) == len(header) - 1
    for text in (squeeze(pdf_text(rendered.pdf.data)), squeeze(docx_text(rendered.docx))):
        assert squeeze(excluded.label) + "删减" in text
        assert f"删减说明：{squeeze(excluded.label)}——本公司不从事该项业务" in text
    others = [i for i in d.standard.indicators if i is not excluded]
    assert all(rows[i.label].count(d.matrix_symbols[0]) == 1 for i in others)


def test_many_departments_turn_the_page():
    d = _variant(extra_departments=6)                 # 14 columns: landscape
    rendered = ResponsibilityMatrixBuilder().render(d)
    document, header, _ = _docx_matrix(rendered.docx)
    assert header[1:] == [x.name for x in d.departments]
    assert document.sections[0].orientation == WD_ORIENT.LANDSCAPE
    page = PdfReader(io.BytesIO(rendered.pdf.data)).pages[0]
    assert page.mediabox.width > page.mediabox.height

    d = _variant(extra_departments=20)                # too many: only the named ones, upright
    matrix = build_matrix(d)
    assert not matrix.landscape and len(matrix.columns) == 8 and len(matrix.omitted) == 20
    rendered = ResponsibilityMatrixBuilder().render(d)
    _, header, _ = _docx_matrix(rendered.docx)
    assert len(header) == 9
    assert "表中未列出的部门（第0分公司" in squeeze(pdf_text(rendered.pdf.data))
