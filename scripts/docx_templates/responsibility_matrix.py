"""DOCX template of 职能分配表.

The number of department columns depends on the data, so the table is built with docxtpl's column
loop ({%tc for %}) inside the row loop ({%tr for %}), and the widths the builder computes are
written into the grid and the cells as template expressions, as are the page size and orientation
of the section (portrait or landscape, as the builder decides).
"""

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from .kit import _cell_text, _repeat_header, _shade, doc_head, new_document, para, tag
from .org_chart import keep_rows_whole

SIZE = 8.5


def _width(cell, expression: str) -> None:
    """The cell's width (in twips) is the value of a template expression."""
    props = cell._tc.get_or_add_tcPr()
    width = props.find(qn("w:tcW"))
    if width is None:
        width = OxmlElement("w:tcW")
        props.insert(0, width)
    width.set(qn("w:w"), "{{ " + expression + " }}")
    width.set(qn("w:type"), "dxa")


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
    _width(head.cells[0], "matrix.docx.first")
    _width(head.cells[2], "matrix.docx.column")

    _tag_row(t, "{%tr for row in matrix.rows %}")
    _tag_row(t, "{%tr if row.group %}")
    group = t.add_row()
    cell = group.cells[0].merge(group.cells[3])
    _cell_text(cell, "{% colspan matrix.span %}{{ row.label }}", bold=True, size=SIZE)
    _shade(cell, "F1F3F7")
    _tag_row(t, "{%tr elif row.excluded %}")
    excluded = t.add_row()
    _cell_text(excluded.cells[0], "{{ row.label }}", size=SIZE)
    _width(excluded.cells[0], "matrix.docx.first")
    rest = excluded.cells[1].merge(excluded.cells[3])
    _cell_text(rest, "{% colspan matrix.columns|length %}删减", align=center, size=SIZE)
    _width(rest, "matrix.docx.rest")
    _tag_row(t, "{%tr else %}")
    body = t.add_row()
    for cell, text in zip(body.cells, ["{{ row.label }}", "{%tc for mark in row.cells %}", "{{ mark }}",
                                       "{%tc endfor %}"]):
        _cell_text(cell, text, align=None if text == "{{ row.label }}" else center, size=SIZE)
    _width(body.cells[0], "matrix.docx.first")
    _width(body.cells[2], "matrix.docx.column")
    for row in (group, excluded, body):
        height = OxmlElement("w:trHeight")
        height.set(qn("w:val"), "360")
        height.set(qn("w:hRule"), "atLeast")
        row._tr.get_or_add_trPr().append(height)
    _tag_row(t, "{%tr endif %}")
    _tag_row(t, "{%tr endfor %}")

    # the grid: one column for the indicators, then one per department
    grid = t._tbl.tblGrid
    columns = grid.findall(qn("w:gridCol"))
    for extra in columns[1:]:
        grid.remove(extra)
    columns[0].set(qn("w:w"), "{{ matrix.docx.first }}")
    columns[0].tail = "{% for c in matrix.columns %}"
    department = OxmlElement("w:gridCol")
    department.set(qn("w:w"), "{{ matrix.docx.column }}")
    department.tail = "{% endfor %}"
    grid.append(department)
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    t._tbl.tblPr.append(layout)
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
    para(doc, "注：{{ lead_mark }} 主责部门；{{ support_mark }} 配合部门；“删减”表示该指标不适用于本公司，已在认证申请中删减。"
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
