"""What the init templates leave for the company to fill in, and how it is recognised.

A text the company must write is a placeholder (``〔待填：申请单位全称〕``: the brackets alone are not one,
document numbers are written 国办发〔2020〕12号); a typed value (a date, a number, a phone) the template can
only give as an example carries the mark ``〔待填〕`` in the comment of its line, or, in a table's cell
(a workbook has no comments that every spreadsheet program keeps), after the value: ``2026-03-15 〔待填〕``.
Both count as not yet filled in until the company replaces them.
"""

from __future__ import annotations

import re

__all__ = ["MARK", "placeholder_in", "marked_lines", "mark_cell", "unmark_cell"]

#: the comment that marks a template's example value on its line
MARK = "〔待填〕"
_TEXT = re.compile(r"〔待填(?:：[^〔〕\n]{0,80})?〕")


def placeholder_in(value) -> str | None:
    """The first placeholder a text value still holds, if any."""
    if not isinstance(value, str):
        return None
    found = _TEXT.search(value)
    return found.group() if found else None


def marked_lines(text: str) -> frozenset[int]:
    """The (1-based) lines whose comment carries the mark."""
    return frozenset(number for number, line in enumerate(text.splitlines(), start=1)
                     if MARK in line.partition("#")[2])


def mark_cell(text: str) -> str:
    """A table cell's text marked as the template's example value."""
    return f"{text} {MARK}"


def unmark_cell(text: str) -> tuple[str, bool]:
    """A cell's text without its example mark, and whether it had one (a mark alone is not one: it is
    left as the placeholder it reads as)."""
    if text.endswith(MARK) and text[:-len(MARK)].strip():
        return text[:-len(MARK)].rstrip(), True
    return text, False
