"""The service objectives judged in their own period: each month, quarter, half-year or year of the reporting
window that the objective names (考核周期), against the figure its metric names; or against the value the
company measured itself (``measured``) for a metric the data cannot compute.

An objective is met (已达成) only when every period with data meets the target; a period without data is
said to be without data, never counted as met. A metric that adds up over time (training hours per person)
is not judged in a period the window cuts short. A metric that is a state, not a flow (the 管理师 ratio),
is judged once, on the register.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Callable

from .. import records as R
from ..reporting import period_bounds
from .complaints import complaint_figures
from .periods import Period, periods_of
from .satisfaction import satisfaction_figures
from .staff import StaffFigures
from .training import training_figures

__all__ = ["Metric", "METRICS", "PeriodResult", "ObjectiveResult", "Records", "objective_results"]


@dataclass(frozen=True)
class Records:
    """The records the metrics are computed from (the submission's, or every record the data holds)."""

    staff: tuple[R.Staff, ...]
    training: R.Training
    satisfaction: R.Satisfaction
    complaints: R.Complaints
    staff_figures: StaffFigures


@dataclass(frozen=True)
class Metric:
    """A built-in metric: its value over the records of a period (None: no data in it)."""

    value: Callable[[Records, Period], float | None]
    cumulative: bool = False        # adds up over the period: a period cut by the window is not judged
    periodic: bool = True           # False: a state of the register, judged once


def _complaints(attribute: str) -> Callable[[Records, Period], float | None]:
    def value(records: Records, period: Period) -> float | None:
        c = records.complaints
        inside = tuple(x for x in c.complaints if x.received in period)
        return getattr(complaint_figures(replace(c, complaints=inside, visits=())), attribute)
    return value


def _service_visits(records: Records, period: Period) -> float | None:
    """回访 statistics whose own period lies inside ``period`` (one that spans more is no period's)."""
    c = records.complaints
    inside = tuple(v for v in c.visits if (bounds := period_bounds(v.period)) and period.covers(*bounds))
    return complaint_figures(replace(c, complaints=(), visits=inside)).service_visit_rate


def _satisfaction(records: Records, period: Period) -> float | None:
    """The satisfied share of the valid answers of the surveys ending in ``period``."""
    s = records.satisfaction
    return satisfaction_figures(replace(s, surveys=tuple(x for x in s.surveys if x.end in period))).rate


def _training_hours(records: Records, period: Period) -> float | None:
    t = records.training
    return training_figures(replace(t, sessions=tuple(x for x in t.sessions if x.date in period)),
                            records.staff).hours_per_person


def _manager_ratio(records: Records, _period: Period) -> float | None:
    return records.staff_figures.manager_ratio


#: every built-in metric (the schema's ``metric`` values), by name
METRICS: dict[str, Metric] = {
    "satisfaction_rate": Metric(_satisfaction),
    "complaint_response_hours": Metric(_complaints("mean_response_hours")),
    "complaint_resolution_hours": Metric(_complaints("mean_resolution_hours")),
    "complaint_response_in_time_rate": Metric(_complaints("response_in_time_rate")),
    "complaint_resolution_in_time_rate": Metric(_complaints("resolution_in_time_rate")),
    "complaint_closure_rate": Metric(_complaints("closure_rate")),
    "complaint_visit_rate": Metric(_complaints("visit_rate")),
    "service_visit_rate": Metric(_service_visits),
    "training_hours_per_person": Metric(_training_hours, cumulative=True),
    "manager_ratio": Metric(_manager_ratio, periodic=False),
}


@dataclass(frozen=True)
class PeriodResult:
    period: Period
    value: float | None
    met: bool | None          # None: no data in the period, no target, or a cut period of a cumulative metric
    judged: bool = True       # False: a period the window cuts short, of a metric that adds up over it


@dataclass(frozen=True)
class ObjectiveResult:
    objective: R.Objective
    actual: float | None                       # over the whole window (or the company's own measurement)
    met: bool | None                           # every period with data met (None: nothing to judge)
    periods: tuple[PeriodResult, ...] = ()     # () when judged once (company's value, a register state)

    @property
    def missed(self) -> tuple[PeriodResult, ...]:
        return tuple(p for p in self.periods if p.met is False)

    @property
    def without_data(self) -> tuple[PeriodResult, ...]:
        return tuple(p for p in self.periods if p.value is None and p.judged)

    @property
    def not_judged(self) -> tuple[PeriodResult, ...]:
        """Periods the window cuts short, of a metric that adds up over time."""
        return tuple(p for p in self.periods if not p.judged)

    @property
    def with_data(self) -> tuple[PeriodResult, ...]:
        return tuple(p for p in self.periods if p.value is not None)


def _meets(objective: R.Objective, value: float | None) -> bool | None:
    if value is None or objective.target is None:
        return None
    return {">=": value >= objective.target, "<=": value <= objective.target,
            "=": abs(value - objective.target) < 1e-9}[objective.comparison]


def _by_period(objective: R.Objective, metric: Metric, records: Records, start: date, end: date
               ) -> ObjectiveResult:
    actual = metric.value(records, Period("", start, end))
    results = []
    for period in periods_of(objective.period, start, end):
        if metric.cumulative and not period.complete:
            results.append(PeriodResult(period, None, None, judged=False))
            continue
        value = metric.value(records, period)
        results.append(PeriodResult(period, value, _meets(objective, value)))
    judged = [r.met for r in results if r.met is not None]
    return ObjectiveResult(objective, actual, all(judged) if judged else None, tuple(results))


def objective_results(culture: R.Culture, records: Records, start: date, end: date
                      ) -> tuple[ObjectiveResult, ...]:
    """Each objective of ``culture`` judged in the periods it names inside the window ``start``–``end``."""
    results = []
    for objective in culture.objectives:
        metric = METRICS.get(objective.metric) if objective.metric else None
        if metric is not None and metric.periodic:
            results.append(_by_period(objective, metric, records, start, end))
            continue
        actual = (objective.measured.value if objective.measured_by_company
                  else metric.value(records, Period("", start, end)) if metric else None)
        results.append(ObjectiveResult(objective, actual, _meets(objective, actual)))
    return tuple(results)
