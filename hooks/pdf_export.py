"""MkDocs adapter for the offline PDF books (logic in kb.pdf, which reads only the built HTML).

`ENABLE_PDF_EXPORT=1 mkdocs build` runs the same export as `python -m kb.pdf site/` after
the build: `site/pdf/field-notes.pdf`, one `site/pdf/<area>.pdf` per navigation area,
and links to the PDFs that exist on the home page. Without it the build does nothing
here: no browser, no link (so the link is never dead).
"""
from __future__ import annotations

import os
import time
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

log = get_plugin_logger(__name__)

_state = {"enabled": False}


def on_config(config: MkDocsConfig) -> None:
    """Decide whether to export and, if so, fail at once when Chromium, a package or the paper size is wrong."""
    if not os.environ.get("ENABLE_PDF_EXPORT", "").strip():  # unset or blank means no export: kb.pdf is not even imported
        _state["enabled"] = False
        return
    from kb.pdf import PdfExportError, chromium_path, export_requested, missing_requirement, paper_size

    try:
        _state["enabled"] = export_requested()
        if _state["enabled"]:
            paper_size()
    except PdfExportError as error:
        raise PluginError(str(error)) from None
    if _state["enabled"]:
        problem = missing_requirement(chromium_path())
        if problem:
            raise PluginError(problem)


def on_post_build(*, config: MkDocsConfig) -> None:
    """Print the built site to its PDF books when ENABLE_PDF_EXPORT=1."""
    if not _state["enabled"]:
        return
    from kb.pdf import PdfExportError, collect_build_info, export_books

    started = time.monotonic()
    info = collect_build_info(
        title=config.site_name, description=config.site_description or "",
        project_dir=Path(config.config_file_path).resolve().parent,
    )
    try:
        results = export_books(
            site_dir=Path(config.site_dir), info=info, keep_print_page=os.environ.get("KB_PDF_KEEP_HTML") == "1",
        )
    except PdfExportError as error:
        raise PluginError(str(error)) from None
    for result in results:
        log.info(
            f"PDF written: {result.path.relative_to(config.site_dir).as_posix()} ({result.pages} pages, "
            f"{result.size_bytes / 1e6:.1f} MB, {result.passes} prints, {result.seconds:.1f} s)"
        )
    log.info(f"PDF export: {len(results)} books in {time.monotonic() - started:.1f} s")
