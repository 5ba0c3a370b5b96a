"""The service objectives as documents print them: the target, the measured values and the verdict.

Every document that prints an objective's result (the self-assessment, the complaint summary, the training
records) prints it with these functions, so they all give the same judgement: 已达成 only when every period
with data met the target, 未达成 naming each period that missed with its value, and the periods without
data said to be without data.
"""

from __future__ import annotations

from ..model.figures.objectives import ObjectiveResult, PeriodResult
from ..model.figures.periods import PERIOD_MONTHS, PERIOD_NAMES
from ..model.records import Objective
from ..render.content import Span, Text, text
from ..render.formatting import DASH, num
from .blocks import sentence

__all__ = ["COMPARISON", "UNMEASURED", "NO_DATA", "amount", "target_text", "measured", "measurement_sources",
           "verdict", "objective_verdict", "period_values", "judgement_basis"]

COMPARISON = {">=": "≥", "<=": "≤", "=": "="}
#: the verdict of an objective that nothing measures
UNMEASURED = "未统计"
#: the verdict of an objective, or a period, whose records hold nothing to judge
NO_DATA = "无数据"
#: what a period the window cuts short is, for a metric that adds up over a whole period
CUT = "周期未满，不判定"


def amount(value: float | None, unit: str, digits: int = 1) -> str:
    """90% / 16 学时 / 0.8 小时; whole numbers print without decimals."""
    if value is None:
        return DASH
    figure = num(value) if float(value).is_integer() else num(value, digits)
    return f"{figure}{unit}" if unit in ("%", "") else f"{figure} {unit}"


def _value(value: float, objective: Objective) -> str:
    """A measured value as the documents print it: to one decimal."""
    return amount(round(value, 1), objective.unit)


def target_text(objective: Objective) -> str:
    """≥ 90% / ≤ 48 小时; — for an objective without a target."""
    if objective.target is None:
        return DASH
    return f"{COMPARISON[objective.comparison]} {amount(objective.target, objective.unit)}"


def _each(objective: Objective) -> str:
    """各月 / 各季度 / 各半年 / 各年, by the objective's period."""
    return "各" + PERIOD_NAMES[PERIOD_MONTHS[objective.period]] if objective.period in PERIOD_MONTHS else "各期"


def measured(result: ObjectiveResult) -> str:
    """What the records give for the objective: the value of its one period, or the range of its periods'
    values (各月 0.2～3.6 小时); a value the company measured itself followed, on a line of its own, by its
    period and source (21.5 分钟 / （2026-01~10，工单系统））; 无数据; or — when nothing measures it."""
    o = result.objective
    if o.unmeasured:
        return DASH
    if result.periods:
        values = [p.value for p in result.with_data]
        if not values:
            return NO_DATA
        if len(result.periods) == 1:
            return _value(values[0], o)
        low, high = amount(round(min(values), 1), ""), _value(max(values), o)
        return f"{_each(o)} {high}" if _value(min(values), o) == high else f"{_each(o)} {low}～{high}"
    if result.actual is None:
        return NO_DATA
    value = _value(result.actual, o)
    if not o.measured_by_company:
        return value
    return f"{value}\n（{o.measured.period}，{o.measured.source}）"


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


def _listed(periods: tuple[PeriodResult, ...], objective: Objective, values: bool) -> str:
    return "、".join(f"{p.period.label} {_value(p.value, objective)}" if values else p.period.label
                    for p in periods)


def _notes(result: ObjectiveResult) -> list[str]:
    """The periods that did not count: without data, or cut short for a metric that adds up over a period."""
    notes = []
    if result.without_data:
        notes.append(f"{NO_DATA}：{_listed(result.without_data, result.objective, False)}")
    if result.not_judged:
        notes.append(f"{_listed(result.not_judged, result.objective, False)}{CUT}")
    return notes


def objective_verdict(result: ObjectiveResult) -> Text:
    """Whether the objective is met, the one judgement every document prints: 已达成 (every period with data
    met the target), 未达成：2025年12月 51.4 小时、… (the periods that missed, with their values), each
    followed by the periods without data; 未统计 (no metric and no value measured by the company), 无数据
    (nothing measured), — (no target to judge the values against)."""
    o = result.objective
    if o.unmeasured:
        return text(UNMEASURED)
    if result.periods and not result.with_data or not result.periods and result.actual is None:
        return text(NO_DATA, *(f"（{n}）" for n in _notes(result)))
    if result.met is None:
        return verdict(None)
    notes = _notes(result)
    if result.met:
        return text(Span("已达成", mark="ok"), f"（{'；'.join(notes)}）" if notes else "")
    missed = f"：{_listed(result.missed, o, True)}" if result.periods else ""
    return text(Span("未达成", mark="bad"), missed, f"；{'；'.join(notes)}" if notes else "")


def period_values(result: ObjectiveResult) -> str:
    """Each period's value, in order: 2025年10月 0.4 小时、2025年11月 无数据、2026-10-01～2026-11-27 周期未满."""
    o = result.objective
    return "、".join(f"{p.period.label} {_value(p.value, o)}" if p.value is not None
                    else f"{p.period.label} {NO_DATA if p.judged else '周期未满'}" for p in result.periods)


def judgement_basis(results) -> str:
    """How the objectives are judged, for the note above a table of them: each in its own period, over the
    reporting window; "" when none is judged by period."""
    if not any(r.periods for r in results):
        return ""
    return ("按各目标的考核周期逐期判定：每一个有数据的期间均达到目标值才为“已达成”，未达到的期间及其数值逐一列出，"
            "没有数据的期间注明“无数据”，不计为达成")
