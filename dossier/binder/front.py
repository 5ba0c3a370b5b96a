"""The binder's front matter: cover, 申请材料核查表, 目录 and 指标证据索引, with the binder pages of every part.

Its page numbers depend on its own length, so it is laid out for a guessed length (the previous build's)
and again only when the guess was wrong; the PDF is written once, from the layout that fits. When the
same front matter was laid out before (its HTML unchanged), the cache's PDF is used, with no layout.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from ..assessment.completeness import check_completeness
from ..assessment.signing import Place, attachment_places, document_places, signing_summary
from ..builders.evidence import evidence_map
from ..model import Dossier
from ..render.formatting import cn_date
from .index import IndicatorEvidence, evidence_index
from .forked import Forked
from .parts import Part, place
from .pieces import FORMAT, front_segment
from .segment import Segment

__all__ = ["FRONT_TITLE", "Front", "binder_title", "binder_places", "render_front", "start_front"]

FRONT_TITLE = "封面、目录、指标证据索引"
_FRONT_ID = "front"
#: layouts tried before giving up on a front matter whose length does not settle
_ATTEMPTS = 5


def binder_title(dossier: Dossier) -> str:
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
    return {"title": binder_title(dossier), "cover": _cover_rows(dossier), "submission": dossier.submission,
            "company": dossier.company, "standard": std, "sections": sections,
            "groups": groups, "total_pages": total, "binder_number": _binder_number(dossier),
            "materials": _materials(dossier, parts)}


def _layout(html: str, root):
    """The weasyprint layout of ``html``, as render.pdf.html_to_pdf lays it out (same fetcher, same base)."""
    from weasyprint import HTML

    from ..render.fetcher import SafeFetcher
    from ..render.html import HTML_TEMPLATES

    fetcher = SafeFetcher([HTML_TEMPLATES, root])
    return HTML(string=html, base_url=HTML_TEMPLATES.as_uri() + "/", url_fetcher=fetcher).render()


@dataclass(frozen=True)
class Front:
    """The laid-out front matter: its segment, pages and the pages of its anchors (0-based)."""

    segment: Segment
    pages: int
    anchors: dict


def _front(layout, html: str) -> Front:
    """The front matter of a layout that fits, as a segment. weasyprint writes it uncompressed: compressing
    the fonts it embeds costs more than laying the pages out, and the binder replaces them by its merged
    faces; the segment compresses what it keeps."""
    identifier = hashlib.sha256(html.encode("utf-8")).hexdigest()[:32].encode("ascii")
    data = layout.write_pdf(pdf_identifier=identifier, uncompressed_pdf=True)
    anchors: dict[str, int] = {}
    for number, page in enumerate(layout.pages):
        for name in page.anchors:
            anchors.setdefault(name, number)
    return Front(front_segment(data, {"pages": len(layout.pages), "anchors": anchors}), len(layout.pages), anchors)


def _cached(cache, html: str) -> Front | None:
    if cache is None:
        return None
    segment = cache.get(_cache_name(cache, html), Segment.decode)
    if segment is None:
        return None
    return Front(segment, segment.meta["pages"], dict(segment.meta["anchors"]))


def _cache_name(cache, html: str) -> str:
    return f"front-{cache.key(FORMAT, 'front', html)}.bin"


def start_front(dossier: Dossier, body: list[Part], guess: int, cache=None, parallel: bool = False):
    """``render_front``'s result, from the cache at once, or laid out in a forked process when
    ``parallel`` (call ``.result()`` for it: (Front, parts, index))."""
    pages = max(1, guess)
    parts, index, html = _attempt(dossier, body, pages)
    front = _cached(cache, html)
    if front is not None and front.pages == pages:
        return _Ready((front, parts, index))
    if not parallel:
        return _Ready(render_front(dossier, body, guess, cache))
    return _Child(dossier, body, guess, cache)


class _Ready:
    def __init__(self, value):
        self._value = value

    def result(self):
        return self._value


class _Child:
    """The front matter laid out in a forked process; the cache entries it made are added to ``cache``."""

    def __init__(self, dossier: Dossier, body: list[Part], guess: int, cache):
        self._dossier, self._body, self._cache = dossier, body, cache
        known = set(cache.entries) if cache is not None else set()

        def work():
            front, _parts, _index = render_front(dossier, body, guess, cache)
            made = {k: v for k, v in cache.entries.items() if k not in known} if cache is not None else {}
            return front.segment.encode(), made

        self._forked = Forked(work)

    def result(self):
        data, made = self._forked.result()
        if self._cache is not None:
            self._cache.entries.update(made)
        segment = Segment.decode(data)
        front = Front(segment, segment.meta["pages"], dict(segment.meta["anchors"]))
        parts, index, _html = _attempt(self._dossier, self._body, front.pages)
        return front, parts, index


def _attempt(dossier: Dossier, body: list[Part], pages: int):
    """The parts placed after a front matter of ``pages`` pages, the evidence index, and the front
    matter's HTML for them."""
    from ..render.html import render_html

    parts = place([Part("front", _FRONT_ID, FRONT_TITLE, "", pages)] + body)
    index = evidence_index(dossier, parts)
    return parts, index, render_html("binder_front.html", _front_context(dossier, parts[1:], index, parts[-1].end))


def render_front(dossier: Dossier, body: list[Part], guess: int, cache=None):
    """The front matter laid out to fit (see the module docstring), the parts placed after it, and the
    evidence index: (Front, parts, index). ``cache``: a build.cache.RenderCache, or None."""
    pages = max(1, guess)
    for _ in range(_ATTEMPTS):
        parts, index, html = _attempt(dossier, body, pages)
        front = _cached(cache, html)
        if front is not None and front.pages == pages:
            return front, parts, index
        layout = _layout(html, dossier.root)
        if len(layout.pages) == pages:
            front = _front(layout, html)
            if cache is not None:
                cache.put(_cache_name(cache, html), front.segment.encode())
            return front, parts, index
        pages = len(layout.pages)
    raise RuntimeError("front matter page count does not settle")
