"""Warranty terms of any trade: named terms (what, how long or how far, from when) besides the terms by
product, and 三包 spoken of only for a 三包 trade. Each case is a copy of the sample or of the purifier
edited for it; the manual's 5.2.5 chapter and its 3.1 term are read back from the DOCX."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import docx
import pytest

from conftest import EXAMPLE, Company
from documents import pdf_text, squeeze
from dossier.builders import BUILDERS
from dossier.validation import load_dossier
from validation_helpers import problems

PURIFIER = Path(__file__).resolve().parent / "roots" / "purifier"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
CHAPTER = "5.2.5　质量保证"

#: the sample's terms by product, as its manual has always printed them
SAMPLE_TABLE = [
    ["商品", "整机保修", "主要部件保修", "说明"],
    ["空调", "1 年", "3 年", "主要部件为压缩机；部分品牌对整机或压缩机提供更长保修期，按品牌厂家政策执行"],
    ["冰箱", "1 年", "3 年", "主要部件为压缩机"],
    ["洗衣机", "1 年", "3 年", "主要部件为电动机、程控器"],
    ["热水器", "1 年", "3 年", "主要部件为燃气热水器热交换器、电热水器内胆"],
    ["吸油烟机", "1 年", "3 年", "主要部件为电动机"],
    ["燃气灶、消毒柜、洗碗机", "1 年", "—", "按品牌厂家保修政策执行"],
]

PURIFIER_POLICY = "本公司安装的设备自安装之日起对安装质量保修一年，保修期内因安装原因造成的故障免费修复。"


def _copy(source: Path, root: Path) -> Company:
    shutil.copytree(source, root)
    (root / "attachments").mkdir(exist_ok=True)
    return Company(root)


def _valid(company: Company):
    validation = load_dossier(company.root)
    assert validation.ok, validation.errors
    return validation.dossier


def _manual_docx(company: Company) -> bytes:
    """The manual's DOCX alone (what the PDF says too, see test_same_content)."""
    return BUILDERS["service_manual"]().docx(_valid(company))


def _manual(company: Company):
    return BUILDERS["service_manual"]().render(_valid(company))


def _text(element) -> str:
    return "".join(t.text or "" for t in element.iter(f"{_W}t")).replace("\u00a0", " ")


def _chapter(data: bytes, heading: str = CHAPTER) -> list:
    """The chapter ``heading`` of the manual after its arrangement: each paragraph's text, each table as
    its rows of cell texts."""
    out, inside = [], False
    for child in docx.Document(io.BytesIO(data)).element.body.iterchildren():
        if child.tag == f"{_W}p":
            style = child.find(f"{_W}pPr/{_W}pStyle")
            style = style.get(f"{_W}val") if style is not None else ""
            if style.startswith("Heading") and int(style[-1]) <= 4:
                if inside:
                    break
                inside = _text(child) == heading
            elif inside and _text(child):
                out.append(_text(child))
        elif child.tag == f"{_W}tbl" and inside:
            out.append([[_text(tc) for tc in tr.iter(f"{_W}tc")] for tr in child.iter(f"{_W}tr")])
    return out


def _warranty_block(data: bytes) -> list:
    """What the chapter's warranty block says: from its title on."""
    chapter = _chapter(data)
    start = next(i for i, value in enumerate(chapter) if value in (
        "三包与保修期限", "三包规定", "质量保证政策", "质量保证政策与保修期限", "质量保证政策与退换货期限",
        "质量保证政策与退换货、保修期限"))
    return chapter[start:]


def _services(data: bytes) -> str:
    """The term 3.1 售后服务 of the manual."""
    texts = [_text(p) for p in docx.Document(io.BytesIO(data)).element.body.iter(f"{_W}p")]
    return texts[texts.index("3.1　售后服务") + 1]


# -- an installer: named terms, no 三包 ------------------------------------------------------------------

ELEVATOR_TERMS = """  terms:
    - {covers: 电梯安装质量, length: 2, from: 验收合格之日}
    - {covers: 维修更换的零部件, length: 1, from: 自更换之日起, note: 因使用不当造成的损坏除外。}
    - {covers: 维保服务质量, length: 6, unit: 月}
"""


@pytest.fixture(scope="module")
def installer(tmp_path_factory):
    company = _copy(PURIFIER, tmp_path_factory.mktemp("installer") / "co")
    company.edit("service_system.yaml", "  terms:\n    - {product: 家用净水器, whole_years: 1}\n", ELEVATOR_TERMS)
    return _manual(company)


def test_named_terms_print_one_sentence_each_and_no_table(installer):
    assert _warranty_block(installer.docx) == [
        "质量保证政策与保修期限", PURIFIER_POLICY,
        "电梯安装质量保修 2 年，自验收合格之日起计算。",
        "维修更换的零部件保修 1 年，自更换之日起计算。因使用不当造成的损坏除外。",
        "维保服务质量保修 6 个月。"]


def test_the_pdf_prints_the_same_sentences(installer):
    text = squeeze(pdf_text(installer.pdf.data))
    assert squeeze("电梯安装质量保修 2 年，自验收合格之日起计算。") in text
    assert squeeze("维保服务质量保修 6 个月。") in text


def test_a_trade_without_三包_is_not_said_to_have_it(installer):
    assert _services(installer.docx) == (
        "商品售出后，本公司为顾客提供的商品信息、技术支持、维修、质量保证等商品服务，以及咨询、回访和投诉受理等服务。")
    assert [value for value in _chapter(installer.docx) if isinstance(value, str)
            and any(word in value for word in ("三包", "包退", "包换"))] == []


# -- a car dealer: 三包 periods, terms by kilometres, and terms by product beside them ---------------------

DEALER_TERMS = """    - {covers: 家用汽车产品, kind: 包修期, length: 3, mileage_km: 60000, from: 开具购车发票之日}
    - {covers: 家用汽车产品, kind: 三包有效期, length: 2, mileage_km: 50000, from: 开具购车发票之日}
    - {covers: 蓄电池, length: 18, unit: 月, mileage_km: 3000}
"""


@pytest.fixture(scope="module")
def dealer(tmp_path_factory):
    company = _copy(EXAMPLE, tmp_path_factory.mktemp("dealer") / "co")
    company.edit("service_system.yaml", "    - {product: 燃气灶、消毒柜、洗碗机, whole_years: 1, note: 按品牌厂家保修政策执行}\n",
                 "    - {product: 燃气灶、消毒柜、洗碗机, whole_years: 1, note: 按品牌厂家保修政策执行}\n" + DEALER_TERMS)
    return _manual_docx(company)


def test_a_三包_trade_keeps_its_periods_table_and_adds_the_named_terms(dealer):
    block = _warranty_block(dealer)
    assert block[0] == "三包与保修期限"
    assert block[2:] == [
        "包退期：7 天；包换期：15 天。",
        SAMPLE_TABLE,
        "家用汽车产品包修期 3 年或 6 万公里（以先到者为准），自开具购车发票之日起计算。",
        "家用汽车产品三包有效期 2 年或 5 万公里（以先到者为准），自开具购车发票之日起计算。",
        "蓄电池保修 18 个月或 3000 公里（以先到者为准）。"]
    assert "质量保证（含三包及退换货）" in _services(dealer)


# -- 三包 as the company states it --------------------------------------------------------------------------

def test_a_company_may_say_it_is_a_三包_trade(tmp_path):
    company = _copy(PURIFIER, tmp_path / "co")
    company.edit("service_system.yaml", "  terms:\n", "  three_guarantees: true\n  terms:\n")
    manual = _manual_docx(company)
    assert _warranty_block(manual) == ["三包与保修期限", PURIFIER_POLICY, [["商品", "整机保修"], ["家用净水器", "1 年"]]]
    assert _services(manual) == ("商品售出后，本公司为顾客提供的商品信息、技术支持、维修、质量保证（含三包及退换货）等商品服务，"
                                 "以及咨询、回访和投诉受理等服务。")


def test_return_periods_of_a_trade_without_三包_are_not_called_三包(tmp_path):
    company = _copy(PURIFIER, tmp_path / "co")
    company.edit("service_system.yaml", "  terms:\n    - {product: 家用净水器, whole_years: 1}\n",
                 "  three_guarantees: false\n  return_days: 7\n")
    manual = _manual_docx(company)
    assert _warranty_block(manual) == ["质量保证政策与退换货期限", PURIFIER_POLICY, "退货期：7 天。"]
    assert "三包" not in _services(manual)


def test_a_terms_table_has_only_the_columns_some_term_uses():
    assert _warranty_block(_manual_docx(Company(PURIFIER))) == [
        "质量保证政策与保修期限", PURIFIER_POLICY, [["商品", "整机保修"], ["家用净水器", "1 年"]]]


# -- validation --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("term, field, message", [
    ("{note: 说明}", "terms[0]", "保修期限 第 1 项：请填写“商品”（product）或“保修项目”（covers）其中一项。"),
    ("{product: 空调, whole_years: 1, covers: 空调安装, length: 1}", "terms[0].covers",
     "保修项目：“商品”（product）和“保修项目”（covers）只能填写其中一项。"),
    ("{covers: 电梯安装质量, from: 验收合格之日}", "terms[0].covers",
     "填写了“保修项目”（covers）时还须填写“保修期限”（length）。"),
    ("{covers: 电梯安装质量, length: 2, whole_years: 2}", "terms[0].whole_years",
     "填写了“整机保修（年）”（whole_years）时还须填写“商品”（product）。"),
    ("{product: 空调}", "terms[0].product", "填写了“商品”（product）时还须填写“整机保修（年）”（whole_years）。"),
    ("{covers: 电梯安装质量, length: 2, unit: 周}", "terms[0].unit", "期限单位只能是 年、月、天 之一，现为“周”。"),
])
def test_a_term_of_neither_or_both_shapes_is_named(tmp_path, term, field, message):
    company = _copy(PURIFIER, tmp_path / "co")
    company.edit("service_system.yaml", "    - {product: 家用净水器, whole_years: 1}\n", f"    - {term}\n")
    line = company.line_of("service_system.yaml", term)
    assert [(p.file, p.line, p.path, p.message) for p in problems(company)] == [
        (company.shown("service_system.yaml"), line, f"warranty.{field}", message)]
