"""Warnings for what the init templates left unfilled (see :mod:`dossier.load.placeholders`): each text
placeholder still in the data, each value still marked as the template's example (on its YAML line, or
in its table cell)."""

from __future__ import annotations

from typing import Any, Iterator

from ..load.placeholders import MARK, placeholder_in
from ..load.sources import Source, Sources
from ..problems import WARNING, Problem, dotted

__all__ = ["PLACEHOLDER", "placeholder_problems"]

#: the problem code of a placeholder left in the data
PLACEHOLDER = "data.placeholder"


def _leaves(value: Any, path: tuple = ()) -> Iterator[tuple[tuple, Any]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _leaves(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _leaves(item, path + (index,))
    else:
        yield path, value


def _source_problems(source: Source) -> list[Problem]:
    found = []
    texts = {}
    for path, value in _leaves(source.data):
        placeholder = placeholder_in(value)
        location = source.locate(path)
        if placeholder:
            texts[location.line] = path
            found.append(Problem.at(location, dotted(path), PLACEHOLDER,
                                    f"仍是模板的占位内容“{placeholder}”；请改为本公司的实际内容。", WARNING))
    marked: dict[int, tuple] = {}
    for path, location in source.locations.items():
        if location.line in source.marked and location.file == source.file and location.line not in texts:
            known = marked.get(location.line)
            if known is None or len(path) < len(known):     # the value the line holds, not a part of it
                marked[location.line] = path
    for line, path in sorted(marked.items()):
        found.append(Problem.at(source.locate(path), dotted(path), PLACEHOLDER,
                                f"仍是模板的示例值（行尾注释标有{MARK}）；请改为本公司的实际值并删去该标记。", WARNING))
    for path in sorted(source.marked_cells, key=lambda p: _in_order(source.locate(p), p)):
        found.append(Problem.at(source.locate(path), dotted(path), PLACEHOLDER,
                                f"仍是模板的示例值（单元格中标有{MARK}）；请改为本公司的实际值并删去该标记。", WARNING))
    return found


def _in_order(location, path: tuple):
    """Cells in reading order: by sheet, row, then column (B before AA)."""
    return location.file, location.line, len(location.cell), location.cell, str(path)


def placeholder_problems(sources: Sources) -> list[Problem]:
    """Every placeholder left, file by file."""
    return [problem for source in sources.files.values() for problem in _source_problems(source)]
