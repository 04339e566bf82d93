"""A generated knowledge base of 1000 pages: build CPU with the project's hooks and extensions against plain Material,
and whether Material's `navigation.prune` keeps page size linear.

The site is a copy of the project with N generated pages (bench/sites.py: prose with glossary
terms and message IDs, a table, code; a calculator on 1 page in 20 and a snippet on 1 in 5, as
the real pages write them), 20 pages a nav section. The project build runs with a cold cache
(a new KB_CACHE_DIR) and then warm (the same folder again); the plain build is Material alone
on the same Markdown (build_time.plain_config).

Page size: every page carries the whole navigation, so without pruning a site of N pages writes
about N x N nav entries. The benchmark builds the plain site at 100, 500 and 1000 pages with and
without `navigation.prune` and reports the mean HTML bytes per page.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from bench import BenchOptions, BenchResult, Row, register, spread
from bench.build_time import BuildSample, timed_build
from bench.sites import GENERATED_FOLDER, copy_project, generate_pages, write_plain_config

# KB_BENCH_PAGES=200 for a quicker run (the page-size series stops at that size); KB_BENCH_PRUNE=0 skips that series.
PAGES = int(os.environ.get("KB_BENCH_PAGES") or 1000)
PRUNE_SIZES = () if os.environ.get("KB_BENCH_PRUNE") == "0" else tuple(size for size in (100, 200, 500, 1000) if size <= PAGES)


def _generated(root: Path, work: Path, name: str, pages: int) -> Path:
    project = copy_project(root, work / name)
    generate_pages(project, pages)
    return project


def _bytes_per_page(site: Path) -> float:
    pages = list((site / GENERATED_FOLDER).glob("*.html"))
    return sum(page.stat().st_size for page in pages) / len(pages)


@register("large-site")
def large_site(options: BenchOptions) -> BenchResult:
    """Build CPU of a generated 1000-page site with hooks vs plain, and page size with and without navigation.prune."""
    runs = max(1, min(options.runs, 2))  # each build of 1000 pages takes a minute of CPU
    rows: list[Row] = []
    samples: dict[str, list[BuildSample]] = {"cold": [], "warm": [], "plain": []}
    with tempfile.TemporaryDirectory(prefix="bench-large-") as scratch:
        work = Path(scratch)
        project = _generated(options.root, work, "site", PAGES)
        plain = write_plain_config(project, options.root)
        for run in range(runs):
            cache = work / f"cache-{run}"
            samples["cold"].append(timed_build(project, project / "mkdocs.yml", work / "out-cold", strict=True, cache_dir=cache))
            samples["warm"].append(timed_build(project, project / "mkdocs.yml", work / "out-warm", strict=True, cache_dir=cache))
            samples["plain"].append(timed_build(project, plain, work / "out-plain", strict=False))
        cpu = {name: spread([sample.cpu for sample in values])["median"] for name, values in samples.items()}
        written = samples["plain"][-1].pages
        rows += [Row(f"{written} HTML pages, {label}: process CPU", cpu[name], "s", note=note) for name, label, note in (
            ("cold", "project, cold cache", "a new KB_CACHE_DIR"), ("warm", "project, warm cache", "the same KB_CACHE_DIR again"),
            ("plain", "plain Material", "same Markdown, no hooks or project extensions"))]
        rows += [
            Row("CPU ratio project/plain, warm cache", round(cpu["warm"] / cpu["plain"], 2), "x", note="target <= 1.10"),
            Row("CPU ratio project/plain, cold cache", round(cpu["cold"] / cpu["plain"], 2), "x", note="target <= 1.10"),
            Row("hooks' CPU per page, warm cache", round((cpu["warm"] - cpu["plain"]) / written * 1000, 2), "ms"),
        ]
        for pages in PRUNE_SIZES:
            sizes = {}
            for pruned in (False, True):
                sized = _generated(options.root, work, f"prune-{pages}-{pruned}", pages)
                config = write_plain_config(sized, options.root, ["navigation.prune"] if pruned else None)
                out = work / f"out-prune-{pages}-{pruned}"
                timed_build(sized, config, out, strict=False)
                sizes[pruned] = _bytes_per_page(out)
            rows += [Row(f"{pages} pages: HTML bytes per page, no prune", round(sizes[False])),
                     Row(f"{pages} pages: HTML bytes per page, navigation.prune", round(sizes[True]),
                         note=f"{sizes[True] / sizes[False]:.0%} of unpruned")]
    return BenchResult(
        title=f"Generated knowledge base: {PAGES} pages with hooks vs plain Material ({runs} run(s)); page size and navigation.prune",
        rows=rows,
        samples={f"{name}_cpu_s": [sample.cpu for sample in values] for name, values in samples.items()},
        notes=["1 calculator per 20 pages, a snippet on 1 in 5, 20 pages a nav section; plus the project's own pages",
               "page size: plain Material builds (the navigation is Material's, the same with the hooks)",
               f"load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs (compare CPU, not wall clock)"],
    )
