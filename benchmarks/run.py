"""Benchmark dossier on companies of three sizes, side by side with the usual LibreOffice pipeline.

    python benchmarks/run.py --size S M            # after `make test`'s set-up
    python benchmarks/run.py --size L --runs 1

Reports medians over --runs of: cold full build, one-field incremental rebuild, binder assembly alone,
peak memory (the sum of PSS over the whole process tree, so pages forked workers share with the parent
count once), pages per second and output size; and, where
LibreOffice is installed, the same documents through docx → soffice --convert-to pdf → merge.
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


def timed(command: list[str]) -> tuple[float, int]:
    """Wall time and peak resident memory of the command's process tree."""
    peak = 0
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    done = threading.Event()

    def watch():
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss(process.pid))
            time.sleep(0.05)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    _, err = process.communicate()
    done.set()
    watcher.join()
    elapsed = time.perf_counter() - started
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{err.decode(errors='replace')[-2000:]}")
    return elapsed, peak


def dossier(*args: str) -> list[str]:
    return [sys.executable, "-m", "dossier", *args]


def _toggle_field(data: Path, run: int) -> None:
    """Change one field: the phone number of the first outlet."""
    path = data / "outlets.yaml"
    text = path.read_text(encoding="utf-8")
    old = "0591-87562311" if "0591-87562311" in text else "0591-87562312"
    new = "0591-87562312" if old.endswith("1") else "0591-87562311"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def binder_alone(data: Path, out: Path) -> float:
    """Assemble the binder from the documents an earlier build left (in this process)."""
    from dossier.binder import assemble_binder, load_attachments
    from dossier.build.manifest import read_manifest, reuse_document
    from dossier.builders import applicable_builders
    from dossier.validation import load_dossier

    d = load_dossier(data).dossier
    manifest = read_manifest(out)
    documents = [reuse_document(out, manifest, b, d) for b in applicable_builders(d)]
    started = time.perf_counter()
    assemble_binder(d, documents, load_attachments(d), manifest["binder"].get("front_pages", 3))
    return time.perf_counter() - started


def baseline(out: Path, work: Path) -> float | None:
    """The usual pipeline: each DOCX through LibreOffice, then the PDFs merged."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return None
    from pypdf import PdfWriter

    target = work / "lo"
    target.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    for docx in sorted((out / "docx").glob("*.docx")):
        subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{work}/lo-profile",
                        "--convert-to", "pdf", "--outdir", str(target), str(docx)],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    writer = PdfWriter()
    for pdf in sorted(target.glob("*.pdf")):
        writer.append(str(pdf), import_outline=False)
    with (work / "merged.pdf").open("wb") as fh:
        writer.write(fh)
    return time.perf_counter() - started


def measure(size: str, runs: int, with_baseline: bool, work: Path) -> dict:
    data = generate(size, work / f"company-{size}")
    cold, peaks, incremental, binder = [], [], [], []
    out = work / f"out-{size}"
    for _ in range(runs):
        shutil.rmtree(out, ignore_errors=True)
        seconds, peak = timed(dossier("build", str(data), "-o", str(out)))
        cold.append(seconds)
        peaks.append(peak)
    for run in range(runs):
        _toggle_field(data, run)
        incremental.append(timed(dossier("build", str(data), "-o", str(out)))[0])
    for _ in range(runs):
        binder.append(binder_alone(data, out))
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    pages = sum(d["pages"] for d in manifest["documents"])
    result = {
        "size": size, "runs": runs, "documents": len(manifest["documents"]), "document_pages": pages,
        "binder_pages": manifest["binder"]["pages"],
        "cold_build_s": statistics.median(cold), "one_field_rebuild_s": statistics.median(incremental),
        "binder_assembly_s": statistics.median(binder), "peak_memory_mib": max(peaks) / 2**20,
        "pages_per_s": pages / statistics.median(cold),
        "binder_mib": (out / "binder.pdf").stat().st_size / 2**20,
        "output_mib": sum(p.stat().st_size for p in out.rglob("*") if p.is_file()) / 2**20,
    }
    if with_baseline:
        seconds = baseline(out, work / f"baseline-{size}")
        result["libreoffice_pipeline_s"] = seconds
        result["libreoffice_ratio"] = None if seconds is None else seconds / result["cold_build_s"]
    return result


COLUMNS = [("size", "size", "{}"), ("cold build s", "cold_build_s", "{:.1f}"),
           ("1-field rebuild s", "one_field_rebuild_s", "{:.1f}"), ("binder alone s", "binder_assembly_s", "{:.1f}"),
           ("peak MiB", "peak_memory_mib", "{:.0f}"), ("doc pages", "document_pages", "{}"),
           ("binder pages", "binder_pages", "{}"), ("pages/s", "pages_per_s", "{:.1f}"),
           ("binder MiB", "binder_mib", "{:.1f}"), ("output MiB", "output_mib", "{:.1f}"),
           ("LibreOffice s", "libreoffice_pipeline_s", "{:.1f}"), ("LO ÷ dossier", "libreoffice_ratio", "{:.1f}×")]


def table(results: list[dict]) -> str:
    lines = ["| " + " | ".join(title for title, _, _ in COLUMNS) + " |",
             "|" + "---|" * len(COLUMNS)]
    for row in results:
        cells = [fmt.format(row[key]) if row.get(key) is not None else "—" for _, key, fmt in COLUMNS]
        lines.append("| " + " | ".join(cells) + " |")
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
