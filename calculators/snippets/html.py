"""The markup around a highlighted snippet: the form (screen only), the block (always), the caveats (always).

Layout:
    <div class="kb-snippet" id=… data-kb-snippet=SPEC data-copy=TEXT>
      <section class="kb-interactive kb-snippet-form" hidden data-search-exclude> fields, messages, status </section>
      highlighted code block (pymdownx markup; values in <span data-kb-var>)
      caveat admonitions
    </div>
The form starts hidden and the runtime shows it, so a reader without JavaScript sees the block
with its defaults and nothing that does not work. Material's copy button copies the nearest
ancestor's data-copy when there is one, so the runtime keeps data-copy equal to the block text.
"""
from __future__ import annotations

import json
from collections.abc import Mapping
from html import escape

from calculators.snippets.browser import snippet_spec
from calculators.snippets.model import Caveat, Snippet, Variable, complete_values, substitute

CAVEAT_STYLE = {"reconstructed": ("info", "Reconstructed"), "unconfirmed": ("warning", "Unconfirmed")}


def _field(variable: Variable, value: str, element_id: str) -> str:
    """One labelled input (or select, for a kind with fixed choices) and its message slot."""
    field_id = f"{element_id}-{variable.name}"
    message_id = f"{field_id}-message"
    common = (
        f'id="{field_id}" name="{variable.name}" title="{escape(variable.kind.accepted)}" '
        f'aria-describedby="{message_id}" aria-invalid="false"'
    )
    if variable.kind.choices:
        options = "".join(
            f'<option value="{escape(choice)}"{" selected" if choice == value else ""}>{escape(choice)}</option>'
            for choice in variable.kind.choices
        )
        control = f"<select {common}>{options}</select>"
    else:
        control = (
            f'<input type="text" {common} value="{escape(value)}" autocomplete="off" '
            'autocapitalize="off" spellcheck="false">'
        )
    return (
        '<div class="kb-snippet-field">'
        f'<label for="{field_id}">{escape(variable.label)} <code>{variable.name}</code></label>'
        f"{control}"
        f'<span class="kb-snippet-message" id="{message_id}" data-kb-message="{variable.name}" aria-live="polite"></span>'
        "</div>"
    )


def _caveat(caveat: Caveat) -> str:
    """A caveat as a Material admonition: visible on screen, in print and in the PDF."""
    css, title = CAVEAT_STYLE[caveat.level]
    title = escape(caveat.title or title)
    return f'<div class="admonition {css} kb-snippet-caveat"><p class="admonition-title">{title}</p><p>{escape(caveat.text)}</p></div>'


def snippet_markup(snippet: Snippet, values: Mapping[str, str], code_html: str, element_id: str) -> str:
    """Wrap a highlighted block (values already marked) in the form, data attributes and caveats."""
    complete = complete_values(snippet, values)
    fields = "".join(_field(variable, values[variable.name], element_id) for variable in snippet.variables)
    derived = "".join(
        '<div class="kb-snippet-field kb-snippet-derived">'
        f'<span class="kb-snippet-label">{escape(item.label)} <code>{item.name}</code></span>'
        f'<output data-kb-var="{item.name}">{escape(complete[item.name])}</output>'
        "</div>"
        for item in snippet.derived
    )
    form = (
        # a <section> (no inner one), not a <div>: Material's search matches the excluded element by tag name
        f'<section class="kb-interactive kb-snippet-form" hidden data-search-exclude>{fields}{derived}'
        '<p class="kb-snippet-status" aria-live="polite"></p></section>'
        if snippet.variables
        else ""
    )
    spec = json.dumps(snippet_spec(snippet, values), ensure_ascii=False, sort_keys=True)
    text = substitute(snippet.template, complete)
    caveats = "".join(_caveat(caveat) for caveat in snippet.caveats)
    return (
        f'<div class="kb-snippet" id="{element_id}" data-kb-snippet="{escape(spec)}" data-copy="{escape(text.rstrip())}">'
        f"{form}{code_html}{caveats}</div>"
    )
