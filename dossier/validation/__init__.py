"""Validate a company folder: schemas, references across files, and the rules of the standard.

``load_dossier(root)`` is the one entry point: it reads every file, reports every problem it can
find at once, and, when the data is sound enough to model, returns the Dossier too.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from ..model import Dossier, build_model
from ..problems import ERROR, Problem, sort_problems
from ..schemas import load_schema
from ..load.sources import Sources, load_sources
from ..standard import Standard, available_standards, load_standard
from .ids import collect_ids
from .messages import problems_from_errors
from .rules import run_rules
from .validator import DossierValidator

__all__ = ["Validation", "load_dossier", "DEFAULT_STANDARD"]

DEFAULT_STANDARD = "gbt27922_2011"


@dataclass(frozen=True)
class Validation:
    """The outcome of reading a company folder."""

    sources: Sources
    standard: Standard
    problems: tuple[Problem, ...]
    dossier: Dossier | None

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == ERROR)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity != ERROR)

    @property
    def ok(self) -> bool:
        return not self.errors


def _standard_of(sources: Sources) -> Standard:
    company = sources.files.get("company")
    application = company.data.get("application") if company else None
    wanted = application.get("standard") if isinstance(application, dict) else None
    return load_standard(wanted if wanted in available_standards() else DEFAULT_STANDARD)


def _excluded(sources: Sources) -> frozenset[str]:
    """The indicators the application in company.yaml excludes, as written (checked by the rules)."""
    company = sources.files.get("company")
    application = company.data.get("application") if company else None
    listed = application.get("exclusions") if isinstance(application, dict) else None
    return frozenset(e.get("indicator") for e in listed or () if isinstance(e, dict))


def load_dossier(root: Path) -> Validation:
    sources = load_sources(Path(root))
    standard = _standard_of(sources)
    ids = collect_ids(sources, standard)
    excluded = _excluded(sources)
    problems = list(sources.problems)
    documents: dict[str, dict] = {}
    for name, source in sources.files.items():
        schema = load_schema(name, excluded)
        validator = DossierValidator(schema, ids=ids, root=str(sources.root))
        validator.validate(source.data)
        problems.extend(problems_from_errors(validator._errors, source, schema))
        documents[name] = validator.document
    dossier = None
    if not any(p.severity == ERROR for p in problems):
        dossier = build_model(documents, sources, standard)
        found = sort_problems(run_rules(dossier, sources))
        dossier = replace(dossier, problems=tuple(found))
        problems.extend(found)
    return Validation(sources, standard, tuple(sort_problems(problems)), dossier)
