"""认证申请书: the applicant, the scope, the people and outlets, exclusions, and the declaration."""

from __future__ import annotations

from ..model import Dossier
from ..render.content import Box, Column, Document, Heading, Paragraph, Signatures, kv_table, paragraphs, table, text
from ..render.formatting import cn_date, dash, iso
from ..standard.trades import GENERIC
from .base import Builder, DocInfo
from .blocks import doc_head, joined
from .signing import seal_field, signature_field


def service_model(own: int, entrusted: int) -> str:
    """How the after-sales service is delivered, in the words certification bodies use."""
    if entrusted == 0:
        return "全直属（全部为自建服务网点）"
    if own == 0:
        return "全委托（全部委托合作方服务）"
    return f"部分委托（自建 {own} 个、委托 {entrusted} 个服务网点）"


class ApplicationFormBuilder(Builder):
    id = "application_form"
    title = "商品售后服务评价体系认证申请书"
    reads = ("company", "organisation", "personnel", "outlets", "self_assessment")

    def content(self, d: Dossier, doc: DocInfo) -> Document:
        c, a, std, f = d.company, d.company.application, d.standard, d.figures
        contact = c.contact.name + (f"（{c.contact.position}）" if c.contact.position else "")
        blocks = [
            *doc_head(c.name, doc, f"依据 {std.full_title}"),
            kv_table((("申请单位", c.name, "wide"), ("认证机构", a.body, "wide"), ("申请类型", a.kind),
                      ("申请星级", a.target_level), ("申请日期", cn_date(a.date)),
                      ("材料编号", dash(a.binder_number)))),
            Heading("一、申请单位基本信息"),
            kv_table((("单位名称", c.name, "wide"), ("统一社会信用代码", c.uscc), ("法定代表人", c.legal_representative),
                      ("成立日期", cn_date(c.established)), ("注册资本", dash(c.registered_capital)),
                      ("企业性质", dash(c.ownership)),
                      ("营业期限", f"至 {cn_date(c.licence.valid_until)}" if c.licence.valid_until else "长期"),
                      ("注册地址", c.registered_address, "wide"), ("经营地址", c.operating_address, "wide"),
                      ("邮政编码", dash(c.postcode)), ("单位电话", dash(c.phone)), ("服务热线", dash(c.hotline)),
                      ("网址", dash(c.website)), ("联系人", contact), ("手机", c.contact.mobile),
                      ("联系电话", dash(c.contact.phone)), ("电子邮箱", c.contact.email),
                      ("经营范围", c.business_scope, "wide"))),
            *permits_table(c.permits),
            Heading("二、申请认证范围"),
            kv_table((("依据标准", std.full_title, "wide"), *trade_row(c.trade), ("认证范围", c.scope, "wide"),
                      ("服务区域", joined(c.service_area), "wide"), ("销售方式", c.sales_model, "wide"),
                      ("服务提供方式", service_model(f.outlets.own, f.outlets.entrusted), "wide"),
                      ("体系运行起始", cn_date(a.system_start), "wide"))),
            table((Column("序号", 8, "center"), Column("商品类别", 22), Column("品牌", 30), Column("说明")),
                  ((i, p.category, joined(p.brands), dash(p.description)) for i, p in enumerate(c.products, 1))),
            Heading("三、人员与服务网点"),
            kv_table((("员工总数", f"{c.headcount.total} 人"), ("售后服务人员", f"{c.headcount.after_sales} 人"),
                      ("服务管理人员", f"{c.headcount.service_management} 人"),
                      ("售后服务管理师", f"{len(f.staff.certified_managers)} 人（应不少于 {f.staff.managers_required} 人）"),
                      ("服务网点", f"{f.outlets.total} 个"),
                      ("其中自建/委托", f"{f.outlets.own} 个 / {f.outlets.entrusted} 个"))),
            table((Column("序号", 6, "center"), Column("服务网点", 26), Column("性质", 8, "center"), Column("地址"),
                   Column("人数", 9, "right")),
                  ((i, o.name, o.kind, o.address, o.staff_count) for i, o in enumerate(d.outlets, 1)), size=8),
            Heading("四、已获认证")]
        if a.certifications:
            blocks.append(table((Column("认证名称", 30), Column("证书编号", 24), Column("发证机构"),
                                 Column("有效期至", 18, "center")),
                                ((x.name, dash(x.number), dash(x.body), iso(x.valid_until)) for x in a.certifications)))
        else:
            blocks.append(Paragraph(text("无。")))
        blocks.append(Heading("五、删减说明"))
        exclusions = d.exclusions
        if exclusions:
            blocks.append(table((Column("删减的指标", 30), Column("删减理由")),
                                ((ind.label, exclusions[ind.id]) for ind in std.indicators if ind.id in exclusions)))
        else:
            blocks.append(Paragraph(text(f"本次申请不删减 {std.code} 的任何评价指标。")))
        blocks += [Heading("六、企业简介"), *paragraphs(c.profile), Heading("七、申请单位声明"),
                   Box((Paragraph(text(f"本单位自愿申请{std.full_title}认证，承诺遵守认证机构的认证规则和相关规定，"
                                       "按要求接受审核与监督，所提交的申请材料真实、有效。")),
                        Signatures((signature_field(d, "法定代表人（签字）", c.signing.legal_representative),
                                    seal_field(d))),
                        Signatures((("日期", cn_date(a.date)),))))]
        return Document.of(*blocks)


def permits_table(permits) -> tuple:
    """The licences (行政许可、备案) the company holds, where it holds any."""
    if not permits:
        return ()
    return (table((Column("行政许可与备案", 28), Column("编号", 20), Column("发证机关", 18), Column("许可范围"),
                   Column("有效期至", 14, "center")),
                  ((p.kind, dash(p.number), dash(p.authority), dash(p.scope),
                    iso(p.valid_until) if p.valid_until else "长期") for p in permits)),)


def trade_row(trade) -> tuple:
    """The company's trade, where it names one (the generic profile names none)."""
    return (("所属行业", trade.title, "wide"),) if trade and trade.profile != GENERIC else ()
