"""The revision trail of controlled documents across builds (修订记录 after 整改).

A controlled unit (the manual; each procedure) whose content changed since the previous build gets
its next revision (A/1 → A/2) and a 修订记录 row with the date and the rectification findings that
caused it. Unchanged units keep theirs. The trail lives in the output as ``revisions.json`` (the tool
never writes into company_data/); when the data's own version of a unit changes, the user has taken
over and the automatic trail of that unit starts again from it.

Content: for a procedure, its own record (document control excluded); for the manual, every value
its previous rendering read (see :mod:`dossier.tracking`), except its version and revision rows.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, replace
from pathlib import Path

from .model import Dossier
from .model.records import DocControl, Revision
from .tracking import Reads, replay

__all__ = ["REVISIONS", "RevisionState", "load_state", "apply_revisions", "content_reads", "settle", "MANUAL",
           "controlled_versions", "state_bytes"]

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
    """The reads of a document without its own version and revision rows (which a revision changes)."""
    kept = Reads()
    kept.notes = {path: token for path, token in reads.notes.items()
                  if not any(step[0] == "a" and step[1] in ("version", "revisions") for step in path)}
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


def _revise(unit: dict | None, code: str, control: DocControl, digest: str | None, document: str,
            dossier: Dossier, day) -> dict:
    """The unit's state after this build."""
    if unit is None or unit.get("base") != control.version or unit.get("code") != code:
        return {"code": code, "base": control.version, "content": digest, "revisions": []}
    if digest is None or unit.get("content") == digest:
        return unit
    revisions = list(unit["revisions"])
    used = {f for r in revisions for f in r["findings"]}
    findings = _findings_for(dossier, document, used)
    current = revisions[-1]["version"] if revisions else control.version
    description = (f"依据整改项 {'、'.join(findings)} 修订相关内容" if findings else "根据运行情况更新相关内容")
    revisions.append({"version": _next_version(current), "date": day.isoformat(), "findings": findings,
                      "description": description})
    return {**unit, "content": digest, "revisions": revisions}


def _applied(control: DocControl, unit: dict) -> DocControl:
    if not unit["revisions"]:
        return control
    from datetime import date

    rows = tuple(Revision(r["version"], date.fromisoformat(r["date"]), r["description"], "", control.prepared_by)
                 for r in unit["revisions"])
    return replace(control, version=unit["revisions"][-1]["version"], revisions=control.revisions + rows)


def apply_revisions(dossier: Dossier, state: RevisionState, manual_reads: Reads | None) -> tuple[Dossier, dict]:
    """The dossier with each controlled unit at its current revision, and the new state."""
    from .assessment.completeness import as_of_date

    day = as_of_date(dossier)
    units: dict = {}
    system = dossier.system
    manual_control = system.manual.control
    manual_digest = replay(dossier, content_reads(manual_reads))[0] if manual_reads is not None else None
    units[MANUAL] = _revise(state.units.get(MANUAL), manual_control.code, manual_control, manual_digest, MANUAL,
                            dossier, day)
    procedures = []
    for procedure in system.procedures:
        key = f"procedure:{procedure.id}"
        units[key] = _revise(state.units.get(key), procedure.control.code, procedure.control,
                             _procedure_digest(procedure), PROCEDURES, dossier, day)
        procedures.append(replace(procedure, control=_applied(procedure.control, units[key])))
    manual = replace(system.manual, control=_applied(manual_control, units[MANUAL]))
    revised = replace(dossier, system=replace(system, manual=manual, procedures=tuple(procedures)))
    return revised, units


def settle(units: dict, manual_reads: Reads | None) -> dict:
    """After rendering: the manual's content digest is taken from what this rendering read, so the next
    build compares like with like."""
    manual = units.get(MANUAL)
    if manual is not None and manual_reads is not None:
        units = {**units, MANUAL: {**manual, "content": content_reads(manual_reads).digest()}}
    return units


def controlled_versions(dossier: Dossier, document: str) -> dict[str, str]:
    """文件编号 → current version of the controlled units a document holds."""
    if document == MANUAL:
        return {dossier.system.manual.control.code: dossier.system.manual.control.version}
    if document == PROCEDURES:
        return {p.control.code: p.control.version for p in dossier.system.procedures}
    return {}


def state_bytes(units: dict) -> bytes:
    return (json.dumps({"units": units}, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")
