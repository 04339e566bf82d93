"""MkDocs adapter for the offline PDF (logic in kb.pdf).

`ENABLE_PDF_EXPORT=1 mkdocs build` prints the whole site to `site/pdf/field-notes.pdf`
after the build and puts a download link on the home page. Without it the build
does nothing here: no browser, no link (so the link is never dead).
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
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"", "0", "false", "no", "off"}
_state: dict[str, Any] = {"enabled": False, "nav": None}


def export_enabled() -> bool:
    """Whether this build makes the PDF, from ENABLE_PDF_EXPORT (an unknown value fails the build)."""
    value = os.environ.get(ENV_SWITCH, "").strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise PluginError(f"{ENV_SWITCH}={os.environ[ENV_SWITCH]!r} is not understood: use 1 to export the PDF, 0 or unset not to")


def on_config(config: MkDocsConfig) -> None:
    """Decide whether to export and, if so, fail at once when Chromium or a package is missing."""
    _state["enabled"] = export_enabled()
    _state["nav"] = None
    if _state["enabled"]:
        problem = missing_requirement(chromium_path())
        if problem:
            raise PluginError(problem)


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Any) -> str | None:
    """Fill the home page's download placeholder (or add the link under its title) when exporting."""
    if not page.is_homepage:
        return None
    if not _state["enabled"]:
        return html.replace(PLACEHOLDER, "")
    href = posixpath.relpath(PDF_PATH, posixpath.dirname(page.file.dest_uri) or ".")
    link = (
        '<p class="kb-pdf-download kb-interactive">'
        f'<a class="md-button" href="{href}" download>Download the whole site as one PDF</a> '
        "for offline reading: every page in navigation order, with bookmarks.</p>"
    )
    if PLACEHOLDER in html:
        return html.replace(PLACEHOLDER, link)
    heading_end = re.search(r"</h1>", html)
    if heading_end:
        return html[: heading_end.end()] + link + html[heading_end.end():]
    return link + html


def on_page_context(context: Any, *, page: Page, config: MkDocsConfig, nav: Navigation) -> None:
    """Remember the final navigation (after every hook changed it) for the export."""
    _state["nav"] = nav


def _nav_items(items: list[Any]) -> tuple[NavItem, ...]:
    converted: list[NavItem] = []
    for item in items:
        if isinstance(item, Page):
            converted.append(NavItem(title=item.title or item.file.src_uri, dest_uri=item.file.dest_uri))
        elif isinstance(item, Section):
            converted.append(NavItem(title=item.title, children=_nav_items(item.children)))
    return tuple(converted)


def on_post_build(*, config: MkDocsConfig) -> None:
    """Print the built site to site/pdf/field-notes.pdf when ENABLE_PDF_EXPORT=1."""
    if not _state["enabled"]:
        return
    nav: Navigation | None = _state["nav"]
    if nav is None:
        raise PluginError("PDF export: no navigation was rendered, nothing to print")
    project_dir = Path(config.config_file_path).resolve().parent
    info = collect_build_info(
        title=config.site_name, description=config.site_description or "", project_dir=project_dir,
    )
    try:
        result = export_pdf(
            site_dir=Path(config.site_dir),
            nav=_nav_items(nav.items),
            info=info,
            keep_print_page=os.environ.get("KB_PDF_KEEP_HTML") == "1",
        )
    except PdfExportError as error:
        raise PluginError(str(error)) from error
    log.info(
        f"PDF written: {PDF_PATH} ({result.pages} pages, {result.size_bytes / 1e6:.1f} MB, "
        f"{result.passes} prints, {result.seconds:.1f} s)"
    )
