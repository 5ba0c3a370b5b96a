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
from . import consistency, of_standard
from .context import RuleContext

__all__ = ["Rule", "RULES", "RuleContext", "run_rules"]


@dataclass(frozen=True)
class Rule:
    name: str
    check: Callable[[RuleContext], Iterable[Problem]]
    of_standard: bool = True


RULES: tuple[Rule, ...] = (
    Rule("responsibilities_complete", consistency.responsibilities_complete, of_standard=False),
    Rule("department_tree", consistency.department_tree, of_standard=False),
    Rule("outlet_partner", consistency.outlet_partner, of_standard=False),
    Rule("survey_responses", consistency.survey_responses, of_standard=False),
    Rule("attendance_unique", consistency.attendance_unique, of_standard=False),
    Rule("complaint_visits", consistency.complaint_visits, of_standard=False),
    Rule("findings_dates", consistency.findings_dates, of_standard=False),
    Rule("licence_attachment", consistency.licence_attachment, of_standard=False),
    Rule("revision_trail", consistency.revision_trail, of_standard=False),
    Rule("judgements", consistency.judgements, of_standard=False),
    Rule("exclusions_allowed", consistency.exclusions_allowed, of_standard=False),
    Rule("practices_complete", consistency.practices_complete, of_standard=False),
    Rule("manager_ratio", of_standard.manager_ratio, of_standard=True),
    Rule("outlet_staffed", of_standard.outlet_staffed, of_standard=True),
    Rule("survey_max_age_months", of_standard.survey_recency, of_standard=True),
    Rule("training_max_age_months", of_standard.training_recency, of_standard=True),
    Rule("licence_valid", of_standard.licence_valid, of_standard=True),
    Rule("management_representative", of_standard.management_representative, of_standard=True),
    Rule("measurable_objectives", of_standard.measurable_objectives, of_standard=True),
    Rule("expiry_warning_days", of_standard.expiring, of_standard=True),
    Rule("headcount_consistent", of_standard.headcount_consistent, of_standard=True),
    Rule("system_min_months", of_standard.system_min_months, of_standard=True),
    Rule("culture_training", of_standard.culture_training, of_standard=True),
)


def run_rules(dossier: Dossier, sources: Sources) -> list[Problem]:
    problems: list[Problem] = []
    for rule in RULES:
        if rule.of_standard:
            params = dossier.standard.rules.get(rule.name)
            if params is None:
                continue
            ctx = RuleContext(dossier, sources, params, params["severity"], f"rule.{rule.name}")
        else:
            ctx = RuleContext(dossier, sources, {}, ERROR, f"data.{rule.name}")
        problems.extend(rule.check(ctx))
    return problems
