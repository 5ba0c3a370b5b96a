"""Write the one DOCX base template, dossier/templates/docx/base.docx:  python -m scripts.docx_base

Every document's DOCX is its content composed into this file (dossier/render/docx_writer.py). It holds the
A4 page set-up, the running header ({{ company }} and {{ code }}), the page-number footer, and every style
the content uses, each naming its east-Asian font (宋体 for text, 黑体 for headings) so that Word never
falls back to the theme's Japanese face. This is the only place fonts are named for Word.

A consultant may restyle base.docx in Word and save it in place (then stop regenerating it): the writer
refers to the styles by their ids, which Word keeps.
"""

from __future__ import annotations

import io

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from dossier.render.archives import stable_zip
from dossier.render.docx_writer import BASE, STYLE_IDS

SERIF, SANS, LATIN = "宋体", "黑体", "Times New Roman"
INK = RGBColor(0x11, 0x11, 0x11)
CENTER, RIGHT = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT


def _fonts(element, east_asia: str) -> None:
    """Name the fonts of a style (or of the document defaults) and its languages."""
    rpr = element.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        element.append(rpr)
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    for attr, value in (("w:ascii", LATIN), ("w:hAnsi", LATIN), ("w:eastAsia", east_asia), ("w:cs", LATIN)):
        fonts.set(qn(attr), value)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")


def _style(doc, name: str, *, font: str = SERIF, size: float = 10.5, bold: bool = False, before: float = 0,
           after: float = 3, align=None, indent: bool = False, keep_next: bool = False, colour: RGBColor = INK,
           based_on: str | None = None):
    styles = doc.styles
    style = styles[name] if name in [s.name for s in styles] else styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    if based_on:
        style.base_style = styles[based_on]
    _fonts(style.element, font)
    style.font.size, style.font.bold, style.font.italic, style.font.color.rgb = Pt(size), bold, False, colour
    fmt = style.paragraph_format
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    fmt.first_line_indent = Pt(size * 2) if indent else None
    fmt.keep_with_next = keep_next or None
    if align is not None:
        fmt.alignment = align
    return style


def _field(paragraph, instruction: str) -> None:
    simple = OxmlElement("w:fldSimple")
    simple.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    simple.append(run)
    paragraph._p.append(simple)


def _frame(style) -> None:
    """A red frame around the paragraph (the excluded notice)."""
    ppr = style.element.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    for side in ("top", "left", "bottom", "right"):
        line = OxmlElement(f"w:{side}")
        for attr, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "4"), ("w:color", "A61B1B")):
            line.set(qn(attr), value)
        borders.append(line)
    ppr.append(borders)


def build():
    doc = Document()
    _fonts(doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")), SERIF)
    _style(doc, "Normal", after=3)
    _style(doc, "Title", font=SANS, size=20, bold=True, after=10, align=CENTER)
    _style(doc, "Heading 1", font=SANS, size=16, bold=True, before=6, after=4, align=CENTER, keep_next=True)
    _style(doc, "Heading 2", font=SANS, size=13, bold=True, before=10, after=4, keep_next=True)
    _style(doc, "Heading 3", font=SANS, size=11.5, bold=True, before=8, after=3, keep_next=True)
    _style(doc, "Heading 4", font=SANS, size=11, bold=True, before=8, after=3, keep_next=True)
    _style(doc, "Caption", size=9, after=6, align=CENTER)
    for name in ("List Bullet", "List Number"):
        _style(doc, name, after=2)
    _fonts(doc.styles["Table Grid"].element, SERIF)
    ids = {}
    for content, name, options in (
            ("body", "Body", {"indent": True}), ("plain", "Plain", {}), ("note", "Note", {"size": 9, "before": 2}),
            ("lead", "Lead", {"indent": True, "keep_next": True}),
            ("label", "Label", {"font": SANS, "bold": True, "before": 6, "after": 2, "keep_next": True}),
            ("small", "Small", {"size": 8.5, "after": 1, "keep_next": True}),
            ("meta", "Meta", {"size": 9, "after": 8, "align": CENTER}), ("center", "Center", {"align": CENTER}),
            ("signature", "Signature", {"before": 24, "align": RIGHT}),
            ("excluded", "Excluded", {"colour": RGBColor(0xA6, 0x1B, 0x1B), "before": 2, "after": 4}),
            ("cover-company", "Cover Company", {"font": SANS, "size": 16, "bold": True, "before": 60, "after": 70,
                                                "align": CENTER}),
            ("cover-title", "Cover Title", {"font": SANS, "size": 28, "bold": True, "after": 20, "align": CENTER}),
            ("cover-subtitle", "Cover Subtitle", {"size": 12, "after": 70, "align": CENTER}),
            ("cover-count", "Cover Count", {"size": 12, "after": 70, "align": CENTER}),
            ("cover-stamp", "Cover Stamp", {"font": SANS, "size": 14, "bold": True, "before": 12, "after": 12,
                                            "align": CENTER, "colour": RGBColor(0xA6, 0x1B, 0x1B)}),
            ("cover-issuer", "Cover Issuer", {"size": 12, "before": 70, "align": CENTER})):
        style = _style(doc, name, **options)
        ids[content] = style.style_id
        if content == "excluded":
            _frame(style)
    cell = _style(doc, "Table Text", size=9, after=0)
    assert ids == STYLE_IDS and cell.style_id == "TableText", (ids, cell.style_id)

    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(24), Mm(22)
    section.left_margin, section.right_margin = Mm(20), Mm(18)
    section.header_distance = section.footer_distance = Mm(10)
    header = section.header.paragraphs[0]
    header.text = "{{ company }}\t\t{{ code }}"
    footer = section.footer.paragraphs[0]
    footer.alignment = CENTER
    footer.add_run("第 ")
    _field(footer, "PAGE")
    footer.add_run(" 页 / 共 ")
    _field(footer, "NUMPAGES")
    footer.add_run(" 页")
    for paragraph in (header, footer):
        for run in paragraph.runs:
            run.font.size = Pt(8.5)
    doc.add_paragraph("{{p body }}")
    return doc


def build_bytes() -> bytes:
    buffer = io.BytesIO()
    build().save(buffer)
    return stable_zip(buffer.getvalue())


def main() -> None:
    BASE.parent.mkdir(parents=True, exist_ok=True)
    BASE.write_bytes(build_bytes())
    print(f"wrote {BASE}")


if __name__ == "__main__":
    main()
