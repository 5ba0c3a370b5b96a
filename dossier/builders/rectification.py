"""整改报告: each audit finding, its cause, correction, corrective action, owner, dates and evidence."""

from __future__ import annotations

from ..model import Dossier
from ..render.content import Column, Document, Heading, Paragraph, Span, kv_table, table, text
from ..render.formatting import cn_date, iso
from .base import Builder, DocInfo
from .blocks import doc_head, joined


class RectificationBuilder(Builder):
    id = "rectification"
    title = "整改报告"
    reads = ("company", "rectification", "evidence", "personnel")

    def applies(self, dossier: Dossier) -> bool:
        return dossier.rectification is not None and bool(dossier.rectification.findings)

    def content(self, d: Dossier, doc: DocInfo) -> Document:
        from . import BUILDERS

        titles = {ident: cls.title for ident, cls in BUILDERS.items()}
        audit, findings = d.rectification.audit, d.rectification.findings
        closed = sum(1 for f in findings if f.closed is not None)
        special = sum(1 for f in findings if f.special_deduction)
        blocks = [*doc_head(d.company.name, doc, f"针对 {audit.body} {audit.stage}（{cn_date(audit.date)}）"),
                  Heading("一、审核概况"),
                  kv_table((("审核机构", audit.body), ("审核阶段", audit.stage), ("审核日期", cn_date(audit.date)),
                            ("审核员", joined(audit.auditors)))),
                  Paragraph(text(f"本次审核共提出整改项 {len(findings)} 项，其中特别扣分项 {special} 项；截至本报告，"
                                 f"已完成整改并关闭 {closed} 项，尚未关闭 {len(findings) - closed} 项。")),
                  Heading("二、整改项一览"),
                  table((Column("编号", 10, "center"), Column("指标", 16), Column("不符合事实"),
                         Column("责任人", 12, "center"), Column("完成期限", 13, "center"), Column("状态", 13, "center")),
                        ((f.id, d.standard.indicator(f.indicator).label, f.description, f.owner_name, iso(f.due),
                          text(Span("已关闭", mark="ok", bold=True), "\n", iso(f.closed)) if f.closed
                          else Span("未关闭", mark="bad")) for f in findings), size=8),
                  Heading("三、整改情况")]
        for f in findings:
            label = d.standard.indicator(f.indicator).label
            evidence = [d.attachment(e) for e in f.evidence]
            blocks += [
                Heading(f"{f.id}　{label}", 3, anchor=f"finding-{f.id}"),
                kv_table((("不符合事实", f.description),
                          ("严重程度", f"{f.severity}{'（特别扣分项，须整改）' if f.special_deduction else ''}；"
                                   f"提出日期 {cn_date(f.raised)}"),
                          ("原因分析", f.cause), ("纠正", f.correction), ("纠正措施", f.corrective_action),
                          ("责任人", f.owner_name), ("完成期限", cn_date(f.due)),
                          ("完成情况", f"已于 {cn_date(f.closed)} 完成整改并关闭。" if f.closed else "整改进行中，尚未关闭。"),
                          ("整改证据", joined((f"{e.id} {e.title}" for e in evidence), "；")),
                          ("涉及文件", joined((titles.get(x, x) for x in f.documents), "；"))),
                         columns=1, widths=(16.0, 84.0))]
        return Document.of(*blocks)
