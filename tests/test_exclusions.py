"""Exclusions (删减) have one source, the application in company.yaml: what may be excluded is data of the
standard, the self-assessment may only agree, and nothing is required for an excluded indicator."""

from __future__ import annotations

import shutil

import pytest

from conftest import ROOT, Company
from dossier.build.report import score_of
from dossier.standard import load_standard
from dossier.validation import load_dossier
from validation_helpers import assert_clean, problems

PURIFIER = ROOT / "tests" / "roots" / "purifier"
EXCLUDES_RECYCLING = 'indicator: "5.2.6"'


@pytest.fixture
def purifier(tmp_path) -> Company:
    """A copy of the water-purifier installer that excludes 5.2.3 配送 and 5.2.6 废弃商品回收."""
    shutil.copytree(PURIFIER, tmp_path / "purifier")
    return Company(tmp_path / "purifier")


def _messages(company, code: str) -> list[tuple[str, int, str, str, str]]:
    return [(p.file, p.line, p.path, p.severity, p.message) for p in problems(company) if p.code == code]


def test_an_excluded_indicator_needs_no_responsibility_arrangement_or_data(purifier):
    """The purifier has no lead department, no arrangement and no recycling data for what it excludes."""
    assert_clean(purifier)
    d = load_dossier(purifier.root).dossier
    assert d.exclusions == {"5.2.3": "商品由品牌经销商配送，本公司不经营配送业务",
                            "5.2.6": "本公司不经营商品销售，废弃设备由生产企业按其回收渠道处理"}
    assert d.system.recycling is None


def test_what_applies_still_needs_its_responsibility_and_arrangement(purifier):
    purifier.edit("organisation.yaml", '  - {indicator: "5.2.4", lead: SVC}\n', "")
    purifier.edit("service_system.yaml", '  - {indicator: "5.2.4", text: 按维修服务规范上门维修和保养，滤芯和配件明码标价。}\n', "")
    assert _messages(purifier, "data.responsibilities_complete") == [
        (purifier.shown("organisation.yaml"), purifier.line_of("organisation.yaml", "responsibilities:"),
         "responsibilities", "error",
         "职能分配表缺少指标“5.2.4 维修”；请增加一项 indicator: \"5.2.4\" 并指定一个主责部门（lead）。")]
    assert _messages(purifier, "data.practices_complete") == [
        (purifier.shown("service_system.yaml"), purifier.line_of("service_system.yaml", "practices:"),
         "practices", "error",
         "缺少指标“5.2.4 维修”的实施安排；请在 practices 中增加一项 indicator: \"5.2.4\" 并写明公司的做法（text）。")]


def test_recycling_is_required_where_it_is_not_excluded(purifier):
    purifier.edit("company.yaml", '    - {indicator: "5.2.6", reason: 本公司不经营商品销售，废弃设备由生产企业按其回收渠道处理}\n', "")
    codes = {(p.code, p.path) for p in problems(purifier) if p.severity == "error"}
    assert ("schema.required", "recycling") in codes
    assert ("data.responsibilities_complete", "responsibilities") in codes


def test_a_system_indicator_cannot_be_excluded(purifier):
    purifier.edit("company.yaml", "  exclusions:\n", "  exclusions:\n    - {indicator: \"5.1.2\", reason: 人员少}\n")
    line = purifier.line_of("company.yaml", '"5.1.2"')
    assert _messages(purifier, "data.exclusions_allowed") == [
        (purifier.shown("company.yaml"), line, "application.exclusions[0].indicator", "error",
         "指标“5.1.2 人员配置”不能删减：售后服务体系的指标和标准规则要求的指标适用于每一家申请单位；请从删减说明中去掉它。")]


def test_some_service_indicators_only_with_a_warning(purifier):
    purifier.edit("company.yaml", "  exclusions:\n", "  exclusions:\n    - {indicator: \"5.2.1\", reason: 不销售商品}\n")
    line = purifier.line_of("company.yaml", '"5.2.1"')
    assert _messages(purifier, "data.exclusions_allowed") == [
        (purifier.shown("company.yaml"), line, "application.exclusions[0].indicator", "warning",
         "删减指标“5.2.1 商品信息”须有充分理由，认证机构可能不予接受；请确认本公司确实不提供这项服务，并在理由中说明由谁提供。")]


def test_which_indicators_may_be_excluded_is_data_of_the_standard():
    exclusion = {i.id: i.exclusion for i in load_standard().indicators}
    assert {i for i, e in exclusion.items() if e == "allowed"} == {"5.2.3", "5.2.6"}
    assert {i for i, e in exclusion.items() if e == "warning"} == {"5.2.1", "5.2.2", "5.2.4", "5.2.5"}
    assert all(e == "never" for i, e in exclusion.items() if i.startswith(("5.1.", "5.3.")))


def _judge(company, indicator: str, status: str) -> int:
    company.path("self_assessment.yaml").write_text(
        f'judgements:\n  - {{indicator: "{indicator}", status: {status}, reason: 说明}}\n', encoding="utf-8")
    return 2


def test_the_self_assessment_cannot_add_an_exclusion(purifier):
    line = _judge(purifier, "5.2.2", "删减")
    where = f"{purifier.shown('company.yaml')}:{purifier.line_of('company.yaml', 'exclusions:')}"
    assert _messages(purifier, "data.judgements") == [
        (purifier.shown("self_assessment.yaml"), line, "judgements[0].status", "error",
         f"自评把指标“5.2.2 技术支持”写作删减，但申请书的删减说明中没有这一项（{where}）；删减只在 company.yaml 的 "
         "application.exclusions 中填写，请在那里增加，或改正自评结论。")]


def test_the_self_assessment_cannot_judge_an_excluded_indicator(purifier):
    line = _judge(purifier, "5.2.6", "符合")
    where = f"{purifier.shown('company.yaml')}:{purifier.line_of('company.yaml', EXCLUDES_RECYCLING)}"
    assert _messages(purifier, "data.judgements") == [
        (purifier.shown("self_assessment.yaml"), line, "judgements[0].status", "error",
         f"指标“5.2.6 废弃商品回收”已在申请书中删减（{where}），自评结论却是“符合”；请改为删减，或从 company.yaml 的"
         "删减说明中去掉该指标。")]


def test_the_self_assessment_may_repeat_an_exclusion(purifier):
    _judge(purifier, "5.2.6", "删减")
    assert_clean(purifier)


def test_the_score_leaves_out_what_is_excluded(purifier):
    score = score_of(load_dossier(purifier.root).dossier)
    excluded = {s.indicator.id for s in score.indicators if not s.applicable}
    assert excluded == {"5.2.3", "5.2.6"}
    assert score.applicable_points == 100 - 6 - 4


def test_field_and_cross_file_problems_are_reported_in_one_run(small_company):
    """A field error in one file does not hide the rules over the others (before, the responsibility came
    only once the date was corrected)."""
    small_company.edit("organisation.yaml", '  - {indicator: "5.2.3", lead: SVC}\n', "")
    small_company.edit("personnel.yaml", "hired: 2021-09-01", "hired: 去年")
    assert [(p.file, p.code) for p in problems(small_company)] == [
        (small_company.shown("organisation.yaml"), "data.responsibilities_complete"),
        (small_company.shown("personnel.yaml"), "schema.coerce")]


def test_a_rule_waits_for_the_field_errors_of_the_files_it_checks(small_company):
    """The manager-ratio rule reads the staff register: while the register has a field error, it says
    nothing (its count would be made of what parsed)."""
    small_company.edit("personnel.yaml", "valid_until: 2029-03-19", "valid_until: 不详")
    assert {p.code for p in problems(small_company)} == {"schema.coerce"}
