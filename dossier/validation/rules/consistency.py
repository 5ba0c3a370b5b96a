"""Consistency of the data across fields and files, beyond what one schema can say."""

from __future__ import annotations

from ..validator import parse_boolean
from .context import RuleContext


def responsibilities_complete(ctx: RuleContext):
    d = ctx.dossier
    named = {r.indicator for r in d.responsibilities}
    for indicator in d.standard.indicators:
        if indicator.id not in named and indicator.id not in d.excluded:
            yield ctx.problem(ctx.at("organisation", "responsibilities"), "responsibilities",
                              f"职能分配表缺少指标“{indicator.label}”；请增加一项 indicator: \"{indicator.id}\" "
                              "并指定一个主责部门（lead）。")
    for index, r in enumerate(d.responsibilities):
        if r.lead in r.support:
            yield ctx.problem(ctx.at("organisation", "responsibilities", index, "support"),
                              ("responsibilities", index, "support"),
                              f"部门“{d.department(r.lead).name}”已是指标 {r.indicator} 的主责部门，不能同时列为配合部门。")


def department_tree(ctx: RuleContext):
    d = ctx.dossier
    reported: set[str] = set()
    for index, dept in enumerate(d.departments):
        chain, current = [dept.id], dept.parent
        while current is not None and current not in chain:
            chain.append(current)
            current = d.department(current).parent
        if current == dept.id and dept.id not in reported:   # dept lies on a cycle: report it once
            reported.update(chain)
            names = "→".join(d.department(i).name for i in chain + [dept.id])
            yield ctx.problem(dept.loc, ("departments", index, "parent"),
                              f"部门的上级关系形成了循环（{names}）；请检查 parent。")


def outlet_partner(ctx: RuleContext):
    for index, outlet in enumerate(ctx.dossier.outlets):
        if outlet.kind == "委托" and outlet.partner is None:
            yield ctx.problem(outlet.loc, ("outlets", index, "partner"),
                              f"委托网点“{outlet.name}”须填写合作方信息 partner（名称、合作协议期限）。")
        if outlet.kind == "自建" and outlet.partner is not None:
            yield ctx.problem(outlet.loc, ("outlets", index, "partner"),
                              f"网点“{outlet.name}”为自建网点，不应填写委托合作方；如为委托网点请把 kind 改为 委托。")


def survey_responses(ctx: RuleContext):
    sat = ctx.dossier.satisfaction
    source = ctx.sources.files["satisfaction"]
    items = {item.id for item in sat.items}
    if sat.satisfied_min > sat.scale:
        yield ctx.problem(ctx.at("satisfaction", "satisfied_min"), "satisfied_min",
                          f"视为满意的最低分 {sat.satisfied_min} 大于评分满分 {sat.scale}。")
    for s_index, survey in enumerate(source.data["surveys"]):
        responses = survey["responses"]
        if int(survey["returned"]) > int(survey["issued"]):
            yield ctx.problem(ctx.at("satisfaction", "surveys", s_index, "returned"),
                              ("surveys", s_index, "returned"),
                              f"调查“{survey['period']}”的回收数 {survey['returned']} 大于发放数 {survey['issued']}。")
        if len(responses) > int(survey["returned"]):
            yield ctx.problem(ctx.at("satisfaction", "surveys", s_index, "returned"),
                              ("surveys", s_index, "returned"),
                              f"调查“{survey['period']}”有 {len(responses)} 份答卷，多于回收数 {survey['returned']}；"
                              "请核对回收数。")
        for r_index, response in enumerate(responses):
            for key, value in response["scores"].items():
                path = ("surveys", s_index, "responses", r_index, "scores", key)
                if key not in items:
                    yield ctx.problem(source.locate(path), path,
                                      f"“{key}”不是调查项目；调查项目有：{'、'.join(sorted(items))}。")
                elif int(value) > sat.scale:
                    yield ctx.problem(source.locate(path), path, f"评分 {value} 超出范围：应为 1～{sat.scale}。")


def attendance_unique(ctx: RuleContext):
    """One first attempt per person and session; a re-assessment (retake) only of someone who attended."""
    source = ctx.sources.files["training"]
    rows = source.data["attendance"]
    seen: dict[tuple, int] = {}
    for index, row in enumerate(rows):
        key = (row["session"], row["staff"])
        if _is_retake(row):
            continue
        if key in seen:
            path = ("attendance", index)
            yield ctx.problem(source.locate(path), path,
                              f"人员 {row['staff']} 在培训 {row['session']} 中重复签到（与第 {seen[key] + 1} 条相同）。")
        else:
            seen[key] = index
    for index, row in enumerate(rows):
        if _is_retake(row) and (row["session"], row["staff"]) not in seen:
            path = ("attendance", index)
            yield ctx.problem(source.locate(path), path,
                              f"第 {index + 1} 条是人员 {row['staff']} 在培训 {row['session']} 中的补考记录（retake），"
                              "但没有该人员在这次培训中的首次签到记录；请补上首次签到，或去掉补考标记。")


def _is_retake(row: dict) -> bool:
    """Whether an attendance row, as written, is marked as a re-assessment (a mark that is no 是/否 is
    the schema's error)."""
    try:
        return parse_boolean(row.get("retake", False))
    except ValueError:
        return False


def complaint_visits(ctx: RuleContext):
    for c in ctx.dossier.complaints.complaints:
        path = ctx.item_path("complaints", "complaints", c.id)
        if c.visit_date is not None and c.resolved is None:
            yield ctx.problem(c.loc, path, f"投诉 {c.id} 尚未处理完毕（缺少 resolved），却已填写回访日期。")
        elif c.visit_date is not None and c.visit_date < c.resolved.date():
            yield ctx.problem(c.loc, path, f"投诉 {c.id} 的回访日期 {c.visit_date} 早于处理完毕时间 "
                                           f"{c.resolved:%Y-%m-%d %H:%M}。")
        if c.visit_result is not None and c.visit_date is None:
            yield ctx.problem(c.loc, path, f"投诉 {c.id} 填写了回访结果，但没有回访日期（visit_date）。")


def findings_dates(ctx: RuleContext):
    rect = ctx.dossier.rectification
    if rect is None:
        return
    for index, f in enumerate(rect.findings):
        if f.raised < rect.audit.date:
            yield ctx.problem(ctx.at("rectification", "findings", index, "raised"), ("findings", index, "raised"),
                              f"整改项 {f.id} 的提出日期 {f.raised} 早于审核日期 {rect.audit.date}。")
        if f.due < f.raised:
            yield ctx.problem(ctx.at("rectification", "findings", index, "due"), ("findings", index, "due"),
                              f"整改项 {f.id} 的完成期限 {f.due} 早于提出日期 {f.raised}。")


def licence_attachment(ctx: RuleContext):
    d = ctx.dossier
    ident = d.company.licence.attachment
    if ident and d.attachment(ident).kind != "营业执照":
        yield ctx.problem(ctx.at("company", "business_licence", "attachment"), "business_licence.attachment",
                          f"营业执照扫描件引用了“{d.attachment(ident).title}”，其类别不是“营业执照”；请核对材料编号。")


def revision_trail(ctx: RuleContext):
    system = ctx.dossier.system
    controls = [(("manual", "control"), system.manual.control)]
    controls += [(("procedures", i, "control"), p.control) for i, p in enumerate(system.procedures)]
    for path, control in controls:
        if control.revisions and control.version not in {r.version for r in control.revisions}:
            yield ctx.problem(control.loc, path + ("revisions",),
                              f"文件 {control.code} 的当前版本为 {control.version}，修订记录中却没有该版本；"
                              "请补充修订记录或改正版本号。")


def objective_measure(ctx: RuleContext):
    """An objective has one value: computed from the data for a built-in metric, or measured by the company."""
    for index, objective in enumerate(ctx.dossier.system.culture.objectives):
        if objective.metric and objective.measured:
            path = ("culture", "objectives", index, "measured")
            yield ctx.problem(ctx.at("service_system", *path), path,
                              f"服务目标“{objective.text}”的统计指标 metric（{objective.metric}）由公司运行记录计算，"
                              "不能同时填写实测值 measured；请删除其中之一。")


def judgements(ctx: RuleContext):
    d = ctx.dossier
    for index, j in enumerate(d.self_assessment.judgements):
        path = ("judgements", index)
        points = d.standard.indicator(j.indicator).points
        if j.status == "扣分" and not j.deduction:
            yield ctx.problem(j.loc, path, f"指标 {j.indicator} 自评为扣分，请填写扣分值 deduction。")
        if j.deduction and j.deduction > points:
            yield ctx.problem(j.loc, path + ("deduction",),
                              f"指标 {j.indicator} 的自评扣分 {j.deduction} 超过该指标分值 {points}。")
        if j.status in ("扣分", "删减") and not j.reason:
            yield ctx.problem(j.loc, path, f"指标 {j.indicator} 自评为{j.status}，请填写理由 reason。")
        if j.status == "符合" and j.deduction:
            yield ctx.problem(j.loc, path + ("deduction",), f"指标 {j.indicator} 自评为符合，不应有扣分。")
        yield from _agrees_with_the_application(ctx, j, path)


def _where_excluded(ctx: RuleContext, indicator: str) -> str:
    """The place of the application's exclusion of ``indicator`` (or of the list, where it is not there)."""
    listed = ctx.dossier.company.application.exclusions
    index = next((i for i, e in enumerate(listed) if e.indicator == indicator), None)
    path = ("application", "exclusions") + ((index,) if index is not None else ())
    loc = ctx.at("company", *path)
    return f"{loc.file}:{loc.line}"


def _agrees_with_the_application(ctx: RuleContext, j, path: tuple):
    """The self-assessment may only repeat the application's exclusions (company.yaml is their one source)."""
    excluded = ctx.dossier.excluded
    label = ctx.dossier.standard.indicator(j.indicator).label
    if j.status == "删减" and j.indicator not in excluded:
        yield ctx.problem(j.loc, path + ("status",),
                          f"自评把指标“{label}”写作删减，但申请书的删减说明中没有这一项（{_where_excluded(ctx, j.indicator)}）；"
                          "删减只在 company.yaml 的 application.exclusions 中填写，请在那里增加，或改正自评结论。")
    elif j.status != "删减" and j.indicator in excluded:
        yield ctx.problem(j.loc, path + ("status",),
                          f"指标“{label}”已在申请书中删减（{_where_excluded(ctx, j.indicator)}），自评结论却是“{j.status}”；"
                          "请改为删减，或从 company.yaml 的删减说明中去掉该指标。")


def exclusions_allowed(ctx: RuleContext):
    """Only what the standard file allows may be excluded; some only with a warning."""
    d = ctx.dossier
    for index, e in enumerate(d.company.application.exclusions):
        indicator = d.standard.indicator(e.indicator)
        where = ctx.at("company", "application", "exclusions", index, "indicator")
        path = ("application", "exclusions", index, "indicator")
        if indicator.exclusion == "never":
            yield ctx.problem(where, path, f"指标“{indicator.label}”不能删减：售后服务体系的指标和标准规则要求的指标"
                                           "适用于每一家申请单位；请从删减说明中去掉它。")
        elif indicator.exclusion == "warning":
            yield ctx.problem(where, path, f"删减指标“{indicator.label}”须有充分理由，认证机构可能不予接受；"
                                           "请确认本公司确实不提供这项服务，并在理由中说明由谁提供。", "warning")


def practices_complete(ctx: RuleContext):
    """Every indicator that applies has its arrangement in the manual (an excluded one needs none)."""
    d = ctx.dossier
    given = {p.indicator for p in d.system.practices}
    for indicator in d.standard.indicators:
        if indicator.id not in given and indicator.id not in d.excluded:
            yield ctx.problem(ctx.at("service_system", "practices"), "practices",
                              f"缺少指标“{indicator.label}”的实施安排；请在 practices 中增加一项 "
                              f"indicator: \"{indicator.id}\" 并写明公司的做法（text）。")


def document_control(ctx: RuleContext):
    """Every name of organisation.yaml's ``document_control`` (and the built-in defaults by role) names one
    person, every date given is on or before the submission's, and a document entry names a document that
    is signed off there (the manual and the procedures have their control in service_system.yaml)."""
    d = ctx.dossier
    organisation = ctx.sources.files["organisation"].data
    controlled = {spec.id for spec in d.standard.documents if spec.controlled}
    for index, entry in enumerate((organisation.get("document_control") or {}).get("documents") or ()):
        if isinstance(entry, dict) and entry.get("document") in controlled:
            path = ("document_control", "documents", index, "document")
            yield ctx.problem(ctx.at("organisation", *path), path,
                              f"“{entry['document']}”的编制、审核和批准写在 service_system.yaml 的 control 中，"
                              "不在这里写。")
    for unresolved in d.unresolved_approvals:
        yield ctx.problem(ctx.at("organisation", *unresolved.path), unresolved.path, unresolved.message)
