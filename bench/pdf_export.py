"""PDF export time and size: all books (whole site + one per area), and the build that makes them.

Each run is a fresh `ENABLE_PDF_EXPORT=1 mkdocs build` process into a temporary folder. The
export's own time (every book: print page, measuring, both Chromium prints, the checks) comes
from the line the hook logs ("PDF export: N books in S s"); the goal is at most 30 s for all
books on a 2-core machine. The same export runs as `python -m kb.pdf SITE_DIR`.
Runs alone with `python -m bench --only pdf-export` or `python -m bench.pdf_export`.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from bench import BenchOptions, BenchResult, Row, register, spread

GOAL_SECONDS = 30.0
PDF_NAME = "pdf/field-notes.pdf"
EXPORT_LINE = re.compile(r"PDF written: pdf/field-notes.pdf \((\d+) pages, [0-9.]+ MB, (\d+) prints, ([0-9.]+) s\)")
TOTAL_LINE = re.compile(r"PDF export: (\d+) books in ([0-9.]+) s")


@dataclass(frozen=True)
class ExportSample:
    """One timed build with PDF export: whole process, export alone, pages, bytes, Chromium prints."""

    build_wall: float
    export: float
    books: int
    whole_book: float
    pages: int
    size_bytes: int
    prints: int


def timed_pdf_build(root: Path, site_dir: Path) -> ExportSample:
    """Run one strict `ENABLE_PDF_EXPORT=1 mkdocs build` in a fresh process and time it."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", ENABLE_PDF_EXPORT="1")
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)]
    started = time.perf_counter()
    finished = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - started
    output = finished.stdout + finished.stderr
    if finished.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{output}")
    logged = EXPORT_LINE.search(output)
    total = TOTAL_LINE.search(output)
    if logged is None or total is None:
        raise RuntimeError(f"no 'PDF written' / 'PDF export' line in the build output:\n{output}")
    return ExportSample(
        build_wall=wall,
        export=float(total.group(2)),
        books=int(total.group(1)),
        whole_book=float(logged.group(3)),
        pages=int(logged.group(1)),
        size_bytes=(site_dir / PDF_NAME).stat().st_size,
        prints=int(logged.group(2)),
    )


@register("pdf-export")
def pdf_export(options: BenchOptions) -> BenchResult:
    """Median PDF export time against the 30 s goal, and the PDF's size and page count."""
    samples: list[ExportSample] = []
    with tempfile.TemporaryDirectory(prefix="bench-pdf-") as scratch:
        for _ in range(options.warmup):
            timed_pdf_build(options.root, Path(scratch) / "warmup")
        for run in range(options.runs):
            samples.append(timed_pdf_build(options.root, Path(scratch) / f"site-{run}"))
    export = spread([sample.export for sample in samples])
    build = spread([sample.build_wall for sample in samples])
    last = samples[-1]
    verdict = "within" if export["median"] <= GOAL_SECONDS else "OVER"
    rows = [
        Row(f"PDF export, all {last.books} books (print pages + Chromium prints + checks)", export["median"], "s",
            export["min"], export["max"], f"{verdict} the {GOAL_SECONDS:.0f} s goal"),
        Row("of which the whole-site book", last.whole_book, "s", note="printed beside the area books (2 browsers)"),
        Row("whole build with ENABLE_PDF_EXPORT=1", build["median"], "s", build["min"], build["max"], "wall clock"),
        Row("whole-site PDF size", round(last.size_bytes / 1e6, 2), "MB", note=f"{last.size_bytes} bytes"),
        Row("whole-site PDF pages", last.pages),
        Row("Chromium prints per export", last.prints, note="2 = first pass finds page numbers, second prints them"),
    ]
    return BenchResult(
        title=f"PDF export ({options.runs} runs, {options.warmup} warm-up, {os.cpu_count()} CPUs)",
        rows=rows,
        samples={
            "export_s": [sample.export for sample in samples],
            "build_wall_s": [sample.build_wall for sample in samples],
            "size_bytes": [float(sample.size_bytes) for sample in samples],
        },
    )


if __name__ == "__main__":
    from bench.__main__ import main

    sys.exit(main(["--only", "pdf-export", *sys.argv[1:]]))
