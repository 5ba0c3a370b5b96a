"""For reviewers: the self-assessed score and the completeness of the dossier."""

from .bonus import BonusClaim
from .samples import SAMPLES, Sample
from .score import Deduction, IndicatorScore, Score, Special, compute_score
from .screening import Hit, Screening

__all__ = ["SAMPLES", "Sample", "Deduction", "IndicatorScore", "Score", "Special", "BonusClaim", "Hit", "Screening",
           "compute_score"]
