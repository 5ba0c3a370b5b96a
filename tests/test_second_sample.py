"""The second sample company, a car dealer (4S) of Jiaxing: it validates, builds once for the test run, says
what its trade is (its exclusions, its 三包 terms), and neither sample's pack prints the other's trade or name."""

from __future__ import annotations

from functools import lru_cache

import pytest

from conftest import ROOT

pytestmark = pytest.mark.slow      # a second whole company built: in make test (CI), not in the quick loop
from documents import docx_text, example_build, pdf_text, shared_build, squeeze
from dossier.build.report import completeness_of, score_of
from dossier.validation import load_dossier

AUTO4S = ROOT / "company_data" / "auto4s"
PURIFIER = ROOT / "tests" / "roots" / "purifier"

#: what names the dealer and its trade: none of it may appear in the sample's pack
DEALER_WORDS = ("嘉兴禾润汽车销售服务有限公司", "禾润", "吉利", "汽车", "4S店", "整车", "机动车", "嘉兴")
#: what names the sample and its trade: none of it may appear in the dealer's pack
SAMPLE_WORDS = ("福建闽安家电服务有限公司", "闽安", "家电", "空调", "冰箱", "洗衣机", "热水器", "以旧换新", "福建")


@lru_cache(maxsize=None)
def dealer_build():
    """The dealer built once per test run (the workers share it): (BuildResult, output directory)."""
    return shared_build("auto4s", AUTO4S, "application")


@lru_cache(maxsize=None)
def dealer():
    validation = load_dossier(AUTO4S, "application")
    assert validation.ok, validation.errors
    return validation


def _document(result, ident: str):
    return next(r for r in result.documents if r.info.id == ident)


@lru_cache(maxsize=None)
def _texts(pack: str) -> dict[str, str]:
    """Each document's printed text, PDF and DOCX, without whitespace, of ``pack`` (read once)."""
    result, _out = example_build() if pack == "sample" else dealer_build()
    return {r.info.id: squeeze(pdf_text(r.pdf.data) + docx_text(r.docx)) for r in result.documents}


def _printing(pack: str, words) -> dict[str, list[str]]:
    """word → the documents of ``pack`` that print it, for the words some document prints."""
    found = {word: [ident for ident, text in _texts(pack).items() if word in text] for word in words}
    return {word: where for word, where in found.items() if where}


def test_the_dealer_validates_with_only_its_expiring_electrician_certificate():
    assert [p.message for p in dealer().warnings] == [
        "戴文华的低压电工作业证将于 2027-01-07 到期，距申请日期不足 90 天；请提前办理续期。"]


def test_the_dealer_builds_every_document_of_its_application():
    result, out = dealer_build()
    assert [r.info.id for r in result.documents] == [
        "application_form", "self_assessment", "service_manual", "procedures", "org_chart", "responsibility_matrix",
        "service_commitment", "service_flow", "personnel", "outlets", "training", "satisfaction", "complaints",
        "internal_audit", "management_review"]
    assert (out / "binder.pdf").is_file()


def test_the_application_form_prints_the_two_exclusions_with_their_reasons():
    d = dealer().dossier
    assert [e.indicator for e in d.company.application.exclusions] == ["5.2.3", "5.2.6"]
    text = squeeze(docx_text(_document(dealer_build()[0], "application_form").docx))
    for e in d.company.application.exclusions:
        label = d.standard.indicator(e.indicator).label
        assert squeeze(f"{label}{e.reason}") in text


def test_the_manual_prints_the_three_guarantee_terms_of_family_cars():
    text = squeeze(docx_text(_document(dealer_build()[0], "service_manual").docx))
    assert "三包与保修期限" in text
    assert "包修期不低于3年或行驶里程6万公里，三包有效期不低于2年或行驶里程5万公里" in text
    assert "包退期：7天" in text
    assert squeeze("家用汽车产品（整车）包修期 3 年或 6 万公里（以先到者为准），自开具购车发票之日起计算。"
                   "品牌厂家提供更长质保的按厂家政策执行。") in text
    assert squeeze("新能源乘用车动力蓄电池、驱动电机及电机控制器保修 8 年或 12 万公里（以先到者为准），"
                   "自开具购车发票之日起计算。按品牌厂家质保政策执行。") in text


def test_check_does_not_ask_for_a_lead_department_of_an_excluded_indicator():
    findings = completeness_of(dealer().dossier).findings
    assert [f.subject for f in findings if f.category == "responsibility"] == []
    assert [f.message for f in findings if f.severity == "error"] == []


def test_check_of_the_purifier_does_not_ask_for_its_excluded_indicators_either():
    purifier = load_dossier(PURIFIER).dossier
    assert purifier.excluded == {"5.2.3", "5.2.6"}
    assert [f.subject for f in completeness_of(purifier).findings if f.category == "responsibility"] == []


def test_the_dealer_scores_with_its_deductions_and_proves_every_indicator():
    """Its application: operating records prove every indicator (nothing 待证实); two special deductions of
    its screened and declared complaints (TS2026-008 was handled again until the customer was satisfied)."""
    score = score_of(dealer().dossier)
    assert (score.applicable_points, str(score.base), str(score.total), score.level_name) == (
        90, "90.3", "88.3", "三星级")
    assert {i.indicator.id for i in score.indicators if i.lost} == {"5.1.7", "5.3.1", "5.3.2"}
    assert ({i.indicator.id for i in score.hypothetical}, str(score.pending_points)) == (set(), "0.0")
    assert [h.complaint.id for h in score.screening.confirmed] == ["TS2026-017"]
    assert len(score.special_deductions) == 2 and not score.screening.open


def test_the_sample_pack_does_not_print_the_dealer_or_its_trade():
    assert _printing("sample", DEALER_WORDS) == {}


def test_the_dealer_pack_does_not_print_the_sample_or_its_trade():
    assert _printing("dealer", SAMPLE_WORDS) == {}


def test_the_dealer_states_its_trade_licences_and_business_customer():
    form = docx_text(_document(dealer_build()[0], "application_form").docx, headers=False)
    assert "所属行业\n汽车销售与维修" in form
    assert "机动车维修经营备案\n嘉南交维备〔2024〕0317号\n嘉兴市南湖区交通运输局\n一类汽车整车维修（小型车、新能源汽车）\n长期" in form
    log = docx_text(_document(dealer_build()[0], "complaints").docx, headers=False)
    assert ("嘉兴顺捷物流有限公司" in log, "吴文斌" in log, "联系人 吴**" in log) == (True, False, True)
    assert "主机厂客服转办" in log


def test_the_dealer_gives_no_seal_so_its_pack_names_every_page_to_seal_and_sign_by_hand():
    import json

    from pypdf import PdfReader

    _result, out = dealer_build()
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    reader = PdfReader(out / "binder.pdf")
    copies = [a for a in manifest["attachments"] if a["watermark"]]
    assert [a["id"] for a in copies] == ["E01", "E02", "E03", "E04"]
    for copy in copies:
        first, last = copy["binder_pages"]
        for number in range(first, last + 1):
            page = reader.pages[number - 1]
            assert "与原件一致（盖章）" in page.extract_text()
            assert "/XDossierSeal" not in page["/Resources"].get("/XObject", {})
    checklist = next(squeeze(p.extract_text()) for p in reader.pages[:4] if "申请材料核查表" in p.extract_text())
    licence = next(a for a in copies if a["id"] == "E01")["binder_pages"][0]
    assert f"营业执照复印件（加盖公章）必备有附件E01营业执照（副本）第{licence}页须加盖公章：第{licence}页" in checklist
    assert "已盖章" not in checklist.split("在本汇编中的位置签字盖章", 1)[1]


def test_the_dealer_s_outlets_are_inspected_monthly_and_its_rescue_partner_quarterly():
    from documents import docx_tables

    tables = docx_tables(_document(dealer_build()[0], "outlets").docx)
    monthly = next(t for t in tables if t[0][:2] == ["网点", "1月"])
    assert monthly[0] == ["网点", *(f"{m}月" for m in range(1, 10)), "结论"]     # the application's window
    assert monthly[1:] == [["自建网点每月至少巡检 2 次（2026年1月至2026年9月）"],
                           ["禾润吉利南湖4S店", *["2"] * 9, "达到要求"], ["禾润汽车秀洲快修服务站", *["2"] * 9, "达到要求"]]
    quarterly = next(t for t in tables if t[0][:2] == ["网点", "2026年\n第一季度"])
    assert quarterly[1:] == [["委托网点每季度至少现场检查 1 次（2026年第一季度至2026年第三季度）"],
                             ["道路救援服务站（委托嘉兴安途）", "1", "1", "1", "达到要求"]]
    text = squeeze(docx_text(_document(dealer_build()[0], "outlets").docx))
    assert squeeze("道路救援服务站（委托嘉兴安途）：合作方服务人员 9 名，其中持有有效证书的技术人员 7 名（本公司准入条件不少于 6 名），"
                   "符合。") in text


def test_the_dealer_s_management_review_reviews_its_july_audit():
    text = squeeze(docx_text(_document(dealer_build()[0], "management_review").docx))
    assert squeeze("内部审核 IA-2026-01（2026年7月6日至2026年7月7日，审核组长周晓燕）检查部门 4 个、指标 8 个，发现不符合项 1 项"
                   "（严重 0 项）；截至评审日，纠正措施 1 项中已完成 1 项、已验证 1 项。") in text
    assert squeeze("评审输入统计期2025年10月1日至2026年9月30日") in text
