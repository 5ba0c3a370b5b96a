"""The hostile suite's fixture: a copy of a good earlier build that a refused build must not touch."""

from __future__ import annotations

import shutil

import pytest

from .hostile_helpers import Output


@pytest.fixture
def previous(example_build, tmp_path) -> Output:
    out = tmp_path / "out" / "example"
    shutil.copytree(example_build[1], out)
    return Output(out)
