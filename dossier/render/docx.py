"""DOCX through docxtpl: autoescaped Jinja, XML-safe text, and byte-stable files."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime
from functools import lru_cache
from pathlib import Path

from docxtpl import DocxTemplate, InlineImage
from docx.shared import Mm
from jinja2 import Environment, StrictUndefined

from .formatting import FILTERS

__all__ = ["DOCX_TEMPLATES", "DocxImage", "render_docx", "stable_zip"]

DOCX_TEMPLATES = Path(__file__).resolve().parent.parent / "templates" / "docx"
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


class DocxImage:
    """An image for a DOCX template: PNG bytes and the width it should take on the page."""

    def __init__(self, png: bytes, width_mm: float):
        self.png = png
        self.width_mm = width_mm


def _finalize(value):
    if isinstance(value, str):
        return _ILLEGAL_XML.sub("", value)
    return "" if value is None else value


@lru_cache(maxsize=None)
def _environment() -> Environment:
    env = Environment(autoescape=True, undefined=StrictUndefined, finalize=_finalize)
    env.filters.update(FILTERS)
    return env


def _with_images(template: DocxTemplate, value):
    """Replace DocxImage values (at any depth of dicts and lists) by docxtpl InlineImages."""
    if hasattr(value, "docx_image"):   # a chart: its PNG face
        value = value.docx_image
    if isinstance(value, DocxImage):
        return InlineImage(template, io.BytesIO(value.png), width=Mm(value.width_mm))
    if isinstance(value, dict):
        return {k: _with_images(template, v) for k, v in value.items()}
    if isinstance(value, (list, tuple)) and any(hasattr(v, "docx_image") or isinstance(v, (dict, list))
                                                for v in value):
        return [_with_images(template, v) for v in value]
    return value


def render_docx(template_name: str, context: dict, *, title: str, author: str, subject: str,
                keywords: str, when: datetime) -> bytes:
    """Render ``templates/docx/<template_name>`` with ``context``; same input, same bytes."""
    template = DocxTemplate(DOCX_TEMPLATES / template_name)
    template.render(_with_images(template, context), jinja_env=_environment(), autoescape=True)
    props = template.docx.core_properties
    props.title, props.author, props.subject, props.keywords = title, author, subject, keywords
    props.last_modified_by, props.comments, props.revision = author, "", 1
    props.created = props.modified = when
    buffer = io.BytesIO()
    template.save(buffer)
    return stable_zip(buffer.getvalue())


def stable_zip(data: bytes) -> bytes:
    """The same archive with fixed timestamps, so identical content gives identical bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, _ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()
