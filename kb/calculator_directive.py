"""The ```calculator directive: validate a block's options and values, and render the calculator.

A page places a calculator with a fenced block whose body is YAML:

    ```calculator
    name: tire
    preset: pavement
    values:
      weight: 250 lb
    ```

`prepare` checks the options and every value (the field's own parser) and raises
DirectiveError with the author's `docs/page.md:LINE`; `render` writes the form, the static
result and grid, and the calculator's script tag. Generator-neutral: kb.fences calls it from a
SuperFences custom fence, under MkDocs and Zensical alike.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from calculators.calculator import Calculator
from calculators.fields import FieldError
from calculators.html import render_calculator
from calculators.registry import all_calculators
from kb.directives import Directive, DirectiveError, option_line
from kb.profile import current as current_profile
from kb.profile import values_for
from kb.options import Option, OptionError, type_boolean, type_choice, type_mapping, type_string, validate_options

KIND = "calculator"
ASSET_DIR = "assets/calculators"
STYLE_ASSET = f"{ASSET_DIR}/calculators.css"


@dataclass(frozen=True)
class PreparedCalculator:
    """A checked directive: the calculator, its inputs by key, the preset and whether the static grid is shown."""

    calculator: Calculator
    inputs: dict[str, str]
    preset: str | None
    table: bool


def schema() -> dict[str, Option]:
    """Directive options: which calculator, its starting preset, page values, and the static grid."""
    return {
        "name": Option(type_choice(sorted(all_calculators())), help="which calculator (calculators/<name>/)"),
        "preset": Option(lambda value: type_string(value), default=None, help="a preset of that calculator"),
        "values": Option(type_mapping, default={}, help="field name → text, parsed like typed input"),
        "table": Option(type_boolean, default=True, help="false omits the static grid"),
    }


def prepare(directive: Directive) -> PreparedCalculator:
    """Check a directive's options and values; a problem raises DirectiveError at its line."""
    try:
        options = validate_options(directive.options, schema(), KIND)
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
    return PreparedCalculator(calculator, inputs, preset, options["table"])


def render(prepared: PreparedCalculator, root: str) -> str:
    """The calculator's HTML followed by its scripts (its own, then its file checks'); `root` is the site root from the page ('../')."""
    scripts = "".join(f'<script src="{root}{ASSET_DIR}/{name}.js"></script>' for name in script_names(prepared.calculator))
    key = (prepared.calculator.name, tuple(sorted(prepared.inputs.items())), prepared.preset, prepared.table)
    return _rendered(key, prepared) + scripts


def script_names(calculator: Calculator) -> list[str]:
    """The calculator's browser files under assets/calculators/: NAME.js, then NAME-FLAG.js per file check with a browser module."""
    return [calculator.name] + [f"{calculator.name}-{check.flag}" for check in calculator.file_checks if check.module]


_RENDERED: dict[tuple[Any, ...], str] = {}


def _rendered(key: tuple[Any, ...], prepared: PreparedCalculator) -> str:
    """render_calculator, once per build process for the same block: under MkDocs the message-index
    step (kb.generate) and the page render see the same blocks, and the static grid is the costly part."""
    if key not in _RENDERED:
        if len(_RENDERED) > 64:
            _RENDERED.clear()
        _RENDERED[key] = render_calculator(prepared.calculator, prepared.inputs, prepared.preset, prepared.table)
    return _RENDERED[key]


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
