"""report.html and report.json: the reviewer's one-look summary of a build.

One self-contained page (inline CSS, the chart drawn with CSS bars, no external requests) with
the self-assessed score by indicator, what is missing and stale, and links into the binder's pages
(``binder.pdf#page=N``). report.json holds the same as data.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from . import __version__
from .assessment import Score, compute_score
from .assessment.completeness import Completeness, check_completeness
from .assessment.export import completeness_data, score_data
from .binder import Binder
from .model import Dossier

__all__ = ["Report", "make_report"]


@dataclass(frozen=True)
class Report:
    html: bytes
    json: bytes


def _pages_of(binder: Binder) -> dict[str, tuple[int, int]]:
    return {p.id: (p.start, p.end) for p in binder.parts if p.kind in ("document", "attachment")}


def _bars(score: Score) -> list[dict]:
    """The score chart as data for plain CSS bars (widths in % of the largest indicator)."""
    rows = [s for s in score.indicators if s.applicable]
    top = max((s.points for s in rows), default=1) or 1
    return [{"label": s.indicator.label, "points": s.points, "awarded": s.awarded,
             "points_width": round(100 * s.points / top, 1), "awarded_width": round(100 * s.awarded / top, 1)}
            for s in rows]


def _data(dossier: Dossier, score: Score, completeness: Completeness, binder: Binder) -> dict:
    return {
        "tool": f"dossier {__version__}", "company": dossier.company.name, "uscc": dossier.company.uscc,
        "standard": dossier.standard.code, "target_level": dossier.company.application.target_level,
        "score": score_data(score), "completeness": completeness_data(completeness),
        "binder": {"file": "binder.pdf", "pages": binder.pages, "evidence_index": [
            {"indicator": e.indicator.id, "name": e.indicator.name, "excluded": e.excluded,
             "evidence": [{"kind": x.kind, "id": x.id, "title": x.title, "pages": [x.first, x.last]}
                          for x in e.entries]} for e in binder.index]},
    }


def make_report(dossier: Dossier, binder: Binder, documents: dict[str, str]) -> Report:
    from .render.html import render_html

    score = compute_score(dossier)
    completeness = check_completeness(dossier, documents)
    data = _data(dossier, score, completeness, binder)
    html = render_html("report.html", {
        "d": dossier, "company": dossier.company, "standard": dossier.standard, "score": score,
        "completeness": completeness, "binder": binder, "pages": _pages_of(binder), "bars": _bars(score),
        "version": __version__})
    return Report(html.encode("utf-8"), (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
