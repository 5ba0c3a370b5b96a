"""Where a finding's statements are: binder pages from a build (its binder, or the manifest a build wrote),
data file and line from the data; and how a message names them ("见第 12 页（职能分配表）")."""

from __future__ import annotations

from dataclasses import replace
from typing import Iterable, Mapping

from ...load.sources import Sources
from ...render.pdf import anchor_pages, starts_page
from ..findings import Key, Locator, Place

__all__ = ["DocumentPages", "pages_of_binder", "pages_of_manifest", "locator", "place_text", "see_parts",
           "places_text"]

#: a document's binder pages: (first, last, anchors in document order → 0-based page within the document)
DocumentPages = tuple[int, int, Mapping[str, int]]


def pages_of_binder(binder) -> dict[str, DocumentPages]:
    """Each document's pages in an assembled binder (binder.Binder)."""
    return {p.id: (p.start, p.end, p.anchors) for p in binder.parts if p.kind == "document"}


def pages_of_manifest(manifest: Mapping) -> dict[str, DocumentPages]:
    """Each document's pages as a build's manifest.json records them (an entry it cannot read is left out)."""
    found = {}
    for entry in manifest.get("documents", []):
        try:
            first, last = (int(n) for n in entry["binder_pages"])
            anchors = anchor_pages(entry.get("anchors") or {}, entry.get("page_starts") or ())
            found[entry["id"]] = (first, last, anchors)
        except (KeyError, TypeError, ValueError):
            continue
    return found


def _anchor_range(first: int, last: int, anchors: Mapping[str, int], anchor: str) -> tuple[int, int]:
    """From the anchor's page to the page before the next anchor (its page, when that anchor shares it)."""
    names = list(anchors)
    start = first + anchors[anchor]
    for name in names[names.index(anchor) + 1:]:
        page = first + anchors[name]
        if page > start:
            return start, page - 1 if starts_page(anchors[name]) else page
    return start, last


def _pages(place: Place, documents: Mapping[str, DocumentPages]) -> tuple[int, int] | None:
    if place.document not in documents:
        return None
    first, last, anchors = documents[place.document]
    if place.anchor and place.anchor in anchors:
        return _anchor_range(first, last, anchors, place.anchor)
    return first, last


def _data_path(data, path: tuple) -> tuple | None:
    """``path`` with each Key replaced by the index of the item it picks in ``data`` (None: no such item)."""
    out, node = [], data
    for step in path:
        if isinstance(step, Key):
            rows = node if isinstance(node, list) else []
            index = next((i for i, row in enumerate(rows) if isinstance(row, dict)
                          and str(row.get(step.field)) == str(step.value)), None)
            if index is None:
                return tuple(out) if out else None
            step = index
        out.append(step)
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            node = None
    return tuple(out)


def _line(place: Place, sources: Sources) -> tuple[str, int]:
    if not place.data or place.data[0] not in sources.files:
        return "", 0
    source = sources.files[place.data[0]]
    path = _data_path(source.data, place.data[1:])
    loc = source.locate(path if path is not None else ())
    return loc.file, loc.line


def locator(documents: Mapping[str, DocumentPages] | None = None, sources: Sources | None = None) -> Locator:
    """Locates a place on the binder pages of ``documents`` and in the data of ``sources``."""
    def locate(place: Place) -> Place:
        pages = _pages(place, documents) if documents is not None else place.pages
        file, line = _line(place, sources) if sources is not None else (place.file, place.line)
        return replace(place, pages=pages or place.pages, file=file or place.file, line=line or place.line)
    return locate


def _where(place: Place) -> str:
    if place.pages:
        first, last = place.pages
        return f"第 {first}{f'–{last}' if last > first else ''} 页"
    return f"{place.file}:{place.line}" if place.file else ""


def place_text(place: Place) -> str:
    """``第 12 页（职能分配表）``, ``第 69–71 页（组织机构图）``; without pages ``organisation.yaml:45（职能分配表）``."""
    where = _where(place)
    return f"{where}（{place.label}）" if where else place.label


def see_parts(places: Iterable[Place]) -> list[tuple[str, int | None]]:
    """Each place once, in order, the statements found at one place named together: (``第 12 页（职能分配表）``,
    its first binder page or None)."""
    labels: dict[str, tuple[list[str], int | None]] = {}
    for p in places:
        names, _ = labels.setdefault(_where(p), ([], p.pages[0] if p.pages else None))
        if p.label not in names:
            names.append(p.label)
    return [(f"{where}（{'、'.join(names)}）" if where else "、".join(names), page)
            for where, (names, page) in labels.items()]


def places_text(places: Iterable[Place]) -> str:
    """``见第 12 页（职能分配表）、第 9 页（组织机构图）``; empty without places."""
    shown = [text for text, _ in see_parts(places)]
    if not shown:
        return ""
    return f"见{' ' if shown[0][0].isascii() else ''}{'、'.join(shown)}"
