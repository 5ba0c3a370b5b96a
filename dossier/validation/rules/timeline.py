"""Dates that must all be true at once: each pack's evidence no later than its submission, each controlled
document's text no later than the edition that says it, and the audit after the application."""

from __future__ import annotations

import re
from datetime import date

from ...model.editions import control_on
from ...model.reporting import bound_attachments
from .context import RuleContext

__all__ = ["evidence_in_time", "controlled_text_in_time", "submissions_in_order", "dates_mentioned"]

_CN_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?")
_ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")


def dates_mentioned(text: str) -> list[tuple[str, date]]:
    """The dates a text names (2026年7月, 2026年7月5日, 2026-07-05), each as written and as its first
    possible day (a month named alone: its first day)."""
    found = []
    for pattern in (_CN_DATE, _ISO_DATE):
        for match in pattern.finditer(text):
            year, month, day = int(match.group(1)), int(match.group(2)), int(match.group(3) or 1)
            try:
                found.append((match.group(0), date(year, month, day)))
            except ValueError:
                continue
    return found


def _pack(ctx: RuleContext) -> str:
    s = ctx.dossier.submission
    return f"{s.name}（{s.date.isoformat()}提交）"


def evidence_in_time(ctx: RuleContext):
    """No attachment of a pack is dated after the pack is sent."""
    d = ctx.dossier
    day = d.submission.date
    where = {a.id: i for i, a in enumerate(d.attachments)}
    for attachment in bound_attachments(d):
        if attachment.issued and attachment.issued > day:
            fix = ("整改证据请在 rectification.yaml 相应整改项的 evidence 中列出，它只编入整改材料"
                   if not d.submission.is_rectification else "请核对日期，或推迟整改材料的提交日期（rectification.yaml submitted）")
            path = ("attachments", where[attachment.id], "issued")
            yield ctx.problem(ctx.at("evidence", *path), path,
                              f"证明材料 {attachment.id}“{attachment.title}”的日期 {attachment.issued.isoformat()} "
                              f"晚于{_pack(ctx)}；{fix}。")


def _manual_texts(system) -> list[tuple[tuple, str]]:
    texts = [(("manual", "promulgation"), system.manual.promulgation)]
    texts += [(("practices", i, "text"), p.text) for i, p in enumerate(system.practices)]
    return texts


def _procedure_texts(index: int, procedure) -> list[tuple[tuple, str]]:
    base = ("procedures", index)
    texts = [(base + ("purpose",), procedure.purpose), (base + ("scope",), procedure.scope)]
    texts += [(base + ("responsibilities", i, "duty"), r.duty) for i, r in enumerate(procedure.responsibilities)]
    texts += [(base + ("steps", i, "text"), s.text) for i, s in enumerate(procedure.steps)]
    return texts


def controlled_text_in_time(ctx: RuleContext):
    """A controlled document cannot tell of a month after the edition that says it was issued (or after the
    day it takes effect, which it may name): its content changed since, without a new revision."""
    d = ctx.dossier
    system = d.system
    documents = [(f"《{system.manual.title}》", ("manual", "control"), system.manual.control, _manual_texts(system))]
    documents += [(f"《{p.title}》", ("procedures", i, "control"), p.control, _procedure_texts(i, p))
                  for i, p in enumerate(system.procedures)]
    for name, control_path, control, texts in documents:
        edition = control_on(control, d.submission.date) or control
        for path, text in texts:
            later = [(shown, day) for shown, day in dates_mentioned(text) if day > max(edition.issued, edition.effective)]
            if later:
                shown = "、".join(s for s, _ in later)
                yield ctx.problem(ctx.at("service_system", *path), path,
                                  f"{name}{edition.version} 版发布于 {edition.issued.isoformat()}，这段内容却写到了 {shown}："
                                  f"内容在发布后有变化，须发布新的修订（在 {'.'.join(map(str, control_path))} 中增加修订记录，"
                                  "更新 version 和 issued），或改写这段内容。")


def submissions_in_order(ctx: RuleContext):
    """The reporting window ends by the application; the audit comes after the application; the
    rectification is sent after the findings it reports are closed."""
    d = ctx.dossier
    app = d.company.application
    if app.reporting_period is not None and app.reporting_period.end > app.date:
        path = ("application", "reporting_period", "end")
        yield ctx.problem(ctx.at("company", *path), path,
                          f"统计期截止日期 {app.reporting_period.end.isoformat()} 晚于申请日期 {app.date.isoformat()}；"
                          "申请材料只能统计申请日期之前的记录。")
    rect = d.rectification
    if rect is None:
        return
    if rect.audit.date < app.date:
        yield ctx.problem(ctx.at("rectification", "audit", "date"), ("audit", "date"),
                          f"审核日期 {rect.audit.date.isoformat()} 早于申请日期 {app.date.isoformat()}（company.yaml）；请核对。")
    if rect.submitted is None:
        return
    for index, f in enumerate(rect.findings):
        if f.closed and f.closed > rect.submitted:
            path = ("findings", index, "closed")
            yield ctx.problem(ctx.at("rectification", *path), path,
                              f"整改项 {f.id} 的关闭日期 {f.closed.isoformat()} 晚于整改材料的提交日期 "
                              f"{rect.submitted.isoformat()}（submitted）；请核对。")
