"""The Dossier: everything the documents, the binder and the assessment read."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from ..standard import Standard
from . import records as R
from .figures import Figures
from .submission import Submission

__all__ = ["Dossier"]


@dataclass(frozen=True)
class Dossier:
    standard: Standard
    root: Path
    company: R.Company
    departments: tuple[R.Department, ...]
    roles: tuple[R.Role, ...]
    responsibilities: tuple[R.Responsibility, ...]
    matrix_symbols: tuple[str, str]
    staff: tuple[R.Staff, ...]
    outlets: tuple[R.Outlet, ...]
    system: R.ServiceSystem
    training: R.Training
    satisfaction: R.Satisfaction
    complaints: R.Complaints
    attachments: tuple[R.Attachment, ...]
    rectification: R.Rectification | None
    self_assessment: R.SelfAssessment
    reviews: R.Reviews
    inspections: tuple[R.Inspection, ...]
    outlet_requirements: R.OutletRequirements
    figures: Figures
    #: the problems the rules found on this dossier (set by validation; the score deducts for them)
    problems: tuple = ()
    #: which submission this dossier is the pack of, and its reporting window (model.submission)
    submission: Submission | None = None
    #: who prepared, reviewed and approved each document without a control of its own (model.approvals)
    approvals: tuple[R.Approval, ...] = ()
    #: what of organisation.yaml's ``document_control`` names nobody or misplaces a date (model.approvals)
    unresolved_approvals: tuple = ()

    @cached_property
    def _departments(self) -> dict[str, R.Department]:
        return {d.id: d for d in self.departments}

    @cached_property
    def _staff(self) -> dict[str, R.Staff]:
        return {s.id: s for s in self.staff}

    @cached_property
    def _outlets(self) -> dict[str, R.Outlet]:
        return {o.id: o for o in self.outlets}

    @cached_property
    def _attachments(self) -> dict[str, R.Attachment]:
        return {a.id: a for a in self.attachments}

    def department(self, ident: str) -> R.Department:
        return self._departments[ident]

    def person(self, ident: str) -> R.Staff:
        return self._staff[ident]

    def outlet(self, ident: str) -> R.Outlet:
        return self._outlets[ident]

    def attachment(self, ident: str) -> R.Attachment:
        return self._attachments[ident]

    def approval(self, document: str) -> R.Approval | None:
        return next((a for a in self.approvals if a.document == document), None)

    def holders_of(self, role: str) -> tuple[R.Role, ...]:
        return tuple(r for r in self.roles if r.role == role)

    @property
    def exclusions(self) -> dict[str, str]:
        """Indicator id → reason, for the indicators the applicant excludes (删减): the application's list in
        company.yaml, the one source (the self-assessment may only agree with it)."""
        return {e.indicator: e.reason for e in self.company.application.exclusions}

    @property
    def excluded(self) -> frozenset[str]:
        return frozenset(self.exclusions)
