"""Build time of the site against a plain Material build of the same Markdown.

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

from bench import BenchOptions, BenchResult, Row, register, spread

BUILT_IN = re.compile(r"Documentation built in ([0-9.]+) seconds")
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


def plain_config(root: Path) -> str:
    """The text of a mkdocs.yml for the plain build: no hooks, no project extensions or plugins."""
    with (root / "mkdocs.yml").open(encoding="utf-8") as source:
        config = yaml.compose(source)
    assert isinstance(config, yaml.MappingNode), "mkdocs.yml is not a mapping"
    packages = project_packages(root)
    _mapping_set(config, "hooks", yaml.SequenceNode("tag:yaml.org,2002:seq", []))
    _mapping_set(config, "strict", yaml.ScalarNode("tag:yaml.org,2002:bool", "false"))
    # Without hooks the generated pages (message index, glossary) are missing, so
    # nav and link checks warn; the plain build is not strict, the warnings stay.
    # The copy lives in a temporary folder: make folder paths absolute.
    docs_dir = _mapping_get(config, "docs_dir")
    docs_value = docs_dir.value if isinstance(docs_dir, yaml.ScalarNode) else "docs"
    _mapping_set(config, "docs_dir", yaml.ScalarNode("tag:yaml.org,2002:str", str(root / docs_value)))
    theme = _mapping_get(config, "theme")
    if isinstance(theme, yaml.MappingNode):
        custom_dir = _mapping_get(theme, "custom_dir")
        if isinstance(custom_dir, yaml.ScalarNode):
            _mapping_set(theme, "custom_dir", yaml.ScalarNode("tag:yaml.org,2002:str", str(root / custom_dir.value)))
    _filter_entries(_mapping_get(config, "markdown_extensions"), packages)
    _filter_entries(_mapping_get(config, "plugins"), packages)
    return yaml.serialize(config, allow_unicode=True)


def timed_build(root: Path, config_file: Path, site_dir: Path, strict: bool) -> BuildSample:
    """Run one `mkdocs build` in a fresh process and time it."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("ENABLE_PDF_EXPORT", None)
    command = [sys.executable, "-m", "mkdocs", "build", "--config-file", str(config_file),
               "--site-dir", str(site_dir), "--strict" if strict else "--no-strict"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    finished = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if finished.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{finished.stdout}{finished.stderr}")
    reported = BUILT_IN.search(finished.stderr + finished.stdout)
    pages = sum(1 for _ in site_dir.rglob("*.html"))
    return BuildSample(wall, cpu, float(reported.group(1)) if reported else float("nan"), pages)


def _timing_rows(name: str, samples: list[BuildSample]) -> list[Row]:
    wall = spread([s.wall for s in samples])
    cpu = spread([s.cpu for s in samples])
    reported = spread([s.reported for s in samples])
    return [
        Row(f"{name}: mkdocs build process", wall["median"], "s", wall["min"], wall["max"], "wall clock"),
        Row(f"{name}: process CPU (user+sys)", cpu["median"], "s", cpu["min"], cpu["max"], "least sensitive to load"),
        Row(f"{name}: MkDocs 'built in'", reported["median"], "s", reported["min"], reported["max"], "MkDocs' own figure"),
    ]


@register("build-time")
def build_time(options: BenchOptions) -> BenchResult:
    """Median build time of the project against the plain Material build, as a ratio."""
    root = options.root
    project: list[BuildSample] = []
    plain: list[BuildSample] = []
    with tempfile.TemporaryDirectory(prefix="bench-build-") as scratch:
        work = Path(scratch)
        plain_file = work / "mkdocs.plain.yml"
        plain_file.write_text(plain_config(root), encoding="utf-8")
        builds = {
            "project": lambda: timed_build(root, root / "mkdocs.yml", work / "site-project", strict=True),
            "plain": lambda: timed_build(root, plain_file, work / "site-plain", strict=False),
        }
        for _ in range(options.warmup):
            builds["project"]()
            builds["plain"]()
        for run in range(options.runs):
            order = ("project", "plain") if run % 2 == 0 else ("plain", "project")
            for name in order:
                (project if name == "project" else plain).append(builds[name]())

    project_wall = spread([s.wall for s in project])["median"]
    plain_wall = spread([s.wall for s in plain])["median"]
    project_cpu = spread([s.cpu for s in project])["median"]
    plain_cpu = spread([s.cpu for s in plain])["median"]
    project_reported = spread([s.reported for s in project])["median"]
    plain_reported = spread([s.reported for s in plain])["median"]
    rows = _timing_rows("project", project) + _timing_rows("plain Material", plain) + [
        Row("ratio project/plain (process)", round(project_wall / plain_wall, 2), "x", note="ratio of medians"),
        Row("ratio project/plain (CPU)", round(project_cpu / plain_cpu, 2), "x", note="ratio of medians"),
        Row("ratio project/plain (MkDocs 'built in')", round(project_reported / plain_reported, 2), "x", note="ratio of medians"),
        Row("HTML pages written: project", project[-1].pages),
        Row("HTML pages written: plain", plain[-1].pages, note="no generated pages without hooks"),
    ]
    return BenchResult(
        title=f"Site build time ({options.runs} runs each, {options.warmup} warm-up, alternating)",
        rows=rows,
        samples={
            "project_wall_s": [s.wall for s in project], "plain_wall_s": [s.wall for s in plain],
            "project_cpu_s": [s.cpu for s in project], "plain_cpu_s": [s.cpu for s in plain],
            "project_reported_s": [s.reported for s in project], "plain_reported_s": [s.reported for s in plain],
        },
        notes=[
            "plain = same docs/ and Material plugins, hooks: [] and no project extensions/plugins",
            f"load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs "
            "(wall-clock figures are only comparable on a quiet machine)",
        ],
    )
