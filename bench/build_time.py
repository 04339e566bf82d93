"""Build time of the site with MkDocs and with Zensical, against a plain Material build of the same Markdown.

The Zensical build is `python -m kb.zensical_build` (kb.generate, then `zensical build`), the
way `./dev build --zensical` runs it; its figure includes the generate step, as the MkDocs
build's includes hooks/generate.py.

The plain build uses a generated copy of mkdocs.yml with `hooks:` emptied and
every project-provided Markdown extension, superfences custom fence and plugin
removed, so the pages' directive blocks stay plain fenced code. Material's own
plugins (search, tags, offline) and the standard extensions stay in both.
Each run is a fresh `python -m mkdocs build` process, as a reader would run
it; the two builds alternate (and swap order each run) so drift in machine
load hits both alike. One untimed warm-up pair fills file and bytecode caches.
"""
from __future__ import annotations

import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

from bench import BenchOptions, BenchResult, Row, build_environment, register, spread

BUILT_IN = re.compile(r"Documentation built in ([0-9.]+) seconds")
ZENSICAL_BUILT_IN = re.compile(r"Build finished in ([0-9.]+)(m?s)")
ANSI = re.compile(r"\x1b\[[0-9;]*m")
PYTHON_NAME_TAG = "tag:yaml.org,2002:python/name:"


@dataclass(frozen=True)
class BuildSample:
    """One timed build: wall-clock and CPU seconds of the process, MkDocs' own figure, pages."""

    wall: float
    cpu: float
    reported: float
    pages: int


def project_packages(root: Path) -> set[str]:
    """Top-level Python packages of this project (hooks/ included), whose code the plain build drops."""
    packages = {path.name for path in root.iterdir() if (path / "__init__.py").is_file()}
    return packages | {"hooks"}


def _is_project_module(dotted: str, packages: set[str]) -> bool:
    return dotted.split(".", 1)[0] in packages


def _mapping_get(node: yaml.MappingNode, key: str) -> yaml.Node | None:
    for key_node, value_node in node.value:
        if key_node.value == key:
            return value_node
    return None


def _mapping_set(node: yaml.MappingNode, key: str, value: yaml.Node) -> None:
    for index, (key_node, _) in enumerate(node.value):
        if key_node.value == key:
            node.value[index] = (key_node, value)
            return
    node.value.append((yaml.ScalarNode("tag:yaml.org,2002:str", key), value))


def _entry_name(entry: yaml.Node) -> str:
    """The name of a plugins/markdown_extensions entry, plain (`- toc`) or with options (`- toc: {...}`)."""
    if isinstance(entry, yaml.ScalarNode):
        return str(entry.value)
    if isinstance(entry, yaml.MappingNode) and entry.value:
        return str(entry.value[0][0].value)
    return ""


def _uses_project_code(node: yaml.Node, packages: set[str]) -> bool:
    """True when a YAML subtree names a project function (`!!python/name:kb....`)."""
    if node.tag.startswith(PYTHON_NAME_TAG):
        return _is_project_module(node.tag[len(PYTHON_NAME_TAG):], packages)
    if isinstance(node, yaml.ScalarNode):
        return False
    children = node.value if isinstance(node, yaml.SequenceNode) else [part for pair in node.value for part in pair]
    return any(_uses_project_code(child, packages) for child in children)


def _filter_entries(sequence: yaml.Node | None, packages: set[str]) -> None:
    """Drop project plugins/extensions and project custom fences, in place."""
    if not isinstance(sequence, yaml.SequenceNode):
        return
    kept = []
    for entry in sequence.value:
        if _is_project_module(_entry_name(entry), packages):
            continue
        if isinstance(entry, yaml.MappingNode) and entry.value:
            options = entry.value[0][1]
            fences = _mapping_get(options, "custom_fences") if isinstance(options, yaml.MappingNode) else None
            if isinstance(fences, yaml.SequenceNode):
                fences.value = [fence for fence in fences.value if not _uses_project_code(fence, packages)]
            if _uses_project_code(entry, packages):
                continue
        kept.append(entry)
    sequence.value = kept


def absolute_watch(config: yaml.MappingNode, root: Path) -> None:
    """Make `watch:` folders absolute (MkDocs checks them relative to the copied configuration)."""
    watch = _mapping_get(config, "watch")
    if isinstance(watch, yaml.SequenceNode):
        watch.value = [yaml.ScalarNode("tag:yaml.org,2002:str", str(root / node.value)) for node in watch.value]


def plain_config(root: Path, packages: set[str] | None = None) -> str:
    """The text of a mkdocs.yml for the plain build: no hooks, no project extensions or plugins.

    `packages` names the project's Python packages (default: those in `root`; a generated site
    in a temporary folder passes this project's).
    """
    with (root / "mkdocs.yml").open(encoding="utf-8") as source:
        config = yaml.compose(source)
    assert isinstance(config, yaml.MappingNode), "mkdocs.yml is not a mapping"
    packages = packages if packages is not None else project_packages(root)
    _mapping_set(config, "hooks", yaml.SequenceNode("tag:yaml.org,2002:seq", []))
    _mapping_set(config, "strict", yaml.ScalarNode("tag:yaml.org,2002:bool", "false"))
    # Without hooks the generated pages (message index, glossary) are missing, so
    # nav and link checks warn; the plain build is not strict, the warnings stay.
    # The copy lives in a temporary folder: make folder paths absolute.
    docs_dir = _mapping_get(config, "docs_dir")
    docs_value = docs_dir.value if isinstance(docs_dir, yaml.ScalarNode) else "docs"
    _mapping_set(config, "docs_dir", yaml.ScalarNode("tag:yaml.org,2002:str", str(root / docs_value)))
    absolute_watch(config, root)
    theme = _mapping_get(config, "theme")
    if isinstance(theme, yaml.MappingNode):
        custom_dir = _mapping_get(theme, "custom_dir")
        if isinstance(custom_dir, yaml.ScalarNode):
            _mapping_set(theme, "custom_dir", yaml.ScalarNode("tag:yaml.org,2002:str", str(root / custom_dir.value)))
    _filter_entries(_mapping_get(config, "markdown_extensions"), packages)
    _filter_entries(_mapping_get(config, "plugins"), packages)
    return yaml.serialize(config, allow_unicode=True)


def timed_build(root: Path, config_file: Path, site_dir: Path, strict: bool, cache_dir: Path | None = None) -> BuildSample:
    """Run one `mkdocs build` in a fresh process and time it; `cache_dir` is its KB_CACHE_DIR (kb.cache, pint's cache)."""
    command = [sys.executable, "-m", "mkdocs", "build", "--config-file", str(config_file),
               "--site-dir", str(site_dir), "--strict" if strict else "--no-strict"]
    return _timed(root, command, site_dir, cache_dir)


def timed_zensical_build(root: Path, site_dir: Path, cache_dir: Path | None = None) -> BuildSample:
    """Run one Zensical build (kb.generate, then zensical build) in a fresh process and time it."""
    return _timed(root, [sys.executable, "-m", "kb.zensical_build", "--site-dir", str(site_dir)], site_dir, cache_dir)


def cold_cache(work: Path) -> Path:
    """A new, empty cache folder: the build computes everything (a fresh clone, or after deleting .cache/)."""
    return Path(tempfile.mkdtemp(prefix="cache-cold-", dir=work))


def _timed(root: Path, command: list[str], site_dir: Path, cache_dir: Path | None = None) -> BuildSample:
    """Run a build command, time it (wall clock, CPU of the process tree), read the generator's own figure."""
    env = build_environment()
    if cache_dir is not None:
        env["KB_CACHE_DIR"] = str(cache_dir)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    finished = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if finished.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{finished.stdout}{finished.stderr}")
    output = ANSI.sub("", finished.stderr + finished.stdout)
    reported = BUILT_IN.search(output)
    seconds = float(reported.group(1)) if reported else float("nan")
    zensical = ZENSICAL_BUILT_IN.search(output)
    if zensical:
        seconds = float(zensical.group(1)) / (1000 if zensical.group(2) == "ms" else 1)
    pages = sum(1 for _ in site_dir.rglob("*.html"))
    return BuildSample(wall, cpu, seconds, pages)


def _timing_rows(name: str, samples: list[BuildSample]) -> list[Row]:
    wall = spread([s.wall for s in samples])
    cpu = spread([s.cpu for s in samples])
    reported = spread([s.reported for s in samples])
    return [
        Row(f"{name}: build process", wall["median"], "s", wall["min"], wall["max"], "wall clock"),
        Row(f"{name}: process CPU (user+sys)", cpu["median"], "s", cpu["min"], cpu["max"], "least sensitive to load"),
        Row(f"{name}: generator's own figure", reported["median"], "s", reported["min"], reported["max"],
            "Zensical's 'Build finished in' (without kb.generate)" if name == "Zensical" else "MkDocs' 'built in'"),
    ]


@register("build-time")
def build_time(options: BenchOptions) -> BenchResult:
    """Median build time of the project with MkDocs and with Zensical, against the plain Material build, as ratios."""
    root = options.root
    samples: dict[str, list[BuildSample]] = {"project": [], "project-cold": [], "zensical": [], "plain": []}
    with tempfile.TemporaryDirectory(prefix="bench-build-") as scratch:
        work = Path(scratch)
        plain_file = work / "mkdocs.plain.yml"
        plain_file.write_text(plain_config(root), encoding="utf-8")
        warm = work / "cache-warm"  # filled by the warm-up (or the first run) and kept: the everyday build
        builds = {
            "project": lambda: timed_build(root, root / "mkdocs.yml", work / "site-project", strict=True, cache_dir=warm),
            "project-cold": lambda: timed_build(root, root / "mkdocs.yml", work / "site-cold", strict=True, cache_dir=cold_cache(work)),
            "zensical": lambda: timed_zensical_build(root, work / "site-zensical", cache_dir=warm),
            "plain": lambda: timed_build(root, plain_file, work / "site-plain", strict=False),
        }
        for _ in range(options.warmup):
            for build in builds.values():
                build()
        for run in range(options.runs):
            order = list(builds) if run % 2 == 0 else list(reversed(list(builds)))
            for name in order:
                samples[name].append(builds[name]())

    def median(name: str, attribute: str) -> float:
        return spread([getattr(sample, attribute) for sample in samples[name]])["median"]

    rows = (_timing_rows("MkDocs (project, warm cache)", samples["project"]) + _timing_rows("MkDocs (project, cold cache)", samples["project-cold"])
            + _timing_rows("Zensical", samples["zensical"]) + _timing_rows("plain Material", samples["plain"]))
    for label, attribute in (("process", "wall"), ("CPU", "cpu")):
        rows += [
            Row(f"ratio MkDocs/plain, warm cache ({label})", round(median("project", attribute) / median("plain", attribute), 2), "x",
                note="ratio of medians (target <= 1.15)"),
            Row(f"ratio MkDocs/plain, cold cache ({label})", round(median("project-cold", attribute) / median("plain", attribute), 2), "x",
                note="ratio of medians (target <= 1.15)"),
            Row(f"ratio Zensical/plain ({label})", round(median("zensical", attribute) / median("plain", attribute), 2), "x",
                note="ratio of medians"),
            Row(f"ratio Zensical/MkDocs ({label})", round(median("zensical", attribute) / median("project", attribute), 2), "x",
                note="ratio of medians"),
        ]
    rows += [Row(f"HTML pages written: {name}", samples[name][-1].pages) for name in samples]
    return BenchResult(
        title=f"Site build time: MkDocs, Zensical, plain Material ({options.runs} runs each, {options.warmup} warm-up, alternating)",
        rows=rows,
        samples={f"{name}_{attribute}_s": [getattr(sample, attribute) for sample in values]
                 for name, values in samples.items() for attribute in ("wall", "cpu", "reported")},
        notes=[
            "MkDocs (project) = mkdocs build --strict with hooks/generate.py (kb.generate) and kb.fences; warm cache: "
            "KB_CACHE_DIR kept between runs (the everyday build); cold cache: a new empty KB_CACHE_DIR each run (kb.cache and pint's)",
            "Zensical runs with the warm cache",
            "Zensical = python -m kb.zensical_build: kb.generate, then zensical build of the same mkdocs.yml",
            "plain = same docs/ and Material plugins, hooks: [] and no project extensions/plugins (MkDocs)",
            f"load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs "
            "(wall-clock figures are only comparable on a quiet machine)",
        ],
    )
