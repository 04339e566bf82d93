"""Print an HTML file to PDF with Debian's Chromium through Playwright, and measure the print page.

Playwright and pypdf are imported only here, and only when a PDF is made, so a
plain site build needs neither a browser nor these packages.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from calculators.errors import ProjectError

CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
)
MM_TO_PX = 96 / 25.4
# Page sizes in mm and the @page margins of print-page.css (left + right = 32 mm).
PAPER_MM = {"a4": (210.0, 297.0), "letter": (215.9, 279.4)}
SIDE_MARGINS_MM = 32.0


class ChromiumLaunchError(ProjectError, RuntimeError):
    """Chromium could not be started (the message is its first line of complaint)."""


def content_width_px(paper: str) -> int:
    """Width of the page's content box in CSS pixels (rounded down)."""
    return int((PAPER_MM[paper][0] - SIDE_MARGINS_MM) * MM_TO_PX)


@contextmanager
def chromium_page(chromium: str) -> Iterator[Any]:
    """A headless Chromium page that refuses every non-file request (the print page has no scripts)."""
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch(executable_path=chromium, args=list(CHROMIUM_ARGS), timeout=60_000)
        except PlaywrightError as error:
            lines = [line.strip() for line in str(error).splitlines() if line.strip()]
            first = (lines[0] if lines else type(error).__name__).removeprefix("BrowserType.launch: ")
            raise ChromiumLaunchError(first[:300]) from None
        try:
            context = browser.new_context()
            context.route(
                "**/*",
                lambda route: route.continue_()
                if route.request.url.startswith(("file://", "data:"))
                else route.abort(),
            )
            page = context.new_page()
            page.emulate_media(media="print")
            yield page
        finally:
            browser.close()


_MEASURE = """() => {
  const columns = {};
  for (const code of document.querySelectorAll('pre > code[data-kb-code]')) {
    const style = getComputedStyle(code);
    const probe = document.createElement('span');
    probe.style.whiteSpace = 'pre';
    probe.textContent = '0'.repeat(100);
    code.appendChild(probe);
    const glyph = probe.getBoundingClientRect().width / 100;
    probe.remove();
    const room = code.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    columns[code.dataset.kbCode] = glyph > 0 ? Math.floor(room / glyph - 0.25) : 80;
  }
  return columns;
}"""

_TOO_WIDE = """(box) => {
  const wide = [];
  for (const element of document.querySelectorAll('body *')) {
    const rect = element.getBoundingClientRect();
    if (rect.width === 0 || rect.height === 0) continue;
    const style = getComputedStyle(element);
    if (style.visibility === 'hidden' || style.opacity === '0' || style.position === 'fixed') continue;
    if (rect.right > box + 0.5 || rect.left < -0.5) {
      const name = element.tagName.toLowerCase() + (element.className && typeof element.className === 'string'
        ? '.' + element.className.trim().split(/\\s+/).join('.') : '');
      wide.push(`${name} (${Math.round(rect.left)}..${Math.round(rect.right)} px of ${box}): `
        + (element.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 60));
    }
  }
  return wide;
}"""


def load_print_page(page: Any, html_path: Path, paper: str) -> None:
    """Open the print page laid out as on paper: print media, viewport as wide as the content box."""
    page.set_viewport_size({"width": content_width_px(paper), "height": 1200})
    page.goto(html_path.resolve().as_uri(), wait_until="load", timeout=120_000)


def code_columns(page: Any) -> dict[str, int]:
    """How many monospace characters fit on a line of each keyed code block."""
    return {str(key): int(value) for key, value in page.evaluate(_MEASURE).items()}


def too_wide(page: Any, paper: str) -> list[str]:
    """Every visible element that reaches past the content box (Chromium would shrink the page)."""
    return list(page.evaluate(_TOO_WIDE, content_width_px(paper)))


def print_to_pdf(page: Any, pdf_path: Path, *, draft: bool = False) -> None:
    """Print the loaded page with CSS page size and margins, at 100 % (never shrink to fit).

    A draft (only read back for page numbers) skips tagging and bookmarks, which
    cost time but do not change the layout; the final print has both.
    """
    page.pdf(
        path=str(pdf_path),
        outline=not draft,
        tagged=not draft,
        print_background=True,
        prefer_css_page_size=True,
        display_header_footer=False,
        scale=1,
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
