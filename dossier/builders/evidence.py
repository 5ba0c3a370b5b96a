"""Which documents and attachments evidence each indicator of the standard (the assessment, the binder's
evidence index and the self-assessment report are given this map)."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Dossier
from ..model.reporting import bound_attachments

__all__ = ["EvidenceRef", "evidence_map"]


@dataclass(frozen=True)
class EvidenceRef:
    kind: str               # "document" or "attachment"
    id: str
    title: str
    anchor: str | None = None   # an anchor inside the document that starts the evidence, if any


def evidence_map(dossier: Dossier) -> dict[str, tuple[EvidenceRef, ...]]:
    """For every second-level indicator, the evidence the dossier holds, documents first."""
    from . import applicable_builders   # the builders of this package, found when it was first imported

    found: dict[str, list[EvidenceRef]] = {ind.id: [] for ind in dossier.standard.indicators}
    for builder in applicable_builders(dossier):
        for ident in builder.evidences(dossier):
            found[ident].append(EvidenceRef("document", builder.id, builder.title,
                                            builder.evidence_anchor(dossier, ident)))
    records, scans = _training_records(dossier), _scans_of_sessions(dossier)
    for attachment in bound_attachments(dossier):
        seen = set()
        for ident in (*attachment.indicators, *dossier.standard.attachment_evidence.get(attachment.kind, ()),
                      *(records if attachment.id in scans else ())):
            indicator = dossier.standard.indicator_of(ident)
            if indicator is not None and indicator.id not in seen:
                seen.add(indicator.id)
                found[indicator.id].append(EvidenceRef("attachment", attachment.id, attachment.title))
    return {ident: tuple(refs) for ident, refs in found.items()}


def _training_records(dossier: Dossier) -> tuple[str, ...]:
    """The indicators whose chapter presents the training (the standard's ``training`` topic): what the scan
    of a session's sign-in sheet or assessment is evidence for."""
    return tuple(ind.id for ind in dossier.standard.indicators if "training" in ind.topics)


def _scans_of_sessions(dossier: Dossier) -> frozenset[str]:
    """The attachments a training session names as its scanned sign-in sheets or assessment papers."""
    return frozenset(e for s in dossier.training.sessions for e in (*s.sign_in_scans, *s.assessment_scans))
