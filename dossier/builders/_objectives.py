"""The service objectives as documents print them: the target, the measured value and the verdict."""

from __future__ import annotations

from ..model.figures.objectives import ObjectiveResult
from ..model.records import Objective
from ..render.content import Span, Text, text
from ..render.formatting import DASH, num

__all__ = ["COMPARISON", "amount", "target_text", "measured", "verdict", "objective_verdict"]

COMPARISON = {">=": "≥", "<=": "≤", "=": "="}


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
    """What the records give for the objective: its value to one decimal, 无数据, or — when it is not measured."""
    if result.objective.metric is None:
        return DASH
    if result.actual is None:
        return "无数据"
    return amount(round(result.actual, 1), result.objective.unit)


def verdict(met: bool | None, yes: str = "已达成", no: str = "未达成", unknown: str = DASH) -> Text:
    """Whether a target is met: ``yes`` marked ok, ``no`` marked bad, ``unknown`` when it cannot be told."""
    if met is None:
        return text(unknown)
    return text(Span(yes, mark="ok") if met else Span(no, mark="bad"))


def objective_verdict(result: ObjectiveResult) -> Text:
    """Whether the objective is met: 已达成, 未达成, 未统计 (no measure of it), 无数据 (nothing measured)."""
    if result.objective.metric is None:
        return text("未统计")
    if result.actual is None:
        return text("无数据")
    return verdict(result.met)
