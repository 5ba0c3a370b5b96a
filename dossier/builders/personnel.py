"""人员及售后服务管理师名册: headcounts, the 管理师 against the standard's ratio, the staff register
and the other certificates held.

A large register (a company of thousands) would bury the summary, so above ``LARGE_REGISTER``
people the body keeps the summary and the per-department counts, and the full register and the
certificate list move to landscape appendices in compact type. Staff names are shown in full (the
register is the company's own evidence); phone numbers are not shown at all.
"""

from __future__ import annotations

from ..model import Dossier
from ..render.content import Column, Document, Heading, Paragraph, Section, Span, cell, row, table, text
from ..render.formatting import cn_date, dash, iso, num, pct
from ..model.requirements import valid_qualification
from .base import Builder, DocInfo, issued_on
from .blocks import doc_head, joined

#: above this many staff the register and the certificate list go to appendices
LARGE_REGISTER = 300
#: the text widths (mm) the register's and the certificate list's column widths were drawn for
LANDSCAPE_TEXT_MM = 265
PORTRAIT_TEXT_MM = 172
#: the register's columns: header, width (mm of the landscape text width), alignment
REGISTER = (("工号", 12, "left"), ("姓名", 14, "left"), ("性别", 7, "center"), ("部门", 22, "left"),
            ("岗位", 30, "left"), ("人员类别", 15, "left"), ("所在网点", 26, "left"), ("入职日期", 18, "center"),
            ("学历", 10, "center"), ("职称/技能等级", 50, "left"), ("资格证书", 52, "left"))
#: the certificate list's columns: header, width (mm of the portrait text width), alignment
CERTIFICATES = (("序号", 9, "center"), ("证书类别", 28, "left"), ("姓名", 13, "left"), ("部门", 17, "left"),
                ("证书编号", 30, "left"), ("发证机构", 27, "left"), ("发证日期", 19, "center"),
                ("有效期至", 19, "center"), ("状态", 10, "center"))
#: the department table (% of the text width): department, total and 管理师 columns; the category columns
#: share the rest
DEPARTMENT_WIDTHS = (26.0, 9.5, 15.0)
#: the type size (pt) of the register and of the certificate list in the body; the appendices' compact type
REGISTER_SIZE, CERTIFICATES_SIZE, APPENDIX_SIZE = 7.5, 8.0, 7.0
NO_ROWS = "（无）"


def _columns(spec, text_mm: float) -> tuple[Column, ...]:
    return tuple(Column(header, round(100 * mm / text_mm, 2), align) for header, mm, align in spec)


def _valid_until(q) -> str:
    return iso(q.valid_until) if q.valid_until else "长期"


def _certificate(h) -> tuple:
    """The cells every certificate row ends with: number, issuer, issued, valid until, status."""
    q = h.qualification
    return dash(q.number), dash(q.issuer), iso(q.issued), _valid_until(q), h.status


class PersonnelBuilder(Builder):
    id = "personnel"
    title = "人员及售后服务管理师名册"
    reads = ("company", "organisation", "personnel", "outlets")
    weight = 2

    def rows(self, dossier: Dossier) -> int:
        return len(dossier.staff)

    @staticmethod
    def large(d: Dossier) -> bool:
        """Whether the register and the certificate list move to appendices."""
        return d.figures.staff.total > LARGE_REGISTER

    def content(self, d: Dossier, doc: DocInfo) -> Document:
        large = self.large(d)
        company = d.company
        summary = [*doc_head(company.name, doc, f"截至 {cn_date(doc.issued)}"),
                   *self._overview(d), *self._managers(d)]
        sections = []
        if large:
            summary += [Heading("三、人员名册"),
                        Paragraph(text(f"在册员工超过 {LARGE_REGISTER} 人，为便于查阅，正文仅列出上述汇总，人员名册全文"
                                       f"（{num(d.figures.staff.total)} 人）见附录一。名册不列示员工联系电话。"))]
            sections.append(Section(tuple(summary)))
        else:
            sections += [Section(tuple(summary)), Section((
                Heading("三、人员名册"),
                Paragraph(text("在册员工名单如下（按工号顺序；为保护员工个人信息，名册不列示联系电话）。")),
                self._register(d, appendix=False)), page="landscape")]
        sections.append(Section(self._other_certificates(d, large)))
        if large:
            sections += [Section((Heading("附录一　人员名册"), self._register(d, appendix=True)), page="landscape"),
                         Section((Heading("附录二　其他资格证书明细"), self._certificates(d, appendix=True)),
                                 page="landscape")]
        return Document(tuple(sections))

    # -- 一、二 ---------------------------------------------------------------------------------------
    @staticmethod
    def _overview(d: Dossier) -> tuple:
        f, company = d.figures.staff, d.company
        order = {x.id: i for i, x in enumerate(d.departments)}
        departments = sorted(f.departments, key=lambda x: order.get(x.department, len(order)))
        categories = "、".join(f"{c} {num(n)} 人" for c, n in f.by_category)
        department, total, managers = DEPARTMENT_WIDTHS
        columns = (Column("部门", department), Column("合计", total, "right"),
                   *(Column(c, align="right") for c in f.categories), Column("售后服务管理师", managers, "right"))
        rows = [(x.name, num(x.total), *map(num, x.by_category), num(x.certified_managers)) for x in departments]
        rows.append(row("合计", num(f.total), *(num(n) for _, n in f.by_category), num(f.certified_count),
                        kind="total"))
        return (Heading("一、人员概况"),
                Paragraph(text(f"截至{cn_date(issued_on(d))}，{company.name}在册员工共 {num(f.total)} 人，"
                               f"按人员类别分：{categories}。其中服务管理人员 {num(f.service_management)} 人，"
                               f"持有效售后服务管理师证书 {num(f.certified_count)} 人。各部门人员构成见表1。")),
                table(columns, rows, size=8, caption="表1　各部门人员构成（人）。售后服务管理师指持有在有效期内证书的人员。"))

    @staticmethod
    def _managers(d: Dossier) -> tuple:
        f, std = d.figures.staff, d.standard
        rule = std.rule("manager_ratio")
        item = std.item(rule["deducts"]) if rule.get("deducts") else None
        requirement = f"依据{std.code}第 {item.id} 条：{item.text}。" if item else ""
        share = f"，占服务管理人员的 {pct(f.manager_ratio)}" if f.manager_ratio is not None else ""
        verdict = "满足要求" if f.managers_met else f"尚缺 {f.managers_missing} 人，不满足要求"
        columns = (Column("序号", 6, "center"), Column("姓名", 9), Column("部门", 13), Column("岗位", 17),
                   Column("证书编号", 17, nowrap=True), Column("发证机构", 13), Column("发证日期", 10, "center"),
                   Column("有效期至", 10, "center"), Column("状态", align="center"))
        rows = ((i, h.staff.name, h.staff.department_name, h.staff.position, *_certificate(h))
                for i, h in enumerate(f.manager_certificates, 1))
        return (Heading("二、售后服务管理师配置"),
                Paragraph(text(f"{requirement}本公司服务管理人员（人员类别为“{rule['category']}”）共 "
                               f"{num(f.service_management)} 人，按其 {f.manager_ratio_required:g}% 向上取整且不少于 "
                               f"{f.manager_min_count} 人计算，应配备售后服务管理师不少于 {num(f.managers_required)} 人；"
                               f"现持有效证书的售后服务管理师 {num(f.certified_count)} 人{share}，{verdict}。")),
                table(columns, rows, size=8, empty=NO_ROWS,
                      caption=f"售后服务管理师证书复印件见证明材料。“即将到期”指有效期在 {f.expiry_window_days} 天内届满。"))

    # -- 三、四 and the appendices -----------------------------------------------------------------------
    @staticmethod
    def _register(d: Dossier, appendix: bool):
        outlets = {o.id: o.name for o in d.outlets}
        rows = ((s.id, s.name, dash(s.gender), s.department_name, s.position, s.category,
                 dash(outlets.get(s.outlet)), iso(s.hired), dash(s.education), dash(s.title),
                 joined(q.kind for q in s.qualifications)) for s in d.staff)
        return table(_columns(REGISTER, LANDSCAPE_TEXT_MM), rows, size=APPENDIX_SIZE if appendix else REGISTER_SIZE,
                     dense=True, fixed=True)

    @staticmethod
    def _certificates(d: Dossier, appendix: bool):
        rows = ((i, h.qualification.kind, h.staff.name, h.staff.department_name, *_certificate(h))
                for i, h in enumerate(d.figures.staff.other_certificates, 1))
        return table(_columns(CERTIFICATES, PORTRAIT_TEXT_MM), rows,
                     size=APPENDIX_SIZE if appendix else CERTIFICATES_SIZE, dense=appendix, fixed=True, empty=NO_ROWS)

    def _other_certificates(self, d: Dossier, large: bool) -> tuple:
        f = d.figures.staff
        columns = (Column("证书类别"), Column("持证人数", 13, "right"), Column("有效", 13, "right"),
                   Column(f"其中 {f.expiry_window_days} 天内到期", 20, "right"), Column("已过期", 13, "right"))
        rows = ((q.kind, num(q.holders), num(q.valid), num(q.expiring),
                 cell(num(q.expired), mark="bad" if q.expired else None)) for q in f.qualification_counts)
        kinds = "、".join(q.kind for q in f.qualification_counts)
        held = (f"员工持有的其他资格证书（{kinds}）汇总如表2{'，证书明细见附录二' if large else ''}" if kinds
                else "员工未持有其他资格证书")
        blocks = [Heading("四、其他资格证书"),
                  Paragraph(text(f"除售后服务管理师外，{held}。")),
                  table(columns, rows, size=8, empty=NO_ROWS,
                        caption=f"表2　其他资格证书持证情况（人）。有效期按{cn_date(issued_on(d))}判定。"),
                  *_required_qualifications(d)]
        if not large:
            blocks.append(self._certificates(d, appendix=False))
        return tuple(blocks)


def _required_qualifications(d: Dossier) -> tuple:
    """What the trade requires staff to hold, and who does not (yet) hold it valid on the pack's date."""
    trade, day = d.company.trade, issued_on(d)
    blocks = []
    for rule in trade.qualifications if trade else ():
        bound = [s for s in d.staff if rule.applies(s.category, s.position)]
        lacking = [s.name for s in bound if valid_qualification(s, rule, day) is None]
        gap = Span(f"；{'、'.join(lacking)}未持有效证书", mark="bad") if lacking else ""
        blocks.append(Paragraph(text(f"按{rule.basis}，{rule.who}须持有“{rule.kind}”：应持证 {num(len(bound))} 人，"
                                     f"持有效证书 {num(len(bound) - len(lacking))} 人", gap, "。")))
    return tuple(blocks)
