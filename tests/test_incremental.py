"""Regenerating after rectification: only what changed is rendered, revisions advance, diff says what."""

from __future__ import annotations

import json
import re
import shutil

import pytest

from conftest import EXAMPLE, Company
from dossier.build import run
from dossier.cli import main
from dossier.build.diff import diff_builds
from dossier.load.attachment import sandbox


def _files(out):
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}


def _manifest(out):
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def rebuilt(example_build, tmp_path_factory):
    """A copy of the sample's data and of its build, with one training record changed and rebuilt once for
    the module (the tests read it; one that builds again works on its own copy)."""
    _result, built = example_build
    tmp_path = tmp_path_factory.mktemp("rebuilt")
    data = Company(tmp_path / "data")
    shutil.copytree(EXAMPLE, data.root)
    before = tmp_path / "before"
    shutil.copytree(built, before)
    out = tmp_path / "out"
    shutil.copytree(built, out)
    text = data.path("training.yaml").read_text(encoding="utf-8")
    match = re.search(r"(\n    hours: )(\d+(?:\.\d+)?)\n", text)
    new_hours = float(match.group(2)) + 0.5
    data.path("training.yaml").write_text(text[:match.start()] + f"{match.group(1)}{new_hours:g}\n"
                                          + text[match.end():], encoding="utf-8")
    return data, before, out, run(data.root, out, jobs=2, stage="application"), new_hours


def test_one_training_record_rebuilds_only_what_reads_it(rebuilt):
    _data, before, out, result, _hours = rebuilt
    # the record itself, and the self-assessment and management review whose objectives count the training hours
    assert set(result.reasons) == {"training", "self_assessment", "management_review"}
    assert all(reason.startswith("数据变化") for reason in result.reasons.values()), result.reasons
    old, new = _files(before), _files(out)
    for entry in _manifest(out)["documents"]:
        for kind in ("docx", "pdf"):
            same = old[entry[kind]] == new[entry[kind]]
            assert same == (entry["id"] not in result.reasons), (entry["id"], kind)


def test_the_training_record_revision_advances(rebuilt):
    _data, before, out, _result, _hours = rebuilt
    old = {d["id"]: d for d in _manifest(before)["documents"]}["training"]
    new = {d["id"]: d for d in _manifest(out)["documents"]}["training"]
    [(code, version)] = new["revisions"].items()
    assert (old["revisions"][code], version) == ("A/0", "A/1")
    trail = json.loads((out / "revisions.json").read_text(encoding="utf-8"))["units"]["document:training"]
    # the application comes before the audit: its revision cites no finding (the rectification's do)
    assert (trail["revisions"][-1]["findings"], trail["revisions"][-1]["description"]) == ([], "根据运行情况更新相关内容")


def test_diff_names_exactly_that_change(rebuilt, runner):
    _data, before, out, result, hours = rebuilt
    diff = diff_builds(before, out)
    assert {c.id for c in diff.changed} == set(result.reasons)
    training = next(c for c in diff.changed if c.id == "training")
    assert any(line.startswith("+") and "A/1" in line for line in training.text)
    assert not diff.added and not diff.removed
    shown = runner.invoke(main, ["diff", str(before), str(out)])
    assert shown.exit_code == 0 and "培训计划与记录" in shown.output and "A/0 → A/1" in shown.output
    data = json.loads(runner.invoke(main, ["diff", "--json", str(before), str(out)]).output)
    assert [c["id"] for c in data["documents"]["changed"]] == [c.id for c in diff.changed]


def test_nothing_changed_renders_nothing(rebuilt, tmp_path):
    data, _before, out, _result, _hours = rebuilt
    again_out = tmp_path / "out"
    shutil.copytree(out, again_out)
    again = run(data.root, again_out, jobs=2, stage="application")
    assert again.unchanged and again.reasons == {}
    assert _files(again_out) == _files(out)


@pytest.fixture
def small_build(small_company_build, tmp_path):
    """A copy of the small company's session build, to build again: (company folder, output)."""
    _result, built, company = small_company_build
    out = tmp_path / "out" / "co"
    shutil.copytree(built, out)
    return company, out


def test_deleting_the_output_starts_over(small_build):
    company, out = small_build
    (out / "revisions.json").unlink()
    result = run(company, out, jobs=2)
    assert [p.code for p in result.warnings] == ["build.revisions"]
    shutil.rmtree(out)
    fresh = run(company, out, jobs=2)
    assert set(fresh.reasons) == {r.info.id for r in fresh.documents}
    units = json.loads((out / "revisions.json").read_text(encoding="utf-8"))["units"]
    assert [name for name, unit in units.items() if unit["revisions"]] == []   # the trail starts from the data
    training = {d["id"]: d for d in _manifest(out)["documents"]}["training"]
    assert list(training["revisions"].values()) == ["A/0"]


@pytest.mark.slow
def test_force_renders_everything(small_build):
    company, out = small_build
    forced = run(company, out, jobs=2, force=True)
    assert set(forced.reasons) == {r.info.id for r in forced.documents}
    assert set(forced.reasons.values()) == {"--force"}


def test_a_rebuild_lays_out_no_unchanged_attachment_or_front_matter(rebuilt, tmp_path, monkeypatch):
    """One outlet's phone changed: its documents are laid out again (in the workers), the binder's front matter
    and the image attachments' pages come from the render cache."""
    from dossier.render import pdf

    data, _before, out, _result, _hours = rebuilt
    company = Company(tmp_path / "data")
    shutil.copytree(data.root, company.root)
    again = tmp_path / "out"
    shutil.copytree(out, again)
    text = company.path("outlets.yaml").read_text(encoding="utf-8")
    company.path("outlets.yaml").write_text(text.replace("0591-87562311", "0591-87562319", 1), encoding="utf-8")
    laid_out = []
    real = pdf.html_to_pdf
    monkeypatch.setattr(pdf, "html_to_pdf", lambda html, root: laid_out.append(html[:200]) or real(html, root))
    result = run(company.root, again, jobs=2, stage="application")
    assert set(result.reasons) == {"outlets", "service_commitment"}
    assert laid_out == []
    old, new = _files(out), _files(again)
    assert new["binder.pdf"] != old["binder.pdf"]
    reads = {name for name in new if name.endswith(".reads.json.gz")}
    kept = {name for name in reads if new[name] == old[name]}
    assert reads - kept == {f".dossier-cache/{d['docx'][5:-5]}.reads.json.gz" for d in _manifest(again)["documents"]
                            if d["id"] in result.reasons}


def test_a_rebuild_reads_again_only_the_attachment_that_changed(rebuilt, tmp_path, monkeypatch):
    """What reading the attachments gave is kept in the output: a rebuild in a process that has read none of
    them asks the sandbox only for the file whose bytes changed."""
    data, _before, out, _result, _hours = rebuilt
    company = Company(tmp_path / "data")
    shutil.copytree(data.root, company.root)
    again = tmp_path / "out"
    shutil.copytree(out, again)
    rescanned = company.path("attachments/recycling_register.pdf")
    rescanned.write_bytes(rescanned.read_bytes() + b"\n% rescanned\n")
    asked, real = tmp_path / "asked", sandbox._ask

    def ask(request, limits):        # in the process that plans the build: noted in a file
        with asked.open("a", encoding="utf-8") as fh:
            fh.write(f"{request[1]}\n")
        return real(request, limits)

    monkeypatch.setattr(sandbox, "_ask", ask)
    monkeypatch.setattr(sandbox, "_kept", type(sandbox._kept)())
    result = run(company.root, again, jobs=2, stage="application")
    assert asked.read_text(encoding="utf-8").split() == ["attachments/recycling_register.pdf"]
    assert result.reasons == {}
    assert _manifest(again)["binder"]["sha256"] != _manifest(out)["binder"]["sha256"]
