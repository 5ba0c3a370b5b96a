"""DOCX template of 整改报告."""

from .kit import doc_head, heading, kv_table, new_document, para, table, tag


def build():
    doc = new_document()
    doc_head(doc, "{{ doc.title }}", "{{ company.name }}　针对 {{ audit.body }} {{ audit.stage }}（{{ audit.date|cn_date }}）")
    heading(doc, "一、审核概况")
    kv_table(doc, [("审核机构", "{{ audit.body }}"), ("审核阶段", "{{ audit.stage }}"),
                   ("审核日期", "{{ audit.date|cn_date }}"), ("审核员", "{{ audit.auditors|join('、')|dash }}")])
    para(doc, "本次审核共提出整改项 {{ findings|length }} 项，其中特别扣分项 {{ special }} 项；截至本报告，已完成整改并关闭 "
              "{{ closed }} 项，尚未关闭 {{ open }} 项。")
    heading(doc, "二、整改项一览")
    table(doc, ["编号", "指标", "不符合事实", "责任人", "完成期限", "状态"],
          ["{{ x.finding.id }}", "{{ x.indicator.label }}", "{{ x.finding.description }}", "{{ x.finding.owner_name }}",
           "{{ x.finding.due|iso }}", "{% if x.finding.closed %}已关闭 {{ x.finding.closed|iso }}{% else %}未关闭{% endif %}"],
          "for x in findings", widths_mm=[16, 26, 62, 20, 22, 26], size=8.5)
    heading(doc, "三、整改情况")
    tag(doc, "{%p for x in findings %}")
    heading(doc, "{{ x.finding.id }}　{{ x.indicator.label }}", 3)
    kv_table(doc, [
        ("不符合事实", "{{ x.finding.description }}"),
        ("严重程度", "{{ x.finding.severity }}{% if x.finding.special_deduction %}（特别扣分项，须整改）{% endif %}；"
                 "提出日期 {{ x.finding.raised|cn_date }}"),
        ("原因分析", "{{ x.finding.cause }}"), ("纠正", "{{ x.finding.correction }}"),
        ("纠正措施", "{{ x.finding.corrective_action }}"), ("责任人", "{{ x.finding.owner_name }}"),
        ("完成期限", "{{ x.finding.due|cn_date }}"),
        ("完成情况", "{% if x.finding.closed %}已于 {{ x.finding.closed|cn_date }} 完成整改并关闭。"
                 "{% else %}整改进行中，尚未关闭。{% endif %}"),
        ("整改证据", "{% for e in x.evidence %}{{ e.id }} {{ e.title }}{% if not loop.last %}；{% endif %}"
                 "{% else %}—{% endfor %}"),
        ("涉及文件", "{% for title in x.documents %}{{ title }}{% if not loop.last %}；{% endif %}"
                 "{% else %}—{% endfor %}")], columns=1, widths_mm=[30, 142])
    tag(doc, "{%p endfor %}")
    para(doc, "管理者代表：　　　　　　　　日期：", indent=False)
    return doc
