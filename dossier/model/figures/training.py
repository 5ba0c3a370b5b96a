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
class KindTraining:
    kind: str
    sessions: int
    hours: float                     # Σ session hours of the kind
    attendances: int
    person_hours: float


@dataclass(frozen=True)
class SessionTraining:
    session: R.Session
    attendees: int
    person_hours: float
    assessed: int
    passed: int
    pass_rate: float | None          # passed ÷ assessed, %; None when nobody was assessed


@dataclass(frozen=True)
class PlanProgress:
    item: R.PlanItem
    sessions: tuple[R.Session, ...]  # the sessions held for the item

    @property
    def held(self) -> bool:
        return bool(self.sessions)


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
    staff: int = 0                                   # everyone on the register
    trained_rate: float | None = None                # trained staff ÷ all staff, %
    kinds: tuple[KindTraining, ...] = ()
    per_session: tuple[SessionTraining, ...] = ()
    plan: tuple[PlanProgress, ...] = ()
    unplanned: int = 0                               # sessions held outside the plan
    untrained: tuple[R.Staff, ...] = ()              # staff with no session at all
    earliest: date | None = None

    def kind(self, name: str) -> KindTraining | None:
        return next((k for k in self.kinds if k.kind == name), None)

    @property
    def failed(self) -> int:
        return self.assessed - self.passed

    @property
    def plan_not_held(self) -> tuple[PlanProgress, ...]:
        return tuple(p for p in self.plan if not p.held)


def _kinds(sessions) -> tuple[KindTraining, ...]:
    order = list(dict.fromkeys(s.kind for s in sessions))
    return tuple(KindTraining(kind, sum(1 for s in sessions if s.kind == kind),
                              sum(s.hours for s in sessions if s.kind == kind),
                              sum(len(s.attendees) for s in sessions if s.kind == kind),
                              sum(s.person_hours for s in sessions if s.kind == kind)) for kind in order)


def _session(session: R.Session) -> SessionTraining:
    return SessionTraining(session, len(session.attendees), session.person_hours, session.assessed_count,
                           session.passed_count, percent(session.passed_count, session.assessed_count))


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
    trained = len(count_by_staff)
    return TrainingFigures(
        sessions=len(sessions), hours=sum(s.hours for s in sessions), person_hours=person_hours,
        attendances=sum(len(s.attendees) for s in sessions), trained_staff=trained,
        hours_per_person=person_hours / len(staff) if staff else None,
        by_kind=tuple((kind, n, h) for kind, (n, h) in kinds.items()),
        by_department=tuple(departments),
        per_person=tuple(PersonTraining(s, count_by_staff.get(s.id, 0), hours_by_staff.get(s.id, 0.0)) for s in staff),
        assessed=assessed, passed=passed, pass_rate=percent(passed, assessed),
        latest=max((s.date for s in sessions), default=None),
        plan_items=items, plan_held=len(held), plan_completion=percent(len(held), items),
        staff=len(staff), trained_rate=percent(trained, len(staff)),
        kinds=_kinds(sessions), per_session=tuple(_session(s) for s in sessions),
        plan=tuple(PlanProgress(item, tuple(s for s in sessions if s.plan_item == item.id))
                   for item in training.plan.items),
        unplanned=sum(1 for s in sessions if not s.plan_item),
        untrained=tuple(s for s in staff if s.id not in count_by_staff),
        earliest=min((s.date for s in sessions), default=None))
