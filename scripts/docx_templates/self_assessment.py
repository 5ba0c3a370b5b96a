"""DOCX template of 自评报告."""

from .kit import bullets, doc_head, heading, image, new_document, para, table


def build():
    doc = new_document()
    doc_head(doc, "{{ doc.title }}", "{{ company.name }}　自评依据 {{ standard.full_title }}　自评日期 "
                                     "{{ company.application.date|cn_date }}")
    para(doc, "本报告为申请单位的自我评价（预评），供认证申请和认证机构审查参考，不代表认证机构的评价结论。"
              "评分方法：{{ standard.scoring.formula }}。", indent=False, size=9)
    heading(doc, "一、自评结论")
    para(doc, "自评得分 {{ score.total }} 分，{% if score.level %}达到{{ score.level.name }}{% else %}{{ score.fail_name }}"
              "{% endif %}。", bold=True, size=14, indent=False)
    para(doc, "申请星级：{{ company.application.target_level }}；{% if score.reaches_target %}自评结果达到申请星级。"
              "{% elif score.target %}自评结果未达到申请星级（{{ score.target.name }}需 {{ score.target.min }} 分）。{% endif %}")
    para(doc, "涉及项分值 {{ score.applicable_points|num(1) }} 分，实得 {{ score.earned|num(1) }} 分，折算 "
              "{{ score.base|num(1) }} 分；特别扣分 {{ score.special_deductions|length }} 项，特别加分 "
              "{{ score.special_bonus|length }} 项。{% if score.gated %}特别扣分项超过 "
              "{{ standard.scoring.max_special_deductions_for_level }} 项，不予评定星级。{% endif %}")
    heading(doc, "二、评分汇总")
    table(doc, ["一级指标", "分值", "涉及项分值", "实得分"],
          ["{{ g.id }} {{ g.name }}", "{{ g.points|num(1) }}", "{{ g.applicable|num(1) }}", "{{ g.earned|num(1) }}"],
          "for g in groups", widths_mm=[80, 30, 32, 30],
          footer=["合计", "{{ groups|sum(attribute='points')|num(1) }}", "{{ score.applicable_points|num(1) }}",
                  "{{ score.earned|num(1) }}"])
    heading(doc, "三、各项指标自评")
    image(doc, "chart", "图 1　各二级指标分值与自评得分")
    table(doc, ["指标", "分值", "得分", "证据", "扣分及原因"],
          ["{{ s.indicator.label }}", "{{ s.points|num(1) }}",
           "{% if s.applicable %}{{ s.awarded|num(1) }}{% else %}删减{% endif %}",
           "{% for e in s.evidence %}{{ e.title }}{% if not loop.last %}；{% endif %}{% else %}—{% endfor %}",
           "{% if not s.applicable %}删减：{{ s.exclusion_reason }}{% endif %}{% for x in s.deductions %}"
           "−{{ x.points|num(2) }}：{{ x.reason }}{% if not loop.last %}；{% endif %}{% else %}"
           "{% if s.applicable %}无扣分{% endif %}{% endfor %}"],
          "for s in score.indicators", widths_mm=[28, 12, 12, 50, 70], size=8)
    heading(doc, "四、服务目标完成情况")
    para(doc, "服务目标的实际完成情况依据公司运行记录统计（顾客满意率取最近一次调查；“未统计”表示该目标没有对应的统计指标）：")
    table(doc, ["序号", "服务目标", "考核周期", "目标值", "实际", "完成情况"],
          ["{{ loop.index }}", "{{ o.text }}", "{{ o.period }}", "{{ o.target }}", "{{ o.actual }}", "{{ o.status }}"],
          "for o in objectives", widths_mm=[10, 70, 20, 24, 24, 24], size=8)
    heading(doc, "五、特别扣分与加分")
    para(doc, "{% if not score.special_deductions and not score.special_bonus %}无特别扣分项和特别加分项。{% endif %}")
    bullets(doc, "for x in score.special_deductions",
            "特别扣分（−{{ standard.scoring.special_deduction_points }}）：{{ x.reason }}")
    bullets(doc, "for x in score.special_bonus", "特别加分（+{{ standard.scoring.special_bonus_points }}）：{{ x.reason }}")
    heading(doc, "六、距更高星级的差距")
    para(doc, "{% if score.next_level %}达到{{ score.next_level.name }}需 {{ score.next_level.min }} 分，当前自评 "
              "{{ score.total }} 分，尚差 {{ (score.next_level.min - score.total)|num(1) }} 分。需优先消除的扣分："
              "{% else %}自评得分已达到最高星级。{% endif %}")
    bullets(doc, "for x in score.blockers", "{{ x.indicator }}：−{{ x.points|num(2) }}，{{ x.reason }}")
    heading(doc, "七、申请单位声明")
    para(doc, "{% if not declarations %}申请单位尚未作出声明（可在 self_assessment.yaml 的 declarations 中填写）。{% endif %}")
    para(doc, "{% if declarations and declarations.truthful %}一、本单位声明：所提交的认证申请材料及自评内容真实、准确、完整，"
              "如有虚假，愿承担由此产生的一切后果。{% endif %}")
    para(doc, "{% if declarations and declarations.no_major_failure %}二、本单位声明：近三年内未发生重大售后服务失误，"
              "未发生重大产品质量或服务质量事故。{% endif %}")
    para(doc, "{% if declarations and declarations.special_fund %}三、本单位承诺：设立并保障售后服务专项资金，"
              "{{ d.system.funds.year }} 年度专项资金为 {{ d.system.funds.special_fund|money }}。{% endif %}")
    para(doc, "{% if declarations and declarations.compliance %}四、本单位承诺：遵守认证机构的认证规则，配合认证审核和获证后的"
              "监督，对审核发现的问题按期整改。{% endif %}")
    para(doc, "{% if declarations %}声明人：{{ declarations.signatory_name }}　　申请单位（盖章）：　　　　日期："
              "{{ declarations.date|cn_date }}{% endif %}", indent=False)
    return doc
