"""DOCX template of 培训计划与记录."""

from dossier.builders.training import SIGNIN_COLUMNS

from .kit import doc_head, heading, image, new_document, page_break, para, table, tag

_GROUP_SIGNIN = ["姓名", "部门", "成绩", "结果"]
_GROUP_PERSON = ["工号", "姓名", "部门", "次数", "学时"]


def _signin_cells(index: int) -> list[str]:
    a = f"r[{index}]"
    return ["{% if " + a + " %}{{ " + a + ".staff_name }}{% endif %}",
            "{% if " + a + " %}{{ " + a + ".department_name|dash }}{% endif %}",
            "{% if " + a + " %}{{ " + a + ".score|num(1) }}{% endif %}",
            "{% if " + a + " %}{% if " + a + ".passed %}合格{% elif " + a + ".passed is none %}—{% else %}不合格{% endif %}"
            "{% endif %}"]


def _person_cells(index: int) -> list[str]:
    p = f"r[{index}]"
    return ["{% if " + p + " %}{{ " + p + ".staff.id }}{% endif %}",
            "{% if " + p + " %}{{ " + p + ".staff.name }}{% if not " + p + ".sessions %}★{% endif %}{% endif %}",
            "{% if " + p + " %}{{ " + p + ".staff.department_name }}{% endif %}",
            "{% if " + p + " %}{{ " + p + ".sessions }}{% endif %}",
            "{% if " + p + " %}{{ " + p + ".hours|num(1) }}{% endif %}"]


def build(columns: int = SIGNIN_COLUMNS):
    doc = new_document()
    doc_head(doc, "{{ doc.title }}", "{{ company.name }}　{% if t.sessions %}{{ t.earliest|cn_date }} 至 {{ t.latest|cn_date }}　{% endif %}"
                                    "统计截至 {{ company.application.date|cn_date }}")
    heading(doc, "一、培训概况")
    para(doc, "{% if t.sessions %}自{{ t.earliest|cn_date }}至{{ t.latest|cn_date }}，{{ company.name }}共组织培训 "
              "{{ t.sessions }} 次，累计课时 {{ t.hours|num(1) }} 学时，参训 {{ t.attendances }} 人次，合计 "
              "{{ t.person_hours|num(1) }} 人·学时。在册员工 {{ t.staff }} 人，其中参加过培训的 {{ t.trained_staff }} 人"
              "（覆盖率 {{ t.trained_rate|pct }}），人均培训 {{ t.hours_per_person|num(1) }} 学时。"
              "{% else %}统计期内没有培训记录。{% endif %}")
    para(doc, "{% if t.sessions %}需要考核的培训共考核 {{ t.assessed }} 人次，合格 {{ t.passed }} 人次，考核合格率 "
              "{{ t.pass_rate|pct }}{% if t.failed %}，未合格 {{ t.failed }} 人次（见第四部分签到及考核记录）{% endif %}。"
              "{% endif %}")
    para(doc, "{{ plan.year }} 年度培训计划共 {{ t.plan_items }} 项，已实施 {{ t.plan_held }} 项，计划完成率 "
              "{{ t.plan_completion|pct }}{% if t.plan_not_held %}；截至统计日尚未实施的计划项目："
              "{% for p in t.plan_not_held %}{{ p.item.id }} {{ p.item.topic }}（计划 {{ p.item.month }} 月）"
              "{% if not loop.last %}、{% endif %}{% endfor %}{% endif %}。"
              "{% if t.unplanned %}另有未列入年度计划的培训 {{ t.unplanned }} 次。{% endif %}")
    para(doc, "培训类别覆盖情况：{% for kind, k in required %}{% if k %}{{ kind }}类培训 {{ k.sessions }} 次、课时 "
              "{{ k.hours|num(1) }} 学时、参训 {{ k.attendances }} 人次{% else %}{{ kind }}类培训无记录{% endif %}"
              "{% if not loop.last %}；{% endif %}{% endfor %}。{% if missing %}尚未开展{{ missing|join('、') }}类培训，"
              "应补充实施。{% else %}{{ required|map('first')|join('培训和') }}培训均已开展。{% endif %}")
    tag(doc, "{%p for o in objectives %}")
    para(doc, "服务目标“{{ o.objective.text }}”：实际人均 {{ o.actual|num(1) }} 学时，"
              "{% if o.met %}已达成{% elif o.met is none %}无法判定{% else %}未达成{% endif %}。")
    tag(doc, "{%p endfor %}")
    table(doc, ["培训类别", "次数", "课时（学时）", "参训人次", "人·学时"],
          ["{{ k.kind }}", "{{ k.sessions }}", "{{ k.hours|num(1) }}", "{{ k.attendances }}", "{{ k.person_hours|num(1) }}"],
          "for k in t.kinds", widths_mm=[52, 24, 30, 30, 36], size=8.5,
          footer=["合计", "{{ t.sessions }}", "{{ t.hours|num(1) }}", "{{ t.attendances }}", "{{ t.person_hours|num(1) }}"])
    tag(doc, "{%p if kind_chart %}")
    image(doc, "kind_chart", "图 1　各类别培训人·学时")
    tag(doc, "{%p endif %}")

    heading(doc, "二、{{ plan.year }} 年度培训计划")
    para(doc, "本计划{% if plan.approved_by_name %}经 {{ plan.approved_by_name }} 批准发布{% else %}已发布{% endif %}，"
              "“实施情况”一栏按培训记录填写。")
    table(doc, ["编号", "培训内容", "类别", "培训对象", "月份", "课时", "讲师", "方式", "考核", "实施情况"],
          ["{{ p.item.id }}", "{{ p.item.topic }}", "{{ p.item.kind }}", "{{ p.item.audience }}", "{{ p.item.month }}",
           "{{ p.item.hours|num(1) }}", "{{ p.item.trainer|dash }}", "{{ p.item.method|dash }}",
           "{{ p.item.assessment|dash }}",
           "{% if p.held %}已实施{% for s in p.sessions %} {{ s.date|iso }}{% endfor %}{% else %}未实施{% endif %}"],
          "for p in t.plan", widths_mm=[11, 31, 16, 24, 9, 10, 18, 15, 14, 24], size=7.5)

    heading(doc, "三、培训实施记录")
    table(doc, ["编号", "日期", "培训内容", "类别", "讲师", "课时", "方式", "人数", "考核/合格", "合格率"],
          ["{{ x.session.id }}", "{{ x.session.date|iso }}", "{{ x.session.topic }}", "{{ x.session.kind }}",
           "{{ x.session.trainer }}", "{{ x.session.hours|num(1) }}", "{{ x.session.method|dash }}", "{{ x.attendees }}",
           "{% if x.assessed %}{{ x.assessed }}/{{ x.passed }}{% else %}不考核{% endif %}", "{{ x.pass_rate|pct }}"],
          "for x in t.per_session", widths_mm=[18, 20, 33, 16, 22, 10, 15, 10, 14, 14], size=7.5,
          footer=["合计 {{ t.sessions }} 次", "", "", "", "", "{{ t.hours|num(1) }}", "", "{{ t.attendances }}",
                  "{{ t.assessed }}/{{ t.passed }}", "{{ t.pass_rate|pct }}"])

    heading(doc, "四、培训签到及考核记录")
    para(doc, "以下按培训场次列出签到人员、所在部门、考核成绩和考核结果；“—”表示该场培训不考核或未记录成绩。")
    tag(doc, "{%p for x in signin %}")
    para(doc, "{{ x.s.session.id }}　{{ x.s.session.date|iso }}　{{ x.s.session.topic }}", indent=False, bold=True,
         size=9.5)
    para(doc, "类别：{{ x.s.session.kind }}；讲师：{{ x.s.session.trainer }}；地点：{{ x.s.session.location|dash }}；"
              "课时：{{ x.s.session.hours|num(1) }} 学时；考核方式：{{ x.s.session.assessment }}"
              "{% if x.s.assessed %}（合格分 {{ x.s.session.pass_mark|num(1) }}）{% endif %}；签到 {{ x.s.attendees }} 人"
              "{% if x.s.assessed %}，合格 {{ x.s.passed }} 人{% endif %}。", indent=False, size=8.5)
    table(doc, _GROUP_SIGNIN * columns, [c for i in range(columns) for c in _signin_cells(i)], "for r in x.rows",
          widths_mm=[14, 21.5, 10, 11.8] * columns, size=8)
    para(doc, "{% if x.s.session.summary %}培训效果评价：{{ x.s.session.summary }}{% endif %}", indent=False, size=8.5)
    tag(doc, "{%p endfor %}")

    heading(doc, "五、各部门培训情况")
    table(doc, ["部门", "在册人数", "参训人数", "人·学时", "人均学时"],
          ["{{ x.department }}", "{{ x.staff }}", "{{ x.trained }}", "{{ x.person_hours|num(1) }}",
           "{{ x.hours_per_person|num(1) }}"],
          "for x in t.by_department", widths_mm=[56, 26, 26, 30, 30], size=8.5,
          footer=["合计", "{{ t.staff }}", "{{ t.trained_staff }}", "{{ t.person_hours|num(1) }}",
                  "{{ t.hours_per_person|num(1) }}"])
    image(doc, "dept_chart", "图 2　各部门人均培训学时")

    heading(doc, "六、人员培训学时统计")
    para(doc, "在册员工 {{ t.staff }} 人，参加培训 {{ t.trained_staff }} 人，未参加任何培训 {{ t.untrained|length }} 人"
              "{% if t.untrained and list_untrained %}（{% for s in t.untrained %}{{ s.name }}，{{ s.department_name }}"
              "{% if not loop.last %}；{% endif %}{% endfor %}）{% endif %}{% if t.untrained %}，应在下一期培训中补训{% endif %}。"
              "{% if compact %}逐人的参训次数和学时见附录“人员培训学时明细”。{% else %}下表列出每名员工的参训次数和学时，"
              "学时为 0 的人员以★标示。{% endif %}")
    tag(doc, "{%p if not compact %}")
    table(doc, ["序号", "工号", "姓名", "部门", "岗位", "参训次数", "学时"],
          ["{{ loop.index }}", "{{ p.staff.id }}", "{{ p.staff.name }}{% if not p.sessions %}★{% endif %}",
           "{{ p.staff.department_name }}", "{{ p.staff.position }}", "{{ p.sessions }}", "{{ p.hours|num(1) }}"],
          "for p in t.per_person", widths_mm=[11, 17, 20, 30, 50, 20, 20], size=8,
          footer=["合计", "", "", "", "", "{{ t.attendances }}", "{{ t.person_hours|num(1) }}"])
    tag(doc, "{%p endif %}")
    para(doc, "编制：　　　　　　　　审核：　　　　　　　　日期：", indent=False)

    tag(doc, "{%p if compact %}")
    page_break(doc)
    heading(doc, "附录　人员培训学时明细")
    para(doc, "共 {{ t.staff }} 人，每行 {{ columns }} 人；学时为 0 的人员以★标示。")
    table(doc, _GROUP_PERSON * columns, [c for i in range(columns) for c in _person_cells(i)], "for r in person_rows",
          widths_mm=[11, 13, 18, 7, 8] * columns, size=7)
    tag(doc, "{%p endif %}")
    return doc
