"""The pack says only what is true of the company: every document of the sample and of the purifier company
(another trade: it excludes 5.2.3 配送 and 5.2.6 废弃商品回收, states no 三包 periods, has no website) is read
back from its DOCX, and no sentence may print a schema's label where a value belongs, the empty-value
placeholder — in running text, or two punctuation marks where a company's text meets the template's.
An excluded indicator is stated as excluded, with its reason, and nowhere else spoken of.

Running text is every paragraph outside a table, and those of a framed box (a verdict, a declaration);
the cells of tables and the fields of signature lines may show —.
"""

from __future__ import annotations

import io
import re
from functools import lru_cache
from pathlib import Path

import docx
import pytest

from conftest import EXAMPLE
from documents import dossier_of, element_text, render
from dossier.builders import applicable_builders
from dossier.builders.blocks import satisfaction_formula, sentence
from dossier.schemas import data_files, load_schema, walk_rules
from dossier.validation import load_dossier

PURIFIER = Path(__file__).resolve().parent / "roots" / "purifier"
COMPANIES = {"sample": EXAMPLE, "purifier": PURIFIER}
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

#: a schema label quoted where a figure was meant: after a comparison or an operator
_COMPARED = r"(?:不低于|不少于|不高于|不超过|低于|高于|大于|小于|等于|≥|≤|÷|×)\s*“([^”]+)”"
#: the placeholder printed for an empty value: a — standing alone as a value (not a dash between words,
#: not a quoted “—” that explains a table's marks)
_PLACEHOLDER = re.compile(r"(?:^|(?<=[：:（(\s]))—(?=$|[；;。，,）)\s])")
#: two marks where one was meant, a closing quote or bracket between them allowed (“诚信服务。”。)
_DOUBLED = re.compile(r"[。；，、：！？][”’）》」]*[。；，、：]|[！？][”’）》」]*[！？。]")
#: what a company that neither delivers nor recycles, and has no 三包 terms, must not be said to do
_NOT_DONE = re.compile(r"配送|三包|包退|包换|废旧|废弃商品|商品回收|回收方式|回收与处理|合作处理企业")


# -- reading the documents back --------------------------------------------------------------------------

def _is_box(table) -> bool:
    """A framed box (one cell, the grid style): its paragraphs are running text."""
    styled = table.find(f"{_W}tblPr/{_W}tblStyle") is not None
    return styled and len(table.findall(f".//{_W}tc")) == 1


@lru_cache(maxsize=None)
def paragraphs(data: bytes) -> tuple[tuple[bool, str, str], ...]:
    """(running text?, style, text) of every non-empty paragraph of a DOCX body, in order."""
    out = []
    for p in docx.Document(io.BytesIO(data)).element.body.iter(f"{_W}p"):
        value = element_text(p)
        if not value:
            continue
        tables = [a for a in p.iterancestors() if a.tag == f"{_W}tbl"]
        style = p.find(f"{_W}pPr/{_W}pStyle")
        out.append((not tables or _is_box(tables[0]), style.get(f"{_W}val") if style is not None else "", value))
    return tuple(out)


def _root(company: str) -> Path:
    return COMPANIES[company]


@lru_cache(maxsize=None)
def documents(company: str) -> dict[str, bytes]:
    """Every document the company's pack holds: id → DOCX (the sample's from the session's build, the
    purifier's rendered once per test process)."""
    d = dossier_of(str(_root(company)))
    if company == "sample":
        return {b.id: render(str(_root(company)), b.id).docx for b in applicable_builders(d)}
    return {b.id: b.docx(d) for b in applicable_builders(d)}


def _offenders(docs: dict[str, bytes], pattern: re.Pattern, running_only: bool) -> dict[str, list[str]]:
    """document id → the paragraphs (running text only, or every one) in which ``pattern`` occurs."""
    found = {}
    for ident, data in docs.items():
        hits = [value for running, _style, value in paragraphs(data)
                if (running or not running_only) and pattern.search(value)]
        if hits:
            found[ident] = hits
    return found


# -- every document of both companies ---------------------------------------------------------------------

@lru_cache(maxsize=None)
def schema_labels() -> frozenset[str]:
    """The ``meta.label`` of every field of every data file's schema."""
    labels = set()
    for spec in data_files():
        for _path, rules in walk_rules(load_schema(spec.name)):
            label = (rules.get("meta") or {}).get("label")
            if label:
                labels.add(label)
    return frozenset(labels)


def _labelled(value: str) -> bool:
    return any(quoted in schema_labels() for quoted in re.findall(_COMPARED, value))


def test_no_schema_label_where_a_value_belongs():
    found = {company: {} for company in COMPANIES}
    for company in COMPANIES:
        for ident, data in documents(company).items():
            hits = [value for _running, _style, value in paragraphs(data) if _labelled(value)]
            if hits:
                found[company][ident] = hits
    assert found == {"purifier": {}, "sample": {}}


def test_no_empty_value_placeholder_in_running_text():
    found = {company: _offenders(documents(company), _PLACEHOLDER, running_only=True) for company in COMPANIES}
    assert found == {"purifier": {}, "sample": {}}


def test_no_doubled_punctuation():
    found = {company: _offenders(documents(company), _DOUBLED, running_only=False) for company in COMPANIES}
    assert found == {"purifier": {}, "sample": {}}


def test_a_company_s_text_ending_in_a_mark_meets_the_template_s_once(small_company):
    """The company's texts end in 。 where the template adds its own mark after them."""
    small_company.edit("company.yaml", "scope: 空调、洗衣机的安装、维修及售后服务 ", "scope: 空调、洗衣机的安装、维修及售后服务。 ")
    small_company.edit("company.yaml", "exclusions: []", 'exclusions: [{indicator: "5.2.3", reason: 本公司不提供配送服务。}]')
    small_company.edit("service_system.yaml", "frequency: 每月", "frequency: 每月。")
    validation = load_dossier(small_company.root)
    assert validation.ok, validation.errors
    d = validation.dossier
    assert (d.system.culture.philosophy, d.company.scope, d.system.supervision.frequency) == (
        "用户至上，诚信服务。", "空调、洗衣机的安装、维修及售后服务。", "每月。")
    docs = {b.id: b.docx(d) for b in applicable_builders(d)
            if b.id in ("service_manual", "responsibility_matrix", "application_form", "self_assessment")}
    assert _offenders(docs, _DOUBLED, running_only=False) == {}


def _excluded_statements(d) -> list[str]:
    """What may name an excluded indicator: its label (in a table's row, a heading, a list), its reason,
    and the company's own profile (its words: 本公司不经营配送)."""
    words = [d.company.profile]
    for ident, reason in d.exclusions.items():
        ind = d.standard.indicator(ident)
        words += [reason, ind.label, f"{ind.id}　{ind.name}"]
    return sorted(words, key=len, reverse=True)


def test_the_purifier_is_not_said_to_deliver_recycle_or_give_three_guarantees():
    d = dossier_of(str(PURIFIER))
    allowed = _excluded_statements(d)
    said = {}
    for ident, data in documents("purifier").items():
        hits = []
        for _running, _style, value in paragraphs(data):
            rest = value
            for words in allowed:
                rest = rest.replace(words, "")
            if _NOT_DONE.search(rest):
                hits.append(value)
        if hits:
            said[ident] = hits
    assert said == {}


# -- exclusions in the documents --------------------------------------------------------------------------

def _chapter(data: bytes, heading: str) -> list[str]:
    """The body of the manual's chapter ``heading``: its paragraphs' texts, a table as <table>, up to the
    next chapter or part."""
    body = docx.Document(io.BytesIO(data)).element.body
    out, inside = [], False
    for child in body.iterchildren():
        if child.tag == f"{_W}p":
            style = child.find(f"{_W}pPr/{_W}pStyle")
            style = style.get(f"{_W}val") if style is not None else ""
            value = element_text(child)
            if style.startswith("Heading") and int(style[-1]) <= 4:
                if inside:
                    break
                inside = value == heading
            elif inside and value:
                out.append(value)
        elif child.tag == f"{_W}tbl" and inside:
            out.append("<table>")
    return out


def test_an_excluded_chapter_states_the_exclusion_and_its_reason_only():
    manual = documents("purifier")["service_manual"]
    assert _chapter(manual, "5.2.3　配送") == ["本指标已删减，删减理由：商品由品牌经销商配送，本公司不经营配送业务。"]
    assert _chapter(manual, "5.2.6　废弃商品回收") == [
        "本指标已删减，删减理由：本公司不经营商品销售，废弃设备由生产企业按其回收渠道处理。"]
    # a topic an excluded indicator shares is shown by an applicable one; the next chapter is whole
    assert _chapter(manual, "5.2.4　维修")[-2:] == ["服务网点", "服务网点的情况见 5.1.1。"]


def _rows(data: bytes, first_header: str) -> list[list[str]]:
    """The rows of the DOCX table whose first header cell is ``first_header`` (a merged cell once)."""
    table = next(t for t in docx.Document(io.BytesIO(data)).tables if t.rows[0].cells[0].text == first_header)
    return [list(dict.fromkeys(c.text.replace("\u00a0", " ") for c in r.cells)) for r in table.rows[1:]]


def test_every_document_agrees_with_the_exclusions_of_company_yaml():
    docs = documents("purifier")
    delivery = "5.2.3 配送"
    recycling = "5.2.6 废弃商品回收"
    reasons = {delivery: "商品由品牌经销商配送，本公司不经营配送业务",
               recycling: "本公司不经营商品销售，废弃设备由生产企业按其回收渠道处理"}
    assert _rows(docs["application_form"], "删减的指标") == [[label, reason] for label, reason in reasons.items()]
    assert [r[0] for r in _rows(docs["self_assessment"], "指标") if "删减" in r] == [delivery, recycling]
    assert [r for r in _rows(docs["service_manual"], "指标") if "删减" in r] == [[delivery, "删减"],
                                                                                 [recycling, "删减"]]
    assert [r[0] for r in _rows(docs["responsibility_matrix"], "评价指标") if "删减" in r] == [delivery, recycling]
    notes = [value for _running, style, value in paragraphs(docs["responsibility_matrix"]) if style == "Note"]
    assert notes == ["注：● 主责部门；○ 配合部门；“删减”表示该指标不适用于本公司而予以删减。",
                     "删减说明：5.2.3 配送——商品由品牌经销商配送，本公司不经营配送业务；5.2.6 废弃商品回收——"
                     "本公司不经营商品销售，废弃设备由生产企业按其回收渠道处理。"]
    manual = [value for _running, _style, value in paragraphs(docs["service_manual"])]
    start = manual.index("公司对下列指标作删减，理由如下：")
    assert manual[start + 1:start + 3] == [f"{label}：{reason}。" for label, reason in reasons.items()]


def test_the_sample_states_that_nothing_is_excluded():
    docs = documents("sample")
    assert [r for r in _rows(docs["service_manual"], "指标") if "删减" in r] == []
    notes = [value for _running, style, value in paragraphs(docs["responsibility_matrix"]) if style == "Note"]
    assert notes == ["注：● 主责部门；○ 配合部门。"]


# -- sentences composed from the data --------------------------------------------------------------------

def _following(data: bytes, label: str, count: int = 1) -> list[str]:
    """The ``count`` paragraphs after the first paragraph reading ``label``."""
    texts = [value for _running, _style, value in paragraphs(data)]
    start = texts.index(label)
    return texts[start + 1:start + 1 + count]


def test_terms_say_what_each_company_does():
    sample, purifier = documents("sample")["service_manual"], documents("purifier")["service_manual"]
    assert _following(sample, "3.1　售后服务") == [
        "商品售出后，本公司为顾客提供的商品信息、技术支持、配送、维修、质量保证（含三包及退换货）、废弃商品回收等商品服务，"
        "以及咨询、回访和投诉受理等服务。"]
    assert _following(purifier, "3.1　售后服务") == [
        "商品售出后，本公司为顾客提供的商品信息、技术支持、维修、质量保证等商品服务，以及咨询、回访和投诉受理等服务。"]
    assert _following(sample, "3.2　服务网点") == ["为顾客提供售后服务的固定场所，包括本公司自建的网点和经评审后委托合作方运营的网点。"]
    assert _following(purifier, "3.2　服务网点") == ["为顾客提供售后服务的固定场所，均为本公司自建的网点。"]
    assert _following(purifier, "3.7　顾客满意率") == [
        "按本公司顾客满意度调查程序计算的满意顾客所占比例：满意率 = 各题平均分不低于 4 分的有效答卷数 ÷ 有效答卷数 × 100%。"]


def test_complaint_channels_are_the_company_s_own():
    sample, purifier = documents("sample")["service_manual"], documents("purifier")["service_manual"]
    assert _following(sample, "投诉受理与处理情况")[0].startswith(
        "顾客投诉通过服务热线（400-860-5918）、电话（0591-87562300）和网站（www.minan.example.com）受理，1 小时内响应")
    assert _following(purifier, "投诉受理与处理情况") == [
        "顾客投诉通过服务热线（0595-22880000）和电话（0595-22880001）受理，1 小时内响应，48 小时内处理完毕，重大投诉上报"
        "管理者代表；投诉的受理、处理和回访情况见《顾客投诉及回访汇总》。"]


def test_warranty_terms_only_where_they_exist():
    sample, purifier = documents("sample")["service_manual"], documents("purifier")["service_manual"]
    assert _following(sample, "三包与保修期限", 2)[1] == "包退期：7 天；包换期：15 天。"
    assert _chapter(purifier, "5.2.5　质量保证")[-3:] == [
        "质量保证政策与保修期限", "本公司安装的设备自安装之日起对安装质量保修一年，保修期内因安装原因造成的故障免费修复。", "<table>"]


def test_the_satisfaction_formula_prints_the_minimum_score():
    rows = _rows(documents("purifier")["satisfaction"], "调查项目")
    assert ["满意率计算公式", "满意率 = 各题平均分不低于 4 分的有效答卷数 ÷ 有效答卷数 × 100%"] in rows


def test_the_matrix_says_whose_version_is_which():
    texts = [value for _running, style, value in paragraphs(documents("purifier")["responsibility_matrix"])
             if style == "Meta"]
    assert texts == ["泉州清源净水设备服务有限公司　依据《售后服务手册》（QY/SC-01，A/0 版）　本表版本 A/0　发布日期 2026年12月1日"]


def test_the_system_is_equipped_with_what_the_company_lists():
    texts = [value for _running, _style, value in paragraphs(documents("purifier")["service_manual"])]
    assert next(t for t in texts if t.startswith("公司确定售后服务所需的过程")) == (
        "公司确定售后服务所需的过程及其职责（见 0.6），为各过程配备人员、经费、服务场所、信息系统和工具设备，按程序文件实施和"
        "控制，通过服务监督、顾客满意度调查、回访和投诉分析评价体系的运行，并持续改进。")


def test_improvement_cites_only_the_records_the_pack_holds():
    texts = [value for _running, _style, value in paragraphs(documents("purifier")["service_manual"])]
    assert _following(documents("purifier")["service_manual"], "改进实施情况")[0].endswith(
        "改进措施的实施情况见《顾客满意度调查报告》和《顾客投诉及回访汇总》。")
    assert not any("整改报告" in t for t in texts)


def test_declarations_are_numbered_as_made_and_trade_neutral(example):
    example.edit("self_assessment.yaml", "truthful: true", "truthful: false")
    validation = load_dossier(example.root, "application")
    assert validation.ok, validation.errors
    from dossier.builders.self_assessment import SelfAssessmentBuilder

    rendered = SelfAssessmentBuilder().render(validation.dossier)
    texts = [value for _running, _style, value in paragraphs(rendered.docx)]
    start = texts.index("八、申请单位声明")
    assert texts[start + 1:start + 4] == [
        "一、本单位声明：近三年内未发生重大售后服务失误，未发生重大质量安全事故。",
        "二、本单位承诺：设立并保障售后服务专项资金，2026 年度专项资金为 50 万元。",
        "三、本单位承诺：遵守认证机构的认证规则，配合认证审核和获证后的监督，对审核发现的问题按期整改。"]


# -- what the company may word itself --------------------------------------------------------------------

def test_the_company_words_its_terms_itself(small_company):
    from dossier.builders.service_manual import ServiceManualBuilder

    small_company.edit("service_system.yaml", "  # terms:", "  terms:")
    small_company.edit("service_system.yaml", "  #   - {term: 售后服务", "    - {term: 售后服务")
    validation = load_dossier(small_company.root)
    assert validation.ok, validation.errors
    rendered = ServiceManualBuilder().render(validation.dossier)
    texts = [value for _running, _style, value in paragraphs(rendered.docx)]
    start = texts.index("3　术语和定义", texts.index("3　术语和定义") + 1)     # the heading, after the contents
    assert texts[start + 2:start + 4] == ["3.1　售后服务", "商品售出后，本公司为顾客提供的安装、维修、保养以及咨询、回访和投诉受理等服务。"]
    assert texts[start + 4] == "4　总体要求"


def test_the_company_words_its_declaration_itself(example):
    from dossier.builders.self_assessment import SelfAssessmentBuilder

    example.edit("self_assessment.yaml", "no_major_failure: true",
                 "no_major_failure: true\n  no_major_failure_text: 近三年内未发生重大服务质量事故。")
    validation = load_dossier(example.root, "application")
    assert validation.ok, validation.errors
    texts = [value for _running, _style, value in paragraphs(SelfAssessmentBuilder().docx(validation.dossier))]
    assert "二、本单位声明：近三年内未发生重大服务质量事故。" in texts


# -- the helpers ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("parts, expected", [
    (("公司的服务理念为“", "用户至上，诚信服务。", "”。"), "公司的服务理念为“用户至上，诚信服务”。"),
    (("合作处理企业：", "绿环公司。", "；回收方式：", "上门回收"), "合作处理企业：绿环公司；回收方式：上门回收。"),
    (("经营和服务模式：", "自营。"), "经营和服务模式：自营。"),
    (("经营和服务模式：", "自营"), "经营和服务模式：自营。"),
    (("理由：", "不经营配送；"), "理由：不经营配送。"),
    (("声明：", "绝无事故！"), "声明：绝无事故！"),
    (("声明：", "绝无事故！", "。"), "声明：绝无事故！"),
    (("申请星级：三星级；", ""), "申请星级：三星级。"),
    (("共 3 项，", "A、B", "等"), "共 3 项，A、B等。"),
])
def test_a_company_s_text_joins_a_sentence_with_one_mark(parts, expected):
    assert sentence(*parts) == expected


def test_a_clause_keeps_its_open_end():
    assert sentence("−1.00：", "记录不全。", end="") == "−1.00：记录不全。"
    assert sentence("5.2.3 配送——", "不经营配送。", end="") == "5.2.3 配送——不经营配送。"


def test_a_formula_cites_a_field_by_its_label():
    sat = dossier_of(str(EXAMPLE)).satisfaction
    assert satisfaction_formula(sat) == "满意率 = 各题平均分不低于 4 分的有效答卷数 ÷ 有效答卷数 × 100%"
