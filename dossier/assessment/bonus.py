"""The special bonus (特别加分) the applicant claims, and whether it counts: clause 6 (as quoted) gives it for
a strength above legal requirements or the trade; the self-assessment counts it only with a stated reason and
its evidence: attachments of the pack, or a benchmark and its source."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Dossier

__all__ = ["BonusClaim", "bonus_claim"]


@dataclass(frozen=True)
class BonusClaim:
    """The special bonus the applicant claims, and whether it counts: only with its evidence."""

    reason: str
    evidence: tuple[str, ...]        # the titles of the pack's attachments that show it
    benchmark: str
    missing: tuple[str, ...] = ()    # evidence ids the pack does not hold

    @property
    def counted(self) -> bool:
        return bool(self.evidence or self.benchmark)

    @property
    def why_not(self) -> str:
        """Why it is not counted ("" when it is)."""
        if self.counted:
            return ""
        held = f"（所列材料 {'、'.join(self.missing)} 不在本次提交的材料中）" if self.missing else ""
        return f"没有证明材料{held}，也没有对标依据（据以判断高于行业水平的数据及其出处）"


def bonus_claim(dossier: Dossier) -> BonusClaim | None:
    """The special bonus the applicant claims (self_assessment.yaml), with the pack's evidence of it."""
    bonus = dossier.self_assessment.special_bonus
    if bonus is None:
        return None
    held = {a.id: a for a in dossier.attachments}
    return BonusClaim(bonus.reason, tuple(held[e].title for e in bonus.evidence if e in held), bonus.benchmark,
                      tuple(e for e in bonus.evidence if e not in held))
