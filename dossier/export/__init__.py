"""A company's tables out to a workbook: the fill-in template of ``dossier init --xlsx`` and ``dossier export-xlsx``.

:func:`export_workbook` writes the tables of a company folder (as loaded, so the workbook reads back as
the same data) and returns the sheets it holds; :func:`link_sheets` then points the YAML at them.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import DataError
from ..load.sources import load_sources
from ..problems import ERROR, format_problem
from .relink import link_sheets
from .sheets import sheet_specs
from .workbook import LISTS_SHEET, NOTES_SHEET, WORKBOOK_NAME, SheetRef, write_workbook

__all__ = ["WORKBOOK_NAME", "NOTES_SHEET", "LISTS_SHEET", "SheetRef", "export_workbook", "link_sheets",
           "sheet_specs"]


def export_workbook(root: Path, out: Path) -> list[SheetRef]:
    """Write the tables of the company folder ``root`` into the workbook ``out``.

    A folder with a file or table that cannot be read is refused (its rows would be missing from the
    workbook): DataError, with the problems in its message.

    Example:
        export_workbook(Path("company_data/example"), Path("数据表.xlsx"))
    """
    from ..validation import standard_of, vocabularies_of
    from ..validation.ids import collect_ids

    sources = load_sources(Path(root))
    unread = [p for p in sources.problems if p.severity == ERROR]
    if unread:
        raise DataError("部分数据文件或表格无法读取，未导出：\n" + "\n".join(format_problem(p) for p in unread))
    return write_workbook(sources, Path(out), collect_ids(sources, standard_of(sources)), vocabularies_of(sources))
