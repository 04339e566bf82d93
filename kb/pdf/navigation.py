"""Read a built site's navigation and title from its HTML, whichever generator wrote it.

MkDocs + Material and Zensical both render the primary navigation as
`nav.md-nav--primary` with `li.md-nav__item` entries; a section with an index
page links that page from `.md-nav__container`. Reading the HTML (not MkDocs
objects) lets `python -m kb.pdf SITE_DIR` print any built site directory.
"""
from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlsplit


@dataclass(frozen=True)
class NavItem:
    """One navigation entry: a page (`dest_uri` set) or a section (`children` set)."""

    title: str
    dest_uri: str | None = None
    children: tuple[NavItem, ...] = ()


@dataclass
class _Node:
    title: str = ""
    href: str | None = None
    children: list[_Node] = field(default_factory=list)


class _NavParser(HTMLParser):
    """Collects the primary navigation tree, skipping each page's own table of contents."""

    def __init__(self) -> None:
        super().__init__()
        self.root = _Node()
        self.stack: list[_Node] = []
        self.tags: list[tuple[str, str]] = []  # (tag, role) of every open element inside the primary nav
        self.in_title = False
        self.done = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"input", "br", "img", "meta", "link", "hr", "wbr"}:
            return
        classes = (dict(attrs).get("class") or "").split()
        if not self.tags:
            if not self.done and tag == "nav" and "md-nav--primary" in classes:
                self.tags.append((tag, "primary"))
            return
        role = ""
        if any(open_role == "secondary" for _, open_role in self.tags) or (tag == "nav" and "md-nav--secondary" in classes):
            role = "secondary"
        elif tag == "li" and "md-nav__item" in classes:
            node = _Node()
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
        if not self.tags or tag in {"input", "br", "img", "meta", "link", "hr", "wbr"}:
            return
        # Pop back to the matching element (tolerates an unclosed <li>).
        while self.tags:
            open_tag, role = self.tags.pop()
            if role == "item":
                self.stack.pop()
            if role == "title":
                self.in_title = False
            if open_tag == tag:
                break
        if not self.tags:
            self.done = True

    def handle_data(self, data: str) -> None:
        if self.in_title and self.stack:
            self.stack[-1].title += data


def _dest(href: str, page_dir: str) -> str | None:
    parts = urlsplit(html.unescape(href))
    if parts.scheme or href.startswith("//") or not parts.path:
        return None
    target = posixpath.normpath(posixpath.join(page_dir, parts.path))
    if parts.path.endswith("/") or target in (".", ""):
        target = posixpath.join("" if target == "." else target, "index.html")
    return target


def _convert(nodes: list[_Node], page_dir: str) -> tuple[NavItem, ...]:
    items: list[NavItem] = []
    for node in nodes:
        title = " ".join(node.title.split())
        dest = _dest(node.href, page_dir) if node.href else None
        if node.children:
            children = _convert(node.children, page_dir)
            if dest is not None and all(child.dest_uri != dest for child in children):
                children = (NavItem(title, dest), *children)
            items.append(NavItem(title, children=children))
        elif dest is not None:
            items.append(NavItem(title, dest))
    return tuple(items)


def read_navigation(page_html: str, dest_uri: str = "index.html") -> tuple[NavItem, ...]:
    """The primary navigation of a built page, with page paths relative to the site root."""
    parser = _NavParser()
    parser.feed(page_html)
    parser.close()
    return _convert(parser.root.children, posixpath.dirname(dest_uri))


@dataclass(frozen=True)
class SiteInfo:
    """What the cover needs from the site: its name and description."""

    title: str
    description: str


def read_site_info(page_html: str) -> SiteInfo:
    """Site name (Material's header topic, else `<title>`) and `<meta name="description">`."""
    description = re.search(r'<meta\s+name="description"\s+content="([^"]*)"', page_html)
    header = page_html[page_html.find("md-header__topic"):]
    topic = re.search(r'<span class="md-ellipsis">\s*([^<]+?)\s*</span>', header) if "md-header__topic" in page_html else None
    title_tag = re.search(r"<title>([^<]*)</title>", page_html)
    title = topic.group(1) if topic else (title_tag.group(1) if title_tag else "Site")
    return SiteInfo(title=" ".join(html.unescape(title).split()), description=html.unescape(description.group(1)) if description else "")
