"""DOCX template of 售后服务网点清单."""

from .kit import doc_head, heading, new_document, para, table


def build():
    doc = new_document()
    doc_head(doc, "{{ doc.title }}", "{{ company.name }}　截至 {{ company.application.date|cn_date }}")
    para(doc, "{{ company.name }}共设售后服务网点 {{ f.outlets.total }} 个，其中自建网点 {{ f.outlets.own }} 个、"
              "委托网点 {{ f.outlets.entrusted }} 个，分布于{{ f.outlets.regions|join('、') }}，网点服务人员合计 "
              "{{ f.outlets.staff }} 人，服务区域覆盖{{ company.service_area|join('、') }}。")
    heading(doc, "一、网点一览")
    table(doc, ["序号", "网点名称", "性质", "地址", "电话", "负责人", "人数", "服务范围"],
          ["{{ loop.index }}", "{{ o.name }}", "{{ o.kind }}", "{{ o.address }}", "{{ o.phone }}",
           "{{ o.manager_name|dash }}", "{{ o.staff_count }}", "{{ o.coverage }}"],
          "for o in outlets", widths_mm=[10, 28, 10, 42, 24, 14, 10, 34], size=8,
          footer=["合计", "", "", "", "", "", "{{ f.outlets.staff }}", ""])
    heading(doc, "二、服务项目与设施")
    table(doc, ["序号", "网点名称", "设立日期", "面积（㎡）", "服务项目"],
          ["{{ loop.index }}", "{{ o.name }}", "{{ o.opened|iso }}", "{{ o.area_m2|num }}",
           "{{ o.services|join('、')|dash }}"], "for o in outlets", widths_mm=[10, 40, 26, 22, 74], size=8)
    heading(doc, "三、委托网点合作方")
    para(doc, "{% if not entrusted %}本公司全部网点均为自建网点，无委托网点。{% endif %}")
    table(doc, ["序号", "网点", "合作方", "统一社会信用代码", "协议期限", "服务人员"],
          ["{{ loop.index }}", "{{ o.name }}", "{{ o.partner.name }}", "{{ o.partner.uscc|dash }}",
           "{{ o.partner.agreement_from|iso }} 至 {{ o.partner.agreement_until|iso }}", "{{ o.partner_staff }}"],
          "for o in entrusted", widths_mm=[10, 30, 40, 36, 40, 16], size=8)
    return doc
