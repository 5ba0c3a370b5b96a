"""职能分配表: the standard's indicators by department, the lead and supporting departments marked."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Dossier
from ..model.records import Department
from .base import Builder

#: department columns that fit beside the indicator column, on a portrait and a landscape page
PORTRAIT_COLUMNS, LANDSCAPE_COLUMNS = 9, 18
#: usable width of the page (both formats use the same margins within a few millimetres) and the
#: indicator column, in millimetres
PORTRAIT_WIDTH, LANDSCAPE_WIDTH = 170.0, 257.0
FIRST_COLUMN = 40.0
EXCLUDED = "删减"


def _twips(mm: float) -> int:
    return round(mm / 25.4 * 1440)


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
    def page_mm(self) -> tuple[int, int]:
        return (297, 210) if self.landscape else (210, 297)

    @property
    def first_mm(self) -> float:
        return FIRST_COLUMN

    @property
    def column_mm(self) -> float:
        width = LANDSCAPE_WIDTH if self.landscape else PORTRAIT_WIDTH
        return round((width - FIRST_COLUMN) / max(len(self.columns), 1), 2)

    # the DOCX template writes page and column sizes in twentieths of a point
    @property
    def docx(self) -> dict:
        width, height = self.page_mm
        return {"page_w": _twips(width), "page_h": _twips(height),
                "orient": "landscape" if self.landscape else "portrait",
                "first": _twips(FIRST_COLUMN), "column": _twips(self.column_mm),
                "rest": _twips(self.column_mm) * len(self.columns)}


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
    omitted = tuple(x for x in dossier.departments if x not in columns)
    return Matrix(tuple(columns), tuple(rows), landscape, omitted, tuple(unassigned))


class ResponsibilityMatrixBuilder(Builder):
    id = "responsibility_matrix"
    title = "职能分配表"
    reads = ("company", "organisation", "service_system", "self_assessment")

    def context(self, dossier: Dossier) -> dict:
        exclusions = dossier.exclusions
        return {"matrix": build_matrix(dossier), "control": dossier.system.manual.control,
                "lead_mark": dossier.matrix_symbols[0], "support_mark": dossier.matrix_symbols[1],
                "exclusions": [(dossier.standard.indicator(i).label, exclusions[i])
                               for i in (x.id for x in dossier.standard.indicators) if i in exclusions]}
