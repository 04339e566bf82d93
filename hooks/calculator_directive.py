"""MkDocs adapter for calculators; the calculators themselves live in calculators/ (MkDocs-free).

Not named calculators.py: MkDocs puts hooks/ first on sys.path while loading hooks, and a
hooks/calculators.py would shadow the calculators package for every hook.

A page places a calculator with a fenced directive whose body is YAML:

    ```calculator
    name: tire
    preset: pavement
    values:
      weight: 250 lb
    ```

on_page_markdown finds the blocks (kb.directives), validates the options and every value (the
field's own parser), and swaps each block for a placeholder; on_page_content puts back the form,
the static result and grid, and the calculator's script (a generated asset, relative URL, so it
works from file://). A bad directive stops the build with `docs/page.md:LINE: reason`.
"""
from __future__ import annotations

import os
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from calculators.bundle import calculator_js, check_js
from calculators.calculator import Calculator
from calculators.fields import FieldError
from calculators.html import insert_jump_links, render_calculator
from calculators.jsgen import SubsetError
from calculators.registry import all_calculators
from kb.directives import Directive, DirectiveError, author_path, option_line, place_rendered, swap_page_directives
from kb.profile import current as current_profile, values_for
from kb.options import Option, OptionError, type_boolean, type_choice, type_mapping, type_string, validate_options

KIND = "calculator"
ASSET_DIR = "assets/calculators"
STYLE_ASSET = f"{ASSET_DIR}/calculators.css"
STYLE_SOURCE = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "calculators", "calculators.css")

_pending: dict[str, dict[str, tuple[Calculator, dict[str, str], str | None, bool]]] = {}


def _schema() -> dict[str, Option]:
    """Directive options: which calculator, its starting preset, page values, and the static grid."""
    return {
        "name": Option(type_choice(sorted(all_calculators())), help="which calculator (calculators/<name>/)"),
        "preset": Option(lambda value: type_string(value), default=None, help="a preset of that calculator"),
        "values": Option(type_mapping, default={}, help="field name → text, parsed like typed input"),
        "table": Option(type_boolean, default=True, help="false omits the static grid"),
    }


def on_config(config: MkDocsConfig) -> None:
    """Load the calculators' stylesheet on every page (the scripts go only where a calculator is)."""
    if STYLE_ASSET not in [str(item) for item in config.extra_css]:
        config.extra_css.append(STYLE_ASSET)
    _pending.clear()


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Add one generated script per calculator and the stylesheet; a logic module outside the subset stops the build."""
    try:
        scripts = {f"{ASSET_DIR}/{name}.js": calculator_js(name) for name in all_calculators()}
        scripts.update({f"{ASSET_DIR}/{name}-{check.flag}.js": check_js(name, check.flag)
                        for name, calculator in all_calculators().items() for check in calculator.file_checks if check.module})
    except SubsetError as error:
        raise PluginError(str(error)) from None
    with open(STYLE_SOURCE, encoding="utf-8") as stylesheet:
        scripts[STYLE_ASSET] = stylesheet.read()
    for src_uri, content in scripts.items():
        if files.get_file_from_path(src_uri) is None:
            files.append(File.generated(config, src_uri, content=content))
    return files


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    """Validate each ```calculator block of the page and replace it with a placeholder."""
    seen: set[str] = set()

    def prepare_once(directive: Directive) -> tuple[Calculator, dict[str, str], str | None, bool]:
        prepared = _prepare(directive)
        if prepared[0].name in seen:
            raise directive.error(f"calculator directive: '{prepared[0].name}' is already on this page (both would share the URL query)")
        seen.add(prepared[0].name)
        return prepared

    try:
        text, pending = swap_page_directives(markdown, page.file.content_string, KIND, _page_path(page, config), prepare_once)
    except DirectiveError as error:
        raise PluginError(str(error)) from None
    if not pending:
        return None
    _pending[page.file.src_uri] = pending
    return text


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    """Put each calculator where its placeholder is, with its script once per page."""
    pending = _pending.pop(page.file.src_uri, None)
    if not pending:
        return None
    rendered: dict[str, str] = {}
    for token, (calculator, inputs, preset, table) in pending.items():
        names = [calculator.name] + [f"{calculator.name}-{check.flag}" for check in calculator.file_checks if check.module]
        scripts = "".join(f'<script src="{get_relative_url(f"{ASSET_DIR}/{name}.js", page.file.url)}"></script>' for name in names)
        rendered[token] = render_calculator(calculator, inputs, preset, table) + scripts
    result, unplaced = place_rendered(html, rendered)
    if unplaced:
        raise PluginError(f"{_page_path(page, config)}: a calculator directive must stand alone as its own block")
    return insert_jump_links(result, [calculator for calculator, _, _, _ in pending.values()])


def _prepare(directive: Directive) -> tuple[Calculator, dict[str, str], str | None, bool]:
    """Check a directive's options and values; return the calculator, its inputs by key, the preset and the table flag."""
    try:
        options = validate_options(directive.options, _schema(), KIND)
    except OptionError as error:
        raise DirectiveError(directive.src_path, option_line(directive, error.option), error.reason) from None
    calculator = all_calculators()[options["name"]]
    preset = options["preset"]
    if preset is not None and preset not in [item.name for item in calculator.presets]:
        accepted = ", ".join(item.name for item in calculator.presets) or "none"
        raise DirectiveError(directive.src_path, option_line(directive, "preset"),
                             f"calculator directive: {calculator.name} has no preset '{preset}' (accepted: {accepted})")
    inputs = calculator.preset_inputs(preset)
    for name, value in options["values"].items():
        inputs[_field_key(directive, calculator, name)] = _text(directive, name, value)
    inputs.update(values_for("calculator", calculator.name, [item.key for item in calculator.fields]))  # KB_PROFILE
    for key, text in inputs.items():
        if not text:
            continue
        try:
            calculator.field(key).parse(text)
        except FieldError as error:
            raise DirectiveError(directive.src_path, option_line(directive, "values"), f"calculator directive: {error.message}") from None
    evaluation = calculator.evaluate(inputs)
    if not evaluation.ok:
        message = next(iter(evaluation.errors.values()))["message"]
        profile = current_profile()
        given = f" (with the values of KB_PROFILE {profile.file_name})" if profile else ""
        raise DirectiveError(directive.src_path, directive.line, f"calculator directive: these inputs{given} do not compute: {message}; give a preset: or values:")
    return calculator, inputs, preset, options["table"]


def _field_key(directive: Directive, calculator: Calculator, name: str) -> str:
    """The public key of a field named in `values:` (name or key accepted)."""
    try:
        return calculator.field(name).key
    except KeyError:
        accepted = ", ".join(item.name for item in calculator.fields)
        raise DirectiveError(directive.src_path, option_line(directive, name),
                             f"calculator directive: {calculator.name} has no field '{name}' (accepted: {accepted})") from None


def _text(directive: Directive, name: str, value: Any) -> str:
    """A `values:` entry as text (YAML may give a number)."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise DirectiveError(directive.src_path, option_line(directive, name),
                             f"calculator directive: value of '{name}' must be text (got {value!r}); quote it in the YAML")
    return value if isinstance(value, str) else repr(value)


def _page_path(page: Page, config: MkDocsConfig) -> str:
    """The page's path as the author sees it, e.g. docs/bicycles/tire-pressure.md."""
    return author_path(config.config_file_path, config.docs_dir, page.file.src_uri)
