"""Export the built site as one PDF: assemble the print page, print it twice, check, move into place.

A first, draft print (no tags, no bookmarks: faster, same layout) finds the page
on which every section and page starts, from the PDF's named destinations; the
second, final print carries the contents with those numbers.
The contents' number boxes have a fixed width, so the second print cannot move
anything; the numbers are read back and compared, and a mismatch prints again.
A PDF is written to a temporary name, checked, then renamed, so a failed export
never leaves a partial or empty file behind.
"""
from __future__ import annotations

import importlib.util
import os
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from kb.pdf.assemble import NavItem, body_attributes_of, build_document, plan_pages, render_document, stylesheets_of
from kb.pdf.buildinfo import BuildInfo
from kb.pdf.render import chromium_page, destination_pages, pdf_summary, print_to_pdf

PDF_PATH = "pdf/field-notes.pdf"
DEFAULT_CHROMIUM = "/usr/bin/chromium"
PRINT_PAGE_NAME = ".kb-print-page.html"
MAX_PASSES = 4


class PdfExportError(RuntimeError):
    """The PDF could not be made; the message is one line saying what to do."""


@dataclass(frozen=True)
class ExportResult:
    """What the export wrote: the file, its size and page count, passes and seconds taken."""

    path: Path
    size_bytes: int
    pages: int
    passes: int
    seconds: float


def chromium_path() -> str:
    """The Chromium to print with: $KB_CHROMIUM, else Debian's /usr/bin/chromium."""
    return os.environ.get("KB_CHROMIUM") or DEFAULT_CHROMIUM


def missing_requirement(chromium: str) -> str | None:
    """One line naming what the PDF export lacks and how to install it, or None when all is there."""
    if not (os.path.isfile(chromium) and os.access(chromium, os.X_OK)):
        return (
            f"PDF export needs Chromium at {chromium}: install it with `apt-get install -y chromium` "
            "(or point KB_CHROMIUM at a Chromium binary), or build without ENABLE_PDF_EXPORT=1"
        )
    for module, package in (("playwright", "playwright==1.65.2"), ("pypdf", "pypdf")):
        if importlib.util.find_spec(module) is None:
            return (
                f"PDF export needs the Python package {module}: `pip install {package}` in the project's venv "
                "(no browser download: Debian's Chromium is used), or build without ENABLE_PDF_EXPORT=1"
            )
    return None


def export_pdf(
    *,
    site_dir: Path,
    nav: Sequence[NavItem],
    info: BuildInfo,
    chromium: str | None = None,
    output: str = PDF_PATH,
    keep_print_page: bool = False,
) -> ExportResult:
    """Print every nav page of the built site in `site_dir` into `site_dir/output`."""
    started = time.monotonic()
    chromium = chromium or chromium_path()
    problem = missing_requirement(chromium)
    if problem:
        raise PdfExportError(problem)
    pages = plan_pages(nav)
    if not pages:
        raise PdfExportError("PDF export found no pages in the navigation")
    built: dict[str, str] = {}
    for page in pages:
        path = site_dir / page.dest_uri
        if not path.is_file():
            raise PdfExportError(f"PDF export: built page {page.dest_uri} is missing from {site_dir}")
        built[page.dest_uri] = path.read_text(encoding="utf-8")
    first = built[pages[0].dest_uri]
    try:
        document = build_document(
            nav, built, info=info,
            stylesheets=stylesheets_of(first, pages[0].dest_uri),
            body_attributes=body_attributes_of(first),
        )
    except ValueError as error:
        raise PdfExportError(f"PDF export: {error}") from error

    target = site_dir / output
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.partial")
    print_page = site_dir / PRINT_PAGE_NAME
    anchors = [entry.anchor for entry in document.toc]
    try:
        with chromium_page(chromium) as page:
            numbers: dict[str, int] | None = None
            passes = 0
            while True:
                print_page.write_text(render_document(document, numbers), encoding="utf-8")
                print_to_pdf(page, print_page, partial, draft=numbers is None)
                passes += 1
                found = destination_pages(partial)
                missing = [anchor for anchor in anchors if anchor not in found]
                if missing:
                    raise PdfExportError(f"PDF export: no PDF page found for anchor(s) {', '.join(missing[:5])}")
                settled = {anchor: found[anchor] for anchor in anchors}
                if settled == numbers:
                    break
                if passes >= MAX_PASSES:
                    raise PdfExportError(f"PDF export: contents page numbers did not settle after {passes} prints")
                numbers = settled
        page_count, bookmarks = pdf_summary(partial)
        with partial.open("rb") as handle:
            magic = handle.read(5)
        if magic != b"%PDF-" or page_count < len(pages) + 2 or bookmarks == 0:
            raise PdfExportError(
                f"PDF export: Chromium wrote a suspicious PDF ({page_count} pages, {bookmarks} bookmarks, "
                f"{len(pages)} site pages); nothing was published"
            )
        os.replace(partial, target)
    except PdfExportError:
        raise
    except Exception as error:  # Playwright/Chromium failures arrive as many types
        first_line = (str(error).strip().splitlines() or [type(error).__name__])[0]
        raise PdfExportError(f"PDF export failed in Chromium: {first_line}") from error
    finally:
        partial.unlink(missing_ok=True)
        if not keep_print_page:
            print_page.unlink(missing_ok=True)
    return ExportResult(
        path=target,
        size_bytes=target.stat().st_size,
        pages=page_count,
        passes=passes,
        seconds=time.monotonic() - started,
    )
