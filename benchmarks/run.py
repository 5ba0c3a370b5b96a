"""Benchmark dossier on companies of three sizes, side by side with the usual LibreOffice pipeline.

    sh scripts/install-system-deps.sh --bench      # once: LibreOffice Writer, for the usual pipeline
    python benchmarks/run.py --size S M            # after `make test`'s set-up
    python benchmarks/run.py --size L --runs 1

Reports, over --runs (median, min, max): cold full build, one-field incremental rebuild (an outlet's phone),
one-field rebuild of the longest document (the first training session's topic), and, where
LibreOffice is installed, the usual pipeline at its best side by side in the same runs (the same
documents as DOCX only, then ONE warm LibreOffice process converting all of them, then a merge) with
dossier's speed-up over it; binder assembly alone, peak memory (the sum of PSS over the whole process
tree, so pages forked workers share with the parent count once), pages per second per core, each
stage's share of a cold build, and output size. Size S is the sample company itself.
Writes a table to stdout and JSON to benchmarks/out/results.json. Never run by the tests.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402


def _pss(pid: int) -> int:
    """Proportional set size: resident pages, those shared with other processes counted by their share
    (forked workers share much of the parent's memory, which a sum of RSS would count again)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    with open(f"/proc/{pid}/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def _tree_rss(pid: int) -> int:
    """Memory of a process and all its descendants (sum of their PSS), in bytes."""
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        try:
            total += _pss(current)
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as fh:
                    stack.extend(int(child) for child in fh.read().split())
        except (OSError, ValueError):
            continue
    return total


def timed(command: list[str]) -> tuple[float, int, str]:
    """Wall time, peak resident memory of the command's process tree, and what it printed."""
    peak = 0
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    done = threading.Event()

    def watch():
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss(process.pid))
            time.sleep(0.2)      # reading smaps costs the machine too: often enough for a build's peak

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    output, err = process.communicate()
    done.set()
    watcher.join()
    elapsed = time.perf_counter() - started
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{err.decode(errors='replace')[-2000:]}")
    return elapsed, peak, output.decode(errors="replace")


def dossier(*args: str) -> list[str]:
    return [sys.executable, "-m", "dossier", *args]


def _stages(output: str) -> dict[str, float]:
    """The stage timings ``dossier build --verbose`` prints (用时：校验数据 0.7 秒，…)."""
    for line in output.splitlines():
        if line.startswith("用时："):
            return {stage: float(seconds) for stage, seconds in
                    (part.rsplit(" ", 2)[:2] for part in line.removeprefix("用时：").split("，"))}
    return {}


def built(data: Path, out: Path) -> tuple[float, int, dict[str, float]]:
    """A build's wall time, peak memory and stage timings."""
    seconds, peak, output = timed(dossier("build", "--verbose", "--stage", "application", str(data), "-o", str(out)))
    return seconds, peak, _stages(output)


def process_start() -> float:
    """What starting the command costs before any work: the interpreter and the CLI's imports."""
    return timed(dossier("--help"))[0]


def _toggle_field(data: Path, run: int) -> None:
    """Change one field: the phone number of the first outlet."""
    path = data / "outlets.yaml"
    text = path.read_text(encoding="utf-8")
    old = "0591-87562311" if "0591-87562311" in text else "0591-87562312"
    new = "0591-87562312" if old.endswith("1") else "0591-87562311"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


#: what the long-document field change appends to (and then takes off) the first training session's topic
_MARK = "（补训）"


def _toggle_long_field(data: Path) -> None:
    """Change one field of the longest document: the topic of the first training session (the training record,
    which a large company's build lays out in passes; the first session is in the reporting window, where
    the last may be one still to come)."""
    path = data / "training.yaml"
    lines = path.read_text(encoding="utf-8").split("\n")
    sessions = lines.index("sessions:")
    first = next(i for i in range(sessions, len(lines)) if lines[i].lstrip().startswith("topic:"))
    line = lines[first].rstrip()
    quote = line[-1] if line[-1] in "'\"" else ""
    body = line[:len(line) - len(quote)]
    body = body[:-len(_MARK)] if body.endswith(_MARK) else body + _MARK
    lines[first] = body + quote
    path.write_text("\n".join(lines), encoding="utf-8")


def binder_alone(data: Path, out: Path) -> float:
    """Assemble the binder from the documents an earlier build left (in this process)."""
    from dossier.binder import assemble_binder, load_attachments
    from dossier.build.manifest import reuse_document
    from dossier.build.pipeline import plan

    planned = plan(data, out, stage="application")
    d, previous = planned.dossier, planned.previous
    documents = [reuse_document(out, previous, b, d, planned.issue) for b in planned.builders]
    started = time.perf_counter()
    assemble_binder(d, documents, load_attachments(d), previous["binder"].get("front_pages", 3))
    return time.perf_counter() - started


_DOCX_ONLY = """
import sys
from pathlib import Path
from dossier.builders import applicable_builders
from dossier.validation import load_dossier
d = load_dossier(Path(sys.argv[1]), "application").dossier
out = Path(sys.argv[2])
for n, builder in enumerate(applicable_builders(d), 1):
    (out / f"{n:02d}.docx").write_bytes(builder.docx(d))
"""


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def baseline(data: Path, work: Path) -> dict[str, float] | None:
    """The usual pipeline at its best: the same documents rendered as DOCX only (what docxtpl does in such
    a pipeline; here dossier's own DOCX writer, without any PDF layout), then ONE LibreOffice process
    converting all of them (its profile created beforehand, so it starts warm), then a pypdf merge."""
    soffice = _soffice()
    if soffice is None:
        return None
    from pypdf import PdfWriter

    shutil.rmtree(work, ignore_errors=True)
    docx, pdf = work / "docx", work / "pdf"
    docx.mkdir(parents=True)
    pdf.mkdir()
    profile = f"-env:UserInstallation=file://{work.parent}/lo-profile"
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", _DOCX_ONLY, str(data), str(docx)], check=True, cwd=ROOT)
    rendered = time.perf_counter()
    if not (work.parent / "lo-profile").exists():      # first start: LibreOffice writes its profile
        subprocess.run([soffice, "--headless", profile, "--convert-to", "pdf", "--outdir", str(work / "warm"),
                        str(next(docx.glob("*.docx")))], check=True, capture_output=True)
        rendered_warm = time.perf_counter()
        started += rendered_warm - rendered
        rendered = rendered_warm
    subprocess.run([soffice, "--headless", profile, "--convert-to", "pdf", "--outdir", str(pdf),
                    *sorted(str(p) for p in docx.glob("*.docx"))], check=True, capture_output=True)
    converted = time.perf_counter()
    missing = {p.stem for p in docx.glob("*.docx")} - {p.stem for p in pdf.glob("*.pdf")}
    if missing:     # soffice exits 0 even when it cannot load a DOCX (no Writer installed: only Calc)
        raise RuntimeError(f"LibreOffice converted none of {sorted(missing)}: is LibreOffice Writer installed? "
                           "(sh scripts/install-system-deps.sh --bench)")
    writer = PdfWriter()
    for part in sorted(pdf.glob("*.pdf")):
        writer.append(str(part), import_outline=False)
    with (work / "merged.pdf").open("wb") as fh:
        writer.write(fh)
    merged = time.perf_counter()
    return {"docx": rendered - started, "convert": converted - rendered, "merge": merged - converted,
            "total": merged - started}


def _spread(values: list[float]) -> dict[str, float]:
    return {"median": statistics.median(values), "min": min(values), "max": max(values)}


def _cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def measure(size: str, runs: int, with_baseline: bool, work: Path) -> dict:
    """Cold builds, one-field rebuilds and the baseline, interleaved run by run so that a noisy moment of
    the machine falls on all of them alike."""
    data = generate(size, work / f"company-{size}")
    cold, peaks, incremental, long_field, binder, stages, pipeline = [], [], [], [], [], [], []
    out = work / f"out-{size}"
    for run in range(runs):
        shutil.rmtree(out, ignore_errors=True)
        seconds, peak, laps = built(data, out)
        cold.append(seconds)
        peaks.append(peak)
        stages.append(laps)
        _toggle_field(data, run)
        incremental.append(built(data, out)[0])
        _toggle_long_field(data)
        long_field.append(built(data, out)[0])
        if with_baseline:
            measured = baseline(data, work / f"baseline-{size}")
            if measured is not None:
                pipeline.append(measured)
    for _ in range(runs):
        binder.append(binder_alone(data, out))
    start = statistics.median(process_start() for _ in range(max(runs, 3)))
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    pages = sum(d["pages"] for d in manifest["documents"])
    cold_median = statistics.median(cold)
    stage_median = {name: statistics.median(lap.get(name, 0.0) for lap in stages) for name in stages[0]}
    result = {
        "size": size, "runs": runs, "cores": _cores(), "documents": len(manifest["documents"]),
        "document_pages": pages, "binder_pages": manifest["binder"]["pages"],
        "cold_build_s": cold_median, "cold_build": _spread(cold),
        "one_field_rebuild_s": statistics.median(incremental), "one_field_rebuild": _spread(incremental),
        "long_field_rebuild_s": statistics.median(long_field), "long_field_rebuild": _spread(long_field),
        "process_start_s": start, "rebuild_work_s": statistics.median(incremental) - start,
        "binder_assembly_s": statistics.median(binder), "peak_memory_mib": max(peaks) / 2**20,
        "pages_per_s_per_core": pages / cold_median / _cores(),
        "stages_s": stage_median, "stage_share": {k: v / sum(stage_median.values()) for k, v in stage_median.items()},
        "binder_mib": (out / "binder.pdf").stat().st_size / 2**20,
        "output_mib": sum(p.stat().st_size for p in out.rglob("*") if p.is_file()) / 2**20,
    }
    if pipeline:
        total = [m["total"] for m in pipeline]
        result["pipeline_s"] = statistics.median(total)
        result["pipeline"] = {**_spread(total), **{part: statistics.median(m[part] for m in pipeline)
                                                   for part in ("docx", "convert", "merge")}}
        result["cold_speedup"] = result["pipeline_s"] / cold_median
        result["rebuild_speedup"] = result["pipeline_s"] / result["one_field_rebuild_s"]
    return result


def _range(row: dict, key: str) -> str:
    spread = row.get(key)
    return "—" if not spread else f"{spread['median']:.1f} ({spread['min']:.1f}–{spread['max']:.1f})"


COLUMNS = [("size", lambda r: r["size"]),
           ("cold build s, median (min–max)", lambda r: _range(r, "cold_build")),
           ("1-field rebuild s", lambda r: _range(r, "one_field_rebuild")),
           ("of it beyond process start s", lambda r: f"{r['rebuild_work_s']:.2f}"),
           ("1-field rebuild in the training record s", lambda r: _range(r, "long_field_rebuild")),
           ("usual pipeline at its best s", lambda r: _range(r, "pipeline")),
           ("cold ×", lambda r: f"{r['cold_speedup']:.2f}×" if "cold_speedup" in r else "—"),
           ("rebuild ×", lambda r: f"{r['rebuild_speedup']:.1f}×" if "rebuild_speedup" in r else "—"),
           ("binder alone s", lambda r: f"{r['binder_assembly_s']:.1f}"),
           ("peak MiB", lambda r: f"{r['peak_memory_mib']:.0f}"),
           ("doc pages", lambda r: str(r["document_pages"])), ("binder pages", lambda r: str(r["binder_pages"])),
           ("pages/s/core", lambda r: f"{r['pages_per_s_per_core']:.1f}"),
           ("binder MiB", lambda r: f"{r['binder_mib']:.1f}")]


def table(results: list[dict]) -> str:
    lines = ["| " + " | ".join(title for title, _ in COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    lines += ["| " + " | ".join(cell(row) for _, cell in COLUMNS) + " |" for row in results]
    for row in results:
        shares = "，".join(f"{stage} {share:.0%}" for stage, share in row["stage_share"].items())
        lines.append(f"\n{row['size']}: stages of a cold build (median s share): {shares}")
        if "pipeline" in row:
            p = row["pipeline"]
            lines.append(f"{row['size']}: usual pipeline: DOCX {p['docx']:.1f} s + one LibreOffice "
                         f"{p['convert']:.1f} s + merge {p['merge']:.1f} s")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", nargs="+", default=["S", "M"], choices=["S", "M", "L"])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-baseline", dest="baseline", action="store_false")
    parser.add_argument("--out", type=Path, default=HERE / "out" / "results.json")
    args = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory(prefix="dossier-bench-") as tmp:
        for size in args.size:
            results.append(measure(size, args.runs, args.baseline, Path(tmp)))
            print(f"size {size} done", file=sys.stderr)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(table(results))
    print(f"\nJSON: {args.out}")


if __name__ == "__main__":
    main()
