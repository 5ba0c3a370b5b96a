"""The rules that run on the built Dossier, in the order they run: the consistency checks of the data
across fields and files (always errors), then the rules of the standard (each taking its severity and
parameters from the standard file's ``rules``, and skipped when the standard has no such entry).

A new rule is a function of a ``RuleContext`` yielding problems, listed in ``RULES``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable

from ...load.sources import Sources
from ...model import Dossier
from ...problems import ERROR, Problem
from . import consistency, of_outlets, of_reviews, of_standard, of_trade, timeline
from .context import RuleContext

__all__ = ["Rule", "RULES", "RuleContext", "run_rules"]


@dataclass(frozen=True)
class Rule:
    name: str
    check: Callable[[RuleContext], Iterable[Problem]]
    files: tuple[str, ...]          # the data files whose content the rule checks
    of_standard: bool = True


RULES: tuple[Rule, ...] = (
    Rule("responsibilities_complete", consistency.responsibilities_complete, ("organisation", "company"), of_standard=False),
    Rule("department_tree", consistency.department_tree, ("organisation",), of_standard=False),
    Rule("outlet_partner", consistency.outlet_partner, ("outlets",), of_standard=False),
    Rule("survey_responses", consistency.survey_responses, ("satisfaction",), of_standard=False),
    Rule("attendance_unique", consistency.attendance_unique, ("training",), of_standard=False),
    Rule("complaint_visits", consistency.complaint_visits, ("complaints",), of_standard=False),
    Rule("findings_dates", consistency.findings_dates, ("rectification",), of_standard=False),
    Rule("evidence_in_time", timeline.evidence_in_time, ("evidence", "rectification", "company"), of_standard=False),
    Rule("controlled_text_in_time", timeline.controlled_text_in_time, ("service_system",), of_standard=False),
    Rule("submissions_in_order", timeline.submissions_in_order, ("company", "rectification"), of_standard=False),
    Rule("licence_attachment", consistency.licence_attachment, ("company", "evidence"), of_standard=False),
    Rule("revision_trail", consistency.revision_trail, ("service_system",), of_standard=False),
    Rule("objective_measure", consistency.objective_measure, ("service_system",), of_standard=False),
    Rule("judgements", consistency.judgements, ("self_assessment", "company"), of_standard=False),
    Rule("exclusions_allowed", consistency.exclusions_allowed, ("company",), of_standard=False),
    Rule("practices_complete", consistency.practices_complete, ("service_system", "company"), of_standard=False),
    Rule("document_control", consistency.document_control, ("organisation", "personnel", "company", "rectification"),
         of_standard=False),
    Rule("entrusted_staff", of_outlets.entrusted_staff, ("outlets",), of_standard=False),
    Rule("audit_records", of_reviews.audit_records, ("reviews",), of_standard=False),
    Rule("review_records", of_reviews.review_records, ("reviews",), of_standard=False),
    Rule("manager_ratio", of_standard.manager_ratio, ("personnel", "company", "organisation"), of_standard=True),
    Rule("outlet_staffed", of_standard.outlet_staffed, ("outlets", "personnel"), of_standard=True),
    Rule("survey_max_age_months", of_standard.survey_recency, ("satisfaction", "company"), of_standard=True),
    Rule("training_max_age_months", of_standard.training_recency, ("training", "company"), of_standard=True),
    Rule("licence_valid", of_standard.licence_valid, ("company",), of_standard=True),
    Rule("management_representative", of_standard.management_representative, ("organisation",), of_standard=True),
    Rule("measurable_objectives", of_standard.measurable_objectives, ("service_system",), of_standard=True),
    Rule("expiry_warning_days", of_standard.expiring, ("company", "personnel", "evidence", "outlets"), of_standard=True),
    Rule("headcount_consistent", of_standard.headcount_consistent, ("company", "personnel", "organisation"), of_standard=True),
    Rule("system_min_months", of_standard.system_min_months, ("company",), of_standard=True),
    Rule("culture_training", of_standard.culture_training, ("training", "company"), of_standard=True),
    Rule("trade_permits", of_trade.trade_permits, ("company", "outlets"), of_standard=True),
    Rule("trade_qualifications", of_trade.trade_qualifications, ("company", "personnel"), of_standard=True),
    Rule("internal_auditor_qualified", of_reviews.auditor_qualified, ("reviews", "personnel"), of_standard=True),
    Rule("internal_auditor_independent", of_reviews.auditor_independent, ("reviews", "personnel"), of_standard=True),
    Rule("management_review_chair", of_reviews.review_chair, ("reviews", "organisation"), of_standard=True),
    Rule("outlet_evaluation", of_outlets.outlet_evaluation, ("outlets",), of_standard=True),
    Rule("outlet_technicians", of_outlets.outlet_technicians, ("outlets",), of_standard=True),
    Rule("outlet_inspections", of_outlets.outlet_inspections, ("outlets", "company"), of_standard=True),
)


def run_rules(dossier: Dossier, sources: Sources, unsound: frozenset[str] = frozenset()) -> list[Problem]:
    """The problems the rules find; a rule that checks a file in ``unsound`` (one with field errors, whose
    content the model could only take in part) is left for when that file is corrected."""
    problems: list[Problem] = []
    for rule in RULES:
        if unsound.intersection(rule.files):
            continue
        if rule.of_standard:
            params = dossier.standard.rules.get(rule.name)
            if params is None:
                continue
            ctx = RuleContext(dossier, sources, params, params["severity"], f"rule.{rule.name}")
        else:
            ctx = RuleContext(dossier, sources, {}, ERROR, f"data.{rule.name}")
        problems.extend(rule.check(ctx))
    return problems
