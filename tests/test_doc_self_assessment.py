"""自评报告: the self-assessed score, the objectives measured, the declarations — in both formats."""

from __future__ import annotations

from conftest import EXAMPLE
from documents import assert_cjk_pdf, docx_text, dossier_of, pdf_text, render, squeeze
from dossier.build.report import score_of


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
