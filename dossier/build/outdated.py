"""Which documents a build must render again, and why.

A document is reused when the previous build left it intact and nothing it depends on changed:
  * the tool: the fingerprint of the package's code, templates, schemas and standards;
  * its inputs: every value of the Dossier its rendering read (see :mod:`dossier.model.tracking`),
    evaluated again on the new data.
Otherwise it is rendered, with the reason: first build, --force, tool changed, or the field of the
user's data that changed (see :mod:`dossier.build.changes`): ``数据变化：personnel.yaml:469:
staff[38].qualifications[0].valid_until``, the first of the changed fields of the files it reads, and how
many more there are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Mapping

from ..builders import Builder, Rendered
from ..builders.issue import Issue
from ..load.sources import Sources
from ..model import Dossier
from ..model.tracking import Reads, describe_path, replay
from ..problems import dotted
from .changes import DataChange, changed_fields, within
from .cache import reads_bytes
from .fingerprint import tool_fingerprint
from .kept import KeptReads
from .manifest import reused_document
from .revisions import content_reads

__all__ = ["Decision", "Replayed", "replay_contents", "document_changes", "data_reason", "decide"]


@dataclass(frozen=True)
class Replayed:
    """What a document's previous rendering read, evaluated again on this build's data."""

    reads: Reads
    digest: str                  # of the content reads (its own version and revision rows left out)
    changed: tuple[tuple, ...]   # the read paths whose value changed, in reading order
    best: tuple | None           # the one that best says why


def replay_contents(dossier: Dossier, previous_reads: dict[str, Reads]) -> dict[str, Replayed]:
    out = {}
    for ident, reads in previous_reads.items():
        again = replay(dossier, content_reads(reads))
        out[ident] = Replayed(reads, again.digest, again.changed, again.best)
    return out


_BOUNDARY = re.compile(r"(?=[.\[])")


def _read_prefixes(paths: tuple[tuple, ...]) -> set[str]:
    """Every changed read as a reader sees it (``staff[38].qualifications[0].valid_until``), with each of
    its prefixes (``staff[38]``, ``staff``…)."""
    found: set[str] = set()
    for path in paths:
        parts = _BOUNDARY.split(describe_path(path).split(" ", 1)[0])
        for end in range(1, len(parts) + 1):
            found.add("".join(parts[:end]))
    return found


def _was_read(change: DataChange, prefixes: set[str]) -> bool:
    """Whether a changed field is (by its name) one of the values the document read: ``staff[38].name`` of
    personnel.yaml as ``staff[38].name``, ``sessions[3].hours`` of training.yaml as
    ``training.sessions[3].hours``."""
    field = dotted(change.path)
    return field in prefixes or f"{change.file}.{field}" in prefixes


def document_changes(builders: list[Builder], replayed: dict[str, Replayed], previous_data: dict | None,
                     data: dict, sources: Sources) -> dict[str, tuple[DataChange, ...]]:
    """For each document whose reads changed: the changed fields of the data files it reads (its
    ``Builder.reads``), those it read by name first. Empty when the previous build left no digests."""
    if previous_data is None:
        return {}
    changes = changed_fields(previous_data, data, sources)
    found = {}
    for builder in builders:
        again = replayed.get(builder.id)
        if again is None or not again.changed:
            continue
        prefixes = _read_prefixes(again.changed)
        mine = within(changes, builder.reads)
        found[builder.id] = tuple(sorted(mine, key=lambda c: not _was_read(c, prefixes)))
    return found


def data_reason(changes: tuple[DataChange, ...], again: Replayed) -> str:
    """``数据变化：`` and the first changed field (with how many more), or the changed read itself when no
    field of the files the document reads is known to have changed."""
    if changes:
        more = f"（另有 {len(changes) - 1} 处）" if len(changes) > 1 else ""
        return f"数据变化：{changes[0].describe()}{more}"
    return f"数据变化：{describe_path(again.best) if again.best else '数据'}"


@dataclass(frozen=True)
class Decision:
    builder: Builder
    reason: str | None          # why it is rendered; None when it is reused
    reused: Rendered | None = None


def decide(builders: list[Builder], dossier: Dossier, issue: Issue, previous: dict, stored: Mapping[str, tuple | None],
           replayed: dict[str, Replayed], changes: dict[str, tuple[DataChange, ...]], *,
           force: bool, only: tuple[str, ...] = ()) -> list[Decision]:
    """What to do with each document; ``stored``: document id → its previous files, intact (see
    :func:`dossier.build.manifest.stored_output`), read once for all the decisions a build makes."""
    entries = {e.get("id"): e for e in previous.get("documents", [])}
    tool = tool_fingerprint()
    decisions = []
    for builder in builders:
        entry = entries.get(builder.id)
        if force:
            decisions.append(Decision(builder, "--force"))
            continue
        if only and builder.id in only:
            decisions.append(Decision(builder, "--only"))
            continue
        if entry is None:
            decisions.append(Decision(builder, "首次生成"))
            continue
        if entry.get("tool") != tool:
            decisions.append(Decision(builder, "程序或模板已更新"))
            continue
        again = replayed.get(builder.id)
        files = stored.get(builder.id)
        if again is None or files is None:
            decisions.append(Decision(builder, "上次的输出不完整"))
            continue
        if not only and again.digest != entry.get("inputs"):
            decisions.append(Decision(builder, data_reason(changes.get(builder.id, ()), again)))
        elif _cited_changed(entry, issue):
            decisions.append(Decision(builder, "修订版本变化"))
        else:
            reused = reused_document(entry, files, builder, dossier, issue)
            kept = KeptReads(reads_bytes(again.reads), entry["inputs"])    # its reads as they were stored
            decisions.append(Decision(builder, None, Rendered(reused.info, reused.docx, reused.pdf, kept,
                                                              entry["cited"])))
    return decisions


def _cited_changed(entry: dict, issue: Issue) -> bool:
    """Whether a unit the document cited (its own edition, the manual it names…) is issued otherwise now."""
    cited = entry.get("cited")
    return not isinstance(cited, dict) or any(issue.token(key) != token for key, token in cited.items())
