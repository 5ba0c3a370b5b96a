"""Internal audits and management reviews (reviews.yaml): the two reports in both formats, row by row, on the
small company's records; each rule on the case made for it, at its file and line; the pack holds only the
records of its window; without the records check names the two missing materials."""

from __future__ import annotations

from conftest import SMALL
from documents import assert_cjk_pdf, docx_tables, docx_text, dossier_of, pdf_lines, render, squeeze
from dossier.builders import BUILDERS
from dossier.cli import main
from dossier.validation import load_dossier
from validation_helpers import find, problems


def _texts(rendered) -> tuple[str, str]:
    return squeeze("\n".join(pdf_lines(rendered.pdf.data))), squeeze(docx_text(rendered.docx))


# -- 内部审核报告 -------------------------------------------------------------------------------------

def test_the_internal_audit_report_row_by_row():
    rendered = render(str(SMALL), "internal_audit")
    lines = pdf_lines(rendered.pdf.data)
    rows = {  # the rows that fit one line, as the PDF prints them and as the DOCX holds their cells
        ("李华（组长）", "售后服务部", "售后服务体系内审员（NS2026-0101）", "总经理办公室、综合部"),
        ("赵敏", "综合部", "售后服务体系内审员（NS2026-0102）", "售后服务部"),
        ("总经理办公室", "李华", "2026-09-10", "5.1.1、5.1.5", "6", "0"),
        ("综合部", "李华", "2026-09-10", "5.1.2", "4", "0"),
        ("售后服务部", "赵敏", "2026-09-11", "5.1.1、5.1.2、5.3.2", "8", "1"),
        ("F1", "5.3.2 投诉处理", "售后服务部", "一起投诉的回访记录缺少回访方式。", "一般"),
    }
    for row in rows:
        assert " ".join(row) in lines, row
    tables = [tuple(tuple(r) for r in t) for t in docx_tables(rendered.docx)]
    held = {row for t in tables for row in t}
    assert rows <= held
    actions = next(t for t in tables if t[0][0] == "不符合项" and len(t[0]) == 6)
    assert actions[1:] == (("F1", "补记回访方式并培训客服人员", "李华", "2026-09-30", "已完成\n2026-09-25",
                            "抽查回访记录均完整\n赵敏 2026-09-28"),)
    for text in _texts(rendered):
        assert squeeze("检查表覆盖受审部门 3 个（计划 3 个）、审核的指标 4 个（计划 4 个）。") in text
        assert squeeze("本次审核于2026年9月10日至2026年9月11日实施，检查受审部门 3 个、指标 4 个，共发现不符合项 1 项"
                       "（严重 0 项、一般 1 项）；截至 2026年12月1日，纠正措施 1 项中已完成 1 项、已验证 1 项。") in text
        assert squeeze("审核组长：李华") in text and squeeze("报告日期：2026年9月15日") in text
    assert_cjk_pdf(rendered.pdf.data)


def test_a_checklist_that_misses_part_of_the_scope_says_what_it_missed(small_company):
    small_company.edit("reviews.yaml", '    indicators: ["5.1.1", "5.1.2", "5.1.5", "5.3.2"]',
                       '    indicators: ["5.1.1", "5.1.2", "5.1.5", "5.3.2", "5.3.1"]')
    small_company.edit("reviews.yaml", "      - {department: ADM, auditor: S02, date: 2026-09-10, indicators: [\"5.1.2\"], items: 4}\n",
                       "")
    d = load_dossier(small_company.root).dossier
    word = squeeze(docx_text(BUILDERS["internal_audit"]().render(d).docx))
    assert squeeze("检查表覆盖受审部门 2 个（计划 3 个）、审核的指标 4 个（计划 5 个）；未检查：部门综合部；指标5.3.1。") in word


def test_an_action_closed_after_the_pack_is_issued_is_still_open_in_it(small_company):
    small_company.edit("reviews.yaml", "closed: 2026-09-25, verification: 抽查回访记录均完整, verified_by: S06, verified: 2026-09-28",
                       "closed: 2026-12-05, verification: 抽查回访记录均完整, verified_by: S06, verified: 2026-12-08")
    small_company.edit("reviews.yaml", "due: 2026-09-30, closed: 2026-12-05", "due: 2026-12-31, closed: 2026-12-05")
    d = load_dossier(small_company.root).dossier
    assert d.submission.date.isoformat() == "2026-12-01"
    rendered = BUILDERS["internal_audit"]().render(d)
    actions = next(t for t in docx_tables(rendered.docx) if t[0][0] == "不符合项" and len(t[0]) == 6)
    assert actions[1] == ["F1", "补记回访方式并培训客服人员", "李华", "2026-12-31", "未完成", "—"]
    assert squeeze("纠正措施 1 项中已完成 0 项、已验证 0 项") in squeeze(docx_text(rendered.docx))


# -- 管理评审报告 -------------------------------------------------------------------------------------

def test_the_management_review_report_row_by_row():
    d = dossier_of(str(SMALL))
    rendered = render(str(SMALL), "management_review")
    lines = pdf_lines(rendered.pdf.data)
    objectives = [r for r in d.figures.objectives]
    assert [(r.objective.text, r.met) for r in objectives] == [("顾客满意率不低于90%", True), ("投诉1小时内响应", True)]
    rows = {
        ("2", "投诉1小时内响应", "≤ 1 小时", "0.4 小时", "已达成"),
        ("2026年第三季度", "电话回访", "5", "100.0%", "90%", "达到目标"),
        ("1", "增配一名持证安装维修技师", "5.1.2 人员配置", "李华", "2027-03-31", "进行中"),
    }
    for row in rows:
        assert " ".join(row) in lines, row
    held = {tuple(r) for t in docx_tables(rendered.docx) for r in t}
    assert rows <= held
    assert ("主持人", "张明（总经理）", "评审输入统计期", "2025年12月1日至2026年10月20日") in held
    for text in _texts(rendered):
        for sentence in ("统计期内 2 项服务目标中，可统计的 2 项已达成 2 项、未达成 0 项。",
                         "统计期内完成顾客满意度调查 1 次，有效答卷共 5 份，合计满意率 100.0%。",
                         "统计期内受理顾客投诉 1 起（重大投诉 0 起），已处理完毕 1 起，结案率 100.0%；平均响应时间 0.42 小时，"
                         "平均处理时间 29.7 小时；处理完毕后回访率 100.0%。",
                         "内部审核 IA-01（2026年9月10日至2026年9月11日，审核组长李华）检查部门 3 个、指标 4 个，发现不符合项 "
                         "1 项（严重 0 项）；截至评审日，纠正措施 1 项中已完成 1 项、已验证 1 项。",
                         "本次评审之前未进行过管理评审，没有需要跟踪的上次评审决定。",
                         "售后服务体系适宜、充分、有效。", "主持人：张明", "日期：2026年10月20日"):
            assert squeeze(sentence) in text, sentence
    assert_cjk_pdf(rendered.pdf.data)


def test_a_review_reports_only_the_records_up_to_its_date(small_company):
    """Held on 26 September, the review cannot report the survey that ended on the 30th, nor the verification
    on the 28th of the action closed on the 25th; the pack itself reports both."""
    small_company.edit("reviews.yaml", "    date: 2026-10-20", "    date: 2026-09-26")
    d = load_dossier(small_company.root).dossier
    assert len(d.figures.satisfaction.surveys) == 1
    inputs = d.figures.reviews[0]
    assert (inputs.period.start.isoformat(), inputs.period.end.isoformat()) == ("2025-12-01", "2026-09-26")
    assert inputs.figures.satisfaction.surveys == ()
    text = squeeze(docx_text(BUILDERS["management_review"]().render(d).docx))
    assert "统计期内没有完成的顾客满意度调查。" in text
    assert squeeze("纠正措施 1 项中已完成 1 项、已验证 0 项。") in text


def test_a_second_review_follows_up_the_decisions_of_the_first(small_company):
    small_company.append("reviews.yaml", """  - id: MR-02
    date: 2026-11-25
    chair: S01
    attendees: [S02]
    conclusion: 体系持续有效。
""")
    small_company.edit("reviews.yaml", "owner: S02, due: 2027-03-31}", "owner: S02, due: 2027-03-31, closed: 2026-11-20}")
    d = load_dossier(small_company.root).dossier
    rendered = BUILDERS["management_review"]().render(d)
    held = {tuple(r) for t in docx_tables(rendered.docx) for r in t}
    assert ("增配一名持证安装维修技师", "李华", "2027-03-31", "已完成 2026-11-20") in held
    text = squeeze(docx_text(rendered.docx))
    assert squeeze("上次管理评审（MR-01，2026年10月20日）的决定截至本次评审日的落实情况：") in text
    assert "管理评审MR-02（2026年11月25日）" in text and "本次评审未作出需要跟踪的决定。" in text


# -- the pack's records ---------------------------------------------------------------------------------

def test_records_before_the_window_are_not_in_the_pack(small_company):
    small_company.edit("reviews.yaml", "    planned: 2026-08-20\n", "    planned: 2025-08-20\n")
    small_company.edit("reviews.yaml", "    start: 2026-09-10\n    end: 2026-09-11\n    reported: 2026-09-15\n",
                       "    start: 2025-09-10\n    end: 2025-09-11\n    reported: 2025-09-15\n")
    small_company.edit("reviews.yaml", "date: 2026-09-10, indicators: [\"5.1.1\", \"5.1.5\"]", "date: 2025-09-10, indicators: [\"5.1.1\", \"5.1.5\"]")
    small_company.edit("reviews.yaml", "date: 2026-09-10, indicators: [\"5.1.2\"]", "date: 2025-09-10, indicators: [\"5.1.2\"]")
    small_company.edit("reviews.yaml", "date: 2026-09-11, indicators", "date: 2025-09-11, indicators")
    validation = load_dossier(small_company.root)
    assert validation.ok and validation.dossier.submission.window.start.isoformat() == "2025-12-01"
    assert validation.dossier.reviews.internal_audits == ()
    assert not BUILDERS["internal_audit"]().applies(validation.dossier)
    assert "统计期内没有实施内部审核。" in squeeze(docx_text(BUILDERS["management_review"]().render(validation.dossier).docx))


def test_check_names_the_missing_reviews(small_company, runner):
    small_company.path("reviews.yaml").unlink()
    assert problems(small_company) == ()
    result = runner.invoke(main, ["check", str(small_company.root), "--as-of", "2026-12-01"])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert "  [错误] 缺少必备申请材料“内部审核报告及纠正措施记录”。" in lines
    assert "         → 在 reviews.yaml 的 internal_audits 中填写统计期内实施的内部审核：审核计划、检查表、不符合项和纠正措施。" in lines
    assert "  [错误] 缺少必备申请材料“管理评审报告”。" in lines
    assert "         → 在 reviews.yaml 的 management_reviews 中填写统计期内的管理评审：主持人、参加人员、评审结论和决定。" in lines


# -- rules ------------------------------------------------------------------------------------------------

def _only(company, code, at: str, severity: str, message: str, nth: int = 1):
    found = find(company, code, file="reviews.yaml", line=company.line_of("reviews.yaml", at, nth), severity=severity)
    assert [p.message for p in found] == [message]
    return found[0]


def test_an_auditor_without_the_qualification(small_company):
    small_company.edit("personnel.yaml", "      - {kind: 售后服务体系内审员, number: NS2026-0102", "      - {kind: 电工证, number: NS2026-0102")
    _only(small_company, "rule.internal_auditor_qualified", "auditors: [S02, S06]", "warning",
          "内审 IA-01 的审核员赵敏在审核开始日 2026-09-10 没有有效的内审员证书；请由持证的内审员审核，"
          "或在 personnel.yaml 中补充其证书。")


def test_an_expired_qualification_does_not_qualify(small_company):
    small_company.edit("personnel.yaml", "number: NS2026-0102, issued: 2026-02-10, valid_until: 2029-02-09",
                       "number: NS2026-0102, issued: 2023-02-10, valid_until: 2026-09-09")
    assert [p.code for p in problems(small_company) if p.code.startswith("rule.internal")] == [
        "rule.internal_auditor_qualified"]


def test_an_auditor_auditing_his_own_department(small_company):
    small_company.edit("reviews.yaml", "{department: SVC, auditor: S06,", "{department: SVC, auditor: S02,")
    _only(small_company, "rule.internal_auditor_independent", "{department: SVC, auditor: S02,", "warning",
          "内审 IA-01 中审核员李华审核了本人所在的部门“售后服务部”；审核员不应审核自己的工作，请改由其他部门的审核员检查。")


def test_a_review_not_chaired_by_the_general_manager(small_company):
    small_company.edit("reviews.yaml", "    chair: S01", "    chair: S02")
    _only(small_company, "rule.management_review_chair", "    chair: S02", "warning",
          "管理评审 MR-01 由李华主持，管理评审应由总经理（张明）主持；请核对主持人。")


def test_a_report_dated_before_the_audit_ended(small_company):
    small_company.edit("reviews.yaml", "    reported: 2026-09-15", "    reported: 2026-09-10")
    _only(small_company, "schema.ascending", "    reported: 2026-09-10", "error",
          "审核报告日期（2026-09-10）不能早于审核结束日期（2026-09-11）。")


def test_a_review_dated_before_the_audit_it_reviewed_was_reported(small_company):
    small_company.edit("reviews.yaml", "    date: 2026-10-20\n    chair: S01\n    attendees: [S02, S06]\n",
                       "    date: 2026-09-12\n    chair: S01\n    attendees: [S02, S06]\n    audits: [IA-01]\n")
    small_company.edit("reviews.yaml", "owner: S02, due: 2027-03-31}", "owner: S02, due: 2027-03-31}")
    _only(small_company, "data.review_records", "    audits: [IA-01]", "error",
          "管理评审 MR-01 的日期 2026-09-12 早于它评审的内审 IA-01 的报告日期 2026-09-15：评审不能报告尚未完成的审核；"
          "请核对日期，或从 audits 中去掉该内审。")


def test_a_review_period_ending_after_the_review(small_company):
    small_company.edit("reviews.yaml", "    date: 2026-10-20\n", "    date: 2026-10-20\n    period_end: 2026-11-30\n")
    _only(small_company, "schema.ascending", "    date: 2026-10-20", "error",
          "评审日期（2026-10-20）不能早于评审输入统计期截止日期（2026-11-30）。")


def test_a_decision_due_before_the_review(small_company):
    small_company.edit("reviews.yaml", "owner: S02, due: 2027-03-31}", "owner: S02, due: 2026-10-01}")
    _only(small_company, "data.review_records", "due: 2026-10-01", "error",
          "管理评审 MR-01 决定的完成期限 2026-10-01 早于评审日期 2026-10-20。")


def test_audit_records_that_contradict_themselves(small_company):
    small_company.edit("reviews.yaml", "{department: ADM, auditor: S02, date: 2026-09-10",
                       "{department: ADM, auditor: S01, date: 2026-09-12")
    small_company.edit("reviews.yaml", "  - {finding: F1, action:", "  - {finding: F2, action:")
    small_company.edit("reviews.yaml", "closed: 2026-09-25, verification", "closed: 2026-09-01, verification")
    found = find(small_company, "data.audit_records", file="reviews.yaml")
    line = small_company.line_of("reviews.yaml", "{department: ADM")
    action = small_company.line_of("reviews.yaml", "{finding: F2")
    assert sorted((p.line, p.path, p.message) for p in found) == sorted([
        (line, "internal_audits[0].checklist[1].auditor", "内审 IA-01 检查表中的审核员张明不是本次审核组的成员；"
                                                          "请把该审核员加入 auditors，或改正检查表。"),
        (line, "internal_audits[0].checklist[1].date", "内审 IA-01 检查部门“综合部”的日期 2026-09-12 不在审核日期 "
                                                       "2026-09-10 至 2026-09-11 内。"),
        (action, "internal_audits[0].actions[0].finding", "纠正措施针对的不符合项“F2”不在内审 IA-01 的不符合项中（F1）。"),
        (action, "internal_audits[0].actions[0].closed", "纠正措施的完成日期 2026-09-01 早于内审 IA-01 的开始日期 2026-09-10："
                                                        "不符合项尚未发现，措施不能已经完成。")])


def test_a_checklist_outside_the_scope(small_company):
    small_company.edit("reviews.yaml", "    departments: [GM, SVC, ADM]", "    departments: [GM, SVC]")
    _only(small_company, "data.audit_records", "{department: ADM", "error",
          "内审 IA-01 的检查表检查了部门“综合部”，它不在本次审核的受审部门（总经理办公室、售后服务部）中；"
          "请把它加入 departments，或改正检查表。")


def test_the_findings_and_actions_may_come_from_a_csv_file(small_company):
    small_company.edit("reviews.yaml", "    findings:\n      - {id: F1, indicator: \"5.3.2\", department: SVC, description: "
                                       "一起投诉的回访记录缺少回访方式。}\n", "    findings: 不符合项.csv\n")
    small_company.path("不符合项.csv").write_text("不符合项编号,对应指标,责任部门,不符合事实描述\n"
                                                  "F1,5.3.2,SVC,一起投诉的回访记录缺少回访方式。\n", encoding="utf-8")
    assert problems(small_company) == ()
    d = load_dossier(small_company.root).dossier
    assert [(f.id, f.department_name) for f in d.reviews.internal_audits[0].findings] == [("F1", "售后服务部")]
    small_company.path("不符合项.csv").write_text("不符合项编号,对应指标,责任部门,不符合事实描述\n"
                                                  "F1,5.3.9,SVC,一起投诉的回访记录缺少回访方式。\n", encoding="utf-8")
    found = find(small_company, "schema.ref.indicator", file="不符合项.csv", line=2)
    assert found[0].path == "internal_audits[0].findings[0].indicator"


def test_a_finding_without_an_action_and_an_audit_without_findings(small_company):
    text = small_company.path("reviews.yaml").read_text(encoding="utf-8")
    start = text.index("    actions:\n")
    small_company.path("reviews.yaml").write_text(text[:start] + text[text.index("\nmanagement_reviews:") + 1:],
                                                  encoding="utf-8")
    d = load_dossier(small_company.root).dossier
    word = squeeze(docx_text(BUILDERS["internal_audit"]().render(d).docx))
    assert "不符合项F1尚未制定纠正措施。" in word
    assert squeeze("共发现不符合项 1 项（严重 0 项、一般 1 项）。") in word
    small_company.edit("reviews.yaml", "    findings:\n      - {id: F1, indicator: \"5.3.2\", department: SVC, description: "
                                       "一起投诉的回访记录缺少回访方式。}\n", "")
    word = squeeze(docx_text(BUILDERS["internal_audit"]().render(load_dossier(small_company.root).dossier).docx))
    assert "本次审核未发现不符合项。" in word and "本次审核未发现不符合项，无需采取纠正措施。" in word
