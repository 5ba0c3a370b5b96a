"""Where a cold build of one company spends its time: each document's stages and the largest costs by library.

    python benchmarks/costs.py company_data/example            # after `make test`'s set-up
    python benchmarks/costs.py /tmp/company-m --top 15

Everything runs serially in this one process, under cProfile, so the numbers are CPU seconds of the work
itself (a build spreads the documents over its workers). For each document: composing its content, its DOCX
(its charts are drawn here, once for both formats) and its PDF (HTML, layout, output); then the binder. Then the profile's
largest costs grouped by where the code lives (weasyprint's layout, style cascade, drawing, fonts;
matplotlib; pypdf; dossier itself) and the functions that cost most themselves. Never run by the tests.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

#: where a function's file lives → the cost group it counts in (the first match, in this order)
GROUPS = [("weasyprint/layout", "weasyprint: layout"), ("weasyprint/css", "weasyprint: style cascade"),
          ("weasyprint/draw", "weasyprint: drawing"), ("weasyprint/svg", "weasyprint: drawing SVG images"),
          ("weasyprint/pdf", "weasyprint: PDF output and fonts"), ("weasyprint/text", "weasyprint: text shaping"),
          ("pydyf", "weasyprint: PDF output and fonts"), ("weasyprint", "weasyprint: other"),
          ("tinyhtml5", "weasyprint: HTML parsing"), ("cssselect2", "weasyprint: style cascade"),
          ("tinycss2", "weasyprint: style cascade"), ("matplotlib", "matplotlib"), ("pypdf", "pypdf"),
          ("docx", "python-docx"), ("lxml", "python-docx"), ("fontTools", "fontTools"), ("cerberus", "cerberus"),
          ("yaml", "PyYAML"), ("dossier/validation", "dossier: validation"), ("dossier/load", "dossier: loading"),
          ("dossier/binder", "dossier: binder"), ("dossier/render", "dossier: writers"),
          ("dossier/builders", "dossier: builders"), ("dossier/model", "dossier: model"), ("dossier", "dossier: other")]


def _group(filename: str) -> str:
    path = filename.replace("\\", "/")
    for needle, name in GROUPS:
        if f"/{needle}/" in path or path.endswith(f"/{needle}.py"):
            return name
    return "python and C built-ins"


def _by_group(stats: pstats.Stats) -> dict[str, float]:
    """The profile's own time (tottime) summed per group: each second counted once."""
    groups: dict[str, float] = defaultdict(float)
    for (filename, _line, _name), (_cc, _nc, tottime, _ct, _callers) in stats.stats.items():
        groups[_group(filename)] += tottime
    return dict(groups)


def profile(data: Path, stage: str) -> tuple[list, pstats.Stats, dict[str, float]]:
    """Each document's (id, CPU seconds per step, pages), the profile, and the other stages' CPU seconds."""
    from dossier.binder import assemble_binder, load_attachments
    from dossier.builders import Rendered, applicable_builders
    from dossier.builders.issue import Issue
    from dossier.model.tracking import Reads, tracked
    from dossier.render.content_digest import content_digest
    from dossier.validation import load_dossier

    rows, totals = [], {}
    profiler = cProfile.Profile()
    profiler.enable()
    started = time.process_time()
    dossier = load_dossier(data, stage).dossier
    totals["load and validate"] = time.process_time() - started
    documents = []
    for builder in applicable_builders(dossier):
        laps: dict[str, float] = {}
        info, reads, code = builder.info(dossier, Issue()), Reads(), builder.code(dossier)
        document = _timed(laps, "compose", lambda: builder.composed(tracked(dossier, reads), info))
        company = dossier.company.name
        docx = _timed(laps, "docx (charts drawn)", lambda: builder._docx(document, info, dossier, company, code))
        pdf = _timed(laps, "pdf", lambda: _laid_out(builder._pdf(document, info, dossier, company, code),
                                                     dossier.root))
        documents.append(Rendered(info, docx, pdf, reads, {}, content_digest(document)))
        rows.append((builder.id, laps, pdf.pages))
    started = time.process_time()
    assemble_binder(dossier, documents, load_attachments(dossier), 3)
    totals["binder"] = time.process_time() - started
    profiler.disable()
    return rows, pstats.Stats(profiler), totals


def _laid_out(prepared: tuple, company_root: Path):
    """The document's PDF: laid out already, or laid out pass by pass and joined, as a build does."""
    from dossier.render.pdf import html_to_pdf, join_pdfs

    pdf, passes = prepared
    return pdf if pdf is not None else join_pdfs([html_to_pdf(html, company_root) for html in passes])


def _timed(laps: dict, name: str, work):
    started = time.process_time()
    value = work()
    laps[name] = time.process_time() - started
    return value


def report(rows: list, stats: pstats.Stats, totals: dict[str, float], top: int) -> str:
    columns = ["compose", "docx (charts drawn)", "pdf"]
    lines = ["| document | pages | " + " | ".join(columns) + " | total CPU s | pages/s |",
             "|" + "---|" * (len(columns) + 4)]
    sums = defaultdict(float)
    for ident, row, pages in rows:
        total = sum(row.get(c, 0.0) for c in columns)
        for c in columns:
            sums[c] += row.get(c, 0.0)
        lines.append(f"| {ident} | {pages} | " + " | ".join(f"{row.get(c, 0.0):.2f}" for c in columns)
                     + f" | {total:.2f} | {pages / total if total else 0:.1f} |")
    pages = sum(p for _, _, p in rows)
    lines.append(f"| all | {pages} | " + " | ".join(f"{sums[c]:.2f}" for c in columns)
                 + f" | {sum(sums.values()):.2f} | {pages / sum(sums.values()):.1f} |")
    lines.append("\n" + "，".join(f"{name} {seconds:.2f} s" for name, seconds in totals.items())
                 + " (CPU, under the profiler)")
    groups = _by_group(stats)
    whole = sum(groups.values())
    lines.append("\nLargest costs by library (own time under the profiler, share of all):")
    for name, seconds in sorted(groups.items(), key=lambda kv: -kv[1])[:top]:
        lines.append(f"- {name}: {seconds:.2f} s ({seconds / whole:.0%})")
    lines.append("\nFunctions that cost most themselves:")
    ranked = sorted(stats.stats.items(), key=lambda kv: -kv[1][2])[:top]
    for (filename, line, name), (_cc, calls, tottime, cumtime, _callers) in ranked:
        short = "/".join(Path(filename).parts[-2:])
        lines.append(f"- {short}:{line} {name}: {tottime:.2f} s own, {cumtime:.2f} s with callees, {calls} calls")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("--stage", default="application")
    parser.add_argument("--top", type=int, default=12)
    args = parser.parse_args()
    rows, stats, totals = profile(args.data, args.stage)
    print(report(rows, stats, totals, args.top))


if __name__ == "__main__":
    main()
