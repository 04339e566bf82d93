"""Small, dependency-free views of rendered page HTML: sections, plain text, and text-only wrapping.

MkDocs and Python-Markdown emit well-formed HTML, so a tag tokenizer is enough here; no
parser library is needed. Wrapping only touches running text: never text inside links,
code, preformatted blocks, headings, scripts or styles. An `<abbr>` (from the abbreviation
tooltips) is transparent, so "LED 554" is still found when "LED" carries a tooltip.
"""
from __future__ import annotations

import bisect
import html as html_lib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

# A tag: a comment, a whole script or style element, or `<…>`; `tag_spans` finds the same spans
# as this pattern's finditer in linear time (the pattern's lazy scans make unclosed input quadratic).
_TOKEN = re.compile(r"<!--.*?-->|<(script|style)\b.*?</\1\s*>|<[^>]*>", re.S | re.I)
_RAW_TEXT_OPENING = re.compile(r"<(script|style)\b", re.I)
_RAW_TEXT_CLOSING = {name: re.compile(rf"</{name}\s*>", re.I) for name in ("script", "style")}
_TAG_NAME = re.compile(r"<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9:-]*)")
# A heading element; `heading_spans` finds the same ones as this pattern's finditer, in linear time.
_HEADING = re.compile(r"<h([1-6])\b([^>]*)>(.*?)</h\1\s*>", re.S | re.I)
_HEADING_OPENING = re.compile(r"<h([1-6])\b", re.I)
_HEADING_CLOSING = {level: re.compile(rf"</h{level}\s*>", re.I) for level in "123456"}
_HEADERLINK_CLASS = re.compile(r"\bclass\s*=\s*\"[^\"]*\bheaderlink\b", re.I)
_ID_ATTRIBUTE = re.compile(r"""\bid\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)

NO_WRAP_TAGS = frozenset(
    {"a", "code", "pre", "kbd", "samp", "script", "style", "textarea", "svg", "button", "select",
     "h1", "h2", "h3", "h4", "h5", "h6"}
)
INLINE_TAGS = frozenset(
    {"a", "abbr", "b", "cite", "code", "del", "dfn", "em", "i", "ins", "kbd", "mark", "q", "s",
     "samp", "small", "span", "strong", "sub", "sup", "u", "var"}
)
TRANSPARENT_TAGS = frozenset({"abbr"})


@dataclass(frozen=True)
class Token:
    """A piece of HTML: running text, or one tag (comments and script/style blocks are opaque tags)."""

    markup: str
    is_tag: bool
    name: str = ""
    closing: bool = False
    opaque: bool = False


@dataclass(frozen=True)
class Section:
    """Text of a page part under one heading; `anchor` is None for the part before the first h2."""

    anchor: str | None
    title: str | None
    text: str


@dataclass(frozen=True)
class Wrap:
    """Markup to put around visible text [start, end) of a text run."""

    start: int
    end: int
    before: str
    after: str


class _Finder:
    """Searches in one text that remember where they failed: what is not found from a position on is
    not searched for again from any later position. Scans that retry at every unclosed '<' stay linear."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.absent_from: dict[str | re.Pattern[str], int] = {}

    def find(self, target: str | re.Pattern[str], start: int) -> tuple[int, int] | None:
        """(start, end) of the first `target` (a string or a pattern) at or after `start`, or None."""
        if self.absent_from.get(target, len(self.text) + 1) <= start:
            return None
        if isinstance(target, str):
            found = self.text.find(target, start)
            span = (found, found + len(target)) if found >= 0 else None
        else:
            match = target.search(self.text, start)
            span = match.span() if match else None
        if span is None:
            self.absent_from[target] = start
        return span


def tag_spans(html: str) -> Iterable[tuple[int, int, bool]]:
    """(start, end, raw) of each tag, as `_TOKEN.finditer` finds them; `raw` for a whole script or style element.

    At each '<' the three forms are tried in the pattern's order; `_Finder` keeps the scan linear
    however much markup is left unclosed.
    """
    finder = _Finder(html)
    position = html.find("<")
    while position >= 0:
        span = finder.find("-->", position + 4) if html.startswith("<!--", position) else None
        raw = False
        if span is None:
            opening = _RAW_TEXT_OPENING.match(html, position)
            span = finder.find(_RAW_TEXT_CLOSING[opening.group(1).lower()], opening.end()) if opening else None
            raw = span is not None
        if span is None:
            span = finder.find(">", position + 1)
        if span is None:
            position = html.find("<", position + 1)
            continue
        yield position, span[1], raw
        position = html.find("<", span[1])


def tokenize(html: str) -> list[Token]:
    """Split HTML into text and tag tokens, keeping every character, so it can be reassembled."""
    tokens: list[Token] = []
    position = 0
    for start, end, raw in tag_spans(html):
        if start > position:
            tokens.append(Token(html[position:start], is_tag=False))
        markup = html[start:end]
        name_match = _TAG_NAME.match(markup)
        if markup.startswith("<!--") or raw or name_match is None:
            tokens.append(Token(markup, is_tag=True, opaque=True))
        else:
            self_closing = markup.rstrip(">").rstrip().endswith("/")
            tokens.append(Token(markup, is_tag=True, name=name_match.group(2).lower(),
                                closing=bool(name_match.group(1)), opaque=self_closing))
        position = end
    if position < len(html):
        tokens.append(Token(html[position:], is_tag=False))
    return tokens


def plain_text(html: str) -> str:
    """Return the visible text of an HTML fragment (code included), for finding IDs wherever they are.

    Each tag `tokenize` names becomes a space unless it is inline; inline tags, comments and other
    markup vanish (syntax highlighting splits "0950-021" into several spans). It walks `tag_spans`
    without making tokens: the message-index step runs it on every section of every page it renders.
    """
    parts: list[str] = []
    position = 0
    for start, end, raw in tag_spans(html):
        parts.append(html[position:start])
        name_match = None if raw or html.startswith("<!--", start) else _TAG_NAME.match(html, start, end)
        if name_match is not None and name_match.group(2).lower() not in INLINE_TAGS:
            parts.append(" ")
        position = end
    parts.append(html[position:])
    return html_lib.unescape("".join(parts))


def heading_title(inner_html: str) -> str:
    """Return a heading's text without its permalink sign (`<a class="headerlink" …>¶</a>`), for labels on other pages."""
    kept: list[str] = []
    in_permalink = False
    for token in tokenize(inner_html):
        if token.is_tag and token.name == "a" and not token.closing and _HEADERLINK_CLASS.search(token.markup):
            in_permalink = True
        elif in_permalink and token.is_tag and token.name == "a" and token.closing:
            in_permalink = False
        elif not in_permalink:
            kept.append(token.markup)
    return " ".join(plain_text("".join(kept)).split())


def heading_spans(html: str) -> Iterable[tuple[int, int, str, str, str]]:
    """(start, end, level, attributes, inner HTML) of each heading, as `_HEADING.finditer` finds them.

    `_Finder` keeps unclosed headings linear (the pattern's lazy scan made each of them read to the end).
    """
    finder = _Finder(html)
    position = 0
    while (opening := _HEADING_OPENING.search(html, position)) is not None:
        level = opening.group(1)
        greater = finder.find(">", opening.end())
        closing = finder.find(_HEADING_CLOSING[level], greater[1]) if greater else None
        if greater is None or closing is None:
            position = opening.start() + 1
            continue
        yield opening.start(), closing[1], level, html[opening.end():greater[0]], html[greater[1]:closing[0]]
        position = closing[1]


def split_sections(html: str) -> list[Section]:
    """Cut page HTML at each h2–h6 that has an id; mentions can then point at the right section."""
    sections: list[Section] = []
    anchor: str | None = None
    title: str | None = None
    start = 0
    for heading_start, _, level, attributes, inner in heading_spans(html):
        id_match = _ID_ATTRIBUTE.search(attributes)
        if level == "1" or id_match is None:
            continue
        sections.append(Section(anchor, title, plain_text(html[start:heading_start])))
        anchor = id_match.group(1) if id_match.group(1) is not None else id_match.group(2)
        title = heading_title(inner)
        start = heading_start
    sections.append(Section(anchor, title, plain_text(html[start:])))
    return [section for section in sections if section.anchor is not None or section.text.strip()]


def wrap_running_text(
    html: str,
    find_wraps: Callable[[str], Iterable[Wrap]],
    *,
    no_wrap: frozenset[str] = NO_WRAP_TAGS,
    transparent: frozenset[str] = TRANSPARENT_TAGS,
) -> str:
    """Wrap spans of running text that `find_wraps` picks, skipping text inside `no_wrap` elements."""
    return "".join(token.markup for token in wrap_tokens(tokenize(html), find_wraps, no_wrap=no_wrap, transparent=transparent))


def wrap_tokens(
    tokens: Iterable[Token],
    find_wraps: Callable[[str], Iterable[Wrap]],
    *,
    no_wrap: frozenset[str] = NO_WRAP_TAGS,
    transparent: frozenset[str] = TRANSPARENT_TAGS,
) -> list[Token]:
    """wrap_running_text on tokens: the result is the tokens of the wrapped HTML, so another walk needs no new tokenize."""
    output: list[Token] = []
    run: list[Token] = []
    no_wrap_depth = 0
    for token in tokens:
        if no_wrap_depth == 0 and (not token.is_tag or token.name in transparent):
            run.append(token)
            continue
        output.extend(_wrap_run(run, find_wraps))
        run = []
        output.append(token)
        if token.name in no_wrap and not token.opaque:
            no_wrap_depth = max(0, no_wrap_depth + (-1 if token.closing else 1))
    output.extend(_wrap_run(run, find_wraps))
    return output


def merge_text(tokens: Iterable[Token]) -> list[Token]:
    """Join neighbouring text tokens (as tokenize gives them for the same HTML)."""
    merged: list[Token] = []
    for token in tokens:
        if not token.is_tag and merged and not merged[-1].is_tag:
            merged[-1] = Token(merged[-1].markup + token.markup, is_tag=False)
        else:
            merged.append(token)
    return merged


@lru_cache(maxsize=1024)
def _markup_tokens(markup: str) -> tuple[Token, ...]:
    """The tokens of a wrap's markup (the same few tags again and again)."""
    return tuple(tokenize(markup))


def _wrap_run(run: list[Token], find_wraps: Callable[[str], Iterable[Wrap]]) -> list[Token]:
    """Apply wraps to one run of text and transparent tags, keeping the tags well nested."""
    if not any(not token.is_tag for token in run):
        return run
    visible = "".join(token.markup for token in run if not token.is_tag)
    wraps = list(find_wraps(visible))
    if not wraps:
        return run
    offsets, transparent_spans = _layout(run)
    # A wrap crosses a transparent element (and is dropped) when one of its ends lies strictly inside the
    # element's text: `inside[p]` counts the elements with start < p < end (one pass, not one per wrap).
    inside = [0] * (len(visible) + 2)
    for start, end in transparent_spans:
        if end - start > 1:
            inside[start + 1] += 1
            inside[end] -= 1
    for position in range(1, len(inside)):
        inside[position] += inside[position - 1]
    before_at: dict[int, list[str]] = {}
    after_at: dict[int, list[str]] = {}
    last_end = 0
    for wrap in wraps:
        if wrap.start < last_end or wrap.start >= wrap.end or wrap.end > len(visible) or wrap.start < 0:
            continue
        if inside[wrap.start] or inside[wrap.end]:
            continue
        before_at.setdefault(wrap.start, []).append(wrap.before)
        after_at.setdefault(wrap.end, []).insert(0, wrap.after)
        last_end = wrap.end

    output: list[Token] = []
    flushed: set[int] = set()

    def flush(offset: int) -> None:
        """Close the wraps ending at `offset`, then open those starting there (once per offset)."""
        if offset not in flushed:
            flushed.add(offset)
            for markup in (*after_at.get(offset, ()), *before_at.get(offset, ())):
                output.extend(_markup_tokens(markup))

    def text(piece: str) -> None:
        if piece:
            output.append(Token(piece, is_tag=False))

    boundaries = sorted(set(before_at) | set(after_at))
    for token, offset in zip(run, offsets):
        if token.is_tag:
            if not token.closing:
                flush(offset)
            output.append(token)
            continue
        flush(offset)
        cut = offset
        first = bisect.bisect_right(boundaries, offset)
        last = bisect.bisect_left(boundaries, offset + len(token.markup))
        for boundary in boundaries[first:last]:
            text(token.markup[cut - offset:boundary - offset])
            flush(boundary)
            cut = boundary
        text(token.markup[cut - offset:])
    flush(len(visible))
    return output


def _layout(run: list[Token]) -> tuple[list[int], list[tuple[int, int]]]:
    """Give each token its offset in the run's visible text, and the visible span of each transparent element."""
    offsets: list[int] = []
    spans: list[tuple[int, int]] = []
    open_starts: list[int] = []
    position = 0
    for token in run:
        offsets.append(position)
        if not token.is_tag:
            position += len(token.markup)
        elif token.closing:
            if open_starts:
                spans.append((open_starts.pop(), position))
        elif not token.opaque:
            open_starts.append(position)
    return offsets, spans
