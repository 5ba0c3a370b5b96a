"""The package's own data files (data-file schemas, standards, trade profiles, vocabularies): trusted, so
read the fast way.

They are YAML written by us, never by users: read with libyaml's safe loader (several times faster than
PyYAML's pure-Python one, the same values), and their cerberus schemas are used as they are, without
cerberus checking each against its meta-schema again in every process (a second or so per build: the
tests check every one of them instead, ``tests/test_packaged.py``). A user's data files are never read
here: they go through :mod:`dossier.load.yaml`, which bounds them and keeps their line numbers.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any, Mapping

import yaml
from cerberus.schema import DefinitionSchema, UnvalidatedSchema

__all__ = ["read_yaml", "trusted_schema"]

#: libyaml's safe loader where PyYAML was built with it (its wheels are), else the pure-Python one
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path: Path) -> Any:
    """The plain data of one of the package's YAML files."""
    with Path(path).open("rb") as fh:
        return yaml.load(fh, Loader=_LOADER)


def trusted_schema(schema: Mapping) -> UnvalidatedSchema:
    """A cerberus schema of the package, ready for a Validator as cerberus would prepare it (its shortcut
    rules such as ``anyof_type`` expanded), but not checked against cerberus's meta-schema: one object
    that any number of validators may share (cerberus reads it and never changes it)."""
    return UnvalidatedSchema(DefinitionSchema.expand(copy.deepcopy(dict(schema))))
