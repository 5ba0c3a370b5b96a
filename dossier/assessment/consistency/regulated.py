"""Products in scope that the law regulates (the trade profile's ``products``) against what the company shows:
the regulation in its legal register, the licence, a qualified technician at each own outlet, and the
complaints about such products at outlets without one."""

from __future__ import annotations

from ...builders.blocks import joined
from ...model import Dossier
from ...model import records as R
from ...standard.trades import ProductRule, trade_profile
from ..findings import ERROR, WARNING, Finding
from . import statements as S

__all__ = ["regulated_products"]

CATEGORY = "consistency"


def _rules(d: Dossier) -> list[tuple[ProductRule, list[int]]]:
    """The profile's product rules that apply, each with the indexes of the products in scope it covers."""
    profile = trade_profile(d.company.trade.profile if d.company.trade else None)
    found = []
    for rule in profile.products:
        covered = [i for i, p in enumerate(d.company.products) if rule.covers(p.category, p.description)]
        if covered:
            found.append((rule, covered))
    return found


def _about(rule: ProductRule, d: Dossier, c: R.Complaint) -> bool:
    """Whether a complaint concerns such a product: it names it, or its product is a category that does."""
    categories = {p.category for p in d.company.products if rule.covers(p.category)}
    return rule.covers(c.product, c.issue, c.project) or c.product in categories


def _qualified(d: Dossier, outlet: R.Outlet, rule) -> bool:
    day = d.submission.date if d.submission else d.company.application.date
    return any(q for ident in outlet.own_staff for q in d.person(ident).qualifications
               if rule.names(q.kind) and not q.expired_on(day))


def _products(d: Dossier, covered: list[int]) -> str:
    return joined(d.company.products[i].category for i in covered)


def _scope(d: Dossier, covered: list[int]) -> tuple:
    return tuple(S.company(d, "products", i) for i in covered)


def regulated_products(d: Dossier) -> list[Finding]:
    findings = []
    for rule, covered in _rules(d):
        what = f"认证范围内的{_products(d, covered)}含{rule.name}"
        for pattern in rule.laws:
            if not any(pattern in law.name for law in d.system.laws):
                findings.append(Finding(
                    CATEGORY, ERROR, rule.name,
                    f"{what}，适用法律法规清单中却没有关于{pattern}的法规。",
                    f"在 service_system.yaml 的 laws 中加入适用的{pattern}法规"
                    f"{f'（如 {rule.law}）' if rule.law else ''}，并在相关程序文件中执行。",
                    (*_scope(d, covered), S.laws(d))))
        for permit in rule.permits:
            if not any(permit.names(p.kind) for p in d.company.permits):
                findings.append(Finding(
                    CATEGORY, ERROR, permit.kind,
                    f"{what}，按{permit.basis}须具备“{permit.kind}”，数据中没有这项许可。",
                    "在 company.yaml 的 permits 中填写该许可（编号、发证机关、有效期）并在 evidence.yaml 中登记扫描件；"
                    f"不提供{rule.name}服务的，从认证范围中删去这些商品。",
                    (*_scope(d, covered), S.company(d, "permits"))))
        for qualification in rule.qualifications:
            findings += _outlets_without(d, rule, qualification, what)
    return findings


def _outlets_without(d: Dossier, rule: ProductRule, qualification, what: str) -> list[Finding]:
    """Own outlets with no technician holding the qualification: an error naming the complaints about such
    products the outlet handled, a warning where it handled none."""
    findings = []
    for outlet in d.outlets:
        if outlet.kind != "自建" or _qualified(d, outlet, qualification):
            continue
        complaints = [c for c in d.complaints.complaints if c.outlet == outlet.id and _about(rule, d, c)]
        lacking = f"{outlet.name}没有持“{qualification.kind}”的人员"
        fix = (f"为{outlet.name}配备持证人员（在 personnel.yaml 中填写其 qualifications），"
               f"或写明该网点的{rule.name}服务由哪个有持证人员的网点承担。")
        if complaints:
            cases = joined(f"{c.id}（{c.issue}）" for c in complaints)
            findings.append(Finding(
                CATEGORY, ERROR, outlet.name,
                f"{what}，按{qualification.basis}须由持证人员安装维修；{lacking}，却处理了关于{rule.name}的投诉 {cases}。",
                fix, (S.outlet(outlet), *(S.complaint(c) for c in complaints))))
        else:
            findings.append(Finding(
                CATEGORY, WARNING, outlet.name,
                f"{what}，按{qualification.basis}须由持证人员安装维修；{lacking}。", fix, (S.outlet(outlet),)))
    return findings
