"""The parts of the self-assessment that explain its judgement: the special-deduction screening with the
applicant's answers, the special deductions and bonus counted, and what operating evidence each indicator
has. The self-assessment report composes them; the words are here once."""

from __future__ import annotations

from ..assessment import Score
from ..assessment.points import format_points
from ..assessment.screening import Hit, Screening
from ..model import Dossier
from ..render.content import Column, Items, Paragraph, Span, table, text
from .blocks import sentence

__all__ = ["NO_HITS", "screening_blocks", "special_blocks", "hit_status", "operating_text", "pending_sentence"]


#: what the screening says when no complaint needs the applicant's answer (the report says the same)
NO_HITS = "筛查未发现需要确认的投诉。"


def hit_status(hit: Hit):
    """计为特别扣分 (marked bad), 不计为特别扣分, or 待确认 (marked bad: it still needs an answer)."""
    if hit.answer is None or hit.answer.special_deduction:
        return text(Span(hit.status, mark="bad"))
    return text(hit.status)


def _reason(hit: Hit) -> str:
    if hit.answer is None:
        return "申请单位尚未确认（在 self_assessment.yaml 的 screened 中写明是否计为特别扣分及理由）"
    return sentence("已在特别扣分中声明：" if hit.answer.declared else "", hit.answer.reason)


def screening_blocks(d: Dossier, screening: Screening) -> tuple:
    """What each screening rule looks for, and every hit with the applicant's answer."""
    points = d.standard.scoring.special_deduction_points
    rules = Items(tuple(text(sentence(f"{r.rule.name}", f"（{d.standard.special_bases[r.rule.basis]}）"
                                      if r.rule.basis else "", "：", r.looks_for, "；" if r.unscreened else "",
                                      r.unscreened)) for r in screening.rules))
    blocks = [Paragraph(text(f"按下列规则从统计期内的投诉记录中筛查可能构成特别扣分的情形（违反法律法规、未执行本公司的"
                             f"服务规范、未满足行业专业要求、影响服务体系的运行），每一项由申请单位确认：确认计为特别扣分的"
                             f"每项扣 {points} 分，说明不属特别扣分的注明理由，尚未确认的列为“待确认”，不计入得分。")),
              rules]
    hits = screening.hits
    if not hits:
        return (*blocks, Paragraph(text(NO_HITS)))
    blocks.append(table((Column("投诉编号", 13, nowrap=True), Column("筛查规则", 12), Column("记录所见", 27),
                         Column("确认结果", 15, "center"), Column("理由")),
                        ((h.complaint.id, h.rule.name, h.finding, hit_status(h), _reason(h)) for h in hits),
                        size=8))
    open_hits = screening.open
    if open_hits:
        blocks.append(Paragraph(text(Span(f"待确认 {len(open_hits)} 项：", bold=True),
                                     f"若确认计为特别扣分，自评得分将再减 {len(open_hits) * points} 分。")))
    return tuple(blocks)


def special_blocks(d: Dossier, score: Score) -> tuple:
    """The special deductions counted, and the bonus with whether it counts (and why not)."""
    scoring = d.standard.scoring
    items = [text(sentence(f"特别扣分（−{scoring.special_deduction_points}）：", x.reason))
             for x in score.special_deductions]
    claim = score.bonus_claim
    if claim and claim.counted:
        shown = "；".join(filter(None, ["证明材料：" + "、".join(claim.evidence) if claim.evidence else "",
                                        f"对标依据：{claim.benchmark}" if claim.benchmark else ""]))
        items.append(text(sentence(f"特别加分（+{scoring.special_bonus_points}）：", claim.reason, "（", shown, "）")))
    elif claim:
        items.append(text(sentence("特别加分（未计入）：", claim.reason, end="；"),
                          Span(sentence(claim.why_not), mark="bad")))
    if not items:
        return (Paragraph(text("无特别扣分项和特别加分项。")),)
    return (Items(tuple(items)),)


def operating_text(s) -> str:
    """An indicator's operating evidence as the indicators table prints it."""
    if not s.applicable:
        return "—"
    if s.operating is None or s.operating.held:
        return "；".join(s.operating.entries) if s.operating else "—"
    documents = "、".join(e.title for e in s.evidence)
    return "无运行证据" + (f"（仅有{documents}）" if documents else "")


def pending_sentence(score: Score) -> str:
    """另有待证实分值 28.0 分（5 项指标缺少运行证据，补充后可计入得分）。 "" when every indicator has evidence."""
    hypothetical = score.hypothetical
    if not hypothetical:
        return ""
    shown = format_points(score.pending_points, score.places)
    return (f"另有待证实分值 {shown} 分：{len(hypothetical)} 项指标（{'、'.join(s.indicator.id for s in hypothetical)}）"
            "在统计期内没有运行证据，按假设（待证实）计，补充运行证据后方可计入得分。")
