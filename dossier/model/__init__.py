"""The typed model of a company's dossier, built from validated data."""

from .construct import build_model
from .dossier import Dossier
from .figures import Figures, percent

__all__ = ["Dossier", "Figures", "build_model", "percent"]
