"""Every validation rule: a failing case that names the exact file and line, and a passing case.

Each case edits the small test company (tests/roots/small, which validates clean) and expects one problem code
at the line of a given text in a given file, computed from the edited file itself.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from validation_helpers import assert_clean, find, problems


@dataclass
class Case:
    id: str
    edits: list            # (file, old, new)
    code: str
    file: str
    at: str                # text on the expected line (after the edits)
    severity: str = "error"
    nth: int = 1           # which occurrence of `at`


CASES = [
    # -- field rules -------------------------------------------------------------------------
    Case("uscc-check-digit", [("company.yaml", "uscc: 91350100M000100Y43", "uscc: 91350100M000100Y42")],
         "schema.uscc", "company.yaml", "uscc: 9135"),
    Case("uscc-letter", [("company.yaml", "uscc: 91350100M000100Y43", "uscc: 91350100M000100O43")],
         "schema.uscc", "company.yaml", "uscc: 9135"),
    Case("partner-uscc", [("outlets.yaml", "services: [安装, 维修, 保养, 回收]",
                           "services: [安装]\n    kind_note: x")], "schema.unknown", "outlets.yaml", "kind_note"),
    Case("mobile", [("company.yaml", 'mobile: "13800000000"', 'mobile: "1380000000"')],
         "schema.mobile", "company.yaml", '"1380000000"'),
    Case("landline", [("company.yaml", "phone: 0591-87000000", "phone: 0591-0700000")],
         "schema.phone", "company.yaml", "0591-0700000"),
    Case("email", [("company.yaml", "email: service@example.com", "email: service@example")],
         "schema.email", "company.yaml", "email:"),
    Case("postcode", [("company.yaml", 'postcode: "350001"', 'postcode: "35001"')],
         "schema.postcode", "company.yaml", "postcode:"),
    Case("licence-dates", [("company.yaml", "valid_until: 长期", "valid_until: 2014-12-31")],
         "schema.ascending", "company.yaml", "valid_until: 2014"),
    Case("complaint-time-order", [("complaints.yaml", "resolved: 2026-05-13 16:00", "resolved: 2026-05-12 10:00")],
         "schema.ascending", "complaints.yaml", "resolved:"),
    Case("document-dates", [("service_system.yaml", "    effective: 2026-01-01\n    revisions",
                             "    effective: 2025-12-01\n    revisions")],
         "schema.ascending", "service_system.yaml", "effective: 2025-12-01"),
    Case("non-negative", [("company.yaml", "service_management: 2 ", "service_management: -2 ")],
         "schema.min", "company.yaml", "service_management:"),
    Case("star-level", [("company.yaml", "target_level: 三星级", "target_level: 六星级")],
         "schema.ref.level", "company.yaml", "target_level:"),
    Case("outlet-kind", [("outlets.yaml", "kind: 自建", "kind: 直营")], "schema.allowed", "outlets.yaml", "kind:"),
    Case("survey-method", [("satisfaction.yaml", "method: 电话回访", "method: 上门")],
         "schema.vocabulary", "satisfaction.yaml", "method:"),
    Case("required", [("company.yaml", "legal_representative: 张明", "")],
         "schema.required", "company.yaml", "# 申请单位基本信息"),
    Case("required-nested", [("company.yaml", "  email: service@example.com\n", "")],
         "schema.required", "company.yaml", "contact:"),
    Case("unknown-field", [("company.yaml", "short_name: 示例家电服务", "shortname: 示例家电服务")],
         "schema.unknown", "company.yaml", "shortname:"),
    Case("not-a-number", [("training.yaml", "hours: 4\n    method", "hours: 四\n    method")],
         "schema.coerce", "training.yaml", "hours: 四"),
    Case("no-such-date", [("training.yaml", "date: 2026-03-15", "date: 2026-02-30")],
         "schema.coerce", "training.yaml", "2026-02-30"),
    Case("boolean-text", [("organisation.yaml", "after_sales: true", "after_sales: maybe")],
         "schema.coerce", "organisation.yaml", "after_sales:"),
    # -- references across files --------------------------------------------------------------
    Case("ref-outlet", [("personnel.yaml", "outlet: O01 ", "outlet: O09 ")], "schema.ref.outlet",
         "personnel.yaml", "O09"),
    Case("ref-department", [("organisation.yaml", '{indicator: "5.1.1", lead: GM,', '{indicator: "5.1.1", lead: QA,')],
         "schema.ref.department", "organisation.yaml", "lead: QA"),
    Case("ref-staff", [("organisation.yaml", "{role: 总经理, staff: S01}", "{role: 总经理, staff: S99}")],
         "schema.ref.staff", "organisation.yaml", "S99"),
    Case("ref-staff-in-control", [("service_system.yaml", "approved_by: S01\n    issued", "approved_by: S77\n    issued")],
         "schema.ref.staff", "service_system.yaml", "S77"),
    Case("ref-indicator", [("organisation.yaml", '{indicator: "5.2.6", lead: SVC}', '{indicator: "5.2.9", lead: SVC}')],
         "schema.ref.indicator", "organisation.yaml", "5.2.9"),
    Case("ref-procedure", [("service_system.yaml", "procedures: [QP-01]", "procedures: [QP-09]")],
         "schema.ref.procedure", "service_system.yaml", "QP-09"),
    Case("ref-session", [("training.yaml", "{session: T01, staff: S04", "{session: T09, staff: S04")],
         "schema.ref.session", "training.yaml", "T09"),
    Case("ref-evidence", [("company.yaml", "# attachment: E01", "attachment: E01")],
         "schema.ref.evidence", "company.yaml", "attachment: E01"),
    Case("ref-survey-outlet", [("satisfaction.yaml", 'phone: "13900000003", outlet: O01', 'phone: "13900000003", outlet: O02')],
         "schema.ref.outlet", "satisfaction.yaml", "O02"),
    Case("unique-id", [("personnel.yaml", "id: S05", "id: S04")], "schema.unique", "personnel.yaml", "- id: S04",
         nth=2),
    Case("responsibility-missing", [("organisation.yaml", '  - {indicator: "5.2.3", lead: SVC}\n', "")],
         "data.responsibilities_complete", "organisation.yaml", "responsibilities:"),
    Case("lead-also-support", [("organisation.yaml", '{indicator: "5.2.1", lead: SVC}', '{indicator: "5.2.1", lead: SVC, support: [SVC]}')],
         "data.responsibilities_complete", "organisation.yaml", '"5.2.1"'),
    Case("department-cycle", [("organisation.yaml", "name: 总经理办公室", "name: 总经理办公室\n    parent: ADM")],
         "data.department_tree", "organisation.yaml", "- id: GM"),
    Case("entrusted-without-partner", [("outlets.yaml", "kind: 自建", "kind: 委托")],
         "data.outlet_partner", "outlets.yaml", "- id: O01"),
    Case("more-responses-than-returned", [("satisfaction.yaml", "returned: 5", "returned: 4")],
         "data.survey_responses", "satisfaction.yaml", "returned: 4"),
    Case("returned-over-issued", [("satisfaction.yaml", "issued: 6", "issued: 4")],
         "data.survey_responses", "satisfaction.yaml", "returned: 5"),
    Case("score-of-unknown-item", [("satisfaction.yaml", "scores: {Q1: 4, Q2: 4, Q3: 4}", "scores: {Q1: 4, Q2: 4, Q9: 4}")],
         "data.survey_responses", "satisfaction.yaml", "Q9"),
    Case("score-over-scale", [("satisfaction.yaml", "scores: {Q1: 4, Q2: 4, Q3: 4}", "scores: {Q1: 4, Q2: 4, Q3: 7}")],
         "data.survey_responses", "satisfaction.yaml", "Q3: 7"),
    Case("attendance-twice", [("training.yaml", "  - {session: T02, staff: S06, score: 92}",
                               "  - {session: T02, staff: S06, score: 92}\n  - {session: T02, staff: S06, score: 93}")],
         "data.attendance_unique", "training.yaml", "score: 93"),
    Case("visit-before-resolution", [("complaints.yaml", "visit_date: 2026-05-14", "visit_date: 2026-05-12")],
         "data.complaint_visits", "complaints.yaml", "- id: C2026-001"),
    Case("revision-trail", [("service_system.yaml", "    version: A/0\n    prepared_by: S02",
                             "    version: A/1\n    prepared_by: S02")],
         "data.revision_trail", "service_system.yaml", "  control:  "[:10]),
    # -- rules of the standard -----------------------------------------------------------------
    Case("manager-ratio", [("personnel.yaml", "{kind: 售后服务管理师, number", "{kind: 电工证, number")],
         "rule.manager_ratio", "personnel.yaml", "staff:"),
    Case("manager-certificate-expired", [("personnel.yaml", "valid_until: 2029-03-19", "valid_until: 2026-11-30")],
         "rule.manager_ratio", "personnel.yaml", "staff:"),
    Case("outlet-without-staff", [("personnel.yaml", "    outlet: O01 ", "    outlet: null "), ("personnel.yaml", "    outlet: O01\n", "")],
         "rule.outlet_staffed", "outlets.yaml", "- id: O01"),
    Case("survey-too-old", [("satisfaction.yaml", "start: 2026-07-01", "start: 2025-07-01"),
                            ("satisfaction.yaml", "end: 2026-09-30", "end: 2025-11-30")],
         "rule.survey_max_age_months", "satisfaction.yaml", "- id: S2026Q3"),
    Case("training-too-old", [("training.yaml", "date: 2026-03-15", "date: 2025-03-15"),
                              ("training.yaml", "date: 2026-06-20", "date: 2025-06-20")],
         "rule.training_max_age_months", "training.yaml", "- id: T02"),
    Case("licence-expired", [("company.yaml", "valid_until: 长期", "valid_until: 2026-11-30")],
         "rule.licence_valid", "company.yaml", "valid_until: 2026-11-30"),
    Case("no-management-representative", [("organisation.yaml", "{role: 管理者代表, staff: S02", "{role: 副总经理, staff: S02")],
         "rule.management_representative", "organisation.yaml", "roles:"),
    Case("objective-without-number", [("service_system.yaml", "{text: 顾客满意率不低于90%, target: 90, ", "{text: 顾客满意率不低于90%, ")],
         "rule.measurable_objectives", "service_system.yaml", "顾客满意率不低于90%", "warning"),
    Case("certificate-expiring", [("personnel.yaml", "valid_until: 2030-05-09", "valid_until: 2027-01-15")],
         "rule.expiry_warning_days", "personnel.yaml", "2027-01-15", "warning"),
    Case("headcount", [("company.yaml", "  total: 6 ", "  total: 5 ")],
         "rule.headcount_consistent", "company.yaml", "total: 5", "warning"),
    Case("system-too-young", [("company.yaml", "system_start: 2026-01-01", "system_start: 2026-10-01")],
         "rule.system_min_months", "company.yaml", "system_start:", "warning"),
    Case("no-culture-training", [("training.yaml", "kind: 服务文化\n    trainer", "kind: 技术业务\n    trainer")],
         "rule.culture_training", "training.yaml", "sessions:", "warning"),
]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_rule_fails_at_the_exact_line(small_company, case):
    for file, old, new in case.edits:
        small_company.edit(file, old, new)
    find(small_company, case.code, file=case.file, line=small_company.line_of(case.file, case.at, case.nth),
         severity=case.severity)


def test_scaffold_is_clean(small_company):
    assert_clean(small_company)


# -- passing cases at the boundary of each parametrised rule ----------------------------------

def _codes(company):
    return {p.code for p in problems(company)}


def test_manager_ratio_exactly_ten_percent_passes(small_company):
    # 10 service-management staff need exactly 1 管理师; the small company's one certificate is enough.
    extra = "".join(f"  - {{id: M{i}, name: 员工{i}, department: SVC, position: 主管, category: 服务管理}}\n"
                    for i in range(8))
    small_company.append("personnel.yaml", extra)
    small_company.edit("company.yaml", "  total: 6 ", "  total: 14 ")
    small_company.edit("company.yaml", "after_sales: 5 ", "after_sales: 13 ")
    small_company.edit("company.yaml", "service_management: 2 ", "service_management: 10 ")
    assert_clean(small_company)
    small_company.append("personnel.yaml", "  - {id: M9, name: 员工九, department: SVC, position: 主管, category: 服务管理}\n")
    small_company.edit("company.yaml", "  total: 14 ", "  total: 15 ")
    small_company.edit("company.yaml", "after_sales: 13 ", "after_sales: 14 ")
    small_company.edit("company.yaml", "service_management: 10 ", "service_management: 11 ")
    assert "rule.manager_ratio" in _codes(small_company)   # 11 → ceil(1.1) = 2 needed


def test_survey_exactly_twelve_months_old_passes(small_company):
    small_company.edit("satisfaction.yaml", "start: 2026-07-01", "start: 2025-07-01")
    small_company.edit("satisfaction.yaml", "end: 2026-09-30", "end: 2025-12-01")
    assert "rule.survey_max_age_months" not in _codes(small_company)


def test_training_exactly_twelve_months_old_passes(small_company):
    small_company.edit("training.yaml", "date: 2026-03-15", "date: 2025-03-15")
    small_company.edit("training.yaml", "date: 2026-06-20", "date: 2025-12-01")
    assert "rule.training_max_age_months" not in _codes(small_company)


def test_licence_valid_on_the_application_day_passes_with_a_warning(small_company):
    small_company.edit("company.yaml", "valid_until: 长期", "valid_until: 2026-12-01")
    codes = _codes(small_company)
    assert "rule.licence_valid" not in codes and "rule.expiry_warning_days" in codes


def test_certificate_expiring_after_the_warning_window_passes(small_company):
    small_company.edit("personnel.yaml", "valid_until: 2030-05-09", "valid_until: 2027-03-02")  # 91 days
    assert_clean(small_company)


def test_entrusted_outlet_with_partner_and_staff_passes(small_company):
    small_company.append("outlets.yaml", """  - id: O02
    name: 厦门思明合作网点
    kind: 委托
    region: 福建省厦门市思明区
    address: 福建省厦门市思明区示例路2号
    phone: 0592-5000000
    manager_name: 王经理
    coverage: 厦门市思明区
    partner_staff: 3
    partner: {name: 厦门示例电器维修有限公司, uscc: 91350100M000100Y43, agreement_from: 2026-01-01, agreement_until: 2028-12-31,
              evaluation: {date: 2025-12-15, evaluators: [S02], conclusion: 合格}}
""")
    assert_clean(small_company)
    small_company.edit("outlets.yaml", "partner_staff: 3", "partner_staff: 0")
    find(small_company, "rule.outlet_staffed", file="outlets.yaml", line=small_company.line_of("outlets.yaml", "- id: O02"))


def test_warnings_alone_do_not_fail(small_company, runner):
    from dossier.cli import main
    small_company.edit("company.yaml", "  total: 6 ", "  total: 5 ")
    result = runner.invoke(main, ["validate", str(small_company.root)])
    assert result.exit_code == 0, result.output
    assert "[警告]" in result.output and "1 个警告" in result.output


def test_schema_problems_are_all_reported_at_once(small_company):
    small_company.edit("company.yaml", "uscc: 91350100M000100Y43", "uscc: 91350100M000100Y42")
    small_company.edit("personnel.yaml", "outlet: O01 ", "outlet: O09 ")
    small_company.edit("training.yaml", "date: 2026-03-15", "date: 2026-02-30")
    codes = [p.code for p in problems(small_company)]
    assert {"schema.uscc", "schema.ref.outlet", "schema.coerce"} <= set(codes)


def test_rectification_rules(small_company):
    small_company.path("rectification.yaml").write_text("""audit:
  body: 认证机构
  date: 2026-12-10
findings:
  - id: NC-01
    indicator: "5.1.2"
    description: 一名技师证书过期
    raised: 2026-12-09
    cause: 证书台账未及时更新
    correction: 安排复审
    corrective_action: 建立证书到期提醒
    owner: S02
    due: 2026-12-08
    documents: [personnel, no_such_document]
""", encoding="utf-8")
    find(small_company, "schema.ref.document", file="rectification.yaml",
         line=small_company.line_of("rectification.yaml", "documents:"))
    small_company.edit("rectification.yaml", ", no_such_document", "")
    found = find(small_company, "data.findings_dates", file="rectification.yaml")
    assert {p.line for p in found} == {small_company.line_of("rectification.yaml", "raised:"),
                                       small_company.line_of("rectification.yaml", "due:")}


def test_a_comma_that_cuts_a_value_in_braces_says_so(small_company):
    """``{note: 约1,200平方米}``: YAML's flow mapping splits at the comma, and ``200平方米`` becomes a field."""
    small_company.edit("service_system.yaml", "unit: 处, location: 福州鼓楼服务中心}", "unit: 处, note: 约1,200平方米}")
    [problem] = [p for p in problems(small_company) if p.code == "schema.unknown"]
    assert (problem.file, problem.line, problem.path, problem.message) == (
        small_company.shown("service_system.yaml"), small_company.line_of("service_system.yaml", "约1,200平方米"),
        "resources[0].200平方米",
        "“200平方米”被当成了一个字段：在 {…} 中英文逗号用来分隔字段，“note: 约1,200平方米”里的逗号把“note”的值断开了；"
        "请给这个值加上引号，如 note: \"约1,200平方米\"。")


def test_an_unknown_field_in_braces_is_still_a_spelling_problem(small_company):
    small_company.edit("service_system.yaml", "unit: 处, location: 福州鼓楼服务中心}", "unit: 处, locaton: 福州鼓楼服务中心}")
    [problem] = [p for p in problems(small_company) if p.code == "schema.unknown"]
    assert problem.message.startswith("未知字段“locaton”，请检查拼写")
