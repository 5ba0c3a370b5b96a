"""The document builders, looked up by the ids of the standard's documents list."""

from __future__ import annotations

from ..model import Dossier
from ..standard import Standard
from .base import Builder, DocInfo, Rendered
from .outlets import OutletsBuilder

__all__ = ["Builder", "DocInfo", "Rendered", "BUILDERS", "builders_for", "applicable_builders"]

BUILDERS: dict[str, type[Builder]] = {cls.id: cls for cls in (
    OutletsBuilder,
)}


def builders_for(standard: Standard) -> list[Builder]:
    """A builder for each document of the standard that has one, in binder order."""
    return [BUILDERS[spec.id]() for spec in standard.documents if spec.id in BUILDERS]


def applicable_builders(dossier: Dossier) -> list[Builder]:
    return [b for b in builders_for(dossier.standard) if b.applies(dossier)]
