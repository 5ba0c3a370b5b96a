"""自评报告: the self-assessed score, the objectives measured, the declarations — in both formats."""

from __future__ import annotations

import io
import re
from decimal import Decimal

import docx
import pytest

from conftest import EXAMPLE
from documents import assert_cjk_pdf, docx_text, dossier_of, element_text, pdf_text, render, squeeze
from dossier.build.report import score_of
from dossier.builders import BUILDERS
from dossier.validation import load_dossier
from test_rounding import write_deductions


def _texts():
    rendered = render(str(EXAMPLE), "self_assessment")
    return rendered, [squeeze(pdf_text(rendered.pdf.data)), squeeze(docx_text(rendered.docx))]


def test_score_and_level_in_both_formats():
    d = dossier_of(str(EXAMPLE))
    score = score_of(d)
    rendered, texts = _texts()
    for text in texts:
        assert squeeze(d.company.name) in text
        assert f"自评得分{score.total}分" in text and score.level_name in text
        assert "不代表认证机构的评价结论" in text
        for row in score.indicators:
            assert squeeze(row.indicator.label) in text
    assert_cjk_pdf(rendered.pdf.data)


def test_objectives_measured_against_their_targets():
    d = dossier_of(str(EXAMPLE))
    _rendered, texts = _texts()
    for text in texts:
        for result in d.figures.objectives:
            o = result.objective
            assert squeeze(o.text) in text
            if result.actual is not None:
                shown = f"{result.actual:.1f}".removesuffix(".0")
                met = (result.actual >= o.target) if o.comparison == ">=" else (result.actual <= o.target)
                assert f"{shown}{o.unit}{'已达成' if met else '未达成'}" in text


def test_declarations_only_as_the_data_makes_them():
    d = dossier_of(str(EXAMPLE))
    _rendered, texts = _texts()
    declarations = d.self_assessment.declarations
    for text in texts:
        if declarations is None:
            assert "申请单位尚未作出声明" in text
        else:
            assert ("近三年内未发生重大售后服务失误" in text) == declarations.no_major_failure
            assert squeeze(declarations.signatory_name) in text


def _tables(data: bytes) -> dict[str, list[list[str]]]:
    """The DOCX's tables by the text of their first header cell."""
    document = docx.Document(io.BytesIO(data))
    tables = [[[element_text(c._tc) for c in row.cells] for row in t.rows] for t in document.tables]
    return {rows[0][0]: rows for rows in tables}


_VERDICT = re.compile(r"自评得分(?P<total>[\d.]+)分.*涉及项分值(?P<applicable>[\d.]+)分，实得(?P<earned>[\d.]+)分，折算"
                      r"(?P<base>[\d.]+)分；特别扣分(?P<specials>\d+)项，特别加分(?P<bonus>\d+)项")


@pytest.mark.parametrize("deductions", [False, True], ids=["small", "small-deducted"])
def test_printed_totals_are_the_sums_of_the_printed_parts(small_company, deductions):
    """The small company as it is, and with deductions that round (10.95, 10.85, 7.85, 2.25): each group's
    row adds up its indicators' printed rows, 合计 adds up the groups, the verdict repeats 合计 and its
    total is the printed base less and plus the special points."""
    if deductions:
        write_deductions(small_company)
    dossier = load_dossier(small_company.root).dossier
    rendered = BUILDERS["self_assessment"]().render(dossier)
    tables = _tables(rendered.docx)
    indicators, groups = tables["指标"][1:], tables["一级指标"][1:]
    for label, points, applicable, earned in groups[:-1]:
        rows = [r for r in indicators if r[0].startswith(label.split()[0] + ".")]
        assert rows
        assert Decimal(points) == sum(Decimal(r[1]) for r in rows)
        assert Decimal(applicable) == sum(Decimal(r[1]) for r in rows if r[2] != "删减")
        assert Decimal(earned) == sum(Decimal(r[2]) for r in rows if r[2] != "删减")
    total = groups[-1]
    assert total[0] == "合计"
    for column in (1, 2, 3):
        assert Decimal(total[column]) == sum(Decimal(g[column]) for g in groups[:-1])
    for text in (squeeze(pdf_text(rendered.pdf.data)), squeeze(docx_text(rendered.docx))):
        verdict = _VERDICT.search(text)
        assert verdict, text[:300]
        assert (verdict["applicable"], verdict["earned"]) == (total[2], total[3])
        scoring = dossier.standard.scoring
        assert Decimal(verdict["total"]) == min(
            Decimal(str(scoring.cap)), Decimal(verdict["base"])
            - int(verdict["specials"]) * Decimal(str(scoring.special_deduction_points))
            + int(verdict["bonus"]) * Decimal(str(scoring.special_bonus_points)))
        assert verdict["total"] == str(score_of(dossier).total)
        if deductions:      # exact 90.0 (四星级); as printed 89.9
            assert (total[3], verdict["total"]) == ("89.9", "89.9") and "自评得分89.9分，达到三星级" in text
    if deductions:
        row = next(r for r in indicators if r[0].startswith("5.3.2"))
        assert row[1:3] == ["12.0", "11.0"] and "−1.05：自评扣分5.3.2" in row[4]
