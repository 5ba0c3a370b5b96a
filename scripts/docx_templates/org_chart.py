"""DOCX template of 组织机构图: two landscape pages of drawings, then the duties and roles in portrait."""

from docx.shared import Pt

from .kit import (_cell_text, doc_head, fit_table, heading, image, keep_rows_whole, landscape_section, new_document,
                  para, portrait_section, table)










DEPARTMENT_WIDTHS = [10, 27, 25, 17, 16, 77]
ROLE_WIDTHS = [10, 28, 18, 22, 94]


def build():
    doc = new_document(landscape=True)
    doc_head(doc, "{{ doc.title }}", "{{ company.name }}　截至 {{ company.application.date|cn_date }}")
    para(doc, "{{ company.name }}依据{{ standard.full_title }}建立售后服务体系，公司组织机构如图1所示{% if service_departments %}，"
              "图中以浅橙色底色标示属于售后服务体系的部门：{{ service_departments|map(attribute='name')|join('、') }}"
              "{% endif %}。各部门的职责见本文件第三部分，关键岗位及任职人员见第四部分。")
    heading(doc, "一、公司组织机构图")
    image(doc, "org_chart", "图1　{{ company.name }}组织机构图")
    landscape_section(doc)
    heading(doc, "二、售后服务组织机构图")
    para(doc, "{% if service_chart %}售后服务体系由{{ service_departments|map(attribute='name')|join('、') }}组成。"
              "公司共设售后服务网点 {{ f.outlets.total }} 个，其中自建网点 {{ f.outlets.own }} 个、委托网点 "
              "{{ f.outlets.entrusted }} 个，图2将各网点列于管理网点的部门之下，自建网点以实线框、委托网点以虚线框表示。"
              "{% else %}组织机构数据中没有标明属于售后服务体系的部门，无法绘制售后服务组织机构图。{% endif %}")
    image(doc, "service_chart or ''", "{% if service_chart %}图2　售后服务组织机构图{% endif %}")
    portrait_section(doc)
    heading(doc, "三、部门设置及职责")
    departments = table(doc, ["序号", "部门", "上级部门", "负责人", "售后服务体系", "部门职责"],
                        ["{{ loop.index }}", "{{ x.name }}", "{{ parent_names[x.id] }}", "{{ x.head_name|dash }}",
                         "{{ '是' if x.after_sales else '否' }}", ""],
                        "for x in d.departments", widths_mm=DEPARTMENT_WIDTHS, size=8)
    fit_table(departments, DEPARTMENT_WIDTHS)
    duties = departments.rows[2].cells[5]
    _cell_text(duties, "{%p for t in x.duties %}", size=8)
    for text in ("{{ loop.index }}. {{ t }}", "{%p endfor %}", "{%p if not x.duties %}", "—", "{%p endif %}"):
        p = duties.add_paragraph()
        run = p.add_run(text)
        run.font.size = Pt(8)
        p.paragraph_format.space_after = Pt(0)
    keep_rows_whole(departments)
    heading(doc, "四、关键岗位及任职人员")
    roles = table(doc, ["序号", "岗位", "任职人员", "任命日期", "岗位职责"],
                  ["{{ loop.index }}", "{{ r.role }}", "{{ r.staff_name|dash }}", "{{ r.appointed|iso }}",
                   "{{ r.duties|dash }}"], "for r in d.roles", widths_mm=ROLE_WIDTHS, size=8)
    fit_table(roles, ROLE_WIDTHS)
    return doc
