"""Figures of the company's own rules for its outlets: the inspections each outlet had in every calendar
period its rule asks for, and the certified technicians of each entrusted outlet.

A period counts when it lies wholly inside the reporting window and after the outlet and the service
system started (an outlet opened in the middle of a quarter is first due in the next one).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from .. import records as R
from .periods import calendar_label

__all__ = ["Period", "PeriodCheck", "OutletCheck", "calendar_periods", "outlet_checks", "PERIOD_MONTHS"]

#: the months of each calendar period a rule may name
PERIOD_MONTHS = {"月": 1, "季度": 3, "半年": 6, "年": 12}


@dataclass(frozen=True)
class Period:
    name: str            # 2026年第三季度, 2026年3月, 2026年上半年, 2026年
    start: date
    end: date


@dataclass(frozen=True)
class PeriodCheck:
    period: Period
    count: int           # inspections of the kinds that count
    required: int

    @property
    def met(self) -> bool:
        return self.count >= self.required


@dataclass(frozen=True)
class OutletCheck:
    outlet: R.Outlet
    rule: R.InspectionRule | None              # None: the company sets no frequency for its kind
    periods: tuple[PeriodCheck, ...]
    inspections: tuple[R.Inspection, ...]      # all of the outlet's, in date order
    technicians: tuple[R.EntrustedPerson, ...] = ()     # an entrusted outlet's certified technicians

    @property
    def missed(self) -> tuple[Period, ...]:
        return tuple(p.period for p in self.periods if not p.met)


def _period_at(day: date, months: int) -> Period:
    first = (day.month - 1) // months * months + 1
    start = date(day.year, first, 1)
    after = date(day.year + (first + months - 1) // 12, (first + months - 1) % 12 + 1, 1)
    return Period(calendar_label(start, months), start, after - timedelta(days=1))


def calendar_periods(first: date, last: date, every: str) -> tuple[Period, ...]:
    """The calendar periods of kind ``every`` that lie wholly between ``first`` and ``last``."""
    months = PERIOD_MONTHS[every]
    found, period = [], _period_at(first, months)
    while period.end <= last:
        if period.start >= first:
            found.append(period)
        period = _period_at(period.end + timedelta(days=1), months)
    return tuple(found)


def outlet_checks(outlets, inspections, requirements: R.OutletRequirements, window, system_start: date,
                  day: date) -> tuple[OutletCheck, ...]:
    """For every outlet, the periods its kind's rule asks for in ``window`` with the inspections it had, and
    (an entrusted one) its certified technicians on ``day``."""
    checks = []
    for outlet in outlets:
        own = tuple(sorted((i for i in inspections if i.outlet == outlet.id), key=lambda i: i.date))
        rule = requirements.inspection_rule(outlet.kind)
        periods: tuple[PeriodCheck, ...] = ()
        if rule is not None and window is not None:
            first = max(d for d in (window.start, system_start, outlet.start) if d is not None)
            periods = tuple(PeriodCheck(p, sum(1 for i in own if i.kind in rule.kinds and p.start <= i.date <= p.end),
                                        rule.times)
                            for p in calendar_periods(first, window.end, rule.every))
        technicians = tuple(s for s in outlet.entrusted_staff if s.category == "服务技术" and s.certified_on(day))
        checks.append(OutletCheck(outlet, rule, periods, own, technicians))
    return tuple(checks)
