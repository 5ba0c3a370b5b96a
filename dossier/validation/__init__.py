"""Validate a company folder: schemas, references across files, and the rules of the standard.

``load_dossier(root)`` is the one entry point: it reads every file, reports every problem it can
find at once, and, when the data is sound enough to model, returns the Dossier too.
"""

from __future__ import annotations

from copy import deepcopy
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from ..model import Dossier, build_model
from ..model.construct import in_window
from ..model.submission import RECTIFICATION
from ..problems import ERROR, WARNING, Problem, dotted, sort_problems
from ..packaged import trusted_schema
from ..schemas import shared_schema
from ..load.attachment.sandbox import start_reader
from ..load.sources import Sources, load_sources
from ..standard import Standard, available_standards, load_standard
from ..standard.vocabularies import Vocabulary, compose, extension_in, standard_vocabularies
from ..standard.trades import trade_profile, trade_profiles
from .ids import collect_ids
from .messages import problems_from_errors
from .placeholders import placeholder_problems
from .rules import run_rules
from .validator import DossierValidator

__all__ = ["Validation", "load_dossier", "standard_of", "vocabularies_of", "DEFAULT_STANDARD"]

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


def standard_of(sources: Sources) -> Standard:
    """The standard company.yaml names (the default one when it names none there is)."""
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


def vocabularies_of(sources: Sources) -> dict[str, Vocabulary]:
    """The lists of values the data is checked against: the standard's, extended by the company's trade
    profile (company.yaml ``trade.profile``, when it names one there is), then by company.yaml itself."""
    company = sources.files.get("company")
    data = company.data if company else None
    defaults = standard_vocabularies()
    return compose(defaults, [_profile_of(data).vocabularies, extension_in(data, defaults)])


def _profile_of(company: dict | None):
    """The trade profile company.yaml names, read before it is validated (an unknown name: the generic
    profile here, and a problem of the schema's)."""
    trade = company.get("trade") if isinstance(company, dict) else None
    name = trade.get("profile") if isinstance(trade, dict) else None
    return trade_profile(name if isinstance(name, str) and name in trade_profiles() else None)


#: the problem code of an attachment bound with a warning (a repaired PDF, the first frame of an animation)
ATTACHMENT_NOTICE = "attachment.notice"


def load_dossier(root: Path, stage: str | None = None) -> Validation:
    """Every problem of a company folder at once, and the Dossier when the data has no error.

    The rules across fields and files run even where some files have field errors: on a model built from
    what parsed (the list items with errors left out), a rule runs when every file it checks is sound.
    The rules check every record; the Dossier returned is the pack of the submission ``stage`` names (by
    default the one the data is in), with the records of its reporting window."""
    start_reader()      # before the data is loaded: see load.attachment.sandbox
    sources = load_sources(Path(root))
    standard = standard_of(sources)
    ids = collect_ids(sources, standard)
    excluded = _excluded(sources)
    vocabularies = vocabularies_of(sources)
    problems = list(sources.problems)
    documents: dict[str, dict] = {}
    unsound = set(_files_of(sources, [p for p in sources.problems if p.severity == ERROR]))
    for name, source in sources.files.items():
        schema = _validation_schema(name, excluded)
        notices: list[tuple[tuple, str]] = []
        validator = DossierValidator(schema, ids=ids, root=str(sources.root), vocabularies=vocabularies,
                                     notices=notices)
        validator.validate(source.data)
        found = problems_from_errors(validator._errors, source, schema.schema)
        found += [Problem.at(source.locate(path), dotted(path), ATTACHMENT_NOTICE, note, WARNING)
                  for path, note in notices]
        problems.extend(found)
        documents[name] = _without_items_in_error(validator.document, validator._errors)
        if any(p.severity == ERROR for p in found):
            unsound.add(name)
    left = placeholder_problems(sources)
    problems.extend(left)
    clean = not any(p.severity == ERROR for p in problems)
    if stage == RECTIFICATION and "rectification" not in documents:
        problems.append(Problem(sources.shown("rectification.yaml"), 1, "", "stage.no_findings",
                                ERROR, "没有整改记录（rectification.yaml）：整改材料无法生成；认证机构提出整改项后，"
                                       "请把审核信息和整改项写入 rectification.yaml，或生成申请材料（--stage application）。"))
        return Validation(sources, standard, tuple(sort_problems(problems)), None)
    whole = _model(documents, sources, standard, stage)
    dossier = None
    if whole is not None:
        found = sort_problems(run_rules(whole, sources, frozenset(unsound)) + left)
        problems.extend(found)
        if clean:
            dossier = replace(in_window(whole), problems=tuple(found))
    return Validation(sources, standard, tuple(sort_problems(problems)), dossier if clean else None)


@lru_cache(maxsize=None)
def _validation_schema(name: str, excluded: frozenset[str]):
    """The cerberus schema data file ``name`` is validated with, prepared once per process."""
    return trusted_schema(shared_schema(name, excluded))


def _files_of(sources: Sources, problems: list[Problem]) -> set[str]:
    """The data files (by name) the problems are in: a file's own, or that of the table it names."""
    shown = {source.file: name for name, source in sources.files.items()}
    tables = {loc.file: name for name, source in sources.files.items() for loc in source.locations.values()
              if loc.file not in shown}
    names = {shown.get(p.file) or tables.get(p.file) for p in problems}
    if None in names:        # a file that could not be read at all: no rule can trust the rest
        return set(sources.files) | {"_unreadable"}
    return names


def _without_items_in_error(document: dict, errors) -> dict:
    """The normalised document without the list items that hold an error (what parsed of the file)."""
    items = sorted({path[:i + 1] for path in (e.document_path for e in _leaf_errors(errors))
                    for i in range(len(path) - 1, -1, -1) if isinstance(path[i], int)}, key=len, reverse=True)
    if not items:
        return document           # the validator's own normalised copy, which nothing else changes
    document = deepcopy(document)
    for path in sorted({p for p in items if not any(q != p and p[:len(q)] == q for q in items)}, reverse=True):
        parent = document
        try:
            for step in path[:-1]:
                parent = parent[step]
            del parent[path[-1]]
        except (KeyError, IndexError, TypeError):
            continue
    return document


def _leaf_errors(errors):
    for error in errors:
        if error.is_group_error or error.is_logic_error:
            yield from _leaf_errors(error.child_errors)
        else:
            yield error


def _model(documents: dict[str, dict], sources: Sources, standard: Standard, stage: str | None) -> Dossier | None:
    """The Dossier of every record of what parsed, or None where even that cannot be modelled (a required
    part missing or of the wrong type: the rules then wait for the field errors to be corrected)."""
    try:
        return build_model(documents, sources, standard, stage)
    except (KeyError, TypeError, ValueError, AttributeError, IndexError):
        return None
