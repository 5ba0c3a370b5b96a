"""report.html and report.json: the reviewer's one-look summary of a build.

One self-contained page (inline CSS, the chart drawn with CSS bars, no external requests) with
the self-assessed score by indicator, what is missing and stale, and links into the binder's pages
(``binder.pdf#page=N``). report.json holds the same as data.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from .. import __version__
from ..assessment.completeness import Completeness, check_completeness
from ..assessment.consistency.places import locator, pages_of_binder, see_parts
from ..assessment.export import completeness_data, score_data
from ..assessment.points import format_points
from ..assessment.score import Score, compute_score
from ..assessment.signing import Place, attachment_places, document_places
from ..binder import Binder
from ..binder.parts import attachment_title, document_title
from ..builders import applicable_builders
from ..builders.evidence import evidence_map
from ..builders._assessment import NO_HITS
from ..builders.self_assessment import SCORE_CHART
from ..model import Dossier
from ..render.html import render_html

__all__ = ["Report", "make_report", "score_of", "completeness_of", "places_of_data", "places_of_build"]


@dataclass(frozen=True)
class Report:
    html: bytes
    json: bytes


#: what a rectification submission's report says instead of the score
NO_SCORE = "整改材料不含自评；自评（预评）得分见认证申请材料的核查与自评报告（dossier score 或申请材料的 report.html）。"

def _pages_of(binder: Binder) -> dict[str, tuple[int, int]]:
    return {p.id: (p.start, p.end) for p in binder.parts if p.kind in ("document", "attachment")}


def _bars(score: Score) -> list[dict]:
    """The score chart as data for plain CSS bars (widths in % of the largest indicator)."""
    rows = [s for s in score.indicators if s.applicable]
    top = max((s.points for s in rows), default=1) or 1
    return [{"label": s.indicator.label, "points": s.points, "awarded": s.awarded,
             "points_width": round(100 * s.points / top, 1), "awarded_width": round(100 * s.awarded / top, 1)}
            for s in rows]


def _data(dossier: Dossier, score: Score | None, completeness: Completeness, binder: Binder) -> dict:
    return {
        "tool": f"dossier {__version__}", "company": dossier.company.name, "uscc": dossier.company.uscc,
        "standard": dossier.standard.code, "target_level": dossier.company.application.target_level,
        "score": score and score_data(score, dossier.standard.scoring), "completeness": completeness_data(completeness),
        "binder": {"file": "binder.pdf", "pages": binder.pages, "evidence_index": [
            {"indicator": e.indicator.id, "name": e.indicator.name, "excluded": e.excluded,
             "evidence": [{"kind": x.kind, "id": x.id, "title": x.title, "pages": [x.first, x.last]}
                          for x in e.entries]} for e in binder.index]},
    }


def score_of(dossier: Dossier) -> Score:
    """The self-assessed score of a company, from the evidence its documents and attachments give."""
    return compute_score(dossier, evidence_map(dossier))


def places_of_data(dossier: Dossier) -> tuple[Place, ...]:
    """The places to seal or sign the company's documents and licence copies will have, without pages (what
    each document says is composed; nothing is laid out)."""
    from ..render.places import places_in

    places: list[Place] = []
    for builder in applicable_builders(dossier):
        info = builder.info(dossier)
        fields = places_in(builder.composed(dossier, info))
        places += document_places(builder.id, document_title(info), {f.anchor: None for f in fields}, None)
    sealed = dossier.company.signing.seal is not None
    for attachment in dossier.attachments:
        places += attachment_places(attachment, attachment_title(attachment), None, sealed)
    return tuple(places)


def places_of_build(dossier: Dossier, manifest: dict) -> tuple[Place, ...]:
    """The places to seal or sign of a build's binder, with their pages, from its manifest."""
    places: list[Place] = []
    for entry in manifest.get("documents", []):
        title = f"{entry['number']:02d}　{entry['title']}"
        places += document_places(entry["id"], title, entry.get("anchors", {}), entry["binder_pages"][0])
    sealed = dossier.company.signing.seal is not None
    attachments = {a.id: a for a in dossier.attachments}
    for entry in manifest.get("attachments", []):
        attachment = attachments.get(entry["id"])
        if attachment is not None:
            first, last = entry["binder_pages"]
            places += attachment_places(attachment, attachment_title(attachment), range(first, last + 1), sealed)
    return tuple(places)


def completeness_of(dossier: Dossier, documents: dict[str, str] | None = None, as_of=None,
                    locate=None, places: tuple[Place, ...] | None = None) -> Completeness:
    """The completeness check of a company; ``documents``: those present (id → title), by default every
    document the company's data gives; ``locate``: where findings' places are (binder pages, data lines);
    ``places``: the places to seal or sign, by default those the data gives (without pages)."""
    if documents is None:
        documents = {b.id: b.title for b in applicable_builders(dossier)}
    if places is None:
        places = places_of_data(dossier)
    return check_completeness(dossier, documents, evidence_map(dossier), as_of=as_of, locate=locate,
                              places=places)


def make_report(dossier: Dossier, binder: Binder, documents: dict[str, str]) -> Report:
    rectifying = dossier.submission is not None and dossier.submission.is_rectification
    score = None if rectifying else score_of(dossier)        # the self-assessment is the application's
    completeness = completeness_of(dossier, documents, locate=locator(pages_of_binder(binder)), places=binder.places)
    data = _data(dossier, score, completeness, binder)
    html = render_html("report.html", {
        "d": dossier, "company": dossier.company, "standard": dossier.standard, "score": score,
        "completeness": completeness, "binder": binder, "pages": _pages_of(binder), "bars": score and _bars(score),
        "chart_label": SCORE_CHART, "no_hits": NO_HITS, "no_score": NO_SCORE, "version": __version__, "points": format_points, "see": see_parts})
    return Report(html.encode("utf-8"), (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
