"""Derived figures: counts, rates, ratios, hours and times, computed once for every document.

Rates are percentages (0–100). A figure that cannot be computed (no data) is ``None``; documents
then say so instead of printing a made-up number. One module per topic.
"""

from __future__ import annotations

from dataclasses import dataclass

from .common import mean, percent
from .complaints import ComplaintFigures, complaint_figures
from .objectives import ObjectiveResult, PeriodResult, Records, objective_results
from .satisfaction import ItemFigures, SatisfactionFigures, SurveyFigures, satisfaction_figures
from .staff import OutletFigures, StaffFigures, outlet_figures, staff_figures
from .training import DepartmentTraining, PersonTraining, TrainingFigures, training_figures

__all__ = ["Figures", "StaffFigures", "OutletFigures", "TrainingFigures", "PersonTraining", "DepartmentTraining",
           "SurveyFigures", "ItemFigures", "SatisfactionFigures", "ComplaintFigures", "ObjectiveResult", "PeriodResult",
           "compute_figures", "percent", "mean"]


@dataclass(frozen=True)
class Figures:
    staff: StaffFigures
    outlets: OutletFigures
    training: TrainingFigures
    satisfaction: SatisfactionFigures
    complaints: ComplaintFigures
    objectives: tuple[ObjectiveResult, ...]


def compute_figures(*, standard, company, staff, outlets, training, satisfaction, complaints, system, window,
                    day=None, **_ignored) -> Figures:
    """The figures of the records given, certificates judged on ``day`` (the pack's date; by default the
    application's); the objectives judged in their periods inside ``window`` (the submission's reporting
    window)."""
    staff_f = staff_figures(staff, standard, day or company.application.date)
    records = Records(staff, training, satisfaction, complaints, staff_f)
    return Figures(staff_f, outlet_figures(outlets), training_figures(training, staff),
                   satisfaction_figures(satisfaction), complaint_figures(complaints),
                   objective_results(system.culture, records, window.start, window.end))
