"""MkDocs adapter for the glossary and the abbreviation tooltips; the logic lives in kb.glossary.

kb/data/glossary.yaml is the only list. At the start of each build this hook regenerates
includes/abbreviations.md from it (written only when it changed); pymdownx.snippets appends
that file to every page, so the tooltips also work under a generator that reads mkdocs.yml
but runs no hooks. The glossary page is filled from the same data at its marker. HTML that
other hooks inject after Markdown (snippet caveats, calculator tables) gets the same tooltips
in on_page_content, which runs after them and before the message index links mentions.
"""
from __future__ import annotations

import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from kb.glossary import (
    DEFAULT_GLOSSARY,
    GlossaryError,
    GlossaryTerm,
    add_missing_tooltips,
    drop_tooltips_in_file_names,
    fill_glossary_page,
    load_glossary,
    render_abbreviations,
)

GLOSSARY_URI = "glossary.md"
ABBREVIATIONS_INCLUDE = "includes/abbreviations.md"

log = get_plugin_logger(__name__)
_terms: list[GlossaryTerm] = []


def on_config(config: MkDocsConfig) -> None:
    """Load the glossary and bring includes/abbreviations.md up to date before any page renders."""
    global _terms
    root = Path(os.path.abspath(config.config_file_path or "mkdocs.yml")).parent
    source_name = os.path.relpath(DEFAULT_GLOSSARY, root)
    try:
        _terms = load_glossary(DEFAULT_GLOSSARY, source_name)
    except GlossaryError as error:
        raise PluginError(str(error)) from error
    appended = config.mdx_configs.get("pymdownx.snippets", {}).get("auto_append", [])
    if ABBREVIATIONS_INCLUDE not in appended:
        raise PluginError(f"mkdocs.yml: pymdownx.snippets auto_append must list {ABBREVIATIONS_INCLUDE} (the tooltips)")
    include = root / ABBREVIATIONS_INCLUDE
    wanted = render_abbreviations(_terms, source_name)
    if not include.is_file() or include.read_text(encoding="utf-8") != wanted:
        include.parent.mkdir(parents=True, exist_ok=True)
        partial = include.with_suffix(".md.tmp")
        partial.write_text(wanted, encoding="utf-8")
        partial.replace(include)
        log.info(f"{ABBREVIATIONS_INCLUDE} regenerated from {source_name}")


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    """Put the definition list in place of the glossary page's marker."""
    if page.file.src_uri != GLOSSARY_URI:
        return None
    try:
        return fill_glossary_page(markdown, _terms)
    except ValueError as error:
        raise PluginError(f"docs/{GLOSSARY_URI}: {error}") from error


@event_priority(-40)
def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Add tooltips to HTML other hooks injected, then drop those inside file names (dsmcert.kdb)."""
    return drop_tooltips_in_file_names(add_missing_tooltips(html, _terms))
