"""Operating evidence (运行证据): whether the pack shows an indicator being done, not only written down.

An indicator is scored in full only when the pack holds a record of it in the reporting window: a record
document that evidences it (the standard's ``documents:``) and has rows of the records it reports (its
``rows:``) in the window, or an attachment that names it (evidence.yaml ``indicators``, or by its kind)
of a kind that proves operation (the standard's ``operating_evidence``). The manual and the procedures
describe the system; they are not a record of it running. Without operating evidence the indicator is a
hypothesis (假设（待证实）): the score shows its points as 待证实分值 and names the records still needed,
from the indicator's own practice in service_system.yaml (``practices[].records``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Mapping

from ..model import Dossier

__all__ = ["ROWS", "OperatingEvidence", "operating_evidence", "records_needed"]

#: the dated records a record document may report (the standard's ``rows:``), and how many the pack holds
#: (the dossier's records are those of the reporting window), with how a count of them prints
ROWS: dict[str, tuple[Callable[[Dossier], int], str]] = {
    "training_sessions": (lambda d: len(d.training.sessions), "培训 {} 次"),
    "surveys": (lambda d: len(d.satisfaction.surveys), "满意度调查 {} 次"),
    "complaints": (lambda d: len(d.complaints.complaints), "投诉 {} 起"),
    "service_visits": (lambda d: len(d.complaints.visits), "服务回访统计 {} 期"),
    "findings": (lambda d: len(d.rectification.findings) if d.rectification else 0, "整改项 {} 项"),
}


@dataclass(frozen=True)
class OperatingEvidence:
    """What shows an indicator operating: each entry a title with what it holds (投诉及回访汇总（投诉 40 起）)."""

    indicator: str
    entries: tuple[str, ...]
    needed: tuple[str, ...]          # the records that would show it, where it has none

    @property
    def held(self) -> bool:
        return bool(self.entries)


def _document_rows(dossier: Dossier, ident: str) -> str:
    """What a record document holds in the window (培训 12 次、…), or "" when it holds no rows."""
    try:
        spec = dossier.standard.document(ident)
    except KeyError:
        return ""
    counts = [(ROWS[name][0](dossier), ROWS[name][1]) for name in spec.rows]
    return "、".join(shown.format(n) for n, shown in counts if n)


def records_needed(dossier: Dossier, indicator: str) -> tuple[str, ...]:
    """The records that would show ``indicator`` operating: those its practice names (service_system.yaml
    ``practices``), else those of the procedures that name it."""
    for practice in dossier.system.practices:
        if practice.indicator == indicator and practice.records:
            return practice.records
    return tuple(dict.fromkeys(r for p in dossier.system.procedures if indicator in p.indicators
                               for r in p.records))


def operating_evidence(dossier: Dossier, evidence: Mapping[str, tuple]) -> dict[str, OperatingEvidence]:
    """For every second-level indicator, the operating evidence among ``evidence`` (the evidence map)."""
    excluded_kinds = set(dossier.standard.operating_evidence.not_attachment_kinds)
    kinds = {a.id: a.kind for a in dossier.attachments}
    found = {}
    for ident, refs in evidence.items():
        entries = []
        for ref in refs:
            if ref.kind == "document":
                rows = _document_rows(dossier, ref.id)
                if rows:
                    entries.append(f"{ref.title}（{rows}）")
            elif kinds.get(ref.id) not in excluded_kinds:
                entries.append(ref.title)
        found[ident] = OperatingEvidence(ident, tuple(entries),
                                         () if entries else records_needed(dossier, ident))
    return found
