"""顾客满意度调查报告: method, every survey against the target, items, lowest answers, actions, conclusion."""

from __future__ import annotations

import csv
import io

import docx
import yaml

from conftest import EXAMPLE
from documents import assert_cjk_pdf, docx_text, dossier_of, pdf_text, render, squeeze


def _texts():
    rendered = render(str(EXAMPLE), "satisfaction")
    return squeeze(pdf_text(rendered.pdf.data)), squeeze(docx_text(rendered.docx))


def test_method_and_formula_in_both_formats():
    d = dossier_of(str(EXAMPLE))
    sat = d.satisfaction
    for text in _texts():
        assert squeeze(d.company.name) in text
        # the formula as the data words it, the field it cites by its label printed as its value
        assert squeeze(sat.formula.replace("“视为满意的最低分”", f"{sat.satisfied_min}分")) in text
        assert f"每个项目按1～{sat.scale}分评分" in text
        assert f"平均分不低于{sat.satisfied_min}分，计为满意" in text
        assert f"每次调查满意率不低于{sat.target:.1f}%" in text
        for item in sat.items:
            assert f"{item.id}{item.name}" in text


def test_every_survey_row_and_the_conclusion():
    d = dossier_of(str(EXAMPLE))
    f = d.figures.satisfaction
    for text in _texts():
        for x in f.surveys:
            sv = x.survey
            row = (f"{sv.method}{sv.issued:,}{sv.returned:,}{x.response_rate:.1f}%{x.valid:,}{x.satisfied:,}"
                   f"{x.rate:.1f}%{x.index:.1f}{'达标' if x.meets_target else '未达标'}")
            assert row in text, sv.id
            verdict = "达到目标" if x.meets_target else "未达到目标"
            assert (f"{sv.period}：满意率{x.rate:.1f}%，{verdict}；提出改进措施{len(sv.actions)}项，"
                    f"已完成{x.actions_done}项") in text
        assert f"全部{f.responses:,}份有效答卷合并计算的满意率为{f.rate:.1f}%" in text
        assert f"{f.met}/{len(f.surveys)}" in text
        assert all(x.meets_target for x in f.surveys)   # the sample company meets the target every quarter
        assert f"各次调查的满意率均达到不低于{d.satisfaction.target:.1f}%的目标" in text


def test_items_per_survey_and_trend():
    d = dossier_of(str(EXAMPLE))
    f = d.figures.satisfaction
    for text in _texts():
        for index, item in enumerate(d.satisfaction.items):
            for x in f.surveys:
                fig = x.items[index]
                assert f"{x.survey.period}{fig.answered}{fig.mean:.2f}{fig.rate:.1f}%" in text
        for x in f.surveys[1:]:
            word = "上升" if x.rate_change >= 0 else "下降"
            assert f"较上次调查{word}{abs(x.rate_change):.1f}个百分点" in text
        for x in f.surveys:
            assert f"项目满意率最低的是“{x.weakest.item.name}”（{x.weakest.rate:.1f}%）" in text


def test_findings_actions_and_lowest_answers():
    d = dossier_of(str(EXAMPLE))
    f = d.figures.satisfaction
    for text in _texts():
        for x in f.surveys:
            for finding in x.survey.findings:
                assert squeeze(finding) in text
            for a in x.survey.actions:
                assert squeeze(f"{a.action}{a.owner_name}{a.due.isoformat()}{'已完成' if a.done else '进行中'}") in text
            assert len(x.lowest) == 5
            for s in x.lowest:
                r = s.response
                assert squeeze(f"{r.no}{r.date.isoformat()}{r.customer}{r.phone}") in text
                assert f"{s.mean:.2f}{squeeze(r.comment) or '—'}" in text, r.no


def test_no_customer_name_or_phone_from_the_csv_files_is_printed():
    d = dossier_of(str(EXAMPLE))
    rows = []
    for sv in yaml.safe_load((EXAMPLE / "satisfaction.yaml").read_text(encoding="utf-8"))["surveys"]:
        with (EXAMPLE / sv["responses"]).open(encoding="utf-8", newline="") as fh:
            rows += list(csv.DictReader(fh))
    assert len(rows) > 300
    staff_names = {s.name for s in d.staff}   # a customer may share a staff member's name
    names = {r["customer"] for r in rows} - staff_names
    phones = {r["phone"] for r in rows if r["phone"]}
    for text in _texts():
        assert not [n for n in names if n in text]
        assert not [p for p in phones if p in text]
        assert "**" in text and "****" in text     # the masked forms are what prints


def test_fonts_and_charts():
    rendered = render(str(EXAMPLE), "satisfaction")
    assert_cjk_pdf(rendered.pdf.data)
    assert len(docx.Document(io.BytesIO(rendered.docx)).inline_shapes) == 2
