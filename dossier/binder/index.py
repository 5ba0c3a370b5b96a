"""The evidence index: for each indicator, the documents and attachments that prove it, with pages."""

from __future__ import annotations

from dataclasses import dataclass

from ..builders.evidence import evidence_map
from ..model import Dossier
from ..standard import Indicator
from .parts import Part

__all__ = ["EvidenceEntry", "IndicatorEvidence", "evidence_index"]

_BOUNDARIES = ("ind-", "annex", "proc-")   # anchors that start a chapter, an annex or a procedure


@dataclass(frozen=True)
class EvidenceEntry:
    kind: str
    id: str
    title: str
    first: int      # binder pages, inclusive
    last: int


@dataclass(frozen=True)
class IndicatorEvidence:
    indicator: Indicator
    group: str
    excluded: bool
    entries: tuple[EvidenceEntry, ...]


def _range(part: Part, anchor: str | None) -> tuple[int, int]:
    """The pages from an anchor up to the next chapter (or annex) anchor, in document order; the whole
    part without an anchor. The next chapter's first page is included: it may share it."""
    if not anchor or anchor not in part.anchors:
        return part.start, part.end
    names = [name for name in part.anchors if name.startswith(_BOUNDARIES)]   # document order
    start = part.anchors[anchor]
    after = names[names.index(anchor) + 1:] if anchor in names else []
    end = part.anchors[after[0]] if after else part.pages - 1
    return part.start + start, part.start + max(start, end)


def evidence_index(dossier: Dossier, parts: list[Part]) -> list[IndicatorEvidence]:
    by_key = {(p.kind, p.id): p for p in parts}
    groups = {g.id: g.name for g in dossier.standard.groups}
    index = []
    for indicator_id, refs in evidence_map(dossier).items():
        indicator = dossier.standard.indicator(indicator_id)
        entries = []
        for ref in refs:
            part = by_key.get((ref.kind, ref.id))
            if part is None:
                continue
            first, last = _range(part, ref.anchor)
            entries.append(EvidenceEntry(ref.kind, ref.id, part.title, first, last))
        index.append(IndicatorEvidence(indicator, groups[indicator.group], indicator_id in dossier.excluded,
                                       tuple(entries)))
    return index
