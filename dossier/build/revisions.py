"""The revision trail of the documents across builds (修订记录 after 整改).

Every document is a revision unit; so is each procedure inside the procedures collection. A unit whose
content changed since the previous build gets its next revision (A/0 → A/1) and a 修订记录 row with the
date and the rectification items it answers (those that list the document, or list data its change
touched: ``涉及的数据`` in rectification.yaml); unchanged units keep theirs. The manual and the
procedures start from the version their document control gives in the data; other documents from A/0.
When the data's own version of a unit changes, the user has taken over and the automatic trail of that
unit starts again from it.

Content: for a document, what it says (the digest of its content tree, see
:mod:`dossier.render.content_digest`): a document rendered again because a value it read changed is
revised only when what it says changed, in the editions issued so far (a document that names the
manual's version is revised when the manual is); for a procedure, its own record.

The trail lives in the output as ``revisions.json`` (the tool never writes into company_data/).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Callable

from ..assessment.completeness import as_of_date
from ..builders.issue import FIRST_VERSION, Edition, Issue
from ..model import Dossier
from ..model.editions import revised_after
from ..model.records import Revision
from ..model.tracking import Reads
from .changes import DataChange, Reference

__all__ = ["REVISIONS", "FIRST_VERSION", "RevisionState", "load_state", "issue_editions", "content_reads",
           "compares_content", "settle", "controlled_versions", "state_bytes"]

REVISIONS = "revisions.json"
MANUAL = "service_manual"
PROCEDURES = "procedures"
SYSTEM_FILE = "service_system"     # the data file that holds the procedures (a list ``procedures``)
#: marks a document unit's content digest as the digest of what it says (an older trail kept another kind)
CONTENT = "content:"


@dataclass(frozen=True)
class RevisionState:
    units: dict          # unit key → {"code", "base", "content", "revisions": [...]}
    fresh: bool          # no earlier trail was found


def load_state(out: Path) -> RevisionState:
    try:
        data = json.loads((Path(out) / REVISIONS).read_text(encoding="utf-8"))
        return RevisionState(dict(data["units"]), False)
    except (OSError, ValueError, KeyError, TypeError):
        return RevisionState({}, True)


def compares_content(state: RevisionState, document: str) -> bool:
    """Whether the trail holds what the document said in its current edition, to compare this build's with."""
    return str(state.units.get(f"document:{document}", {}).get("content", "")).startswith(CONTENT)


def content_reads(reads: Reads) -> Reads:
    """The reads of a document without version and revision rows (which a revision itself changes)."""
    return reads.excluding(("version", "revisions"))


def _procedure_digest(procedure) -> str:
    stripped = replace(procedure, control=replace(procedure.control, version="", revisions=()))
    return hashlib.sha256(repr(stripped).encode("utf-8")).hexdigest()


def _next_version(version: str) -> str:
    match = re.fullmatch(r"([A-Z])/(\d+)", version)
    return f"{match.group(1)}/{int(match.group(2)) + 1}" if match else version


def _findings_for(dossier: Dossier, document: str, used: set[str], touched: tuple[DataChange, ...],
                  references: dict[str, tuple[Reference, ...]]) -> list[str]:
    """The rectification items a revision answers: those that list the document, or list data that the
    change touched (``涉及的数据``), and that no earlier revision of the unit has cited."""
    if dossier.rectification is None:
        return []
    return [f.id for f in dossier.rectification.findings if f.id not in used
            and (document in f.documents
                 or any(ref.covers(change) for ref in references.get(f.id, ()) for change in touched))]


def _revise(unit: dict | None, code: str, base: str, digest: str | None, findings: Callable[[set[str]], list[str]],
            day: date) -> dict:
    """The unit's state after this build; ``findings`` names the items a revision answers, given those its
    earlier revisions cited."""
    if unit is None or unit.get("base") != base or unit.get("code") != code:
        return {"code": code, "base": base, "content": digest, "revisions": []}
    if digest is None or unit.get("content") in (None, digest):
        return {**unit, "content": unit.get("content") or digest}
    revisions = list(unit["revisions"])
    cited = findings({f for r in revisions for f in r["findings"]})
    current = revisions[-1]["version"] if revisions else base
    description = f"依据整改项 {'、'.join(cited)} 修订相关内容" if cited else "根据运行情况更新相关内容"
    revisions.append({"version": _next_version(current), "date": day.isoformat(), "findings": cited,
                      "description": description})
    return {**unit, "content": digest, "revisions": revisions}


def _rows(unit: dict, by_name: str) -> tuple[Revision, ...]:
    return tuple(Revision(r["version"], date.fromisoformat(r["date"]), r["description"], "", by_name)
                 for r in unit["revisions"])


def _version(unit: dict) -> str:
    return unit["revisions"][-1]["version"] if unit["revisions"] else unit["base"]


def _edition(unit: dict, by_name: str) -> Edition:
    return Edition(_version(unit), _rows(unit, by_name))


def _reissue(dossier: Dossier, ident: str, version: str, revised: bool) -> tuple[str, tuple[Revision, ...]]:
    """A document's first edition in this pack and the rows it starts with: in the rectification
    submission, a document its findings name is re-issued at its next version (unless its own data already
    holds a revision made after the application: ``revised``), with a row naming the findings."""
    submission = dossier.submission
    if submission is None or not submission.is_rectification or revised:
        return version, ()
    answered = [f.id for f in dossier.rectification.findings if ident in f.documents]
    if not answered:
        return version, ()
    reissued = _next_version(version)
    row = Revision(reissued, submission.date, f"依据整改项 {'、'.join(answered)} 修订后重新发布", "", "")
    return reissued, (row,)


def issue_editions(dossier: Dossier, state: RevisionState, codes: dict[str, str], contents: dict[str, str],
                   changes: dict[str, tuple[DataChange, ...]] | None = None,
                   references: dict[str, tuple[Reference, ...]] | None = None) -> tuple[Issue, dict]:
    """Every unit's edition in this build, and the new state of the trail.

    ``codes``: document id → code printed in its header (the key of a unit is stable across builds);
    ``contents``: document id → the digest of what it says on this data in the editions issued so far
    (a unit whose trail holds another digest gets its next revision; a document left out keeps its
    edition); ``changes``: document id → the changed fields of the data it reads; ``references``:
    rectification item id → the data its correction changed.
    """
    changes, references = changes or {}, references or {}
    day = as_of_date(dossier)
    system = dossier.system
    units: dict = {}
    documents: dict[str, Edition] = {}
    controls: dict[str, Edition] = {}

    def answered(document: str, touched: tuple[DataChange, ...]) -> Callable[[set[str]], list[str]]:
        return lambda used: _findings_for(dossier, document, used, touched, references)

    applied = dossier.company.application.date
    for ident, code in codes.items():
        if ident == PROCEDURES:
            continue
        manual = system.manual.control
        base, first_rows = _reissue(dossier, ident, manual.version if ident == MANUAL else FIRST_VERSION,
                                    ident == MANUAL and revised_after(manual, applied))
        code = manual.code if ident == MANUAL else code
        said = contents.get(ident) if compares_content(state, ident) else None
        unit = _revise(state.units.get(f"document:{ident}"), code, base, said and CONTENT + said,
                       answered(ident, changes.get(ident, ())), day)
        units[f"document:{ident}"] = unit
        if ident == MANUAL:
            edition = _edition(unit, manual.prepared_by)
            controls[code] = Edition(edition.version, first_rows + edition.rows)
        documents[ident] = Edition(_version(unit), () if ident == MANUAL else first_rows + _rows(unit, ""))
    for index, procedure in enumerate(system.procedures):
        key = f"procedure:{procedure.id}"
        touched = _procedure_changes(changes.get(PROCEDURES, ()), index)
        units[key] = _revise(state.units.get(key), procedure.control.code, procedure.control.version,
                             _procedure_digest(procedure), answered(PROCEDURES, touched), day)
        controls[procedure.control.code] = _edition(units[key], procedure.control.prepared_by)
    return Issue(documents, controls), units


def _procedure_changes(changes: tuple[DataChange, ...], index: int) -> tuple[DataChange, ...]:
    """Of the changes the procedures collection read, those of one procedure: in service_system.yaml
    only its own entry (the others are the other procedures'), the other files' as they are."""
    return tuple(c for c in changes
                 if c.file != SYSTEM_FILE or c.path[:2] == (PROCEDURES, index) or c.path[:1] != (PROCEDURES,))


def settle(units: dict, contents: dict[str, str | None]) -> dict:
    """After rendering: each rendered document's unit keeps the digest of what it says in this edition
    (document id → :func:`dossier.render.content_digest.content_digest`), for the next build to compare."""
    settled = dict(units)
    for ident, said in contents.items():
        key = f"document:{ident}"
        if key in settled and said is not None:
            settled[key] = {**settled[key], "content": CONTENT + said}
    return settled


def controlled_versions(dossier: Dossier, issue: Issue, document: str, code: str) -> dict[str, str]:
    """文件编号 → the version this build issues, of the units a document holds."""
    if document == PROCEDURES:
        return {p.control.code: issue.control(p.control).version for p in dossier.system.procedures}
    if document == MANUAL:
        control = dossier.system.manual.control
        return {control.code: issue.control(control).version}
    return {code: issue.document(document).version}


def state_bytes(units: dict) -> bytes:
    return (json.dumps({"units": units}, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")
