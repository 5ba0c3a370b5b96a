"""What the self-assessment still needs from the applicant, as findings of ``check``: the indicators scored
as a hypothesis for want of operating evidence, the screened complaints not yet confirmed or explained, the
answers that match nothing screened, and a special bonus that cannot count."""

from __future__ import annotations

from typing import Mapping

from ..model import Dossier
from .bonus import bonus_claim
from .findings import WARNING, Finding
from .operating import operating_evidence
from .screening import screen

__all__ = ["assessment_findings"]


def _hypotheses(dossier: Dossier, evidence: Mapping[str, tuple]) -> list[Finding]:
    found = []
    for ident, held in operating_evidence(dossier, evidence).items():
        indicator = dossier.standard.indicator(ident)
        if held.held or ident in dossier.excluded or not evidence[ident]:
            continue        # without any evidence at all it is an error of its own
        needed = "、".join(held.needed) or "该指标的运行记录"
        found.append(Finding("evidence", WARNING, indicator.label,
                             f"指标“{indicator.label}”在统计期内没有运行证据（只有本公司编制的文件），自评按假设（待证实）计，"
                             f"其分值不计入得分。",
                             f"补充{needed}等运行记录或照片的扫描件，在 evidence.yaml 中登记并在 indicators 中注明 {ident}。"))
    return found


def _screening(dossier: Dossier) -> list[Finding]:
    screening = screen(dossier)
    found = [Finding("screening", WARNING, hit.complaint.id,
                     f"特别扣分筛查：{hit.summary}尚未确认是否计为特别扣分。",
                     f"在 self_assessment.yaml 的 screened 中写明：- {{complaint: {hit.complaint.id}, rule: {hit.rule.name}, "
                     "special_deduction: true 或 false, reason: 理由}。")
             for hit in screening.open]
    found += [Finding("screening", WARNING, answer.complaint,
                      f"{answer.loc.file}:{answer.loc.line}: screened 中对投诉 {answer.complaint}（{answer.rule}）的确认"
                      "不对应任何筛查结果（该投诉未被这条规则筛出，或已有一项相同的确认，或已在特别扣分中声明）。",
                      "删去这一项，或核对投诉编号和筛查规则。")
              for answer in screening.stray]
    return found


def _bonus(dossier: Dossier) -> list[Finding]:
    claim = bonus_claim(dossier)
    if claim is None or claim.counted:
        return []
    return [Finding("bonus", WARNING, "特别加分", f"特别加分“{claim.reason}”未计入得分：{claim.why_not}。",
                    "在 self_assessment.yaml 的 special_bonus 中写明 evidence（evidence.yaml 中证明该优势的材料编号）"
                    "或 benchmark（据以判断高于行业水平的数据及其出处）；无法证明的请删去。")]


def assessment_findings(dossier: Dossier, evidence: Mapping[str, tuple]) -> list[Finding]:
    """The self-assessment's open points (warnings: they do not block a submission, they cost its score)."""
    return _hypotheses(dossier, evidence) + _screening(dossier) + _bonus(dossier)
