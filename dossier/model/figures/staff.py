"""Figures of the staff register and the outlets: headcounts, 管理师 ratio, certificates held."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from datetime import date

from .. import records as R
from .common import percent


VALID, EXPIRING, EXPIRED = "有效", "即将到期", "已过期"


@dataclass(frozen=True)
class HeldCertificate:
    """One certificate of one person, and its state on the application date."""

    staff: R.Staff
    qualification: R.Qualification
    status: str          # 有效 / 即将到期 (within the warning window) / 已过期


@dataclass(frozen=True)
class DepartmentStaff:
    department: str      # id
    name: str
    total: int
    by_category: tuple[int, ...]     # head counts in the order of StaffFigures.categories
    certified_managers: int


@dataclass(frozen=True)
class QualificationCount:
    kind: str
    holders: int         # people holding a certificate of this kind
    valid: int           # ... valid on the application date (expiring ones included)
    expiring: int        # ... valid, but ending within the warning window
    expired: int


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
    #: the rule's parameters, as the documents state them: required share (%) and minimum count
    manager_ratio_required: float = 10.0
    manager_min_count: int = 1
    #: head counts per department, in the order departments first appear in the register
    departments: tuple[DepartmentStaff, ...] = ()
    #: every 管理师 certificate held (valid or not), in register order
    manager_certificates: tuple[HeldCertificate, ...] = ()
    #: every other certificate held, grouped by kind (most held kind first), in register order within a kind
    other_certificates: tuple[HeldCertificate, ...] = ()
    #: the kinds of the other certificates, most held first
    qualification_counts: tuple[QualificationCount, ...] = ()
    #: days before expiry when a certificate counts as 即将到期
    expiry_window_days: int = 90

    @property
    def categories(self) -> tuple[str, ...]:
        return tuple(category for category, _ in self.by_category)

    @property
    def certified_count(self) -> int:
        return len(self.certified_managers)

    @property
    def managers_met(self) -> bool:
        return self.certified_count >= self.managers_required

    @property
    def managers_missing(self) -> int:
        return max(0, self.managers_required - self.certified_count)


@dataclass(frozen=True)
class OutletFigures:
    total: int
    own: int
    entrusted: int
    staff: int
    regions: tuple[str, ...]


def _valid_on(person: R.Staff, kind: str, day: date) -> bool:
    return any(q.kind == kind and (q.valid_until is None or q.valid_until >= day) for q in person.qualifications)


def _status(q: R.Qualification, day: date, window_days: int) -> str:
    if q.valid_until is None:
        return VALID
    if q.valid_until < day:
        return EXPIRED
    return EXPIRING if (q.valid_until - day).days <= window_days else VALID


def _departments(staff, categories: tuple[str, ...], certified_ids: set[str]) -> tuple[DepartmentStaff, ...]:
    members: dict[str, list[R.Staff]] = {}
    for person in staff:
        members.setdefault(person.department, []).append(person)
    out = []
    for ident, people in members.items():
        counts = Counter(p.category for p in people)
        out.append(DepartmentStaff(ident, people[0].department_name, len(people),
                                   tuple(counts[c] for c in categories),
                                   sum(p.id in certified_ids for p in people)))
    return tuple(out)


def _qualification_counts(held: list[HeldCertificate]) -> tuple[QualificationCount, ...]:
    by_kind: dict[str, dict[str, str]] = {}          # kind → staff id → best status of that person
    rank = {VALID: 0, EXPIRING: 1, EXPIRED: 2}
    for h in held:
        people = by_kind.setdefault(h.qualification.kind, {})
        current = people.get(h.staff.id)
        if current is None or rank[h.status] < rank[current]:
            people[h.staff.id] = h.status
    counts = [QualificationCount(kind, len(people), sum(s != EXPIRED for s in people.values()),
                                 sum(s == EXPIRING for s in people.values()),
                                 sum(s == EXPIRED for s in people.values()))
              for kind, people in by_kind.items()]
    return tuple(sorted(counts, key=lambda c: -c.holders))     # stable: ties keep register order


def staff_figures(staff, standard, on: date) -> StaffFigures:
    rule = standard.rule("manager_ratio")
    qualification, category = rule["qualification"], rule["category"]
    ratio, min_count = rule.get("ratio", 0.1), rule.get("min_count", 1)
    window = standard.rules.get("expiry_warning_days", {}).get("days", 90)
    management = [s for s in staff if s.category == category]
    certified = tuple(s for s in staff if _valid_on(s, qualification, on))
    required = max(min_count, math.ceil(ratio * len(management) - 1e-9))
    by_category = tuple(Counter(s.category for s in staff).most_common())
    held = [HeldCertificate(s, q, _status(q, on, window)) for s in staff for q in s.qualifications]
    others = [h for h in held if h.qualification.kind != qualification]
    counts = _qualification_counts(others)
    kind_order = {c.kind: i for i, c in enumerate(counts)}
    return StaffFigures(
        total=len(staff),
        by_category=by_category,
        by_department=tuple(Counter(s.department_name for s in staff).most_common()),
        service_management=len(management), qualification=qualification, certified_managers=certified,
        managers_required=required, manager_ratio=percent(len(certified), len(management)),
        manager_ratio_required=100.0 * ratio, manager_min_count=min_count,
        departments=_departments(staff, tuple(c for c, _ in by_category), {s.id for s in certified}),
        manager_certificates=tuple(h for h in held if h.qualification.kind == qualification),
        other_certificates=tuple(sorted(others, key=lambda h: kind_order[h.qualification.kind])),
        qualification_counts=counts, expiry_window_days=window)


def outlet_figures(outlets) -> OutletFigures:
    regions = tuple(dict.fromkeys(o.region for o in outlets))
    return OutletFigures(len(outlets), sum(o.kind == "自建" for o in outlets), sum(o.kind == "委托" for o in outlets),
                         sum(o.staff_count for o in outlets), regions)
