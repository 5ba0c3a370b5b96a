"""售后服务网点清单: every outlet, own or entrusted, with staff, coverage and partners; the entrusted outlets'
staff and certificates and their evaluation before the agreement; the inspections of every outlet against
the company's own frequency."""

from __future__ import annotations

from ..model import Dossier
from ..render.content import Column, Document, Heading, Paragraph, Row, Span, cell, kv_table, table, text
from ..render.formatting import cn_date, dash, iso, num
from ..render.links import attachment_link
from ._objectives import verdict
from .base import Builder, DocInfo
from .blocks import doc_head, joined, numbered

def _scan(ident: str | None):
    """An attachment's id, linked to its page in the binder (— when there is none)."""
    return Span(ident, link=attachment_link(ident)) if ident else "—"


def _partners(entrusted) -> list:
    if not entrusted:
        return [Paragraph(text("本公司全部网点均为自建网点，无委托网点。"))]
    return [table(
        (Column("序号", 5, "center"), Column("网点", 20), Column("合作方", 25),
         Column("统一社会信用代码", 22, nowrap=True), Column("协议期限", align="center"),
         Column("服务人员", 9, "right")),
        ((i, o.name, o.partner.name, dash(o.partner.uscc),
          f"{iso(o.partner.agreement_from)} 至 {iso(o.partner.agreement_until)}", o.partner_staff)
         for i, o in enumerate(entrusted, 1)), size=8),
        Paragraph(text("委托网点由合作方按本公司售后服务规范提供服务，本公司对其服务质量实施监督考核。"), "note")]


def _staff(d: Dossier, entrusted) -> list:
    """Each entrusted outlet's staff under its name, one row per certificate (the scans' column where any
    certificate has a scan), and its certified technicians against the company's criterion."""
    checks = {c.outlet.id: c for c in d.figures.outlet_checks}
    needed = d.outlet_requirements.min_technicians
    scans = any(q.attachment for o in entrusted for p in o.entrusted_staff for q in p.qualifications)
    widths = (10, 20, 10, 20, 18, 12) if scans else (11, 22, 11, 22, 21, 13)
    columns = tuple(Column(header, width, align) for header, width, align in zip(
        ("姓名", "岗位", "人员类别", "资格证书", "证书编号", "有效期至"), widths,
        ("center", "left", "center", "left", "left", "center"))) + ((Column("扫描件", 10, "center"),) if scans else ())
    rows, notes = [], []
    for o in entrusted:
        if not o.entrusted_staff:
            notes.append(text(Span(f"{o.name}：未列出合作方服务人员。", mark="bad")))
            continue
        rows.append(Row((cell(o.name, span=len(columns)),), "group"))
        for person in o.entrusted_staff:
            for index, q in enumerate(person.qualifications or (None,)):
                first = index == 0
                values = [person.name if first else "", person.position if first else "",
                          person.category if first else "", q.kind if q else "—",
                          q.number if q and q.number else "—", iso(q.valid_until) if q else "—"]
                if scans:
                    values.append(_scan(q.attachment if q else None))
                rows.append(Row(tuple(cell(v) for v in values), "first" if first else "body"))
        technicians = len(checks[o.id].technicians) if o.id in checks else 0
        criterion = ("" if needed is None else
                     text(f"（本公司准入条件不少于 {needed} 名），", verdict(technicians >= needed, "符合", "不符合")))
        notes.append(text(f"{o.name}：合作方服务人员 {len(o.entrusted_staff)} 名，其中持有有效证书的技术人员 "
                          f"{technicians} 名", criterion, "。"))
    blocks = [Paragraph(text(f"持证情况截至 {cn_date(d.submission.date)}；持证技术人员指类别为服务技术、持有有效资格证书的人员。"),
                        "note")]
    if rows:
        blocks.append(table(columns, rows, size=8, fixed=True))
    return blocks + [Paragraph(note, "plain") for note in notes]


def _evaluation(d: Dossier, o) -> list:
    e = o.partner.evaluation
    if e is None:
        return [Paragraph(text(f"{o.name}：", Span("未见委托前评审记录。", mark="bad")))]
    start = o.partner.agreement_from
    before = start is None or e.date <= start
    dated = text(cn_date(e.date), "" if before else ("，", Span("晚于合作协议起始日期", mark="bad")))
    head = kv_table((("合作方", o.partner.name, "wide"), ("评审日期", dated), ("合作协议起始日期", cn_date(start)),
                     ("评审人员", joined(e.evaluator_names)),
                     ("评审结论", text(verdict(e.passed, e.conclusion, e.conclusion),
                                   ("（评审表 ", _scan(e.record), "）") if e.record else None))), size=8.5)
    wanted = d.outlet_requirements
    judged = {r.criterion: r for r in e.results}
    rows = [(r.criterion, dash(r.note), verdict(r.met, "符合", "不符合")) for r in e.results]
    rows += [(c, "—", text(Span("未评审", mark="bad"))) for c in wanted.criteria if c not in judged]
    if wanted.min_technicians is not None and e.technicians is not None:
        rows.append((f"持证技术人员不少于 {wanted.min_technicians} 名", f"评审时持证技术人员 {e.technicians} 名",
                     verdict(e.technicians >= wanted.min_technicians, "符合", "不符合")))
    criteria = table((Column("评审条件", 30), Column("评审情况", 56), Column("结论", 14, "center")), rows, size=8.5,
                     fixed=True, empty="（未记录各项条件的评审结果）")
    return [Heading(o.name, 3), head, criteria]


def _period_label(period, every: str) -> str:
    """A period's name in a narrow column: a month by its number (the years are in the row above the
    outlets), a longer period with its year on a line of its own (2026年 / 第三季度)."""
    if every == "月":
        return f"{period.start.month}月"
    year, _, rest = period.name.partition("年")
    return f"{year}年\n{rest}" if rest else period.name


def _frequency(checks) -> list:
    """One table per kind of period the rules use: under each rule, its outlets' inspections in every period
    they were due (— before an outlet started), counts short of the rule marked."""
    tables = []
    for every in dict.fromkeys(c.rule.every for c in checks):
        group = [c for c in checks if c.rule.every == every]
        # in data order, not a set's: the periods' dates are read while sorting, in the order they come
        periods = sorted(dict.fromkeys(p.period for c in group for p in c.periods), key=lambda p: p.start)
        if not periods:
            continue
        width = 64 / len(periods)
        columns = ((Column("网点", 24),) + tuple(Column(_period_label(p, every), width, "center") for p in periods)
                   + (Column("结论", 12, "center"),))
        rows = []
        for rule in dict.fromkeys(c.rule for c in group):
            due = [p.period for c in group if c.rule == rule for p in c.periods]
            span = f"{min(due, key=lambda p: p.start).name}至{max(due, key=lambda p: p.start).name}" if due else ""
            rows.append(Row((cell(f"{rule.wording}（{span}）" if span else rule.wording, span=len(columns)),), "group"))
            for c in (c for c in group if c.rule == rule):
                counts = {p.period: p for p in c.periods}
                cells = [cell(c.outlet.name)]
                for period in periods:
                    found = counts.get(period)
                    cells.append(cell("—") if found is None
                                 else cell(str(found.count), mark=None if found.met else "bad"))
                cells.append(cell(verdict(not c.missed, "达到要求", "未达到") if c.periods else "—"))
                rows.append(Row(tuple(cells)))
        tables.append(table(columns, rows, size=8 if len(periods) <= 6 else 7.5, dense=len(periods) > 6, fixed=True))
    return tables


def _inspections(d: Dossier) -> list:
    checks = [c for c in d.figures.outlet_checks if c.rule is not None]
    blocks = []
    rules = d.outlet_requirements.inspections
    if rules:
        blocks.append(Paragraph(text(f"本公司规定：{'；'.join(r.wording for r in rules)}。下表为统计期内每个完整周期的检查次数"
                                     "（网点或售后服务体系在周期中途开始运行的，自下一个周期起计；— 为网点尚未开始运行）。")))
    blocks += _frequency(checks)
    names = {o.id: o.name for o in d.outlets}
    records = any(i.record for i in d.inspections)
    columns = (Column("检查日期", 12, "center"), Column("网点", 21), Column("方式", 9, "center"),
               Column("检查人", 9, "center"), Column("得分", 7, "right"), Column("发现的问题", 33 if records else 42)) + (
        (Column("检查表", 9, "center"),) if records else ())
    log = table(columns, ((iso(i.date), names[i.outlet], i.kind, i.inspector_name,
                           num(i.score, 0) if i.score is not None else "—", dash(i.findings))
                          + ((_scan(i.record),) if records else ()) for i in d.inspections),
                size=8, fixed=True, empty="（统计期内没有网点检查记录）")
    return blocks + [Paragraph(text(f"检查记录（共 {len(d.inspections)} 次）："), "lead"), log]


class OutletsBuilder(Builder):
    id = "outlets"
    title = "售后服务网点清单"
    reads = ("company", "outlets", "personnel", "rectification")

    def rows(self, dossier: Dossier) -> int:
        return len(dossier.inspections) + sum(len(o.entrusted_staff) for o in dossier.outlets)

    def content(self, d: Dossier, doc: DocInfo) -> Document:
        company, f = d.company, d.figures.outlets
        entrusted = [o for o in d.outlets if o.partner is not None]
        overview = table(
            (Column("序号", 5, "center"), Column("网点名称", 17), Column("性质", 6, "center"), Column("地址"),
             Column("电话", 13, nowrap=True), Column("负责人", 8, "center"), Column("人数", 6, "right"),
             Column("服务范围", 17)),
            [*((i, o.name, o.kind, o.address, o.phone, dash(o.manager_name), o.staff_count, o.coverage)
               for i, o in enumerate(d.outlets, 1)),
             Row((cell("合计", span=6, align="center"), cell(f.staff), cell(""))), ], size=8)
        services = table(
            (Column("序号", 5, "center"), Column("网点名称", 22), Column("设立日期", 14, "center"),
             Column("面积", 12, "right"), Column("服务项目")),
            ((i, o.name, iso(o.opened), f"{num(o.area_m2)} ㎡" if o.area_m2 else "—", joined(o.services))
             for i, o in enumerate(d.outlets, 1)), size=8)
        parts = [("网点一览", [overview]), ("服务项目与设施", [services]), ("委托网点合作方", _partners(entrusted))]
        if entrusted:
            parts += [("委托网点人员及资格证书", _staff(d, entrusted)),
                      ("委托网点评审", [block for o in entrusted for block in _evaluation(d, o)])]
        if d.inspections or d.outlet_requirements.inspections:
            parts.append(("网点检查", _inspections(d)))
        blocks = [*doc_head(company.name, doc, f"截至 {cn_date(doc.issued)}"),
                  Paragraph(text(f"{company.name}共设售后服务网点 {f.total} 个，其中自建网点 {f.own} 个、委托网点 "
                                 f"{f.entrusted} 个，分布于{joined(f.regions)}，网点服务人员合计 {f.staff} 人，"
                                 f"服务区域覆盖{joined(company.service_area)}。"))]
        for title, (_name, part) in zip(numbered(name for name, _ in parts), parts):
            blocks += [Heading(title), *part]
        return Document.of(*blocks)
