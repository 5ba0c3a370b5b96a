"""认证申请书: the applicant, the scope, the people and outlets, exclusions, and the declaration."""

from __future__ import annotations

from ..model import Dossier
from .base import Builder


def service_model(own: int, entrusted: int) -> str:
    """How the after-sales service is delivered, in the words certification bodies use."""
    if entrusted == 0:
        return "全直属（全部为自建服务网点）"
    if own == 0:
        return "全委托（全部委托合作方服务）"
    return f"部分委托（自建 {own} 个、委托 {entrusted} 个服务网点）"


class ApplicationFormBuilder(Builder):
    id = "application_form"
    title = "商品售后服务评价体系认证申请书"
    reads = ("company", "organisation", "personnel", "outlets", "self_assessment")

    def context(self, dossier: Dossier) -> dict:
        f = dossier.figures
        exclusions = [(dossier.standard.indicator(i), reason) for i, reason in dossier.exclusions.items()]
        return {
            "service_model": service_model(f.outlets.own, f.outlets.entrusted),
            "exclusions": [{"label": ind.label, "reason": reason} for ind, reason in exclusions],
            "legal": dossier.company.legal_representative,
        }
