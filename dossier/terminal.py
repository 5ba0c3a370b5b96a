"""Readable terminal tables for the reviewer commands (CJK-aware column widths)."""

from __future__ import annotations

import unicodedata

from .assessment.completeness import Completeness
from .assessment.consistency.places import places_text
from .assessment.points import format_points
from .assessment.score import Score
from .build.diff import BuildDiff

__all__ = ["width", "pad", "rpad", "completeness_lines", "score_lines", "diff_lines"]

_SEVERITY = {"error": "错误", "warning": "警告", "info": "提示"}


def width(text: str) -> int:
    """Display width: CJK characters take two columns."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, columns: int) -> str:
    return text + " " * max(0, columns - width(text))


def rpad(text: str, columns: int) -> str:
    return " " * max(0, columns - width(text)) + text


def _clip(text: str, columns: int) -> str:
    out = ""
    for ch in text:
        if width(out + ch) > columns - 1:
            return out + "…"
        out += ch
    return out


def completeness_lines(company: str, standard: str, result: Completeness) -> list[str]:
    required = [m for m in result.materials if m.required]
    optional = [m for m in result.materials if not m.required]
    lines = [f"完整性检查：{company}（依据 {standard}，截至 {result.as_of.isoformat()}）", "",
             f"申请材料：必备 {len(required)} 项，已齐 {sum(m.present for m in required)} 项；"
             f"可选 {len(optional)} 项，已有 {sum(m.present for m in optional)} 项"]
    for m in result.materials:
        mark = "✓" if m.present else ("✗" if m.required else "·")
        source = "、".join(m.satisfied_by) if m.present else ("缺少" if m.required else "未提供（可选）")
        lines.append(f"  {mark} {pad(_clip(m.name, 34), 34)} {_clip(source, 44)}")
    with_evidence = sum(1 for count in result.evidence_counts.values() if count)
    lines += ["", f"指标证据：{len(result.evidence_counts)} 项二级指标中 {with_evidence} 项有证明材料"]
    if result.findings:
        counts = {s: sum(1 for f in result.findings if f.severity == s) for s in _SEVERITY}
        summary = "、".join(f"{_SEVERITY[s]} {n}" for s, n in counts.items() if n)
        lines += ["", f"发现 {len(result.findings)} 项（{summary}）："]
        for f in result.findings:
            lines.append(f"  [{_SEVERITY[f.severity]}] {f.message}")
            if f.places:
                lines.append(f"         {places_text(f.places)}")
            lines.append(f"         → {f.fix}")
    lines += ["", "结论：申请材料齐全，可以提交。" if result.complete else
              f"结论：有 {len(result.blocking)} 项必须处理后才能提交。"]
    return lines


def score_lines(company: str, score: Score, points_label: str = "分值", score_label: str = "得分",
                points_note: str = "") -> list[str]:
    """The self-assessment as the terminal prints it; the labels are the standard's (暂定分值, 预评得分)."""
    def shown(value) -> str:
        return format_points(value, score.places)

    def deduction(value) -> str:
        return format_points(value, score.deduction_places)

    lines = [f"自评得分（预评，非认证机构评价结论；正式评分由认证机构按其评分表进行）：{company}", "",
             f"{pad('指标', 22)}{rpad(points_label, 10)}{rpad(score_label, 10)}{rpad('待证实', 8)}  扣分原因"]
    for s in score.indicators:
        got = shown(s.awarded) if s.applicable else "删减"
        reasons = "；".join([f"−{deduction(d.points)} {d.reason}" for d in s.lost]
                           + ([s.pending_reason] if s.pending_reason else []))
        if not s.applicable:
            reasons = s.exclusion_reason
        lines.append(f"{pad(_clip(s.indicator.label, 22), 22)}{rpad(shown(s.points), 10)}{rpad(got, 10)}"
                     f"{rpad(shown(s.pending) if s.applicable else '—', 8)}  {_clip(reasons, 70)}")
    specials, waiting = len(score.special_deductions), score.screening.open
    lines += ["", f"涉及项分值 {shown(score.applicable_points)}，实得 {shown(score.earned)}，折算 {shown(score.base)}；"
                  f"特别扣分 {specials} 项" + (f"（另有筛查结果待确认 {len(waiting)} 项）" if waiting else "")
                  + f"，特别加分 {len(score.special_bonus)} 项"]
    if score.hypothetical:
        lines.append(f"待证实分值 {shown(score.pending_points)}：" + "、".join(s.indicator.id for s in score.hypothetical)
                     + " 在统计期内没有运行证据，按假设（待证实）计，不计入得分")
    for x in score.special_deductions:
        lines.append(f"  特别扣分：{x.reason}")
    for hit in waiting:
        lines.append(f"  待确认：{hit.summary}")
    if score.bonus_claim and not score.bonus_claim.counted:
        lines.append(f"  特别加分未计入：{score.bonus_claim.reason.rstrip('。')}；{score.bonus_claim.why_not}")
    if points_note:
        lines.append(f"注：{points_note}")
    target = score.target.name if score.target else "—"
    reached = "已达到" if score.reaches_target else "未达到"
    lines.append(f"自评（预评）得分 {shown(score.total)} 分：{score.level_name}（申请星级 {target}：{reached}）")
    if score.gated:
        lines.append("  特别扣分项过多，评价为不合格，不予评定星级。")
    if score.next_level:
        lines.append(f"距{score.next_level.name}（{score.next_level.min} 分）尚差 {shown(score.gap)} 分，优先消除：")
        lines += [f"  {d.indicator}  −{deduction(d.points)}  {d.reason}" for d in score.blockers]
    else:
        lines.append("已是最高星级。")
    return lines


def _range(pages: tuple[int, int]) -> str:
    return f"第 {pages[0]}–{pages[1]} 页" if pages[1] > pages[0] else f"第 {pages[0]} 页"


def diff_lines(a: str, b: str, result: BuildDiff) -> list[str]:
    lines = [f"比较 {a} → {b}（{result.company}）"]
    if result.identical:
        return lines + ["两次输出内容相同。"]
    lines.append(f"文件：变化 {len(result.changed)} 份，新增 {len(result.added)} 份，删除 {len(result.removed)} 份，"
                 f"仅页码移动 {len(result.moved)} 份，未变化 {len(result.unchanged)} 份")
    for ident in result.added:
        lines.append(f"  + 新增 {ident}")
    for ident in result.removed:
        lines.append(f"  - 删除 {ident}")
    for change in result.changed:
        (p0, p1), (r0, r1) = change.pages, change.binder_pages
        pages = f"页数 {p0} → {p1}" if p0 != p1 else f"{p1} 页"
        place = f"汇编{_range(r0)} → {_range(r1)}" if r0 != r1 else f"汇编{_range(r1)}"
        lines.append(f"  * {change.title}（{change.id}）：{pages}，{place}")
        for code, (before, after) in change.revisions.items():
            lines.append(f"      修订 {code}：{before or '—'} → {after}")
        lines += [f"      {line}" for line in change.text]
    for change in result.moved:
        lines.append(f"  ~ {change.title}：内容未变，汇编{_range(change.binder_pages[0])} → {_range(change.binder_pages[1])}")
    att = result.attachments
    if any(att.values()):
        parts = [f"{name} {'、'.join(ids)}" for name, ids in
                 (("新增", att["added"]), ("删除", att["removed"]), ("变化", att["changed"]), ("移动", att["moved"]))
                 if ids]
        lines.append("附件：" + "；".join(parts))
    before, after = result.binder_pages
    lines.append(f"申请材料汇编：{before} 页 → {after} 页" if before != after else f"申请材料汇编：{after} 页")
    return lines
