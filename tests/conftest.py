"""Shared fixtures: fresh copies of company folders to break, and the CLI runner."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "company_data" / "example"
SMALL = ROOT / "tests" / "roots" / "small"        # a small company, every file filled in


class Company:
    """A company folder in tmp_path that a test may edit, with helpers to locate text in it."""

    def __init__(self, root: Path):
        self.root = root

    def path(self, name: str) -> Path:
        return self.root / name

    def edit(self, name: str, old: str, new: str, count: int = 1) -> None:
        path = self.path(name)
        text = path.read_text(encoding="utf-8")
        assert text.count(old) >= count, f"{old!r} not in {name}"
        path.write_text(text.replace(old, new, count), encoding="utf-8")

    def append(self, name: str, text: str) -> None:
        with self.path(name).open("a", encoding="utf-8") as fh:
            fh.write(text)

    def line_of(self, name: str, needle: str, nth: int = 1) -> int:
        """The 1-based line of the ``nth`` line containing ``needle``."""
        seen = 0
        for number, line in enumerate(self.path(name).read_text(encoding="utf-8").splitlines(), start=1):
            if needle in line:
                seen += 1
                if seen == nth:
                    return number
        raise AssertionError(f"{needle!r} not {nth} times in {name}")

    def shown(self, name: str) -> str:
        return f"{self.root.as_posix()}/{name}"


def _copy(source: Path, target: Path) -> Company:
    shutil.copytree(source, target)
    (target / "attachments").mkdir(exist_ok=True)
    return Company(target)


@pytest.fixture
def small_company(tmp_path) -> Company:
    """A small company (tests/roots/small): valid, every file present."""
    return _copy(SMALL, tmp_path / "co")


@pytest.fixture
def example(tmp_path) -> Company:
    """A copy of the sample company."""
    return _copy(EXAMPLE, tmp_path / "example")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(scope="session")
def example_build():
    """One full build of the sample company, shared by every test that reads a build's output (and by
    the document tests, through documents.render): (BuildResult, output directory). Read only."""
    from documents import example_build as shared

    return shared()


@pytest.fixture(scope="session")
def small_company_build():
    """One full build of the small `dossier init` company per test run: (BuildResult, output directory,
    company folder). Read only."""
    from documents import shared_build, shared_company

    company = shared_company("co", SMALL)
    return (*shared_build("co", company), company)


def pytest_sessionfinish(session):
    """The run's shared builds go with the process that started the run (not with a worker)."""
    if not hasattr(session.config, "workerinput"):
        from documents import shared_root

        shutil.rmtree(shared_root(), ignore_errors=True)


#: modules whose tests share an expensive module fixture (a build or a large company rendered once):
#: under pytest-xdist (``-n auto --dist loadgroup``) each runs in one worker, so the fixture is made once.
#: Session builds (the sample's, the small company's) are made once per worker that needs them.
_MODULE_GROUPS = {"test_change_tracking.py", "test_confinement.py", "test_incremental.py", "test_doc_complaints.py", "test_doc_personnel.py"}


@pytest.hookimpl(tryfirst=True)     # before pytest-xdist reads the groups off the items
def pytest_collection_modifyitems(config, items):
    for item in items:
        if item.path.name in _MODULE_GROUPS:
            item.add_marker(pytest.mark.xdist_group(item.path.name))
