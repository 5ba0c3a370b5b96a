"""What the init templates leave for the company to fill in, and how it is recognised.

A text the company must write is a placeholder (``〔待填：申请单位全称〕``: the brackets alone are not one,
document numbers are written 国办发〔2020〕12号); a typed value (a date, a number, a phone) the template can
only give as an example carries the mark ``〔待填〕`` in the comment of its line. Both count as not yet
filled in until the company replaces them.
"""

from __future__ import annotations

import re

__all__ = ["MARK", "placeholder_in", "marked_lines"]

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
