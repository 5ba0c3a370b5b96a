"""Blocks several documents share: the title head with its revisions, the cover and revision record of a
controlled document, and the ways a list of names or a missing value is written."""

from __future__ import annotations

from typing import Iterable

from ..render.content import Column, Heading, Paragraph, Section, kv_table, table, text
from ..render.formatting import cn_date, dash, iso

__all__ = ["doc_head", "control_cover", "revision_table", "joined"]


def joined(values: Iterable, sep: str = "、") -> str:
    """Names joined as Chinese lists them, — when there are none."""
    return dash(sep.join(str(v) for v in values if v))


def doc_head(company: str, doc, meta: str = "") -> tuple:
    """The document's title, the line under it (company, ``meta``, the version), and its automatic
    revision rows if it has any."""
    line = "　".join(part for part in (company, meta, f"版本 {doc.version}") if part)
    blocks = [Heading(doc.title, 1), Paragraph(text(line), "meta")]
    if doc.revisions:
        blocks.append(table((Column("版本", 12, "center"), Column("日期", 16, "center"), Column("修订内容")),
                            ((r.version, iso(r.date), r.description) for r in doc.revisions), size=8))
    return tuple(blocks)


def control_cover(company: str, title: str, control, subtitle: str = "") -> Section:
    """The cover of a controlled document: company, title, the document control table, the status stamp."""
    rows = (("文件编号", control.code), ("版本/修订", control.version), ("编制", control.prepared_by),
            ("审核", control.reviewed_by), ("批准", control.approved_by), ("发布日期", cn_date(control.issued)),
            ("实施日期", cn_date(control.effective)), ("分发号", dash(control.copy_number)))
    return Section((Paragraph(text(company), "cover-company"), Paragraph(text(title), "cover-title"),
                    Paragraph(text(subtitle), "cover-subtitle"),
                    kv_table(rows, columns=1, widths=(30.0, 70.0), size=10.5),
                    Paragraph(text(control.status), "cover-stamp"), Paragraph(text(f"{company} 发布"), "cover-issuer")),
                   page="cover")


def revision_table(control, anchor: str | None = None, title: str = "修订记录") -> tuple:
    """The 修订记录 of a controlled document (``anchor``: where the contents point at it)."""
    return (Heading(title, 2, anchor=anchor),
            table((Column("版本", 12, "center"), Column("日期", 16, "center", nowrap=True), Column("修订内容"),
                   Column("修订人", 14, "center")),
                  ((r.version, iso(r.date), r.description, r.by_name) for r in control.revisions),
                  empty="（无修订）"))

