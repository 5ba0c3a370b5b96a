"""Which documents a build must render again, and why.

A document is reused when the previous build left it intact and nothing it depends on changed:
  * the tool: the fingerprint of the package's code, templates, schemas and standards;
  * its inputs: every value of the Dossier its rendering read (see :mod:`dossier.tracking`),
    evaluated again on the new data.
Otherwise it is rendered, with the reason: first build, --force, tool changed, or the first data
path whose value changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..builders import Builder, Rendered
from ..builders.issue import Issue
from ..model import Dossier
from .fingerprint import tool_fingerprint
from .manifest import reuse_document
from .revisions import content_reads, controlled_versions
from ..model.tracking import Reads, describe_path, replay

__all__ = ["Decision", "Replayed", "replay_contents", "decide"]


@dataclass(frozen=True)
class Replayed:
    """What a document's previous rendering read, evaluated again on this build's data."""

    reads: Reads
    digest: str                  # of the content reads (its own version and revision rows left out)
    changed: tuple | None        # the changed path that best says why


def replay_contents(dossier: Dossier, previous_reads: dict[str, Reads]) -> dict[str, Replayed]:
    out = {}
    for ident, reads in previous_reads.items():
        digest, changed = replay(dossier, content_reads(reads))
        out[ident] = Replayed(reads, digest, changed)
    return out


@dataclass(frozen=True)
class Decision:
    builder: Builder
    reason: str | None          # why it is rendered; None when it is reused
    reused: Rendered | None = None


def decide(builders: list[Builder], dossier: Dossier, issue: Issue, out: Path, previous: dict,
           replayed: dict[str, Replayed], *,
           force: bool, only: tuple[str, ...] = ()) -> list[Decision]:
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
        info = builder.info(dossier, issue)
        again = replayed.get(builder.id)
        reused = reuse_document(out, previous, builder, dossier, issue)
        if again is None or reused is None:
            decisions.append(Decision(builder, "上次的输出不完整"))
            continue
        if not only and again.digest != entry.get("inputs"):
            where = describe_path(again.changed) if again.changed else "数据"
            decisions.append(Decision(builder, f"数据变化：{where}"))
        elif controlled_versions(dossier, issue, builder.id, info.code) != entry.get("revisions"):
            decisions.append(Decision(builder, "修订版本变化"))
        else:
            decisions.append(Decision(builder, None, Rendered(reused.info, reused.docx, reused.pdf, again.reads)))
    return decisions
