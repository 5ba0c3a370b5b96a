"""The warranty as the manual states it: the policy, the 三包 (or other return and exchange) periods, the
terms by product as a table of the columns some term uses, and each named term as one sentence.

Only a 三包 trade (``Warranty.three_guarantees``) is said to have 三包: its periods are 包退期/包换期 and
its heading names 三包; any other company's periods are its 退货期/换货期.
"""

from __future__ import annotations

from ..model import records as R
from ..render.content import Column, Items, Paragraph, paragraphs, table, text
from ..render.formatting import dash
from ._objectives import amount
from .blocks import sentence

__all__ = ["return_periods", "warranty_title", "warranty_blocks", "clause_sentence"]

#: how a length's unit reads after its number (18 个月)
_UNIT_WORDS = {"月": "个月"}


def return_periods(w: R.Warranty) -> list[str]:
    """The return and exchange periods the company states, each only where it is given."""
    names = ("包退期", "包换期") if w.three_guarantees else ("退货期", "换货期")
    periods = zip(names, (w.return_days, w.exchange_days))
    return [f"{name}：{days} 天" for name, days in periods if days is not None]


def warranty_title(w: R.Warranty) -> str:
    """三包 in the title only for a 三包 trade; the periods named only where the company states them."""
    terms = bool(w.terms or w.clauses)
    if w.three_guarantees:
        return "三包与保修期限" if terms else "三包规定"
    stated = (["退换货"] if return_periods(w) else []) + (["保修"] if terms else [])
    return f"质量保证政策与{'、'.join(stated)}期限" if stated else "质量保证政策"


def warranty_blocks(w: R.Warranty) -> tuple:
    periods = return_periods(w)
    blocks = [*paragraphs(w.policy), *([Paragraph(text(sentence("；".join(periods))))] if periods else [])]
    if w.terms:
        blocks.append(_terms_table(w.terms))
    if w.clauses:
        blocks.append(Items(tuple(text(clause_sentence(c)) for c in w.clauses)))
    return tuple(blocks)


def _terms_table(terms: tuple[R.WarrantyTerm, ...]):
    """The terms by product, with a column for 主要部件 or 说明 only where some term gives one."""
    columns = [(Column("商品", 22), lambda t: t.product),
               (Column("整机保修", 13, "center"), lambda t: amount(t.whole_years, "年"))]
    if any(t.parts_years is not None for t in terms):
        columns.append((Column("主要部件保修", 15, "center"), lambda t: amount(t.parts_years, "年")))
    if any(t.note for t in terms):
        columns.append((Column("说明"), lambda t: dash(t.note)))
    return table(tuple(c for c, _ in columns), (tuple(value(t) for _, value in columns) for t in terms), size=8)


def clause_sentence(c: R.WarrantyClause) -> str:
    """电梯安装质量保修 2 年，自验收合格之日起计算。 / 家用汽车产品包修期 3 年或 6 万公里（以先到者为准），……"""
    mileage = f"或 {_kilometres(c.mileage_km)}（以先到者为准）" if c.mileage_km else ""
    starts = f"，自{_bare_start(c.starts)}起计算" if c.starts else ""
    return sentence(f"{c.covers}{c.kind} {amount(c.length, _UNIT_WORDS.get(c.unit, c.unit))}{mileage}{starts}") + (
        sentence(c.note) if c.note else "")


def _kilometres(km: int) -> str:
    """6 万公里 / 3000 公里."""
    return f"{km / 10000:g} 万公里" if km >= 10000 else f"{km} 公里"


def _bare_start(starts: str) -> str:
    """The day a term counts from, whether the company wrote 验收合格之日 or 自验收合格之日起(计算)."""
    bare = starts.strip().removeprefix("自")
    for tail in ("起计算", "起算", "起"):
        if bare.endswith(tail) and len(bare) > len(tail):
            return bare[: -len(tail)]
    return bare
