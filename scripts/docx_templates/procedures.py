"""DOCX template of 程序文件汇编: cover, 文件清单, then each procedure from a new page.

The Word header carries one document number for the whole file (the collection's); each procedure's own
number stands in its document control block.
"""

from docx.enum.text import WD_ALIGN_PARAGRAPH

from .kit import (bullets, heading, kv_table, new_document, page_break, para, revision_table, table, tag,
                  text_paragraphs)

CENTER = WD_ALIGN_PARAGRAPH.CENTER
INDICATORS = "{% for ind in x.indicators %}{{ ind.label }}{% if not loop.last %}、{% endif %}{% endfor %}"


def cover(doc):
    for _ in range(4):
        doc.add_paragraph()
    para(doc, "{{ company.name }}", indent=False, align=CENTER, bold=True, size=16)
    for _ in range(4):
        doc.add_paragraph()
    doc.add_paragraph("{{ doc.title }}", style="Title")
    para(doc, "依据 {{ standard.full_title }}", indent=False, align=CENTER, size=12)
    para(doc, "收录售后服务程序文件和管理制度共 {{ procedures|length }} 份", indent=False, align=CENTER, size=12)
    for _ in range(8):
        doc.add_paragraph()
    para(doc, "{{ company.name }}", indent=False, align=CENTER, size=12)
    page_break(doc)




def procedure(doc):
    h = heading(doc, "{{ x.p.title }}", 1)
    h.paragraph_format.page_break_before = True
    c = "x.p.control"
    kv_table(doc, [("文件编号", f"{{{{ {c}.code }}}}"), ("版本/修订", f"{{{{ {c}.version }}}}"),
                   ("编制", f"{{{{ {c}.prepared_by }}}}"), ("审核", f"{{{{ {c}.reviewed_by }}}}"),
                   ("批准", f"{{{{ {c}.approved_by }}}}"), ("受控状态", f"{{{{ {c}.status }}}}"),
                   ("发布日期", f"{{{{ {c}.issued|cn_date }}}}"), ("实施日期", f"{{{{ {c}.effective|cn_date }}}}"),
                   ("归口部门", "{{ x.p.owner_name }}"), ("分发号", f"{{{{ {c}.copy_number|dash }}}}"),
                   ("对应指标", INDICATORS)])
    revision_table(doc, c)
    heading(doc, "1　目的")
    text_paragraphs(doc, "x.p.purpose")
    heading(doc, "2　范围")
    text_paragraphs(doc, "x.p.scope")
    heading(doc, "3　职责")
    table(doc, ["部门", "职责"], ["{{ r.department_name }}", "{{ r.duty }}"], "for r in x.p.responsibilities",
          widths_mm=[38, 134])
    heading(doc, "4　工作程序")
    tag(doc, "{%p for step in x.p.steps %}")
    heading(doc, "4.{{ loop.index }}　{{ step.title }}", 3)
    text_paragraphs(doc, "step.text")
    tag(doc, "{%p endfor %}")
    heading(doc, "5　相关文件")
    para(doc, "{% if not x.p.references %}无。{% endif %}")
    bullets(doc, "for ref in x.p.references", "{{ ref }}")
    heading(doc, "6　记录")
    para(doc, "{% if not x.p.records %}无。{% endif %}")
    bullets(doc, "for rec in x.p.records", "{{ rec }}")


def build():
    doc = new_document()
    cover(doc)
    heading(doc, "文件清单", 1)
    table(doc, ["序号", "文件编号", "文件名称", "版本", "归口部门", "实施日期", "对应指标"],
          ["{{ loop.index }}", "{{ x.p.control.code }}", "{{ x.p.title }}", "{{ x.p.control.version }}",
           "{{ x.p.owner_name }}", "{{ x.p.control.effective|iso }}", INDICATORS],
          "for x in procedures", widths_mm=[10, 20, 42, 12, 22, 22, 44], size=8)
    tag(doc, "{%p for x in procedures %}")
    procedure(doc)
    tag(doc, "{%p endfor %}")
    return doc
