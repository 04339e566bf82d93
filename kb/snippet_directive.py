"""The ```snippet directive: validate a block's `name` and `values`, and render the snippet.

A page places a snippet with a fenced block whose body is YAML:

    ```snippet
    name: sp-instance-unit
    values:
      owner: tsminst2
    ```

`prepare` checks the options (kb.options plus the snippet's own value kinds) and raises
DirectiveError with the author's `docs/page.md:LINE`; `render` writes the form (screen only),
the highlighted block with the values filled in, and the caveats. Generator-neutral: kb.fences
calls it from a SuperFences custom fence, under MkDocs and Zensical alike. `render_cached` keeps
the rendered block in kb.cache (kind "snippet"), keyed by the snippet, its values, the element id,
the highlight settings, the snippets' code and this module's, and the dependency versions.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import markdown as markdown_library

from calculators.snippets import SNIPPETS, Snippet, find_errors, resolve_values
from calculators.snippets.browser import RUNTIME_ASSET, STYLE_ASSET
from calculators.snippets.html import snippet_markup
from calculators.snippets.marking import mark_variables, with_sentinels
from calculators.snippets.model import complete_values
from kb import cache
from kb.calculator_index import package_keys
from kb.directives import Directive, DirectiveError, option_line
from kb.options import Option, OptionError, type_choice, type_mapping, validate_options
from kb.profile import values_for

KIND = "snippet"
__all__ = ["KIND", "RUNTIME_ASSET", "STYLE_ASSET", "PreparedSnippet", "prepare", "render", "render_cached"]
SCHEMA = {
    "name": Option(type_choice(sorted(SNIPPETS)), help="which snippet (calculators/snippets/catalog)"),
    "values": Option(type_mapping, default={}, help="page defaults that replace the snippet's own"),
}


@dataclass(frozen=True)
class PreparedSnippet:
    """A checked directive: the snippet and the page's values for it."""

    snippet: Snippet
    values: dict[str, str]


def prepare(directive: Directive) -> PreparedSnippet:
    """Check a directive's options and values; a problem raises DirectiveError at its line."""
    try:
        options = validate_options(directive.options, SCHEMA, KIND)
    except OptionError as error:
        raise DirectiveError(directive.src_path, option_line(directive, error.option), error.reason) from None
    snippet = SNIPPETS[options["name"]]
    given = _text_values(directive, snippet, options["values"])
    given.update(values_for("snippet", snippet.name, [variable.name for variable in snippet.variables]))  # KB_PROFILE
    values = resolve_values(snippet, given)
    errors = find_errors(snippet, values)
    if errors:
        name, message = next(iter(errors.items()))
        raise DirectiveError(directive.src_path, option_line(directive, name), f"snippet directive: {message}")
    return PreparedSnippet(snippet, values)


def _text_values(directive: Directive, snippet: Snippet, given: dict[str, Any]) -> dict[str, str]:
    """The `values:` mapping as text; unknown names and non-text values are errors at their line."""
    accepted = ", ".join(variable.name for variable in snippet.variables) or "none"
    values: dict[str, str] = {}
    for name, value in given.items():
        if name not in {variable.name for variable in snippet.variables}:
            raise DirectiveError(
                directive.src_path, option_line(directive, name),
                f"snippet directive: {snippet.name} has no variable '{name}' (accepted: {accepted})",
            )
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            raise DirectiveError(
                directive.src_path, option_line(directive, name),
                f"snippet directive: value of '{name}' must be text (got {value!r}); quote it in the YAML",
            )
        values[name] = str(value)
    return values


def render(prepared: PreparedSnippet, element_id: str, highlight_config: dict[str, Any]) -> str:
    """Highlight the template with sentinel words, mark the values, and wrap it with the form and caveats.

    `highlight_config` is the site's pymdownx.highlight configuration, so the block looks like
    every other code block of the site.
    """
    snippet = prepared.snippet
    text = with_sentinels(snippet.template, snippet)
    longest_backticks = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest_backticks + 1)
    title = f' title="{with_sentinels(snippet.filename, snippet)}"' if snippet.filename else ""
    highlighter = markdown_library.Markdown(
        extensions=["pymdownx.highlight", "pymdownx.superfences"],
        extension_configs={"pymdownx.highlight": highlight_config},
    )
    highlighted = highlighter.convert(f"{fence}{snippet.language}{title}\n{text}{fence}\n")
    code_html = mark_variables(highlighted, snippet, complete_values(snippet, prepared.values))
    return snippet_markup(snippet, prepared.values, code_html, element_id)


def render_cached(prepared: PreparedSnippet, element_id: str, highlight_config: dict[str, Any]) -> str:
    """`render` through kb.cache (the Markdown and Pygments work of a block runs once per change)."""
    key = cache.entry_key(KIND, _code_key(), prepared.snippet.name, json.dumps(prepared.values, sort_keys=True), element_id,
                          json.dumps(highlight_config, sort_keys=True, default=lambda value: f"{type(value).__qualname__}:{value!r}"))
    return cache.cached(KIND, key, lambda: render(prepared, element_id, highlight_config), cache.is_text)


def _code_key() -> str:
    """The digest of the code a rendered snippet comes from: the snippets package (this build's key, with the shared code) and this module."""
    here = Path(__file__).resolve()
    return cache.entry_key(KIND, package_keys()["snippets"], cache.files_digest([here], here.parent))
