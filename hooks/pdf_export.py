"""MkDocs-only convenience for the offline PDF (logic in kb.pdf).

`ENABLE_PDF_EXPORT=1 mkdocs build` prints the whole site to `site/pdf/field-notes.pdf` after the build
and links it from the home page; without it nothing happens here (no browser, no dead link).
"""
from __future__ import annotations

import os
import posixpath
import re
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from kb.pdf import PDF_PATH, NavItem, PdfExportError, chromium_path, collect_build_info, export_pdf, missing_requirement

log = get_plugin_logger(__name__)
ENV_SWITCH = "ENABLE_PDF_EXPORT"
PLACEHOLDER = "<!-- kb:pdf-download -->"
_SWITCH = {"1": True, "true": True, "yes": True, "on": True, "": False, "0": False, "false": False, "no": False, "off": False}
_state: dict[str, Any] = {"enabled": False, "nav": None}


def on_config(config: MkDocsConfig) -> None:
    """Decide whether to export (ENABLE_PDF_EXPORT) and, if so, fail at once when Chromium or a package is missing."""
    value = os.environ.get(ENV_SWITCH, "").strip().lower()
    if value not in _SWITCH:
        raise PluginError(f"{ENV_SWITCH}={os.environ[ENV_SWITCH]!r} is not understood: use 1 to export the PDF, 0 or unset not to")
    _state.update(enabled=_SWITCH[value], nav=None)
    problem = missing_requirement(chromium_path()) if _state["enabled"] else None
    if problem:
        raise PluginError(problem)


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Any) -> str | None:
    """Fill the home page's download placeholder (or add the link under its title) when exporting."""
    if not page.is_homepage:
        return None
    if not _state["enabled"]:
        return html.replace(PLACEHOLDER, "")
    href = posixpath.relpath(PDF_PATH, posixpath.dirname(page.file.dest_uri) or ".")
    link = (f'<p class="kb-pdf-download kb-interactive"><a class="md-button" href="{href}" download>Download the whole site '
            "as one PDF</a> for offline reading: every page in navigation order, with bookmarks.</p>")
    if PLACEHOLDER in html:
        return html.replace(PLACEHOLDER, link)
    heading_end = re.search(r"</h1>", html)
    return html[: heading_end.end()] + link + html[heading_end.end():] if heading_end else link + html


def on_page_context(context: Any, *, page: Page, config: MkDocsConfig, nav: Navigation) -> None:
    """Remember the final navigation (after every hook changed it) for the export."""
    _state["nav"] = nav


def _nav_items(items: list[Any]) -> tuple[NavItem, ...]:
    """MkDocs' navigation as kb.pdf's generator-neutral NavItem tree."""
    return tuple(NavItem(title=item.title or item.file.src_uri, dest_uri=item.file.dest_uri) if isinstance(item, Page)
                 else NavItem(title=item.title, children=_nav_items(item.children))
                 for item in items if isinstance(item, (Page, Section)))


def on_post_build(*, config: MkDocsConfig) -> None:
    """Print the built site to site/pdf/field-notes.pdf when ENABLE_PDF_EXPORT=1."""
    if not _state["enabled"]:
        return
    if _state["nav"] is None:
        raise PluginError("PDF export: no navigation was rendered, nothing to print")
    info = collect_build_info(title=config.site_name, description=config.site_description or "",
                              project_dir=Path(config.config_file_path).resolve().parent)
    try:
        result = export_pdf(site_dir=Path(config.site_dir), nav=_nav_items(_state["nav"].items), info=info,
                            keep_print_page=os.environ.get("KB_PDF_KEEP_HTML") == "1")
    except PdfExportError as error:
        raise PluginError(str(error)) from error
    log.info(f"PDF written: {PDF_PATH} ({result.pages} pages, {result.size_bytes / 1e6:.1f} MB, {result.passes} prints, {result.seconds:.1f} s)")
