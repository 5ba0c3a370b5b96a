"""The evidence index: for each indicator, the documents and attachments that prove it, with pages."""

from __future__ import annotations

from dataclasses import dataclass

from ..builders.evidence import evidence_map
from ..model import Dossier
from ..standard import Indicator
from .parts import Part

__all__ = ["EvidenceEntry", "IndicatorEvidence", "evidence_index"]

#: anchors that start a piece of evidence or end one: a chapter, an annex, a procedure, a first-level part
_BOUNDARIES = ("ind-", "annex-", "proc-", "grp-")
#: of those, the anchors that always open a page: a procedure is a section of its own (sections break the
#: page, builders/procedures.py), an annex and every first-level part but the first begin with a heading on
#: a new page (builders/service_manual.py; the first part follows the chapter heading on the same page, and
#: no evidence comes before it). A chapter (``ind-``) flows on from the one before it, and starts a page only
#: where the layout pushed its heading to the next one: the anchor's page then says so (_starts_page).
_OPENS_PAGE = ("annex-", "proc-", "grp-")


def _starts_page(page: int) -> bool:
    """Whether the anchor at ``page`` starts it (render.pdf.AnchorPage; a plain int: it shares the page)."""
    return getattr(page, "starts_page", False)


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
    """The binder pages of the evidence an anchor starts (the whole part without one): from the anchor's
    page to the last page before the next boundary of the document, or to the document's end. A boundary
    that starts its page (one that always opens a page, or a chapter heading the layout pushed to the top of
    the next page) ends the range on the page before it; a chapter that flows on shares its first page with
    the end of this one, so that page is included."""
    if not anchor or anchor not in part.anchors:
        return part.start, part.end
    names = list(part.anchors)                  # document order
    start, end = part.anchors[anchor], part.pages - 1
    for name in names[names.index(anchor) + 1:]:
        if name.startswith(_BOUNDARIES):
            page = part.anchors[name]
            end = page - 1 if name.startswith(_OPENS_PAGE) or _starts_page(page) else page
            break
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
