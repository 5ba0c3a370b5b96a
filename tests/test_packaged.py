"""The package's own data files: what the build no longer checks in every process is checked here.

Their cerberus schemas are used without cerberus's meta-schema check (``dossier.packaged.trusted_schema``),
and they are read with libyaml's loader: so every schema must pass that check, and libyaml must read
every file exactly as PyYAML's own loader does."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from cerberus import Validator
from cerberus.schema import DefinitionSchema

import dossier
from dossier.packaged import read_yaml, trusted_schema
from dossier.schemas import data_files, shared_schema
from dossier.validation.validator import DossierValidator

PACKAGE = Path(dossier.__file__).parent
STANDARD_SCHEMAS = [PACKAGE / "standard" / "_schema.yaml", PACKAGE / "standard" / "profiles" / "_schema.yaml"]


@pytest.mark.parametrize("name", [spec.name for spec in data_files()])
def test_every_data_file_schema_is_a_valid_cerberus_schema(name):
    DefinitionSchema(DossierValidator(), shared_schema(name))     # raises SchemaError otherwise


@pytest.mark.parametrize("path", STANDARD_SCHEMAS, ids=lambda p: p.parent.name)
def test_the_schemas_of_the_standards_and_profiles_are_valid_cerberus_schemas(path):
    DefinitionSchema(Validator(), read_yaml(path))


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.yaml")), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_libyaml_reads_every_package_file_as_pyyaml_does(path):
    with path.open(encoding="utf-8") as fh:
        expected = yaml.safe_load(fh)
    found = read_yaml(path)
    assert found == expected and repr(found) == repr(expected)


def test_a_trusted_schema_validates_as_the_checked_one_does():
    schema = {"when": {"type": "date", "coerce": "date"}, "items": {"type": "list", "schema": {"type": "integer"}},
              "either": {"anyof_type": ["string", "integer"]}}
    document = {"when": "2026-03-15", "items": [1, "x"], "either": 2.5}
    trusted = DossierValidator(trusted_schema(schema))        # first: cerberus expands the schema it checks in place
    checked = DossierValidator(schema)
    assert checked.validate(document) is trusted.validate(document) is False
    assert checked.errors == trusted.errors
    assert checked.document == trusted.document
