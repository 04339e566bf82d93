"""MkDocs adapter for command snippets; the snippets themselves live in calculators.snippets (MkDocs-free).

A page places a snippet with a fenced directive whose body is YAML:

    ```snippet
    name: sp-instance-unit
    values:
      owner: tsminst2
    ```

on_page_markdown finds the blocks (kb.directives), validates `name` and `values`
(kb.options plus the snippet's own value kinds) and swaps each block for a placeholder;
on_page_content puts back the rendered markup: form (screen only), highlighted block with the
values filled in, caveats. A bad directive stops the build with `docs/page.md:LINE: reason`.
The runtime script and the stylesheet are generated files added to every page.
"""
from __future__ import annotations

import re
from typing import Any

import markdown as markdown_library
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from calculators.snippets import SNIPPETS, Snippet, find_errors, resolve_values
from calculators.snippets.browser import RUNTIME_ASSET, STYLE_ASSET, runtime_script, stylesheet
from calculators.snippets.html import snippet_markup
from calculators.snippets.marking import mark_variables, with_sentinels
from calculators.snippets.model import complete_values
from kb.directives import Directive, DirectiveError, author_path, option_line, place_rendered, swap_page_directives
from kb.profile import values_for
from kb.options import Option, OptionError, type_choice, type_mapping, validate_options

KIND = "snippet"
SCHEMA = {
    "name": Option(type_choice(sorted(SNIPPETS)), help="which snippet (calculators/snippets/catalog)"),
    "values": Option(type_mapping, default={}, help="page defaults that replace the snippet's own"),
}

_pending: dict[str, dict[str, tuple[Directive, Snippet, dict[str, str], str]]] = {}
_highlighter: markdown_library.Markdown | None = None


def on_config(config: MkDocsConfig) -> None:
    """Load the runtime and stylesheet on every page, and prepare a highlighter configured like the site's."""
    global _highlighter
    if STYLE_ASSET not in [str(item) for item in config.extra_css]:
        config.extra_css.append(STYLE_ASSET)
    if RUNTIME_ASSET not in [str(item) for item in config.extra_javascript]:
        config.extra_javascript.append(RUNTIME_ASSET)
    extensions = ["pymdownx.highlight", "pymdownx.superfences"]
    _highlighter = markdown_library.Markdown(
        extensions=extensions,
        extension_configs={name: config.mdx_configs.get(name, {}) for name in extensions},
    )
    _pending.clear()


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Add the generated runtime script and stylesheet (written from package data, never into docs/)."""
    for src_uri, content in ((RUNTIME_ASSET, runtime_script()), (STYLE_ASSET, stylesheet())):
        if files.get_file_from_path(src_uri) is None:
            files.append(File.generated(config, src_uri, content=content))
    return files


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    """Validate each ```snippet block of the page and replace it with a placeholder."""
    try:
        text, prepared = swap_page_directives(markdown, page.file.content_string, KIND, _page_path(page, config), _prepare)
    except DirectiveError as error:
        raise PluginError(str(error)) from None
    if not prepared:
        return None
    ids: dict[str, int] = {}
    pending = {}
    for token, (directive, snippet, values) in prepared.items():
        ids[snippet.name] = ids.get(snippet.name, 0) + 1
        element_id = f"snippet-{snippet.name}" + (f"-{ids[snippet.name]}" if ids[snippet.name] > 1 else "")
        pending[token] = (directive, snippet, values, element_id)
    _pending[page.file.src_uri] = pending
    return text


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    """Put the rendered snippets where their placeholders are; a placeholder that did not survive stops the build."""
    pending = _pending.pop(page.file.src_uri, None)
    if not pending:
        return None
    rendered = {token: _render(snippet, values, element_id) for token, (_, snippet, values, element_id) in pending.items()}
    result, unplaced = place_rendered(html, rendered)
    if unplaced:
        raise PluginError(str(pending[unplaced[0]][0].error(
            "snippet directive must stand alone as its own block (not inside a paragraph, list item text or table)"
        )))
    return result


def _prepare(directive: Directive) -> tuple[Directive, Snippet, dict[str, str]]:
    """Check a directive's options and values; return it with its snippet and the page values."""
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
    return directive, snippet, values


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


def _render(snippet: Snippet, values: dict[str, str], element_id: str) -> str:
    """Highlight the template with sentinel words, mark the values, and wrap it with the form and caveats."""
    assert _highlighter is not None, "on_config has not run"
    text = with_sentinels(snippet.template, snippet)
    longest_backticks = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest_backticks + 1)
    title = f' title="{with_sentinels(snippet.filename, snippet)}"' if snippet.filename else ""
    _highlighter.reset()
    highlighted = _highlighter.convert(f"{fence}{snippet.language}{title}\n{text}{fence}\n")
    code_html = mark_variables(highlighted, snippet, complete_values(snippet, values))
    return snippet_markup(snippet, values, code_html, element_id)


def _page_path(page: Page, config: MkDocsConfig) -> str:
    """The page's path as the author sees it, e.g. docs/spectrum-protect/ldap-startup.md."""
    return author_path(config.config_file_path, config.docs_dir, page.file.src_uri)
