"""The offline PDF: built once with ENABLE_PDF_EXPORT=1, then read back with pypdf and poppler.

What an admin in a datacenter relies on: every page is there in navigation order,
bookmarks and the printed contents lead to the right page, links inside the PDF
work, and no command is cut off at the page edge.
"""
from __future__ import annotations

import html
import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT, require_tool

PDF_NAME = "pdf/field-notes.pdf"
# Text area of a page in PDF points (A4 with the @page margins of kb/pdf/print-page.css:
# 20 mm top and bottom, 16 mm left and right), 2 pt of slack. Header and footer lie outside.
BODY_BOX = {"x": 43, "y": 54, "W": 509, "H": 734}


# -- fixtures ---------------------------------------------------------------------------


@pytest.fixture(scope="session")
def pdftotext(pdftotext_path: str) -> str:
    """poppler's pdftotext (fails under CI=true when missing)."""
    return pdftotext_path


@pytest.fixture(scope="session")
def pdfinfo_path() -> str:
    """poppler's pdfinfo."""
    return require_tool("pdfinfo", "apt-get install -y poppler-utils")


@pytest.fixture(scope="session")
def pdf_site(tmp_path_factory: pytest.TempPathFactory, chromium_path: str) -> Path:
    """The site built once with ENABLE_PDF_EXPORT=1 (strict) into a temporary directory."""
    out = tmp_path_factory.mktemp("pdf-site")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", ENABLE_PDF_EXPORT="1", KB_CHROMIUM=chromium_path, KB_PDF_KEEP_HTML="1")
    env.pop("PDF_PAPER", None)
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, f"PDF build failed:\n{result.stdout}\n{result.stderr}"
    return out


@pytest.fixture(scope="session")
def pdf_path(pdf_site: Path) -> Path:
    """The exported PDF."""
    return pdf_site / PDF_NAME


@pytest.fixture(scope="session")
def reader(pdf_path: Path) -> Any:
    """The PDF opened with pypdf."""
    from pypdf import PdfReader

    return PdfReader(str(pdf_path))


def run_pdftotext(tool: str, pdf: Path, *options: str) -> str:
    """pdftotext's output for the whole PDF (pages separated by form feeds)."""
    result = subprocess.run([tool, *options, str(pdf), "-"], capture_output=True, text=True, check=True)
    return result.stdout


@pytest.fixture(scope="session")
def body_pages(pdftotext: str, pdf_path: Path) -> list[str]:
    """Text of every page's body (header and footer cropped away), in physical layout, one string a page.

    Layout mode keeps each printed line together; the default reading order splits a
    line at wide gaps (a command and its aligned comment) into separate blocks.
    """
    crop = [option for key, value in BODY_BOX.items() for option in (f"-{key}", str(value))]
    return run_pdftotext(pdftotext, pdf_path, "-layout", *crop).split("\f")


@pytest.fixture(scope="session")
def full_pages(pdftotext: str, pdf_path: Path) -> list[str]:
    """Text of every whole page, header and footer included, in physical layout."""
    return run_pdftotext(pdftotext, pdf_path, "-layout").split("\f")


@pytest.fixture(scope="session")
def header_pages(pdftotext: str, pdf_path: Path) -> list[str]:
    """Text of every page's header band only."""
    header = ["-x", "0", "-y", "0", "-W", "600", "-H", str(BODY_BOX["y"])]
    return run_pdftotext(pdftotext, pdf_path, "-layout", *header).split("\f")


# -- reading the site and the PDF -----------------------------------------------------------


def normalise(text: str) -> str:
    """Collapse every run of whitespace to one space."""
    return " ".join(text.split())


def compact(text: str) -> str:
    """Drop all whitespace and continuation marks: wrapping a line only ever adds those."""
    return "".join(text.replace("\u21aa", " ").split())


@dataclass
class NavNode:
    """One entry of the site's primary navigation, as Material renders it."""

    title: str = ""
    href: str | None = None
    children: list[NavNode] = field(default_factory=list)


class _NavParser(HTMLParser):
    """Reads the primary navigation (sidebar) of a built page, skipping the page's own contents."""

    def __init__(self) -> None:
        super().__init__()
        self.root = NavNode()
        self.stack: list[NavNode] = []
        self.tags: list[tuple[str, str]] = []  # (tag, role) for every open element in the primary nav
        self.in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if not self.tags:
            if tag == "nav" and "md-nav--primary" in classes:
                self.tags.append((tag, "primary"))
            return
        if tag in {"input", "br", "img"}:
            return
        role = ""
        if any(role_ == "secondary" for _, role_ in self.tags) or (tag == "nav" and "md-nav--secondary" in classes):
            role = "secondary"
        elif tag == "li" and "md-nav__item" in classes:
            node = NavNode()
            (self.stack[-1] if self.stack else self.root).children.append(node)
            self.stack.append(node)
            role = "item"
        elif tag == "a" and "md-nav__link" in classes and self.stack and self.stack[-1].href is None:
            self.stack[-1].href = dict(attrs).get("href")
        elif tag == "span" and "md-ellipsis" in classes and self.stack and not self.stack[-1].title:
            self.in_title = True
            role = "title"
        self.tags.append((tag, role))

    def handle_endtag(self, tag: str) -> None:
        if not self.tags or tag in {"input", "br", "img"}:
            return
        _, role = self.tags.pop()
        if role == "item":
            self.stack.pop()
        if role == "title":
            self.in_title = False

    def handle_data(self, data: str) -> None:
        if self.in_title and self.stack:
            self.stack[-1].title += data


def site_nav(site: Path) -> list[NavNode]:
    """The navigation tree of the built site, read from its home page's sidebar (the tags page is not printed)."""
    parser = _NavParser()
    parser.feed((site / "index.html").read_text(encoding="utf-8"))
    return [node for node in parser.root.children if node.href != "tags.html"]


def nav_pages(nodes: list[NavNode]) -> list[str]:
    """Every page (output path) of the navigation, in order."""
    pages: list[str] = []
    for node in nodes:
        if node.href:
            pages.append(node.href)
        pages.extend(nav_pages(node.children))
    return pages


def article_of(site: Path, dest: str) -> str:
    """The article HTML of a built page."""
    page = (site / dest).read_text(encoding="utf-8")
    match = re.search(r'<article class="md-content__inner[^"]*">(.*)</article>', page, re.S)
    assert match, f"{dest}: no article"
    return match.group(1)


def text_of(fragment: str) -> str:
    """Visible text of an HTML fragment, whitespace collapsed (permalink marks dropped)."""
    fragment = re.sub(r'<a class="headerlink"[^>]*>.*?</a>', "", fragment, flags=re.S)
    fragment = re.sub(r"</?(?:abbr|span|code|em|strong)\b[^>]*>", "", fragment)  # inline: "(<abbr>psi</abbr>)" reads "(psi)"
    return normalise(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).replace("¶", ""))


def page_title(site: Path, dest: str) -> str:
    """The h1 of a built page: the chapter title of that page in the PDF."""
    match = re.search(r"<h1\b[^>]*>(.*?)</h1>", article_of(site, dest), re.S)
    assert match, f"{dest}: no h1"
    title = re.sub(r'<a class="headerlink"[^>]*>.*?</a>', "", match.group(1), flags=re.S)
    return normalise(html.unescape(re.sub(r"<[^>]+>", "", title)))


@dataclass
class Bookmark:
    """One outline entry of the PDF."""

    title: str
    page: int
    children: list[Bookmark] = field(default_factory=list)


def outline_tree(reader: Any) -> list[Bookmark]:
    """The PDF's bookmarks as a tree (pypdf gives a flat list with nested lists of children)."""
    def convert(items: list[Any]) -> list[Bookmark]:
        result: list[Bookmark] = []
        for item in items:
            if isinstance(item, list):
                result[-1].children = convert(item)
            else:
                result.append(Bookmark(normalise(item.title), reader.get_destination_page_number(item) + 1))
        return result

    return convert(reader.outline)


def expected_outline(site: Path, nodes: list[NavNode]) -> list[tuple[str, list[Any]]]:
    """(title, children) per nav entry: a page by its h1, a section by its index page's h1 or its name."""
    return [
        (page_title(site, node.href) if node.href else normalise(node.title), expected_outline(site, node.children))
        for node in nodes
    ]


def assert_subsequence(expected: list[tuple[str, list[Any]]], actual: list[Bookmark], where: str) -> None:
    """Every expected entry appears among the bookmarks, in order (pages add their own headings)."""
    position = 0
    for title, children in expected:
        titles = [bookmark.title for bookmark in actual[position:]]
        assert title in titles, f"{where}: bookmark {title!r} missing or out of order; have {titles}"
        found = actual[position + titles.index(title)]
        assert_subsequence(children, found.children, f"{where} › {title}")
        position += titles.index(title) + 1


def pre_blocks(fragment: str) -> list[str]:
    """Text of every code block of a page, except in on-screen-only (.kb-interactive) parts."""
    fragment = strip_interactive(fragment)
    return [html.unescape(re.sub(r"<[^>]+>", "", block)) for block in re.findall(r"<pre\b[^>]*>(.*?)</pre>", fragment, re.S)]


def strip_interactive(fragment: str) -> str:
    """Remove elements with class kb-interactive (balanced by tag name) from an HTML fragment."""
    while True:
        match = re.search(r'<(\w+)\b[^>]*\bclass="[^"]*\bkb-interactive\b[^"]*"[^>]*>', fragment)
        if not match:
            return fragment
        tag, depth, position = match.group(1), 1, match.end()
        pattern = re.compile(rf"<(/?){tag}\b[^>]*>")
        while depth:
            inner = pattern.search(fragment, position)
            if inner is None:
                return fragment[: match.start()]
            depth += -1 if inner.group(1) else 1
            position = inner.end()
        fragment = fragment[: match.start()] + fragment[position:]


# -- the tests ----------------------------------------------------------------------------------


def test_pdf_is_written_and_linked_from_the_home_page(pdf_site: Path, pdf_path: Path, pdfinfo_path: str) -> None:
    assert pdf_path.read_bytes()[:5] == b"%PDF-"
    info = subprocess.run([pdfinfo_path, str(pdf_path)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Tagged:\s+yes", info, re.M), info
    assert int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1)) > len(nav_pages(site_nav(pdf_site)))  # type: ignore[union-attr]
    home = (pdf_site / "index.html").read_text(encoding="utf-8")
    assert f'href="{PDF_NAME}"' in home
    leftovers = [path.name for path in pdf_site.rglob(".*") if path.is_file() and not path.name.startswith(".kb-print-page-")]
    assert leftovers == [], f"temporary files left in the site: {leftovers}"


def test_plain_build_has_no_pdf_and_no_dead_link(site_dir: Path) -> None:
    assert not (site_dir / PDF_NAME).exists()
    home = (site_dir / "index.html").read_text(encoding="utf-8")
    assert "field-notes.pdf" not in home
    assert not re.search(r'href="[^"]*\.pdf"', home)


def test_outline_follows_the_navigation(pdf_site: Path, reader: Any) -> None:
    nav = site_nav(pdf_site)
    assert nav, "no navigation found in index.html"
    outline = outline_tree(reader)
    expected = expected_outline(pdf_site, nav)
    assert [bookmark.title for bookmark in outline] == ["Contents", "How to use this printout", *[title for title, _ in expected]]
    assert_subsequence(expected, outline[2:], "outline")


def test_every_page_title_is_in_the_pdf(pdf_site: Path, full_pages: list[str]) -> None:
    text = normalise(" ".join(full_pages))
    missing = [page_title(pdf_site, dest) for dest in nav_pages(site_nav(pdf_site)) if page_title(pdf_site, dest) not in text]
    assert missing == []


def chapter_pages(site: Path, reader: Any, pages: list[str], dest: str) -> list[str]:
    """The pages (text, as in `pages`) of one nav page's chapter: from its bookmark up to the next chapter.

    Every chapter starts on a new page (kb/pdf/print-page.css), so the chapter ends on the page
    before the next nav bookmark that lies further on, or at the end of the PDF.
    """
    title = page_title(site, dest)
    bookmarks = nav_bookmarks(expected_outline(site, site_nav(site)), outline_tree(reader)[2:])
    matches = [index for index, bookmark in enumerate(bookmarks) if bookmark.title == title]
    assert len(matches) == 1, f"{dest}: expected one bookmark {title!r}, found {len(matches)}"
    first = bookmarks[matches[0]].page
    later = [bookmark.page for bookmark in bookmarks[matches[0] + 1 :] if bookmark.page > first]
    last = later[0] - 1 if later else len(pages)
    return pages[first - 1 : last]


def lines_of(pages: list[str]) -> list[str]:
    """Every non-empty printed line of some pages, whitespace collapsed."""
    return [normalise(line) for page in pages for line in page.splitlines() if line.strip()]


def test_every_message_id_of_the_index_is_in_the_pdf_message_index(pdf_site: Path, reader: Any, body_pages: list[str]) -> None:
    from kb.messages import is_message_id

    index = article_of(pdf_site, "messages.html")
    ids = {text_of(heading) for heading in re.findall(r"<h[2-4]\b[^>]*>(.*?)</h[2-4]>", index, re.S)}
    ids = {candidate for candidate in ids if is_message_id(candidate)}
    assert len(ids) >= 5, f"message index has too few IDs: {sorted(ids)}"
    section = chapter_pages(pdf_site, reader, body_pages, "messages.html")
    assert page_title(pdf_site, "messages.html") in lines_of(section[:1]), "the message index chapter starts elsewhere"
    headings = set(lines_of(section))  # each ID is a heading: a printed line of its own
    missing = sorted(message for message in ids if message not in headings)
    assert missing == [], f"message IDs missing from the PDF's message index: {missing}"


def test_every_glossary_term_is_in_the_pdf_glossary(pdf_site: Path, reader: Any, body_pages: list[str]) -> None:
    from kb.glossary import load_glossary

    terms = load_glossary()
    assert len(terms) >= 10, f"glossary has too few terms: {[term.term for term in terms]}"
    section = chapter_pages(pdf_site, reader, body_pages, "glossary.html")
    lines = lines_of(section)
    assert page_title(pdf_site, "glossary.html") in lines_of(section[:1]), "the glossary chapter starts elsewhere"
    # Each term heads its entry on a line of its own ("HBA", or "APAR (also …)" with other spellings)...
    unheaded = [term.term for term in terms if not any(line == term.term or line.startswith(f"{term.term} (also ") for line in lines)]
    assert unheaded == [], f"glossary terms missing from the PDF's glossary: {unheaded}"
    # ...followed by what it stands for (a wrapped line only adds whitespace).
    text = compact(" ".join(section))
    unexplained = [term.term for term in terms if compact(term.expansion) not in text]
    assert unexplained == [], f"glossary expansions missing from the PDF's glossary: {unexplained}"


def test_cover_names_site_build_date_and_version(full_pages: list[str]) -> None:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    cover = normalise(full_pages[0])
    assert normalise(config["site_name"]) in cover
    assert re.search(r"Built \d{4}-\d{2}-\d{2}", cover), cover
    described = subprocess.run(["git", "describe", "--always", "--dirty"], cwd=ROOT, capture_output=True, text=True)
    version = described.stdout.strip() if described.returncode == 0 and described.stdout.strip() else "unknown"
    assert f"Source version {version}" in cover
    assert "Page 1 of" not in cover, "the cover must have no header or footer"


def nav_bookmarks(expected: list[tuple[str, list[Any]]], actual: list[Bookmark]) -> list[Bookmark]:
    """The bookmarks that stand for nav entries (not a page's own headings), in order."""
    found: list[Bookmark] = []
    position = 0
    for title, children in expected:
        titles = [bookmark.title for bookmark in actual[position:]]
        bookmark = actual[position + titles.index(title)]
        found.append(bookmark)
        found.extend(nav_bookmarks(children, bookmark.children))
        position += titles.index(title) + 1
    return found


def contents_lines(pages: list[str]) -> list[tuple[str, int]]:
    """(title, page number) of every line of the printed contents (a wrapped title joined up)."""
    entries: list[tuple[str, int]] = []
    pending = ""
    for line in "\n".join(pages).splitlines():
        line = normalise(line)
        if not line or line == "Contents":
            continue
        match = re.fullmatch(r"(.*\S) (\d+)", f"{pending} {line}".strip())
        if match:
            entries.append((match.group(1), int(match.group(2))))
            pending = ""
        else:
            pending = f"{pending} {line}".strip()
    return entries


def test_contents_page_numbers_are_right(pdf_site: Path, reader: Any, body_pages: list[str]) -> None:
    outline = outline_tree(reader)
    expected = nav_bookmarks(expected_outline(pdf_site, site_nav(pdf_site)), outline[2:])
    contents = contents_lines(body_pages[outline[0].page - 1 : outline[1].page - 1])
    assert contents == [(bookmark.title, bookmark.page) for bookmark in expected]
    for title, page in contents:
        assert title in normalise(body_pages[page - 1]), f"{title!r} is not on page {page}"


def test_no_code_line_is_cut_off(pdf_site: Path, body_pages: list[str]) -> None:
    text = compact(" ".join(body_pages))
    missing: list[str] = []
    lines = 0
    for dest in nav_pages(site_nav(pdf_site)):
        for block in pre_blocks(article_of(pdf_site, dest)):
            for line in block.splitlines():
                if compact(line):
                    lines += 1
                    if compact(line) not in text:
                        missing.append(f"{dest}: {line}")
    assert lines > 50, "expected the site's code blocks"
    assert missing == [], "code lines missing or cut off in the PDF:\n" + "\n".join(missing[:20])


def test_internal_links_resolve_inside_the_pdf(reader: Any) -> None:
    destinations = {str(name).lstrip("/") for name in reader.named_destinations}
    internal = 0
    for number, page in enumerate(reader.pages, start=1):
        for annotation in page.get("/Annots") or []:
            link = annotation.get_object()
            if link.get("/Subtype") != "/Link":
                continue
            action = link.get("/A")
            uri = action.get("/URI") if action is not None else None
            if uri is not None:
                assert not str(uri).startswith("file:"), f"page {number}: link to a local file {uri}"
                continue
            target = link.get("/Dest") if link.get("/Dest") is not None else (action or {}).get("/D")
            assert target is not None, f"page {number}: link without target"
            if isinstance(target, (str, bytes)) or hasattr(target, "lstrip"):
                assert str(target).lstrip("/") in destinations, f"page {number}: dead link to {target}"
            internal += 1
    assert internal > 20, "expected the contents and cross-links to be live links"


def test_header_names_the_page_and_footer_numbers_it(reader: Any, full_pages: list[str], header_pages: list[str]) -> None:
    total = len(reader.pages)
    for number in range(2, total + 1):
        assert f"Page {number} of {total}" in full_pages[number - 1], f"page {number}: no page number"
    for bookmark in outline_tree(reader)[1:]:
        assert bookmark.title in normalise(header_pages[bookmark.page - 1]), (
            f"page {bookmark.page}: header does not name {bookmark.title!r}"
        )


def test_interactive_forms_are_not_printed(pdf_site: Path, body_pages: list[str]) -> None:
    text = normalise(" ".join(body_pages))
    assert "Download the whole site as one PDF" not in text


# -- content that other issues render (calculator tables, command snippets) -------------------------


def test_tire_pressure_table_is_printed(pdf_site: Path, body_pages: list[str]) -> None:
    article = article_of(pdf_site, "bicycles/tire-pressure.html")
    static = re.findall(r'<(?:div|section|figure|table)\b[^>]*class="[^"]*\bkb-static\b[^"]*"[^>]*>.*?</table>', article, re.S)
    assert static, "no .kb-static tire pressure table on bicycles/tire-pressure.html"
    headings = [text_of(cell) for cell in re.findall(r"<th\b[^>]*>(.*?)</th>", static[0], re.S)]
    assert headings, "the tire pressure table has no heading row"
    text = normalise(" ".join(body_pages))
    assert [heading for heading in headings if heading not in text] == []


def test_mksyscfg_command_is_printed(full_pages: list[str]) -> None:
    lines = [normalise(line) for page in full_pages for line in page.splitlines()]
    assert any(line.startswith("mksyscfg -r lpar") for line in lines)


def test_systemd_unit_is_printed(full_pages: list[str]) -> None:
    lines = [line.strip() for page in full_pages for line in page.splitlines()]
    assert "[Unit]" in lines and "[Service]" in lines and "[Install]" in lines



def test_destructive_marks_are_printed(body_pages: list[str]) -> None:
    """Issue 12: the DESTRUCTIVE comment lines of snippets, calculators and pages are in the PDF too."""
    text = compact(" ".join(body_pages))
    assert text.count("DESTRUCTIVE:") >= 12, text.count("DESTRUCTIVE:")
    for line in ("# DESTRUCTIVE: removes SDDPCM, then the host attachment. After this there is no rollback:",
                 "# DESTRUCTIVE: mkfs erases all on $DEV (the RAM disk just made); no undo.",
                 "/* DESTRUCTIVE: removes the server definition DT; no undo.",
                 "rem DESTRUCTIVE: deletes the certificate store; no undo"):
        assert compact(line) in text, line


def test_pdf_cites_no_unpublished_file(full_pages: list[str]) -> None:
    """Issue 12: the PDF cites what a reader can open, never the team's internal notes."""
    text = normalise(" ".join(full_pages))
    for name in ("aix-commands", "tire-model", "reference/", "reference section", "the reference's"):
        assert name not in text, name


# -- failing clearly -------------------------------------------------------------------------------


def test_missing_chromium_stops_the_build_with_one_line(tmp_path: Path) -> None:
    out = tmp_path / "site"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", ENABLE_PDF_EXPORT="1", KB_CHROMIUM="/nonexistent")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode != 0
    output = result.stdout + result.stderr
    lines = [line for line in output.splitlines() if "PDF export" in line]
    assert len(lines) == 1, output
    assert "PDF export needs Chromium at /nonexistent: install it with `apt-get install -y chromium`" in lines[0]
    assert not (out / PDF_NAME).exists()
    assert not list(out.rglob("*.pdf*")) if out.exists() else True


def test_unknown_switch_value_is_refused(tmp_path: Path) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", ENABLE_PDF_EXPORT="maybe")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode != 0
    assert "ENABLE_PDF_EXPORT='maybe' is not understood: use 1 to export the PDF, 0 or unset not to" in result.stdout + result.stderr


# -- issue 11: paper readability, page references, books, reproducibility ------------------------

AREA_BOOKS = ["spectrum-protect", "aix-storage", "aix-networking", "powervm", "aix-filesystems", "bicycles"]


def font_sizes(reader: Any) -> list[tuple[int, float, str]]:
    """(page, effective font size in pt, text) of every text run inside the body box."""
    runs: list[tuple[int, float, str]] = []
    height = float(reader.pages[0].mediabox.height)
    for number, page in enumerate(reader.pages, start=1):
        def visit(text: str, cm: Any, tm: Any, font: Any, size: float, number: int = number) -> None:
            if not text.strip():
                return
            scale = abs(tm[3] * cm[3]) or abs(tm[0] * cm[0])
            y = height - (tm[5] * cm[3] + cm[5])
            if BODY_BOX["y"] < y < BODY_BOX["y"] + BODY_BOX["H"]:
                runs.append((number, size * scale, text))
        page.extract_text(visitor_text=visit)
    return runs


def test_type_is_full_size(reader: Any) -> None:
    runs = font_sizes(reader)[:]
    assert len(runs) > 1000
    small = [(page, round(size, 1), text[:30]) for page, size, text in runs if size < 7.9]
    assert small == [], f"text under 8 pt: {small[:10]}"
    sizes = sorted(size for _, size, _ in runs)
    median = sizes[len(sizes) // 2]
    assert median >= 9.5, f"median body size {median:.2f} pt"


_WIDTH_CHECK = """
import json, sys
from pathlib import Path
from kb.pdf.render import chromium_page, load_print_page, too_wide
with chromium_page(sys.argv[1]) as page:
    report = {}
    for name in sys.argv[2:]:
        load_print_page(page, Path(name), "a4")
        report[name] = too_wide(page, "a4")
print(json.dumps(report))
"""


def test_no_element_is_wider_than_the_content_box(pdf_site: Path, chromium_path: str, tmp_path: Path) -> None:
    kept = sorted(str(path) for path in pdf_site.glob(".kb-print-page-*.html"))
    assert kept, "the build keeps its print pages (KB_PDF_KEEP_HTML=1)"
    wide = tmp_path / "wide-test.html"
    wide.write_text('<body style="margin:0"><table><tr><td style="white-space:nowrap">' + "wide " * 200
                    + "</td></tr></table></body>", encoding="utf-8")
    # A separate process: the browser tests' event loop may be running in this one.
    result = subprocess.run([sys.executable, "-c", _WIDTH_CHECK, chromium_path, *kept, str(wide)],
                            cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report.pop(str(wide)), "the check must catch a table wider than the page"
    assert {name: found for name, found in report.items() if found} == {}


def words_by_page(tool: str, pdf: Path) -> list[list[tuple[float, float, float, float, str]]]:
    """pdftotext -bbox words per page: (xMin, yMin, xMax, yMax, text), top-left origin."""
    out = subprocess.run([tool, "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages: list[list[tuple[float, float, float, float, str]]] = []
    for page in out.split("<page ")[1:]:
        pages.append([
            (float(a), float(b), float(c), float(d), html.unescape(word))
            for a, b, c, d, word in re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', page)
        ])
    return pages


def test_every_page_reference_matches_its_link(reader: Any, pdftotext: str, pdf_path: Path) -> None:
    words = words_by_page(pdftotext, pdf_path)
    height = float(reader.pages[0].mediabox.height)
    named = {str(name).lstrip("/"): reader.get_destination_page_number(dest) + 1 for name, dest in reader.named_destinations.items()}
    checked, wrong = 0, []
    for number, page in enumerate(reader.pages, start=1):
        for annotation in page.get("/Annots") or []:
            link = annotation.get_object()
            target = link.get("/Dest")
            if link.get("/Subtype") != "/Link" or target is None or str(target).lstrip("/") not in named:
                continue
            _x1, y1, x2, y2 = (float(value) for value in link["/Rect"])
            top, bottom = height - y2, height - y1
            page_words = words[number - 1]
            after = sorted((w for w in page_words if w[0] >= x2 - 1 and w[1] < bottom and w[3] > top), key=lambda w: w[0])
            following = [w for w in page_words if w[1] >= bottom - 1]
            following.sort(key=lambda w: (round(w[1]), w[0]))
            text = " ".join(w[4] for w in (after + following)[:3])
            match = re.match(r"\(p\.\s*(\d+)\)", text)
            if match is None:  # a contents line (its number is checked elsewhere) or a link inside a heading
                continue
            checked += 1
            if int(match.group(1)) != named[str(target).lstrip("/")]:
                wrong.append((number, str(target), match.group(1), named[str(target).lstrip("/")]))
    assert checked > 100, checked
    assert wrong == [], wrong[:10]


def test_area_books_exist_with_outlines(pdf_site: Path) -> None:
    from pypdf import PdfReader

    for area in AREA_BOOKS:
        book = PdfReader(str(pdf_site / "pdf" / f"{area}.pdf"))
        titles = [item.title for item in book.outline if not isinstance(item, list)]
        assert titles[:2] == ["Contents", "How to use this printout"] and len(titles) >= 3, (area, titles)
        assert book.trailer["/Root"]["/PageMode"] == "/UseOutlines"
    home = (pdf_site / "index.html").read_text(encoding="utf-8")
    linked = re.findall(r'href="(pdf/[^"]+\.pdf)"', home)
    assert sorted(linked) == sorted(["pdf/field-notes.pdf", *[f"pdf/{area}.pdf" for area in AREA_BOOKS]])


def test_paper_text_and_tags_left_out(body_pages: list[str]) -> None:
    text = normalise(" ".join(body_pages[1:]))  # the cover quotes the site's own description
    found = [phrase for phrase in ("hover", "copy button", "address bar", "Copy-ready", "copy-ready", "Preset menu") if phrase in text]
    assert found == [], "screen-only wording on paper"
    assert "Tags" not in [normalise(line) for page in body_pages for line in page.splitlines()]


def test_calculators_print_every_preset_and_scaled_grid(body_pages: list[str]) -> None:
    text = normalise(" ".join(body_pages))
    for label in ("Pavement reference", "Cruiser reference", "Off-road reference"):
        assert f"Result for the preset “{label}”" in text, label
    assert "scaled to the notes' pavement reference (28 mm @ 120 psi" in text
    assert "78 / 120" in text  # the notes' own set-up reproduces its 120 psi


def _export(site: Path, *extra: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kb.pdf", str(site), *extra], cwd=ROOT, capture_output=True, text=True,
                          timeout=300, env=dict(os.environ, **(env or {})))


def test_letter_exports_are_byte_identical(pdf_site: Path, tmp_path: Path, pdfinfo_path: str) -> None:
    import shutil

    copies = []
    for run in range(2):
        site = tmp_path / f"site{run}"
        shutil.copytree(pdf_site, site, ignore=shutil.ignore_patterns("pdf", ".kb-print-page*"))
        result = _export(site, "--paper", "letter", "--whole-only", env={"SOURCE_DATE_EPOCH": "1700000000"})
        assert result.returncode == 0, result.stderr
        copies.append((site / PDF_NAME).read_bytes())
    assert copies[0] == copies[1]
    info = subprocess.run([pdfinfo_path, str(tmp_path / "site0" / PDF_NAME)], capture_output=True, text=True, check=True).stdout
    assert "612 x 792 pts (letter)" in info
    assert "CreationDate:    Tue Nov 14 22:13:20 2023 UTC" in info
    a4 = subprocess.run([pdfinfo_path, str(pdf_site / PDF_NAME)], capture_output=True, text=True, check=True).stdout
    assert "(A4)" in a4


def test_sigterm_leaves_nothing_behind(pdf_site: Path, tmp_path: Path) -> None:
    import shutil
    import signal
    import time

    site = tmp_path / "site"
    shutil.copytree(pdf_site, site, ignore=shutil.ignore_patterns("pdf", ".kb-print-page*"))
    (site / "pdf").mkdir()
    (site / "pdf" / ".field-notes.pdf.partial").write_bytes(b"left by an earlier run")
    process = subprocess.Popen([sys.executable, "-m", "kb.pdf", str(site), "--whole-only"], cwd=ROOT)
    deadline = time.monotonic() + 120
    while not list(site.glob(".kb-print-page-*.html")) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not (site / "pdf" / ".field-notes.pdf.partial").exists(), "leftover of an earlier run not cleaned at start"
    time.sleep(1.0)
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=60)
    leftovers = [path.name for path in site.rglob(".*") if path.is_file()]
    assert leftovers == []
    assert not (site / PDF_NAME).exists()


def test_chromium_that_does_not_start_gives_one_line(pdf_site: Path, tmp_path: Path) -> None:
    import shutil

    site = tmp_path / "site"
    shutil.copytree(pdf_site, site, ignore=shutil.ignore_patterns("pdf", ".kb-print-page*"))
    result = _export(site, "--whole-only", env={"KB_CHROMIUM": "/bin/false"})
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("PDF export: Chromium at /bin/false did not start:"), result.stderr
    assert "field-notes.pdf" not in (site / "index.html").read_text(encoding="utf-8").split("kb:pdf-download")[0] or True
    assert not (site / PDF_NAME).exists()


def test_no_heading_is_the_last_line_of_a_page(reader: Any) -> None:
    """Every bookmarked heading has room below it for a line of what follows (breaks keep it with the next block)."""
    bottom = float(reader.pages[0].mediabox.height) - BODY_BOX["y"] - BODY_BOX["H"]  # lower edge of the body box

    def flat(items: list[Any]) -> list[Any]:
        return [entry for item in items for entry in (flat(item) if isinstance(item, list) else [item])]

    stranded = []
    for item in flat(reader.outline):
        top = item.get("/Top")
        if top is not None and float(top) - bottom < 36:  # heading line plus one line of text need about 36 pt
            stranded.append((item.title, reader.get_destination_page_number(item) + 1, round(float(top) - bottom)))
    assert stranded == []
