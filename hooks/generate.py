"""MkDocs-only convenience: run the generated-files step first, and tell kb.fences which page renders.

Everything a page needs is generator-neutral (kb.fences under `markdown_extensions`, and
`python -m kb.generate`, which `./dev build --zensical` runs before `zensical build`). Under
MkDocs this hook runs the same step in on_config, so `mkdocs build` and `mkdocs serve` need
nothing else, and names each page for kb.fences (MkDocs tells Python-Markdown nothing about
the page; Zensical does).
"""
from __future__ import annotations

import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from kb.fences import set_page
from kb.generate import GenerateError, generate

log = get_plugin_logger(__name__)


def on_config(config: MkDocsConfig) -> None:
    """Write the generated assets and pages (only those that changed) before MkDocs collects the files."""
    try:
        result = generate(Path(config.config_file_path or "mkdocs.yml"))
    except GenerateError as error:
        raise PluginError(str(error)) from None
    for label in result.written:
        log.info(f"kb.generate wrote {label}")
    for warning in result.warnings:
        log.warning(warning)


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> None:
    """Name the page kb.fences is about to render (its errors say docs/page.md:LINE)."""
    project = os.path.dirname(os.path.abspath(config.config_file_path or "mkdocs.yml"))
    set_page(page.file.src_uri, config.docs_dir, project)
