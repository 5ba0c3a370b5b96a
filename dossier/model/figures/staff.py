"""Figures of the staff register and the outlets: headcounts, 管理师 ratio."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from datetime import date

from .. import records as R
from .common import percent


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


def _valid_on(person: R.Staff, kind: str, day: date) -> bool:
    return any(q.kind == kind and (q.valid_until is None or q.valid_until >= day) for q in person.qualifications)


def staff_figures(staff, standard, on: date) -> StaffFigures:
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


def outlet_figures(outlets) -> OutletFigures:
    regions = tuple(dict.fromkeys(o.region for o in outlets))
    return OutletFigures(len(outlets), sum(o.kind == "自建" for o in outlets), sum(o.kind == "委托" for o in outlets),
                         sum(o.staff_count for o in outlets), regions)
