"""DOCX template of 人员及售后服务管理师名册.

The register and the certificate list are generated twice, in the body and in the appendices, each
copy kept or dropped by {%p if large %}, so a company of thousands gets the same layout as the PDF.
The register stands on landscape pages: the section breaks around it are kept or dropped with it,
and the last section's orientation is a template expression (landscape when the appendices end the
document).
"""

from copy import deepcopy

from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm

from .kit import doc_head, fit_table, heading, looped_grid, new_document, page_break, para, table, tag, width_expression

REGISTER_WIDTHS = [12, 14, 7, 22, 30, 15, 26, 18, 10, 50, 52]
CERTIFICATE_WIDTHS = [9, 28, 13, 17, 30, 27, 19, 19, 10]
MANAGER_WIDTHS = [10, 15, 22, 29, 29, 22, 17, 17, 11]
VALID_UNTIL = "{{ h.qualification.valid_until|iso if h.qualification.valid_until else '长期' }}"


def _register(doc, size: float):
    t = table(doc, ["工号", "姓名", "性别", "部门", "岗位", "人员类别", "所在网点", "入职日期", "学历", "职称/技能等级", "资格证书"],
              ["{{ s.id }}", "{{ s.name }}", "{{ s.gender|dash }}", "{{ s.department_name }}", "{{ s.position }}",
               "{{ s.category }}", "{{ outlet_names[s.outlet] if s.outlet else '—' }}", "{{ s.hired|iso }}",
               "{{ s.education|dash }}", "{{ s.title|dash }}",
               "{{ s.qualifications|map(attribute='kind')|join('、')|dash }}"],
              "for s in d.staff", widths_mm=REGISTER_WIDTHS, size=size)
    fit_table(t, REGISTER_WIDTHS)


def _certificates(doc, size: float):
    t = table(doc, ["序号", "证书类别", "姓名", "部门", "证书编号", "发证机构", "发证日期", "有效期至", "状态"],
              ["{{ loop.index }}", "{{ h.qualification.kind }}", "{{ h.staff.name }}", "{{ h.staff.department_name }}",
               "{{ h.qualification.number|dash }}", "{{ h.qualification.issuer|dash }}", "{{ h.qualification.issued|iso }}",
               VALID_UNTIL, "{{ h.status }}"],
              "for h in f.staff.other_certificates", widths_mm=CERTIFICATE_WIDTHS, size=size)
    fit_table(t, CERTIFICATE_WIDTHS)


def _section_break(doc, condition: str, landscape_after: bool):
    """End the current section here when ``condition`` holds; the next one is landscape or portrait.
    Every section keeps the running header and footer."""
    sentinel = doc.sections[-1]._sectPr
    references = [deepcopy(r) for r in sentinel.xpath("w:headerReference|w:footerReference")]
    tag(doc, "{%p if " + condition + " %}")
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    for reference in reversed(references):
        section._sectPr.insert(0, reference)
    tag(doc, "{%p endif %}")
    section.orientation = WD_ORIENT.LANDSCAPE if landscape_after else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (Mm(297), Mm(210)) if landscape_after else (Mm(210), Mm(297))
    return section


def _department_table(doc):
    """Departments × categories: the category columns come from the data ({%tc for %})."""
    t = table(doc, ["部门", "合计", "{%tc for c in f.staff.categories %}", "{{ c }}", "{%tc endfor %}", "售后服务管理师"],
              ["{{ x.name }}", "{{ x.total|num }}", "{%tc for n in x.by_category %}", "{{ n|num }}", "{%tc endfor %}",
               "{{ x.certified_managers|num }}"],
              "for x in departments", size=8.5,
              footer=["合计", "{{ f.staff.total|num }}", "{%tc for c, n in f.staff.by_category %}", "{{ n|num }}",
                      "{%tc endfor %}", "{{ f.staff.certified_count|num }}"])
    for row in t.rows:
        for cell, expression in zip(row.cells, ["dept_widths.department", "dept_widths.count", None,
                                                "dept_widths.category", None, "dept_widths.managers"]):
            if expression:
                width_expression(cell, expression)
    looped_grid(t, ["dept_widths.department", "dept_widths.count"], "for c in f.staff.categories",
                "dept_widths.category", ("dept_widths.managers",))
    fit_table(t)
    for row in t.rows[2:]:
        for cell in row.cells[1:]:
            for p in cell.paragraphs:
                p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    return t


def build():
    doc = new_document()
    doc_head(doc, "{{ doc.title }}", "{{ company.name }}　截至 {{ company.application.date|cn_date }}")

    heading(doc, "一、人员概况")
    para(doc, "截至{{ company.application.date|cn_date }}，{{ company.name }}在册员工共 {{ f.staff.total|num }} 人，按人员类别分："
              "{% for c, n in f.staff.by_category %}{{ c }} {{ n|num }} 人{% if not loop.last %}、{% endif %}{% endfor %}。"
              "其中服务管理人员 {{ f.staff.service_management|num }} 人，持有效售后服务管理师证书 {{ f.staff.certified_count|num }} 人。"
              "各部门人员构成见表1。")
    _department_table(doc)
    para(doc, "表1　各部门人员构成（人）。售后服务管理师指持有在有效期内证书的人员。", indent=False, size=9)

    heading(doc, "二、售后服务管理师配置")
    para(doc, "{% if requirement %}依据{{ standard.code }}第 {{ requirement_id }} 条：{{ requirement }}。{% endif %}"
              "本公司服务管理人员（人员类别为“{{ management_category }}”）共 {{ f.staff.service_management|num }} 人，按其 "
              "{{ '%g'|format(f.staff.manager_ratio_required) }}% 向上取整且不少于 {{ f.staff.manager_min_count }} 人计算，"
              "应配备售后服务管理师不少于 {{ f.staff.managers_required|num }} 人；现持有效证书的售后服务管理师 "
              "{{ f.staff.certified_count|num }} 人{% if f.staff.manager_ratio is not none %}，占服务管理人员的 "
              "{{ f.staff.manager_ratio|pct }}{% endif %}，{% if f.staff.managers_met %}满足要求{% else %}尚缺 "
              "{{ f.staff.managers_missing }} 人，不满足要求{% endif %}。")
    managers = table(doc, ["序号", "姓名", "部门", "岗位", "证书编号", "发证机构", "发证日期", "有效期至", "状态"],
                     ["{{ loop.index }}", "{{ h.staff.name }}", "{{ h.staff.department_name }}", "{{ h.staff.position }}",
                      "{{ h.qualification.number|dash }}", "{{ h.qualification.issuer|dash }}",
                      "{{ h.qualification.issued|iso }}", VALID_UNTIL, "{{ h.status }}"],
                     "for h in f.staff.manager_certificates", widths_mm=MANAGER_WIDTHS, size=8)
    fit_table(managers, MANAGER_WIDTHS)
    para(doc, "{% if not f.staff.manager_certificates %}（无）{% endif %}售后服务管理师证书复印件见证明材料。"
              "“即将到期”指有效期在 {{ f.staff.expiry_window_days }} 天内届满。", indent=False, size=9)

    _section_break(doc, "not large", landscape_after=True)
    heading(doc, "三、人员名册")
    tag(doc, "{%p if large %}")
    para(doc, "在册员工超过 {{ threshold }} 人，为便于查阅，正文仅列出上述汇总，人员名册全文（{{ f.staff.total|num }} 人）见附录一。"
              "名册不列示员工联系电话。")
    tag(doc, "{%p else %}")
    para(doc, "在册员工名单如下（按工号顺序；为保护员工个人信息，名册不列示联系电话）。")
    _register(doc, 7.5)
    tag(doc, "{%p endif %}")
    _section_break(doc, "not large", landscape_after=False)

    heading(doc, "四、其他资格证书")
    para(doc, "除售后服务管理师外，员工持有的特种作业、职业技能等资格证书汇总如表2{% if large %}，证书明细见附录二{% endif %}。")
    counts = table(doc, ["证书类别", "持证人数", "有效", "其中 {{ f.staff.expiry_window_days }} 天内到期", "已过期"],
                   ["{{ q.kind }}", "{{ q.holders|num }}", "{{ q.valid|num }}", "{{ q.expiring|num }}", "{{ q.expired|num }}"],
                   "for q in f.staff.qualification_counts", widths_mm=[70, 24, 24, 32, 24], size=8.5)
    fit_table(counts, [70, 24, 24, 32, 24])
    para(doc, "{% if not f.staff.qualification_counts %}（无）{% endif %}表2　其他资格证书持证情况（人）。有效期按"
              "{{ company.application.date|cn_date }}判定。", indent=False, size=9)
    tag(doc, "{%p if not large %}")
    _certificates(doc, 8)
    tag(doc, "{%p endif %}")

    last = _section_break(doc, "large", landscape_after=False)
    tag(doc, "{%p if large %}")
    heading(doc, "附录一　人员名册")
    _register(doc, 7)
    page_break(doc)
    heading(doc, "附录二　其他资格证书明细")
    _certificates(doc, 7)
    tag(doc, "{%p endif %}")
    size = last._sectPr.find(qn("w:pgSz"))        # the last section: landscape when it holds the appendices
    size.set(qn("w:w"), "{{ 16838 if large else 11906 }}")
    size.set(qn("w:h"), "{{ 11906 if large else 16838 }}")
    size.set(qn("w:orient"), "{{ 'landscape' if large else 'portrait' }}")
    return doc
