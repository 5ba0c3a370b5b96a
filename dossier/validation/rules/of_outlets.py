"""Rules of the outlets against the company's own requirements (outlets.yaml ``requirements``): an entrusted
partner evaluated before its agreement and staffed with enough certified technicians, every outlet inspected
as often as the company decided. The list of entrusted staff must agree with the outlets it serves."""

from __future__ import annotations

from .context import RuleContext

_FILE = "outlets"


def _outlet_at(ctx: RuleContext, outlet, *rest):
    path = ctx.item_path(_FILE, "outlets", outlet.id) + rest
    return ctx.at(_FILE, *path), path


# -- consistency -------------------------------------------------------------------------------------

def entrusted_staff(ctx: RuleContext):
    """Entrusted staff serve an entrusted outlet; a stated head count agrees with the staff listed."""
    d = ctx.dossier
    for outlet in (o for o in d.outlets if o.kind != "委托"):
        for person in outlet.entrusted_staff:
            path = ctx.item_path(_FILE, "entrusted_staff", person.id) + ("outlet",)
            yield ctx.problem(ctx.at(_FILE, *path), path,
                              f"委托网点人员{person.name}所在的网点“{outlet.name}”是自建网点；自建网点的人员写在 "
                              "personnel.yaml 中，这里只列委托网点合作方的人员。")
    source = ctx.sources.files[_FILE].data
    for outlet in d.outlets:
        stated = next((o.get("partner_staff") for o in source["outlets"] if o.get("id") == outlet.id), None)
        listed = len(outlet.entrusted_staff)
        if listed and stated is not None and str(stated) != str(listed):
            yield ctx.problem(*_outlet_at(ctx, outlet, "partner_staff"),
                              f"网点“{outlet.name}”的合作方服务人员数填写为 {stated}，entrusted_staff 中列出了 {listed} 人；"
                              "请核对，或删去 partner_staff（不填时按所列人数）。")


# -- rules of the standard (the company's own rules) -----------------------------------------------

def outlet_evaluation(ctx: RuleContext):
    """An entrusted partner was evaluated against the company's entry criteria, passed, before its agreement."""
    d = ctx.dossier
    wanted = d.outlet_requirements
    for outlet in d.outlets:
        if outlet.kind != "委托" or outlet.partner is None:
            continue
        evaluation, start = outlet.partner.evaluation, outlet.partner.agreement_from
        if evaluation is None:
            yield ctx.problem(*_outlet_at(ctx, outlet, "partner"),
                              f"委托网点“{outlet.name}”没有委托前的评审记录；请在 partner.evaluation 中填写评审日期、"
                              "评审人员、各项准入条件的评审结果和结论（须早于合作协议起始日期）。")
            continue
        at = _outlet_at(ctx, outlet, "partner", "evaluation")
        if start is not None and evaluation.date > start:
            yield ctx.problem(*_outlet_at(ctx, outlet, "partner", "evaluation", "date"),
                              f"委托网点“{outlet.name}”的评审日期 {evaluation.date} 晚于合作协议起始日期 {start}："
                              "应先评审合格再签订合作协议。")
        if not evaluation.passed:
            yield ctx.problem(*at, f"委托网点“{outlet.name}”的评审结论为“{evaluation.conclusion}”，却签订了合作协议；"
                                   "请重新评审，或终止委托。")
        judged = {r.criterion for r in evaluation.results}
        for criterion in wanted.criteria:
            if criterion not in judged:
                yield ctx.problem(*at, f"委托网点“{outlet.name}”的评审没有评审准入条件“{criterion}”；"
                                       "请在 results 中填写该条件的评审结果。")
        failed = [r.criterion for r in evaluation.results if not r.met]
        if failed and evaluation.passed:
            yield ctx.problem(*at, f"委托网点“{outlet.name}”的评审条件“{'”“'.join(failed)}”不符合，评审结论却为合格；"
                                   "请核对评审结果和结论。")
        needed = wanted.min_technicians
        if needed is not None and evaluation.technicians is not None and evaluation.technicians < needed:
            yield ctx.problem(*_outlet_at(ctx, outlet, "partner", "evaluation", "technicians"),
                              f"委托网点“{outlet.name}”评审时持证技术人员 {evaluation.technicians} 名，少于本公司准入条件的 "
                              f"{needed} 名，不应评为合格。")


def outlet_technicians(ctx: RuleContext):
    """Each entrusted outlet has as many technicians with a valid certificate as the company requires."""
    d = ctx.dossier
    needed = d.outlet_requirements.min_technicians
    if needed is None:
        return
    day = d.submission.date
    for check in d.figures.outlet_checks:
        outlet = check.outlet
        if outlet.kind != "委托" or len(check.technicians) >= needed:
            continue
        listed = "entrusted_staff 中没有列出该网点的人员" if not outlet.entrusted_staff else (
            f"entrusted_staff 中类别为服务技术、在 {day} 持有有效证书的只有 {len(check.technicians)} 名")
        yield ctx.problem(*_outlet_at(ctx, outlet),
                          f"委托网点“{outlet.name}”的持证技术人员少于本公司准入条件的 {needed} 名（{listed}）；"
                          "请补充人员及其证书，或督促合作方增配持证技术人员。")


def outlet_inspections(ctx: RuleContext):
    """Every outlet was inspected as often as the company's rule for its kind says, in every whole period of
    the reporting window since it (and the service system) started."""
    for check in ctx.dossier.figures.outlet_checks:
        short = [p for p in check.periods if not p.met]
        if not short:
            continue
        rule = check.rule
        kinds = "或".join(rule.kinds)
        detail = "、".join(f"{p.period.name}只有 {p.count} 次" if p.count else f"{p.period.name}没有{kinds}记录"
                          for p in short)
        yield ctx.problem(*_outlet_at(ctx, check.outlet),
                          f"网点“{check.outlet.name}”未达到本公司规定的检查频次（{rule.wording}）：{detail}；"
                          "请补充检查记录（outlets.yaml 的 inspections），或查明原因并采取纠正措施。")
