"""Each builder declares the data files it reads; what its rendering actually read stays inside them."""

from __future__ import annotations

import pytest

from conftest import EXAMPLE
from documents import render
from dossier.builders import BUILDERS

# Where each part of the Dossier comes from (data files).
SOURCES = {
    "company": {"company"}, "departments": {"organisation"}, "roles": {"organisation"},
    "responsibilities": {"organisation"}, "matrix_symbols": {"organisation"}, "staff": {"personnel"},
    "outlets": {"outlets", "personnel"}, "system": {"service_system"}, "training": {"training"},
    "satisfaction": {"satisfaction"}, "complaints": {"complaints"}, "attachments": {"evidence"},
    "rectification": {"rectification"}, "self_assessment": {"self_assessment"}, "reviews": {"reviews"},
    "inspections": {"outlets"}, "outlet_requirements": {"outlets"},
    "standard": set(), "root": set(), "document_revisions": set(), "submission": {"company", "rectification"},
    "approvals": {"organisation", "personnel", "company", "rectification"},
    "problems": {"company", "organisation", "personnel", "outlets", "service_system", "training", "satisfaction",
                 "complaints", "evidence", "rectification"},
}
FIGURES = {
    "staff": {"personnel", "company", "organisation"}, "outlets": {"outlets", "personnel"},
    "training": {"training", "personnel", "organisation"}, "satisfaction": {"satisfaction"},
    "complaints": {"complaints"},
    "objectives": {"service_system", "personnel", "company", "organisation", "training", "satisfaction", "complaints"},
    "outlet_checks": {"outlets", "personnel", "company", "rectification"},
    "reviews": {"reviews", "service_system", "personnel", "company", "organisation", "training", "satisfaction",
                "complaints"},
}
LOOKUPS = {"department": {"organisation"}, "person": {"personnel"}, "outlet": {"outlets", "personnel"},
           "attachment": {"evidence"}, "holders_of": {"organisation"}, "exclusions": {"company", "self_assessment"},
           "excluded": {"company", "self_assessment"}, "approval": {"organisation", "personnel", "company", "rectification"}}


def _files_read(reads) -> set[str]:
    files: set[str] = set()
    for path in reads.notes:
        first = path[0][1]
        if first == "submission":        # every document's issue date: read by all (see Builder.reads)
            continue
        if first == "figures" and len(path) > 1:
            files |= FIGURES[path[1][1]]
        elif first in LOOKUPS:
            files |= LOOKUPS[first]
        else:
            files |= SOURCES[first]
    return files


@pytest.mark.parametrize("ident", sorted(BUILDERS))
def test_reads_declaration_covers_what_the_document_read(ident):
    rendered = render(str(EXAMPLE), ident)
    undeclared = _files_read(rendered.reads) - set(BUILDERS[ident].reads)
    assert not undeclared, f"{ident} reads {sorted(undeclared)} but does not declare it"
