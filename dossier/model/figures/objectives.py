"""The service objectives measured against the figures they name, or against the value the company measured
itself (``measured``) for a metric the data cannot compute."""

from __future__ import annotations

from dataclasses import dataclass

from .. import records as R
from .complaints import ComplaintFigures
from .satisfaction import SatisfactionFigures
from .staff import StaffFigures
from .training import TrainingFigures


@dataclass(frozen=True)
class ObjectiveResult:
    objective: R.Objective
    actual: float | None
    met: bool | None


def objective_results(culture: R.Culture, staff: StaffFigures, training: TrainingFigures,
                satisfaction: SatisfactionFigures, complaints: ComplaintFigures) -> tuple[ObjectiveResult, ...]:
    actuals = {
        "satisfaction_rate": satisfaction.latest.rate if satisfaction.latest else None,
        "complaint_response_hours": complaints.mean_response_hours,
        "complaint_resolution_hours": complaints.mean_resolution_hours,
        "complaint_response_in_time_rate": complaints.response_in_time_rate,
        "complaint_resolution_in_time_rate": complaints.resolution_in_time_rate,
        "complaint_closure_rate": complaints.closure_rate,
        "complaint_visit_rate": complaints.visit_rate,
        "service_visit_rate": complaints.service_visit_rate,
        "training_hours_per_person": training.hours_per_person,
        "manager_ratio": staff.manager_ratio,
    }
    results = []
    for objective in culture.objectives:
        actual = (objective.measured.value if objective.measured_by_company
                  else actuals.get(objective.metric) if objective.metric else None)
        met = None
        if actual is not None and objective.target is not None:
            met = {">=": actual >= objective.target, "<=": actual <= objective.target,
                   "=": abs(actual - objective.target) < 1e-9}[objective.comparison]
        results.append(ObjectiveResult(objective, actual, met))
    return tuple(results)
