"""The binder's outline: the front matter's sections, the evidence index's indicators, then each section of
the binder with its parts and, under each document, the document's own outline."""

from __future__ import annotations

from ..model import Dossier
from .index import IndicatorEvidence
from .parts import Part
from .pieces import object_segment, page_mark
from .segment import Segment

__all__ = ["outline_items", "outline_segment"]

#: an outline item: title, 0-based binder page, the index of its parent item (None: at the top), open or not
Item = tuple[str, int, "int | None", bool]


def outline_items(dossier: Dossier, parts: list[Part], index: list[IndicatorEvidence], front_anchors: dict,
                  outlines: list[list]) -> list[Item]:
    """The outline's items, parents first; ``outlines``: each part's own outline (as pieces keeps a
    document's: [title, 0-based page, children]), in the order of ``parts``."""
    items: list[Item] = []

    def add(title: str, page: int, parent: int | None = None, is_open: bool = True) -> int:
        items.append((title, page, parent, is_open))
        return len(items) - 1

    def copy(own: list, parent: int, offset: int) -> None:
        for title, page, children in own:
            copy(children, add(title, offset + page, parent, is_open=False), offset)

    add("封面", 0)
    add("申请材料核查表", front_anchors.get("materials", 0))
    add("目录", front_anchors.get("toc", 0))
    evidence = add("指标证据索引", front_anchors.get("evidence-index", 0), is_open=False)
    for entry in index:
        target = entry.entries[0].first - 1 if entry.entries else front_anchors.get("evidence-index", 0)
        add(entry.indicator.label, target, evidence)
    own = {(p.kind, p.id): items for p, items in zip(parts, outlines)}
    for section in dossier.standard.sections:
        members = [p for p in parts if p.section == section.id]
        if not members:
            continue
        parent = add(section.name, members[0].start - 1)
        for part in members:
            item = add(part.title, part.start - 1, parent, is_open=False)
            if part.kind == "document":
                copy(own.get((part.kind, part.id), []), item, part.start - 1)
    return items


def outline_segment(items: list[Item]) -> Segment:
    """The outline of ``items`` as pypdf writes one, as a segment (its root in meta ``roots``)."""
    def build(writer, placeholder):
        made = []
        for title, page, parent, is_open in items:
            made.append(writer.add_outline_item(title=title, page_number=placeholder(page_mark(page + 1)),
                                                parent=None if parent is None else made[parent], is_open=is_open))
        return writer.root_object["/Outlines"]

    return object_segment(build)
