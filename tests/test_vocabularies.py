"""Open vocabularies: the standard's lists are the defaults, a company extends the open ones in company.yaml,
and a value outside its list is an error located at its file and line (a YAML file's or a CSV table's)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import Company
from documents import docx_text, pdf_text, squeeze
from dossier.builders import BUILDERS
from dossier.builders.training import TECHNICAL_KIND
from dossier.problems import format_problem
from dossier.model.figures.periods import PERIOD_MONTHS
from dossier.standard import load_standard
from dossier.standard.vocabularies import Vocabulary, compose, standard_vocabularies
from dossier.validation import load_dossier

PURIFIER = Path(__file__).resolve().parent / "roots" / "purifier"
CHANNELS = "电话、服务热线、微信、网站、来访、信函、电商平台、12315平台、其他"
EXTENSIBLE = ("complaint_channels（投诉渠道）、complaint_categories（投诉类别）、visit_methods（回访方式）、"
              "survey_methods（调查方式）、inspection_kinds（网点检查方式）、evidence_kinds（材料类别）、resource_kinds（设施与资源类别）、"
              "training_kinds（培训类别）、training_methods（培训方式）、assessment_methods（考核方式）")


@pytest.fixture
def purifier(tmp_path) -> Company:
    shutil.copytree(PURIFIER, tmp_path / "purifier")
    (tmp_path / "purifier" / "attachments").mkdir(exist_ok=True)
    return Company(tmp_path / "purifier")


def _errors(company: Company) -> list[str]:
    return [format_problem(p) for p in load_dossier(company.root).errors]


def _extend(company: Company, lines: str) -> None:
    company.append("company.yaml", "vocabularies:\n" + lines)


# -- composition ----------------------------------------------------------------------------------

def test_compose_keeps_the_defaults_then_each_extension_in_order():
    defaults = {"channels": Vocabulary("channels", "投诉渠道", True, ("电话", "微信")),
                "results": Vocabulary("results", "回访结果", False, ("满意",))}
    composed = compose(defaults, [{"channels": ["96333平台转办", " 电话 ", "物业转办"]},
                                  {"channels": ["其他", "物业转办", ""]}])
    assert composed["channels"].values == ("电话", "微信", "96333平台转办", "物业转办", "其他")
    assert composed["results"] == defaults["results"]
    assert defaults["channels"].values == ("电话", "微信")


@pytest.mark.parametrize("name", ["results", "nothing"])
def test_compose_refuses_a_closed_or_unknown_vocabulary(name):
    defaults = {"results": Vocabulary("results", "回访结果", False, ("满意",))}
    with pytest.raises(ValueError):
        compose(defaults, [{name: ["很满意"]}])


def test_the_defaults_hold_every_value_the_code_and_the_standard_rely_on():
    vocabularies = standard_vocabularies()
    standard = load_standard()
    named_kinds = {kind for m in standard.materials for kind in m.attachment_kinds} | set(standard.attachment_evidence)
    assert named_kinds | {"营业执照", "人员资格证书"} <= set(vocabularies["evidence_kinds"].values)
    assert {TECHNICAL_KIND, standard.rule("culture_training")["kind"]} <= set(vocabularies["training_kinds"].values)
    assert "无" in vocabularies["assessment_methods"].values
    assert vocabularies["visit_results"] == Vocabulary("visit_results", "回访结果", False, ("满意", "基本满意", "不满意"))
    assert {name for name, v in vocabularies.items() if not v.open} == {"visit_results", "objective_periods"}
    # the objective periods the code judges by, and no other: each word maps to the months it spans
    assert vocabularies["objective_periods"].values == tuple(PERIOD_MONTHS)
    assert set(vocabularies["visit_results"].values) >= {r for rule in standard.screening for r in rule.results}


# -- validation -----------------------------------------------------------------------------------

def test_an_unknown_channel_is_an_error_saying_how_to_add_it(purifier):
    purifier.edit("complaints.yaml", "channel: 服务热线", "channel: 物业转办")
    line = purifier.line_of("complaints.yaml", "channel: 物业转办")
    assert _errors(purifier) == [
        f"{purifier.shown('complaints.yaml')}:{line}: complaints[0].channel: 投诉渠道“物业转办”不在可选值中（{CHANNELS}）；"
        "如为本公司的投诉渠道，请在 company.yaml 的 vocabularies.complaint_channels 中添加。"]


def test_company_values_extend_the_lists_and_print_in_the_figures(purifier):
    purifier.edit("complaints.yaml", "channel: 服务热线", "channel: 96333平台转办")
    purifier.edit("complaints.yaml", "category: 响应时效", "category: 困人")
    _extend(purifier, "  complaint_channels: [96333平台转办, 物业转办, 96333平台转办]\n"
                      "  complaint_categories: [困人, 安全]\n")
    validation = load_dossier(purifier.root)
    assert validation.errors == ()
    d = validation.dossier
    assert d.figures.complaints.by_channel == (("96333平台转办", 1),)
    assert d.figures.complaints.by_category == (("困人", 1),)
    rendered = BUILDERS["complaints"]().render(d)
    for text in (squeeze(pdf_text(rendered.pdf.data)), squeeze(docx_text(rendered.docx))):
        assert "投诉渠道投诉数占比96333平台转办1100.0%合计1100.0%" in text
        assert "投诉类别投诉数占比困人1100.0%合计1100.0%" in text
        assert "物业转办" not in text and "12315" not in text


def test_a_channel_in_a_csv_table_is_checked_at_its_line(example):
    example.edit("complaints/complaints.csv", "TS2025-003,2025-11-03 09:05,微信,", "TS2025-003,2025-11-03 09:05,物业转办,")
    line = example.line_of("complaints/complaints.csv", "TS2025-003")
    assert _errors(example) == [
        f"{example.shown('complaints/complaints.csv')}:{line}: complaints[2].channel: 投诉渠道“物业转办”不在可选值中"
        f"（{CHANNELS}）；如为本公司的投诉渠道，请在 company.yaml 的 vocabularies.complaint_channels 中添加。"]
    _extend(example, "  complaint_channels: [物业转办]\n")
    assert _errors(example) == []


def test_other_is_a_default_channel_and_personnel_certificates_a_default_evidence_kind(example):
    example.edit("complaints/complaints.csv", "TS2025-003,2025-11-03 09:05,微信,", "TS2025-003,2025-11-03 09:05,其他,")
    example.edit("evidence.yaml", "kind: 合作协议", "kind: 人员资格证书")
    assert _errors(example) == []


def test_training_kinds_and_methods_are_open(purifier):
    purifier.edit("training.yaml", "    kind: 技术业务\n    trainer: 陈刚", "    kind: 特种设备作业\n    trainer: 陈刚")
    purifier.edit("training.yaml", "method: 实操演练\n    assessment: 实操考核", "method: 师带徒\n    assessment: 实操考核")
    kind, method = (purifier.line_of("training.yaml", "kind: 特种设备作业"), purifier.line_of("training.yaml", "method: 师带徒"))
    shown = purifier.shown("training.yaml")
    assert _errors(purifier) == [
        f"{shown}:{kind}: sessions[0].kind: 培训类别“特种设备作业”不在可选值中（技术业务、服务文化、管理师、法律法规、安全）；"
        "如为本公司的培训类别，请在 company.yaml 的 vocabularies.training_kinds 中添加。",
        f"{shown}:{method}: sessions[0].method: 培训方式“师带徒”不在可选值中（集中授课、实操演练、在线学习、外派培训、现场指导）；"
        "如为本公司的培训方式，请在 company.yaml 的 vocabularies.training_methods 中添加。"]
    _extend(purifier, "  training_kinds: [特种设备作业]\n  training_methods: [师带徒]\n")
    validation = load_dossier(purifier.root)
    assert validation.errors == ()
    assert [s.kind for s in validation.dossier.training.sessions] == ["特种设备作业", "服务文化"]


def test_a_closed_list_stays_closed(purifier):
    purifier.edit("complaints.yaml", "visit_result: 满意", "visit_result: 很满意")
    line = purifier.line_of("complaints.yaml", "visit_result: 很满意")
    assert _errors(purifier) == [f"{purifier.shown('complaints.yaml')}:{line}: complaints[0].visit_result: "
                                 "回访结果只能是 满意、基本满意、不满意 之一，现为“很满意”。"]


def test_company_yaml_names_only_open_vocabularies(purifier):
    _extend(purifier, "  complaint_chanels: [物业转办]\n  visit_results: [很满意]\n  complaint_categories: [困人]\n")
    shown = purifier.shown("company.yaml")
    typo = purifier.line_of("company.yaml", "complaint_chanels")
    closed = purifier.line_of("company.yaml", "visit_results")
    assert _errors(purifier) == [
        f"{shown}:{typo}: vocabularies.complaint_chanels: complaint_chanels 不是可扩展的可选值列表，请检查拼写；"
        f"可扩展的有：{EXTENSIBLE}。",
        f"{shown}:{closed}: vocabularies.visit_results: visit_results（回访结果）的值有固定含义，不能扩展；"
        f"可扩展的有：{EXTENSIBLE}。"]


def test_extension_values_are_non_empty_text(purifier):
    _extend(purifier, '  complaint_channels: [物业转办, ""]\n')
    line = purifier.line_of("company.yaml", "complaint_channels")
    assert _errors(purifier) == [f"{purifier.shown('company.yaml')}:{line}: vocabularies.complaint_channels[1]: "
                                 "complaint_channels 第 2 项不能为空。"]
