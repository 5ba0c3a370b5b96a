"""The self-assessment an auditor can follow, each rule on data made for it (the small company): objectives
judged in each period of their kind, operating evidence, the special-deduction screening and the
applicant's answers, the bonus and its evidence, and the provisional labels in both formats."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from assessment_helpers import prove
from documents import docx_text, pdf_text, squeeze
from validation_helpers import find

from dossier.build.report import completeness_of, score_of
from dossier.builders import BUILDERS
from dossier.builders._objectives import measured, objective_verdict
from dossier.model.figures.periods import periods_of
from dossier.render.content import plain_text
from dossier.validation import load_dossier

#: the small company's complaint, as its file lists it (the first of those the tests write)
FIRST = "  - id: C2026-001\n"


def _dossier(company, stage=None):
    validation = load_dossier(company.root, stage)
    assert validation.dossier is not None, [f"{p.file}:{p.line}: {p.message}" for p in validation.errors]
    return validation.dossier


def _complaint(ident: str, received: str, responded: str, resolved: str | None, visit: str | None, *,
               category: str = "响应时效", product: str = "空调", severity: str = "一般",
               result: str = "满意", purchased: str | None = None) -> str:
    """One complaint of complaints.yaml, handled within every limit unless told otherwise."""
    lines = [f"  - id: {ident}", f"    received: {received}", "    channel: 服务热线", "    customer: 周先生",
             f"    product: {product}", "    outlet: O01", f"    category: {category}", f"    severity: {severity}",
             "    issue: 投诉内容", f"    responded: {responded}", "    handler: S03", "    outcome: 已处理"]
    if purchased:
        lines.append(f"    purchased: {purchased}")
    if resolved:
        lines.append(f"    resolved: {resolved}")
    if visit:
        lines += [f"    visit_date: {visit}", "    visit_method: 电话", f"    visit_result: {result}"]
    return "\n".join(lines) + "\n"


def _add_complaints(company, *complaints: str) -> None:
    company.edit("complaints.yaml", FIRST, "".join(complaints) + FIRST)


def _window(company, start: str, end: str) -> None:
    company.edit("company.yaml", "  exclusions: []",
                 f"  reporting_period: {{start: {start}, end: {end}}}\n  exclusions: []")


def _verdict(result) -> str:
    return plain_text(objective_verdict(result))


# -- objectives judged in their own period -----------------------------------------------------------------

def test_periods_of_a_window():
    window = (date(2025, 10, 15), date(2026, 10, 14))
    assert [(p.label, p.complete) for p in periods_of("每季度", *window)] == [
        ("2025年第四季度（10月15日～12月31日）", False), ("2026年第一季度", True), ("2026年第二季度", True),
        ("2026年第三季度", True), ("2026年第四季度（10月1日～10月14日）", False)]
    assert [p.label for p in periods_of("每年", date(2025, 10, 1), date(2026, 9, 30))] == ["2025年10月～2026年9月"]
    assert [(p.label, p.complete) for p in periods_of("每年", date(2025, 10, 1), date(2026, 11, 27))] == [
        ("2025年10月～2026年9月", True), ("2026年10月1日～11月27日", False)]
    assert [p.label for p in periods_of("年度", date(2026, 1, 1), date(2026, 12, 31))] == ["2026年"]
    assert [p.label for p in periods_of("每半年", date(2026, 1, 1), date(2026, 12, 31))] == ["2026年上半年", "2026年下半年"]
    assert [p.label for p in periods_of("", date(2026, 5, 1), date(2026, 9, 30))] == ["2026年5月～2026年9月"]


@pytest.fixture
def monthly(small_company):
    """Complaints answered within the hour on average over May to September 2026, but not in June."""
    _window(small_company, "2026-05-01", "2026-09-30")
    small_company.edit("service_system.yaml", 'metric: complaint_response_hours, period: 年度',
                       'metric: complaint_response_hours, period: 每月')
    _add_complaints(small_company,
                    _complaint("C2026-002", "2026-06-03 09:00", "2026-06-03 09:30", "2026-06-03 15:00", "2026-06-04"),
                    _complaint("C2026-003", "2026-06-10 09:00", "2026-06-10 11:30", "2026-06-10 15:00", "2026-06-11"),
                    *(_complaint(f"C2026-00{i}", f"2026-07-0{i - 2} 09:00", f"2026-07-0{i - 2} 09:12",
                                 f"2026-07-0{i - 2} 15:00", f"2026-07-0{i - 1}") for i in (4, 5, 6)))
    return small_company


def test_an_objective_met_on_average_but_missed_in_one_month_is_not_met(monthly):
    d = _dossier(monthly)
    response = next(r for r in d.figures.objectives if r.objective.metric == "complaint_response_hours")
    assert round(response.actual, 3) == 0.669            # (25 + 30 + 150 + 3 × 12) minutes ÷ 6 over the window
    assert response.met is False
    assert [(p.period.label, None if p.value is None else round(p.value, 2), p.met) for p in response.periods] == [
        ("2026年5月", 0.42, True), ("2026年6月", 1.5, False), ("2026年7月", 0.2, True), ("2026年8月", None, None),
        ("2026年9月", None, None)]
    assert _verdict(response) == "未达成：2026年6月 1.5 小时；无数据：2026年8月、2026年9月"
    assert measured(response) == "各月 0.2～1.5 小时"


def test_a_quarter_without_a_survey_is_without_data_not_met(monthly):
    d = _dossier(monthly)
    rate = next(r for r in d.figures.objectives if r.objective.metric == "satisfaction_rate")
    assert [(p.period.label, p.value) for p in rate.periods] == [("2026年第二季度（5月1日～6月30日）", None),
                                                                ("2026年第三季度", 100.0)]
    assert rate.met is True
    assert _verdict(rate) == "已达成（无数据：2026年第二季度（5月1日～6月30日））"


def test_an_objective_without_any_data_in_its_periods_is_without_data(small_company):
    _window(small_company, "2026-01-01", "2026-03-31")
    d = _dossier(small_company)
    rate = next(r for r in d.figures.objectives if r.objective.metric == "satisfaction_rate")
    assert rate.met is None and _verdict(rate) == "无数据（无数据：2026年第一季度）"


def test_every_document_prints_the_same_judgement(monthly):
    d = _dossier(monthly)
    verdict = squeeze("未达成：2026年6月 1.5 小时；无数据：2026年8月、2026年9月")
    for ident in ("self_assessment", "complaints"):
        rendered = BUILDERS[ident]().render(d)
        assert verdict in squeeze(docx_text(rendered.docx)), ident
        assert verdict in squeeze(pdf_text(rendered.pdf.data)), ident


def test_training_hours_are_judged_per_year_of_the_window(small_company):
    """16 hours a person a year, over a window of 14 months: the first 12 months are judged, the last two
    (a year cut short) are not."""
    _window(small_company, "2025-10-01", "2026-11-30")
    small_company.edit("service_system.yaml", "  objectives:                              # 服务目标",
                       "  objectives:\n    - {text: 人均培训不少于16学时, target: 16, unit: 学时, "
                       "metric: training_hours_per_person, period: 每年}\n   #")
    d = _dossier(small_company)
    hours = next(r for r in d.figures.objectives if r.objective.metric == "training_hours_per_person")
    assert [(p.period.label, p.judged) for p in hours.periods] == [("2025年10月～2026年9月", True),
                                                                   ("2026年10月～2026年11月", False)]
    assert hours.periods[0].value == d.figures.training.person_hours / len(d.staff) == 3.0
    assert _verdict(hours) == "未达成：2025年10月～2026年9月 3 学时；2026年10月～2026年11月周期未满，不判定"


def test_an_unknown_period_word_is_an_error_at_the_objective_listing_the_accepted_ones(small_company):
    small_company.edit("service_system.yaml", "period: 年度", "period: 每两月")
    line = small_company.line_of("service_system.yaml", "period: 每两月")
    [problem] = find(small_company, "schema.vocabulary", file="service_system.yaml", line=line)
    assert problem.path == "culture.objectives[1].period"
    assert problem.message == "考核周期只能是 每月、每季度、每半年、每年、月度、季度、半年度、年度 之一，现为“每两月”。"


# -- operating evidence ------------------------------------------------------------------------------------

def test_an_indicator_scores_in_full_only_with_operating_evidence(small_company):
    small_company.edit("service_system.yaml", "{indicator: \"5.2.1\", text: 向顾客提供商品说明书、保修卡和服务网点信息。}",
                       "{indicator: \"5.2.1\", text: 向顾客提供商品说明书、保修卡和服务网点信息。, "
                       "records: [商品说明书发放记录, 保修卡登记表]}")
    without = score_of(_dossier(small_company)).for_indicator("5.2.1")
    assert (without.hypothetical, str(without.awarded), str(without.pending_shown)) == (True, "0.0", "5.0")
    assert without.pending_reason == "假设（待证实）：统计期内没有该指标的运行证据，需补充商品说明书发放记录、保修卡登记表"
    assert [d.source for d in without.deductions] == ["pending"] and without.deducted == 0
    # a record document with rows in the window is operating evidence of its indicators
    score = score_of(_dossier(small_company))
    assert {s.indicator.id for s in score.indicators if not s.hypothetical} == {"5.1.3", "5.1.6", "5.1.7", "5.3.1",
                                                                                  "5.3.2"}
    assert score.for_indicator("5.3.2").operating.entries == ("顾客投诉及回访汇总（投诉 1 起、服务回访统计 1 期）",)
    # a business licence proves standing, not operation; a record naming the indicator does
    prove(small_company, ["5.2.1"], ident="E91", kind="营业执照", title="营业执照")
    assert score_of(_dossier(small_company)).for_indicator("5.2.1").hypothetical
    prove(small_company, ["5.2.1"], ident="E92", title="商品说明书发放记录")
    held = score_of(_dossier(small_company))
    row = held.for_indicator("5.2.1")
    assert (row.hypothetical, str(row.awarded), row.pending, row.operating.entries) == (
        False, "5.0", 0, ("商品说明书发放记录",))
    assert held.pending_points == score.pending_points - Decimal("5.0")
    [finding] = [f for f in completeness_of(_dossier(small_company)).findings
                 if f.category == "evidence" and f.subject == "5.2.2 技术支持"]
    assert (finding.severity, finding.message) == (
        "warning", "指标“5.2.2 技术支持”在统计期内没有运行证据（只有本公司编制的文件），自评按假设（待证实）计，其分值不计入得分。")


# -- special-deduction screening ---------------------------------------------------------------------------

SCREENED = (
    _complaint("F1", "2026-06-01 09:00", "2026-06-01 09:20", "2026-06-01 15:00", "2026-06-02", category="收费",
               purchased="2026-01-10"),
    _complaint("F2", "2026-06-02 09:00", "2026-06-02 09:20", "2026-06-02 15:00", "2026-06-03", category="收费",
               purchased="2024-03-01"),
    _complaint("F3", "2026-06-03 09:00", "2026-06-03 09:20", "2026-06-03 15:00", "2026-06-04", category="收费"),
    _complaint("F4", "2026-06-04 09:00", "2026-06-04 09:20", "2026-06-04 15:00", "2026-06-05", category="收费",
               product="电视", purchased="2026-01-01"),
    _complaint("U1", "2026-06-05 09:00", "2026-06-05 09:20", "2026-06-05 15:00", "2026-06-06", result="不满意"),
    _complaint("L1", "2026-07-01 09:00", "2026-07-01 09:20", "2026-07-01 10:00", "2026-07-06"),
    _complaint("L2", "2026-08-01 09:00", "2026-08-01 09:20", "2026-08-01 10:00", None),
    _complaint("L3", "2026-11-29 09:00", "2026-11-29 09:20", "2026-11-29 10:00", None),
    _complaint("M1", "2026-09-01 09:00", "2026-09-01 09:10", "2026-09-01 15:00", "2026-09-02", severity="重大"),
    _complaint("K1", "2026-09-10 09:00", "2026-09-10 09:10", "2026-09-10 15:00", "2026-09-11", category="安全隐患"),
)


@pytest.fixture
def screened(small_company):
    """A complaint made for each screening rule, and complaints next to them that the rules must pass over
    (out of warranty, no purchase date, a product without a term, a visit not yet late)."""
    small_company.edit("company.yaml", "application:", "trade: {profile: 家电}\n\napplication:")
    _add_complaints(small_company, *SCREENED)
    return small_company


def test_each_screening_rule_hits_exactly_the_complaints_made_for_it(screened):
    d = _dossier(screened)
    score = score_of(d)
    assert {r.rule.id: [h.complaint.id for h in r.hits] for r in score.screening.rules} == {
        "warranty_fee": ["F1"], "unsatisfied_closed": ["U1"], "late_visit": ["L1", "L2"],
        "major_complaint": ["M1"], "trade_category": ["K1"]}
    by_id = {h.complaint.id: h for h in score.screening.hits}
    assert by_id["F1"].finding == "空调购于 2026-01-10，2026-06-01受理时在整机保修期 1 年内"
    assert by_id["L1"].finding == "2026-07-01 处理完毕，2026-07-06 回访，相隔 5 日，时限 3 日"
    assert by_id["L2"].finding == "2026-08-01 处理完毕，至 2026-12-01 未回访，时限 3 日"
    assert (by_id["K1"].basis, by_id["M1"].basis, by_id["U1"].basis, by_id["F1"].basis) == (
        "未满足行业专业要求", "影响服务体系的运行", "未执行本公司的服务规范", "违反法律法规")
    fee = next(r for r in score.screening.rules if r.rule.id == "warranty_fee")
    assert fee.unscreened == ("2 起“收费”类投诉未登记购买日期或其商品没有对应的保修期限，未能筛查（F3、F4）："
                              "可在投诉记录中填写购买日期 purchased")
    assert {h.status for h in score.screening.hits} == {"待确认"} and not score.special_deductions


def test_answered_and_unanswered_screened_complaints(screened):
    screened.path("self_assessment.yaml").write_text(
        "screened:\n"
        "  - {complaint: F1, rule: 保修期内收费, special_deduction: true, reason: 保修期内收取上门费}\n"
        "  - {complaint: U1, rule: 顾客不满意仍结案, special_deduction: false, reason: 已重新处理，顾客认可}\n"
        "  - {complaint: C2026-001, rule: 回访超过时限, special_deduction: false, reason: 按时回访}\n"
        "special_deductions:\n"
        "  - {complaint: L1, reason: 回访超时}\n", encoding="utf-8")
    d = _dossier(screened)
    score = score_of(d)
    assert [s.reason for s in score.special_deductions] == [
        "投诉 L1：回访超时",
        "投诉 F1（保修期内收费：空调购于 2026-01-10，2026-06-01受理时在整机保修期 1 年内）：保修期内收取上门费"]
    assert {h.complaint.id: h.status for h in score.screening.hits} == {
        "F1": "计为特别扣分", "U1": "不计为特别扣分", "L1": "计为特别扣分", "L2": "待确认", "M1": "待确认",
        "K1": "待确认"}
    assert score.total == score.base - 2
    findings = [f for f in completeness_of(d).findings if f.category == "screening"]
    assert [f.subject for f in findings] == ["L2", "M1", "K1", "C2026-001"]
    assert {f.severity for f in findings} == {"warning"}
    assert findings[0].message == ("特别扣分筛查：投诉 L2（回访超过时限：2026-08-01 处理完毕，至 2026-12-01 未回访，时限 3 日）"
                                   "尚未确认是否计为特别扣分。")
    assert findings[0].fix == ("在 self_assessment.yaml 的 screened 中写明：- {complaint: L2, rule: 回访超过时限, "
                               "special_deduction: true 或 false, reason: 理由}。")
    line = screened.line_of("self_assessment.yaml", "complaint: C2026-001")
    assert findings[3].message == (f"{screened.shown('self_assessment.yaml')}:{line}: screened 中对投诉 C2026-001（回访超过时限）"
                                   "的确认不对应任何筛查结果（该投诉未被这条规则筛出，或已有一项相同的确认，或已在特别扣分中声明）。")


def test_five_confirmed_special_deductions_fail_the_application(screened):
    answers = "".join(f"  - {{complaint: {c}, rule: {r}, special_deduction: true, reason: 属实}}\n"
                      for c, r in (("F1", "保修期内收费"), ("U1", "顾客不满意仍结案"), ("L1", "回访超过时限"),
                                   ("L2", "回访超过时限"), ("M1", "重大投诉")))
    screened.path("self_assessment.yaml").write_text("screened:\n" + answers, encoding="utf-8")
    score = score_of(_dossier(screened))
    assert len(score.special_deductions) == 5 and score.gated and score.level is None and score.level_name == "不通过"


def test_an_unknown_screening_rule_is_an_error(screened):
    screened.path("self_assessment.yaml").write_text(
        "screened:\n  - {complaint: F1, rule: 乱收费, special_deduction: true, reason: 属实}\n", encoding="utf-8")
    [problem] = find(screened, "schema.ref.screening_rule", file="self_assessment.yaml", line=2)
    assert problem.message == ("筛查规则：“乱收费”不存在：特别扣分筛查规则（保修期内收费、顾客不满意仍结案、回访超过时限、重大投诉、"
                               "行业重点投诉类别）中没有这个编号。")


# -- the special bonus -------------------------------------------------------------------------------------

@pytest.mark.parametrize("bonus, counted", [
    ("{reason: 响应速度高于行业平均}", False),
    ("{reason: 响应速度高于行业平均, evidence: [E90]}", True),
    ("{reason: 响应速度高于行业平均, benchmark: 某协会《2025年度服务报告》第12页：行业平均响应2小时}", True),
], ids=["without", "evidence", "benchmark"])
def test_a_bonus_counts_only_with_its_evidence(small_company, bonus, counted):
    base = score_of(_dossier(small_company))
    prove(small_company, ["5.1.1"], title="服务响应统计")
    small_company.path("self_assessment.yaml").write_text(f"special_bonus: {bonus}\n", encoding="utf-8")
    d = _dossier(small_company)
    score = score_of(d)
    assert score.bonus_claim.counted is counted and len(score.special_bonus) == int(counted)
    assert score.total == score.base + int(counted)
    assert score.base == base.base + Decimal("6.0")            # the record also proves 5.1.1
    findings = [f for f in completeness_of(d).findings if f.category == "bonus"]
    if counted:
        assert not findings
    else:
        assert [(f.severity, f.message) for f in findings] == [(
            "warning", "特别加分“响应速度高于行业平均”未计入得分：没有证明材料，也没有对标依据（据以判断高于行业水平的数据及其出处）。")]
    if "evidence" in bonus:
        assert score.bonus_claim.evidence == ("服务响应统计",)


# -- the labels, in both formats ---------------------------------------------------------------------------

def test_provisional_labels_and_the_screening_in_the_pdf_and_the_docx(screened):
    screened.path("self_assessment.yaml").write_text(
        "screened:\n  - {complaint: F1, rule: 保修期内收费, special_deduction: true, reason: 保修期内收取上门费}\n",
        encoding="utf-8")
    d = _dossier(screened)
    score = score_of(d)
    rendered = BUILDERS["self_assessment"]().render(d)
    for text in (squeeze(pdf_text(rendered.pdf.data)), squeeze(docx_text(rendered.docx))):
        assert f"自评（预评）得分{score.total}分" in text
        assert "指标暂定分值预评得分待证实运行证据扣分及原因" in text
        assert "一级指标暂定分值涉及项分值预评得分待证实分值" in text
        assert squeeze("注：各指标的暂定分值为按一级指标分值（40/35/25）拟定的分配，标准的二级指标分值未公开；"
                       "认证机构按其评分表评分，以认证机构的评价结论为准。") in text
        assert squeeze(f"另有待证实分值 {score.pending_points} 分：") in text
        assert "特别扣分1项（另有特别扣分筛查结果待确认5项）" in text
        assert squeeze("回访超过时限（未执行本公司的服务规范）：处理完毕后超过本公司规定的回访时限（3 日）才回访，"
                       "或超过时限仍未回访的投诉。") in text
        assert squeeze("待确认 5 项：若确认计为特别扣分，自评得分将再减 5 分。") in text
        assert "F1保修期内收费" in text and "计为特别扣分保修期内收取上门费" in text


def test_a_purchase_after_the_complaint_is_an_error(screened):
    screened.edit("complaints.yaml", "    purchased: 2026-01-10", "    purchased: 2026-07-01")
    line = screened.line_of("complaints.yaml", "received: 2026-06-01 09:00")
    [problem] = find(screened, "schema.ascending", file="complaints.yaml", line=line)
    assert (problem.path, problem.message) == (
        "complaints[0].received", "受理时间（2026-06-01 09:00）不能早于购买日期（2026-07-01）。")
