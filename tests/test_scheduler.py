"""The slowest documents start first: a document's cost grows with the rows of its long register or log."""

from __future__ import annotations

import csv
import dataclasses
import os
from datetime import date

import pytest

from conftest import EXAMPLE
from documents import dossier_of
from dossier.builders import BUILDERS, applicable_builders
from dossier.build.kept import KeptReads
from dossier.build import scheduler
from dossier.build.scheduler import WorkerDied, render_documents


def _rows(relative: str) -> list[dict]:
    with (EXAMPLE / relative).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_cost_counts_the_rows_of_long_documents():
    dossier = dossier_of(str(EXAMPLE))
    window = dossier.submission.window            # the pack's rows: those of the sessions and complaints in its window
    in_window = {s.id for s in dossier.training.sessions if s.date in window}
    attended = sum(1 for row in _rows("training/attendance.csv") if row["session"] in in_window)
    received = sum(1 for row in _rows("complaints/complaints.csv")
                   if date.fromisoformat(row["received"][:10]) in window)
    assert BUILDERS["training"]().cost(dossier) == BUILDERS["training"].weight + attended / 100
    assert BUILDERS["complaints"]().cost(dossier) == BUILDERS["complaints"].weight + received / 100
    assert BUILDERS["personnel"]().cost(dossier) == BUILDERS["personnel"].weight + 63 / 100
    entrusted = sum(len(o.entrusted_staff) for o in dossier.outlets)
    assert entrusted == 11
    inspected = sum(1 for row in _rows("outlets/inspections.csv") if date.fromisoformat(row["date"]) in window)
    assert BUILDERS["outlets"]().cost(dossier) == BUILDERS["outlets"].weight + (inspected + entrusted) / 100
    assert BUILDERS["org_chart"]().cost(dossier) == BUILDERS["org_chart"].weight


def test_a_long_training_record_starts_first(monkeypatch):
    dossier = dossier_of(str(EXAMPLE))
    sessions = dossier.training.sessions
    big = dataclasses.replace(dossier, training=dataclasses.replace(dossier.training, sessions=sessions * 40))
    started = []
    monkeypatch.setattr(scheduler, "_render", lambda ident, d, issue, previous: started.append(ident) or ident)
    render_documents(big, applicable_builders(big), jobs=1)
    assert started[0] == "training"
    render_documents(dossier, applicable_builders(dossier), jobs=1)
    assert started[len(started) // 2] == "service_manual"      # in the sample, the manual is the heaviest


def _failing(monkeypatch, ident: str, prepare):
    dossier = dossier_of(str(EXAMPLE))
    chosen = [BUILDERS["procedures"](), BUILDERS[ident]()]
    monkeypatch.setattr(BUILDERS[ident], "prepare", prepare)
    return dossier, chosen


def test_an_error_in_a_forked_document_is_raised_in_the_build(monkeypatch):
    def broken(self, dossier, issue=None):
        raise ValueError(f"cannot render {self.id}")

    dossier, chosen = _failing(monkeypatch, "service_flow", broken)
    with pytest.raises(ValueError) as raised:
        render_documents(dossier, chosen, jobs=2)
    assert str(raised.value) == "cannot render service_flow"
    [note] = raised.value.__notes__           # where it was raised, for the internal error's saved traceback
    assert note.startswith("in the forked process:\nTraceback (most recent call last):\n")
    assert note.endswith('raise ValueError(f"cannot render {self.id}")\nValueError: cannot render service_flow\n')


def test_a_process_that_dies_is_named_not_waited_for(monkeypatch):
    def killed(self, dossier, issue=None):
        os._exit(9)

    dossier, chosen = _failing(monkeypatch, "service_flow", killed)
    with pytest.raises(WorkerDied, match="^生成“service_flow”的进程意外退出（退出码 9），可能是内存不足。$"):
        render_documents(dossier, chosen, jobs=2)


def test_forked_documents_are_the_serial_ones_in_order():
    dossier = dossier_of(str(EXAMPLE))
    chosen = [BUILDERS[i]() for i in ("service_flow", "responsibility_matrix", "procedures")]
    forked = render_documents(dossier, chosen, jobs=2)
    serial = render_documents(dossier, chosen, jobs=1)
    assert [r.info.id for r in forked] == ["service_flow", "responsibility_matrix", "procedures"]
    assert {type(r.reads) for r in forked + serial} == {KeptReads}
    assert [(r.pdf.data, r.docx, r.reads, r.content) for r in forked] == \
        [(r.pdf.data, r.docx, r.reads, r.content) for r in serial]


def test_work_meanwhile_is_done_once_beside_the_documents():
    dossier = dossier_of(str(EXAMPLE))
    chosen = [BUILDERS[i]() for i in ("service_flow", "responsibility_matrix")]
    for jobs in (1, 2):
        done = []
        rendered = render_documents(dossier, chosen, jobs=jobs, meanwhile=lambda: done.append(jobs))
        assert done == [jobs]
        assert [r.info.id for r in rendered] == ["service_flow", "responsibility_matrix"]


def test_an_error_meanwhile_stops_the_documents_processes(monkeypatch):
    def broken():
        raise ValueError("附件无法读取")

    started = []
    real_start = scheduler.start
    monkeypatch.setattr(scheduler, "start", lambda *args: started.append(real_start(*args)) or started[-1])
    dossier = dossier_of(str(EXAMPLE))
    chosen = [BUILDERS[i]() for i in ("procedures", "responsibility_matrix")]
    with pytest.raises(ValueError, match="^附件无法读取$"):
        render_documents(dossier, chosen, jobs=2, meanwhile=broken)
    assert len(started) == 2
    assert [r.process.exitcode for r in started] == [-9, -9]          # killed, not left to run on


def test_the_heaviest_document_without_charts_starts_before_the_warm_up(monkeypatch):
    """The warm-up (matplotlib, a first document through both writers) is for the processes forked after it:
    one document that draws no chart is already rendering meanwhile."""
    dossier = dossier_of(str(EXAMPLE))
    chosen = [BUILDERS[i]() for i in ("service_flow", "responsibility_matrix", "org_chart")]
    assert [(b.cost(dossier), b.draws_charts) for b in chosen] == [(2.0, True), (1.0, False), (2.0, True)]
    started, at_warm_up = [], []
    real_start, real_warm_up = scheduler.start, scheduler._warm_up
    monkeypatch.setattr(scheduler, "start", lambda what, function, ident, *args:
                        started.append(ident) or real_start(what, function, ident, *args))
    monkeypatch.setattr(scheduler, "_warm_up", lambda order: at_warm_up.append((list(started), order))
                        or real_warm_up(order))
    rendered = render_documents(dossier, chosen, jobs=2)
    assert at_warm_up == [(["responsibility_matrix"], ["service_flow", "org_chart"])]
    assert started == ["responsibility_matrix", "service_flow", "org_chart"]
    assert [r.info.id for r in rendered] == ["service_flow", "responsibility_matrix", "org_chart"]
    at_warm_up.clear()
    started.clear()
    render_documents(dossier, chosen[:2], jobs=2)      # one left after the first: it warms up on its own
    assert (started, at_warm_up) == (["responsibility_matrix", "service_flow"], [])


_PREPARED = """
import json, sys
from dossier.build.pipeline import _preparations
heavy = ("weasyprint", "docxtpl", "matplotlib")
steps = _preparations(charts=True)
before = [name for name in heavy if name in sys.modules]
loaded = []
for step in steps:
    step()
    loaded.append([name for name in heavy if name in sys.modules])
print(json.dumps({"before": before, "loaded": loaded, "axes": "matplotlib.axes" in sys.modules,
                  "agg": "matplotlib.backends.backend_agg" in sys.modules}))
"""


def test_the_renderers_are_loaded_while_the_plan_is_made_in_steps_one_library_at_a_time():
    """What a build prepares while its data is validated (pipeline._preparations): nothing heavy loaded in
    making the list (that is before the validation's process starts), then weasyprint, docxtpl and matplotlib
    each in steps of their own, so that the plan coming back during one waits for little."""
    import json
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", _PREPARED], cwd=EXAMPLE.parent.parent, capture_output=True,
                          text=True, check=True)
    seen = json.loads(done.stdout.splitlines()[-1])
    assert seen["before"] == [] and seen["axes"] and seen["agg"]
    firsts = [next(i for i, names in enumerate(seen["loaded"]) if name in names)
              for name in ("weasyprint", "docxtpl", "matplotlib")]
    assert firsts == sorted(set(firsts))                   # one after another, each in a step of its own
    assert seen["loaded"][-1] == ["weasyprint", "docxtpl", "matplotlib"]
    assert len(seen["loaded"]) - firsts[-1] >= 3           # matplotlib's drawing modules in steps of their own
