"""Derived figures: counts, rates, ratios, hours and times, computed once for every document.

Rates are percentages (0–100). A figure that cannot be computed (no data) is ``None``; documents
then say so instead of printing a made-up number. One module per topic.
"""

from __future__ import annotations

from dataclasses import dataclass

from .common import mean, percent
from .complaints import ComplaintFigures, complaint_figures
from .objectives import ObjectiveResult, PeriodResult, Records, objective_results
from .outlet_checks import OutletCheck, outlet_checks
from .satisfaction import ItemFigures, SatisfactionFigures, SurveyFigures, satisfaction_figures
from .staff import OutletFigures, StaffFigures, outlet_figures, staff_figures
from .training import DepartmentTraining, PersonTraining, TrainingFigures, training_figures

__all__ = ["Figures", "StaffFigures", "OutletFigures", "TrainingFigures", "PersonTraining", "DepartmentTraining",
           "SurveyFigures", "ItemFigures", "SatisfactionFigures", "ComplaintFigures", "ObjectiveResult", "PeriodResult",
           "OutletCheck",
           "compute_figures", "percent", "mean"]


@dataclass(frozen=True)
class Figures:
    staff: StaffFigures
    outlets: OutletFigures
    training: TrainingFigures
    satisfaction: SatisfactionFigures
    complaints: ComplaintFigures
    objectives: tuple[ObjectiveResult, ...]
    #: each outlet's inspections against the company's frequency, and an entrusted one's certified technicians
    outlet_checks: tuple[OutletCheck, ...] = ()
    #: each management review's inputs: the figures of the records up to its date (model.reviews)
    reviews: tuple = ()


def compute_figures(*, standard, company, staff, outlets, training, satisfaction, complaints, system, window,
                    day=None, inspections=(), outlet_requirements=None, submission=None, **_ignored) -> Figures:
    """The figures of the records given, certificates judged on ``day`` (the pack's date; by default the
    application's); the objectives judged in their periods inside ``window`` (the submission's reporting
    window); the outlets' inspections against the company's own frequency (with ``submission``)."""
    staff_f = staff_figures(staff, standard, day or company.application.date)
    records = Records(staff, training, satisfaction, complaints, staff_f)
    checks = ()
    if outlet_requirements is not None and submission is not None:
        checks = outlet_checks(outlets, inspections, outlet_requirements, submission.window,
                               company.application.system_start, submission.date)
    return Figures(staff_f, outlet_figures(outlets), training_figures(training, staff),
                   satisfaction_figures(satisfaction), complaint_figures(complaints),
                   objective_results(system.culture, records, window.start, window.end), checks)
