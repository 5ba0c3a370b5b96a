"""The document builders: one module each, found here and looked up by the standard's document ids.

A new document is a module in this package defining a ``Builder`` subclass, plus its two templates.
"""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

from ..model import Dossier
from ..model.reporting import reissued_documents
from ..standard import Standard
from .base import Builder, DocInfo, Prepared, Rendered

__all__ = ["Builder", "DocInfo", "Prepared", "Rendered", "BUILDERS", "builders_for", "applicable_builders", "in_pack"]


def _discover() -> dict[str, type[Builder]]:
    found: dict[str, type[Builder]] = {}
    for module in pkgutil.iter_modules([str(Path(__file__).parent)]):
        if module.name == "base" or module.name.startswith("_"):
            continue
        namespace = importlib.import_module(f"{__name__}.{module.name}")
        for value in vars(namespace).values():
            if isinstance(value, type) and issubclass(value, Builder) and "id" in vars(value):
                if value.id in found and found[value.id] is not value:
                    raise RuntimeError(f"two builders for document {value.id}")
                found[value.id] = value
    return found


BUILDERS: dict[str, type[Builder]] = _discover()


def builders_for(standard: Standard) -> list[Builder]:
    """A builder for each document of the standard that has one, in binder order."""
    return [BUILDERS[spec.id]() for spec in standard.documents if spec.id in BUILDERS]


def in_pack(dossier: Dossier, ident: str) -> bool:
    """Whether the pack of the dossier's submission holds the document: one of its stage's documents, or,
    in the rectification submission, one its findings name (re-issued)."""
    submission = dossier.submission
    if submission is None or submission.stage in dossier.standard.document(ident).stages:
        return True
    return submission.is_rectification and ident in reissued_documents(dossier.rectification)


def applicable_builders(dossier: Dossier) -> list[Builder]:
    """The documents of the dossier's pack, in binder order."""
    return [b for b in builders_for(dossier.standard) if in_pack(dossier, b.id) and b.applies(dossier)]
