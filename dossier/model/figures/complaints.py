"""Figures of complaint handling and 回访: times, rates, counts by channel and category."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from .. import records as R
from .common import mean, percent

#: the visit results (a closed vocabulary, visit_results) that count a customer as satisfied
SATISFIED_RESULTS = ("满意", "基本满意")


@dataclass(frozen=True)
class VisitPeriod:
    """One period of routine 回访 after completed services."""
    stat: R.VisitStat
    visit_rate: float | None          # visited ÷ services, %
    satisfaction_rate: float | None   # satisfied ÷ visited, %


@dataclass(frozen=True)
class ComplaintFigures:
    total: int
    major: int
    by_channel: tuple[tuple[str, int], ...]
    by_category: tuple[tuple[str, int], ...]
    responded: int
    resolved: int
    closure_rate: float | None
    mean_response_hours: float | None
    mean_resolution_hours: float | None
    response_in_time: int
    response_in_time_rate: float | None
    resolution_in_time: int
    resolution_in_time_rate: float | None
    visited: int
    visit_rate: float | None          # complaints visited ÷ resolved, %
    visit_in_time: int
    visit_satisfied: int
    visit_satisfaction_rate: float | None
    services: int
    services_visited: int
    services_satisfied: int
    service_visit_rate: float | None
    service_visit_satisfaction: float | None
    by_month: tuple[tuple[str, int], ...] = ()       # ("2026-03", complaints received), every month first to last
    majors: tuple[R.Complaint, ...] = ()
    visit_in_time_rate: float | None = None          # visited within visit_days of resolution ÷ visited, %
    late_response: frozenset[str] = frozenset()      # ids responded after the target (or never)
    late_resolution: frozenset[str] = frozenset()    # ids resolved after the target (or not yet)
    late_visit: frozenset[str] = frozenset()         # ids of resolved complaints not visited in time
    visit_periods: tuple[VisitPeriod, ...] = ()
    response_mean_met: bool | None = None            # mean response hours within the target
    resolution_mean_met: bool | None = None          # mean resolution hours within the target
    first_received: datetime | None = None
    last_received: datetime | None = None

    def share(self, count: int) -> float | None:
        """``count`` complaints as a percentage of all complaints."""
        return percent(count, self.total)


def _months(items) -> tuple[tuple[str, int], ...]:
    counts = Counter((x.received.year, x.received.month) for x in items)
    if not counts:
        return ()
    (year, month), last = min(counts), max(counts)
    out = []
    while (year, month) <= last:
        out.append((f"{year}-{month:02d}", counts.get((year, month), 0)))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return tuple(out)


def complaint_figures(c: R.Complaints) -> ComplaintFigures:
    items = c.complaints
    responded = [x for x in items if x.responded is not None]
    resolved = [x for x in items if x.resolved is not None]
    visited = [x for x in resolved if x.visit_date is not None]
    in_time_visit = [x for x in visited if (x.visit_date - x.resolved.date()).days <= c.targets.visit_days]
    satisfied = [x for x in visited if x.visit_result in SATISFIED_RESULTS]
    resp_ok = sum(1 for x in responded if x.response_hours <= c.targets.response_hours)
    reso_ok = sum(1 for x in resolved if x.resolution_hours <= c.targets.resolution_hours)
    services = sum(v.services for v in c.visits)
    s_visited = sum(v.visited for v in c.visits)
    s_satisfied = sum(v.satisfied for v in c.visits)
    mean_response = mean(x.response_hours for x in responded)
    mean_resolution = mean(x.resolution_hours for x in resolved)
    return ComplaintFigures(
        total=len(items), major=sum(1 for x in items if x.severity == "重大"),
        by_channel=tuple(Counter(x.channel for x in items).most_common()),
        by_category=tuple(Counter(x.category for x in items).most_common()),
        responded=len(responded), resolved=len(resolved), closure_rate=percent(len(resolved), len(items)),
        mean_response_hours=mean_response, mean_resolution_hours=mean_resolution,
        response_in_time=resp_ok, response_in_time_rate=percent(resp_ok, len(responded)),
        resolution_in_time=reso_ok, resolution_in_time_rate=percent(reso_ok, len(resolved)),
        visited=len(visited), visit_rate=percent(len(visited), len(resolved)), visit_in_time=len(in_time_visit),
        visit_satisfied=len(satisfied), visit_satisfaction_rate=percent(len(satisfied), len(visited)),
        services=services, services_visited=s_visited, services_satisfied=s_satisfied,
        service_visit_rate=percent(s_visited, services), service_visit_satisfaction=percent(s_satisfied, s_visited),
        by_month=_months(items), majors=tuple(x for x in items if x.severity == "重大"),
        visit_in_time_rate=percent(len(in_time_visit), len(visited)),
        late_response=frozenset(x.id for x in items
                                if x.response_hours is None or x.response_hours > c.targets.response_hours),
        late_resolution=frozenset(x.id for x in items
                                  if x.resolution_hours is None or x.resolution_hours > c.targets.resolution_hours),
        late_visit=frozenset(x.id for x in resolved) - {x.id for x in in_time_visit},
        visit_periods=tuple(VisitPeriod(v, percent(v.visited, v.services), percent(v.satisfied, v.visited))
                            for v in c.visits),
        response_mean_met=None if mean_response is None else mean_response <= c.targets.response_hours,
        resolution_mean_met=None if mean_resolution is None else mean_resolution <= c.targets.resolution_hours,
        first_received=min((x.received for x in items), default=None),
        last_received=max((x.received for x in items), default=None))
