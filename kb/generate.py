"""The step both builds run first: generated assets and pages, written into git-ignored places.

    python -m kb.generate [--config mkdocs.yml]

MkDocs runs it from hooks/generate.py (on_config); `./dev build --zensical` runs it before
`zensical build`. It writes, each file only when its text changed (so `mkdocs serve` does not
loop):

- `docs/assets/calculators/*.js, calculators.css`, `docs/assets/javascripts/kb-snippets.js`,
  `docs/assets/stylesheets/kb-snippets.css`: the calculators' and snippets' browser code
  (git-ignored; the pages link them from what the fences emit);
- `generated/abbreviations.md`: the glossary's `*[TERM]: expansion` lines, appended to every
  page by pymdownx.snippets (the tooltips);
- `generated/messages.md`: the message index below its title, included by docs/messages.md. Which page mentions
  which ID is read from every page rendered with the site's own Markdown extensions (kb.fences
  included), so headings and anchors are the real ones, the same for both generators.

A problem is one line `path:line: reason` (exit 2); a stale catalogue entry is a warning, which
fails a strict site (exit 1), as it fails `mkdocs build --strict`.
"""
from __future__ import annotations

import argparse
import functools
import html as html_lib
import importlib
import json
import os
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import markdown as markdown_library
import yaml

from calculators.errors import ProjectError
from calculators.snippets.browser import RUNTIME_ASSET, STYLE_ASSET, runtime_script, stylesheet
from kb import cache, calculator_index, fences
from kb.calculator_directive import ASSET_DIR
from kb.calculator_directive import STYLE_ASSET as CALCULATOR_STYLE
from kb.glossary import GlossaryError, render_abbreviations, site_glossary
from kb.html_text import plain_text
from kb.message_catalogue import CatalogueError, site_catalogue
from kb.message_index import INDEX_TITLE, MessageIndexBuilder, SectionMentions, first_line_of, page_mentions
from kb.profile import current as current_profile

# The reader's profile script and stylesheet, on every page (mkdocs.yml extra_javascript / extra_css).
PROFILE_ASSETS = {"assets/javascripts/kb-profile.js": "profile.js", "assets/stylesheets/kb-profile.css": "profile.css"}
GENERATED_DIR = "generated"
ABBREVIATIONS = f"{GENERATED_DIR}/abbreviations.md"
MESSAGES = f"{GENERATED_DIR}/messages.md"
_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
_H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.S)


class GenerateError(ProjectError, ValueError):
    """A problem that stops the build: one line, `path:line: reason`."""


@dataclass
class Result:
    """What a run wrote and the warnings it has (a strict site fails on them)."""

    written: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


class _SiteLoader(yaml.SafeLoader):
    """mkdocs.yml as MkDocs and Zensical read it: `!ENV` and `!!python/name:` included."""


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    names = [node.value] if isinstance(node, yaml.ScalarNode) else [item.value for item in node.value]
    *variables, fallback = names if len(names) > 1 else (*names, None)
    return next((os.environ[name] for name in variables if name in os.environ), fallback)


def _python_name(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    module, _, name = suffix.rpartition(".")
    return getattr(importlib.import_module(module), name)


_SiteLoader.add_constructor("!ENV", _env)
_SiteLoader.add_multi_constructor("tag:yaml.org,2002:python/name:", _python_name)


def load_site_config(config_file: Path) -> dict[str, Any]:
    """The site configuration (mkdocs.yml) as plain data."""
    with config_file.open(encoding="utf-8") as stream:
        return yaml.load(stream, Loader=_SiteLoader)  # a SafeLoader plus two tags


def markdown_setup(config: dict[str, Any]) -> tuple[list[str], dict[str, dict[str, Any]]]:
    """The `markdown_extensions` list as names and per-name options, as Python-Markdown takes them."""
    names: list[str] = []
    options: dict[str, dict[str, Any]] = {}
    for entry in config.get("markdown_extensions") or []:
        name, settings = next(iter(entry.items())) if isinstance(entry, dict) else (entry, None)
        names.append(name)
        options[name] = dict(settings or {})
    return names, options


def nav_pages(items: Any) -> Iterator[tuple[str | None, str]]:
    """(nav title or None, page path) of every page in the nav, in reading order."""
    for item in items or []:
        if isinstance(item, str):
            yield None, item
        elif isinstance(item, dict):
            for title, value in item.items():
                if isinstance(value, str):
                    yield title, value
                else:
                    yield from nav_pages(value)


def write_if_changed(path: Path, text: str, result: Result, label: str) -> None:
    """Write `text` to `path` only when it differs (atomic rename); note it in `result`."""
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".tmp")
    partial.write_text(text, encoding="utf-8")
    partial.replace(path)
    result.written.append(label)


def generate(config_file: Path) -> Result:
    """Write every generated file for the site configured by `config_file`; raise GenerateError on a problem."""
    project = config_file.resolve().parent
    config = load_site_config(config_file)
    docs_dir = project / str(config.get("docs_dir") or "docs")
    result = Result()
    calculator_index.forget()  # a new build reads the sources again (`mkdocs serve` after an edit)
    try:
        fences.activate_profile(str(project), force=True)  # KB_PROFILE: the values pages are rendered with
    except fences.FenceError as error:
        raise GenerateError(str(error)) from None
    _write_assets(docs_dir, result)
    try:
        terms = site_glossary()
    except GlossaryError as error:
        raise GenerateError(str(error)) from None
    write_if_changed(project / ABBREVIATIONS, render_abbreviations(terms, "kb/data/glossary.yaml"), result, ABBREVIATIONS)
    if (docs_dir / fences.INDEX_PAGE).is_file():
        write_if_changed(project / MESSAGES, _message_index(config, project, docs_dir, result), result, MESSAGES)
    return result


def _write_assets(docs_dir: Path, result: Result) -> None:
    """The calculators' scripts and stylesheet and the snippets' runtime and stylesheet, under docs/assets/."""
    calculators = calculator_index.summary().calculators  # kb.cache: no calculator is imported unless one changed
    try:
        assets = {f"{ASSET_DIR}/{info.name}.js": calculator_index.calculator_bundle(info) for info in calculators}
        assets.update({f"{ASSET_DIR}/{info.name}-{flag}.js": calculator_index.check_bundle(info, flag)
                       for info in calculators for flag in info.checks})
    except calculator_index.BundleError as error:
        raise GenerateError(str(error)) from None
    assets[CALCULATOR_STYLE] = (Path(__file__).resolve().parent.parent / "calculators" / "calculators.css").read_text(encoding="utf-8")
    assets[RUNTIME_ASSET] = runtime_script()
    assets[STYLE_ASSET] = stylesheet()
    for uri, source in PROFILE_ASSETS.items():
        assets[uri] = (Path(__file__).resolve().parent / source).read_text(encoding="utf-8")
    for uri, text in assets.items():
        write_if_changed(docs_dir / uri, text, result, f"{docs_dir.name}/{uri}")


def _message_index(config: dict[str, Any], project: Path, docs_dir: Path, result: Result) -> str:
    """Render every page with the site's Markdown, collect the mentions per section, write the index."""
    try:
        catalogue = site_catalogue()
    except CatalogueError as error:
        raise GenerateError(str(error)) from None
    builder = MessageIndexBuilder(catalogue)
    titles = {uri: title for title, uri in nav_pages(config.get("nav"))}
    order = [uri for _, uri in nav_pages(config.get("nav"))]
    pages = order + sorted(p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*.md") if p.relative_to(docs_dir).as_posix() not in order)
    names, options = markdown_setup(config)
    options["kb.fences"] = {**options.get("kb.fences", {}), "link_messages": False}
    environment = _render_environment(project, config)
    for uri in pages:
        if uri == fences.INDEX_PAGE or not (docs_dir / uri).is_file():
            continue
        source = (docs_dir / uri).read_text(encoding="utf-8-sig")
        render = functools.partial(_render_page, uri, source, project, docs_dir, names, options)
        title, sections = _page_record(uri, source, titles.get(uri), environment, render)
        unknown = builder.add_mentions(uri, title, sections)
        if unknown:
            line = first_line_of(source, unknown[0])
            where = f"{docs_dir.name}/{uri}" + (f":{line}" if line else "")
            raise GenerateError(f"{where}: message ID {unknown[0]} has no entry in kb/data/messages.yaml")
    for message_id in builder.unmentioned():
        result.warnings.append(f"kb/data/messages.yaml: message ID {message_id} is mentioned on no page; remove its entry")
    text = builder.render_markdown(fences.INDEX_PAGE, order)
    heading = f"# {INDEX_TITLE}\n\n"  # the page's title is written in docs/messages.md, which includes the rest
    return text[len(heading):] if text.startswith(heading) else text


PAGE = "page-mentions"


def _render_environment(project: Path, config: dict[str, Any]) -> str:
    """Everything besides a page's own text that its rendered HTML depends on, as one digest.

    The site configuration, kb/ (code and data: the glossary, the catalogue), the calculators and
    snippets, the dependency versions and the KB_PROFILE values.
    """
    kb_dir = Path(__file__).resolve().parent
    kb_files = list(kb_dir.glob("*.py")) + [path for path in (kb_dir / "data").rglob("*") if path.is_file()]
    profile = current_profile()
    return cache.entry_key(PAGE, cache.versions(), json.dumps(config, sort_keys=True, default=_python_name_text),
                           cache.files_digest(kb_files, kb_dir), calculator_index.keys().all_packages,
                           json.dumps(profile.values if profile else None, sort_keys=True))


def _python_name_text(value: Any) -> str:
    """A `!!python/name:` value of the configuration as its dotted name (its repr carries a per-process address)."""
    return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', type(value).__qualname__)}"


def _page_record(uri: str, source: str, nav_title: str | None, environment: str,
                 render: Callable[[], tuple[str, str]]) -> tuple[str, list[SectionMentions]]:
    """A page's title and its mentions by section, from kb.cache unless the page or its environment changed.

    A page that includes other files (pymdownx.snippets' `--8<--`) is rendered every time: what
    it includes is not part of the key.
    """
    def compute() -> dict[str, Any]:
        meta, html = render()
        return {"title": _title(nav_title, json.loads(meta), html, uri), "sections": page_mentions(html)}

    def valid(value: Any) -> bool:
        return isinstance(value["title"], str) and all(isinstance(ids, list) for _, _, ids in value["sections"])

    key = cache.entry_key(PAGE, environment, uri, nav_title or "", source)
    record = compute() if "--8<--" in source else cache.cached(PAGE, key, compute, valid)
    return record["title"], [(anchor, title, [str(message_id) for message_id in ids]) for anchor, title, ids in record["sections"]]


def _render_page(uri: str, source: str, project: Path, docs_dir: Path, names: list[str], options: dict[str, dict[str, Any]]) -> tuple[str, str]:
    """Render a page with the site's Markdown extensions: its front matter (as JSON) and its HTML."""
    matched = _FRONT_MATTER.match(source)
    meta = (yaml.safe_load(matched.group(1)) or {}) if matched else {}
    body = source[matched.end():].lstrip("\n") if matched else source
    fences.set_page(uri, str(docs_dir), str(project))
    try:
        html = markdown_library.Markdown(extensions=names, extension_configs=options).convert(body)
    except fences.FenceError as error:
        raise GenerateError(str(error)) from None
    return json.dumps(meta if isinstance(meta, dict) else {}, default=repr), html


def _title(nav_title: str | None, meta: dict[str, Any], html: str, uri: str) -> str:
    """A page's title as the generators show it: the nav's, the front matter's, the first heading, the file name."""
    if nav_title:
        return nav_title
    if isinstance(meta.get("title"), str):
        return meta["title"]
    heading = _H1.search(html)
    if heading:
        return plain_text(re.sub(r'<a class="headerlink".*?</a>', "", heading.group(1), flags=re.S)).strip()
    return html_lib.unescape(Path(uri).stem.replace("-", " ").capitalize())


def main(argv: list[str] | None = None) -> int:
    """CLI: generate, print what changed; exit 2 on a problem, 1 on warnings when the site is strict."""
    parser = argparse.ArgumentParser(prog="python -m kb.generate", description="Write the generated assets and pages both builds need.")
    parser.add_argument("--config", default="mkdocs.yml", type=Path, help="the site configuration (default: mkdocs.yml)")
    arguments = parser.parse_args(argv)
    try:
        result = generate(arguments.config)
    except GenerateError as error:
        print(error, file=sys.stderr)
        return 2
    for label in result.written:
        print(f"kb.generate: wrote {label}")
    for warning in result.warnings:
        print(f"WARNING: {warning}", file=sys.stderr)
    return 1 if result.warnings and load_site_config(arguments.config).get("strict") else 0


if __name__ == "__main__":
    sys.exit(main())
