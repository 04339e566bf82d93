"""Turn one built page's article into a chapter of the combined print page.

Every id gets a page prefix (so ids of different pages cannot collide), links
between pages become in-document anchors, headings move down by the page's nav
depth, collapsed `<details>` open, and on-screen-only elements (`.kb-interactive`,
permalinks, edit buttons, scripts) are dropped. The rewriter is a streaming
`html.parser` pass: tags it does not touch are copied byte for byte.
"""
from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urlsplit

# Elements (by class) that only make sense on screen; dropped with their content.
SCREEN_ONLY_CLASSES = frozenset({
    "kb-interactive",
    "headerlink",
    "md-content__button",
    "md-source-file",
    "md-feedback",
    "md-tags",  # tag chips: the tags pages are not in the PDF
})
# Elements (by tag) dropped with their content: no JavaScript runs at print time.
DROPPED_TAGS = frozenset({"script", "template"})
VOID_TAGS = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
    "source", "track", "wbr",
})
ID_ATTRIBUTES = frozenset({"id", "for", "form", "list"})
ID_LIST_ATTRIBUTES = frozenset({
    "aria-labelledby", "aria-describedby", "aria-controls", "aria-owns",
    "aria-details", "aria-flowto", "headers",
})
URL_ATTRIBUTES = frozenset({"src", "poster", "data"})
_HEADING = re.compile(r"^h([1-6])$")
_SLUG_UNSAFE = re.compile(r"[^a-z0-9]+")


def page_slug(dest_uri: str) -> str:
    """Anchor id of a page in the print document (`p-` + its output path, made id-safe)."""
    stem = dest_uri[:-5] if dest_uri.endswith(".html") else dest_uri
    return "p-" + (_SLUG_UNSAFE.sub("-", stem.lower()).strip("-") or "index")


PAGE_REF_CLASS = "kb-pref__n"


def page_ref(target: str) -> str:
    """The "(p. N)" after an internal link; N is filled in by the print page's second pass."""
    return (
        f'<span class="kb-pref">\u202f(p.\u00a0<span class="{PAGE_REF_CLASS}" data-kb-ref="{html.escape(target, quote=True)}">'
        "</span>)</span>"
    )


@dataclass
class Chapter:
    """The rewritten article of one page, plus what the print page needs to know about it.

    `abbreviations` maps each abbreviation's expansion (its `title`) to the anchor of its
    first use in this chapter, so the glossary can list the pages that use it.
    """

    html: str
    title: str
    abbreviations: dict[str, str]


class _ArticleRewriter(HTMLParser):
    """Copies the page's `<article>` with ids, links, headings and screen-only parts rewritten."""

    def __init__(
        self,
        *,
        dest_uri: str,
        print_dir: str,
        heading_shift: int,
        resolve_page: Callable[[str], str | None],
        expand_abbreviations: bool = True,
    ) -> None:
        super().__init__(convert_charrefs=False)
        self.page_dir = posixpath.dirname(dest_uri)
        self.print_dir = print_dir
        self.prefix = resolve_page(dest_uri) or page_slug(dest_uri)
        self.heading_shift = heading_shift
        self.resolve_page = resolve_page
        self.out: list[str] = []
        self.open_tags: list[str] = []  # open elements inside the article, the article included
        self.skip_below = 0  # while > 0: dropping everything until the stack shrinks below this
        self.links: list[str] = []  # "a" or "span" for each open link (unwrapped links become spans)
        self.title_parts: list[str] | None = None
        self.title = ""
        self.finished = False
        self.heading_depth = 0
        self.heading_text_started = False
        self.last_heading_text = -1  # index in `out` of the latest text chunk inside a heading
        self.abbreviations: dict[str, str] = {}
        self.link_targets: list[str | None] = []  # in-document target of each open link (for "(p. N)")
        self.abbr_pending: list[str | None] = []  # expansion to print after each open <abbr>, if any
        self.expand_abbreviations = expand_abbreviations

    @property
    def in_article(self) -> bool:
        return bool(self.open_tags)

    def _emit(self, text: str) -> None:
        if self.skip_below == 0:
            self.out.append(text)
            if self.title_parts is not None:
                self.title_parts.append(text)

    def _prefixed(self, anchor: str) -> str:
        return f"{self.prefix}--{anchor}" if anchor else self.prefix

    def _rewrite_href(self, href: str) -> str | None:
        """Return the in-document href, the unchanged external href, or None to unwrap the link."""
        parts = urlsplit(href)
        if parts.scheme or href.startswith("//"):
            return href
        if not parts.path:
            return "#" + self._prefixed(parts.fragment)
        target = posixpath.normpath(posixpath.join(self.page_dir, parts.path))
        if parts.path.endswith("/"):
            target = posixpath.join(target, "index.html")
        target_slug = self.resolve_page(target)
        if target_slug is None:
            return None
        return f"#{target_slug}--{parts.fragment}" if parts.fragment else f"#{target_slug}"

    def _rewrite_src(self, src: str) -> str:
        parts = urlsplit(src)
        if parts.scheme or src.startswith("//") or not parts.path:
            return src
        target = posixpath.normpath(posixpath.join(self.page_dir, parts.path))
        relative = posixpath.relpath(target, self.print_dir or ".")
        query = f"?{parts.query}" if parts.query else ""
        fragment = f"#{parts.fragment}" if parts.fragment else ""
        return relative + query + fragment

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, self_closing=False)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, self_closing=True)

    def _start(self, tag: str, attrs: list[tuple[str, str | None]], *, self_closing: bool) -> None:
        classes = set((dict(attrs).get("class") or "").split())
        if not self.in_article:
            if not self.finished and tag == "article" and "md-content__inner" in classes:
                self.open_tags.append(tag)
            return
        has_content = tag not in VOID_TAGS and not self_closing
        if has_content:
            self.open_tags.append(tag)
        if self.skip_below:
            return
        if tag in DROPPED_TAGS or classes & SCREEN_ONLY_CLASSES:
            if has_content:
                self.skip_below = len(self.open_tags)
            return
        if _HEADING.match(tag):
            self.heading_depth += 1
            self.heading_text_started = False
        self._emit(self._render_start(tag, attrs, self_closing=self_closing))

    def _render_start(self, tag: str, attrs: list[tuple[str, str | None]], *, self_closing: bool) -> str:
        heading = _HEADING.match(tag)
        new_tag = f"h{min(6, int(heading.group(1)) + self.heading_shift)}" if heading else tag
        changed = new_tag != tag
        new_attrs: list[tuple[str, str | None]] = []
        for name, value in attrs:
            new_value = value
            if value is None:
                pass
            elif name in ID_ATTRIBUTES or (name == "name" and tag == "input"):
                new_value = self._prefixed(value)
            elif name in ID_LIST_ATTRIBUTES:
                new_value = " ".join(self._prefixed(item) for item in value.split())
            elif name == "href" and tag == "a":
                new_value = self._rewrite_href(value)
                if new_value is None:
                    new_tag, changed = "span", True
                    continue
            elif name in URL_ATTRIBUTES or name == "href":
                new_value = self._rewrite_src(value)
            elif name == "srcset":
                new_value = ", ".join(
                    " ".join([self._rewrite_src(item.split()[0]), *item.split()[1:]])
                    for item in value.split(",") if item.strip()
                )
            changed = changed or new_value != value
            new_attrs.append((name, new_value))
        if tag == "a":
            self.links.append(new_tag)
            href = dict(new_attrs).get("href") or ""
            self.link_targets.append(href[1:] if new_tag == "a" and href.startswith("#") and len(href) > 1 else None)
            if new_tag == "span":
                classes = [value for name, value in new_attrs if name == "class" and value]
                new_attrs = [(name, value) for name, value in new_attrs if name != "class"]
                new_attrs.insert(0, ("class", " ".join([*classes, "kb-unlinked"])))
        if tag == "abbr":
            expansion = (dict(attrs).get("title") or "").strip()
            pending: str | None = None
            if expansion and expansion not in self.abbreviations:
                anchor = self._prefixed(f"abbr-{len(self.abbreviations) + 1}")
                self.abbreviations[expansion] = anchor
                new_attrs.append(("id", anchor))
                changed = True
                before = "".join(self.out[-3:]).rstrip()
                if (self.expand_abbreviations and not self.heading_depth and not self.links
                        and not {"dt", "dd"} & set(self.open_tags) and not before.endswith("(")):
                    pending = expansion.split("; ")[0]
            self.abbr_pending.append(pending)
        if tag == "details" and not any(name == "open" for name, _ in attrs):
            new_attrs.append(("open", None))
            changed = True
        if heading and heading.group(1) == "1" and not self.title and self.title_parts is None:
            self.title_parts = []
        if not changed:
            return self.get_starttag_text() or ""
        rendered = "".join(
            f" {name}" if value is None else f' {name}="{html.escape(value, quote=True)}"'
            for name, value in new_attrs
        )
        return f"<{new_tag}{rendered}{' /' if self_closing else ''}>"

    def handle_endtag(self, tag: str) -> None:
        if not self.in_article or tag in VOID_TAGS or tag not in self.open_tags:
            return
        # Pop back to the matching open element (tolerates an unclosed <p> or <li>).
        while self.open_tags.pop() != tag:
            pass
        if not self.open_tags:
            self.finished = True
            return
        if self.skip_below:
            if len(self.open_tags) < self.skip_below:
                self.skip_below = 0
            return
        heading = _HEADING.match(tag)
        if heading:
            self.heading_depth = max(0, self.heading_depth - 1)
            if self.last_heading_text == len(self.out) - 1 >= 0:
                self.out[-1] = self.out[-1].rstrip()
            if self.title_parts is not None:
                self.title = _text_of(self.title_parts)
                self.title_parts = None
            self._emit(f"</h{min(6, int(heading.group(1)) + self.heading_shift)}>")
        elif tag == "a":
            self._emit(f"</{self.links.pop() if self.links else 'a'}>")
            target = self.link_targets.pop() if self.link_targets else None
            if target and not self.heading_depth:
                self._emit(page_ref(target))
        elif tag == "abbr":
            self._emit("</abbr>")
            expansion = self.abbr_pending.pop() if self.abbr_pending else None
            if expansion:
                self._emit(f" ({html.escape(expansion, quote=False)})")
        else:
            self._emit(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        if self.in_article:
            if not self.heading_depth:
                self._emit(data)
                return
            # Headings print with white-space: pre-wrap (see print-page.css): collapse and trim here.
            text = re.sub(r"\s+", " ", data)
            if not self.heading_text_started:
                text = text.lstrip()
            if text and self.skip_below == 0:
                self.heading_text_started = True
                self._emit(text)
                self.last_heading_text = len(self.out) - 1

    def handle_entityref(self, name: str) -> None:
        if self.in_article:
            self._emit(f"&{name};")

    def handle_charref(self, name: str) -> None:
        if self.in_article:
            self._emit(f"&#{name};")


def _text_of(parts: list[str]) -> str:
    """Plain text of an HTML fragment (tags dropped, entities decoded, spaces collapsed)."""
    text = re.sub(r"<[^>]*>", "", "".join(parts))
    return " ".join(html.unescape(text).split())


def rewrite_article(
    page_html: str,
    *,
    dest_uri: str,
    print_dir: str,
    heading_shift: int,
    page_slugs: Mapping[str, str],
    expand_abbreviations: bool = True,
) -> Chapter:
    """Extract and rewrite one built page's article so it can sit inside the combined print page."""
    parser = _ArticleRewriter(
        dest_uri=dest_uri,
        print_dir=print_dir,
        heading_shift=heading_shift,
        resolve_page=page_slugs.get,
        expand_abbreviations=expand_abbreviations,
    )
    parser.feed(page_html)
    parser.close()
    if not parser.out:
        raise ValueError(f"{dest_uri}: no <article class=\"md-content__inner\"> found in the built page")
    return Chapter(html="".join(parser.out), title=parser.title, abbreviations=parser.abbreviations)
