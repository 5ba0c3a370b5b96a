"""Assemble the evidence binder: front matter, documents, attachments; then navigation and stamps."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any, Callable

from pypdf import PdfReader, PdfWriter

from .. import __version__
from ..assessment.completeness import check_completeness
from ..assessment.signing import Place, attachment_places, document_places, signing_summary
from ..builders import Rendered
from ..builders.evidence import evidence_map
from ..model import Dossier
from ..render.formatting import cn_date
from ..render.page_numbers import page_number
from ..render.pdf import RenderedPdf
from .attachments import AttachmentPages
from .body import Body
from .index import IndicatorEvidence, evidence_index
from .navigation import add_binder_links, copy_outline, resolve_page_links, set_labels, set_metadata
from .parts import Part, attachment_title, document_title, place
from ..render.stamp import Layout, Overlay, SealEmblem, StampFont, stamp_page

__all__ = ["Binder", "assemble_binder", "WATERMARK"]

WATERMARK = "仅供商品售后服务认证申请使用"
#: what a licence copy is certified with, under the company's seal
CERTIFIED, TO_SEAL = "与原件一致", "（盖章）"
#: where: the centre of the words across the page, and their baseline above its bottom edge (points)
_CERTIFIED_X, _CERTIFIED_Y = 0.78, 64
_FRONT_ID = "front"


@dataclass(frozen=True)
class Binder:
    data: bytes
    pages: int
    parts: tuple[Part, ...]
    index: tuple[IndicatorEvidence, ...]
    front_anchors: dict
    places: tuple[Place, ...] = ()      # the places to seal or sign, with their pages

    @property
    def front_pages(self) -> int:
        return self.parts[0].pages


def _title(dossier: Dossier) -> str:
    return f"商品售后服务{dossier.submission.name}汇编"


def _cover_rows(dossier: Dossier) -> list[tuple[str, str]]:
    """What the cover says of the submission: the application's facts, or the audit it answers."""
    app, submission = dossier.company.application, dossier.submission
    window = f"{cn_date(submission.window.start)}至{cn_date(submission.window.end)}"
    if not submission.is_rectification:
        return [("申请星级", app.target_level), ("申请类型", app.kind), ("认证机构", app.body),
                ("申请日期", cn_date(app.date)), ("记录统计期", window)]
    audit = dossier.rectification.audit
    return [("认证机构", audit.body), ("审核", f"{audit.stage}（{cn_date(audit.date)}）"),
            ("整改项", f"{len(dossier.rectification.findings)} 项"), ("提交日期", cn_date(submission.date)),
            ("记录统计期", window)]


def _binder_number(dossier: Dossier) -> str:
    app = dossier.company.application
    return app.binder_number or f"{dossier.company.uscc}-{app.date:%Y%m%d}"


def binder_places(dossier: Dossier, parts: list[Part]) -> tuple[Place, ...]:
    """The places to seal or sign of the binder's parts, each with its binder page."""
    sealed = dossier.company.signing.seal is not None
    attachments = {a.id: a for a in dossier.attachments}
    places: list[Place] = []
    for p in parts:
        if p.kind == "document":
            places += document_places(p.id, p.title, p.anchors, p.start)
        elif p.kind == "attachment":
            places += attachment_places(attachments[p.id], p.title, range(p.start, p.end + 1), sealed)
    return tuple(places)


def _materials(dossier: Dossier, parts: list[Part]) -> list[dict]:
    """The completeness check of the materials, each with the binder pages that satisfy it and what is left
    to seal or sign on them (or filled by the company's images)."""
    documents = {p.id: p.title for p in parts if p.kind == "document"}
    starts = {(p.kind, p.id): p for p in parts}
    kinds = {a.id: a.kind for a in dossier.attachments}
    places = binder_places(dossier, parts)
    rows = []
    materials = dossier.standard.materials_of(dossier.submission.stage)
    for status, material in zip(check_completeness(dossier, documents, evidence_map(dossier)).materials, materials):
        where = []
        if material.document and ("document", material.document) in starts:
            where.append(starts[("document", material.document)])
        where += [p for p in parts if p.kind == "attachment" and kinds.get(p.id) in material.attachment_kinds]
        mine = {(p.kind, p.id) for p in where}
        rows.append({"status": status, "parts": where,
                     "signing": signing_summary(x for x in places if (x.kind, x.id) in mine)})
    return rows


def _front_context(dossier: Dossier, parts: list[Part], index: list[IndicatorEvidence], total: int) -> dict:
    std = dossier.standard
    sections = []
    for section in std.sections:
        members = [p for p in parts if p.section == section.id]
        if members:
            sections.append({"name": section.name, "parts": members})
    groups = []
    for group in std.groups:
        groups.append({"name": f"{group.id} {group.name}",
                       "indicators": [i for i in index if i.indicator.group == group.id]})
    return {"title": _title(dossier), "cover": _cover_rows(dossier), "submission": dossier.submission,
            "company": dossier.company, "standard": std, "sections": sections,
            "groups": groups, "total_pages": total, "binder_number": _binder_number(dossier),
            "materials": _materials(dossier, parts)}


def _placed(dossier: Dossier, body: list[Part], front_pages: int) -> tuple[list[Part], list[IndicatorEvidence]]:
    """The parts placed behind front matter of ``front_pages`` pages, and the evidence index they give."""
    parts = place([Part("front", _FRONT_ID, "封面、目录、指标证据索引", "", front_pages)] + body)
    return parts, evidence_index(dossier, parts)


def _front_html(dossier: Dossier, body: list[Part], pages: int) -> str:
    """The front matter's HTML, were it ``pages`` long."""
    from ..render.html import render_html

    parts, index = _placed(dossier, body, pages)
    return render_html("binder_front.html", _front_context(dossier, parts[1:], index, parts[-1].end))


def _render_front(dossier: Dossier, body: list[Part], guess: int, html: str,
                  cache) -> tuple[RenderedPdf, dict[str, bytes]]:
    """Lay out the front matter until its page count is stable (numbers shift with its length), from its
    ``html`` at the ``guess``ed length; with what the cache keeps of it (the entries it added to a
    RenderCache; none without a cache)."""
    from ..render.pdf import OtherPageCount, html_to_pdf

    layout = cache.render if cache is not None else html_to_pdf
    kept_before = set(cache.entries) if cache is not None else set()
    pages = guess
    for _ in range(5):
        try:
            front = layout(html, dossier.root, pages)
        except OtherPageCount as other:       # laid out, not written: its numbers shift with its length
            pages = other.pages
            html = _front_html(dossier, body, pages)
            continue
        return front, {k: v for k, v in cache.entries.items() if k not in kept_before} if cache is not None else {}
    raise RuntimeError("front matter page count does not settle")


class _Here:
    """A call made here and now, answered as a forked call is (see ``apart`` in assemble_binder)."""

    def __init__(self, what: str, function: Callable[..., Any], *args: Any):
        self._value = function(*args)

    def result(self) -> Any:
        return self._value

    def stop(self) -> None:
        pass


def _parts_of(dossier: Dossier, documents: list[Rendered], attachments: list[AttachmentPages]) -> list[Part]:
    std = dossier.standard
    parts = [Part("document", r.info.id, document_title(r.info), std.document(r.info.id).section,
                  r.pdf.pages, anchors=dict(r.pdf.anchors)) for r in documents]
    parts += [Part("attachment", a.attachment.id, attachment_title(a.attachment),
                   std.attachments_section, len(a.pages)) for a in attachments]
    return parts


def assemble_binder(dossier: Dossier, documents: list[Rendered], attachments: list[AttachmentPages],
                    front_pages: int = 3, cache=None, apart: Callable[..., Any] | None = None,
                    appended: Body | None = None) -> Binder:
    """``front_pages``: the expected length of the front matter (the previous build's), so that it is
    usually laid out once; ``cache``: a RenderCache, so that unchanged front matter is not laid out at all;
    ``apart``: how the front matter is laid out while the documents' and attachments' pages are appended
    (``build.forked.start``: in a process of its own; None: here, first; here too when the cache holds it
    at the length expected). The front matter goes before them once it is there. ``appended``: the body with
    the first documents' pages appended already (see Body)."""
    from ..render.pdf import finish_joined

    body = _parts_of(dossier, documents, attachments)
    html = _front_html(dossier, body, front_pages)
    cached = cache is not None and cache.holds(html)
    laying_out = (apart if apart and not cached else _Here)("排版封面与目录", _render_front, dossier, body,
                                                           front_pages, html, cache)
    try:
        writer, readers = (appended or Body()).completed(documents, attachments)
    except BaseException:
        laying_out.stop()
        raise
    front, kept = laying_out.result()
    if cache is not None:
        cache.entries.update(kept)
    parts, index = _placed(dossier, body, front.pages)
    readers.insert(0, PdfReader(io.BytesIO(front.data)))
    writer.merge(0, readers[0], import_outline=False)
    total = len(writer.pages)
    assert total == parts[-1].end, (total, parts[-1].end)

    resolve_page_links(writer, range(front.pages))
    attachment_pages = {p.id: p.start - 1 for p in parts if p.kind == "attachment"}
    for part, rendered in zip([p for p in parts if p.kind == "document"], documents):
        add_binder_links(writer, part.start - 1, rendered.pdf.links, attachment_pages)
    _outline(writer, dossier, parts, index, readers, front.anchors)
    _stamp(writer, parts, attachments, total, dossier.company.signing.seal,
           (lambda html: cache.render(html, dossier.root).data) if cache is not None else None)
    set_labels(writer)
    company = dossier.company
    set_metadata(writer, title=f"{company.name} {_title(dossier)}", author=company.name,
                 subject=f"{dossier.standard.full_title} {dossier.submission.name}", creator=f"dossier {__version__}",
                 keywords="，".join([dossier.standard.code, "售后服务认证", company.application.target_level]),
                 date=f"D:{dossier.submission.date:%Y%m%d}000000+08'00'")
    digest = b"".join([front.data] + [r.pdf.data for r in documents]
                      + [str((a.attachment.id, a.path.stat().st_size)).encode() for a in attachments])
    return Binder(finish_joined(writer, digest), total, tuple(parts), tuple(index), dict(front.anchors),
                  binder_places(dossier, parts))


def _outline(writer, dossier, parts, index, readers, front_anchors) -> None:
    std = dossier.standard
    writer.add_outline_item(title="封面", page_number=0)
    writer.add_outline_item(title="申请材料核查表", page_number=front_anchors.get("materials", 0))
    writer.add_outline_item(title="目录", page_number=front_anchors.get("toc", 0))
    index_item = writer.add_outline_item(title="指标证据索引", page_number=front_anchors.get("evidence-index", 0),
                                         is_open=False)
    for entry in index:
        target = entry.entries[0].first - 1 if entry.entries else front_anchors.get("evidence-index", 0)
        writer.add_outline_item(title=entry.indicator.label, page_number=target, parent=index_item)
    document_readers = dict(zip([p.id for p in parts if p.kind == "document"], readers[1:]))
    for section in std.sections:
        members = [p for p in parts if p.section == section.id]
        if not members:
            continue
        parent = writer.add_outline_item(title=section.name, page_number=members[0].start - 1)
        for part in members:
            item = writer.add_outline_item(title=part.title, page_number=part.start - 1, parent=parent,
                                           is_open=False)
            reader = document_readers.get(part.id) if part.kind == "document" else None
            if reader is not None:
                copy_outline(writer, reader, reader.outline, item, part.start - 1)


def _stamp(writer: PdfWriter, parts: list[Part], attachments: list[AttachmentPages], total: int, seal,
           layout: Layout | None) -> None:
    """Page numbers on every page; on a licence copy's pages the watermark and 与原件一致 under the company's
    seal (``seal``: its image, or None: room is left to stamp it); PDF attachments' titles. ``layout``: how the
    stamps' glyphs and the seal are laid out (through the build's cache: the same stamps are not laid out again)."""
    watermarked: set[int] = set()
    captions: dict[int, str] = {}
    by_id = {a.attachment.id: a for a in attachments}
    for part in parts:
        if part.kind != "attachment":
            continue
        item = by_id[part.id]
        if item.attachment.watermark:
            watermarked.update(range(part.start - 1, part.end))
        if item.reader is not None and item.path.suffix.lower() == ".pdf":
            captions[part.start - 1] = part.title
    numbers = [page_number(n, total) for n in range(1, total + 1)]
    certified = CERTIFIED if seal else f"{CERTIFIED}{TO_SEAL}"
    font = StampFont(numbers[-1:] + [str(n) for n in range(10)] + [WATERMARK, certified] + list(captions.values()),
                     layout=layout)
    emblem = SealEmblem(seal.image, layout=layout) if seal and watermarked else None
    for index, page in enumerate(writer.pages):
        overlays = [Overlay(numbers[index], 0.5, 14, size=9, gray=0.1, plate=True)]
        emblems = []
        if index in watermarked:
            overlays.append(Overlay(WATERMARK, 0.5, 0, size=30, angle=35, gray=0.45, opacity=0.35, y_fraction=0.5))
            overlays.append(Overlay(certified, _CERTIFIED_X, _CERTIFIED_Y, size=13, gray=0.05, plate=True))
            if emblem:
                emblems.append(emblem.at(_CERTIFIED_X, _CERTIFIED_Y + 6))
        if index in captions:
            overlays.append(Overlay(captions[index], 0.04, 20, size=9, align="left", from_top=True, gray=0.3))
        stamp_page(writer, page, overlays, font, emblems)
