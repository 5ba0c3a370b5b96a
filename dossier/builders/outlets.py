"""售后服务网点清单: every outlet, own or entrusted, with staff, coverage and partners."""

from __future__ import annotations

from ..model import Dossier
from ..render.content import Column, Document, Heading, Paragraph, Row, cell, table, text
from ..render.formatting import cn_date, dash, iso, num
from .base import Builder, DocInfo
from .blocks import doc_head, joined


class OutletsBuilder(Builder):
    id = "outlets"
    title = "售后服务网点清单"
    reads = ("company", "outlets", "personnel")

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
        blocks = [*doc_head(company.name, doc, f"截至 {cn_date(doc.issued)}"),
                  Paragraph(text(f"{company.name}共设售后服务网点 {f.total} 个，其中自建网点 {f.own} 个、委托网点 "
                                 f"{f.entrusted} 个，分布于{joined(f.regions)}，网点服务人员合计 {f.staff} 人，"
                                 f"服务区域覆盖{joined(company.service_area)}。")),
                  Heading("一、网点一览"), overview, Heading("二、服务项目与设施"), services,
                  Heading("三、委托网点合作方")]
        if entrusted:
            blocks += [table(
                (Column("序号", 5, "center"), Column("网点", 20), Column("合作方", 25),
                 Column("统一社会信用代码", 22, nowrap=True), Column("协议期限", align="center"),
                 Column("服务人员", 9, "right")),
                ((i, o.name, o.partner.name, dash(o.partner.uscc),
                  f"{iso(o.partner.agreement_from)} 至 {iso(o.partner.agreement_until)}", o.partner_staff)
                 for i, o in enumerate(entrusted, 1)), size=8),
                Paragraph(text("委托网点由合作方按本公司售后服务规范提供服务，本公司对其服务质量实施监督考核。"), "note")]
        else:
            blocks.append(Paragraph(text("本公司全部网点均为自建网点，无委托网点。")))
        return Document.of(*blocks)
