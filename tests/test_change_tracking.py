"""Change tracking that is always true, on a company with exclusions (the purifier installer): every read a
rendering records can be evaluated again (or is refused when made); a rebuild re-renders exactly the
documents whose reads changed, says which field of which file changed, and revises a document only when
what it says changed, citing the rectification item whose data it was. The same builds show a document's
links to the attachments it names: in the binder, kept when the document is reused, absent from its own PDF."""

from __future__ import annotations

import io
import json
import shutil
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from conftest import Company
from documents import docx_text
from dossier.build import run
from dossier.model.tracking import Reads, UnreplayableRead, describe_path, replay, tracked
from test_training_retakes import _with_scans as with_scans

PURIFIER = Path(__file__).resolve().parent / "roots" / "purifier"

RECTIFICATION = """\
audit: {body: 某认证中心, stage: 现场审核, date: 2026-12-10, auditors: [张立新]}
findings:
  - id: NC-01
    indicator: "5.1.2"
    description: 维修工程师陈刚的低压电工作业证有效期登记有误。
    severity: 一般
    special_deduction: false
    raised: 2026-12-10
    cause: 登记时未核对原件。
    correction: 已按原件更正有效期。
    corrective_action: 登记证书时核对原件。
    owner: S02
    due: 2026-12-28
    closed: null
    data: ["personnel.yaml: staff[3].qualifications"]
"""


# -- the tracker ------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Root:
    exclusions: dict
    kinds: frozenset
    names: tuple


def _read(root: _Root) -> Reads:
    """What a builder does with a company's exclusions and lists: iterate a dict view, a set, a key."""
    reads = Reads()
    view = tracked(root, reads)
    _ = [f"{key}：{reason}" for key, reason in view.exclusions.items()]
    _ = sorted(view.kinds)
    _ = "5.2.3" in view.exclusions, view.names[0]
    return reads


def test_every_read_of_a_dict_view_or_a_set_evaluates_again():
    root = _Root({"5.2.3": "不经营配送", "5.2.6": "不回收"}, frozenset({"电工证", "管理师"}), ("甲", "乙"))
    reads = _read(root)
    assert replay(root, reads).changed == ()
    assert replay(replace(root, names=("甲", "丙")), reads).changed == ()     # names[1] was not read
    again = replay(replace(root, exclusions={"5.2.3": "不经营配送业务", "5.2.6": "不回收"}), reads)
    assert [describe_path(p) for p in again.changed] == ["exclusions.items()[0][1]"]


def test_a_read_that_cannot_be_evaluated_again_is_refused_when_made():
    view = tracked(_Root({}, frozenset(), ()), Reads())
    with pytest.raises(UnreplayableRead):
        view.exclusions.get(object())                       # an argument with no plain form
    with pytest.raises(UnreplayableRead):
        for _ in tracked(iter([1, 2]), Reads()):            # a one-shot iterator
            pass


# -- rebuilds of the purifier company ---------------------------------------------------------------------

def _versions(out: Path) -> dict[str, list[tuple[str, str]]]:
    """unit → its automatic revisions (version, description), from the trail the build keeps."""
    units = json.loads((out / "revisions.json").read_text(encoding="utf-8"))["units"]
    return {key: [(r["version"], r["description"]) for r in unit["revisions"]] for key, unit in units.items()}


def _documents(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted((out / "docx").glob("*"))
            + sorted((out / "pdf").glob("*"))}


@dataclass
class _Step:
    reasons: dict
    versions: dict
    documents: dict
    binder: bytes
    unchanged: bool
    manifest: dict


@pytest.fixture(scope="module")
def steps(tmp_path_factory):
    """The purifier company's application pack (an attachment added, and a rectification item, which the
    application does not hold) built, then rebuilt after each edit in turn, in one output folder: what each
    rebuild did."""
    base = tmp_path_factory.mktemp("tracking")
    data = Company(base / "data")
    shutil.copytree(PURIFIER, data.root)
    (data.root / "attachments").mkdir(exist_ok=True)
    Image.new("RGB", (400, 300), (200, 220, 240)).save(data.path("attachments/licence.png"))
    with_scans(data)                       # the training record names two scans, linked in the binder
    data.append("evidence.yaml", "  - {id: E01, file: attachments/licence.png, title: 营业执照副本, kind: 营业执照, "
                                 "indicators: [\"5.1.1\"]}\n")
    data.path("rectification.yaml").write_text(RECTIFICATION, encoding="utf-8")
    out = base / "out"

    def build() -> _Step:
        result = run(data.root, out, jobs=2, stage="application")
        return _Step(result.reasons, _versions(out), _documents(out), (out / "binder.pdf").read_bytes(),
                     result.unchanged, json.loads((out / "manifest.json").read_text(encoding="utf-8")))

    done = {"first": build()}
    data.append("company.yaml", "\n# 备注：只改了注释\n")
    done["comment"] = build()
    Image.new("RGB", (400, 300), (10, 120, 240)).save(data.path("attachments/licence.png"))
    done["attachment"] = build()
    data.edit("personnel.yaml", "valid_until: 2030-05-09", "valid_until: 2030-05-08")
    done["field"] = build()
    done["again"] = build()
    data.edit("service_system.yaml", "frequency: 每月", "frequency: 每两周")
    done["manual"] = build()
    done["manual_again"] = build()
    return data, out, done


def _no_revisions(step: _Step) -> bool:
    return all(rows == [] for rows in step.versions.values())


def test_a_comment_changes_nothing(steps):
    _data, _out, done = steps
    assert (done["comment"].reasons, done["comment"].documents) == ({}, done["first"].documents)
    assert _no_revisions(done["comment"])


def test_attachment_bytes_only_rebind(steps):
    _data, _out, done = steps
    step = done["attachment"]
    assert (step.reasons, step.documents) == ({}, done["first"].documents)
    assert step.binder != done["comment"].binder
    assert _no_revisions(step)


def test_one_field_renders_exactly_the_document_that_prints_it(steps):
    _data, _out, done = steps
    assert done["field"].reasons == {"personnel": "数据变化：personnel.yaml:41: staff[3].qualifications[0].valid_until"}
    changed = {name for name, data in done["field"].documents.items() if done["attachment"].documents[name] != data}
    assert changed == {"docx/09-personnel.docx", "pdf/09-personnel.pdf"}


def test_a_revision_of_the_application_says_why_without_an_audit_s_finding(steps):
    """The application comes before the audit: its revisions cite no finding (the rectification's do, see
    test_submissions)."""
    _data, out, done = steps
    revised = {unit: rows for unit, rows in done["field"].versions.items() if rows}
    assert revised == {"document:personnel": [("A/1", "根据运行情况更新相关内容")]}
    text = docx_text((out / "docx" / "09-personnel.docx").read_bytes(), headers=False)
    assert "版本 A/1" in text and "根据运行情况更新相关内容" in text


def test_a_rebuild_after_a_revision_renders_nothing(steps):
    _data, _out, done = steps
    assert (done["again"].reasons, done["again"].unchanged) == ({}, True)
    assert (done["manual_again"].reasons, done["manual_again"].unchanged) == ({}, True)


def test_a_document_citing_the_revised_manual_is_revised_with_it(steps):
    _data, out, done = steps
    assert done["manual"].reasons == {"service_manual": "数据变化：service_system.yaml:37: supervision.frequency",
                                      "responsibility_matrix": "修订版本变化"}
    revised = {unit: rows for unit, rows in done["manual"].versions.items() if rows}
    assert revised == {"document:personnel": [("A/1", "根据运行情况更新相关内容")],
                       "document:service_manual": [("A/1", "根据运行情况更新相关内容")],
                       "document:responsibility_matrix": [("A/1", "根据运行情况更新相关内容")]}
    text = docx_text((out / "docx" / "06-responsibility_matrix.docx").read_bytes(), headers=False)
    assert "依据《售后服务手册》（QY/SC-01，A/1 版）　本表版本 A/1" in text


# -- links from a document to the attachments it names ------------------------------------------------------

def _links(reader: PdfReader) -> list[tuple[int, object]]:
    """(0-based page, URI or destination) of every link annotation."""
    found = []
    for index, page in enumerate(reader.pages):
        for annotation in page.get("/Annots", ()):
            annotation = annotation.get_object()
            if annotation.get("/Subtype") == "/Link":
                action = annotation.get("/A")
                found.append((index, action.get_object().get("/URI") if action is not None else annotation.get("/Dest")))
    return found


def _scan_links(step: _Step) -> list[tuple[int, int]]:
    """(binder page of the link, binder page it goes to) of the links on the training record's pages."""
    start, end = next(d["binder_pages"] for d in step.manifest["documents"] if d["id"] == "training")
    reader = PdfReader(io.BytesIO(step.binder))
    pages = {page.indirect_reference.idnum: i for i, page in enumerate(reader.pages)}
    return [(page + 1, pages[target[0].idnum] + 1) for page, target in _links(reader)
            if start - 1 <= page < end and isinstance(target, list)]


def test_the_binder_links_each_scan_name_to_its_first_page(steps):
    _data, _out, done = steps
    manifest = done["first"].manifest
    scans = {a["id"]: a["binder_pages"][0] for a in manifest["attachments"]}
    page = next(d for d in manifest["documents"] if d["id"] == "training")["binder_pages"][0] + 1
    assert _scan_links(done["first"]) == [(page, scans["E07"]), (page, scans["E08"])]


def test_the_document_s_own_pdf_has_no_link_into_the_binder(steps):
    _data, out, _done = steps
    reader = PdfReader(out / "pdf" / "11-training.pdf")
    assert [uri for _page, uri in _links(reader) if isinstance(uri, str) and uri.startswith("binder:")] == []


def test_a_reused_document_keeps_its_links(steps):
    _data, _out, done = steps
    assert "training" not in done["field"].reasons
    assert _scan_links(done["field"]) == _scan_links(done["first"]) != []
