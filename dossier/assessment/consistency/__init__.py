"""Consistency checks an auditor makes: statements of the pack that contradict each other, each finding with
the places it rests on (binder pages in a build, data file and line in the data).

A check is a function of the Dossier returning findings (category ``consistency``), listed in ``CHECKS``.
"""

from __future__ import annotations

from typing import Callable

from ...model import Dossier
from ..findings import Finding
from .documents import distribution_numbers, references_resolved
from .organisation import key_roles_charted, outside_leads, reporting_lines
from .records import dissatisfied_complaints, missed_targets
from .regulated import regulated_products
from .service_area import service_area_covered

__all__ = ["CHECKS", "check_consistency"]

CHECKS: tuple[Callable[[Dossier], list[Finding]], ...] = (
    outside_leads, key_roles_charted, reporting_lines, service_area_covered, references_resolved,
    distribution_numbers, regulated_products, dissatisfied_complaints, missed_targets,
)


def check_consistency(dossier: Dossier) -> list[Finding]:
    """Every contradiction the checks find, in the order of ``CHECKS``."""
    return [finding for check in CHECKS for finding in check(dossier)]
