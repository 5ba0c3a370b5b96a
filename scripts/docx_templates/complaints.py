"""DOCX template of 顾客投诉及回访汇总 (the complaint log on landscape pages)."""


from .kit import doc_head, heading, image, kv_table, landscape_section, new_document, para, table, tag

_MET = "{% if FLAG %}是{% elif FLAG is none %}—{% else %}否{% endif %}"


def _met(flag: str, yes: str = "是", no: str = "否") -> str:
    return _MET.replace("FLAG", flag).replace("是", yes).replace("否", no)




def _summary(doc):
    heading(doc, "一、投诉处理概况")
    para(doc, "{% if c.total %}{{ first|cn_date }}至{{ last|cn_date }}，{{ company.name }}共受理顾客投诉 {{ c.total|num }} 起，"
              "其中重大投诉 {{ c.major }} 起；已处理完毕 {{ c.resolved|num }} 起，结案率 {{ c.closure_rate|pct }}。"
              "{% else %}统计期内{{ company.name }}未受理顾客投诉。{% endif %}")
    tag(doc, "{%p if c.total %}")
    para(doc, "投诉平均响应时间 {{ c.mean_response_hours|hours(2) }}（时限 {{ targets.response_hours|num(1) }} 小时），"
              "在时限内响应 {{ c.response_in_time|num }} 起，及时响应率 {{ c.response_in_time_rate|pct }}；平均处理时间 "
              "{{ c.mean_resolution_hours|hours(1) }}（时限 {{ targets.resolution_hours|num(1) }} 小时），在时限内处理完毕 "
              "{{ c.resolution_in_time|num }} 起，及时处理率 {{ c.resolution_in_time_rate|pct }}。")
    para(doc, "处理完毕的投诉已回访 {{ c.visited|num }} 起，回访率 {{ c.visit_rate|pct }}；其中在处理完毕后 "
              "{{ targets.visit_days|num(1) }} 日内回访 {{ c.visit_in_time|num }} 起（及时回访率 {{ c.visit_in_time_rate|pct }}）；"
              "回访结果为满意或基本满意的 {{ c.visit_satisfied|num }} 起，回访满意率 {{ c.visit_satisfaction_rate|pct }}。")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if c.services %}")
    para(doc, "日常服务回访：统计期内完成服务 {{ c.services|num }} 单，回访 {{ c.services_visited|num }} 单，回访率 "
              "{{ c.service_visit_rate|pct }}；回访满意 {{ c.services_satisfied|num }} 单，回访满意率 "
              "{{ c.service_visit_satisfaction|pct }}（分期统计见第四部分）。")
    tag(doc, "{%p endif %}")
    table(doc, ["处理环节", "时限", "平均用时", "平均用时达标", "在时限内 / 总数", "及时率"],
          ["{{ x.stage }}", "{{ x.limit|num(1) }} {{ x.unit }}", "{{ x.mean|hours(2) }}", _met("x.met"),
           "{{ x.in_time|num }} / {{ x.total|num }}", "{{ x.rate|pct }}"],
          "for x in limits", widths_mm=[40, 24, 28, 24, 32, 24], size=8.5)
    tag(doc, "{%p if objectives %}")
    table(doc, ["服务目标", "目标值", "实际", "结论"],
          ["{{ o.objective.text }}（{{ o.objective.period|dash }}）",
           "{{ o.objective.comparison|replace('>=', '≥')|replace('<=', '≤') }} {{ o.objective.target|num(1) }} "
           "{{ o.objective.unit }}", "{% if o.actual is none %}无数据{% else %}{{ o.actual|num(1) }} {{ o.objective.unit }}{% endif %}", _met("o.met", "达成", "未达成")],
          "for o in objectives", widths_mm=[94, 28, 28, 22], size=8.5)
    tag(doc, "{%p endif %}")


def _analysis(doc):
    heading(doc, "二、投诉统计分析")
    para(doc, "{% if not c.total %}无投诉数据。{% endif %}")
    tag(doc, "{%p if c.total %}")
    table(doc, ["投诉渠道", "投诉数", "占比"], ["{{ row[0] }}", "{{ row[1]|num }}", "{{ c.share(row[1])|pct }}"],
          "for row in c.by_channel", widths_mm=[60, 30, 30], size=8.5,
          footer=["合计", "{{ c.total|num }}", "{{ c.share(c.total)|pct }}"])
    table(doc, ["投诉类别", "投诉数", "占比"], ["{{ row[0] }}", "{{ row[1]|num }}", "{{ c.share(row[1])|pct }}"],
          "for row in c.by_category", widths_mm=[60, 30, 30], size=8.5,
          footer=["合计", "{{ c.total|num }}", "{{ c.share(c.total)|pct }}"])
    image(doc, "category_chart", "图 1　各类别投诉数")
    para(doc, "各月受理投诉数如下（{% for row in c.by_month %}{{ row[0] }}：{{ row[1] }} 起{% if not loop.last %}；{% endif %}"
              "{% endfor %}）。")
    image(doc, "month_chart", "图 2　各月受理投诉数")
    tag(doc, "{%p endif %}")


def _majors(doc):
    heading(doc, "三、重大投诉处理情况")
    para(doc, "{% if not c.majors %}统计期内未发生重大投诉。{% endif %}")
    tag(doc, "{%p for x in c.majors %}")
    heading(doc, "{{ x.id }}　{{ x.category }}　{{ x.received|iso }}", 3)
    kv_table(doc, [
        ("受理", "{{ x.received|cn_date }}，{{ x.channel }}；顾客 {{ x.customer }}{% if x.phone %}（{{ x.phone }}）{% endif %}；"
               "商品：{{ x.product|dash }}；网点：{{ outlets.get(x.outlet, x.outlet)|dash }}"),
        ("投诉内容", "{{ x.issue }}"),
        ("响应", "{{ x.responded|iso }}（{{ x.response_hours|hours(2) }}{% if x.id in c.late_response %}，超过时限{% endif %}）"),
        ("处理完毕", "{{ x.resolved|iso }}（{{ x.resolution_hours|hours(1) }}"
                 "{% if x.id in c.late_resolution %}，超过时限{% endif %}）"),
        ("处理人", "{{ x.handler_name|dash }}"),
        ("处理结果", "{{ x.outcome|dash }}"),
        ("回访", "{% if x.visit_date %}{{ x.visit_date|iso }}，{{ x.visit_method|dash }}，{{ x.visit_result|dash }}"
               "{% if x.id in c.late_visit %}（超过回访时限）{% endif %}{% else %}未回访{% endif %}")],
        columns=1, widths_mm=[28, 144])
    tag(doc, "{%p endfor %}")


def _visits(doc):
    heading(doc, "四、日常服务回访统计")
    para(doc, "{% if not c.visit_periods %}无日常服务回访统计数据。{% endif %}")
    tag(doc, "{%p if c.visit_periods %}")
    table(doc, ["统计期间", "服务单数", "回访数", "回访率", "满意数", "满意率", "回访方式"],
          ["{{ v.stat.period }}", "{{ v.stat.services|num }}", "{{ v.stat.visited|num }}", "{{ v.visit_rate|pct }}",
           "{{ v.stat.satisfied|num }}", "{{ v.satisfaction_rate|pct }}", "{{ v.stat.method|dash }}"],
          "for v in c.visit_periods", widths_mm=[36, 20, 20, 18, 20, 20, 38], size=8.5,
          footer=["合计", "{{ c.services|num }}", "{{ c.services_visited|num }}", "{{ c.service_visit_rate|pct }}",
                  "{{ c.services_satisfied|num }}", "{{ c.service_visit_satisfaction|pct }}", ""])
    para(doc, "回访率 = 回访数 ÷ 服务单数 × 100%；满意率 = 满意数 ÷ 回访数 × 100%。", indent=False, size=9)
    tag(doc, "{%p endif %}")
    para(doc, "{% if compact %}投诉共 {{ c.total|num }} 起，逐起登记见附录“投诉处理登记明细”（每起一行，处理结果详见投诉处理单）。"
              "{% endif %}")
    para(doc, "编制：　　　　　　　　审核：　　　　　　　　日期：", indent=False)


def _log(doc):
    landscape_section(doc)
    heading(doc, "{% if compact %}附录　投诉处理登记明细{% else %}五、投诉处理登记表{% endif %}")
    para(doc, "响应、处理时间为自受理起的小时数；超过时限（响应 {{ targets.response_hours|num(1) }} 小时、处理 "
              "{{ targets.resolution_hours|num(1) }} 小时、回访 {{ targets.visit_days|num(1) }} 日）的以“*”标示；顾客姓名已脱敏。",
         indent=False, size=8.5)
    late = "{% if x.id in c.LATE %}*{% endif %}"
    tag(doc, "{%p if compact %}")
    table(doc, ["编号", "受理时间", "渠道", "商品", "网点", "类别", "程度", "投诉内容", "响应h", "处理h", "回访日期", "回访结果"],
          ["{{ x.id }}", "{{ x.received|iso }}", "{{ x.channel }}", "{{ x.product|dash }}",
           "{{ outlets.get(x.outlet, x.outlet)|dash }}", "{{ x.category }}", "{{ x.severity }}", "{{ x.issue }}",
           "{{ x.response_hours|num(1) }}" + late.replace("LATE", "late_response"),
           "{{ x.resolution_hours|num(1) }}" + late.replace("LATE", "late_resolution"),
           "{{ x.visit_date|iso }}" + late.replace("LATE", "late_visit"), "{{ x.visit_result|dash }}"],
          "for x in complaints", widths_mm=[24, 29, 18, 15, 32, 18, 11, 55, 13, 13, 21, 16], size=7)
    tag(doc, "{%p else %}")
    table(doc, ["编号", "受理时间", "渠道", "顾客", "商品", "网点", "类别", "投诉内容", "响应h", "处理h", "处理人", "处理结果",
                "回访"],
          ["{{ x.id }}{% if x.severity != '一般' %} {{ x.severity }}{% endif %}", "{{ x.received|iso }}", "{{ x.channel }}",
           "{{ x.customer }}", "{{ x.product|dash }}", "{{ outlets.get(x.outlet, x.outlet)|dash }}", "{{ x.category }}",
           "{{ x.issue }}", "{{ x.response_hours|num(1) }}" + late.replace("LATE", "late_response"),
           "{{ x.resolution_hours|num(1) }}" + late.replace("LATE", "late_resolution"), "{{ x.handler_name|dash }}",
           "{{ x.outcome|dash }}",
           "{% if x.visit_date %}{{ x.visit_date|iso }} {{ x.visit_method|dash }} {{ x.visit_result|dash }}"
           "{% else %}未回访{% endif %}" + late.replace("LATE", "late_visit")],
          "for x in complaints", widths_mm=[19, 17, 13, 9, 10, 18, 13, 45, 11, 11, 12, 67, 20], size=7)
    tag(doc, "{%p endif %}")


def build():
    doc = new_document()
    doc_head(doc, "{{ doc.title }}", "{{ company.name }}{% if first %}　{{ first|cn_date }} 至 {{ last|cn_date }}{% endif %}")
    _summary(doc)
    _analysis(doc)
    _majors(doc)
    _visits(doc)
    _log(doc)
    return doc
