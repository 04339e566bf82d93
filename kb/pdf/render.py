"""Print an HTML file to PDF with Debian's Chromium through Playwright, JavaScript off.

Playwright and pypdf are imported only here, and only when a PDF is made, so a
plain site build needs neither a browser nor these packages.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
)


@contextmanager
def chromium_page(chromium: str) -> Iterator[Any]:
    """A headless Chromium page with JavaScript disabled and every non-file request refused."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=list(CHROMIUM_ARGS))
        try:
            context = browser.new_context(java_script_enabled=False)
            context.route(
                "**/*",
                lambda route: route.continue_()
                if route.request.url.startswith(("file://", "data:"))
                else route.abort(),
            )
            yield context.new_page()
        finally:
            browser.close()


def print_to_pdf(page: Any, html_path: Path, pdf_path: Path, *, draft: bool = False) -> None:
    """Load the print page from disk and print it with CSS page size and margins.

    A draft (only read back for page numbers) skips tagging and bookmarks, which
    cost time but do not change the layout; the final print has both.
    """
    page.goto(html_path.resolve().as_uri(), wait_until="load", timeout=120_000)
    page.pdf(
        path=str(pdf_path),
        outline=not draft,
        tagged=not draft,
        print_background=True,
        prefer_css_page_size=True,
        display_header_footer=False,
    )


def destination_pages(pdf_path: Path) -> dict[str, int]:
    """1-based page number of every named destination (Chromium makes one per in-document link target)."""
    from pypdf import PdfReader

    reader = PdfReader(str(pdf_path))
    pages: dict[str, int] = {}
    for name, destination in reader.named_destinations.items():
        number = reader.get_destination_page_number(destination)
        if number is not None and number >= 0:
            pages[str(name).lstrip("/")] = number + 1
    return pages


def pdf_summary(pdf_path: Path) -> tuple[int, int]:
    """Page count and number of top-level bookmarks, read back to check a finished PDF."""
    from pypdf import PdfReader

    reader = PdfReader(str(pdf_path))
    return len(reader.pages), len([item for item in reader.outline if not isinstance(item, list)])
