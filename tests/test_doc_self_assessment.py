"""自评报告: the self-assessed score, the objectives measured, the declarations — in both formats."""

from __future__ import annotations

import io
import re
from decimal import Decimal

import docx
import pytest

from conftest import EXAMPLE
from documents import assert_cjk_pdf, docx_text, dossier_of, element_text, pdf_text, render, squeeze
from assessment_helpers import prove_all
from dossier.build.report import score_of
from dossier.builders._objectives import objective_verdict
from dossier.render.content import plain_text
from dossier.standard import load_standard
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
        assert f"自评（预评）得分{score.total}分" in text and score.level_name in text
        assert "不代表认证机构的评价结论" in text
        for row in score.indicators:
            assert squeeze(row.indicator.label) in text
    assert_cjk_pdf(rendered.pdf.data)


def test_objectives_judged_month_by_month_in_both_formats():
    """The sample's complaints answered on average within the hour and handled within 48 hours over the
    window, but not in January 2026 (3.6 h) nor in December 2025 (51.4 h): both objectives are 未达成, naming
    the month and its value, in both formats."""
    d = dossier_of(str(EXAMPLE))
    verdicts = {r.objective.text: plain_text(objective_verdict(r)) for r in d.figures.objectives}
    assert verdicts["投诉平均响应时间不超过1小时"].startswith("未达成：2026年1月 3.6 小时")
    assert verdicts["投诉平均处理时间不超过48小时"].startswith("未达成：2025年12月 51.4 小时")
    _rendered, texts = _texts()
    for text in texts:
        for verdict in verdicts.values():
            assert squeeze(verdict) in text


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


_VERDICT = re.compile(r"自评（预评）得分(?P<total>[\d.]+)分.*涉及项分值(?P<applicable>[\d.]+)分，实得(?P<earned>[\d.]+)分，"
                      r"折算(?P<base>[\d.]+)分；特别扣分(?P<specials>\d+)项，特别加分(?P<bonus>\d+)项")


@pytest.mark.parametrize("deductions", [False, True], ids=["small", "small-deducted"])
def test_printed_totals_are_the_sums_of_the_printed_parts(small_company, deductions):
    """The small company as it is, and with deductions that round (10.95, 10.85, 7.85, 2.25): each group's
    row adds up its indicators' printed rows, 合计 adds up the groups, the verdict repeats 合计 and its
    total is the printed base less and plus the special points."""
    if deductions:
        write_deductions(small_company)
    else:
        prove_all(small_company, load_standard())
    dossier = load_dossier(small_company.root).dossier
    rendered = BUILDERS["self_assessment"]().render(dossier)
    tables = _tables(rendered.docx)
    indicators, groups = tables["指标"][1:], tables["一级指标"][1:]
    assert tables["一级指标"][0] == ["一级指标", "暂定分值", "涉及项分值", "预评得分", "待证实分值"]
    for label, points, applicable, earned, pending in groups[:-1]:
        rows = [r for r in indicators if r[0].startswith(label.split()[0] + ".")]
        assert rows
        assert Decimal(points) == sum(Decimal(r[1]) for r in rows)
        assert Decimal(applicable) == sum(Decimal(r[1]) for r in rows if r[2] != "删减")
        assert Decimal(earned) == sum(Decimal(r[2]) for r in rows if r[2] != "删减")
        assert Decimal(pending) == sum(Decimal(r[3]) for r in rows if r[2] != "删减") == 0
    total = groups[-1]
    assert total[0] == "合计"
    for column in (1, 2, 3, 4):
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
            assert (total[3], verdict["total"]) == ("89.9", "89.9") and "自评（预评）得分89.9分，达到三星级" in text
    if deductions:
        row = next(r for r in indicators if r[0].startswith("5.3.2"))
        assert row[1:4] == ["12.0", "11.0", "0.0"] and "−1.05：自评扣分5.3.2" in row[5]
