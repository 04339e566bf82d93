"""Paper versions of the sentences that only make sense on a screen.

"Copy-ready, with your own values" tells a screen reader to fill in the form above the
command; on paper the command shows its default values and nothing can be typed. Hovering,
the copy button and the address bar do not exist on paper either. Each rule is a regular
expression over a chapter's HTML text (whitespace in a phrase matches any run of
whitespace, as Markdown keeps the source's line breaks) and its paper wording.
Text inside `<pre>` is never touched: rules apply only between tags, outside code blocks.
"""
from __future__ import annotations

import re
from collections.abc import Callable

_W = r"\s+"


def _phrase(text: str) -> str:
    return _W.join(re.escape(word) for word in text.split())


def _capital(match: re.Match[str], lower: str) -> str:
    return lower[0].upper() + lower[1:] if match.group(0)[0].isupper() else lower


def _rule(phrase: str, paper: str) -> tuple[re.Pattern[str], Callable[[re.Match[str]], str]]:
    return re.compile(_phrase(phrase), re.I), lambda match: _capital(match, paper) if paper else ""


RULES = (
    _rule("copy-ready, with your own values", "with default values (put in your own)"),
    _rule("copy-ready with your own values", "with default values (put in your own)"),
    _rule("copy-ready, with your own client directory", "with a default client directory (put in your own)"),
    _rule("copy-ready for your own EtherChannel", "for your own EtherChannel (default values shown)"),
    _rule("copy-ready for one node", "for one node (default values shown)"),
    _rule("The copy-ready command blocks", "The command blocks"),
    _rule("show their expansion when you hover over them, and are collected",
          "are spelled out at their first use in each chapter and collected"),
    _rule("On every page, hovering an abbreviation shows what it stands for;",
          "Each chapter spells an abbreviation out at its first use;"),
    _rule("the copy button copies the filled-in text", "the filled-in text can be copied"),
    _rule("The address bar keeps what you typed, so a link reopens the calculator filled in.", ""),
)
# Whole elements that describe screen-only features (tags are left out of the PDF).
HTML_RULES = (
    re.compile(r"<li>\s*<strong>Tags</strong>\s+at the top of each page.*?</li>\s*", re.S),
)
# Sentences with inline markup, replaced whole: (pattern, paper wording).
HTML_SENTENCES = (
    (re.compile(_phrase("The form starts from the pavement reference; the <strong>Preset</strong> menu switches to the "
                        "cruiser or off-road reference.")),
     "The printout shows the result of each of the three references."),
)
_TEXT_OUTSIDE_TAGS = re.compile(r"(<pre\b.*?</pre>)|(<[^>]*>)|([^<]+)", re.S)


def paper_text(chapter_html: str) -> str:
    """The chapter with every screen-only phrase replaced by its paper wording (code untouched)."""
    text = chapter_html
    for element in HTML_RULES:
        text = element.sub("", text)
    for sentence, paper in HTML_SENTENCES:
        text = sentence.sub(paper, text)
    for pattern, replace in RULES:
        text = _sub_outside_code(text, pattern, replace)
    return text


def _sub_outside_code(html_text: str, pattern: re.Pattern[str], replace: Callable[[re.Match[str]], str]) -> str:
    # Phrases may span inline tags only where the rule says so; most are plain text runs.
    parts: list[str] = []
    for match in _TEXT_OUTSIDE_TAGS.finditer(html_text):
        if match.group(3) is not None:
            parts.append(pattern.sub(replace, match.group(3)))
        else:
            parts.append(match.group(0))
    return "".join(parts)
