"""The service objectives as documents print them: the target, the measured value and the verdict."""

from __future__ import annotations

from ..model.figures.objectives import ObjectiveResult
from ..model.records import Objective
from ..render.content import Span, Text, text
from ..render.formatting import DASH, num
from .blocks import sentence

__all__ = ["COMPARISON", "UNMEASURED", "amount", "target_text", "measured", "measurement_sources", "verdict",
           "objective_verdict"]

COMPARISON = {">=": "≥", "<=": "≤", "=": "="}
#: the verdict of an objective that nothing measures
UNMEASURED = "未统计"


def amount(value: float | None, unit: str, digits: int = 1) -> str:
    """90% / 16 学时 / 0.8 小时; whole numbers print without decimals."""
    if value is None:
        return DASH
    figure = num(value) if float(value).is_integer() else num(value, digits)
    return f"{figure}{unit}" if unit in ("%", "") else f"{figure} {unit}"


def target_text(objective: Objective) -> str:
    """≥ 90% / ≤ 48 小时; — for an objective without a target."""
    if objective.target is None:
        return DASH
    return f"{COMPARISON[objective.comparison]} {amount(objective.target, objective.unit)}"


def measured(result: ObjectiveResult) -> str:
    """What the records give for the objective: its value to one decimal (a value the company measured itself
    followed, on a line of its own, by its period and source: 21.5 分钟 / （2026-01~10，工单系统）), 无数据, or —
    when nothing measures it."""
    if result.objective.unmeasured:
        return DASH
    if result.actual is None:
        return "无数据"
    value = amount(round(result.actual, 1), result.objective.unit)
    if not result.objective.measured_by_company:
        return value
    m = result.objective.measured
    return f"{value}\n（{m.period}，{m.source}）"


def measurement_sources(objectives: tuple[Objective, ...]) -> str:
    """Where the values the company measures itself come from, by the objectives' numbers in their list:
    第 7、9 项目标的实际值取自工单系统；第 8 项目标的实际值取自维保管理系统。 "" when it measures none itself."""
    numbers: dict[str, list[str]] = {}
    for number, objective in enumerate(objectives, 1):
        if objective.measured_by_company:
            numbers.setdefault(objective.measured.source, []).append(str(number))
    return sentence("；".join(f"第 {'、'.join(n)} 项目标的实际值取自{source}" for source, n in numbers.items()))


def verdict(met: bool | None, yes: str = "已达成", no: str = "未达成", unknown: str = DASH) -> Text:
    """Whether a target is met: ``yes`` marked ok, ``no`` marked bad, ``unknown`` when it cannot be told."""
    if met is None:
        return text(unknown)
    return text(Span(yes, mark="ok") if met else Span(no, mark="bad"))


def objective_verdict(result: ObjectiveResult) -> Text:
    """Whether the objective is met: 已达成, 未达成, 未统计 (no metric and no value measured by the company),
    无数据 (nothing measured), — (no target to judge the value against)."""
    if result.objective.unmeasured:
        return text(UNMEASURED)
    if result.actual is None:
        return text("无数据")
    return verdict(result.met)
