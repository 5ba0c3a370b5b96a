"""DOCX template of 顾客满意度调查报告."""

from .kit import bullets, doc_head, heading, image, kv_table, new_document, para, table, tag


def build():
    doc = new_document()
    doc_head(doc, "{{ doc.title }}", "{{ company.name }}{% if first %}　{{ first.start|cn_date }} 至 "
                                    "{{ last.end|cn_date }}{% endif %}")
    heading(doc, "一、调查目的")
    para(doc, "{% if first %}为了解顾客对本公司售后服务的评价，发现服务中的薄弱环节并推动持续改进，{{ company.name }}于"
              "{{ first.start|cn_date }}至{{ last.end|cn_date }}期间共开展顾客满意度调查 {{ s.surveys|length }} 次，以满意率 "
              "{{ sat.target|num(1) }}% 为目标逐次评价。本报告汇总各次调查的结果、发现的问题和改进措施。"
              "{% else %}{{ company.name }}尚无顾客满意度调查记录。{% endif %}")

    heading(doc, "二、调查方法与计算公式")
    kv_table(doc, [
        ("调查项目", "{% for i in sat.items %}{{ i.id }} {{ i.name }}{% if not loop.last %}；{% endif %}{% endfor %}"),
        ("评分方式", "每个项目按 1～{{ sat.scale }} 分评分，{{ sat.scale }} 分为最满意"),
        ("满意的判定", "一份有效答卷各项目得分的平均分不低于 {{ sat.satisfied_min }} 分，计为满意"),
        ("满意率计算公式", "{{ sat.formula }}"),
        ("项目满意率", "该项目得分不低于 {{ sat.satisfied_min }} 分的答卷数 ÷ 该项目有效答卷数 × 100%"),
        ("综合满意指数", "各有效答卷平均分的平均值 ÷ {{ sat.scale }} × 100"),
        ("回收率", "回收数 ÷ 发放（拨打、推送）数 × 100%"),
        ("目标", "每次调查满意率不低于 {{ sat.target|num(1) }}%")], columns=1, widths_mm=[38, 134])
    para(doc, "有效答卷为回收后录入且有评分的答卷；顾客姓名和电话在本报告中均已作脱敏处理。", indent=False, size=9)

    heading(doc, "三、各次调查结果")
    table(doc, ["调查期间", "方式", "发放", "回收", "回收率", "有效答卷", "满意", "满意率", "综合指数", "达标"],
          ["{{ x.survey.period }}（{{ x.survey.start|iso }} 至 {{ x.survey.end|iso }}）", "{{ x.survey.method }}",
           "{{ x.survey.issued|num }}", "{{ x.survey.returned|num }}", "{{ x.response_rate|pct }}", "{{ x.valid|num }}",
           "{{ x.satisfied|num }}", "{{ x.rate|pct }}", "{{ x.index|num(1) }}",
           "{% if x.meets_target %}达标{% elif x.meets_target is none %}—{% else %}未达标{% endif %}"],
          "for x in s.surveys", widths_mm=[34, 17, 12, 12, 15, 14, 12, 16, 15, 13], size=8,
          footer=["合计", "", "{{ s.issued|num }}", "{{ s.returned|num }}", "", "{{ s.responses|num }}",
                  "{{ s.satisfied|num }}", "{{ s.rate|pct }}", "", "{{ s.met }}/{{ s.surveys|length }}"])
    para(doc, "合计行的满意率为全部有效答卷合并计算的结果；“达标”一栏为达到目标的调查次数。", indent=False, size=9)
    tag(doc, "{%p if trend_chart %}")
    image(doc, "trend_chart", "图 1　各次调查满意率与目标")
    tag(doc, "{%p endif %}")

    heading(doc, "四、各调查项目的评价")
    para(doc, "下表列出各调查项目在每次调查中的平均分和项目满意率。")
    table(doc, ["调查项目", "调查期间", "有效答卷", "平均分", "项目满意率"],
          ["{% if x.first %}{{ x.item.id }} {{ x.item.name }}{% endif %}", "{{ x.survey.survey.period }}",
           "{{ x.fig.answered|num }}", "{{ x.fig.mean|num(2) }}", "{{ x.fig.rate|pct }}"],
          "for x in item_rows", widths_mm=[42, 50, 24, 24, 30], size=8.5)
    tag(doc, "{%p if item_chart %}")
    image(doc, "item_chart", "图 2　各调查项目满意率（按调查期间）")
    tag(doc, "{%p endif %}")

    heading(doc, "五、发现的问题与改进措施")
    tag(doc, "{%p for x in s.surveys %}")
    heading(doc, "{{ loop.index }}. {{ x.survey.period }}", 3)
    para(doc, "本次调查满意率 {{ x.rate|pct }}{% if x.rate_change is not none %}，较上次调查"
              "{% if x.rate_change >= 0 %}上升 {{ x.rate_change|num(1) }}{% else %}下降 {{ (-x.rate_change)|num(1) }}"
              "{% endif %} 个百分点{% endif %}{% if x.weakest %}；项目满意率最低的是“{{ x.weakest.item.name }}”"
              "（{{ x.weakest.rate|pct }}）{% endif %}。发现的主要问题：")
    bullets(doc, "for finding in x.survey.findings", "{{ finding }}")
    para(doc, "{% if not x.survey.findings %}本次调查未记录问题。{% endif %}", indent=False)
    tag(doc, "{%p if x.survey.actions %}")
    table(doc, ["序号", "改进措施", "责任部门", "完成期限", "完成情况"],
          ["{{ loop.index }}", "{{ a.action }}", "{{ a.owner_name|dash }}", "{{ a.due|iso }}",
           "{% if a.done %}已完成{% else %}进行中{% endif %}"],
          "for a in x.survey.actions", widths_mm=[11, 93, 26, 22, 20], size=8.5)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")

    heading(doc, "六、评分最低的答卷")
    para(doc, "每次调查平均分最低的 {{ lowest_shown }} 份答卷（不足 {{ lowest_shown }} 份的全部列出）如下，供分析原因和回访使用。"
              "“各题得分”依次为 {% for i in sat.items %}{{ i.id }}{% if not loop.last %}、{% endif %}{% endfor %} 的得分。")
    table(doc, ["答卷编号", "日期", "顾客", "电话", "网点", "商品", "各题得分", "均分", "顾客意见"],
          ["{{ x.r.no }}", "{{ x.r.date|iso }}", "{{ x.r.customer }}", "{{ x.r.phone|dash }}", "{{ x.outlet|dash }}",
           "{{ x.r.product|dash }}", "{{ x.r.scores|map('last')|join(' ') }}", "{{ x.mean|num(2) }}",
           "{{ x.r.comment|dash }}"],
          "for x in lowest", widths_mm=[18, 17, 10, 19, 26, 12, 19, 10, 41], size=7.5)

    heading(doc, "七、结论")
    para(doc, "{% if s.surveys %}统计期内共进行顾客满意度调查 {{ s.surveys|length }} 次，{% if missed %}其中 {{ s.met }} 次"
              "达到满意率不低于 {{ sat.target|num(1) }}% 的目标，{% for x in missed %}{{ x.survey.period }}（{{ x.rate|pct }}）"
              "{% if not loop.last %}、{% endif %}{% endfor %}未达到目标，须按持续改进的要求分析原因并采取纠正措施"
              "{% else %}各次调查的满意率均达到不低于 {{ sat.target|num(1) }}% 的目标{% endif %}。全部 {{ s.responses|num }} "
              "份有效答卷合并计算的满意率为 {{ s.rate|pct }}；最近一次调查（{{ s.latest.survey.period }}）满意率 "
              "{{ s.latest.rate|pct }}，综合满意指数 {{ s.latest.index|num(1) }}。"
              "{% else %}统计期内没有顾客满意度调查，无法评价满意率目标的达成情况。{% endif %}")
    bullets(doc, "for x in s.surveys", "{{ x.survey.period }}：满意率 {{ x.rate|pct }}，{% if x.meets_target %}达到目标"
                                        "{% elif x.meets_target is none %}无有效答卷，无法判定{% else %}未达到目标{% endif %}；"
                                        "提出改进措施 {{ x.survey.actions|length }} 项，已完成 {{ x.actions_done }} 项。")
    para(doc, "编制：　　　　　　　　审核：　　　　　　　　批准：", indent=False)
    return doc
