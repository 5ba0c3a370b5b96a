"""Blocks several documents share: the title head with its revisions, the cover and revision record of a
controlled document, and the ways a list of names, a missing value or a sentence holding a company's own
text is written."""

from __future__ import annotations

from functools import lru_cache
from typing import Iterable

from ..render.content import Column, Heading, Paragraph, Section, kv_table, table, text
from ..render.formatting import cn_date, dash, iso

__all__ = ["doc_head", "window_text", "control_cover", "revision_table", "joined", "sentence", "satisfaction_formula", "ORDINALS",
           "numbered"]

#: the Chinese ordinals that number a document's parts (一、二、…) and sub-parts (（一）（二）…)
ORDINALS = "一二三四五六七八九十"

#: marks a company's text may end with that give way to the mark the template puts after it
_CLAUSE_ENDS = "。；，、：.;,:"
#: what the template may put right after a company's text: its own mark, or a closing quote or bracket
_TEMPLATE_MARKS = _CLAUSE_ENDS + "”’）)》」』"
#: marks that end a sentence
_STOPS = "。！？!?"


def numbered(titles: Iterable[str], style: str = "一、") -> tuple[str, ...]:
    """Titles numbered in order as Chinese documents number their parts (``style``): 一、… for the parts,
    （一）… for their sections, 1. … below those."""
    marks = {"一、": "{}、", "（一）": "（{}）"}
    if style == "1.":
        return tuple(f"{i}. {t}" for i, t in enumerate(titles, 1))
    return tuple(marks[style].format(ORDINALS[i]) + t for i, t in enumerate(titles))


def joined(values: Iterable, sep: str = "、") -> str:
    """Names joined as Chinese lists them, — when there are none."""
    return dash(sep.join(str(v) for v in values if v))


def sentence(*parts, end: str = "。") -> str:
    """One sentence from the template's words and a company's own texts, however the company ended them:
    where a part ending in 。；，… meets a part that begins with the template's own mark (or a closing
    quote or bracket), the company's mark gives way (“诚信服务。” + ”。 → 诚信服务”。; 每月。 + ； → 每月；),
    a 。 after ！ or ？ is dropped, and the whole ends with ``end`` (its last 。；， replaced) unless it
    already ends a sentence. Empty parts are left out."""
    out = ""
    for part in (str(p) for p in parts if p is not None and p != ""):
        if out and part[0] in _TEMPLATE_MARKS:
            out = out.rstrip(_CLAUSE_ENDS) or out
        if out and out[-1] in "！？!?" and part[0] in "。.":
            part = part[1:]
        out += part
    if not end or not out:
        return out
    if out[-1] in _STOPS:
        return out
    return out.rstrip(_CLAUSE_ENDS) + end


#: the satisfaction fields a formula may cite by their label in quotes (“视为满意的最低分”), and their unit
_FORMULA_FIELDS = (("satisfied_min", "分"), ("scale", "分"))


@lru_cache(maxsize=None)
def _formula_fields() -> tuple[tuple[str, str, str], ...]:
    """(“label”, field, unit) of each field a satisfaction formula may cite, the labels as the schema has them."""
    from ..schemas import load_schema, rules_at

    schema = load_schema("satisfaction")
    return tuple((f"“{rules_at(schema, (name,))['meta']['label']}”", name, unit) for name, unit in _FORMULA_FIELDS)


def satisfaction_formula(satisfaction) -> str:
    """The survey's formula as documents print it: a field it cites by its label in quotes (the default
    formula cites “视为满意的最低分”) reads as that field's value: 不低于 4 分."""
    formula = str(satisfaction.formula)
    for quoted, name, unit in _formula_fields():
        if quoted in formula:
            formula = formula.replace(quoted, f" {getattr(satisfaction, name)} {unit}")
    return formula


def doc_head(company: str, doc, meta: str = "", version: str = "版本") -> tuple:
    """The document's title, the line under it (company, ``meta``, the document's own version after the
    word ``version``: 本表版本 where ``meta`` cites another document's, the date it is issued), and its
    automatic revision rows if it has any."""
    issued = f"发布日期 {cn_date(doc.issued)}" if doc.issued else ""
    line = "　".join(part for part in (company, meta, f"{version} {doc.version}", issued) if part)
    blocks = [Heading(doc.title, 1), Paragraph(text(line), "meta")]
    if doc.revisions:
        blocks.append(table((Column("版本", 12, "center"), Column("日期", 16, "center"), Column("修订内容")),
                            ((r.version, iso(r.date), r.description) for r in doc.revisions), size=8))
    return tuple(blocks)


def window_text(d) -> str:
    """The pack's reporting window, as the record documents state it."""
    window = d.submission.window
    return f"统计期 {cn_date(window.start)}至{cn_date(window.end)}"


def control_cover(company: str, title: str, control, signed: tuple, subtitle: str = "") -> Section:
    """The cover of a controlled document: company, title, the document control table (``signed``: its
    编制/审核/批准 pairs, see builders.signing.sign_off_pairs), the status stamp."""
    rows = (("文件编号", control.code), ("版本/修订", control.version), *signed, ("发布日期", cn_date(control.issued)),
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

