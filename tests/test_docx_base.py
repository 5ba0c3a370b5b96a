"""The DOCX base template: what scripts/docx_base.py makes, with every style the writer names."""

from __future__ import annotations

import docx

from dossier.render.docx_writer import BASE, STYLE_IDS
from scripts.docx_base import build_bytes

#: Word's own styles the writer names (besides the dossier's paragraph styles)
WORD_STYLES = {"Heading1", "Heading2", "Heading3", "Heading4", "Caption", "ListBullet", "ListNumber", "TableGrid",
               "TableText"}


def test_committed_base_template_is_up_to_date():
    assert build_bytes() == BASE.read_bytes(), "regenerate with: .venv/bin/python -m scripts.docx_base"


def test_base_template_has_every_style_the_writer_names():
    document = docx.Document(BASE)
    ids = {style.style_id for style in document.styles}
    assert (set(STYLE_IDS.values()) | WORD_STYLES) - ids == set()


def test_every_style_names_an_east_asian_font():
    """Word falls back to the theme's Japanese face unless a style names the east-Asian font."""
    document = docx.Document(BASE)
    for style_id in set(STYLE_IDS.values()) | {"Heading1", "Heading2", "Heading3", "Heading4", "TableText"}:
        style = next(s for s in document.styles if s.style_id == style_id)
        fonts = style.element.find(".//{http://schemas.openxmlformats.org/wordprocessingml/2006/main}rFonts")
        assert fonts is not None and fonts.get(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia") in ("宋体", "黑体"), style_id


def test_header_and_body_placeholders():
    document = docx.Document(BASE)
    assert [p.text for p in document.paragraphs] == ["{{p body }}"]
    assert document.sections[0].header.paragraphs[0].text == "{{ company }}\t\t{{ code }}"
