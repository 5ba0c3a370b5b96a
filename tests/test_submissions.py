"""Two submissions from the same data, each coherent in time: the application pack (dated the application,
records of one reporting window) and the rectification submission (整改报告, its evidence, the documents
re-issued at new revisions, dated when it is sent)."""

from __future__ import annotations

import json
from datetime import date

import pytest

from dossier.cli import main
from dossier.model.reporting import period_bounds
from dossier.model.submission import Window, default_window
from dossier.validation import load_dossier
from documents import docx_text, example_build, example_rectification_build, pdf_pages_text, pdf_text, squeeze
from validation_helpers import find

APPLICATION_DOCUMENTS = ["application_form", "self_assessment", "service_manual", "procedures", "org_chart",
                         "responsibility_matrix", "service_commitment", "service_flow", "personnel", "outlets",
                         "training", "satisfaction", "complaints", "internal_audit", "management_review"]
REISSUED = ["procedures", "responsibility_matrix", "personnel", "outlets", "training", "complaints"]


def _document(result, ident):
    return next(r for r in result.documents if r.info.id == ident)


# -- the sample's two packs -----------------------------------------------------------------------------
def test_the_application_pack_holds_the_application_and_no_rectification():
    result, out = example_build()
    assert [r.info.id for r in result.documents] == APPLICATION_DOCUMENTS
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert (manifest["stage"], manifest["date"], manifest["window"]) == \
        ("application", "2026-10-15", ["2025-10-01", "2026-09-30"])
    assert {a["id"] for a in manifest["attachments"]} == {f"E{n:02d}" for n in range(1, 16)} - {"E08", "E09"}
    cover = squeeze(pdf_pages_text((out / "binder.pdf").read_bytes())[0])
    assert "商品售后服务认证申请材料汇编" in cover
    assert "申请日期2026年10月15日" in cover and "记录统计期2025年10月1日至2026年9月30日" in cover


@pytest.mark.parametrize("ident", APPLICATION_DOCUMENTS[:2] + APPLICATION_DOCUMENTS[4:])   # manual, procedures: own control
def test_every_document_of_the_application_says_when_it_is_issued(ident):
    result, _ = example_build()
    rendered = _document(result, ident)
    assert "发布日期2026年10月15日" in squeeze(pdf_text(rendered.pdf.data))
    assert "发布日期 2026年10月15日" in docx_text(rendered.docx)


@pytest.mark.parametrize("ident", ["training", "satisfaction", "complaints"])
def test_every_record_reports_the_one_window(ident):
    result, _ = example_build()
    rendered = _document(result, ident)
    assert "统计期2025年10月1日至2026年9月30日" in squeeze(pdf_text(rendered.pdf.data))


def test_the_application_shows_each_procedure_in_the_edition_in_force_on_its_date():
    """P12 was revised to A/2 after the audit: the application shows A/1, its revision record up to A/1 and the
    step as A/1 worded it; the rectification shows A/2 and the new step."""
    result, _ = example_build()
    before = squeeze(pdf_text(_document(result, "procedures").pdf.data))
    assert "MA/CX-09A/1" in before.replace("顾客投诉处理程序", "")
    assert "回访专员休假时" not in before and "整改项NC-02" not in before
    after_result, _ = example_rectification_build()
    after = squeeze(pdf_text(_document(after_result, "procedures").pdf.data))
    assert "回访专员休假时，由客户服务中心主任在工单系统中指定代理人" in after
    assert "整改项NC-02：回访专员休假时" in after


def test_the_rectification_submission_holds_the_report_its_evidence_and_the_reissued_documents():
    result, out = example_rectification_build()
    assert [r.info.id for r in result.documents] == REISSUED + ["rectification"]
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert (manifest["stage"], manifest["date"]) == ("rectification", "2026-11-30")
    assert [a["id"] for a in manifest["attachments"]] == ["E08", "E09"]
    cover = squeeze(pdf_pages_text((out / "binder.pdf").read_bytes())[0])
    assert "商品售后服务认证整改材料汇编" in cover and "提交日期2026年11月30日" in cover
    assert "现场审核（2026年11月18日）" in cover
    procedures = squeeze(pdf_text(_document(result, "procedures").pdf.data))
    assert "顾客投诉处理程序" in procedures and "服务文化管理程序" not in procedures


@pytest.mark.parametrize("ident, findings", [("personnel", "NC-01"), ("training", "NC-01"),
                                             ("complaints", "NC-02"), ("outlets", "NC-03"),
                                             ("responsibility_matrix", "NC-03")])
def test_a_reissued_document_carries_its_next_version_and_the_findings_it_answers(ident, findings):
    result, _ = example_rectification_build()
    rendered = _document(result, ident)
    assert rendered.info.version == "A/1"
    assert [(r.version, r.date, r.description) for r in rendered.info.revisions] == \
        [("A/1", date(2026, 11, 30), f"依据整改项 {findings} 修订后重新发布")]
    assert f"依据整改项{findings}修订后重新发布" in squeeze(pdf_text(rendered.pdf.data))


# -- the window ------------------------------------------------------------------------------------------
def test_the_default_window_is_the_twelve_whole_months_before_the_application_month():
    assert default_window(date(2026, 10, 15)) == Window(date(2025, 10, 1), date(2026, 9, 30))
    assert default_window(date(2026, 1, 1)) == Window(date(2025, 1, 1), date(2025, 12, 31))


@pytest.mark.parametrize("period, bounds", [
    ("2026年第一季度", (date(2026, 1, 1), date(2026, 3, 31))), ("2025年第4季度", (date(2025, 10, 1), date(2025, 12, 31))),
    ("2026年2月", (date(2026, 2, 1), date(2026, 2, 28))), ("2026年下半年", (date(2026, 7, 1), date(2026, 12, 31))),
    ("2026年度", (date(2026, 1, 1), date(2026, 12, 31))), ("旺季", None)])
def test_period_names_are_read(period, bounds):
    assert period_bounds(period) == bounds


def test_records_outside_the_window_are_left_out(small_company):
    small_company.edit("complaints.yaml", "received: 2026-05-12 10:20", "received: 2025-11-12 10:20")
    small_company.edit("complaints.yaml", "responded: 2026-05-12 10:45", "responded: 2025-11-12 10:45")
    small_company.edit("complaints.yaml", "resolved: 2026-05-13 16:00", "resolved: 2025-11-13 16:00")
    small_company.edit("complaints.yaml", "visit_date: 2026-05-14", "visit_date: 2025-11-14")
    whole = load_dossier(small_company.root)
    assert whole.dossier.submission.window == Window(date(2025, 12, 1), date(2026, 11, 30))
    assert "C2026-001" not in {c.id for c in whole.dossier.complaints.complaints}
    small_company.edit("company.yaml", "  system_start:", "  reporting_period: {start: 2025-11-01, end: 2026-10-31}\n  system_start:")
    stated = load_dossier(small_company.root).dossier
    assert stated.submission.window == Window(date(2025, 11, 1), date(2026, 10, 31))
    assert "C2026-001" in {c.id for c in stated.complaints.complaints}


def test_a_window_ending_after_the_application_is_an_error(small_company):
    small_company.edit("company.yaml", "  system_start:", "  reporting_period: {start: 2025-12-01, end: 2026-12-31}\n  system_start:")
    find(small_company, "data.submissions_in_order", file="company.yaml",
         line=small_company.line_of("company.yaml", "reporting_period:"))


# -- dates that must all be true -------------------------------------------------------------------------
_SCAN = """
  - id: E01
    file: attachments/scan.pdf
    title: 上岗考核记录
    kind: 记录
    issued: 2026-12-05
"""


def _with_scan(company):
    from attachment_corpus import _pdf_with_text

    (company.root / "attachments" / "scan.pdf").write_bytes(_pdf_with_text())
    company.edit("evidence.yaml", "attachments: []", "attachments:" + _SCAN)


def test_evidence_dated_after_the_application_is_refused_from_its_pack(small_company):
    _with_scan(small_company)
    found = find(small_company, "data.evidence_in_time", file="evidence.yaml",
                 line=small_company.line_of("evidence.yaml", "issued: 2026-12-05"))
    assert found[0].message == ("证明材料 E01“上岗考核记录”的日期 2026-12-05 晚于认证申请材料（2026-12-01提交）；"
                                "整改证据请在 rectification.yaml 相应整改项的 evidence 中列出，它只编入整改材料。")


_FINDING = """audit: {body: 某认证中心, date: 2026-12-03}
findings:
  - id: NC-01
    indicator: "5.1.2"
    description: 新员工无上岗考核记录
    raised: 2026-12-03
    cause: 未归档
    correction: 补做考核
    corrective_action: 统一组织考核
    owner: S01
    due: 2026-12-20
    closed: 2026-12-06
    evidence: [E01]
    documents: [personnel]
"""


def test_the_same_evidence_answering_a_finding_goes_to_the_rectification_only(small_company):
    _with_scan(small_company)
    small_company.path("rectification.yaml").write_text(_FINDING, encoding="utf-8")
    application = load_dossier(small_company.root, "application")
    assert [p.code for p in application.errors] == []
    assert "E01" not in {a.id for a in application.dossier.attachments}
    rectification = load_dossier(small_company.root)
    assert rectification.dossier.submission.stage == "rectification"
    assert rectification.dossier.submission.date == date(2026, 12, 6)
    assert [p.code for p in rectification.errors] == []


def test_a_finding_closed_after_the_stated_submission_is_an_error(small_company):
    small_company.path("rectification.yaml").write_text("submitted: 2026-12-05\n" + _FINDING.replace(
        "    evidence: [E01]\n", ""), encoding="utf-8")
    find(small_company, "data.submissions_in_order", file="rectification.yaml",
         line=small_company.line_of("rectification.yaml", "closed: 2026-12-06"))


def test_a_controlled_document_telling_of_a_later_month_needs_a_new_revision(small_company):
    small_company.edit("service_system.yaml", "text: 设立售后服务部", "text: 2026年11月起增加夜间值班。设立售后服务部")
    found = find(small_company, "data.controlled_text_in_time", file="service_system.yaml",
                 line=small_company.line_of("service_system.yaml", "2026年11月起增加夜间值班"))
    assert "这段内容却写到了 2026年11月" in found[0].message


def test_naming_the_day_it_takes_effect_is_no_change(small_company):
    effective = load_dossier(small_company.root).dossier.system.manual.control.effective
    small_company.edit("service_system.yaml", "text: 设立售后服务部",
                       f"text: 本手册自{effective.year}年{effective.month}月{effective.day}日起实施。设立售后服务部")
    assert "data.controlled_text_in_time" not in {p.code for p in load_dossier(small_company.root).problems}


# -- the command line ------------------------------------------------------------------------------------
def test_a_rectification_without_findings_is_refused_in_one_line(runner, small_company):
    result = runner.invoke(main, ["build", str(small_company.root), "--stage", "rectification", "-o",
                                  str(small_company.root.parent / "out")])
    assert result.exit_code == 1
    assert f"{small_company.shown('rectification.yaml')}:1: -: 没有整改记录（rectification.yaml）：整改材料无法生成" in result.output
    assert not (small_company.root.parent / "out").exists()


def test_each_pack_has_its_own_default_output():
    from pathlib import Path

    from dossier.build.pipeline import default_out

    assert default_out(Path("company_data/acme"), "application") == Path("build/acme/application")
    assert default_out(Path("company_data/acme"), "rectification") == Path("build/acme/rectification")


def test_the_rectification_s_revisions_cite_the_finding_whose_data_changed(tmp_path):
    """After the audit the rectification submission re-issues the document its finding names (A/1); the
    data its correction changes revises it again, citing the finding (A/2)."""
    import shutil

    from conftest import Company
    from dossier.build import run
    from test_change_tracking import PURIFIER, RECTIFICATION

    data = Company(tmp_path / "data")
    shutil.copytree(PURIFIER, data.root)
    data.path("rectification.yaml").write_text(RECTIFICATION.replace("    data:", "    documents: [personnel]\n    data:"),
                                                encoding="utf-8")
    first = run(data.root, tmp_path / "out", jobs=2)
    assert [r.info.id for r in first.documents] == ["personnel", "rectification"]
    data.edit("personnel.yaml", "valid_until: 2030-05-09", "valid_until: 2030-05-08")
    second = run(data.root, tmp_path / "out", jobs=2)
    personnel = _document(second, "personnel")
    assert [(r.version, r.description) for r in personnel.info.revisions] == \
        [("A/1", "依据整改项 NC-01 修订后重新发布"), ("A/2", "依据整改项 NC-01 修订相关内容")]
    assert "依据整改项 NC-01 修订相关内容" in docx_text(personnel.docx)


def test_the_rectification_s_report_leaves_the_score_to_the_application():
    _result, out = example_rectification_build()
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["score"] is None
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "各指标自评（预评）得分" not in html and "整改材料不含自评" in html
    _result, applied = example_build()
    assert json.loads((applied / "report.json").read_text(encoding="utf-8"))["score"]["total"] == 93.5
