"""The service objectives as documents print them: the target, and where measured, the result."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Dossier
from ..model.records import Objective
from ..render.formatting import num

__all__ = ["COMPARISON", "ObjectiveRow", "amount", "target_text", "objective_rows"]

COMPARISON = {">=": "≥", "<=": "≤", "=": "="}


def amount(value: float | None, unit: str, digits: int = 1) -> str:
    """90% / 16 学时 / 0.8 小时; whole numbers print without decimals."""
    if value is None:
        return "—"
    text = num(value) if float(value).is_integer() else num(value, digits)
    return f"{text}{unit}" if unit in ("%", "") else f"{text} {unit}"


def target_text(objective: Objective) -> str:
    return "—" if objective.target is None else f"{COMPARISON[objective.comparison]} {amount(objective.target, objective.unit)}"


@dataclass(frozen=True)
class ObjectiveRow:
    text: str
    period: str
    target: str
    actual: str
    status: str


def objective_rows(d: Dossier) -> list[ObjectiveRow]:
    """Each objective with its target and, where the model measures it, the actual value and whether it is met."""
    rows = []
    for result in d.figures.objectives:
        o = result.objective
        if o.metric is None:
            actual, status = "—", "未统计"
        elif result.actual is None:
            actual, status = "无数据", "无数据"
        else:
            actual = amount(round(result.actual, 1), o.unit)
            status = "—" if result.met is None else ("已达成" if result.met else "未达成")
        rows.append(ObjectiveRow(o.text, o.period or "—", target_text(o), actual, status))
    return rows
