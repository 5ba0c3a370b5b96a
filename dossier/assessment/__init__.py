"""For reviewers: the self-assessed score and the completeness of the dossier."""

from .samples import SAMPLES, Sample
from .score import Deduction, IndicatorScore, Score, Special, compute_score

__all__ = ["SAMPLES", "Sample", "Deduction", "IndicatorScore", "Score", "Special", "compute_score"]
