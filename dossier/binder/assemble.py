"""Assemble the evidence binder: front matter, documents, attachments; then navigation and stamps.

Each part becomes a segment (:mod:`.pieces`), made once and kept in the build cache by what it was made
from, so a rebuild remakes only the parts that changed; the binder is then written from the segments with
what depends on where the parts land (page numbers, links between parts, outline), see :mod:`.output`.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from .. import __version__
from ..assessment.signing import Place
from ..builders import Rendered
from ..model import Dossier
from ..render.links import attachment_of
from .attachments import AttachmentPages
from .cached import Segments
from .front import binder_places, binder_title, start_front
from .index import IndicatorEvidence
from .output import merge_faces, write_binder
from .outline import outline_items
from .parts import Part, attachment_title, document_title
from .pieces import SEAL, STAMP_FONT
from .stamp import Overlay, SealEmblem, StampFont, stamp_data, stamp_operators

__all__ = ["Binder", "assemble_binder", "WATERMARK"]

WATERMARK = "仅供商品售后服务认证申请使用"
#: what a licence copy is certified with, under the company's seal
CERTIFIED, TO_SEAL = "与原件一致", "（盖章）"
#: where: the centre of the words across the page, and their baseline above its bottom edge (points)
_CERTIFIED_X, _CERTIFIED_Y = 0.78, 64
#: how opaque the watermark is drawn
_WATERMARK_OPACITY = 0.35
_OUTLINE = "@outline"


@dataclass(frozen=True)
class Binder:
    data: bytes
    pages: int
    parts: tuple[Part, ...]
    index: tuple[IndicatorEvidence, ...]
    front_anchors: dict
    places: tuple[Place, ...] = ()      # the places to seal or sign, with their pages
    sha256: str = ""

    @property
    def front_pages(self) -> int:
        return self.parts[0].pages


def _parts_of(dossier: Dossier, documents: list[Rendered], attachments: list[AttachmentPages]) -> list[Part]:
    std = dossier.standard
    parts = [Part("document", r.info.id, document_title(r.info), std.document(r.info.id).section,
                  r.pdf.pages, anchors=dict(r.pdf.anchors)) for r in documents]
    parts += [Part("attachment", a.attachment.id, attachment_title(a.attachment),
                   std.attachments_section, len(a.pages)) for a in attachments]
    return parts


def assemble_binder(dossier: Dossier, documents: list[Rendered], attachments: list[AttachmentPages],
                    front_pages: int = 3, cache=None, jobs: int = 1) -> Binder:
    """``front_pages``: the expected length of the front matter (the previous build's), so that it is
    usually laid out once; ``cache``: a build.cache.RenderCache, so that unchanged front matter is not laid
    out at all and unchanged parts are not prepared again; ``jobs``: above 1, front matter that must be laid
    out is laid out in a second process while this one prepares the parts."""
    body = _parts_of(dossier, documents, attachments)
    laying_out = start_front(dossier, body, front_pages, cache, parallel=jobs > 1)
    made = Segments(cache)
    held = {a.attachment.id for a in attachments}
    seal = dossier.company.signing.seal
    segments = []
    for r in documents:
        segments.append(made.document(r.pdf.data, tuple(link for link in r.pdf.links
                                                         if attachment_of(link[2]) in held)))
    for item in attachments:
        segments.append(made.attachment(item, seal is not None, (_WATERMARK_OPACITY,)))
    font, emblem = _stamp_font(attachments, seal, cache)
    objects = {STAMP_FONT: made.stamp_font(font)}
    if emblem is not None:
        objects[SEAL] = made.seal(emblem)

    front, parts, index = laying_out.result()
    segments.insert(0, front.segment)
    total = parts[-1].end
    if sum(len(s.pages) for s in segments) != total:
        raise RuntimeError(f"the binder's parts hold {sum(len(s.pages) for s in segments)} pages, not {total}")
    stamps = _stamps(segments, parts, attachments, total, seal, font, emblem)
    objects[_OUTLINE] = made.outline(outline_items(dossier, parts, index, front.anchors,
                                                   [s.meta.get("outline", []) for s in segments]))
    faces = made.faces(merge_faces(segments + list(objects.values())))
    company = dossier.company
    info = {"/Producer": f"dossier {__version__}", "/Title": f"{company.name} {binder_title(dossier)}",
            "/Author": company.name, "/Subject": f"{dossier.standard.full_title} {dossier.submission.name}",
            "/Keywords": "，".join([dossier.standard.code, "售后服务认证", company.application.target_level]),
            "/Creator": f"dossier {__version__}",
            "/CreationDate": f"D:{dossier.submission.date:%Y%m%d}000000+08'00'",
            "/ModDate": f"D:{dossier.submission.date:%Y%m%d}000000+08'00'"}
    first_pages = {p.id: p.start - 1 for p in parts if p.kind == "attachment"}
    out = io.BytesIO()
    written = write_binder(out, segments, objects, stamps, faces, attachments=first_pages, info=info,
                           outline=_OUTLINE)
    return Binder(out.getvalue(), total, tuple(parts), tuple(index), dict(front.anchors),
                  binder_places(dossier, parts), written.sha256)


def _captioned(item: AttachmentPages) -> bool:
    """Whether an attachment's first page carries its title: a PDF's does (an image's page has its own)."""
    return item.path.suffix.lower() == ".pdf"


def _certified(seal) -> str:
    return CERTIFIED if seal else f"{CERTIFIED}{TO_SEAL}"


def _stamp_font(attachments: list[AttachmentPages], seal, cache):
    """The font of every glyph the stamps draw (any page number: all digits are in), and the seal of the
    licence copies (None when there is no seal, or no watermarked attachment)."""
    render = cache.pdf if cache is not None else None
    captions = [attachment_title(a.attachment) for a in attachments if _captioned(a)]
    font = StampFont(["第 0 页 / 共 0 页"] + [str(n) for n in range(10)] + [WATERMARK, _certified(seal)] + captions,
                     render=render)
    watermarked = any(a.attachment.watermark and a.pages for a in attachments)
    emblem = SealEmblem(seal.image, render=render) if seal and watermarked else None
    return font, emblem


def _stamps(segments, parts: list[Part], attachments: list[AttachmentPages], total: int, seal, font, emblem):
    """Each page's stamp stream: its page number; on a licence copy's pages the watermark and 与原件一致
    under the company's seal (``seal``: its image, or None: room is left to stamp it); PDF attachments'
    titles."""
    watermarked: set[int] = set()
    captions: dict[int, str] = {}
    by_id = {a.attachment.id: a for a in attachments}
    for part in parts:
        if part.kind != "attachment":
            continue
        item = by_id[part.id]
        if item.attachment.watermark:
            watermarked.update(range(part.start - 1, part.end))
        if _captioned(item):
            captions[part.start - 1] = part.title
    numbers = [f"第 {n} 页 / 共 {total} 页" for n in range(1, total + 1)]
    certified = _certified(seal)
    frames = [tuple(frame) for segment in segments for frame in segment.meta["frames"]]
    streams = []
    for index, frame in enumerate(frames):
        overlays = [Overlay(numbers[index], 0.5, 14, size=9, gray=0.1, plate=True)]
        emblems = []
        if index in watermarked:
            overlays.append(Overlay(WATERMARK, 0.5, 0, size=30, angle=35, gray=0.45, opacity=_WATERMARK_OPACITY,
                                    y_fraction=0.5))
            overlays.append(Overlay(certified, _CERTIFIED_X, _CERTIFIED_Y, size=13, gray=0.05, plate=True))
            if emblem:
                emblems.append(emblem.at(_CERTIFIED_X, _CERTIFIED_Y + 6))
        if index in captions:
            overlays.append(Overlay(captions[index], 0.04, 20, size=9, align="left", from_top=True, gray=0.3))
        streams.append(stamp_data(stamp_operators(frame, overlays, font, emblems)))
    return streams
