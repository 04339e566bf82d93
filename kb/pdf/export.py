"""Export a built site as PDF books: the whole site and one book per navigation area.

For each book: assemble the print page, measure its code blocks in Chromium (print
media, viewport as wide as the page's content box), break long code lines to fit,
refuse anything wider than the content box (Chromium would shrink every page), print
a draft to learn the page of every chapter and link target, then print the final
with the contents and every "(p. N)" filled in. The number boxes have a fixed width,
so filling them cannot move anything; they are read back and compared all the same,
and a mismatch prints again.

Every PDF is finished (reproducible bytes under SOURCE_DATE_EPOCH, outline open by
default), written under a temporary name, checked, then renamed: a failed export
never leaves a partial file. Leftovers of an interrupted export are removed by a
SIGTERM/SIGINT handler and again at the next start. Afterwards the home page links
exactly the PDFs that exist.
"""
from __future__ import annotations

import importlib.util
import os
import re
import signal
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from calculators.booleans import boolean_word
from calculators.errors import ProjectError
from kb.pdf.assemble import (
    PAPER_SIZES,
    NavItem,
    body_attributes_of,
    build_document,
    code_keys,
    page_ref_targets,
    plan_pages,
    render_document,
    stylesheets_of,
)
from kb.pdf.buildinfo import BuildInfo
from kb.pdf.finish import finish_pdf
from kb.pdf.homepage import link_books
from kb.pdf.render import (
    ChromiumLaunchError,
    chromium_page,
    code_columns,
    destination_pages,
    load_print_page,
    pdf_summary,
    print_to_pdf,
    too_wide,
)

PDF_DIR = "pdf"
PDF_PATH = f"{PDF_DIR}/field-notes.pdf"
DEFAULT_CHROMIUM = "/usr/bin/chromium"
PRINT_PAGE_NAME = ".kb-print-page-field-notes.html"  # one per book: .kb-print-page-<book>.html
MAX_PASSES = 4


class PdfExportError(ProjectError, RuntimeError):
    """The PDF could not be made; the message is one line saying what to do."""


@dataclass(frozen=True)
class Book:
    """One PDF: its file (relative to the site), title on the cover ("" for the whole site), navigation."""

    output: str
    title: str
    nav: tuple[NavItem, ...]


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


def export_requested() -> bool:
    """$ENABLE_PDF_EXPORT, read the same way by both builds: 1/true/yes/on or 0/false/no/off/unset; anything else is an error."""
    value = os.environ.get("ENABLE_PDF_EXPORT", "").strip()
    wanted = boolean_word(value) if value else False
    if wanted is not None:
        return wanted
    raise PdfExportError(f"ENABLE_PDF_EXPORT={os.environ['ENABLE_PDF_EXPORT']!r} is not understood: use 1 to export the PDF, 0 or unset not to")


def paper_size() -> str:
    """$PDF_PAPER: a4 (default) or letter; anything else is an error naming the accepted values."""
    value = os.environ.get("PDF_PAPER", "").strip().lower() or "a4"
    if value not in PAPER_SIZES:
        raise PdfExportError(f"PDF_PAPER={os.environ['PDF_PAPER']!r} is not a paper size: use a4 or letter")
    return value


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


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "area"


def _is_tags_page(page_html: str) -> bool:
    """The tags plugin's index (`<h2 id="tag:…">` per tag): a screen aid with no page numbers."""
    return 'id="tag:' in page_html


def _without(nav: Sequence[NavItem], drop: Callable[[str], bool]) -> tuple[NavItem, ...]:
    kept: list[NavItem] = []
    for item in nav:
        if item.dest_uri is not None:
            if not drop(item.dest_uri):
                kept.append(item)
        elif item.children:
            children = _without(item.children, drop)
            if children:
                kept.append(NavItem(item.title, children=children))
    return tuple(kept)


def plan_books(nav: Sequence[NavItem], *, whole: str = PDF_PATH) -> list[Book]:
    """The whole site, then one book per top-level section (`pdf/<area>.pdf`, named after its folder)."""
    books = [Book(whole, "", tuple(nav))]
    taken = {whole}
    for item in nav:
        if item.dest_uri is not None or not item.children:
            continue
        first = item.children[0].dest_uri or ""
        folder = first.split("/")[0] if "/" in first else ""
        output = f"{PDF_DIR}/{_slug(folder or item.title)}.pdf"
        while output in taken:
            output = output[:-4] + "-2.pdf"
        taken.add(output)
        books.append(Book(output, item.title, (item,)))
    return books


def clean_leftovers(site_dir: Path) -> list[Path]:
    """Remove what an interrupted export leaves: print pages and `.*.partial` PDFs."""
    removed: list[Path] = []
    candidates = [*site_dir.glob(".kb-print-page*.html"), *(site_dir / PDF_DIR).glob(".*.partial")]
    for path in candidates:
        path.unlink(missing_ok=True)
        removed.append(path)
    return removed


@contextmanager
def _cleanup_on_signal(site_dir: Path) -> Iterator[None]:
    """While exporting, SIGTERM/SIGINT first remove the temporary files, then act as before."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous: dict[int, Any] = {}

    def handler(number: int, frame: Any) -> None:
        clean_leftovers(site_dir)
        signal.signal(number, previous.get(number) or signal.SIG_DFL)
        if number == signal.SIGINT and previous.get(number) is signal.default_int_handler:
            raise KeyboardInterrupt
        os.kill(os.getpid(), number)

    for number in (signal.SIGTERM, signal.SIGINT):
        previous[number] = signal.getsignal(number)
        signal.signal(number, handler)
    try:
        yield
    finally:
        for signum, old in previous.items():
            signal.signal(signum, old)


def _epoch() -> int | None:
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return int(value) if value.isdigit() else None


def export_books(
    *,
    site_dir: Path,
    info: BuildInfo,
    nav: Sequence[NavItem] | None = None,
    chromium: str | None = None,
    paper: str | None = None,
    areas: bool = True,
    keep_print_page: bool = False,
    link_home: bool = True,
) -> list[ExportResult]:
    """Print the built site in `site_dir`: the whole book, then (with `areas`) one book per area."""
    chromium = chromium or chromium_path()
    paper = paper or paper_size()
    problem = missing_requirement(chromium)
    if problem:
        raise PdfExportError(problem)
    clean_leftovers(site_dir)
    if nav is None:
        from kb.pdf.navigation import read_navigation

        home = site_dir / "index.html"
        if not home.is_file():
            raise PdfExportError(f"PDF export: {home} is missing: build the site first")
        nav = read_navigation(home.read_text(encoding="utf-8"))
    built: dict[str, str] = {}
    for page in plan_pages(nav):
        path = site_dir / page.dest_uri
        if not path.is_file():
            raise PdfExportError(f"PDF export: built page {page.dest_uri} is missing from {site_dir}")
        built[page.dest_uri] = path.read_text(encoding="utf-8")
    nav = _without(nav, lambda dest: _is_tags_page(built[dest]))
    if not plan_pages(nav):
        raise PdfExportError("PDF export found no pages in the navigation")
    books = plan_books(nav) if areas else plan_books(nav)[:1]
    # Two browsers side by side (2 cores): the whole-site book in one, the area books in the other.
    groups = [books[:1], books[1:]] if len(books) > 1 else [books]

    def run(group: list[Book]) -> list[ExportResult]:
        measured: dict[str, int] = {}  # code block widths, shared by the books of a group (same layout)
        with chromium_page(chromium) as page:
            return [_export_book(page, site_dir, book, built, info, paper, keep_print_page, measured) for book in group]

    results: list[ExportResult] = []
    with _cleanup_on_signal(site_dir):
        try:
            with ThreadPoolExecutor(max_workers=len(groups)) as pool:
                for done in [pool.submit(run, group) for group in groups]:
                    results.extend(done.result())
        except ChromiumLaunchError as error:
            raise PdfExportError(f"PDF export: Chromium at {chromium} did not start: {error}") from None
        except PdfExportError:
            raise
        except Exception as error:  # Playwright/Chromium failures arrive as many types
            first_line = (str(error).strip().splitlines() or [type(error).__name__])[0]
            raise PdfExportError(f"PDF export failed in Chromium: {first_line}") from error
        finally:
            if not keep_print_page:
                for print_page in site_dir.glob(".kb-print-page*.html"):
                    print_page.unlink(missing_ok=True)
            for partial in (site_dir / PDF_DIR).glob(".*.partial"):
                partial.unlink(missing_ok=True)
    if link_home:
        link_books(site_dir, [(book.output, book.title) for book in books])
    return results


def _export_book(
    page: Any, site_dir: Path, book: Book, built: dict[str, str], info: BuildInfo, paper: str, keep_print_page: bool,
    measured: dict[str, int],
) -> ExportResult:
    started = time.monotonic()
    pages = plan_pages(book.nav)
    first = built[pages[0].dest_uri]
    try:
        document = build_document(
            book.nav, built, info=info,
            stylesheets=stylesheets_of(first, pages[0].dest_uri),
            body_attributes=body_attributes_of(first),
            book_title=book.title, paper=paper,
        )
    except ValueError as error:
        raise PdfExportError(f"PDF export: {error}") from error
    target = site_dir / book.output
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.partial")
    print_page = site_dir / f".kb-print-page-{Path(book.output).stem}.html"
    anchors = [entry.anchor for entry in document.toc]

    unwrapped = render_document(document)
    if not code_keys(unwrapped) <= measured.keys():
        print_page.write_text(unwrapped, encoding="utf-8")
        load_print_page(page, print_page, paper)
        measured.update(code_columns(page))
    columns = measured
    numbers: dict[str, int] | None = None
    unprinted: set[str] = set()  # link targets hidden on paper (no destination): their "(p. N)" is left out
    digits = 2
    passes = 0
    while True:
        text = render_document(document, numbers, code_columns=columns, ref_digits=digits, unprinted=unprinted)
        print_page.write_text(text, encoding="utf-8")
        load_print_page(page, print_page, paper)
        if numbers is None:
            wide = too_wide(page, paper)
            if wide:
                raise PdfExportError(
                    f"PDF export ({book.output}): {len(wide)} element(s) wider than the page, which would print "
                    f"every page shrunk; first: {wide[0]}"
                )
        print_to_pdf(page, partial, draft=numbers is None)
        passes += 1
        found = destination_pages(partial)
        missing = [anchor for anchor in anchors if anchor not in found]
        if missing:
            raise PdfExportError(f"PDF export ({book.output}): no PDF page found for anchor(s) {', '.join(missing[:5])}")
        targets = page_ref_targets(text)
        hidden = {target for target in targets if target not in found}
        if hidden:
            if numbers is not None:  # a target printed before is gone now: the layout is not stable
                raise PdfExportError(f"PDF export ({book.output}): no PDF page for link target(s) {', '.join(sorted(hidden)[:5])}")
            unprinted |= hidden
            targets -= hidden
        wanted = [*anchors, *sorted(targets)]
        settled = {anchor: found[anchor] for anchor in wanted}
        if len(str(max(settled.values(), default=1))) > digits:
            digits = len(str(max(settled.values())))
            numbers = settled
            continue
        if settled == numbers:
            break
        if passes >= MAX_PASSES:
            moved = [anchor for anchor in settled if numbers is not None and settled[anchor] != numbers.get(anchor)]
            raise PdfExportError(
                f"PDF export ({book.output}): page numbers did not settle after {passes} prints "
                f"({len(moved)} moved, e.g. {', '.join(moved[:3])})"
            )
        numbers = settled
    partial.write_bytes(finish_pdf(partial.read_bytes(), _epoch()))
    page_count, bookmarks = pdf_summary(partial)
    with partial.open("rb") as handle:
        magic = handle.read(5)
    if magic != b"%PDF-" or page_count < 3 or bookmarks == 0:
        raise PdfExportError(
            f"PDF export: Chromium wrote a suspicious PDF ({page_count} pages, {bookmarks} bookmarks, "
            f"{len(pages)} site pages); nothing was published"
        )
    os.replace(partial, target)
    return ExportResult(
        path=target,
        size_bytes=target.stat().st_size,
        pages=page_count,
        passes=passes,
        seconds=time.monotonic() - started,
    )


def export_pdf(
    *,
    site_dir: Path,
    nav: Sequence[NavItem],
    info: BuildInfo,
    chromium: str | None = None,
    output: str = PDF_PATH,
    keep_print_page: bool = False,
) -> ExportResult:
    """Only the whole-site book (kept for callers of the first version)."""
    del output
    return export_books(site_dir=site_dir, nav=nav, info=info, chromium=chromium, areas=False,
                        keep_print_page=keep_print_page)[0]
