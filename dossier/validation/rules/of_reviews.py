"""Rules of the internal audits and management reviews (reviews.yaml): the records agree with themselves
(consistency, always errors), and the audits and reviews are done as certification practice asks (rules of
the standard, whose severity and parameters are data)."""

from __future__ import annotations

from .context import RuleContext

_FILE = "reviews"


def _where(ctx: RuleContext, key: str, ident: str, *rest):
    path = ctx.item_path(_FILE, key, ident) + rest
    return ctx.at(_FILE, *path), path


def _names(d, idents) -> str:
    return "、".join(d.department(i).name for i in idents)


# -- consistency -------------------------------------------------------------------------------------

def audit_records(ctx: RuleContext):
    """An audit's checklist and findings lie in its scope, its checklist is worked by its auditors on its
    days, and its corrective actions answer its findings after it began."""
    d = ctx.dossier
    for audit in d.reviews.internal_audits:
        team = {audit.leader, *audit.auditors}
        scope_departments, scope_indicators = set(audit.departments), set(audit.indicators)
        for j, row in enumerate(audit.checklist):
            if row.department not in scope_departments:
                yield ctx.problem(*_where(ctx, "internal_audits", audit.id, "checklist", j, "department"),
                                  f"内审 {audit.id} 的检查表检查了部门“{row.department_name}”，它不在本次审核的受审部门"
                                  f"（{_names(d, audit.departments)}）中；请把它加入 departments，或改正检查表。")
            outside = [i for i in row.indicators if i not in scope_indicators]
            if outside:
                yield ctx.problem(*_where(ctx, "internal_audits", audit.id, "checklist", j, "indicators"),
                                  f"内审 {audit.id} 的检查表检查了指标 {'、'.join(outside)}，不在本次审核的指标范围内；"
                                  "请把它们加入 indicators，或改正检查表。")
            if row.auditor not in team:
                yield ctx.problem(*_where(ctx, "internal_audits", audit.id, "checklist", j, "auditor"),
                                  f"内审 {audit.id} 检查表中的审核员{row.auditor_name}不是本次审核组的成员；"
                                  "请把该审核员加入 auditors，或改正检查表。")
            if row.date is not None and not audit.start <= row.date <= audit.end:
                yield ctx.problem(*_where(ctx, "internal_audits", audit.id, "checklist", j, "date"),
                                  f"内审 {audit.id} 检查部门“{row.department_name}”的日期 {row.date} 不在审核日期 "
                                  f"{audit.start} 至 {audit.end} 内。")
        for j, finding in enumerate(audit.findings):
            if finding.department not in scope_departments or finding.indicator not in scope_indicators:
                yield ctx.problem(*_where(ctx, "internal_audits", audit.id, "findings", j),
                                  f"内审不符合项 {finding.id}（{finding.department_name}，{finding.indicator}）不在本次审核的"
                                  "范围内；请核对受审部门和指标。")
        found = {f.id for f in audit.findings}
        for j, action in enumerate(audit.actions):
            if action.finding not in found:
                yield ctx.problem(*_where(ctx, "internal_audits", audit.id, "actions", j, "finding"),
                                  f"纠正措施针对的不符合项“{action.finding}”不在内审 {audit.id} 的不符合项中"
                                  f"（{'、'.join(sorted(found)) or '没有不符合项'}）。")
            if action.due < audit.end:
                yield ctx.problem(*_where(ctx, "internal_audits", audit.id, "actions", j, "due"),
                                  f"纠正措施的完成期限 {action.due} 早于内审 {audit.id} 的结束日期 {audit.end}。")
            if action.closed is not None and action.closed < audit.start:
                yield ctx.problem(*_where(ctx, "internal_audits", audit.id, "actions", j, "closed"),
                                  f"纠正措施的完成日期 {action.closed} 早于内审 {audit.id} 的开始日期 {audit.start}："
                                  "不符合项尚未发现，措施不能已经完成。")


def review_records(ctx: RuleContext):
    """A review is not dated before what it reports (the audits it reviewed), nor its decisions before it."""
    d = ctx.dossier
    for review in d.reviews.management_reviews:
        for index, ident in enumerate(review.audits):
            audit = d.reviews.internal_audit(ident)
            if audit is not None and audit.reported > review.date:
                yield ctx.problem(*_where(ctx, "management_reviews", review.id, "audits", index),
                                  f"管理评审 {review.id} 的日期 {review.date} 早于它评审的内审 {ident} 的报告日期 "
                                  f"{audit.reported}：评审不能报告尚未完成的审核；请核对日期，或从 audits 中去掉该内审。")
        for j, decision in enumerate(review.decisions):
            if decision.due < review.date:
                yield ctx.problem(*_where(ctx, "management_reviews", review.id, "decisions", j, "due"),
                                  f"管理评审 {review.id} 决定的完成期限 {decision.due} 早于评审日期 {review.date}。")
            if decision.closed is not None and decision.closed < review.date:
                yield ctx.problem(*_where(ctx, "management_reviews", review.id, "decisions", j, "closed"),
                                  f"管理评审 {review.id} 决定的完成日期 {decision.closed} 早于评审日期 {review.date}。")


# -- rules of the standard ---------------------------------------------------------------------------

def auditor_qualified(ctx: RuleContext):
    """Every auditor of an internal audit holds a valid certificate whose name holds the rule's word (内审员)."""
    d = ctx.dossier
    word = ctx.params["qualification"]
    for audit in d.reviews.internal_audits:
        for ident in dict.fromkeys((audit.leader, *audit.auditors)):
            person = d.person(ident)
            if any(word in q.kind and not q.expired_on(audit.start) for q in person.qualifications):
                continue
            field = "leader" if ident == audit.leader and ident not in audit.auditors else "auditors"
            yield ctx.problem(*_where(ctx, "internal_audits", audit.id, field),
                              f"内审 {audit.id} 的审核员{person.name}在审核开始日 {audit.start} 没有有效的{word}证书；"
                              f"请由持证的{word}审核，或在 personnel.yaml 中补充其证书。")


def auditor_independent(ctx: RuleContext):
    """No auditor audits the department he works in."""
    d = ctx.dossier
    for audit in d.reviews.internal_audits:
        for j, row in enumerate(audit.checklist):
            if d.person(row.auditor).department == row.department:
                yield ctx.problem(*_where(ctx, "internal_audits", audit.id, "checklist", j, "auditor"),
                                  f"内审 {audit.id} 中审核员{row.auditor_name}审核了本人所在的部门“{row.department_name}”；"
                                  "审核员不应审核自己的工作，请改由其他部门的审核员检查。")


def review_chair(ctx: RuleContext):
    """A management review is chaired by the holder of the rule's role (总经理)."""
    d = ctx.dossier
    role = ctx.params["role"]
    holders = {r.staff for r in d.holders_of(role)}
    for review in d.reviews.management_reviews:
        if review.chair not in holders:
            named = "、".join(r.staff_name for r in d.holders_of(role)) or "未任命"
            yield ctx.problem(*_where(ctx, "management_reviews", review.id, "chair"),
                              f"管理评审 {review.id} 由{review.chair_name}主持，管理评审应由{role}（{named}）主持；"
                              "请核对主持人。")
