"""Calculator JavaScript weight per page, and what the calculator directive adds to the build time.

`js-weight`: builds the site once and sums, for every page, the calculator scripts it loads (a
calculator's file-check script counts with it), against the goal of each calculator (GOALS:
15 KB uncompressed for tire and RAM disk, 40 KB for the VIO planner), with each script split
into its parts: runtime, shared data, calculator data and compiled logic, or for a file check's
script its compiled functions and page script. The bundles are minified by tdewolff-minify
after our own K and spec-key shortening (calculators/minify.py). `calc-build-time`: the strict build with and without the ```calculator
directive (kb.fences handling snippets only, no calculator custom fence: the blocks stay code),
alternating, each as a ratio to the plain Material build of build_time.py.
"""
from __future__ import annotations

import gzip
import re
import tempfile
from pathlib import Path

import yaml

from bench import BenchOptions, BenchResult, Row, register, spread
from bench.build_time import _mapping_get, _mapping_set, absolute_watch, plain_config, timed_build

CALCULATOR_FENCE = "calculator"
SCRIPT = re.compile(r'<script src="([^"]*assets/calculators/([a-z0-9_]+)(?:-([a-z0-9-]+))?\.js)"')
# Goal per calculator: bytes of its scripts a page loads (its own file and its file checks'), uncompressed.
GOALS = {"tire": 15 * 1024, "ramdisk": 15 * 1024, "vio": 40 * 1024}


def script_parts(script: str) -> dict[str, int]:
    """Bytes of each part of one file (one line each, calculators/bundle.py): a calculator's file has the runtime,
    shared data, calculator data, compiled logic and start-up line; a file check's has its compiled functions and page script."""
    lines = script.rstrip("\n").split("\n")
    if len(lines) == 2:
        functions, page_script = lines
        return {"check functions": len(functions.encode()) + 1, "page script": len(page_script.encode()) + 1}
    runtime, shared, data, logic, start = lines
    return {
        "runtime": len(runtime.encode()) + len(start.encode()) + 2,
        "shared data": len(shared.encode()) + 1,
        "calculator data": len(data.encode()) + 1,
        "compiled logic": len(logic.encode()) + 1,
    }


def without_calculators_config(root: Path) -> str:
    """mkdocs.yml without the calculator directive (its blocks stay code), paths made absolute."""
    with (root / "mkdocs.yml").open(encoding="utf-8") as source:
        config = yaml.compose(source)
    assert isinstance(config, yaml.MappingNode)
    hooks = _mapping_get(config, "hooks")
    absolute = [yaml.ScalarNode("tag:yaml.org,2002:str", str(root / node.value))
                for node in (hooks.value if isinstance(hooks, yaml.SequenceNode) else [])]
    _mapping_set(config, "hooks", yaml.SequenceNode("tag:yaml.org,2002:seq", absolute))
    docs_dir = _mapping_get(config, "docs_dir")
    docs = docs_dir.value if isinstance(docs_dir, yaml.ScalarNode) else "docs"
    _mapping_set(config, "docs_dir", yaml.ScalarNode("tag:yaml.org,2002:str", str(root / docs)))
    absolute_watch(config, root)
    extensions = _mapping_get(config, "markdown_extensions")
    assert isinstance(extensions, yaml.SequenceNode)
    for index, entry in enumerate(extensions.value):
        if isinstance(entry, yaml.ScalarNode) and entry.value == "kb.fences":
            only_snippets = yaml.MappingNode("tag:yaml.org,2002:map", [(
                yaml.ScalarNode("tag:yaml.org,2002:str", "kinds"),
                yaml.SequenceNode("tag:yaml.org,2002:seq", [yaml.ScalarNode("tag:yaml.org,2002:str", "snippet")]))])
            extensions.value[index] = yaml.MappingNode("tag:yaml.org,2002:map", [(entry, only_snippets)])
        elif isinstance(entry, yaml.MappingNode) and entry.value and entry.value[0][0].value == "pymdownx.superfences":
            fences = _mapping_get(entry.value[0][1], "custom_fences")
            if isinstance(fences, yaml.SequenceNode):
                fences.value = [fence for fence in fences.value if getattr(_mapping_get(fence, "name"), "value", None) != CALCULATOR_FENCE]
    return yaml.serialize(config, allow_unicode=True)


@register("js-weight")
def js_weight(options: BenchOptions) -> BenchResult:
    """Bytes of calculator JavaScript each built page loads."""
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="bench-js-") as scratch:
        site = Path(scratch) / "site"
        timed_build(options.root, options.root / "mkdocs.yml", site, strict=True)
        bundles = {path.stem: path.read_text(encoding="utf-8") for path in (site / "assets" / "calculators").glob("*.js")}
        for page in sorted(site.rglob("*.html")):
            matches = list(SCRIPT.finditer(page.read_text(encoding="utf-8")))
            files = sorted({match.group(2) + (f"-{match.group(3)}" if match.group(3) else "") for match in matches})
            if not files:
                continue
            calculators = sorted({match.group(2) for match in matches})
            goal = sum(GOALS[name] for name in calculators)
            total = sum(len(bundles[name].encode()) for name in files)
            zipped = sum(len(gzip.compress(bundles[name].encode(), 9)) for name in files)
            verdict = f"meets the goal of {goal} bytes" if total <= goal else f"OVER the goal of {goal} bytes by {total - goal}"
            rows.append(Row(f"page {page.relative_to(site)} ({', '.join(files)})", total, "bytes",
                            note=f"{verdict}; {zipped} bytes gzipped"))
        for name, script in sorted(bundles.items()):
            for part, size in script_parts(script).items():
                rows.append(Row(f"  {name}.js: {part}", size, "bytes"))
    goals = ", ".join(f"{name} ≤ {goal // 1024} KB" for name, goal in GOALS.items())
    return BenchResult(title=f"Calculator JavaScript per page (uncompressed, the page's scripts summed; goals: {goals})",
                       rows=rows,
                       notes=["runtime = the tree-shaken runtime.js sections; data = field specs with pint's factors, presets, messages; "
                              "a file check's script uses its calculator's runtime (window.kbCalc[name].K)",
                              "minified at build time: our K and spec-key shortening (calculators/minify.py), then tdewolff-minify "
                              "(pinned PyPI wheel of Go's tdewolff/minify); runtime.js stays readable in the repository"])


@register("calc-build-time")
def calc_build_time(options: BenchOptions) -> BenchResult:
    """Strict build with and without the calculator directive, each against the plain Material build."""
    root = options.root
    samples: dict[str, list[float]] = {"with": [], "without": [], "plain": []}
    with tempfile.TemporaryDirectory(prefix="bench-calc-") as scratch:
        work = Path(scratch)
        (work / "without.yml").write_text(without_calculators_config(root), encoding="utf-8")
        (work / "plain.yml").write_text(plain_config(root), encoding="utf-8")
        builds = {
            "with": lambda: timed_build(root, root / "mkdocs.yml", work / "site-with", strict=True),
            "without": lambda: timed_build(root, work / "without.yml", work / "site-without", strict=False),
            "plain": lambda: timed_build(root, work / "plain.yml", work / "site-plain", strict=False),
        }
        for _ in range(options.warmup):
            for build in builds.values():
                build()
        for run in range(options.runs):
            order = list(builds) if run % 2 == 0 else list(reversed(list(builds)))
            for name in order:
                samples[name].append(builds[name]().cpu)
    medians = {name: spread(values)["median"] for name, values in samples.items()}
    rows = [Row(f"{name}: process CPU", medians[name], "s", spread(samples[name])["min"], spread(samples[name])["max"]) for name in samples]
    rows += [
        Row("without calculators / plain", round(medians["without"] / medians["plain"], 2), "x", note="ratio of CPU medians"),
        Row("after (with calculators) / plain", round(medians["with"] / medians["plain"], 2), "x", note="ratio of CPU medians"),
        Row("calculator directive cost", round(medians["with"] - medians["without"], 3), "s", note="compile, bundle, static tables"),
    ]
    return BenchResult(title=f"Build time with and without calculators ({options.runs} runs, CPU seconds)", rows=rows,
                       samples={f"{name}_cpu_s": values for name, values in samples.items()})
