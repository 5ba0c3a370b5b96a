"""The DOCX templates in dossier/templates/docx are what their sources in scripts/docx_templates make."""

from __future__ import annotations

import importlib

import pytest
from docxtpl import DocxTemplate

from conftest import ROOT

generator = importlib.import_module("scripts.docx_templates.__main__")
NAMES = generator.template_modules()


def test_every_builder_has_a_template_source():
    from dossier.builders import BUILDERS, Builder
    templated = {ident for ident, cls in BUILDERS.items() if cls.content is Builder.content}
    assert templated == set(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_committed_template_is_up_to_date(name):
    committed = (ROOT / "dossier" / "templates" / "docx" / f"{name}.docx").read_bytes()
    assert generator.build_bytes(name) == committed, (
        f"regenerate with: .venv/bin/python -m scripts.docx_templates {name}")


@pytest.mark.parametrize("name", NAMES)
def test_template_uses_only_what_its_builder_gives(name):
    """docxtpl parses the template (no tag split across runs, every block closed), and every variable it
    reads is in the context its builder provides."""
    from conftest import EXAMPLE
    from documents import dossier_of
    from dossier.builders import BUILDERS
    from dossier.render.docx import _environment

    d = dossier_of(str(EXAMPLE))
    builder = BUILDERS[name]()
    provided = set(builder.shared_context(d)) | set(builder.context(d)) | {"doc"}
    template = DocxTemplate(ROOT / "dossier" / "templates" / "docx" / f"{name}.docx")
    assert template.get_undeclared_template_variables(jinja_env=_environment()) <= provided
