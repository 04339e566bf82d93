"""One walk over a rendered page's HTML for the glossary tooltips, the file-name cleanup and the message links.

The page postprocessor (kb.fences) used to run three passes, each cutting the whole page into
tokens again: kb.glossary.add_missing_tooltips, drop_tooltips_in_file_names and
kb.message_index.link_mentions. `annotate` cuts the page once and runs the three on its tokens,
with the same result (tests/test_page_text.py compares it with the three passes). A page whose
text holds a '<' that starts no tag (only possible after the last tag) takes the three passes, as
the tokens of its wrapped HTML could differ; a page that can mention no catalogued ID skips the
link walk.

`annotate_cached` keeps the result in kb.cache (kind "page-text"), keyed by the page's HTML, the
index URL, the glossary and catalogue files, the code of this walk and the dependency versions:
a warm build neither loads the glossary or the catalogue nor walks a page it has walked before.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from kb import cache
from kb.glossary import (
    DEFAULT_GLOSSARY,
    TOOLTIP_NO_WRAP,
    GlossaryTerm,
    add_missing_tooltips,
    drop_tooltip_tokens_in_file_names,
    drop_tooltips_in_file_names,
    tooltip_finder,
)
from kb.html_text import merge_text, tokenize, wrap_tokens
from kb.message_catalogue import DEFAULT_CATALOGUE, MessageEntry
from kb.message_index import link_mentions, may_mention, mention_finder

PAGE_TEXT = "page-text"
# The kb/ modules whose code shapes the walk's output (with the glossary and the catalogue files).
CODE = ("page_text.py", "glossary.py", "html_text.py", "message_index.py", "message_catalogue.py", "messages.py", "cache.py")


def annotate(html: str, terms: list[GlossaryTerm], index_url: str | None, catalogue: dict[str, MessageEntry]) -> str:
    """Tooltips for glossary terms, no tooltip glued to a file name, and (with `index_url`) message IDs linked to the index."""
    tokens = tokenize(html)
    if any("<" in token.markup for token in tokens if not token.is_tag):
        html = drop_tooltips_in_file_names(add_missing_tooltips(html, terms))
        return link_mentions(html, index_url, catalogue) if index_url is not None else html
    finder = tooltip_finder(terms)
    if finder is not None:
        tokens = merge_text(wrap_tokens(tokens, finder, no_wrap=TOOLTIP_NO_WRAP, transparent=frozenset()))
    tokens = merge_text(drop_tooltip_tokens_in_file_names(tokens))
    if index_url is not None and may_mention("".join(token.markup for token in tokens if not token.is_tag), catalogue):
        tokens = wrap_tokens(tokens, mention_finder(index_url, catalogue))
    return "".join(token.markup for token in tokens)


def annotate_cached(html: str, index_url: str | None, terms: Callable[[], list[GlossaryTerm]],
                    catalogue: Callable[[], dict[str, MessageEntry]]) -> str:
    """`annotate` with the site's glossary and catalogue (loaded by `terms` and `catalogue` only on a miss), through kb.cache."""
    key = cache.entry_key(PAGE_TEXT, environment_key(), index_url or "", html)
    return cache.cached(PAGE_TEXT, key, lambda: annotate(html, terms(), index_url, catalogue()), cache.is_text)


def environment_key(glossary: Path = DEFAULT_GLOSSARY, messages: Path = DEFAULT_CATALOGUE) -> str:
    """The digest of everything besides the page that the walk's output depends on (each file hashed once per version)."""
    kb_dir = Path(__file__).resolve().parent
    return cache.entry_key(PAGE_TEXT, cache.versions(), cache.files_digest([kb_dir / name for name in CODE], kb_dir),
                           cache.files_digest([glossary], glossary.parent), cache.files_digest([messages], messages.parent))
