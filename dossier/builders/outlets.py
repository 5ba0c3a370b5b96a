"""售后服务网点清单: every outlet, own or entrusted, with staff, coverage and partners."""

from __future__ import annotations

from ..model import Dossier
from .base import Builder


class OutletsBuilder(Builder):
    id = "outlets"
    title = "售后服务网点清单"
    reads = ("company", "outlets", "personnel")

    def context(self, dossier: Dossier) -> dict:
        return {"outlets": dossier.outlets,
                "entrusted": [o for o in dossier.outlets if o.partner is not None]}
