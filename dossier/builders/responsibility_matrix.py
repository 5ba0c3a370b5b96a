"""职能分配表: the standard's indicators by department, the lead and supporting departments marked."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Dossier
from ..model.records import Department
from ..render.content import (Column, Document, Paragraph, Row, Section, Span, Table, cell, row,
                              table, text)
from .base import Builder, DocInfo
from .blocks import doc_head, joined, sentence

#: department columns that fit beside the indicator column, on a portrait and a landscape page
PORTRAIT_COLUMNS, LANDSCAPE_COLUMNS = 9, 18
#: usable width of the page (both formats use the same margins within a few millimetres) and the
#: indicator column, in millimetres
PORTRAIT_WIDTH, LANDSCAPE_WIDTH = 170.0, 257.0
FIRST_COLUMN = 40.0
EXCLUDED = "删减"


@dataclass(frozen=True)
class MatrixRow:
    group: bool              # a first-level indicator: a section row across the table
    label: str               # "id name"
    cells: tuple[str, ...]   # the symbol under each department column ("" for none)
    excluded: bool = False
    lead: str | None = None  # the lead department's id


@dataclass(frozen=True)
class Matrix:
    columns: tuple[Department, ...]
    rows: tuple[MatrixRow, ...]
    landscape: bool
    omitted: tuple[Department, ...]      # departments left out for lack of room (named nowhere)
    unassigned: tuple[str, ...]          # labels of applicable indicators without a lead department

    @property
    def span(self) -> int:
        return len(self.columns) + 1

    @property
    def column_mm(self) -> float:
        width = LANDSCAPE_WIDTH if self.landscape else PORTRAIT_WIDTH
        return round((width - FIRST_COLUMN) / max(len(self.columns), 1), 2)

    @property
    def widths(self) -> tuple[float, ...]:
        """The indicator column and each department column, in percent of the table's width."""
        total = FIRST_COLUMN + self.column_mm * len(self.columns)
        return (FIRST_COLUMN / total * 100, *(self.column_mm / total * 100 for _ in self.columns))


def matrix_columns(dossier: Dossier) -> tuple[list[Department], bool]:
    """The departments named in the responsibilities (in department order), then the others if
    all fit; whether the table needs a landscape page."""
    named_ids = {r.lead for r in dossier.responsibilities} | {s for r in dossier.responsibilities for s in r.support}
    named = [x for x in dossier.departments if x.id in named_ids]
    others = [x for x in dossier.departments if x.id not in named_ids]
    for columns in (named + others, named):
        if len(columns) <= PORTRAIT_COLUMNS:
            return columns, False
        if len(columns) <= LANDSCAPE_COLUMNS:
            return columns, True
    return named, True


def build_matrix(dossier: Dossier) -> Matrix:
    columns, landscape = matrix_columns(dossier)
    lead_mark, support_mark = dossier.matrix_symbols
    by_indicator = {r.indicator: r for r in dossier.responsibilities}
    excluded = dossier.excluded
    rows, unassigned = [], []
    for group in dossier.standard.groups:
        rows.append(MatrixRow(True, f"{group.id} {group.name}", ()))
        for indicator in group.children:
            if indicator.id in excluded:
                rows.append(MatrixRow(False, indicator.label, (), excluded=True))
                continue
            duty = by_indicator.get(indicator.id)
            if duty is None:
                unassigned.append(indicator.label)
            cells = tuple(lead_mark if duty and c.id == duty.lead else support_mark if duty and c.id in duty.support
                          else "" for c in columns)
            rows.append(MatrixRow(False, indicator.label, cells, lead=duty.lead if duty else None))
    shown = {c.id for c in columns}
    omitted = tuple(x for x in dossier.departments if x.id not in shown)
    return Matrix(tuple(columns), tuple(rows), landscape, omitted, tuple(unassigned))


class ResponsibilityMatrixBuilder(Builder):
    id = "responsibility_matrix"
    title = "职能分配表"
    reads = ("company", "organisation", "service_system", "self_assessment")

    def content(self, d: Dossier, doc: DocInfo) -> Document:
        matrix, manual = build_matrix(d), d.system.manual
        control = doc.issue.control(manual.control)
        lead, support = d.matrix_symbols
        applicable = "每项适用的指标" if d.exclusions else "每项指标"
        blocks = (*doc_head(d.company.name, doc, f"依据《{manual.title}》（{control.code}，{control.version} 版）",
                            version="本表版本"),
                  Paragraph(text(f"为保证{d.standard.full_title}各项评价指标的要求在{d.company.name}得到落实，公司按二级"
                                 f"指标将售后服务体系的职能分配到各部门：{applicable}确定一个主责部门（{lead}），负责组织实施"
                                 f"并对结果负责；配合部门（{support}）在各自职责范围内协助实施。")),
                  matrix_table(matrix), *notes(d, matrix))
        return Document((Section(blocks, page="landscape" if matrix.landscape else "portrait"),))


def matrix_table(matrix: Matrix) -> Table:
    """The indicators down, the departments across: a group row per first-level indicator, the marks
    centred under the departments, 删减 across an excluded indicator's row."""
    first, *rest = matrix.widths
    columns = (Column("评价指标", first), *(Column(c.name, w, "center") for c, w in zip(matrix.columns, rest)))
    # a landscape page is shorter: the rows are set closer so that the table still fits on it
    return table(columns, (matrix_row(matrix, r) for r in matrix.rows), size=8.5, fixed=True, dense=matrix.landscape)


def matrix_row(matrix: Matrix, r: MatrixRow) -> Row:
    if r.group:
        return Row((cell(r.label, span=matrix.span),), "group")
    if r.excluded:
        return row(r.label, cell(EXCLUDED, span=len(matrix.columns), align="center", mark="muted"))
    # bold, so the marks stand out from the labels (they used to be set larger)
    return row(r.label, *(Span(mark, bold=True) if mark else "" for mark in r.cells))


def notes(d: Dossier, matrix: Matrix) -> tuple[Paragraph, ...]:
    """The legend under the table, why indicators are excluded, and which have no lead department yet."""
    lead, support = d.matrix_symbols
    omitted = f"表中未列出的部门（{joined(x.name for x in matrix.omitted)}）不承担上述指标的职能。" if matrix.omitted else ""
    exclusions = d.exclusions
    marked = "；“删减”表示该指标不适用于本公司而予以删减" if exclusions else ""
    out = [Paragraph(text(f"注：{lead} 主责部门；{support} 配合部门{marked}。{omitted}"), "note")]
    excluded = [sentence(f"{x.label}——", exclusions[x.id], end="") for x in d.standard.indicators if x.id in exclusions]
    if excluded:
        out.append(Paragraph(text(sentence("删减说明：", "；".join(excluded))), "note"))
    if matrix.unassigned:
        out.append(Paragraph(text(Span(f"以下指标尚未分配主责部门：{'、'.join(matrix.unassigned)}。", mark="bad")), "note"))
    return tuple(out)
