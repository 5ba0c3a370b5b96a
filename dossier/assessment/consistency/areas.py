"""Places as Chinese administrative names write them, read without a gazetteer: ``福建省宁德市蕉城区`` is the
chain 福建省 › 宁德市 › 蕉城区; a service range ``宁德市蕉城区、东侨经济技术开发区及福安市`` is three chains, the
later ones under the first one's parent; whether one place lies in another is read off their names."""

from __future__ import annotations

import re

__all__ = ["units", "ranges", "relation", "WHOLE", "PART"]

#: the end of an administrative name, longest first
_UNIT = re.compile(r".+?(?:特别行政区|自治区|自治州|自治县|自治旗|地区|省|市|州(?![市县区])|盟|区|县|旗)")
_PROVINCE = ("省", "自治区", "特别行政区")
_NOTES = re.compile(r"（[^）]*）|\([^)]*\)")
_SEPARATORS = re.compile(r"[、，,；;/\s]+|(?<=[市区县州旗])(?:及|和|与)")
WHOLE, PART = "whole", "part"


def units(name: str) -> tuple[str, ...]:
    """The administrative units a name is made of, from the largest: 浙江省嘉兴市南湖区 → 浙江省, 嘉兴市, 南湖区.
    What follows the last unit (全境, 城区) is dropped; a name without a unit gives none."""
    return tuple(u for u in _UNIT.findall(name.strip()) if len(u) > 1)


def _anchored(found: tuple[str, ...], region: tuple[str, ...], previous: tuple[str, ...] | None) -> tuple[str, ...]:
    if found[0] in region:
        return region[:region.index(found[0])] + found
    if previous is not None and (len(found) == 1 or not found[0].endswith(_PROVINCE)):
        return previous[:-1] + found
    if len(found) == 1 and region:
        return region[:-1] + found
    return found


def ranges(coverage: str, region: str = "") -> tuple[tuple[str, ...], ...]:
    """The places a service range names, each as its chain of units: a name standing alone is read under
    the parent of the name before it (or of the outlet's region, for the first)."""
    home = units(region)
    out: list[tuple[str, ...]] = []
    for token in _SEPARATORS.split(_NOTES.sub("", coverage or "")):
        found = units(token)
        if found:
            out.append(_anchored(found, home, out[-1] if out else None))
    return tuple(out)


def relation(claim: tuple[str, ...], served: tuple[str, ...]) -> str | None:
    """How a place served (``served``) relates to a place claimed: WHOLE when it is the claim or contains
    it, PART when it lies inside it, None when neither."""
    if not claim or not served:
        return None
    last = claim[-1]
    if last in served:
        j = served.index(last)
        before = claim[-2] if len(claim) > 1 else None
        if before is not None and j > 0 and served[j - 1] != before:
            return None
        return WHOLE if j == len(served) - 1 else PART
    return WHOLE if served[-1] in claim else None
