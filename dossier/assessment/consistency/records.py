"""The records against the procedures they follow: a complaint the customer was not satisfied with handled
again; a satisfaction target missed survey after survey met by a corrective action."""

from __future__ import annotations

from ...model import Dossier
from ...model.figures.complaints import SATISFIED_RESULTS
from ...render.formatting import pct
from ..findings import ERROR, WARNING, Finding
from . import statements as S

__all__ = ["dissatisfied_complaints", "missed_targets"]

CATEGORY = "consistency"


def dissatisfied_complaints(d: Dossier) -> list[Finding]:
    """A complaint closed with the customer not satisfied at the visit and not handled again."""
    findings = []
    for c in d.complaints.complaints:
        if c.visit_result is None or c.visit_result in SATISFIED_RESULTS or c.reprocessed is not None:
            continue
        findings.append(Finding(
            CATEGORY, ERROR, c.id,
            f"投诉 {c.id}（{c.issue}）回访结果为“{c.visit_result}”，没有重新处理的记录，投诉未形成闭环。",
            f"重新处理该投诉并再次回访，在 complaints 中为 {c.id} 填写 reprocessed（重新处理完毕时间）、"
            "reprocess_outcome（重新处理结果）和 revisit_result（再次回访结果）。",
            (S.complaint(c, "visit_result"),)))
    return findings


def _runs(flags: list[bool], length: int) -> list[tuple[int, int]]:
    """The (first, last) indexes of each run of at least ``length`` consecutive true flags."""
    runs, start = [], None
    for i, flag in enumerate([*flags, False]):
        if flag and start is None:
            start = i
        elif not flag and start is not None:
            if i - start >= length:
                runs.append((start, i - 1))
            start = None
    return runs


def _addressed(d: Dossier, name: str, item: str | None, surveys) -> bool:
    """Whether a corrective action names the item: a survey action of those surveys or the next one
    (listing it in ``items``, or naming it), or a rectification finding naming it."""
    for s in surveys:
        if any((item is not None and item in a.items) or name in a.action for a in s.actions):
            return True
    if d.rectification is not None:
        texts = (f.description + f.correction + f.corrective_action for f in d.rectification.findings)
        return any(name in t for t in texts)
    return False


def missed_targets(d: Dossier) -> list[Finding]:
    """An item (or the overall rate) below the satisfaction target in N consecutive surveys (the standard's
    ``consistency.missed_target_surveys``) with no corrective action naming it."""
    sat, figures = d.satisfaction, d.figures.satisfaction.surveys
    length = d.standard.consistency.missed_target_surveys
    series = [("满意率", None, [s.rate for s in figures])]
    series += [(item.name, item.id, [next(i.rate for i in s.items if i.item.id == item.id) for s in figures])
               for item in sat.items]
    findings = []
    for name, item, rates in series:
        for first, last in _runs([r is not None and r < sat.target for r in rates], length):
            surveys = [f.survey for f in figures[first:last + 2]]
            if _addressed(d, name, item, surveys):
                continue
            shown = "、".join(f"{figures[i].survey.period} {pct(rates[i])}" for i in range(first, last + 1))
            target = pct(sat.target, 0 if float(sat.target).is_integer() else 1)
            findings.append(Finding(
                CATEGORY, WARNING, name,
                f"“{name}”连续 {last - first + 1} 次调查低于满意率目标 {target}（{shown}），"
                "调查的改进措施和整改记录中没有针对它的纠正措施。",
                f"针对“{name}”分析原因并制定纠正措施，写入调查的 actions（可用 items: [{item or '…'}] 注明针对的调查项目）。"
                if item else "针对满意率分析原因并制定纠正措施，写入调查的 actions。",
                tuple(S.survey(figures[i].survey) for i in range(first, last + 1))))
    return findings
