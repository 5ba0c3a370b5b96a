"""The outlets' records against the company's own rules (outlets.yaml ``requirements``): an entrusted partner
evaluated before its agreement with enough certified technicians, every outlet inspected as often as the
company set. Each rule on the case made for it, at its file and line; the outlet list's new tables, row by
row, in both formats; the sample's missed 2026 Q3 inspection of its Jinjiang outlet (the audit's NC-03)."""

from __future__ import annotations

import pytest

from conftest import EXAMPLE
from documents import docx_tables, docx_text, dossier_of, pdf_lines, render, squeeze
from dossier.builders import BUILDERS
from dossier.validation import load_dossier
from validation_helpers import assert_clean, find

ENTRUSTED = """  - id: O02
    name: 厦门思明合作网点
    kind: 委托
    region: 福建省厦门市思明区
    address: 福建省厦门市思明区示例路2号
    phone: 0592-5000000
    manager_name: 王经理
    coverage: 厦门市思明区
    partner:
      name: 厦门示例电器维修有限公司
      uscc: 91350100M000100Y43
      agreement_from: 2026-04-01
      agreement_until: 2028-03-31
      evaluation:
        date: 2026-03-20
        evaluators: [S02]
        technicians: 2
        conclusion: 合格
        results:
          - {criterion: 具有独立法人资格, met: true, note: 有限责任公司}

requirements:
  inspections:
    - {outlets: 自建, kinds: [巡检], every: 季度, times: 1}
    - {outlets: 委托, kinds: [现场检查], every: 季度, times: 1}
  entrusted:
    criteria: [具有独立法人资格]
    min_technicians: 2

entrusted_staff:
  - {id: W1, outlet: O02, name: 周杰, position: 维修技师, category: 服务技术, qualifications: [{kind: 低压电工作业证, number: T1, issued: 2025-01-01, valid_until: 2031-01-01}]}
  - {id: W2, outlet: O02, name: 吴凡, position: 维修技师, category: 服务技术, qualifications: [{kind: 低压电工作业证, number: T2, issued: 2025-02-01, valid_until: 2031-02-01}]}
  - {id: W3, outlet: O02, name: 郑丽, position: 客服接待, category: 客户服务}

inspections:
  - {outlet: O01, date: 2026-03-10, kind: 巡检, inspector: S03, score: 92, findings: 未发现问题}
  - {outlet: O01, date: 2026-06-10, kind: 巡检, inspector: S03, score: 90, findings: 工具柜未上锁}
  - {outlet: O01, date: 2026-09-10, kind: 巡检, inspector: S03, score: 94, findings: 未发现问题}
  - {outlet: O02, date: 2026-06-18, kind: 现场检查, inspector: S03, score: 88, findings: 未发现问题}
  - {outlet: O02, date: 2026-09-16, kind: 现场检查, inspector: S03, findings: 未发现问题}
"""


@pytest.fixture
def outlets(small_company):
    """The small company with an entrusted outlet, the company's rules for its outlets, and the records that
    meet them: it validates clean."""
    small_company.append("outlets.yaml", ENTRUSTED)
    return small_company


def _only(company, code, at: str, message: str, severity: str = "warning", nth: int = 1):
    found = find(company, code, file="outlets.yaml", line=company.line_of("outlets.yaml", at, nth), severity=severity)
    assert [p.message for p in found] == [message]


def test_the_records_that_meet_the_rules_are_clean(outlets):
    assert_clean(outlets)


def test_a_quarter_without_an_inspection(outlets):
    outlets.edit("outlets.yaml", "  - {outlet: O01, date: 2026-06-10, kind: 巡检, inspector: S03, score: 90, findings: 工具柜未上锁}\n", "")
    _only(outlets, "rule.outlet_inspections", "- id: O01",
          "网点“福州鼓楼服务中心”未达到本公司规定的检查频次（自建网点每季度至少巡检 1 次）：2026年第二季度没有巡检记录；"
          "请补充检查记录（outlets.yaml 的 inspections），或查明原因并采取纠正措施。")


def test_a_visit_of_a_kind_that_does_not_count(outlets):
    outlets.edit("outlets.yaml", "date: 2026-09-16, kind: 现场检查", "date: 2026-09-16, kind: 暗访")
    _only(outlets, "rule.outlet_inspections", "- id: O02",
          "网点“厦门思明合作网点”未达到本公司规定的检查频次（委托网点每季度至少现场检查 1 次）：2026年第三季度没有现场检查记录；"
          "请补充检查记录（outlets.yaml 的 inspections），或查明原因并采取纠正措施。")


def test_too_few_inspections_in_each_quarter(outlets):
    outlets.edit("outlets.yaml", "{outlets: 自建, kinds: [巡检], every: 季度, times: 1}",
                 "{outlets: 自建, kinds: [巡检], every: 季度, times: 2}")
    _only(outlets, "rule.outlet_inspections", "- id: O01",
          "网点“福州鼓楼服务中心”未达到本公司规定的检查频次（自建网点每季度至少巡检 2 次）：2026年第一季度只有 1 次、"
          "2026年第二季度只有 1 次、2026年第三季度只有 1 次；请补充检查记录（outlets.yaml 的 inspections），或查明原因并采取纠正措施。")


def test_no_frequency_set_no_inspection_rule(outlets):
    outlets.edit("outlets.yaml", "    - {outlets: 自建, kinds: [巡检], every: 季度, times: 1}\n", "")
    outlets.edit("outlets.yaml", "  - {outlet: O01, date: 2026-06-10, kind: 巡检, inspector: S03, score: 90, findings: 工具柜未上锁}\n", "")
    assert_clean(outlets)


def test_an_entrusted_outlet_without_an_evaluation(outlets):
    outlets.edit("outlets.yaml", ENTRUSTED[ENTRUSTED.index("      evaluation:"):ENTRUSTED.index("\nrequirements:") + 1], "")
    _only(outlets, "rule.outlet_evaluation", "    partner:",
          "委托网点“厦门思明合作网点”没有委托前的评审记录；请在 partner.evaluation 中填写评审日期、评审人员、各项准入条件的评审结果"
          "和结论（须早于合作协议起始日期）。")


def test_an_evaluation_after_the_agreement(outlets):
    outlets.edit("outlets.yaml", "        date: 2026-03-20", "        date: 2026-04-05")
    _only(outlets, "rule.outlet_evaluation", "        date: 2026-04-05",
          "委托网点“厦门思明合作网点”的评审日期 2026-04-05 晚于合作协议起始日期 2026-04-01：应先评审合格再签订合作协议。")


def test_an_evaluation_that_skipped_a_criterion_or_found_too_few_technicians(outlets):
    outlets.edit("outlets.yaml", "    criteria: [具有独立法人资格]", "    criteria: [具有独立法人资格, 有固定的服务场所]")
    outlets.edit("outlets.yaml", "        technicians: 2", "        technicians: 1")
    found = find(outlets, "rule.outlet_evaluation", file="outlets.yaml")
    assert sorted((p.line, p.message) for p in found) == sorted([
        (outlets.line_of("outlets.yaml", "      evaluation:"),
         "委托网点“厦门思明合作网点”的评审没有评审准入条件“有固定的服务场所”；请在 results 中填写该条件的评审结果。"),
        (outlets.line_of("outlets.yaml", "        technicians: 1"),
         "委托网点“厦门思明合作网点”评审时持证技术人员 1 名，少于本公司准入条件的 2 名，不应评为合格。")])


def test_an_entrusted_outlet_short_of_certified_technicians(outlets):
    outlets.edit("outlets.yaml", "number: T2, issued: 2025-02-01, valid_until: 2031-02-01",
                 "number: T2, issued: 2020-02-01, valid_until: 2026-11-30")
    _only(outlets, "rule.outlet_technicians", "- id: O02",
          "委托网点“厦门思明合作网点”的持证技术人员少于本公司准入条件的 2 名（entrusted_staff 中类别为服务技术、在 2026-12-01 "
          "持有有效证书的只有 1 名）；请补充人员及其证书，或督促合作方增配持证技术人员。")


def test_entrusted_staff_that_contradict_the_outlets(outlets):
    outlets.edit("outlets.yaml", "    coverage: 厦门市思明区\n", "    coverage: 厦门市思明区\n    partner_staff: 4\n")
    outlets.edit("outlets.yaml", "{id: W3, outlet: O02,", "{id: W3, outlet: O01,")
    found = find(outlets, "data.entrusted_staff", file="outlets.yaml", severity="error")
    assert sorted((p.line, p.path, p.message) for p in found) == sorted([
        (outlets.line_of("outlets.yaml", "{id: W3"), "entrusted_staff[2].outlet",
         "委托网点人员郑丽所在的网点“福州鼓楼服务中心”是自建网点；自建网点的人员写在 personnel.yaml 中，这里只列委托网点合作方的人员。"),
        (outlets.line_of("outlets.yaml", "partner_staff: 4"), "outlets[1].partner_staff",
         "网点“厦门思明合作网点”的合作方服务人员数填写为 4，entrusted_staff 中列出了 2 人；请核对，或删去 partner_staff（不填时按所列人数）。")])


def test_the_head_count_of_an_entrusted_outlet_is_its_listed_staff(outlets):
    d = load_dossier(outlets.root).dossier
    assert d.outlet("O02").staff_count == 3


def test_the_outlet_list_shows_staff_evaluation_and_inspections(outlets):
    d = load_dossier(outlets.root).dossier
    rendered = BUILDERS["outlets"]().render(d)
    lines = pdf_lines(rendered.pdf.data)
    rows = [("周杰", "维修技师", "服务技术", "低压电工作业证", "T1", "2031-01-01"),
            ("吴凡", "维修技师", "服务技术", "低压电工作业证", "T2", "2031-02-01"),
            ("郑丽", "客服接待", "客户服务", "—", "—", "—"),
            ("合作方", "厦门示例电器维修有限公司"),
            ("评审日期", "2026年3月20日", "合作协议起始日期", "2026年4月1日"),
            ("评审人员", "李华", "评审结论", "合格"),
            ("具有独立法人资格", "有限责任公司", "符合"),
            ("持证技术人员不少于 2 名", "评审时持证技术人员 2 名", "符合"),
            ("福州鼓楼服务中心", "1", "1", "1", "达到要求"),
            ("厦门思明合作网点", "—", "1", "1", "达到要求"),
            ("2026-03-10", "福州鼓楼服务中心", "巡检", "王强", "92", "未发现问题"),
            ("2026-06-10", "福州鼓楼服务中心", "巡检", "王强", "90", "工具柜未上锁"),
            ("2026-09-16", "厦门思明合作网点", "现场检查", "王强", "—", "未发现问题")]
    for row in rows:
        assert " ".join(row) in lines, row
    tables = docx_tables(rendered.docx)
    held = [tuple(r) for t in tables for r in t]
    for row in rows:
        assert row in held, row
    frequency = next(t for t in tables if t[0][0] == "网点" and t[0][-1] == "结论")
    assert frequency == [["网点", "2026年\n第一季度", "2026年\n第二季度", "2026年\n第三季度", "结论"],
                         ["自建网点每季度至少巡检 1 次（2026年第一季度至2026年第三季度）"],
                         ["福州鼓楼服务中心", "1", "1", "1", "达到要求"],
                         ["委托网点每季度至少现场检查 1 次（2026年第二季度至2026年第三季度）"],
                         ["厦门思明合作网点", "—", "1", "1", "达到要求"]]
    for text in (squeeze("\n".join(lines)), squeeze(docx_text(rendered.docx))):
        assert squeeze("厦门思明合作网点：合作方服务人员 3 名，其中持有有效证书的技术人员 2 名（本公司准入条件不少于 2 名），符合。") in text
        assert squeeze("本公司规定：自建网点每季度至少巡检 1 次；委托网点每季度至少现场检查 1 次。") in text
        assert squeeze("检查记录（共 5 次）：") in text
        for heading in ("四、委托网点人员及资格证书", "五、委托网点评审", "六、网点检查"):
            assert heading in text


def test_a_missed_quarter_shows_in_the_list(outlets):
    outlets.edit("outlets.yaml", "  - {outlet: O02, date: 2026-09-16, kind: 现场检查, inspector: S03, findings: 未发现问题}\n", "")
    rendered = BUILDERS["outlets"]().render(load_dossier(outlets.root).dossier)
    assert "厦门思明合作网点 — 1 0 未达到" in pdf_lines(rendered.pdf.data)
    frequency = next(t for t in docx_tables(rendered.docx) if t[0][0] == "网点" and t[0][-1] == "结论")
    assert frequency[-1] == ["厦门思明合作网点", "—", "1", "0", "未达到"]


def test_an_outlet_list_without_entrusted_outlets_or_inspections_has_none_of_the_new_parts(small_company):
    rendered = render(str(small_company.root), "outlets")
    text = squeeze(docx_text(rendered.docx))
    assert "本公司全部网点均为自建网点，无委托网点。" in text
    assert "委托网点人员及资格证书" not in text and "网点检查" not in text


# -- the sample -------------------------------------------------------------------------------------------

def test_the_sample_misses_the_jinjiang_inspection_of_2026_q3():
    """The certification body's NC-03, found by the rule: only this one, at the outlet's line."""
    found = [p for p in load_dossier(EXAMPLE).problems if p.code.startswith("rule.outlet")]
    text = (EXAMPLE / "outlets.yaml").read_text(encoding="utf-8").splitlines()
    line = text.index("  - id: O08") + 1
    assert [(p.code, p.line, p.path, p.message) for p in found] == [(
        "rule.outlet_inspections", line, "outlets[7]",
        "网点“泉州晋江服务站（委托）”未达到本公司规定的检查频次（委托网点每季度至少现场检查 1 次）：2026年第三季度没有现场检查记录；"
        "请补充检查记录（outlets.yaml 的 inspections），或查明原因并采取纠正措施。")]


def test_the_sample_outlet_list_shows_the_missed_quarter():
    d = dossier_of(str(EXAMPLE))
    rendered = render(str(EXAMPLE), "outlets")
    assert "泉州晋江服务站（委托） — 1 1 0 未达到" in pdf_lines(rendered.pdf.data)
    checks = {c.outlet.id: c for c in d.figures.outlet_checks}
    assert [p.name for p in checks["O08"].missed] == ["2026年第三季度"]
    assert {o: len(c.technicians) for o, c in checks.items() if c.outlet.kind == "委托"} == {"O07": 4, "O08": 4}
