"""DOCX template of 职能分配表.

The number of department columns depends on the data, so the table is built with docxtpl's column
loop ({%tc for %}) inside the row loop ({%tr for %}), and the widths the builder computes are
written into the grid and the cells as template expressions, as are the page size and orientation
of the section (portrait or landscape, as the builder decides).
"""

from docx.enum.table import WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm

from .kit import (_cell_text, _repeat_header, _shade, doc_head, fit_table, keep_rows_whole, looped_grid, new_document,
                  para, tag, width_expression)

SIZE = 8.5




def _tag_row(table, tag: str):
    row = table.add_row()
    _cell_text(row.cells[0], tag, size=SIZE)
    return row


def _matrix(doc):
    """Columns: indicator | {%tc for %} | department cell | {%tc endfor %} — 4 in the template."""
    t = doc.add_table(rows=0, cols=4)
    t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    center = WD_ALIGN_PARAGRAPH.CENTER

    head = t.add_row()
    _repeat_header(head)
    for cell, text in zip(head.cells, ["评价指标", "{%tc for c in matrix.columns %}", "{{ c.name }}", "{%tc endfor %}"]):
        _cell_text(cell, text, bold=True, align=center, size=8)
        _shade(cell)
    width_expression(head.cells[0], "matrix.docx.first")
    width_expression(head.cells[2], "matrix.docx.column")

    _tag_row(t, "{%tr for row in matrix.rows %}")
    _tag_row(t, "{%tr if row.group %}")
    group = t.add_row()
    cell = group.cells[0].merge(group.cells[3])
    _cell_text(cell, "{% colspan matrix.span %}{{ row.label }}", bold=True, size=SIZE)
    _shade(cell, "F1F3F7")
    _tag_row(t, "{%tr elif row.excluded %}")
    excluded = t.add_row()
    _cell_text(excluded.cells[0], "{{ row.label }}", size=SIZE)
    width_expression(excluded.cells[0], "matrix.docx.first")
    rest = excluded.cells[1].merge(excluded.cells[3])
    _cell_text(rest, "{% colspan matrix.columns|length %}删减", align=center, size=SIZE)
    width_expression(rest, "matrix.docx.rest")
    _tag_row(t, "{%tr else %}")
    body = t.add_row()
    for cell, text in zip(body.cells, ["{{ row.label }}", "{%tc for mark in row.cells %}", "{{ mark }}",
                                       "{%tc endfor %}"]):
        _cell_text(cell, text, align=None if text == "{{ row.label }}" else center, size=SIZE)
    width_expression(body.cells[0], "matrix.docx.first")
    width_expression(body.cells[2], "matrix.docx.column")
    for row in (group, excluded, body):
        row.height, row.height_rule = Mm(6.3), WD_ROW_HEIGHT_RULE.AT_LEAST
    _tag_row(t, "{%tr endif %}")
    _tag_row(t, "{%tr endfor %}")

    looped_grid(t, ["matrix.docx.first"], "for c in matrix.columns", "matrix.docx.column")
    fit_table(t)
    keep_rows_whole(t)
    return t




def _page_from_template(doc) -> None:
    size = doc.sections[0]._sectPr.find(qn("w:pgSz"))
    size.set(qn("w:w"), "{{ matrix.docx.page_w }}")
    size.set(qn("w:h"), "{{ matrix.docx.page_h }}")
    size.set(qn("w:orient"), "{{ matrix.docx.orient }}")


def build():
    doc = new_document()
    doc_head(doc, "{{ doc.title }}", "{{ company.name }}　《{{ d.system.manual.title }}》{{ control.code }}　"
                                     "{{ control.version }} 版")
    para(doc, "为保证{{ standard.full_title }}各项评价指标的要求在{{ company.name }}得到落实，公司按二级指标将售后服务体系的"
              "职能分配到各部门：每项指标确定一个主责部门（{{ lead_mark }}），负责组织实施并对结果负责；配合部门"
              "（{{ support_mark }}）在各自职责范围内协助实施。")
    _matrix(doc)
    para(doc, "注：{{ lead_mark }} 主责部门；{{ support_mark }} 配合部门；“删减”表示该指标不适用于本公司而予以删减。"
              "{% if matrix.omitted %}表中未列出的部门（{{ matrix.omitted|map(attribute='name')|join('、') }}）"
              "不承担上述指标的职能。{% endif %}", indent=False, size=9)
    tag(doc, "{%p if exclusions %}")
    para(doc, "删减说明：{% for label, reason in exclusions %}{{ label }}——{{ reason }}"
              "{% if not loop.last %}；{% endif %}{% endfor %}。", indent=False, size=9)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if matrix.unassigned %}")
    para(doc, "以下指标尚未分配主责部门：{{ matrix.unassigned|join('、') }}。", indent=False, size=9)
    tag(doc, "{%p endif %}")
    doc.add_paragraph()
    para(doc, "编制：{{ control.prepared_by|dash }}　　　　审核：{{ control.reviewed_by|dash }}　　　　"
              "批准：{{ control.approved_by|dash }}　　　　日期：{{ control.issued|cn_date }}", indent=False)
    _page_from_template(doc)
    return doc
