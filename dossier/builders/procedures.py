"""程序文件汇编: every procedure of the service system — a list, then each procedure on its own pages with its
document control block, revision record and the six parts 目的, 范围, 职责, 工作程序, 相关文件, 记录.

Each procedure carries the anchor ``proc-<id>``; in the PDF the running header shows the code of the
procedure on the page. The indicators the collection evidences are those its procedures name.
"""

from __future__ import annotations

from ..model import Dossier
from .base import Builder


class ProceduresBuilder(Builder):
    id = "procedures"
    title = "程序文件汇编"
    reads = ("company", "organisation", "personnel", "service_system")
    weight = 4

    def evidences(self, dossier: Dossier) -> tuple[str, ...]:
        """The indicators the procedures name, in the standard's order."""
        named = {ident for p in dossier.system.procedures for ident in p.indicators}
        return tuple(ind.id for ind in dossier.standard.indicators if ind.id in named)

    def evidence_anchor(self, dossier: Dossier, indicator: str) -> str:
        """The first procedure that names the indicator."""
        first = next(p for p in dossier.system.procedures if indicator in p.indicators)
        return f"proc-{first.id}"

    def context(self, dossier: Dossier) -> dict:
        std = dossier.standard
        return {"procedures": [{"p": p, "anchor": f"proc-{p.id}",
                                "indicators": [std.indicator(i) for i in p.indicators]}
                               for p in dossier.system.procedures]}
