"""What a document read is kept in the order it was read (the cache's reads file, whose bytes the build
writes): that order follows the data alone, never Python's string hashing, which differs from one process
to the next (a set of the data's values iterated while reading them would follow it)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import EXAMPLE, ROOT
from dossier.builders import BUILDERS

#: composes every document of the sample's pack in each stage (content only, nothing laid out) and prints
#: the digest of each one's reads as the build stores them
_COMPOSE = """
import hashlib, sys
from pathlib import Path
from dossier.build.cache import reads_bytes
from dossier.builders import BUILDERS
from dossier.builders.issue import Issue
from dossier.model.tracking import Reads, tracked
from dossier.validation import load_dossier

for stage in ("application", "rectification"):
    dossier = load_dossier(Path(sys.argv[1]), stage=stage).dossier
    for ident, builder in sorted(BUILDERS.items()):
        builder = builder()
        if builder.applies(dossier):
            reads = Reads()
            builder.composed(tracked(dossier, reads), builder.info(dossier, Issue().citing()))
            print(stage, ident, hashlib.sha256(reads_bytes(reads)).hexdigest())
"""


def _reads_digests(seed: str) -> str:
    done = subprocess.run([sys.executable, "-c", _COMPOSE, str(EXAMPLE)], cwd=ROOT, capture_output=True, text=True,
                          check=False, env={**os.environ, "PYTHONHASHSEED": seed}, timeout=300)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.slow
def test_every_documents_reads_are_in_the_same_order_whatever_the_hash_seed():
    first = _reads_digests("1")
    composed = {tuple(line.split()[:2]) for line in first.splitlines()}
    assert composed == ({("application", i) for i in BUILDERS if i != "rectification"}
                        | {("rectification", i) for i in BUILDERS})
    for seed in ("2", "3"):
        assert _reads_digests(seed) == first
