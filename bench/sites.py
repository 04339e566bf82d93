"""Copies of the project to build and edit in a temporary folder, and a generated knowledge base of N pages.

Both benchmarks that edit or grow the site (serve_rebuild.py, large_site.py) work on a copy, so
the checkout is never touched: the copy holds docs/, mkdocs.yml and the project's packages
(hooks/, kb/, calculators/), and its builds run with the copy as working folder (its packages
are the ones imported).
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml

from bench.build_time import _mapping_get, _mapping_set, plain_config, project_packages

COPIED = ("docs", "hooks", "kb", "calculators", "mkdocs.yml", "pyproject.toml")
GENERATED_FOLDER = "generated-kb"
_DIRECTIVE = re.compile(r"^```(calculator|snippet)\n.*?^```\n", re.S | re.M)


def copy_project(root: Path, target: Path) -> Path:
    """Copy what a build reads into `target` (no site/, .venv/, caches or generated assets).

    generated/ gets empty stand-ins, so a plain build (no hooks, no kb.generate) finds the files
    pymdownx.snippets includes; the project's build writes them.
    """
    for name in ("abbreviations.md", "messages.md"):
        (target / "generated").mkdir(parents=True, exist_ok=True)
        (target / "generated" / name).write_text("\n", encoding="utf-8")
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "calculators", "kb-snippets.*", "kb-profile.*")
    for name in COPIED:
        source = root / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=ignore if name == "docs" else shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(source, target / name)
    return target


def write_plain_config(project: Path, root: Path, features: list[str] | None = None) -> Path:
    """The plain Material configuration of a copied project (`features` added to the theme's)."""
    text = plain_config(project, project_packages(root))
    if features:  # on the YAML nodes, so tags such as `!ENV` stay as written (safe_load refuses them)
        config = yaml.compose(text)
        assert isinstance(config, yaml.MappingNode)
        theme = _mapping_get(config, "theme")
        assert isinstance(theme, yaml.MappingNode), "mkdocs.yml: no theme mapping"
        listed = _mapping_get(theme, "features")
        if not isinstance(listed, yaml.SequenceNode):
            listed = yaml.SequenceNode("tag:yaml.org,2002:seq", [])
            _mapping_set(theme, "features", listed)
        listed.value += [yaml.ScalarNode("tag:yaml.org,2002:str", feature) for feature in features]
        text = yaml.serialize(config, allow_unicode=True)
    path = project / "mkdocs.plain.yml"
    path.write_text(text, encoding="utf-8")
    return path


def add_features(config_file: Path, features: list[str]) -> None:
    """Add theme features to a copied project's mkdocs.yml (its `!!python/name` tags kept as written)."""
    text = config_file.read_text(encoding="utf-8")
    marker = "  features:\n"
    assert marker in text, "mkdocs.yml: theme.features not found"
    config_file.write_text(text.replace(marker, marker + "".join(f"    - {feature}\n" for feature in features), 1), encoding="utf-8")


def directive_blocks(docs: Path) -> dict[str, list[str]]:
    """The ```calculator and ```snippet blocks the real pages use, by kind (valid by construction)."""
    found: dict[str, list[str]] = {"calculator": [], "snippet": []}
    for page in sorted(docs.rglob("*.md")):
        for match in _DIRECTIVE.finditer(page.read_text(encoding="utf-8")):
            found[match.group(1)].append(match.group())
    return found


def _page(number: int, blocks: dict[str, list[str]], calculators: list[str]) -> str:
    """One generated page: prose with glossary terms and message IDs, a table, code, and its directives."""
    parts = [
        f"# Field note {number}\n",
        f"Note {number} about an LPAR on the HMC: the VIO server maps the LUN over NPIV, and the TSM server "
        "logs ANR0454E when the session is refused. Check LED 554 at boot and keep the SEA failover in mind.\n",
        "## Steps\n",
        "1. Stop the client scheduler.\n2. Check the adapters with `lsdev -Cc adapter`.\n3. Start it again.\n",
        "```sh\nlsdev -Cc adapter\nlsmap -all -npiv\n```\n",
        "## Reference\n",
        "| Setting | Value |\n|---|---|\n| queue_depth | 32 |\n| max_transfer | 0x100000 |\n",
        "Errors such as ANS1592E mean the client could not start a session; see the message index.\n",
    ]
    if number % 20 == 0 and calculators:
        parts.append(calculators[(number // 20) % len(calculators)])
    if number % 5 == 0 and blocks["snippet"]:
        parts.append(blocks["snippet"][(number // 5) % len(blocks["snippet"])])
    return "\n".join(parts)


def generate_pages(project: Path, count: int) -> None:
    """Add `count` pages under docs/generated-kb/ (1 calculator per 20 pages, a snippet on 1 in 5) and to the nav, 20 a section."""
    docs = project / "docs"
    blocks = directive_blocks(docs)
    # one block per calculator (a page holds a calculator once)
    by_name: dict[str, str] = {}
    for block in blocks["calculator"]:
        name = re.search(r"^name:\s*(\S+)", block, re.M)
        if name:
            by_name.setdefault(name.group(1), block)
    calculators = list(by_name.values())
    folder = docs / GENERATED_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(1, count + 1):
        (folder / f"note-{number:04d}.md").write_text(_page(number, blocks, calculators), encoding="utf-8")
    sections = []
    for start in range(1, count + 1, 20):
        pages = [f"      - {GENERATED_FOLDER}/note-{number:04d}.md\n" for number in range(start, min(start + 20, count + 1))]
        sections.append(f"  - Generated {start}-{start + len(pages) - 1}:\n" + "".join(pages))
    config_file = project / "mkdocs.yml"
    text = config_file.read_text(encoding="utf-8")
    marker = "\nnav:\n"
    assert marker in text, "mkdocs.yml: nav not found"
    head, tail = text.split(marker, 1)
    nav_end = re.search(r"^\S", tail, re.M)
    nav, rest = (tail[: nav_end.start()], tail[nav_end.start():]) if nav_end else (tail, "")
    config_file.write_text(head + marker + nav + "".join(sections) + rest, encoding="utf-8")
