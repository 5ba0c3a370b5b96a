"""What the law requires of the company, checked on its application date: the licences its trade requires
it (and its entrusted outlets' partners) to hold, the qualifications its staff must hold (see
:mod:`dossier.standard.trades`). Each breach says where it lies in the data and what to do; validation
reports them as problems, ``check`` as findings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..standard.trades import PermitRule, QualificationRule
from . import records as R

__all__ = ["Breach", "Dated", "required_permits", "required_qualifications", "is_required", "permit_required",
           "breaches", "dated_certificates"]


@dataclass(frozen=True)
class Breach:
    """A licence or qualification the law requires that is missing or lapsed."""

    where: tuple          # (data file, *path) of the value to correct
    subject: str          # who: 本公司, 委托网点“…”的合作方…, 服务技术人员张三
    what: str             # what is wrong, as one clause
    fix: str              # what to do, as one clause
    lapsed: bool = False  # held, but no longer valid (not missing)


def required_permits(dossier, partners: bool = False) -> tuple[PermitRule, ...]:
    """The licences the company must hold (``partners``: those its entrusted outlets' partners must hold)."""
    trade = dossier.company.trade
    rules = trade.permits if trade else ()
    return tuple(rule for rule in rules if (rule.partners if partners else rule.company))


def required_qualifications(dossier, person: R.Staff) -> tuple[QualificationRule, ...]:
    trade = dossier.company.trade
    return trade.qualifications_of(person.category, person.position) if trade else ()


def is_required(dossier, person: R.Staff, qualification: R.Qualification) -> bool:
    return any(rule.names(qualification.kind) for rule in required_qualifications(dossier, person))


def permit_required(dossier, permit: R.Permit, outlet: R.Outlet | None = None) -> bool:
    """Whether the law requires the company (or, given ``outlet``, that entrusted outlet's partner) to hold
    a licence of ``permit``'s kind."""
    if outlet is not None and outlet.kind != "委托":
        return False
    return any(rule.names(permit.kind) for rule in required_permits(dossier, partners=outlet is not None))


def _held(rule: PermitRule, permits: tuple[R.Permit, ...]) -> int | None:
    """The index of the permit of ``rule``'s kind among ``permits``, the one valid longest."""
    matching = [i for i, p in enumerate(permits) if rule.names(p.kind)]
    return max(matching, key=lambda i: permits[i].valid_until or date.max, default=None)


def _permit_breaches(rule: PermitRule, permits, holder: str, where: tuple, fix: str, day: date) -> list[Breach]:
    index = _held(rule, permits)
    if index is None:
        return [Breach(where, holder, f"{holder}没有“{rule.kind}”，按{rule.basis}必须持有", fix)]
    held = permits[index]
    if held.expired_on(day):
        return [Breach((*where, index, "valid_until"), holder,
                       f"{holder}的“{held.kind}”有效期至 {held.valid_until.isoformat()}，申请日期 {day.isoformat()} 时已过期，"
                       f"按{rule.basis}必须持有有效的许可", "请办理延续后更新有效期和扫描件", lapsed=True)]
    return []


def permit_breaches(dossier) -> list[Breach]:
    day = dossier.company.application.date
    found = []
    for rule in required_permits(dossier):
        found += _permit_breaches(rule, dossier.company.permits, "本公司", ("company", "permits"),
                                  "请在 company.yaml 的 permits 中填写许可证信息并在 evidence.yaml 中登记扫描件", day)
    partner_rules = required_permits(dossier, partners=True)
    for index, outlet in enumerate(dossier.outlets):
        if outlet.kind != "委托" or outlet.partner is None:
            continue
        for rule in partner_rules:
            found += _permit_breaches(rule, outlet.partner.permits, f"委托网点“{outlet.name}”的合作方{outlet.partner.name}",
                                      ("outlets", "outlets", index, "partner", "permits"),
                                      "请在该网点 partner 的 permits 中填写合作方的许可证信息", day)
    return found


def valid_qualification(person: R.Staff, rule: QualificationRule, day: date) -> R.Qualification | None:
    """The person's qualification of the rule's kind valid on ``day``, if any."""
    return next((q for q in person.qualifications if rule.names(q.kind) and not q.expired_on(day)), None)


def qualification_breaches(dossier) -> list[Breach]:
    day = dossier.company.application.date
    found = []
    for index, person in enumerate(dossier.staff):
        for rule in required_qualifications(dossier, person):
            if valid_qualification(person, rule, day) is not None:
                continue
            who = f"{rule.title_of(person)}{person.name}"
            lapsed = [(j, q) for j, q in enumerate(person.qualifications) if rule.names(q.kind)]
            if lapsed:
                j, q = max(lapsed, key=lambda pair: pair[1].valid_until)
                found.append(Breach(("personnel", "staff", index, "qualifications", j, "valid_until"), who,
                                    f"{who}的“{q.kind}”已于 {q.valid_until.isoformat()} 过期，按{rule.basis}须持有效证书上岗",
                                    "请安排复审换证后更新有效期，或调整其岗位", lapsed=True))
            else:
                found.append(Breach(("personnel", "staff", index, "qualifications"), who,
                                    f"{who}没有“{rule.kind}”，按{rule.basis}须持证上岗",
                                    "请在其 qualifications 中填写证书，或核对人员类别和岗位"))
    return found


def breaches(dossier) -> list[Breach]:
    """Every licence and qualification the law requires that is missing or lapsed."""
    return permit_breaches(dossier) + qualification_breaches(dossier)


@dataclass(frozen=True)
class Dated:
    """A licence or certificate with an end date, as the expiry checks see it."""

    subject: str           # 营业执照, 许可“…”, 张三的低压电工作业证, 网点“…”合作方的许可“…”, 证明材料“…”
    valid_until: date | None
    where: tuple           # (data file, *path) of its end date
    fix: str               # what to do when it lapses, as check says it
    required: bool         # the law requires it valid: its lapse is an error of its own rule (licence, trade)
    standard: bool = False  # the standard's own qualification (售后服务管理师): check treats a lapse as must-fix


def dated_certificates(dossier) -> list[Dated]:
    """Every dated licence and certificate: the business licence, the licences held, every staff certificate
    of any kind, the entrusted partners' licences, the attachments."""
    company, qualification = dossier.company, dossier.figures.staff.qualification
    items = [Dated("营业执照", company.licence.valid_until, ("company", "business_licence", "valid_until"),
                   "办理换照后更新营业期限和扫描件。", True)]
    items += [Dated(f"许可“{p.kind}”", p.valid_until, ("company", "permits", i, "valid_until"),
                    "办理延续后更新有效期和扫描件。", permit_required(dossier, p))
              for i, p in enumerate(company.permits)]
    items += [Dated(f"{s.name}的{q.certificate}", q.valid_until,
                    ("personnel", "staff", i, "qualifications", j, "valid_until"), "安排复审或换证，并更新人员名册。",
                    is_required(dossier, s, q), q.kind == qualification)
              for i, s in enumerate(dossier.staff) for j, q in enumerate(s.qualifications)]
    items += [Dated(f"网点“{o.name}”合作方的许可“{p.kind}”", p.valid_until,
                    ("outlets", "outlets", i, "partner", "permits", j, "valid_until"),
                    "请合作方办理延续后更新有效期和扫描件。", permit_required(dossier, p, o))
              for i, o in enumerate(dossier.outlets) if o.partner for j, p in enumerate(o.partner.permits)]
    items += [Dated(f"证明材料“{a.title}”", a.valid_until, ("evidence", "attachments", i, "valid_until"),
                    "更新证书及其扫描件。", False) for i, a in enumerate(dossier.attachments)]
    return items
