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
from kb.pdf.rewrite import Chapter, page_slug, rewrite_article

CONTENTS_ID = "kb-contents"
PAGE_SIZE = "A4"


@dataclass(frozen=True)
class NavItem:
    """One navigation entry: a page (`dest_uri` set) or a section (`children` set)."""

    title: str
    dest_uri: str | None = None
    children: tuple[NavItem, ...] = ()


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
) -> PrintDocument:
    """Rewrite every nav page of the built site into chapters of one print document."""
    planned = plan_pages(nav)
    slugs = _unique_slugs(page.dest_uri for page in planned)
    document = PrintDocument(info=info, stylesheets=list(stylesheets), body_attributes=body_attributes)
    for number, page in enumerate(planned, start=1):
        chapter: Chapter = rewrite_article(
            read_page[page.dest_uri],
            dest_uri=page.dest_uri,
            print_dir="",
            heading_shift=page.depth,
            page_slugs=slugs,
        )
        title = chapter.title or page.dest_uri
        anchor = slugs[page.dest_uri]
        headings = "".join(
            f'<h{min(6, section.depth + 1)} class="kb-section-title" id="{section.anchor}">'
            f"{html.escape(section.title)}</h{min(6, section.depth + 1)}>"
            for section in page.sections
        )
        page_name = f"kb-chapter-{number}"
        document.page_rules.append(_page_rule(page_name, title, " › ".join(page.section_path) or info.title))
        document.toc.extend(page.sections)
        document.toc.append(TocEntry(anchor, title, page.depth, page.is_section_index))
        document.chapters.append(
            f'<section class="kb-chapter" id="{anchor}" style="page: {page_name}">'
            f"{headings}{chapter.html}</section>"
        )
    return document


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


def _cover(info: BuildInfo) -> str:
    profile = f"<dt>Profile</dt><dd><code>{html.escape(info.profile)}</code></dd>" if info.profile else ""
    values = ("Calculators and commands are printed with the values of the profile named above." if info.profile else
              "Calculators appear as their pre-computed tables, commands with their default values.")
    return (
        '<div class="kb-cover">'
        f'<p class="kb-cover__title">{html.escape(info.title)}</p>'
        f'<p class="kb-cover__description">{html.escape(info.description)}</p>'
        '<dl class="kb-cover__facts">'
        f"<dt>Built</dt><dd>{html.escape(info.build_date)}</dd>"
        f"<dt>Source version</dt><dd><code>{html.escape(info.source_version)}</code></dd>"
        f"{profile}</dl>"
        f'<p class="kb-cover__note">Offline edition: every page of the site in navigation order. {values}</p>'
        "</div>"
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


def render_document(document: PrintDocument, page_numbers: Mapping[str, int] | None = None) -> str:
    """Serialise the print page; without page numbers the contents leave the number boxes empty."""
    info = document.info
    links = "".join(
        f'<link rel="stylesheet" href="{html.escape(href, quote=True)}">' for href in document.stylesheets
    )
    footer_left = f"{info.title} · {info.build_date} · {info.source_version}"
    dynamic_css = "\n".join([
        f"@page {{ size: {PAGE_SIZE}; @bottom-left {{ content: {css_string(footer_left)}; }} }}",
        _page_rule("kb-contents", "Contents", info.title),
        *document.page_rules,
    ])
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{html.escape(info.title)}</title>{links}"
        f"<style>\n{print_css()}\n{dynamic_css}\n</style></head>"
        f"<body {document.body_attributes}>"
        f"{_cover(info)}{_toc(document.toc, page_numbers)}"
        f'<main class="kb-print md-typeset">{"".join(document.chapters)}</main>'
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
