"""Mark where each variable's value sits in the highlighted block, so the browser can rewrite just those spans.

The hook highlights the template with every placeholder replaced by a sentinel word (letters and
digits only, so a lexer keeps it inside one token); `mark_variables` then swaps each sentinel for
``<span class="kb-var" data-kb-var="name">value</span>``. The highlight stays, and the block's text
is exactly the filled-in snippet.
"""
from __future__ import annotations

import html
from collections.abc import Mapping

from calculators.snippets.model import PLACEHOLDER, Snippet, SnippetDefinitionError


def sentinel_for(index: int) -> str:
    """The stand-in word for the index-th placeholder name."""
    return f"ZZKBVAR{index:03d}ZZ"


def sentinels(snippet: Snippet) -> dict[str, str]:
    """Placeholder name → its sentinel word."""
    return {name: sentinel_for(index) for index, name in enumerate(snippet.placeholders)}


def with_sentinels(text: str, snippet: Snippet) -> str:
    """The text with each @@name@@ replaced by the name's sentinel word (input for the highlighter)."""
    words = sentinels(snippet)
    return PLACEHOLDER.sub(lambda match: words[match.group(1)], text)


def mark_variables(highlighted: str, snippet: Snippet, values: Mapping[str, str]) -> str:
    """Swap every sentinel in highlighted HTML for a marked span holding the value; a lost sentinel is a definition error."""
    expected = len(PLACEHOLDER.findall(snippet.template + "\n" + snippet.filename))
    found = 0
    for name, word in sentinels(snippet).items():
        found += highlighted.count(word)
        span = f'<span class="kb-var" data-kb-var="{name}">{html.escape(values[name])}</span>'
        highlighted = highlighted.replace(word, span)
    if found != expected:
        raise SnippetDefinitionError(
            f"snippet {snippet.name!r}: the highlighter split a placeholder ({found} of {expected} found); "
            "keep placeholders inside one word of the template"
        )
    return highlighted
