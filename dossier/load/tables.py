"""Large tables kept as CSV next to the YAML that names them, loaded with line numbers."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from ..errors import LoadError
from .yaml import LIMITS, Limits, Loaded, read_text

__all__ = ["load_csv"]


def load_csv(path: Path, limits: Limits = LIMITS, *, known: frozenset[str] | None = None,
             rest: str | None = None) -> Loaded:
    """Rows of a CSV file as dicts keyed by the header; empty cells are left out.

    With ``rest``, the columns not in ``known`` are gathered into a mapping under that key (the
    per-item scores of a survey, one column per item).

    UTF-8 (with or without BOM, as Excel writes it) is expected; GB18030, what Excel writes on a
    Chinese Windows, is accepted too. Lines are those of the file, so a record spanning several
    lines is located at its first.
    """
    text = read_text(path, limits.csv_bytes, allow_gb18030=True)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
        if header is None:
            raise LoadError(1, "CSV 文件为空，第一行应为列名。", "csv.empty")
        names = [name.strip() for name in header]
        _check_header(names)
        rows: list[dict] = []
        lines: dict[tuple, int] = {}
        start = reader.line_num + 1
        for cells in reader:
            if any(cell.strip() for cell in cells):
                if len(cells) > len(names):
                    raise LoadError(start, f"本行有 {len(cells)} 列，比列名多（列名共 {len(names)} 列）；"
                                           "含逗号的内容请加英文双引号。", "csv.columns")
                index = len(rows)
                row = {k: v.strip() for k, v in zip(names, cells) if v.strip()}
                if rest is not None:
                    row[rest] = {k: row.pop(k) for k in list(row) if k not in known}
                rows.append(row)
                lines[(index,)] = start
                for key, value in row.items():
                    lines[(index, key)] = start
                    if key == rest:
                        for sub in value:
                            lines[(index, key, sub)] = start
            start = reader.line_num + 1
    except csv.Error as exc:
        raise LoadError(reader.line_num or 1, f"CSV 格式错误：{exc}。", "csv.syntax") from exc
    return Loaded(rows, lines)


def _check_header(names: list[str]) -> None:
    seen = set()
    for position, name in enumerate(names, start=1):
        if not name:
            raise LoadError(1, f"第 {position} 列没有列名。", "csv.header")
        if name in seen:
            raise LoadError(1, f"列名“{name}”重复。", "csv.header")
        seen.add(name)
