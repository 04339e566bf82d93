"""Assemble the combined print page: cover, contents with page numbers, every page in nav order.

Structure of the print page (what Chromium's outline is built from):

- the cover has no heading, so it has no bookmark;
- "Contents" is an `h1`;
- a nav section is a heading at its nav depth (`h1` for a top-level section);
- a page's own headings move down by its nav depth (a top-level page keeps its `h1`,
  a page inside one section starts at `h2`), so bookmarks nest as the navigation does.

Each chapter is on its own named CSS page whose top margin box carries the page
title: that is the running header (Chromium 131+ supports page margin boxes).
"""
from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources

from kb.pdf.buildinfo import BuildInfo
from kb.pdf.navigation import NavItem
from kb.pdf.paper_text import paper_text
from kb.pdf.rewrite import PAGE_REF_CLASS, Chapter, page_ref, page_slug, rewrite_article
from kb.pdf.wrap import wrap_code

CONTENTS_ID = "kb-contents"
HOWTO_ID = "kb-howto"
PAPER_SIZES = {"a4": "A4", "letter": "letter"}
__all__ = ["NavItem", "PrintDocument", "TocEntry", "build_document", "plan_pages", "render_document"]


@dataclass(frozen=True)
class TocEntry:
    """One line of the printed contents: a section or a page, its anchor and nav depth."""

    anchor: str
    title: str
    depth: int
    is_section: bool


@dataclass
class PrintDocument:
    """The chapters of the print page in nav order, ready to be rendered with page numbers."""

    info: BuildInfo
    stylesheets: list[str]
    body_attributes: str
    book_title: str = ""
    paper: str = "a4"
    chapters: list[str] = field(default_factory=list)
    page_rules: list[str] = field(default_factory=list)
    toc: list[TocEntry] = field(default_factory=list)


@dataclass(frozen=True)
class _PlannedPage:
    dest_uri: str
    depth: int
    sections: tuple[TocEntry, ...]  # section headings that open right before this page
    section_path: tuple[str, ...]
    is_section_index: bool = False


def css_string(text: str) -> str:
    """Quote text as a CSS string literal (for margin-box `content`)."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3C ")
    escaped = re.sub(r"[\n\r\f]", "\\\\A ", escaped)
    return f'"{escaped}"'


def _section_anchor(path: Sequence[str], index: int) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", "-".join(path).lower()).strip("-") or "section"
    return f"s{index}-{slug}"


def _is_index_page(item: NavItem) -> bool:
    return item.dest_uri is not None and posixpath.basename(item.dest_uri) == "index.html"


def plan_pages(nav: Sequence[NavItem]) -> list[_PlannedPage]:
    """Flatten the navigation into pages in order, each with the section headings it opens.

    A section whose first child is its `index` page (Material's navigation.indexes)
    gets no heading of its own: the index page is printed at the section's level.
    """
    planned: list[_PlannedPage] = []
    pending: list[TocEntry] = []
    counter = 0

    def walk(items: Sequence[NavItem], depth: int, path: tuple[str, ...]) -> None:
        nonlocal counter
        for item in items:
            if item.dest_uri is not None:
                planned.append(_PlannedPage(item.dest_uri, depth, tuple(pending), path))
                pending.clear()
            elif item.children:
                children = item.children
                if _is_index_page(children[0]):
                    index_page = children[0]
                    assert index_page.dest_uri is not None
                    planned.append(_PlannedPage(index_page.dest_uri, depth, tuple(pending), path, True))
                    pending.clear()
                    children = children[1:]
                else:
                    counter += 1
                    pending.append(TocEntry(_section_anchor((*path, item.title), counter), item.title, depth, True))
                walk(children, depth + 1, (*path, item.title))

    walk(nav, 0, ())
    return planned


def _page_rule(name: str, header_left: str, header_right: str) -> str:
    return (
        f"@page {name} {{ @top-left {{ content: {css_string(header_left)}; }}"
        f" @top-right {{ content: {css_string(header_right)}; }} }}"
    )


def build_document(
    nav: Sequence[NavItem],
    read_page: Mapping[str, str],
    *,
    info: BuildInfo,
    stylesheets: Sequence[str],
    body_attributes: str,
    book_title: str = "",
    paper: str = "a4",
) -> PrintDocument:
    """Rewrite every nav page of the built site into chapters of one print document.

    A section's index page runs on: the section's first page follows it on the same
    sheet (both share that page's running header, which names the section), so an
    index page is never a sheet of its own that only repeats the contents.
    """
    planned = plan_pages(nav)
    slugs = _unique_slugs(page.dest_uri for page in planned)
    document = PrintDocument(
        info=info, stylesheets=list(stylesheets), body_attributes=body_attributes, book_title=book_title, paper=paper,
    )
    chapters: list[tuple[str, Chapter]] = []
    for page in planned:
        chapter = rewrite_article(
            read_page[page.dest_uri], dest_uri=page.dest_uri, print_dir="", heading_shift=page.depth, page_slugs=slugs,
        )
        chapters.append((slugs[page.dest_uri], chapter))
    _list_abbreviation_pages(chapters)
    names = [f"kb-chapter-{number}" for number in range(1, len(planned) + 1)]
    runs_on = [False] * len(planned)
    for number, page in enumerate(planned[:-1]):
        following = planned[number + 1]
        inside = following.section_path[: len(page.section_path) + 1] == following.section_path
        if page.is_section_index and inside and len(following.section_path) > len(page.section_path):
            runs_on[number + 1] = True
    for number in range(len(planned) - 1, 0, -1):
        if runs_on[number]:
            names[number - 1] = names[number]
    rules: dict[str, str] = {}
    for number, (page, (anchor, chapter)) in enumerate(zip(planned, chapters)):
        title = chapter.title or page.dest_uri
        headings = "".join(
            f'<h{min(6, section.depth + 1)} class="kb-section-title" id="{section.anchor}">'
            f"{html.escape(section.title)}</h{min(6, section.depth + 1)}>"
            for section in page.sections
        )
        # A shared (run-on) page is headed by the page that runs on, with its section on the right.
        right = " › ".join(page.section_path) or info.title
        if runs_on[number]:  # the sheet also holds the section's index page: name it too
            right = chapters[number - 1][1].title or right
        rules[names[number]] = _page_rule(names[number], title, right)
        document.toc.extend(page.sections)
        document.toc.append(TocEntry(anchor, title, page.depth, page.is_section_index))
        classes = "kb-chapter kb-chapter--run-on" if runs_on[number] else "kb-chapter"
        document.chapters.append(
            f'<section class="{classes}" id="{anchor}" style="page: {names[number]}">'
            f"{headings}{paper_text(chapter.html)}</section>"
        )
    document.page_rules.extend(rules.values())
    return document


def _list_abbreviation_pages(chapters: list[tuple[str, Chapter]]) -> None:
    """Add "Used in: page (p. N), …" to every glossary entry (a `<dt>` holding an `<abbr>`)."""
    entry = re.compile(r'(<dt\b[^>]*>\s*<abbr\b[^>]*\btitle="([^"]*)"[^>]*>.*?</dt>\s*<dd\b[^>]*>.*?)(</dd>)', re.S)
    for position, (anchor, chapter) in enumerate(chapters):
        if "<dt" not in chapter.html:
            continue

        def mentions(match: re.Match[str], own: str = anchor) -> str:
            expansion = html.unescape(match.group(2))
            uses = [
                f'<span class="kb-mention" data-kb-mention="{html.escape(target, quote=True)}">'
                f'<a href="#{target}">{html.escape(other.title)}</a>{page_ref(target)}</span>'
                for other_anchor, other in chapters
                if other_anchor != own and (target := other.abbreviations.get(expansion))
            ]
            if not uses:
                return match.group(0)
            return f'{match.group(1)}<span class="kb-mentions"> Used in: {"".join(uses)}.</span>{match.group(3)}'

        chapters[position] = (anchor, Chapter(entry.sub(mentions, chapter.html), chapter.title, chapter.abbreviations))


def _unique_slugs(dest_uris: Iterable[str]) -> dict[str, str]:
    slugs: dict[str, str] = {}
    taken: set[str] = set()
    for dest_uri in dest_uris:
        slug = base = page_slug(dest_uri)
        counter = 1
        while slug in taken:
            counter += 1
            slug = f"{base}-{counter}"
        taken.add(slug)
        slugs[dest_uri] = slug
    return slugs


def _cover(info: BuildInfo, book_title: str) -> str:
    lines = "".join(f'<p class="kb-cover__line">{html.escape(line)}</p>' for line in info.cover_lines)
    scope = (
        f"the {html.escape(book_title)} part of the site" if book_title else "every page of the site"
    )
    book = f'<p class="kb-cover__book">{html.escape(book_title)}</p>' if book_title else ""
    profile = f"<dt>Profile</dt><dd><code>{html.escape(info.profile)}</code></dd>" if info.profile else ""
    values = ("Calculators and commands are printed with the values of the profile named above." if info.profile else
              "Calculators appear as their results for every preset and their tables, commands with their default values.")
    return (
        '<div class="kb-cover">'
        f'<p class="kb-cover__title">{html.escape(info.title)}</p>{book}'
        f'<p class="kb-cover__description">{html.escape(info.description)}</p>'
        '<dl class="kb-cover__facts">'
        f"<dt>Built</dt><dd>{html.escape(info.build_date)}</dd>"
        f"<dt>Source version</dt><dd><code>{html.escape(info.source_version)}</code></dd>"
        f"{profile}</dl>"
        f"{lines}"
        f'<p class="kb-cover__note">Offline edition: {scope} in navigation order. {values}</p>'
        "</div>"
    )


def _howto(has_glossary: bool) -> str:
    """The one-page guide to reading the printout (boxes, default values, wraps, page references)."""
    glossary = "the glossary lists them all" if has_glossary else "the whole-site book's glossary lists them all"
    items = (
        ("Page references.", "A link is followed by the number of the page it leads to, in the form “(p.\u00a0N)”. "
         "In a PDF viewer the link itself jumps there, and the bookmarks pane follows the contents."),
        ("Commands show default values.", "On the site a form fills in your own names; on paper every command and "
         "file shows the defaults the page names (example instance names, adapters, paths, sizes). Replace them with "
         "yours before you type."),
        ("Long lines.", "A command too long for the page continues on the next line, indented, after the mark "
         "\u21aa. Type it as one line, with one space where it was broken (none after a comma)."),
        ("Reconstructed.", "A box so marked fills a gap the original notes left (lost commands, unit file bodies) "
         "and names the public source its text comes from: an IBM Documentation page title, a man page or a "
         "published model."),
        ("Unconfirmed.", "No public source could confirm this (some message texts, an APAR number, an option): "
         "it is the best reading of the author's notes and logs, not IBM's text."),
        ("DESTRUCTIVE.", "A comment line so marked stands above every command that erases or removes something "
         "with no undo."),
        ("Abbreviations.", f"Each is spelled out at its first use in a chapter; {glossary} with the pages that use them."),
        ("Calculators.", "Each shows its result for every preset of the notes and its table of pre-computed values; "
         "other values are computed on the site or with python -m calculators."),
    )
    body = "".join(f"<dt>{html.escape(term)}</dt><dd>{html.escape(text)}</dd>" for term, text in items)
    return (
        f'<section class="kb-howto md-typeset" style="page: kb-howto"><h1 id="{HOWTO_ID}">How to use this printout</h1>'
        f'<dl class="kb-howto__list">{body}</dl></section>'
    )


def _toc(entries: Sequence[TocEntry], page_numbers: Mapping[str, int] | None) -> str:
    lines = []
    for entry in entries:
        number = str(page_numbers[entry.anchor]) if page_numbers is not None else ""
        kind = "kb-toc__section" if entry.is_section else "kb-toc__page-entry"
        lines.append(
            f'<li class="{kind} kb-toc__depth-{min(entry.depth, 4)}">'
            f'<a href="#{entry.anchor}"><span class="kb-toc__title">{html.escape(entry.title)}</span>'
            f'<span class="kb-toc__leader"></span>'
            f'<span class="kb-toc__number">{number}</span></a></li>'
        )
    return (
        f'<nav class="kb-toc md-typeset"><h1 id="{CONTENTS_ID}">Contents</h1>'
        f'<ol class="kb-toc__list">{"".join(lines)}</ol></nav>'
    )


def print_css() -> str:
    """The print page's own stylesheet (cover, contents, page boxes, page breaks)."""
    return resources.files("kb.pdf").joinpath("print-page.css").read_text(encoding="utf-8")


_REF = re.compile(rf'(<span class="{PAGE_REF_CLASS}" data-kb-ref="([^"]*)">)[^<]*(</span>)')
_PRE_CODE = re.compile(r"(<pre\b[^>]*>(?:<span></span>)?<code)\b")
_NUMBERED_CODE = re.compile(r'(<code data-kb-code="([^"]+)"[^>]*>)(.*?)(</code>)', re.S)
_CHAPTER = re.compile(r'<section class="kb-chapter[^"]*" id="([^"]+)"')


def _number_chapter_code(anchor: str, chapter: str) -> str:
    """One chapter's HTML with `data-kb-code="anchor:n"` on its n-th `pre > code` (n from 0)."""
    counter = iter(range(1_000_000))
    return _PRE_CODE.sub(lambda match: f'{match.group(1)} data-kb-code="{anchor}:{next(counter)}"', chapter)


def number_code_blocks(page: str) -> str:
    """Give every `pre > code` a `data-kb-code` key (chapter anchor : index in the chapter).

    The key does not depend on the book, so widths measured for the whole-site book
    serve the area books, whose chapters are laid out alike.
    """
    parts = []
    position = 0
    chapters = list(_CHAPTER.finditer(page))
    for number, chapter in enumerate(chapters):
        end = chapters[number + 1].start() if number + 1 < len(chapters) else len(page)
        parts.append(page[position:chapter.start()])
        parts.append(_number_chapter_code(chapter.group(1), page[chapter.start():end]))
        position = end
    parts.append(page[position:])
    return "".join(parts)


def code_keys(page: str) -> set[str]:
    """Every code block key of a print page (see `number_code_blocks`)."""
    return {match.group(2) for match in _NUMBERED_CODE.finditer(page)}


def wrap_code_blocks(page: str, columns: Mapping[str, int]) -> str:
    """Break every keyed code block's long lines at its measured width in characters."""
    def wrap(match: re.Match[str]) -> str:
        width = columns.get(match.group(2))
        return match.group(0) if width is None else match.group(1) + wrap_code(match.group(3), width) + match.group(4)

    return _NUMBERED_CODE.sub(wrap, page)


_MENTION = re.compile(r'<span class="kb-mention" data-kb-mention="([^"]*)">.*?\)</span></span>', re.S)
_EMPTY_MENTIONS = re.compile(r'<span class="kb-mentions"> Used in: \.</span>')
_PREF = re.compile(rf'<span class="kb-pref">[^<]*<span class="{PAGE_REF_CLASS}" data-kb-ref="([^"]*)">[^<]*</span>\)</span>')


def drop_unprinted_refs(page: str, unprinted: set[str]) -> str:
    """Remove "(p. N)" and glossary mentions whose target Chromium did not print (hidden on paper)."""
    if not unprinted:
        return page
    page = _MENTION.sub(lambda match: "" if html.unescape(match.group(1)) in unprinted else match.group(0), page)
    page = _EMPTY_MENTIONS.sub("", page)
    return _PREF.sub(lambda match: "" if html.unescape(match.group(1)) in unprinted else match.group(0), page)


def fill_page_refs(page: str, numbers: Mapping[str, int] | None) -> str:
    """Write each "(p. N)" from the destinations' page numbers (left empty on the draft)."""
    if numbers is None:  # figure spaces: digit-wide, so the box has a text baseline as the numbers will
        return _REF.sub(lambda match: f"{match.group(1)}\u2007\u2007{match.group(3)}", page)
    return _REF.sub(lambda match: f"{match.group(1)}{numbers.get(html.unescape(match.group(2)), '')}{match.group(3)}", page)


def page_ref_targets(page: str) -> set[str]:
    """Every anchor a "(p. N)" of the print page refers to."""
    return {html.unescape(match.group(2)) for match in _REF.finditer(page)}


def render_document(
    document: PrintDocument,
    page_numbers: Mapping[str, int] | None = None,
    *,
    code_columns: Mapping[str, int] | None = None,
    ref_digits: int = 2,
    unprinted: set[str] | None = None,
) -> str:
    """Serialise the print page; without page numbers the contents and references stay empty.

    The number boxes of the contents and of "(p. N)" have a fixed width (`ref_digits`
    characters), so filling them in on the final print cannot move anything.
    """
    info = document.info
    links = "".join(
        f'<link rel="stylesheet" href="{html.escape(href, quote=True)}">' for href in document.stylesheets
    )
    footer_left = f"{info.title}{' · ' + document.book_title if document.book_title else ''} · {info.build_date} · {info.source_version}"
    size = PAPER_SIZES[document.paper]
    dynamic_css = "\n".join([
        f"@page {{ size: {size}; @bottom-left {{ content: {css_string(footer_left)}; }} }}",
        f".kb-pref__n {{ width: {ref_digits}ch; }}",
        _page_rule("kb-contents", "Contents", document.book_title or info.title),
        _page_rule("kb-howto", "How to use this printout", document.book_title or info.title),
        *document.page_rules,
    ])
    has_glossary = any('<dt' in chapter and 'kb-mentions' in chapter for chapter in document.chapters)
    main = "".join(document.chapters)
    main = drop_unprinted_refs(main, unprinted or set())
    main = number_code_blocks(main)
    if code_columns:
        main = wrap_code_blocks(main, code_columns)
    main = fill_page_refs(main, page_numbers)
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{html.escape(info.title + (' — ' + document.book_title if document.book_title else ''))}</title>{links}"
        f"<style>\n{print_css()}\n{dynamic_css}\n</style></head>"
        f"<body {document.body_attributes}>"
        f"{_cover(info, document.book_title)}{_toc(document.toc, page_numbers)}{_howto(has_glossary)}"
        f'<main class="kb-print md-typeset">{main}</main>'
        "</body></html>\n"
    )


def stylesheets_of(page_html: str, dest_uri: str) -> list[str]:
    """Stylesheet hrefs of a built page (Material's CSS and extra_css), relative to the site root."""
    page_dir = posixpath.dirname(dest_uri)
    hrefs = []
    for tag in re.findall(r"<link\b[^>]*>", page_html):
        if not re.search(r'\brel="stylesheet"', tag):
            continue
        match = re.search(r'\bhref="([^"]+)"', tag)
        if match and "://" not in match.group(1) and not match.group(1).startswith("//"):
            hrefs.append(posixpath.normpath(posixpath.join(page_dir, html.unescape(match.group(1)))))
    return hrefs


def body_attributes_of(page_html: str) -> str:
    """The `<body>` attributes of a built page (Material's colour scheme lives there)."""
    match = re.search(r"<body\b([^>]*)>", page_html)
    return match.group(1).strip() if match else ""
