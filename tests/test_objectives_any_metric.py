"""Service objectives with the company's own metric: the value it measured itself (``measured``: value, period,
source) is judged against the target and printed with its period and source in the self-assessment, counts in
the score of 5.1.7, and the manual's 0.7 says where it comes from; "未统计" only where nothing gives a value."""

from __future__ import annotations

import shutil
from pathlib import Path

from documents import EXAMPLE, docx_text, dossier_of, pdf_text, render, squeeze
from validation_helpers import find

from dossier.assessment.samples import take_sample
from dossier.builders._objectives import objective_verdict
from dossier.render.formatting import cn_date

PURIFIER = Path(__file__).resolve().parent / "roots" / "purifier"

#: an elevator company's own objectives, added to the sample's six (numbers 7 to 11)
ELEVATOR_OBJECTIVES = """
    - {text: 困人救援平均到达时间不超过30分钟, target: 30, unit: 分钟, comparison: "<=", period: 每月, measured: {value: 21.5, period: 2026-01~10, source: 工单系统}}
    - {text: 半月维保计划完成率100%, target: 100, unit: "%", comparison: "=", period: 每月, measured: {value: 98.6, period: 2026-01~10, source: 维保管理系统}}
    - {text: 定期检验一次合格率不低于98%, target: 98, unit: "%", period: 每年, measured: {value: 99.2, period: 2025年度, source: 特种设备检验报告}}
    - {text: 每半年开展电梯应急救援演练, unit: 次, period: 每半年, measured: {value: 2, period: 2026年, source: 工单系统}}
    - {text: 电梯年度安全评估覆盖率不低于95%, target: 95, unit: "%", period: 每年}"""

#: the purifier's own objectives, added to its two (numbers 3 and 4)
PURIFIER_OBJECTIVES = """
    - {text: 安装后水质检测合格率不低于99%, target: 99, unit: "%", period: 每季度, measured: {value: 99.4, period: 2026-01~09, source: 安装工单系统}}
    - {text: 滤芯到期提醒送达率不低于95%, target: 95, unit: "%", period: 每季度, measured: {value: 91.2, period: 2026年第三季度, source: 短信平台}}"""

SAMPLE_LAST = "metric: training_hours_per_person, period: 每年}"
PURIFIER_LAST = "metric: complaint_response_hours, period: 年度}"


def _with_elevator_objectives(example):
    example.edit("service_system.yaml", SAMPLE_LAST, SAMPLE_LAST + ELEVATOR_OBJECTIVES)
    return example


def _purifier(tmp_path):
    from conftest import Company

    root = tmp_path / "purifier"
    shutil.copytree(PURIFIER, root)
    (root / "attachments").mkdir(exist_ok=True)
    company = Company(root)
    company.edit("service_system.yaml", PURIFIER_LAST, PURIFIER_LAST + PURIFIER_OBJECTIVES)
    return company


def _row(text: str, objective: str) -> tuple[str, ...]:
    """The cells of the table row whose second cell is ``objective``, as the DOCX reads them."""
    lines = text.split("\n")
    at = lines.index(objective)
    return tuple(lines[at - 1:at + 5])


#: how the self-assessment says the objectives are judged (before the notes particular to a company's objectives)
BASIS = ("按各目标的考核周期逐期判定：每一个有数据的期间均达到目标值才为“已达成”，未达到的期间及其数值逐一列出，"
         "没有数据的期间注明“无数据”，不计为达成")


def _basis(root, *notes: str) -> str:
    """The line above the objectives table: the reporting window of the company's pack, and the notes."""
    window = dossier_of(str(root)).submission.window
    return (f"服务目标的实际完成情况依据统计期（{cn_date(window.start)}至{cn_date(window.end)}）的运行记录统计"
            f"（{'；'.join((BASIS, *notes))}）：")


def _verdicts(root) -> dict[str, str]:
    return {r.objective.text: "".join(getattr(s, "text", s) for s in objective_verdict(r))
            for r in dossier_of(str(root)).figures.objectives}


# -- verdicts and the score -------------------------------------------------------------------

def test_measured_objectives_are_judged_by_their_comparison(example):
    _with_elevator_objectives(example)
    verdicts = _verdicts(example.root)
    assert {k: verdicts[k] for k in list(verdicts)[6:]} == {
        "困人救援平均到达时间不超过30分钟": "已达成",
        "半月维保计划完成率100%": "未达成",
        "定期检验一次合格率不低于98%": "已达成",
        "每半年开展电梯应急救援演练": "—",
        "电梯年度安全评估覆盖率不低于95%": "未统计",
    }


def test_measured_objectives_count_in_the_score_of_5_1_7(example):
    before = take_sample("objectives_met", dossier_of(str(EXAMPLE)))
    _with_elevator_objectives(example)
    after = take_sample("objectives_met", dossier_of(str(example.root)))
    assert after.total == before.total + 3
    assert after.nonconforming == before.nonconforming + ("服务目标“半月维保计划完成率100%”未达成",)


def test_purifier_measured_objectives(tmp_path):
    company = _purifier(tmp_path)
    verdicts = _verdicts(company.root)
    assert {k: verdicts[k] for k in list(verdicts)[2:]} == {"安装后水质检测合格率不低于99%": "已达成",
                                                             "滤芯到期提醒送达率不低于95%": "未达成"}
    assert take_sample("objectives_met", dossier_of(str(company.root))).nonconforming[-1:] == (
        "服务目标“滤芯到期提醒送达率不低于95%”未达成",)


# -- the self-assessment -------------------------------------------------------------------------

def test_self_assessment_prints_the_measured_value_with_its_period_and_source(example):
    _with_elevator_objectives(example)
    rendered = render(str(example.root), "self_assessment")
    text = docx_text(rendered.docx)
    assert _basis(example.root, "公司自行统计的目标在实际值后注明统计期间和数据来源",
                  "“未统计”表示该目标既没有对应的统计指标，也没有填写实际值") in text.split("\n")
    assert _row(text, "困人救援平均到达时间不超过30分钟") == (
        "7", "困人救援平均到达时间不超过30分钟", "每月", "≤ 30 分钟", "21.5 分钟（2026-01~10，工单系统）", "已达成")
    assert _row(text, "半月维保计划完成率100%") == (
        "8", "半月维保计划完成率100%", "每月", "= 100%", "98.6%（2026-01~10，维保管理系统）", "未达成")
    assert _row(text, "定期检验一次合格率不低于98%") == (
        "9", "定期检验一次合格率不低于98%", "每年", "≥ 98%", "99.2%（2025年度，特种设备检验报告）", "已达成")
    assert _row(text, "每半年开展电梯应急救援演练") == (
        "10", "每半年开展电梯应急救援演练", "每半年", "—", "2 次（2026年，工单系统）", "—")
    assert _row(text, "电梯年度安全评估覆盖率不低于95%") == (
        "11", "电梯年度安全评估覆盖率不低于95%", "每年", "≥ 95%", "—", "未统计")
    pdf = squeeze(pdf_text(rendered.pdf.data))
    for cell in ("21.5分钟（2026-01~10，工单系统）", "98.6%（2026-01~10，维保管理系统）", "公司自行统计的目标在实际值后注明"):
        assert cell in pdf


def test_self_assessment_of_the_purifier(tmp_path):
    company = _purifier(tmp_path)
    text = docx_text(render(str(company.root), "self_assessment").docx)
    assert _basis(company.root, "公司自行统计的目标在实际值后注明统计期间和数据来源") in text.split("\n")
    assert _row(text, "安装后水质检测合格率不低于99%") == (
        "3", "安装后水质检测合格率不低于99%", "每季度", "≥ 99%", "99.4%（2026-01~09，安装工单系统）", "已达成")
    assert _row(text, "滤芯到期提醒送达率不低于95%") == (
        "4", "滤芯到期提醒送达率不低于95%", "每季度", "≥ 95%", "91.2%（2026年第三季度，短信平台）", "未达成")
    assert "未统计" not in text


def test_sample_self_assessment_has_no_unmeasured_note():
    """Every objective of the sample has a value: the note on “未统计” is not printed."""
    text = docx_text(render(str(EXAMPLE), "self_assessment").docx)
    assert _basis(EXAMPLE) in text.split("\n")
    assert "未统计" not in text


# -- the manual's 0.7 ------------------------------------------------------------------------------

def test_manual_says_where_the_company_measures_its_own_objectives(example, tmp_path):
    _with_elevator_objectives(example)
    rendered = render(str(example.root), "service_manual")
    text = docx_text(rendered.docx)
    sources = ("第 7、10 项目标的实际值取自工单系统；第 8 项目标的实际值取自维保管理系统；第 9 项目标的实际值取自"
               "特种设备检验报告。")
    assert sources in text.split("\n")
    assert squeeze(sources) in squeeze(pdf_text(rendered.pdf.data))
    assert "21.5" not in text and "已达成" not in text      # the manual states targets, not results
    purifier = _purifier(tmp_path)
    text = docx_text(render(str(purifier.root), "service_manual").docx)
    assert "第 3 项目标的实际值取自安装工单系统；第 4 项目标的实际值取自短信平台。" in text.split("\n")


def test_sample_manual_names_no_source():
    assert "项目标的实际值取自" not in docx_text(render(str(EXAMPLE), "service_manual").docx)


# -- validation ------------------------------------------------------------------------------------

def test_measured_beside_a_built_in_metric_is_an_error(example):
    example.edit("service_system.yaml", "metric: satisfaction_rate, period: 每季度}",
                 "metric: satisfaction_rate, period: 每季度, measured: {value: 93, period: 2026年, source: 问卷}}")
    [problem] = find(example, "data.objective_measure", file="service_system.yaml",
                     line=example.line_of("service_system.yaml", "measured:"), severity="error")
    assert problem.path == "culture.objectives[0].measured"
    assert problem.message == ("服务目标“顾客满意率不低于90%”的统计指标 metric（satisfaction_rate）由公司运行记录计算，"
                               "不能同时填写实测值 measured；请删除其中之一。")


def test_measured_without_a_target_is_the_warning_of_an_objective_without_one(example):
    _with_elevator_objectives(example)
    [problem] = find(example, "rule.measurable_objectives", file="service_system.yaml",
                     line=example.line_of("service_system.yaml", "每半年开展电梯应急救援演练"), severity="warning")
    assert problem.message == "服务目标“每半年开展电梯应急救援演练”没有可衡量的目标值；请填写 target（如 90）和 unit（如 %）。"


def test_measured_needs_its_value_period_and_source(example):
    example.edit("service_system.yaml", SAMPLE_LAST,
                 SAMPLE_LAST + "\n    - {text: 困人救援平均到达时间不超过30分钟, target: 30, unit: 分钟, comparison: \"<=\", "
                               "measured: {value: 约20, period: 2026-01~10}}")
    line = example.line_of("service_system.yaml", "困人救援")
    found = {(p.path, p.message) for p in find(example, "schema.required") + find(example, "schema.coerce")}
    assert found == {("culture.objectives[6].measured.source", "缺少必填项“数据来源”（source）。"),
                     ("culture.objectives[6].measured.value", "实际值应为数字，现为“约20”。")}
    assert {p.line for p in find(example, "schema.required")} == {line}
