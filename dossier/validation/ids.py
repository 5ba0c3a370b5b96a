"""The ids each file defines, collected before validation so references across files can be checked."""

from __future__ import annotations

from dataclasses import dataclass

from ..schemas import fields_where
from ..load.sources import Sources, matches
from ..standard import Standard, available_standards
from ..standard.trades import trade_profiles

__all__ = ["IdSet", "collect_ids"]


@dataclass(frozen=True)
class IdSet:
    """The known ids of one kind, and where a user finds them (for messages)."""

    ids: frozenset[str]
    where: str

    def describe(self) -> str:
        return self.where


def collect_ids(sources: Sources, standard: Standard) -> dict[str, IdSet]:
    """The ids each loaded file defines. A kind whose defining list could not be read (its file missing,
    unreadable, or without the list) is left out: references to it are not checked, so one broken file
    is one problem, not one per reference to it."""
    found: dict[str, IdSet] = {}
    for name, source in sources.files.items():
        for path, rules in fields_where(name, "defines"):
            kind = rules["meta"]["defines"]
            lists = [parent[key] for _path, parent, key in matches(source.data, path) if isinstance(parent[key], list)]
            if not lists:
                continue
            ids = {str(item["id"]) for items in lists for item in items
                   if isinstance(item, dict) and isinstance(item.get("id"), str)}
            label = (rules.get("meta") or {}).get("label", kind)
            found[kind] = IdSet(frozenset(ids), f"{source.file} 的“{label}”")
    code = standard.code
    found["indicator"] = IdSet(frozenset(i.id for i in standard.indicators), f"{code} 的二级指标（如 5.1.2）")
    found["indicator_any"] = IdSet(standard.all_ids, f"{code} 的指标编号")
    found["level"] = IdSet(frozenset(level.name for level in standard.levels),
                           "申请星级（" + "、".join(level.name for level in standard.levels) + "）")
    found["document"] = IdSet(frozenset(d.id for d in standard.documents),
                              "文件清单（" + "、".join(d.id for d in standard.documents) + "）")
    found["screening_rule"] = IdSet(frozenset(r.name for r in standard.screening),
                                    "特别扣分筛查规则（" + "、".join(r.name for r in standard.screening) + "）")
    trades = trade_profiles()
    found["trade"] = IdSet(frozenset(trades), "可用的行业模板（" + "、".join(trades) + "）")
    found["standard"] = IdSet(frozenset(available_standards()),
                              "可用的标准（" + "、".join(available_standards()) + "）")
    return found
