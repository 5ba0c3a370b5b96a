"""Calls made in a process forked for them: the result comes back, or the exception the call raised (with the
traceback of where), or one sentence naming the process that died; a build plans in such a process and
renders and binds the same as when it plans here."""

from __future__ import annotations

import dataclasses
import os
import time
from pathlib import Path

import pytest

from conftest import EXAMPLE, ROOT
from documents import dossier_of
from dossier.build import forked, pipeline
from dossier.builders import applicable_builders
from dossier.errors import LoadError, ValidationFailed
from dossier.problems import Problem
from dossier.render.content import Figure


def _double(value: int) -> int:
    return 2 * value


def _fail_validation():
    raise ValidationFailed([Problem("company.yaml", 3, "company.name", "schema", "error", "必填")])


def _fail_loading():
    raise LoadError(7, "无法读取", "parse")


def _die():
    os._exit(3)


def _pid_then_double(value: int, where: Path, go: Path) -> int:
    """Twice ``value``, once ``go`` exists (so not before the caller's first step), its pid left in ``where``."""
    deadline = time.monotonic() + 30
    while not go.exists() and time.monotonic() < deadline:
        time.sleep(0.01)
    where.write_text(str(os.getpid()))
    return 2 * value


def _until_gone(where: Path) -> None:
    """Wait until the process whose pid ``where`` will hold has exited (so its result has been sent)."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if where.exists() and where.read_text():
            stat = Path(f"/proc/{where.read_text()}/stat")
            if not stat.exists() or stat.read_text().split(") ")[1].startswith("Z"):
                return
        time.sleep(0.01)
    raise AssertionError("the forked call did not end")


def test_a_forked_call_returns_its_result_taking_the_steps_here_until_it_answers(tmp_path):
    here, where, go = [], tmp_path / "pid", tmp_path / "go"
    steps = [lambda: (here.append(("first", os.getpid())), go.touch()), lambda: _until_gone(where),
             lambda: here.append(("after the answer", os.getpid()))]
    assert forked.call("计算", _pid_then_double, 21, where, go, meanwhile=steps) == 42
    assert here == [("first", os.getpid())]
    assert int(where.read_text()) != os.getpid()


def test_a_forked_call_raises_the_exception_it_raised_with_its_data():
    with pytest.raises(ValidationFailed) as raised:
        forked.call("校验数据", _fail_validation)
    assert raised.value.problems == (Problem("company.yaml", 3, "company.name", "schema", "error", "必填"),)
    assert raised.value.message == "数据有 1 个错误，未生成任何文件；请先修改（可运行 dossier validate 查看）。"


def test_an_exception_that_cannot_be_made_again_comes_back_as_its_traceback():
    with pytest.raises(RuntimeError) as raised:
        forked.call("读取", _fail_loading)
    assert str(raised.value).startswith("the forked call failed:\nTraceback (most recent call last):\n")
    assert str(raised.value).endswith("dossier.errors.LoadError: 无法读取\n")


def test_a_forked_process_that_dies_is_named():
    with pytest.raises(forked.WorkerDied, match="^校验数据的进程意外退出（退出码 3），可能是内存不足。$"):
        forked.call("校验数据", _die)


def test_a_build_planned_here_is_the_build_planned_in_its_own_process(tmp_path, monkeypatch):
    apart = pipeline.run(EXAMPLE, tmp_path / "apart", stage="application", only=("service_flow", "outlets"))
    monkeypatch.setattr(forked, "can_fork", lambda: False)
    here = pipeline.run(EXAMPLE, tmp_path / "here", stage="application", only=("service_flow", "outlets"))
    assert [(r.pdf.data, r.docx) for r in apart.documents] == [(r.pdf.data, r.docx) for r in here.documents]
    assert {p.relative_to(tmp_path / "apart"): p.read_bytes() for p in (tmp_path / "apart").rglob("*") if p.is_file()} \
        == {p.relative_to(tmp_path / "here"): p.read_bytes() for p in (tmp_path / "here").rglob("*") if p.is_file()}
    assert list(apart.timings) == ["校验数据", "判断需要重新生成的文件", "生成文件", "装订材料汇编", "核查与自评报告", "写出"]


def _figures(value) -> int:
    if isinstance(value, Figure):
        return 1
    if isinstance(value, (tuple, list)):
        return sum(_figures(v) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return sum(_figures(getattr(value, f.name)) for f in dataclasses.fields(value))
    return 0


@pytest.mark.parametrize("company", [EXAMPLE, ROOT / "company_data" / "auto4s"])
def test_the_documents_said_to_draw_charts_are_those_that_do(company):
    dossier = dossier_of(str(company))
    drawing = {b.id for b in applicable_builders(dossier) if _figures(b.composed(dossier, b.info(dossier)))}
    assert drawing == {b.id for b in applicable_builders(dossier) if b.draws_charts}
    assert drawing == {"self_assessment", "org_chart", "service_flow", "training", "satisfaction", "complaints"}
