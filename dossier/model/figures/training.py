"""Figures of training: sessions, hours per person and per department, pass rate, plan completion."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from .. import records as R
from .common import percent


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


def training_figures(training: R.Training, staff) -> TrainingFigures:
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
