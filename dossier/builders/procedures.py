"""程序文件汇编: every procedure of the service system — a cover, a list, then each procedure on its own pages
with its document control block, revision record and the six parts 目的, 范围, 职责, 工作程序, 相关文件, 记录.

Each procedure is a section with the anchor ``proc-<id>`` and its own code, which the PDF's running header
shows on its pages. The indicators the collection evidences are those its procedures name.
"""

from __future__ import annotations

from ..model import Dossier
from ..model.records import Procedure
from ..model.reporting import reissued_procedures
from ..render.content import (Column, Document, Heading, Items, Paragraph, Section, kv_table, paragraphs, table,
                              text)
from ..render.formatting import cn_date, dash, iso
from .base import Builder, DocInfo
from .signing import sign_off_pairs
from .issue import Issue
from .blocks import joined, revision_table


def procedure_anchor(procedure: Procedure) -> str:
    """Where the procedure starts: the list and the binder's evidence index point there."""
    return f"proc-{procedure.id}"


class ProceduresBuilder(Builder):
    id = "procedures"
    title = "程序文件汇编"
    reads = ("company", "organisation", "personnel", "service_system")
    weight = 4

    @staticmethod
    def shown(dossier: Dossier) -> tuple[Procedure, ...]:
        """The procedures the pack holds: all of them in the application; in the rectification submission,
        those re-issued since the application."""
        if dossier.submission is not None and dossier.submission.is_rectification:
            return reissued_procedures(dossier)
        return dossier.system.procedures

    def evidences(self, dossier: Dossier) -> tuple[str, ...]:
        """The indicators the procedures name, in the standard's order."""
        named = {ident for p in self.shown(dossier) for ident in p.indicators}
        return tuple(ind.id for ind in dossier.standard.indicators if ind.id in named)

    def evidence_anchor(self, dossier: Dossier, indicator: str) -> str:
        """The first procedure that names the indicator."""
        return procedure_anchor(next(p for p in self.shown(dossier) if indicator in p.indicators))

    def content(self, d: Dossier, doc: DocInfo) -> Document:
        procedures = self.shown(d)
        return Document((self.cover(d, doc, len(procedures)), self.listing(d, procedures, doc.issue),
                         *(self.procedure(d, p, doc.issue) for p in procedures)))

    @staticmethod
    def cover(d: Dossier, doc: DocInfo, count: int) -> Section:
        company = d.company.name
        return Section((Paragraph(text(company), "cover-company"), Paragraph(text(doc.title), "cover-title"),
                        Paragraph(text(f"依据 {d.standard.full_title}"), "cover-subtitle"),
                        Paragraph(text(f"收录售后服务程序文件和管理制度共 {count} 份"), "cover-count"),
                        Paragraph(text(company), "cover-issuer")), page="cover")

    @staticmethod
    def indicators(d: Dossier, procedure: Procedure) -> str:
        return joined(d.standard.indicator(i).label for i in procedure.indicators)

    def listing(self, d: Dossier, procedures, issue: Issue) -> Section:
        # the codes used to link to their procedures: a cell cannot hold a link yet
        rows = ((i, p.control.code, p.title, issue.control(p.control).version, p.owner_name, iso(p.control.effective),
                 self.indicators(d, p)) for i, p in enumerate(procedures, 1))
        return Section((Heading("文件清单", 1, anchor="procedure-list"),
                        table((Column("序号", 5, "center"), Column("文件编号", 11, nowrap=True), Column("文件名称"),
                               Column("版本", 7, "center"), Column("归口部门", 12, "center"),
                               Column("实施日期", 11, "center"), Column("对应指标", 24)), rows, size=8)))

    def procedure(self, d: Dossier, p: Procedure, issue: Issue) -> Section:
        c = issue.control(p.control)
        control = kv_table((("文件编号", c.code), ("版本/修订", c.version), *sign_off_pairs(d, c), ("受控状态", c.status),
                            ("发布日期", cn_date(c.issued)), ("实施日期", cn_date(c.effective)),
                            ("归口部门", p.owner_name), ("分发号", dash(c.copy_number)),
                            ("对应指标", self.indicators(d, p), "wide")))
        duties = table((Column("部门", 22), Column("职责")), ((r.department_name, r.duty) for r in p.responsibilities))
        steps = [block for n, step in enumerate(p.steps, 1)
                 for block in (Heading(f"4.{n}　{step.title}", 3, outline=False), *paragraphs(step.text))]
        return Section((Heading(p.title, 1), control, *revision_table(c),
                        Heading("1　目的"), *paragraphs(p.purpose), Heading("2　范围"), *paragraphs(p.scope),
                        Heading("3　职责"), duties, Heading("4　工作程序"), *steps,
                        Heading("5　相关文件"), listed(p.references), Heading("6　记录"), listed(p.records)),
                       code=c.code, anchor=procedure_anchor(p))


def listed(values: tuple[str, ...]):
    """The references or records of a procedure as a list, or 无。"""
    return Items(tuple(text(v) for v in values)) if values else Paragraph(text("无。"))
