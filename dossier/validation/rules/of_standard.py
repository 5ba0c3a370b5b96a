"""Rules that come from the standard and certification practice; parameters and severity are data."""

from __future__ import annotations

from datetime import timedelta

from ...model.dates import months_before
from .context import RuleContext
from ...model.requirements import dated_certificates


def manager_ratio(ctx: RuleContext):
    f = ctx.dossier.figures.staff
    if len(f.certified_managers) >= f.managers_required:
        return
    ratio = ctx.params["ratio"]
    yield ctx.problem(
        ctx.at("personnel", "staff"), "staff",
        f"持有有效{f.qualification}证书的人员 {len(f.certified_managers)} 名，少于{f.service_management} 名"
        f"{ctx.params['category']}人员的 {ratio:.0%}（至少需要 {f.managers_required} 名）；"
        f"请补充取得{f.qualification}证书的人员，或核对人员类别与证书有效期。")


def outlet_staffed(ctx: RuleContext):
    for index, outlet in enumerate(ctx.dossier.outlets):
        if outlet.staff_count == 0:
            hint = ("在 personnel.yaml 中把该网点的人员的 outlet 填为此编号" if outlet.kind == "自建"
                    else "填写合作方服务人员数 partner_staff")
            yield ctx.problem(outlet.loc, ("outlets", index),
                              f"服务网点“{outlet.name}”没有服务人员；请{hint}。")


def _recency(ctx: RuleContext, latest, what: str, file: str, path: tuple, fix: str):
    app = ctx.dossier.company.application.date
    months = ctx.params["months"]
    cutoff = months_before(app, months)
    if latest is None or latest < cutoff:
        when = "没有记录" if latest is None else f"最近一次是 {latest.isoformat()}"
        yield ctx.problem(ctx.at(file, *path), path,
                          f"{what}{when}，早于申请日期（{app.isoformat()}）前 {months} 个月（{cutoff.isoformat()}）；{fix}。")


def survey_recency(ctx: RuleContext):
    surveys = ctx.dossier.satisfaction.surveys
    path = ctx.item_path("satisfaction", "surveys", surveys[-1].id) if surveys else ("surveys",)
    yield from _recency(ctx, ctx.dossier.figures.satisfaction.latest_date, "顾客满意度调查", "satisfaction",
                        path, "请补充近期的满意度调查")


def training_recency(ctx: RuleContext):
    sessions = ctx.dossier.training.sessions
    path = ctx.item_path("training", "sessions", sessions[-1].id) if sessions else ("sessions",)
    yield from _recency(ctx, ctx.dossier.figures.training.latest, "培训", "training", path, "请补充近期的培训记录")


def licence_valid(ctx: RuleContext):
    licence = ctx.dossier.company.licence
    app = ctx.dossier.company.application.date
    if licence.valid_until is not None and licence.valid_until < app:
        yield ctx.problem(licence.loc, "business_licence.valid_until",
                          f"营业执照有效期至 {licence.valid_until.isoformat()}，申请日期 {app.isoformat()} 时已过期；"
                          "请办理换照后更新营业期限和扫描件。")
    if licence.issued > app:
        yield ctx.problem(ctx.at("company", "business_licence", "issued"), "business_licence.issued",
                          f"营业执照发证日期 {licence.issued.isoformat()} 晚于申请日期 {app.isoformat()}；请核对日期。")


def management_representative(ctx: RuleContext):
    role = ctx.params["role"]
    if not ctx.dossier.holders_of(role):
        yield ctx.problem(ctx.at("organisation", "roles"), "roles",
                          f"未任命{role}；请在 roles 中增加一项 role: {role} 并填写任职人员。")


def measurable_objectives(ctx: RuleContext):
    for index, objective in enumerate(ctx.dossier.system.culture.objectives):
        if objective.target is None:
            yield ctx.problem(objective.loc, ("culture", "objectives", index),
                              f"服务目标“{objective.text}”没有可衡量的目标值；请填写 target（如 90）和 unit（如 %）。")


def expiring(ctx: RuleContext):
    """Every dated certificate lapsed or lapsing within the warning window; one the law requires valid is
    warned of while it approaches its end only (its lapse is the error of its own rule), as are the entrusted
    outlets' agreements."""
    d = ctx.dossier
    app = d.company.application.date
    horizon = app + timedelta(days=ctx.params["days"])
    dated = [(c.subject, c.valid_until, c.where, c.required) for c in dated_certificates(d)]
    dated += [(f"网点“{o.name}”的委托合作协议", o.partner.agreement_until,
               ("outlets", "outlets", i, "partner", "agreement_until"), False)
              for i, o in enumerate(d.outlets) if o.partner]
    for what, valid_until, (file, *path), required in dated:
        if valid_until is None or (valid_until < app and required):
            continue
        if valid_until < app:
            yield ctx.problem(ctx.at(file, *path), tuple(path), f"{what}已于 {valid_until.isoformat()} 过期（申请日期 "
                                                                 f"{app.isoformat()}）；请更新证书或移除。")
        elif valid_until <= horizon:
            yield ctx.problem(ctx.at(file, *path), tuple(path), f"{what}将于 {valid_until.isoformat()} 到期，距申请日期"
                                                                 f"不足 {ctx.params['days']} 天；请提前办理续期。")


def headcount_consistent(ctx: RuleContext):
    d = ctx.dossier
    declared = d.company.headcount
    counted = d.figures.staff
    if declared.total != counted.total:
        relation = "少于" if declared.total < counted.total else "多于"
        yield ctx.problem(ctx.at("company", "headcount", "total"), "headcount.total",
                          f"员工总数填写为 {declared.total}，{relation}人员名册中的 {counted.total} 人；认证机构据此核定审核人日，"
                          "请核对人数或补全名册。")
    if declared.service_management != counted.service_management:
        yield ctx.problem(ctx.at("company", "headcount", "service_management"), "headcount.service_management",
                          f"服务管理人员数填写为 {declared.service_management}，人员名册中类别为服务管理的有 "
                          f"{counted.service_management} 人；认证机构按此核算管理师比例，请核对。")
    after_sales = sum(1 for s in d.staff if s.category != "职能支持")
    if declared.after_sales != after_sales:
        yield ctx.problem(ctx.at("company", "headcount", "after_sales"), "headcount.after_sales",
                          f"售后服务人员数填写为 {declared.after_sales}，人员名册中服务管理、服务技术和客户服务类人员共 "
                          f"{after_sales} 人；请核对。")


def system_min_months(ctx: RuleContext):
    app = ctx.dossier.company.application
    months = ctx.params["months"]
    if app.system_start > months_before(app.date, months):
        yield ctx.problem(ctx.at("company", "application", "system_start"), "application.system_start",
                          f"售后服务管理体系自 {app.system_start.isoformat()} 起运行，到申请日期不足 {months} 个月；"
                          "认证机构通常要求体系运行满一定期限，请确认后再申请。")


def culture_training(ctx: RuleContext):
    d = ctx.dossier
    cutoff = months_before(d.company.application.date, 12)
    kind = ctx.params["kind"]
    if not any(s.kind == kind and s.date >= cutoff for s in d.training.sessions):
        yield ctx.problem(ctx.at("training", "sessions"), "sessions",
                          f"近 12 个月没有{kind}类培训（评价指标要求定期开展{kind}培训）；请补充培训记录。")
