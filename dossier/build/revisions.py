"""The revision trail of the documents across builds (修订记录 after 整改).

Every document is a revision unit; so is each procedure inside the procedures collection. A unit whose
content changed since the previous build gets its next revision (A/0 → A/1) and a 修订记录 row with the
date and the rectification findings that caused it; unchanged units keep theirs. The manual and the
procedures start from the version their document control gives in the data; other documents from A/0.
When the data's own version of a unit changes, the user has taken over and the automatic trail of that
unit starts again from it.

Content: what the document's previous rendering read (see :mod:`dossier.tracking`), replayed on the
new data, leaving out its own version and revision rows; for a procedure, its own record.

The trail lives in the output as ``revisions.json`` (the tool never writes into company_data/).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from ..assessment.completeness import as_of_date
from ..builders.issue import FIRST_VERSION, Edition, Issue
from ..model import Dossier
from ..model.records import Revision
from ..model.tracking import Reads

__all__ = ["REVISIONS", "FIRST_VERSION", "RevisionState", "load_state", "issue_editions", "content_reads",
           "settle", "controlled_versions", "state_bytes"]

REVISIONS = "revisions.json"
MANUAL = "service_manual"
PROCEDURES = "procedures"


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


def content_reads(reads: Reads) -> Reads:
    """The reads of a document without version and revision rows (which a revision itself changes)."""
    kept = Reads()
    kept.notes = {path: token for path, token in reads.notes.items()
                  if not any(step[0] == "a" and step[1] in ("version", "revisions")
                             for step in path)}
    return kept


def _procedure_digest(procedure) -> str:
    stripped = replace(procedure, control=replace(procedure.control, version="", revisions=()))
    return hashlib.sha256(repr(stripped).encode("utf-8")).hexdigest()


def _next_version(version: str) -> str:
    match = re.fullmatch(r"([A-Z])/(\d+)", version)
    return f"{match.group(1)}/{int(match.group(2)) + 1}" if match else version


def _findings_for(dossier: Dossier, document: str, used: set[str]) -> list[str]:
    if dossier.rectification is None:
        return []
    return [f.id for f in dossier.rectification.findings if document in f.documents and f.id not in used]


def _revise(unit: dict | None, code: str, base: str, digest: str | None, document: str, dossier: Dossier,
            day: date) -> dict:
    """The unit's state after this build."""
    if unit is None or unit.get("base") != base or unit.get("code") != code:
        return {"code": code, "base": base, "content": digest, "revisions": []}
    if digest is None or unit.get("content") in (None, digest):
        return {**unit, "content": unit.get("content") or digest}
    revisions = list(unit["revisions"])
    used = {f for r in revisions for f in r["findings"]}
    findings = _findings_for(dossier, document, used)
    current = revisions[-1]["version"] if revisions else base
    description = f"依据整改项 {'、'.join(findings)} 修订相关内容" if findings else "根据运行情况更新相关内容"
    revisions.append({"version": _next_version(current), "date": day.isoformat(), "findings": findings,
                      "description": description})
    return {**unit, "content": digest, "revisions": revisions}


def _rows(unit: dict, by_name: str) -> tuple[Revision, ...]:
    return tuple(Revision(r["version"], date.fromisoformat(r["date"]), r["description"], "", by_name)
                 for r in unit["revisions"])


def _version(unit: dict) -> str:
    return unit["revisions"][-1]["version"] if unit["revisions"] else unit["base"]


def _edition(unit: dict, by_name: str) -> Edition:
    return Edition(_version(unit), _rows(unit, by_name))


def issue_editions(dossier: Dossier, state: RevisionState, codes: dict[str, str],
                   contents: dict[str, str]) -> tuple[Issue, dict]:
    """Every unit's edition in this build, and the new state of the trail.

    ``codes``: document id → code printed in its header (the key of a unit is stable across builds);
    ``contents``: document id → digest of what its previous rendering read, evaluated on this data
    (see :func:`dossier.build.outdated.replay_contents`).
    """
    day = as_of_date(dossier)
    system = dossier.system
    units: dict = {}
    documents: dict[str, Edition] = {}
    controls: dict[str, Edition] = {}
    for ident, code in codes.items():
        if ident == PROCEDURES:
            continue
        base = system.manual.control.version if ident == MANUAL else FIRST_VERSION
        code = system.manual.control.code if ident == MANUAL else code
        unit = _revise(state.units.get(f"document:{ident}"), code, base, contents.get(ident), ident, dossier, day)
        units[f"document:{ident}"] = unit
        if ident == MANUAL:
            controls[code] = _edition(unit, system.manual.control.prepared_by)
        documents[ident] = Edition(_version(unit), () if ident == MANUAL else _rows(unit, ""))
    for procedure in system.procedures:
        key = f"procedure:{procedure.id}"
        units[key] = _revise(state.units.get(key), procedure.control.code, procedure.control.version,
                             _procedure_digest(procedure), PROCEDURES, dossier, day)
        controls[procedure.control.code] = _edition(units[key], procedure.control.prepared_by)
    return Issue(documents, controls), units


def settle(units: dict, reads: dict[str, Reads]) -> dict:
    """After rendering: each document's content digest is taken from what this rendering read, so the
    next build compares like with like."""
    settled = dict(units)
    for ident, read in reads.items():
        key = f"document:{ident}"
        if key in settled and read is not None:
            settled[key] = {**settled[key], "content": content_reads(read).digest()}
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
