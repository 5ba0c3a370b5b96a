"""The consistency checks an auditor makes (assessment.consistency): each contradiction made in a copy of the
small company raises exactly its findings, with the data lines (check on the data) or the binder pages (check
on a build) of the statements that contradict each other; the clean small company raises none."""

from __future__ import annotations

import json
import shutil

from dossier.assessment.consistency import check_consistency
from dossier.assessment.consistency.places import locator, places_text
from dossier.builders.org_chart import charted_staff, organisation_chart
from dossier.cli import main
from dossier.validation import load_dossier


def _validated(company):
    validation = load_dossier(company.root)
    assert validation.ok, validation.errors
    return validation


def _found(company) -> list[tuple[str, str, str]]:
    """(severity, message, where) of every consistency finding, the places as check on the data gives them."""
    validation = _validated(company)
    locate = locator(sources=validation.sources)
    return [(f.severity, f.message, places_text(locate(p) for p in f.places))
            for f in check_consistency(validation.dossier)]


def _messages(company) -> list[tuple[str, str]]:
    return [(severity, message) for severity, message, _ in _found(company)]


def test_the_clean_small_company_raises_none(small_company):
    assert _found(small_company) == []


def test_a_department_outside_the_after_sales_system_leading_indicators(small_company):
    small_company.edit("organisation.yaml", "    head: S06\n    after_sales: true", "    head: S06\n    after_sales: false")
    org = small_company.shown("organisation.yaml")
    staffing, resources, flag = (small_company.line_of("organisation.yaml", needle)
                                 for needle in ('indicator: "5.1.2"', 'indicator: "5.1.3"', "after_sales: false"))
    assert _found(small_company) == [(
        "error", "职能分配表中综合部是指标 5.1.2 人员配置、5.1.3 资源配置 的主责部门，组织机构图却标明综合部不属于售后服务体系。",
        f"见 {org}:{staffing}（职能分配表）、{org}:{resources}（职能分配表）、{org}:{flag}（组织机构图（部门设置及职责））")]


def test_a_key_role_nobody_in_the_charts_holds(small_company):
    small_company.edit("organisation.yaml", "{role: 管理者代表, staff: S02", "{role: 管理者代表, staff: S03")
    assert _messages(small_company) == [(
        "warning", "关键岗位管理者代表（王强）不在组织机构图中：两张图只画出各部门及其负责人和网点负责人，王强不是其中任何一位。")]
    # the role directing a department is drawn above it, and so is in the chart
    small_company.edit("organisation.yaml", "{role: 管理者代表, staff: S03", "{role: 管理者代表, departments: [SVC], staff: S03")
    d = _validated(small_company).dossier
    assert _found(small_company) == [] and "S03" in charted_staff(d)
    layout = organisation_chart(d).args[0]
    role = layout.box("role/S03/管理者代表")
    assert (role.parent, role.title, role.detail, role.style) == ("GM", ("管理者代表",), ("王强",), "role")
    assert layout.box("SVC").parent == role.key and layout.box("ADM").parent == "GM"


def test_a_reporting_line_the_chart_does_not_draw(small_company):
    small_company.edit("service_system.yaml", "由总经理办公室负责服务监督，每月抽查服务质量。",
                       "由总经理办公室负责服务监督，每月抽查服务质量。综合部直接向管理者代表报告抽查结果。")
    line = small_company.line_of("service_system.yaml", "综合部直接向管理者代表报告")
    org = small_company.shown("organisation.yaml")
    assert _found(small_company) == [(
        "error", "文件写明综合部向管理者代表（李华）报告，组织机构图却把综合部画在总经理办公室之下，图中综合部之上没有管理者代表。",
        f"见 {small_company.shown('service_system.yaml')}:{line}（售后服务手册 5.1.5）、"
        f"{org}:{small_company.line_of('organisation.yaml', 'departments:')}（组织机构图（图1）、组织机构图（图2））")]
    small_company.edit("organisation.yaml", "{role: 管理者代表, staff: S02", "{role: 管理者代表, departments: [ADM], staff: S02")
    assert _found(small_company) == []


def test_a_service_area_wider_than_the_outlets_ranges(small_company):
    small_company.edit("company.yaml", "service_area: [福建省福州市五城区]", "service_area: [福建省福州市, 福建省厦门市]")
    assert _messages(small_company) == [
        ("warning", "服务区域写明“福建省福州市”（整个福州市），服务网点的服务范围只列出其中的一部分（福州鼓楼服务中心：五城区）。"),
        ("error", "服务区域写明“福建省厦门市”，但没有一个服务网点的服务范围包括这一地区。")]
    small_company.edit("outlets.yaml", "coverage: 福州市五城区", "coverage: 福州市全境、厦门市思明区")
    assert _messages(small_company) == [
        ("warning", "服务区域写明“福建省厦门市”（整个厦门市），服务网点的服务范围只列出其中的一部分（福州鼓楼服务中心：思明区）。")]


def test_documents_referred_to_that_the_pack_neither_holds_nor_lists(small_company):
    small_company.edit("service_system.yaml", "    records: [年度培训计划, 培训签到表, 培训考核记录]",
                       "    records: [年度培训计划, 培训签到表, 培训考核记录]\n    references: [售后服务手册 SL/SC-01, 上门服务规范]")
    small_company.edit("service_system.yaml", "按计划组织培训，签到并考核，记录存档。", "按计划组织培训，按《培训考核细则》考核，填写《培训签到表》。")
    small_company.edit("service_system.yaml", "text: 设立售后服务部统一管理售后服务，设自建服务网点覆盖服务区域。}",
                       "text: 设立售后服务部统一管理售后服务，设自建服务网点覆盖服务区域。, records: [服务网点清单, 网点巡检记录]}")
    assert _messages(small_company) == [
        ("error", "程序文件《培训管理程序》引用了《上门服务规范》，但申请材料中没有这份文件，适用法律法规清单和其他文件清单中也没有。"),
        ("error", "程序文件《培训管理程序》引用了《培训考核细则》，但申请材料中没有这份文件，适用法律法规清单和其他文件清单中也没有。"),
        ("warning", "售后服务手册 5.1.1列出记录“网点巡检记录”，但没有一份程序文件规定这种记录（各程序文件的“记录”中都没有）。")]
    small_company.edit("service_system.yaml", "distribution:", "other_documents:\n  - {name: 上门服务规范, number: SL/ZY-01, holder: SVC}\n"
                       "  - {name: 培训考核细则, kind: 内部文件}\n\ndistribution:")
    small_company.edit("service_system.yaml", "records: [年度培训计划,", "records: [网点巡检记录, 年度培训计划,")
    assert _found(small_company) == []


def test_controlled_copies_without_a_distribution_number(small_company):
    small_company.edit("service_system.yaml", 'distribution:                              # 受控文件的分发\n  copy_number: "01"', "")
    assert _messages(small_company) == [("warning", "受控文件《售后服务手册》、《培训管理程序》没有分发号，文件控制信息中印为“—”。")]
    small_company.edit("service_system.yaml", "      effective: 2026-01-01\n    purpose:", "      effective: 2026-01-01\n      copy_number: QP-7\n    purpose:")
    assert _messages(small_company) == [("warning", "受控文件《售后服务手册》没有分发号，文件控制信息中印为“—”。")]
    d = _validated(small_company).dossier
    assert (d.system.manual.control.copy_number, d.system.procedures[0].control.copy_number) == ("", "QP-7")


def test_the_distribution_number_stated_once_is_every_controlled_copys(small_company):
    d = _validated(small_company).dossier
    assert [c.copy_number for c in (d.system.manual.control, *(p.control for p in d.system.procedures))] == ["01", "01"]


_GAS = "  - category: 燃气灶\n    brands: [示例牌]\n\nscope:"


def test_a_regulated_product_without_its_regulation_licence_and_technicians(small_company):
    small_company.edit("company.yaml", "\nscope:", _GAS)
    small_company.append("company.yaml", "trade: {profile: 家电}\n")
    assert _messages(small_company) == [
        ("error", "认证范围内的燃气灶含燃气燃烧器具，适用法律法规清单中却没有关于燃气的法规。"),
        ("error", "认证范围内的燃气灶含燃气燃烧器具，按《城镇燃气管理条例》第三十八条及所在地的燃气管理条例须具备“燃气燃烧器具安装维修企业资质”，"
                  "数据中没有这项许可。"),
        ("warning", "认证范围内的燃气灶含燃气燃烧器具，按《城镇燃气管理条例》第三十八条（从事燃气燃烧器具安装、维修的企业应有经培训合格的安装、"
                    "维修人员）须由持证人员安装维修；福州鼓楼服务中心没有持“燃气燃烧器具安装维修工职业技能等级证书”的人员。")]
    # a complaint about such a product at that outlet: an error naming both
    small_company.edit("complaints.yaml", "    product: 空调\n    outlet: O01", "    product: 燃气灶\n    outlet: O01")
    messages = _messages(small_company)
    assert messages[2:] == [(
        "error", "认证范围内的燃气灶含燃气燃烧器具，按《城镇燃气管理条例》第三十八条（从事燃气燃烧器具安装、维修的企业应有经培训合格的安装、"
                 "维修人员）须由持证人员安装维修；福州鼓楼服务中心没有持“燃气燃烧器具安装维修工职业技能等级证书”的人员，"
                 "却处理了关于燃气燃烧器具的投诉 C2026-001（报修后等待上门时间较长）。")]
    small_company.edit("service_system.yaml", "  - {name: 中华人民共和国产品质量法}",
                       "  - {name: 中华人民共和国产品质量法}\n  - {name: 城镇燃气管理条例, number: 国务院令第583号}")
    small_company.append("company.yaml", "permits:\n  - {kind: 燃气燃烧器具安装维修企业资质, number: RQ-001, valid_until: 长期}\n")
    small_company.edit("personnel.yaml", "      - {kind: 制冷与空调作业证, number: T350100000001, issued: 2024-05-10, valid_until: 2030-05-09}",
                       "      - {kind: 制冷与空调作业证, number: T350100000001, issued: 2024-05-10, valid_until: 2030-05-09}\n"
                       "      - {kind: 燃气燃烧器具安装维修工, number: Y2024001, issued: 2024-06-13}")
    assert _found(small_company) == []


def test_a_complaint_closed_dissatisfied_and_not_handled_again(small_company):
    small_company.edit("complaints.yaml", "visit_result: 满意", "visit_result: 不满意")
    assert _found(small_company) == [(
        "error", "投诉 C2026-001（报修后等待上门时间较长）回访结果为“不满意”，没有重新处理的记录，投诉未形成闭环。",
        f"见 {small_company.shown('complaints.yaml')}:{small_company.line_of('complaints.yaml', 'visit_result:')}"
        "（顾客投诉及回访汇总（C2026-001））")]
    small_company.edit("complaints.yaml", "visit_result: 不满意", "visit_result: 不满意\n    reprocessed: 2026-05-16 10:00\n"
                       "    reprocess_outcome: 站长上门致歉并赠送一次保养\n    revisit_result: 满意")
    assert _found(small_company) == []


def _surveys(first: str, second: str) -> str:
    """Two earlier quarters' surveys, Q1 (服务响应速度) rated 3 by one answer in five."""
    out = ""
    for ident, period, start, end, month in (("S2026Q1", "2026年第一季度", "2026-01-01", "2026-03-31", "02"),
                                             ("S2026Q2", "2026年第二季度", "2026-04-01", "2026-06-30", "05")):
        rows = "".join(f"      - {{no: \"{n}\", date: 2026-{month}-1{n[-1]}, customer: 顾客{n}, outlet: O01, "
                       f"scores: {{Q1: {3 if n == '001' else 5}, Q2: 5, Q3: 5}}}}\n" for n in ("001", "002", "003", "004", "005"))
        actions = first if ident == "S2026Q1" else second
        out += (f"  - id: {ident}\n    period: {period}\n    start: {start}\n    end: {end}\n    method: 电话回访\n"
                f"    issued: 5\n    returned: 5\n{actions}    responses:\n{rows}")
    return out


def test_a_target_missed_survey_after_survey_without_a_corrective_action(small_company):
    small_company.edit("satisfaction.yaml", "surveys:\n", "surveys:\n" + _surveys("", ""))
    small_company.edit("satisfaction.yaml", "scores: {Q1: 5, Q2: 5, Q3: 5}, comment: 服务很好", "scores: {Q1: 3, Q2: 5, Q3: 5}, comment: 服务很好")
    assert _messages(small_company) == [(
        "warning", "“服务响应速度”连续 3 次调查低于满意率目标 90%（2026年第一季度 80.0%、2026年第二季度 80.0%、2026年第三季度 80.0%），"
                   "调查的改进措施和整改记录中没有针对它的纠正措施。")]
    # an action listing the item (or naming it) answers it
    small_company.edit("satisfaction.yaml", "  - id: S2026Q2\n", "  - id: S2026Q2\n    actions:\n"
                       "      - {action: 增设夜间值班技师, owner: SVC, items: [Q1]}\n")
    assert _found(small_company) == []


def _pages(pages: list[int]) -> str:
    first, last = pages
    return f"第 {first}–{last} 页" if last > first else f"第 {first} 页"


def test_check_on_a_build_names_the_binder_pages(small_company_build, small_company, tmp_path, runner):
    """check OUT: the pages come from the manifest's page ranges and anchors (here of an output built from
    the clean company, checked against a copy made inconsistent)."""
    _result, built, _company = small_company_build
    out = tmp_path / "out"
    shutil.copytree(built, out)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    manifest["source"] = str(small_company.root)
    (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    small_company.edit("organisation.yaml", "    head: S06\n    after_sales: true", "    head: S06\n    after_sales: false")

    docs = {d["id"]: d for d in manifest["documents"]}
    matrix = docs["responsibility_matrix"]["binder_pages"]
    chart = docs["org_chart"]
    departments = [chart["binder_pages"][0] + chart["anchors"]["org-departments"], chart["binder_pages"][1]]
    assert chart["anchors"]["org-roles"] >= chart["anchors"]["org-departments"]
    shown = f"见{_pages(matrix)}（职能分配表）、{_pages(departments)}（组织机构图（部门设置及职责））"

    text = runner.invoke(main, ["check", str(out)])
    assert f"         {shown}" in text.output.splitlines()
    data = json.loads(runner.invoke(main, ["check", str(out), "--json"]).output)
    finding = next(f for f in data["findings"] if f["category"] == "consistency")
    assert finding["see"] == shown
    assert [(p["document"], p["anchor"], p["pages"]) for p in finding["places"]] == [
        ("responsibility_matrix", None, matrix), ("responsibility_matrix", None, matrix),
        ("org_chart", "org-departments", departments)]
    # on the data the same finding names the data lines instead
    on_data = json.loads(runner.invoke(main, ["check", str(small_company.root), "--json"]).output)
    lines = [p["line"] for p in next(f for f in on_data["findings"] if f["category"] == "consistency")["places"]]
    assert lines == [small_company.line_of("organisation.yaml", 'indicator: "5.1.2"'),
                     small_company.line_of("organisation.yaml", 'indicator: "5.1.3"'),
                     small_company.line_of("organisation.yaml", "after_sales: false")]


def test_the_pack_prints_the_other_documents_and_the_handling_again(small_company):
    """The data that answers a finding is printed where the auditor reads it: the documents kept outside the
    pack in the manual's 4.2, a complaint handled again in the complaints log (both formats alike)."""
    from documents import docx_text, pdf_text, squeeze
    from dossier.builders import BUILDERS

    small_company.edit("service_system.yaml", "distribution:", "other_documents:\n  - {name: 上门服务规范, number: SL/ZY-01, holder: SVC}\n"
                       "  - {name: 品牌厂家服务政策, kind: 外来文件}\n\ndistribution:")
    small_company.edit("complaints.yaml", "visit_result: 满意", "visit_result: 不满意\n    reprocessed: 2026-05-16 10:00\n"
                       "    reprocess_outcome: 站长上门致歉\n    revisit_result: 满意")
    d = _validated(small_company).dossier
    for ident, said in (("service_manual", "体系文件引用的下列文件未编入本申请材料，由保存部门受控管理，现场审核时提供：《上门服务规范》"
                                           "（SL/ZY-01，内部文件，售后服务部保存）、《品牌厂家服务政策》（外来文件）。"),
                        ("complaints", "当日安排技师上门，向顾客致歉重新处理（2026-05-16 10:00）：站长上门致歉；再次回访：满意")):
        rendered = BUILDERS[ident]().render(d)
        assert said in docx_text(rendered.docx) and squeeze(said) in squeeze(pdf_text(rendered.pdf.data))
