"""整改报告: each audit finding, its cause, correction, corrective action, owner, dates and evidence."""

from __future__ import annotations

from ..model import Dossier
from .base import Builder


class RectificationBuilder(Builder):
    id = "rectification"
    title = "整改报告"
    reads = ("company", "rectification", "evidence", "personnel")

    def applies(self, dossier: Dossier) -> bool:
        return dossier.rectification is not None and bool(dossier.rectification.findings)

    def context(self, dossier: Dossier) -> dict:
        from . import BUILDERS

        titles = {ident: cls.title for ident, cls in BUILDERS.items()}
        rect = dossier.rectification
        findings = []
        for f in rect.findings:
            findings.append({
                "finding": f,
                "indicator": dossier.standard.indicator(f.indicator),
                "evidence": [dossier.attachment(e) for e in f.evidence],
                "documents": [titles.get(x, x) for x in f.documents],
            })
        closed = [f for f in rect.findings if f.closed is not None]
        return {"audit": rect.audit, "findings": findings, "closed": len(closed),
                "open": len(rect.findings) - len(closed),
                "special": sum(1 for f in rect.findings if f.special_deduction)}
