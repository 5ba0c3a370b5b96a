"""Problems found in a company's data: where, what, how bad."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Iterable

__all__ = ["ERROR", "WARNING", "Location", "Problem", "sort_problems", "format_problem", "dotted"]

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Location:
    """A place in a data file, as shown to the user (display path, 1-based line), and for a value of a
    workbook its cell (``B5``), which a problem shows after the field path."""

    file: str
    line: int
    cell: str = ""


@dataclass(frozen=True)
class Problem:
    """One problem, printed as ``file:line: path: message``."""

    file: str
    line: int
    path: str
    code: str
    severity: str
    message: str

    @classmethod
    def at(cls, loc: Location, path: str, code: str, message: str, severity: str = ERROR) -> "Problem":
        """The problem of the value at ``loc``: the one place that adds a workbook cell to the path,
        ``complaints[3].received (B5)``, whoever found the problem (schema, rule, placeholder check)."""
        shown = f"{path} ({loc.cell})" if path and loc.cell else path
        return cls(loc.file, loc.line, shown, code, severity, message)

    def as_dict(self) -> dict:
        return asdict(self)


def _sort_key(problem: Problem):
    return (problem.file, problem.line, problem.path, problem.code, problem.message)


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Sorted by file and line, duplicates removed."""
    return sorted(set(problems), key=_sort_key)


def format_problem(problem: Problem) -> str:
    tag = "" if problem.severity == ERROR else "[警告] "
    return f"{problem.file}:{problem.line}: {problem.path or '-'}: {tag}{problem.message}"


def dotted(path) -> str:
    """A document path as users read it: ``staff[3].qualifications[0].valid_until``."""
    out = ""
    for step in path:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else str(step))
    return out
