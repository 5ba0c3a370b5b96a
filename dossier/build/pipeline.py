"""The build, stage by stage: load and validate the data into the model, decide which documents are
outdated, render them, bind the binder, assess (the reviewer's report), publish the output in one swap."""

from __future__ import annotations

import errno
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import takewhile
from pathlib import Path
from typing import Callable, Sequence

from ..builders import Builder, Rendered, applicable_builders, builders_for
from ..builders.issue import Issue
from ..errors import AttachmentError, BuildError, UnknownDocument, ValidationFailed
from ..load.attachment import StoredAnswers, answer_files, recording, remember, start_reader, use_stored
from ..model import Dossier
from ..problems import Problem
from ..render.warm import warm_up
from ..validation import load_dossier
from . import forked
from .cache import CACHE_DIR, RenderCache, kept_passes, load_reads
from .changes import DATA_DIGESTS, data_tree, finding_references, load_tree, tree_bytes
from .fingerprint import sources_digest, tool_fingerprint
from .kept import kept_reads
from .manifest import MANIFEST, manifest_bytes, output_intact, read_manifest, reuse_document, stored_output
from .outdated import Decision, decide, document_changes, replay_contents
from .publish import Staging, clean_leftovers
from .revisions import REVISIONS, compares_content, issue_editions, load_state, settle, state_bytes
from .scheduler import chart_steps, default_jobs, render_documents, renderer_steps

__all__ = ["BuildResult", "Plan", "plan", "run", "default_out"]


@dataclass(frozen=True)
class BuildResult:
    out: Path
    documents: tuple[Rendered, ...]          # every document of the output, in binder order
    reasons: dict                            # id → why it was rendered (absent: reused unchanged)
    binder_pages: int
    warnings: tuple[Problem, ...]
    seconds: float
    rendering_warnings: tuple[str, ...] = field(default=())
    unchanged: bool = False                  # nothing to do: the output already matched the data
    timings: dict = field(default_factory=dict)   # stage → seconds
    submission: str = "认证申请材料"              # the name of the submission the pack is

    @property
    def pages(self) -> int:
        return sum(r.pdf.pages for r in self.documents)


def default_out(data: Path, stage: str) -> Path:
    """build/<company folder>/<stage>: the two submissions of a company side by side, neither replacing
    the other's output."""
    return Path("build") / Path(data).resolve().name / stage


def _select(dossier: Dossier, only: Sequence[str]) -> list[Builder]:
    known = {b.id for b in builders_for(dossier.standard)}
    unknown = [ident for ident in only if ident not in known]
    if unknown:
        raise UnknownDocument("、".join(unknown))
    return applicable_builders(dossier)


@dataclass(frozen=True)
class Plan:
    """What a build will do, decided before anything is rendered: each document rendered (with why) or
    reused, and the edition every revision unit gets."""

    dossier: Dossier
    builders: list[Builder]
    out: Path
    previous: dict                           # the previous build's manifest ({} when there is none)
    issue: Issue
    units: dict                              # the revision trail after this build
    decisions: list[Decision]
    warnings: tuple[Problem, ...]
    data: bytes                              # the digests of this build's data, as the output keeps them
                                             # (see .changes; empty when nothing is to be written)
    sources: str                             # the digest of the company folder
    shown_root: str
    unchanged: bool = False                  # the output already matches the data: nothing to do

    @property
    def reasons(self) -> dict[str, str]:
        """id → why the document is rendered, for the documents that are."""
        return {d.builder.id: d.reason for d in self.decisions if d.reason is not None}


def plan(data: Path, out: Path | None = None, *, only: Sequence[str] = (), force: bool = False,
         stage: str | None = None, clock: "_Clock | None" = None) -> Plan:
    """Load and check the data, and decide what the build renders for the pack of the submission ``stage``
    names (by default the one the data is in); raises ValidationFailed on bad data."""
    clock = clock or _Clock()
    use_stored(None if force else StoredAnswers([o / CACHE_DIR for o in _outputs(data, out, stage)], tool_fingerprint()))
    validation = load_dossier(Path(data), stage)
    clock.lap("校验数据")
    if not validation.ok:
        raise ValidationFailed(validation.problems)
    dossier, sources_found = validation.dossier, validation.sources
    warnings = tuple(p for p in validation.problems if p.severity != "error")
    del validation   # the raw data is kept only to compare it with the previous build's (large for big companies)
    builders = _select(dossier, only)
    out = Path(out) if out else default_out(data, dossier.submission.stage)
    with _writing(out):
        clean_leftovers(out)       # a killed build's temporary tree goes even when there is nothing to rebuild
    previous = read_manifest(out)
    sources = sources_digest(sources_found.root)
    tree = data_tree(sources_found)
    current_tool = previous.get("tool") == tool_fingerprint()     # otherwise every document re-renders anyway
    codes = {b.id: b.code(dossier) for b in builders}
    if not force and not only and previous.get("sources") == sources and current_tool and output_intact(out, previous):
        issue, units = issue_editions(dossier, load_state(out), codes, {})
        return Plan(dossier, builders, out, previous, issue, units, [], warnings, b"", sources,
                    sources_found.shown_root, unchanged=True)
    state = load_state(out)
    previous_reads = ({b.id: load_reads(out, b.info(dossier).stem) for b in builders}
                      if current_tool and not force else {})
    replayed = replay_contents(dossier, {k: v for k, v in previous_reads.items() if v is not None})
    changes = document_changes(builders, replayed, load_tree(out), tree, sources_found)
    if state.fresh and previous:
        warnings += (Problem(str(out / REVISIONS), 1, "", "build.revisions", "warning",
                             "未找到上次生成的修订记录（revisions.json），受控文件的修订记录从数据中的版本重新开始。"),)

    stored = ({e.get("id"): stored_output(out, e) for e in previous.get("documents", [])}
              if current_tool and not force else {})       # otherwise no document is reused

    def decided(issue: Issue) -> list[Decision]:
        return decide(builders, dossier, issue, previous, stored, replayed, changes, force=force, only=tuple(only))

    issue, units, decisions = _editions(dossier, state, codes, decided, changes, finding_references(sources_found))
    clock.lap("判断需要重新生成的文件")
    return Plan(dossier, builders, out, previous, issue, units, decisions, warnings, tree_bytes(tree), sources,
                sources_found.shown_root)


def _editions(dossier: Dossier, state, codes: dict[str, str], decided: Callable[[Issue], list[Decision]],
              changes, references) -> tuple[Issue, dict, list[Decision]]:
    """This build's editions, the trail's new state and what the build renders. A document rendered again
    gets its next revision when what it says, in the editions issued so far, differs from what its edition
    said; a document that cites a revised unit (the manual's version) is then rendered again, and so on,
    until nothing more changes (each document is revised at most once, so this ends)."""
    issue, units = issue_editions(dossier, state, codes, {}, changes, references)
    for _ in range(len(codes) + 1):
        decisions = decided(issue)
        said = {d.builder.id: d.builder.content_digest(dossier, issue) for d in decisions
                if d.reason is not None and compares_content(state, d.builder.id)}
        again, units = issue_editions(dossier, state, codes, said, changes, references)
        if again == issue:
            return issue, units, decisions
        issue = again
    raise RuntimeError("the editions of the documents do not settle")


def run(data: Path, out: Path | None = None, *, only: Sequence[str] = (), jobs: int | None = None,
        force: bool = False, stage: str | None = None, on_done: Callable[[str], None] | None = None) -> BuildResult:
    started = time.perf_counter()
    clock = _Clock()
    planned, laps, read = forked.call("校验数据", _planned, data, out, only, force, stage,
                                      meanwhile=_preparations(charts=force or _first_build(data, out, stage)))
    clock.took(laps)
    remember(read)
    dossier, builders, out, previous, issue = planned.dossier, planned.builders, planned.out, planned.previous, planned.issue
    if planned.unchanged:
        kept = [reuse_document(out, previous, b, dossier, issue) for b in builders]
        return BuildResult(out, tuple(kept), {}, previous["binder"]["pages"], planned.warnings,
                           time.perf_counter() - started, unchanged=True, submission=dossier.submission.name)
    from ..binder import assemble_binder, load_attachments   # pypdf and the binder's renderer: only when binding
    from ..binder.body import Body
    from .report import make_report

    decisions = planned.decisions
    jobs = jobs or default_jobs()
    cache = RenderCache(None if force else out)
    attachments: list = []
    body = Body()
    reused = {d.builder.id: d.reused for d in decisions if d.reused is not None}

    def meanwhile() -> None:
        """What binding needs of no document rendered now: the attachments, and the pages of the documents
        reused before the first one rendered again."""
        attachments.extend(load_attachments(dossier, cache))
        body.append(takewhile(lambda r: r is not None, (reused.get(b.id) for b in builders)))

    try:
        fresh = render_documents(dossier, [d.builder for d in decisions if d.reason is not None],
                                 jobs, issue, (lambda r: on_done(r.info.id)) if on_done else None,
                                 None if force else out, meanwhile=meanwhile)
    except AttachmentError as exc:
        raise BuildError(str(exc)) from None
    clock.lap("生成文件")
    by_id = {r.info.id: r for r in fresh} | reused
    documents = [by_id[b.id] for b in builders]
    units = settle(planned.units, {r.info.id: r.content for r in fresh})
    binder = assemble_binder(dossier, documents, attachments, previous.get("binder", {}).get("front_pages", 3), cache,
                             forked.start if jobs > 1 and forked.can_fork() else None, body)
    clock.lap("装订材料汇编")
    report = make_report(dossier, binder, {r.info.id: r.info.title for r in documents})
    clock.lap("核查与自评报告")
    if on_done:
        on_done("binder")
    with _writing(out), Staging(out) as staging:
        rendered_now = {r.info.id for r in fresh}
        for r in documents:
            staging.write(f"docx/{r.info.stem}.docx", r.docx)
            staging.write(f"pdf/{r.info.stem}.pdf", r.pdf.data)
            staging.write(f"{CACHE_DIR}/{r.info.stem}.reads.json.gz", kept_reads(r.reads).data)
            passes = r.passes if r.info.id in rendered_now else kept_passes(out, r.info.id)
            for name, data in passes.items():
                staging.write(f"{CACHE_DIR}/{name}", data)
        for name, data in cache.entries.items():
            staging.write(f"{CACHE_DIR}/{name}", data)
        for name, kept in answer_files(read, tool_fingerprint()).items():
            staging.write(f"{CACHE_DIR}/{name}", kept)
        staging.write(f"{CACHE_DIR}/{DATA_DIGESTS}", planned.data)
        staging.write("binder.pdf", binder.data)
        staging.write("report.html", report.html)
        staging.write("report.json", report.json)
        staging.write(REVISIONS, state_bytes(units))
        staging.write(MANIFEST, manifest_bytes(dossier, issue, documents, attachments, binder, planned.shown_root,
                                               planned.sources))
        staging.commit()
    clock.lap("写出")
    notes = tuple(f"{r.info.stem}: {w}" for r in fresh for w in r.pdf.warnings)
    return BuildResult(out, tuple(documents), planned.reasons, binder.pages, planned.warnings,
                       time.perf_counter() - started, notes, timings=clock.laps, submission=dossier.submission.name)


def _planned(data: Path, out: Path | None, only: Sequence[str], force: bool,
             stage: str | None) -> tuple[Plan, dict, dict]:
    """The build's plan, what its stages took, and the attachments as validation read them (so that the binder
    does not read them again, and the output keeps them for the next build). Computed in a process of its
    own: what loading and validating the data allocated (several times the model, for a large company) goes
    with that process, and this one only receives the model."""
    clock = _Clock()
    with recording() as read:
        planned = plan(data, out, only=only, force=force, stage=stage, clock=clock)
    return planned, clock.laps, read


def _preparations(charts: bool) -> list[Callable[[], None]]:
    """What rendering and binding need, made ready while the data is validated, as far as it gets before the
    plan is there: the binder's libraries imported, the process that reads attachments for it forked now,
    while this one is small (see load.attachment.sandbox), the renderers imported and taken once through a
    small document (render.warm), and, with ``charts``, matplotlib. A rebuild that renders no chart (most)
    should not wait for matplotlib; rendering loads it anyway when several documents to render draw charts."""
    def binding() -> None:
        from ..binder import assemble, attachments  # noqa: F401
        from . import report  # noqa: F401

    steps = [binding, start_reader, *renderer_steps(), warm_up]
    return steps + chart_steps() if charts else steps


def _outputs(data: Path, out: Path | None, stage: str | None) -> list[Path]:
    """Where the build may write, known before the data is read: the output given, or the default one of the
    submission ``stage`` names (of either, when it names none)."""
    stages = (stage,) if stage else ("application", "rectification")
    return [Path(out)] if out else [default_out(data, s) for s in stages]


def _first_build(data: Path, out: Path | None, stage: str | None) -> bool:
    """Whether no build has been made into the output yet (so every document, charts included, is rendered):
    told by its manifest, before the data is read."""
    return not any((o / MANIFEST).is_file() for o in _outputs(data, out, stage))


_NO_ROOM = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}
_NO_RIGHT = {errno.EACCES, errno.EPERM, errno.EROFS}


@contextmanager
def _writing(out: Path):
    """Turn a failure to write the output into one sentence naming the path; the old output stays."""
    try:
        yield
    except OSError as exc:
        where = _shown_output_path(Path(out), exc.filename)
        if exc.errno in _NO_ROOM:
            why = "磁盘空间不足（或超出文件大小限制）；请清理磁盘后重试"
        elif exc.errno in _NO_RIGHT:
            why = "没有写入权限（或为只读文件系统）；请用 -o 指定一个可写的输出目录"
        else:
            why = f"{exc.strerror or type(exc).__name__}"
        raise BuildError(f"无法写入“{where}”：{why}。本次未生成任何文件，原有输出 {Path(out).as_posix()} 未改动。") from None


def _shown_output_path(out: Path, failed) -> str:
    """The path a user knows: a file in the temporary sibling is named as it would be in ``out``."""
    if not failed:
        return out.as_posix()
    path = Path(failed)
    try:
        parts = path.relative_to(out.parent).parts
    except ValueError:
        return path.as_posix()
    if parts and parts[0].startswith(f".{out.name}.tmp-"):
        return out.joinpath(*parts[1:]).as_posix()
    return path.as_posix()


class _Clock:
    """Seconds spent in each stage of a build, in order."""

    def __init__(self):
        self.laps: dict[str, float] = {}
        self._last = time.perf_counter()

    def took(self, laps: dict[str, float]) -> None:
        """The stages another clock timed, up to now: the last of them also takes the time since it
        (that of sending their result here)."""
        now = time.perf_counter()
        self.laps.update(laps)
        if laps:
            last = list(laps)[-1]
            self.laps[last] += max(0.0, now - self._last - sum(laps.values()))
        self._last = now

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.laps[name] = now - self._last
        self._last = now
