"""培训计划与记录: plan, sessions, sign-in and assessment, hours by kind, department and person, in both formats."""

from __future__ import annotations

import pytest

import dataclasses
import io

import docx

from conftest import EXAMPLE
from dossier.builders._objectives import objective_verdict
from dossier.render.content import plain_text
from documents import assert_cjk_pdf, signed_sign_offs, docx_text, dossier_of, pdf_text, render, squeeze
from dossier.builders import BUILDERS
from dossier.builders.training import COMPACT_ABOVE
from dossier.model.figures.training import training_figures


def _texts(rendered):
    return squeeze(pdf_text(rendered.pdf.data)), squeeze(docx_text(rendered.docx))


def test_training_summary_in_both_formats():
    d = dossier_of(str(EXAMPLE))
    t = d.figures.training
    for text in _texts(render(str(EXAMPLE), "training")):
        assert squeeze(d.company.name) in text
        assert f"共组织培训{t.sessions}次，累计课时{t.hours:.1f}学时，参训{t.attendances}人次" in text
        assert f"合计{t.person_hours:,.1f}人·学时" in text
        assert f"在册员工{t.staff}人，其中参加过培训的{t.trained_staff}人（覆盖率{t.trained_rate:.1f}%）" in text
        assert f"人均培训{t.hours_per_person:.1f}学时" in text
        assert f"考核{t.assessed}人次，合格{t.passed}人次，考核合格率{t.pass_rate:.1f}%，未合格{t.failed}人次" in text
        assert (f"年度培训计划共{t.plan_items}项，已实施{t.plan_held}项，计划完成率{t.plan_completion:.1f}%" in text)
        for p in t.plan_not_held:
            assert f"{p.item.id}{squeeze(p.item.topic)}（计划{p.item.month}月）" in text
        assert f"另有未列入年度计划的培训{t.unplanned}次" in text


def test_both_required_kinds_are_stated_from_the_data():
    d = dossier_of(str(EXAMPLE))
    t = d.figures.training
    culture = d.standard.rule("culture_training")["kind"]
    for text in _texts(render(str(EXAMPLE), "training")):
        for kind in ("技术业务", culture):
            k = t.kind(kind)
            assert f"{kind}类培训{k.sessions}次、课时{k.hours:.1f}学时、参训{k.attendances}人次" in text
        assert f"技术业务培训和{culture}培训均已开展" in text
        objective = next(o for o in d.figures.objectives if o.objective.metric == "training_hours_per_person")
        first = objective.periods[0]        # the sample's first year of the window: 16 hours a person are met
        assert squeeze(f"服务目标“{objective.objective.text}”（每年）：人均培训学时 {first.period.label} "
                       f"{first.value:.1f} 学时") in text
        verdict = plain_text(objective_verdict(objective))
        assert verdict.startswith("已达成") and f"结论：{squeeze(verdict)}。" in text


def test_plan_sessions_and_signin_in_both_formats():
    d = dossier_of(str(EXAMPLE))
    t = d.figures.training
    for text in _texts(render(str(EXAMPLE), "training")):
        for p in t.plan:
            status = "已实施" + "".join(s.date.isoformat() for s in p.sessions) if p.held else "未实施"
            assert squeeze(p.item.id + p.item.topic) in text and status in text, p.item.id
        for x in t.per_session:
            s = x.session
            graded = f"{x.assessed}/{x.passed}" if x.assessed else "不考核"
            assert f"{s.id}{s.date.isoformat()}" in text
            assert f"{x.attendees}{graded}" in text, s.id
            for a in s.attendees:   # each sign-in line: name, department, score, result
                result = "—" if a.passed is None else ("合格" if a.passed else "不合格")
                score = "—" if a.score is None else f"{a.score:.1f}"
                assert f"{a.staff_name}{a.department_name}{score}{result}" in text, (s.id, a.staff)
        assert f"合计{t.sessions}次" in text


def test_departments_and_every_person_in_both_formats():
    d = dossier_of(str(EXAMPLE))
    t = d.figures.training
    assert len(t.per_person) <= COMPACT_ABOVE
    for text in _texts(render(str(EXAMPLE), "training")):
        for x in t.by_department:
            assert f"{x.department}{x.staff}{x.trained}{x.person_hours:,.1f}{x.hours_per_person:.1f}" in text
        for p in t.per_person:
            star = "" if p.sessions else "★"
            assert squeeze(f"{p.staff.id}{p.staff.name}{star}{p.staff.department_name}{p.staff.position}"
                           f"{p.sessions}{p.hours:.1f}") in text
        assert t.untrained and f"未参加任何培训{len(t.untrained)}人（" in text
        for s in t.untrained:
            assert f"{s.name}，{s.department_name}" in text
        assert "附录人员培训学时明细" not in text


def test_fonts_and_charts():
    rendered = render(str(EXAMPLE), "training")
    assert_cjk_pdf(rendered.pdf.data)
    signed = signed_sign_offs(dossier_of(str(EXAMPLE)), "training")
    assert len(signed) == 1           # the general manager approves, with his signature image
    assert len(docx.Document(io.BytesIO(rendered.docx)).inline_shapes) == 2 + len(signed)


@pytest.mark.slow
def test_many_staff_move_the_per_person_table_to_a_compact_appendix():
    d = dossier_of(str(EXAMPLE))
    extra = [dataclasses.replace(d.staff[-1], id=f"X{i:04d}", name=f"新员工{i:04d}") for i in range(COMPACT_ABOVE)]
    staff = d.staff + tuple(extra)
    big = dataclasses.replace(d, staff=staff,
                              figures=dataclasses.replace(d.figures, training=training_figures(d.training, staff)))
    t = big.figures.training
    assert t.staff == len(d.staff) + COMPACT_ABOVE and len(t.untrained) == len(d.figures.training.untrained) + COMPACT_ABOVE
    assert t.hours_per_person == d.figures.training.person_hours / t.staff
    rendered = BUILDERS["training"]().render(big)
    for text in _texts(rendered):
        assert "附录人员培训学时明细" in text
        assert f"在册员工{t.staff}人，参加培训{t.trained_staff}人，未参加任何培训{len(t.untrained)}人，应在下一期培训中补训" in text
        assert f"人均培训{t.hours_per_person:.1f}学时" in text
        assert "X0000新员工0000★" in text and f"X{COMPACT_ABOVE - 1:04d}新员工{COMPACT_ABOVE - 1:04d}★" in text
        assert "S001郑国华" in text
