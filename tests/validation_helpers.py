"""Assertions on the problems `load_dossier` reports."""

from __future__ import annotations

from dossier.validation import load_dossier


def problems(company):
    found = load_dossier(company.root).problems
    for p in found:  # the contract: no problem without a file and a line
        assert p.file and p.line >= 1 and p.message, p
    return found


def assert_clean(company):
    found = problems(company)
    assert not found, "\n".join(f"{p.file}:{p.line}: {p.path}: {p.message}" for p in found)


def find(company, code, *, file=None, line=None, severity=None):
    """The problems with ``code`` (and, when given, exactly that file/line/severity)."""
    found = [p for p in problems(company) if p.code == code]
    assert found, f"no problem {code}; got: " + "; ".join(f"{p.file}:{p.line} {p.code}" for p in problems(company))
    if file is not None:
        assert {p.file for p in found} == {company.shown(file)}, found
    if line is not None:
        assert {p.line for p in found} == {line}, found
    if severity is not None:
        assert {p.severity for p in found} == {severity}, found
    return found
