"""Derived figures: counts, rates, ratios, hours and times, computed once for every document.

Rates are percentages (0–100). A figure that cannot be computed (no data) is ``None``; documents
then say so instead of printing a made-up number.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from datetime import date
from statistics import fmean

from . import records as R

__all__ = ["Figures", "StaffFigures", "OutletFigures", "TrainingFigures", "SurveyFigures",
           "SatisfactionFigures", "ComplaintFigures", "ObjectiveResult", "compute_figures", "percent"]


def percent(part: float, whole: float) -> float | None:
    return None if not whole else 100.0 * part / whole


def _mean(values) -> float | None:
    values = [v for v in values if v is not None]
    return fmean(values) if values else None


@dataclass(frozen=True)
class StaffFigures:
    total: int
    by_category: tuple[tuple[str, int], ...]
    by_department: tuple[tuple[str, int], ...]
    service_management: int
    qualification: str
    certified_managers: tuple[R.Staff, ...]   # holding a 管理师 certificate valid on the application date
    managers_required: int
    manager_ratio: float | None      # certified 管理师 ÷ service-management staff, %


@dataclass(frozen=True)
class OutletFigures:
    total: int
    own: int
    entrusted: int
    staff: int
    regions: tuple[str, ...]


@dataclass(frozen=True)
class PersonTraining:
    staff: R.Staff
    sessions: int
    hours: float


@dataclass(frozen=True)
class DepartmentTraining:
    department: str
    staff: int
    trained: int
    person_hours: float
    hours_per_person: float | None


@dataclass(frozen=True)
class TrainingFigures:
    sessions: int
    hours: float                     # Σ session hours
    person_hours: float              # Σ session hours × attendees
    attendances: int
    trained_staff: int               # distinct staff who attended at least once
    hours_per_person: float | None   # person-hours ÷ all staff
    by_kind: tuple[tuple[str, int, float], ...]
    by_department: tuple[DepartmentTraining, ...]
    per_person: tuple[PersonTraining, ...]
    assessed: int
    passed: int
    pass_rate: float | None
    latest: date | None
    plan_items: int
    plan_held: int
    plan_completion: float | None


@dataclass(frozen=True)
class ItemFigures:
    item: R.SurveyItem
    answered: int
    mean: float | None
    rate: float | None               # % answering ≥ satisfied_min


@dataclass(frozen=True)
class SurveyFigures:
    survey: R.Survey
    valid: int
    response_rate: float | None      # returned ÷ issued, %
    items: tuple[ItemFigures, ...]
    satisfied: int
    rate: float | None               # % of valid responses whose mean item score ≥ satisfied_min
    index: float | None              # mean score ÷ scale × 100
    meets_target: bool | None


@dataclass(frozen=True)
class SatisfactionFigures:
    surveys: tuple[SurveyFigures, ...]
    latest: SurveyFigures | None
    responses: int
    rate: float | None               # pooled over every survey
    latest_date: date | None


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


@dataclass(frozen=True)
class ObjectiveResult:
    objective: R.Objective
    actual: float | None
    met: bool | None


@dataclass(frozen=True)
class Figures:
    staff: StaffFigures
    outlets: OutletFigures
    training: TrainingFigures
    satisfaction: SatisfactionFigures
    complaints: ComplaintFigures
    objectives: tuple[ObjectiveResult, ...]


def _valid_on(person: R.Staff, kind: str, day: date) -> bool:
    return any(q.kind == kind and (q.valid_until is None or q.valid_until >= day) for q in person.qualifications)


def _staff(staff, standard, on: date) -> StaffFigures:
    rule = standard.rule("manager_ratio")
    qualification, category = rule["qualification"], rule["category"]
    management = [s for s in staff if s.category == category]
    certified = tuple(s for s in staff if _valid_on(s, qualification, on))
    required = max(rule.get("min_count", 1), math.ceil(rule.get("ratio", 0.1) * len(management) - 1e-9))
    return StaffFigures(
        total=len(staff),
        by_category=tuple(Counter(s.category for s in staff).most_common()),
        by_department=tuple(Counter(s.department_name for s in staff).most_common()),
        service_management=len(management), qualification=qualification, certified_managers=certified,
        managers_required=required, manager_ratio=percent(len(certified), len(management)))


def _outlets(outlets) -> OutletFigures:
    regions = tuple(dict.fromkeys(o.region for o in outlets))
    return OutletFigures(len(outlets), sum(o.kind == "自建" for o in outlets), sum(o.kind == "委托" for o in outlets),
                         sum(o.staff_count for o in outlets), regions)


def _training(training: R.Training, staff) -> TrainingFigures:
    sessions = training.sessions
    hours_by_staff: dict[str, float] = Counter()
    count_by_staff: dict[str, int] = Counter()
    for session in sessions:
        for a in session.attendees:
            hours_by_staff[a.staff] += session.hours
            count_by_staff[a.staff] += 1
    person_hours = sum(s.person_hours for s in sessions)
    kinds: dict[str, list] = {}
    for session in sessions:
        entry = kinds.setdefault(session.kind, [0, 0.0])
        entry[0] += 1
        entry[1] += session.hours
    departments = []
    for name in dict.fromkeys(s.department_name for s in staff):
        members = [s for s in staff if s.department_name == name]
        ph = sum(hours_by_staff.get(s.id, 0.0) for s in members)
        departments.append(DepartmentTraining(name, len(members), sum(1 for s in members if s.id in count_by_staff),
                                              ph, ph / len(members) if members else None))
    assessed = sum(s.assessed_count for s in sessions)
    passed = sum(s.passed_count for s in sessions)
    held = {s.plan_item for s in sessions if s.plan_item}
    items = len(training.plan.items)
    return TrainingFigures(
        sessions=len(sessions), hours=sum(s.hours for s in sessions), person_hours=person_hours,
        attendances=sum(len(s.attendees) for s in sessions), trained_staff=len(count_by_staff),
        hours_per_person=person_hours / len(staff) if staff else None,
        by_kind=tuple((kind, n, h) for kind, (n, h) in kinds.items()),
        by_department=tuple(departments),
        per_person=tuple(PersonTraining(s, count_by_staff.get(s.id, 0), hours_by_staff.get(s.id, 0.0)) for s in staff),
        assessed=assessed, passed=passed, pass_rate=percent(passed, assessed),
        latest=max((s.date for s in sessions), default=None),
        plan_items=items, plan_held=len(held), plan_completion=percent(len(held), items))


def _survey(survey: R.Survey, sat: R.Satisfaction) -> SurveyFigures:
    items = []
    for item in sat.items:
        scores = [r.score(item.id) for r in survey.responses if r.score(item.id) is not None]
        items.append(ItemFigures(item, len(scores), _mean(scores),
                                 percent(sum(1 for v in scores if v >= sat.satisfied_min), len(scores))))
    means = [_mean(v for _, v in r.scores) for r in survey.responses]
    means = [m for m in means if m is not None]
    satisfied = sum(1 for m in means if m >= sat.satisfied_min)
    rate = percent(satisfied, len(means))
    overall = _mean(means)
    return SurveyFigures(
        survey=survey, valid=len(means), response_rate=percent(survey.returned, survey.issued), items=tuple(items),
        satisfied=satisfied, rate=rate, index=None if overall is None else 100.0 * overall / sat.scale,
        meets_target=None if rate is None else rate >= sat.target)


def _satisfaction(sat: R.Satisfaction) -> SatisfactionFigures:
    surveys = tuple(_survey(s, sat) for s in sat.surveys)
    valid = sum(s.valid for s in surveys)
    return SatisfactionFigures(
        surveys=surveys, latest=surveys[-1] if surveys else None, responses=valid,
        rate=percent(sum(s.satisfied for s in surveys), valid),
        latest_date=max((s.survey.end for s in surveys), default=None))


def _complaints(c: R.Complaints) -> ComplaintFigures:
    items = c.complaints
    responded = [x for x in items if x.responded is not None]
    resolved = [x for x in items if x.resolved is not None]
    visited = [x for x in resolved if x.visit_date is not None]
    in_time_visit = [x for x in visited if (x.visit_date - x.resolved.date()).days <= c.targets.visit_days]
    satisfied = [x for x in visited if x.visit_result in ("满意", "基本满意")]
    resp_ok = sum(1 for x in responded if x.response_hours <= c.targets.response_hours)
    reso_ok = sum(1 for x in resolved if x.resolution_hours <= c.targets.resolution_hours)
    services = sum(v.services for v in c.visits)
    s_visited = sum(v.visited for v in c.visits)
    s_satisfied = sum(v.satisfied for v in c.visits)
    return ComplaintFigures(
        total=len(items), major=sum(1 for x in items if x.severity == "重大"),
        by_channel=tuple(Counter(x.channel for x in items).most_common()),
        by_category=tuple(Counter(x.category for x in items).most_common()),
        responded=len(responded), resolved=len(resolved), closure_rate=percent(len(resolved), len(items)),
        mean_response_hours=_mean(x.response_hours for x in responded),
        mean_resolution_hours=_mean(x.resolution_hours for x in resolved),
        response_in_time=resp_ok, response_in_time_rate=percent(resp_ok, len(responded)),
        resolution_in_time=reso_ok, resolution_in_time_rate=percent(reso_ok, len(resolved)),
        visited=len(visited), visit_rate=percent(len(visited), len(resolved)), visit_in_time=len(in_time_visit),
        visit_satisfied=len(satisfied), visit_satisfaction_rate=percent(len(satisfied), len(visited)),
        services=services, services_visited=s_visited, services_satisfied=s_satisfied,
        service_visit_rate=percent(s_visited, services), service_visit_satisfaction=percent(s_satisfied, s_visited))


def _objectives(culture: R.Culture, staff: StaffFigures, training: TrainingFigures,
                satisfaction: SatisfactionFigures, complaints: ComplaintFigures) -> tuple[ObjectiveResult, ...]:
    actuals = {
        "satisfaction_rate": satisfaction.latest.rate if satisfaction.latest else None,
        "complaint_response_hours": complaints.mean_response_hours,
        "complaint_resolution_hours": complaints.mean_resolution_hours,
        "complaint_closure_rate": complaints.closure_rate,
        "complaint_visit_rate": complaints.visit_rate,
        "service_visit_rate": complaints.service_visit_rate,
        "training_hours_per_person": training.hours_per_person,
        "manager_ratio": staff.manager_ratio,
    }
    results = []
    for objective in culture.objectives:
        actual = actuals.get(objective.metric) if objective.metric else None
        met = None
        if actual is not None and objective.target is not None:
            met = {">=": actual >= objective.target, "<=": actual <= objective.target,
                   "=": abs(actual - objective.target) < 1e-9}[objective.comparison]
        results.append(ObjectiveResult(objective, actual, met))
    return tuple(results)


def compute_figures(*, standard, company, staff, outlets, training, satisfaction, complaints, system,
                    **_ignored) -> Figures:
    staff_f = _staff(staff, standard, company.application.date)
    training_f = _training(training, staff)
    satisfaction_f = _satisfaction(satisfaction)
    complaints_f = _complaints(complaints)
    return Figures(staff_f, _outlets(outlets), training_f, satisfaction_f, complaints_f,
                   _objectives(system.culture, staff_f, training_f, satisfaction_f, complaints_f))
