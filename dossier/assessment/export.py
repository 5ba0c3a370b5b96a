"""The assessment as plain data with stable keys: for --json, report.json and scripts."""

from __future__ import annotations

from .completeness import Completeness
from .consistency.places import places_text
from .findings import Place
from .points import round_points
from .score import Score

__all__ = ["score_data", "completeness_data"]


def _number(value, places: int) -> int | float:
    """A JSON number: the value as the documents print it, rounded by :func:`round_points` (JSON has no
    decimal type: the float's repr is the printed decimal; a whole number stays an integer)."""
    rounded = round_points(value, places)
    return int(rounded) if rounded == rounded.to_integral_value() else float(rounded)


def score_data(score: Score, scoring=None) -> dict:
    """The score as data, with how ``scoring`` (the standard's) labels the points (暂定分值: a provisional
    split, not the standard's) and the indicators' scores (预评得分)."""
    def points(value) -> int | float:
        return _number(value, score.places)

    def deduction(value) -> int | float:
        return _number(value, score.deduction_places)

    screening = score.screening
    claim = score.bonus_claim
    return {
        "label": "自评（预评），非认证机构评价结论；正式评分由认证机构按其评分表进行",
        "points_label": scoring.points_label if scoring else "分值",
        "score_label": scoring.score_label if scoring else "得分",
        "points_note": scoring.points_note or None if scoring else None,
        "total": points(score.total),
        "level": score.level.name if score.level else None,
        "level_name": score.level_name,
        "gated_by_special_deductions": score.gated,
        "target_level": score.target.name if score.target else None,
        "reaches_target": score.reaches_target,
        "applicable_points": points(score.applicable_points),
        "earned": points(score.earned),
        "base": points(score.base),
        "special_deductions": [{"reason": s.reason, "source": s.source, "indicator": s.indicator}
                               for s in score.special_deductions],
        "special_bonus": [{"reason": s.reason, "source": s.source} for s in score.special_bonus],
        "bonus_claim": None if claim is None else {
            "reason": claim.reason, "counted": claim.counted, "evidence": list(claim.evidence),
            "benchmark": claim.benchmark or None, "why_not": claim.why_not or None},
        "pending_points": points(score.pending_points),
        "screening": {
            "rules": [{"id": r.rule.id, "name": r.rule.name, "looks_for": r.looks_for,
                       "unscreened": r.unscreened or None} for r in screening.rules],
            "hits": [{"rule": h.rule.name, "complaint": h.complaint.id, "basis": h.basis or None,
                      "finding": h.finding, "status": h.status,
                      "reason": h.answer.reason if h.answer else None} for h in screening.hits],
            "unconfirmed": len(screening.open)},
        "next_level": ({"name": score.next_level.name, "min": score.next_level.min,
                        "gap": points(score.gap)} if score.next_level else None),
        "blockers": [{"indicator": d.indicator, "points": deduction(d.points), "reason": d.reason,
                      "source": d.source} for d in score.blockers],
        "indicators": [{
            "id": s.indicator.id, "name": s.indicator.name, "points": points(s.points), "applicable": s.applicable,
            "exclusion_reason": s.exclusion_reason or None, "awarded": points(s.awarded),
            "deducted": deduction(s.deducted), "pending": points(s.pending), "hypothetical": s.hypothetical,
            "operating_evidence": list(s.operating.entries) if s.operating else [],
            "evidence_needed": list(s.operating.needed) if s.hypothetical else [],
            "deductions": [{"points": deduction(d.points), "reason": d.reason, "source": d.source}
                           for d in s.deductions],
            "evidence": [{"kind": e.kind, "id": e.id, "title": e.title} for e in s.evidence],
        } for s in score.indicators],
    }


def _place(place: Place) -> dict:
    """A statement a finding rests on: what states it, the document (and anchor), the binder pages when the
    check ran on a build, the data file and line when it ran on the data."""
    return {"label": place.label, "document": place.document, "anchor": place.anchor,
            "pages": list(place.pages) if place.pages else None, "file": place.file or None,
            "line": place.line or None}


def completeness_data(result: Completeness) -> dict:
    return {
        "as_of": result.as_of.isoformat(),
        "complete": result.complete,
        "materials": [{"id": m.id, "name": m.name, "required": m.required, "present": m.present,
                       "satisfied_by": list(m.satisfied_by)} for m in result.materials],
        "evidence_counts": result.evidence_counts,
        "findings": [{"category": f.category, "severity": f.severity, "subject": f.subject, "message": f.message,
                      "fix": f.fix, "see": places_text(f.places), "places": [_place(p) for p in f.places]}
                     for f in result.findings],
    }
