"""The ```calculator directive: validate a block's options and values, and render the calculator.

A page places a calculator with a fenced block whose body is YAML:

    ```calculator
    name: tire
    preset: pavement
    values:
      weight: 250 lb
    ```

`prepare` checks the options and every value (the field's own parser), evaluates the inputs once
and renders the block with that evaluation, or raises DirectiveError with the author's
`docs/page.md:LINE`; it returns a PreparedCalculator carrying the rendered block, which `render`
places with the calculator's script tags. A directive that was checked before with the same
text, calculator sources, dependency versions and KB_PROFILE values comes from kb.cache without
importing any calculator (nor pint). Generator-neutral: kb.fences calls it from a SuperFences
custom fence, under MkDocs and Zensical alike.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from kb import cache
from kb.calculator_index import CalculatorInfo, package_key, summary
from kb.directives import Directive, DirectiveError, option_line
from kb.options import Option, OptionError, type_boolean, type_choice, type_mapping, type_string, validate_options
from kb.profile import current as current_profile
from kb.profile import values_for

if TYPE_CHECKING:
    from calculators.calculator import Calculator

KIND = "calculator"
ASSET_DIR = "assets/calculators"
STYLE_ASSET = f"{ASSET_DIR}/calculators.css"


DIRECTIVE = "directive"


@dataclass(frozen=True)
class PreparedCalculator:
    """A checked directive: which calculator, its inputs by key, the preset, the grid option and the rendered block."""

    name: str
    title: str
    scripts: tuple[str, ...]
    inputs: dict[str, str]
    preset: str | None
    table: bool
    html: str  # render_calculator's block for these inputs (the one evaluation of them)

    @classmethod
    def from_data(cls, data: Any) -> PreparedCalculator:
        """From a cache entry's value; a value of another shape raises TypeError or KeyError (a miss)."""
        prepared = cls(str(data["name"]), str(data["title"]), tuple(str(name) for name in data["scripts"]),
                       {str(key): str(value) for key, value in data["inputs"].items()},
                       None if data["preset"] is None else str(data["preset"]), bool(data["table"]), data["html"])
        if not isinstance(prepared.html, str):
            raise TypeError("html")
        return prepared


def schema() -> dict[str, Option]:
    """Directive options: which calculator, its starting preset, page values, and the static grid."""
    return {
        "name": Option(type_choice(sorted(info.name for info in summary().calculators)), help="which calculator (calculators/<name>/)"),
        "preset": Option(lambda value: type_string(value), default=None, help="a preset of that calculator"),
        "values": Option(type_mapping, default={}, help="field name → text, parsed like typed input"),
        "table": Option(type_boolean, default=True, help="false omits the static grid"),
    }


_PREPARED: dict[str, PreparedCalculator] = {}


def prepare(directive: Directive) -> PreparedCalculator:
    """Check a directive's options and values and render it; a problem raises DirectiveError at its line.

    A directive checked before with the same text, sources and KB_PROFILE values comes from
    kb.cache (the message-index step and the page render see each block; later builds too).
    """
    info = summary().by_name(directive.options.get("name"))
    if info is None:  # an unknown or missing name: the check below says which names are accepted
        return _checked(directive)
    profile = current_profile()
    key = cache.entry_key(DIRECTIVE, package_key(info), directive.body, json.dumps(profile.values if profile else None, sort_keys=True))
    if key not in _PREPARED:
        if len(_PREPARED) > 256:
            _PREPARED.clear()
        stored = cache.load(DIRECTIVE, key, _valid)
        if stored is not None:
            _PREPARED[key] = PreparedCalculator.from_data(stored)
        else:
            _PREPARED[key] = _checked(directive, info)
            cache.store(DIRECTIVE, key, asdict(_PREPARED[key]))
    return _PREPARED[key]


def _valid(data: Any) -> bool:
    """A cache entry's value is a PreparedCalculator's data (else from_data raises: a miss)."""
    PreparedCalculator.from_data(data)
    return True


def _checked(directive: Directive, info: CalculatorInfo | None = None) -> PreparedCalculator:
    """Check the directive against the calculator itself (imports it, and pint), evaluate once and render."""
    from calculators.fields import FieldError
    from calculators.html import render_calculator
    from calculators.registry import all_calculators

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
    scripts = info.scripts if info is not None and info.name == calculator.name else script_names(calculator)
    html = render_calculator(calculator, inputs, preset, options["table"], evaluation=evaluation)
    return PreparedCalculator(calculator.name, calculator.title, tuple(scripts), inputs, preset, options["table"], html)


def render(prepared: PreparedCalculator, root: str) -> str:
    """The calculator's HTML followed by its scripts (its own, then its file checks'); `root` is the site root from the page ('../')."""
    return prepared.html + "".join(f'<script src="{root}{ASSET_DIR}/{name}.js"></script>' for name in prepared.scripts)


def script_names(calculator: Calculator) -> list[str]:
    """The calculator's browser files under assets/calculators/: NAME.js, then NAME-FLAG.js per file check with a browser module."""
    return [calculator.name] + [f"{calculator.name}-{check.flag}" for check in calculator.file_checks if check.module]


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
