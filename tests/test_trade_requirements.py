"""What the law requires of a company's trade, as data: trade profiles name the licences it (and its
entrusted outlets' partners) must hold and the qualifications its staff must hold; validate, check and
score hold the company to them. Tried on the purifier company turned into an elevator company."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import Company
from documents import docx_text
from dossier.assessment.completeness import check_completeness
from dossier.build.report import score_of
from dossier.builders import BUILDERS
from dossier.builders.evidence import evidence_map
from dossier.cli import main
from dossier.problems import format_problem
from dossier.standard.trades import trade_profiles
from dossier.standard.vocabularies import compose, standard_vocabularies
from dossier.validation import load_dossier

PURIFIER = Path(__file__).resolve().parent / "roots" / "purifier"

PERMIT = """
permits:
  - kind: 特种设备生产许可证（电梯安装、修理）
    number: TS3435001-2028
    authority: 福建省市场监督管理局
    scope: 曳引驱动乘客电梯（A2级）安装、修理
    issued: 2024-05-06
    valid_until: 2028-05-05
"""
LIFT_CERT = "{kind: 特种设备作业人员证, number: T3505001, issued: 2024-03-01, valid_until: 2028-02-28}"


@pytest.fixture
def lift(tmp_path) -> Company:
    """The purifier company as an elevator company: trade 电梯, its licence held, every technician
    certified; so it validates as the purifier does."""
    company = Company(tmp_path / "lift")
    shutil.copytree(PURIFIER, company.root)
    company.append("company.yaml", "\ntrade: {profile: 电梯}\n" + PERMIT)
    company.edit("personnel.yaml", "      - {kind: 低压电工作业证, number: T350500000001, issued: 2024-05-10, "
                                   "valid_until: 2030-05-09}",
                 f"      - {{kind: 低压电工作业证, number: T350500000001, issued: 2024-05-10, valid_until: 2030-05-09}}\n"
                 f"      - {LIFT_CERT}")
    company.edit("personnel.yaml", "    outlet: O01\n    hired: 2021-09-01",
                 f"    outlet: O01\n    hired: 2021-09-01\n    qualifications:\n      - {LIFT_CERT}")
    return company


def _errors(company: Company) -> list[str]:
    return [format_problem(p) for p in load_dossier(company.root).problems if p.severity == "error"]


def test_the_profiles_shipped():
    profiles = trade_profiles()
    assert set(profiles) == {"通用", "家电", "电梯", "汽车"}
    assert [r.kind for r in profiles["电梯"].permits] == ["特种设备生产许可证（电梯安装、修理）"]
    assert [(r.kind, r.category) for r in profiles["电梯"].qualifications] == [("特种设备作业人员证", "服务技术")]
    assert (profiles["通用"].permits, profiles["通用"].qualifications) == ((), ())
    for profile in profiles.values():       # a profile may only extend open vocabularies
        compose(standard_vocabularies(), [profile.vocabularies])


def test_a_company_that_meets_its_trade_validates(lift):
    assert _errors(lift) == []


def test_a_technician_without_the_trade_s_certificate_is_an_error(lift):
    lift.edit("personnel.yaml", f"    qualifications:\n      - {LIFT_CERT}\n  - id: S06", "  - id: S06")
    line = lift.line_of("personnel.yaml", "  - id: S05")
    assert _errors(lift) == [
        f"{lift.shown('personnel.yaml')}:{line}: staff[4].qualifications: 服务技术人员林伟没有“特种设备作业人员证”，"
        "按《中华人民共和国特种设备安全法》第十四条、《特种设备作业人员监督管理办法》须持证上岗；"
        "请在其 qualifications 中填写证书，或核对人员类别和岗位。"]


def test_an_expired_certificate_fails_validate_check_and_score(lift):
    lift.edit("personnel.yaml", f"outlet: O01\n    hired: 2021-09-01\n    qualifications:\n      - {LIFT_CERT}",
              "outlet: O01\n    hired: 2021-09-01\n    qualifications:\n      - {kind: 特种设备作业人员证, number: T3505002, "
              "issued: 2022-03-01, valid_until: 2026-02-28}")
    line = lift.line_of("personnel.yaml", "number: T3505002")
    message = ("服务技术人员林伟的“特种设备作业人员证”已于 2026-02-28 过期，按《中华人民共和国特种设备安全法》第十四条、"
               "《特种设备作业人员监督管理办法》须持有效证书上岗；请安排复审换证后更新有效期，或调整其岗位。")
    assert _errors(lift) == [f"{lift.shown('personnel.yaml')}:{line}: staff[4].qualifications[0].valid_until: {message}"]
    d = load_dossier(lift.root).dossier
    completeness = check_completeness(d, {b.id: b.title for b in map(lambda c: c(), BUILDERS.values())},
                                      evidence_map(d))
    assert [(f.severity, f.message) for f in completeness.findings if f.category == "expiry"] == [
        ("error", "林伟的特种设备作业人员证已于 2026-02-28 过期。")]
    score = score_of(d)
    assert [s.reason for s in score.special_deductions] == [message]
    result = CliRunner().invoke(main, ["check", str(lift.root), "--as-of", "2026-12-01"])
    assert result.exit_code == 1
    assert "林伟的特种设备作业人员证已于 2026-02-28 过期。" in result.output


def test_the_company_s_own_licence_missing_or_lapsed(lift):
    lift.edit("company.yaml", "    valid_until: 2028-05-05", "    valid_until: 2026-05-05")
    line = lift.line_of("company.yaml", "    valid_until: 2026-05-05")
    assert _errors(lift) == [
        f"{lift.shown('company.yaml')}:{line}: permits[0].valid_until: 本公司的“特种设备生产许可证（电梯安装、修理）”有效期至 "
        "2026-05-05，申请日期 2026-12-01 时已过期，按《中华人民共和国特种设备安全法》第十八条、第四十五条必须持有有效的许可；"
        "请办理延续后更新有效期和扫描件。"]
    lift.edit("company.yaml", "  - kind: 特种设备生产许可证（电梯安装、修理）", "  - kind: 道路运输经营许可证")
    assert [e.split(": ", 2)[1:] for e in _errors(lift)] == [[
        "permits", "本公司没有“特种设备生产许可证（电梯安装、修理）”，按《中华人民共和国特种设备安全法》第十八条、第四十五条必须持有；"
                   "请在 company.yaml 的 permits 中填写许可证信息并在 evidence.yaml 中登记扫描件。"]]


def test_an_entrusted_outlet_s_partner_must_hold_the_licence(lift):
    lift.append("outlets.yaml", """
  - id: O09
    name: 晋江维保站
    kind: 委托
    region: 福建省泉州市晋江市
    address: 福建省晋江市青阳街道世纪大道1号
    phone: 0595-85660000
    manager_name: 吴志强
    coverage: 晋江市
    partner_staff: 4
    partner: {name: 晋江安达电梯工程有限公司, agreement_from: 2025-01-01, agreement_until: 2027-12-31}
""")
    line = lift.line_of("outlets.yaml", "    partner: {name: 晋江安达电梯工程有限公司")
    assert _errors(lift) == [
        f"{lift.shown('outlets.yaml')}:{line}: outlets[1].partner.permits: 委托网点“晋江维保站”的合作方晋江安达电梯工程有限公司"
        "没有“特种设备生产许可证（电梯安装、修理）”，按《中华人民共和国特种设备安全法》第十八条、第四十五条必须持有；"
        "请在该网点 partner 的 permits 中填写合作方的许可证信息。"]


def test_a_requirement_the_company_states_itself(lift):
    lift.edit("company.yaml", "trade: {profile: 电梯}", "trade:\n  profile: 电梯\n  qualifications:\n"
                                                       "    - {kind: 机动车驾驶证, positions: [维修工程师], basis: 公司《岗位任职要求》}")
    line = lift.line_of("personnel.yaml", "    qualifications:", nth=2)
    assert _errors(lift) == [
        f"{lift.shown('personnel.yaml')}:{line}: staff[3].qualifications: 维修工程师陈刚没有“机动车驾驶证”，按公司《岗位任职要求》"
        "须持证上岗；请在其 qualifications 中填写证书，或核对人员类别和岗位。"]


def test_an_unknown_profile_names_those_there_are(lift):
    lift.edit("company.yaml", "trade: {profile: 电梯}", "trade: {profile: 电梯安装}")
    line = lift.line_of("company.yaml", "trade: {profile: 电梯安装}")
    assert [format_problem(p) for p in load_dossier(lift.root).errors] == [
        f"{lift.shown('company.yaml')}:{line}: trade.profile: 行业模板：“电梯安装”不存在：可用的行业模板（家电、汽车、电梯、通用）中没有这个编号。"]


def test_the_checklist_requires_the_licence_scan_where_the_trade_requires_a_licence(lift):
    d = load_dossier(lift.root).dossier
    completeness = check_completeness(d, {}, evidence_map(d))
    permits = next(m for m in completeness.materials if m.id == "permits")
    assert (permits.required, permits.present) == (True, False)
    purifier = load_dossier(PURIFIER).dossier
    assert next(m for m in check_completeness(purifier, {}, evidence_map(purifier)).materials
                if m.id == "permits").required is False


def test_every_lapsing_certificate_of_any_kind_is_listed(lift):
    lift.edit("personnel.yaml", "number: T350500000001, issued: 2024-05-10, valid_until: 2030-05-09",
              "number: T350500000001, issued: 2024-05-10, valid_until: 2027-01-20")
    d = load_dossier(lift.root).dossier
    completeness = check_completeness(d, {}, evidence_map(d))
    assert [(f.severity, f.message) for f in completeness.findings if f.category == "expiry"] == [
        ("warning", "陈刚的低压电工作业证将于 2027-01-20 到期（申请日期后 50 天）。")]


def test_the_application_form_lists_the_licences_and_the_trade(lift):
    d = load_dossier(lift.root).dossier
    text = docx_text(BUILDERS["application_form"]().docx(d), headers=False)
    assert "特种设备生产许可证（电梯安装、修理）\nTS3435001-2028\n福建省市场监督管理局\n曳引驱动乘客电梯（A2级）安装、修理\n" \
           "2028-05-05" in text
    assert "所属行业\n电梯安装维修与维护保养" in text
    purifier = docx_text(BUILDERS["application_form"]().docx(load_dossier(PURIFIER).dossier), headers=False)
    assert ("所属行业" in purifier, "行政许可与备案" in purifier) == (False, False)


def test_the_register_says_who_must_hold_what_and_who_does_not(lift):
    lift.edit("personnel.yaml", f"    qualifications:\n      - {LIFT_CERT}\n  - id: S06", "  - id: S06")
    d = load_dossier(lift.root).dossier
    text = docx_text(BUILDERS["personnel"]().docx(d), headers=False)
    assert ("按《中华人民共和国特种设备安全法》第十四条、《特种设备作业人员监督管理办法》，服务技术人员须持有“特种设备作业人员证”："
            "应持证 2 人，持有效证书 1 人；林伟未持有效证书。") in text.split("\n")
    purifier = docx_text(BUILDERS["personnel"]().docx(load_dossier(PURIFIER).dossier), headers=False)
    assert "须持有“" not in purifier


def test_the_profile_adds_its_trade_s_complaint_channels_and_categories(lift):
    lift.edit("complaints.yaml", "channel: 服务热线", "channel: 96333电梯应急处置平台转办")
    assert _errors(lift) == []
    purifier = Company(lift.root.parent / "plain")
    shutil.copytree(PURIFIER, purifier.root)
    purifier.edit("complaints.yaml", "channel: 服务热线", "channel: 96333电梯应急处置平台转办")
    assert [e.split(": ", 2)[1] for e in _errors(purifier)] == ["complaints[0].channel"]
