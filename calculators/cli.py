"""python -m calculators: the same fields, checks and displayed strings as the page, on a terminal.

Flags are the fields' public keys (`--rim-type hookless`); `--json` prints the raw result.
Bad input exits 2 with one line on stderr naming the field, the value and what is accepted.
"""
from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from typing import Any, TextIO

from .calculator import GENERAL, Calculator, FileCheck
from .errors import ProjectError
from .fields import BooleanField, ChoiceField, Field
from .registry import all_calculators
from .runtime import CalcError
from .terminal import guard_pipe, one_line

USAGE = "usage: python -m calculators NAME [--field value ...] [--preset NAME] [--json]  (python -m calculators NAME --help)"
EXAMPLES = (
    'python -m calculators tire --weight "300 lb" --rear 60 --width "28 mm"',
    'python -m calculators ramdisk --size "2 GiB" --fs jfs2 --mount /RAMDISK --json',
    "python -m calculators vio --preset single --clients 3",
    "python -m calculators vio --help",
)


class UsageError(ProjectError):
    """A command line that cannot be run; the message is the one stderr line."""


def overview() -> str:
    """What `python -m calculators --help` prints: every calculator with its fields."""
    lines = [USAGE, "", "Examples:", *(f"  {example}" for example in EXAMPLES), "",
             "Command snippets have their own command line: python -m calculators.snippets --help", "", "Calculators:"]
    for calculator in all_calculators().values():
        lines.append(f"  {calculator.name:<10} {calculator.title}: {calculator.summary}")
        for item in calculator.fields:
            lines.append(f"      --{item.key:<14} {item.label}: {item.accepted_text()}")
    return "\n".join(lines)


def field_help(item: Field) -> list[str]:
    """The --help lines of one field."""
    lines = [f"  --{item.key} VALUE", f"      {item.label}. {item.help}".rstrip()]
    if item.accepted_text():
        lines.append(f"      accepts: {item.accepted_text()}")
    if isinstance(item, ChoiceField):
        lines.append("      choices: " + "; ".join(f"{value} ({label})" for value, label in item.choices))
    lines.append(f"      default: {item.default}" if item.default else ("      required" if item.required else "      optional"))
    if item.suggestions:
        lines.append("      suggestions: " + "; ".join(f"{value} = {label}" for value, label in item.suggestions))
    return lines


def calculator_help(calculator: Calculator) -> str:
    """What `python -m calculators NAME --help` prints."""
    lines = [
        f"usage: python -m calculators {calculator.name} [--field value ...] [--preset NAME] [--json]", "",
        f"{calculator.title}: {calculator.summary}", "",
        "Fields:",
    ]
    for item in calculator.fields:
        lines.extend(field_help(item))
    if calculator.presets:
        lines += ["", "Presets (--preset NAME fills these fields; flags given override them):"]
        for preset in calculator.presets:
            values = ", ".join(f"--{calculator.field(name).key} {text}" for name, text in preset.values.items())
            lines.append(f"  {preset.name:<10} {preset.label}: {values}")
    for check in calculator.file_checks:
        lines += ["", f"  --{check.flag} FILE", f"      {check.help}"]
    lines += ["", "  --json        print the result as JSON (numbers unrounded)", "  --help        this text"]
    return "\n".join(lines)


def parse_arguments(calculator: Calculator, arguments: list[str], files: dict[str, str] | None = None) -> tuple[dict[str, str], bool]:
    """Flags → inputs by public key, and whether --json was asked; file-check flags → `files`; UsageError on anything unknown."""
    keys = {item.key: item for item in calculator.fields}
    checks = {check.flag for check in calculator.file_checks}
    given: dict[str, str] = {}
    preset: str | None = None
    as_json = False
    position = 0
    while position < len(arguments):
        argument = arguments[position]
        position += 1
        if argument == "--json":
            as_json = True
            continue
        if not argument.startswith("--"):
            raise UsageError(f"{calculator.name}: unexpected argument '{argument}' (flags look like --weight '300 lb')")
        flag, has_value, value = argument[2:].partition("=")
        if flag != "preset" and flag not in keys and flag not in checks:
            extra = "".join(f", --{name}" for name in sorted(checks))
            accepted = ", ".join("--" + key for key in keys)
            raise UsageError(f"{calculator.name}: unknown option '--{flag}' (accepted: {accepted}, --preset{extra}, --json)")
        if not has_value and isinstance(keys.get(flag), BooleanField) and (position >= len(arguments) or arguments[position].startswith("--")):
            value = "yes"  # a bare boolean flag (--unpinned) means yes
        elif not has_value:
            if position >= len(arguments):
                raise UsageError(f"{calculator.name}: option '--{flag}' needs a value")
            value = arguments[position]
            position += 1
        if flag in checks:
            if files is None:
                raise UsageError(f"{calculator.name}: option '--{flag}' is for the command line only")
            files[flag] = value
        elif flag == "preset":
            names = [item.name for item in calculator.presets]
            if value not in names:
                raise UsageError(f"{calculator.name}: unknown preset '{value}' (accepted: {', '.join(names) or 'none'})")
            preset = value
        else:
            given[flag] = value
    inputs = calculator.preset_inputs(preset) if preset else {}
    inputs.update(given)
    return inputs, as_json


def readable(calculator: Calculator, display: dict[str, Any]) -> str:
    """The displayed strings as text: label lines, aligned tables, bullet lists, commands."""
    lines: list[str] = [calculator.title]
    for output in calculator.outputs:
        value = display.get(output.name)
        if value is None:
            continue
        if output.kind in ("number", "text"):
            lines.append(f"{output.label}: {value}")
            continue
        lines += ["", f"{output.label}:"]
        if output.kind == "table":
            header = [column.label + (f" ({column.unit})" if column.unit else "") for column in output.columns]  # type: ignore[attr-defined]
            rows = [header] + [
                [cell.removesuffix(f" {column.unit}") if column.unit else cell for cell, column in zip(row, output.columns)]  # type: ignore[attr-defined]
                for row in value
            ]
            widths = [max(len(row[index]) for row in rows) for index in range(len(header))]
            lines += ["  " + "  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip() for row in rows]
        elif output.kind == "messages":
            lines += [f"  {code}: {text}" for code, text in value]
        elif getattr(output, "style", "") == "commands":
            lines += [f"  {command}" for command in value]
        else:
            lines += [f"  - {item}" for item in value]
    return "\n".join(lines)


def whole_numbers(value: Any) -> Any:
    """The --json value with whole floats as integers (2147483648, not 2147483648.0), the same in every calculator."""
    if isinstance(value, float) and value.is_integer() and abs(value) <= 2**53:
        return int(value)
    if isinstance(value, dict):
        return {key: whole_numbers(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [whole_numbers(item) for item in value]
    return value


def run(argv: Sequence[str], out: TextIO, err: TextIO) -> int:
    """Run the command line; returns the exit status."""
    arguments = list(argv)
    if not arguments or arguments[0] in ("-h", "--help"):
        print(overview(), file=out)
        return 0
    name = arguments.pop(0)
    calculators = all_calculators()
    if name not in calculators:
        print(one_line(f"unknown calculator '{name}' (accepted: {', '.join(sorted(calculators))})"), file=err)
        return 2
    calculator = calculators[name]
    if "--help" in arguments or "-h" in arguments:
        print(calculator_help(calculator), file=out)
        return 0
    files: dict[str, str] = {}
    try:
        inputs, as_json = parse_arguments(calculator, arguments, files)
    except UsageError as error:
        print(one_line(str(error)), file=err)
        return 2
    evaluation = calculator.evaluate(inputs)
    if not evaluation.ok:
        order = [item.key for item in calculator.fields] + [GENERAL]
        first = min(evaluation.errors, key=lambda key: order.index(key) if key in order else len(order))
        print(one_line(evaluation.errors[first]["message"]), file=err)
        return 2
    try:
        checked = [(check, run_file_check(check, files[check.flag], evaluation.result)) for check in calculator.file_checks if check.flag in files]
    except UsageError as error:
        print(one_line(str(error)), file=err)
        return 2
    if as_json:
        shaped = whole_numbers(calculator.json_result(evaluation))
        for check, value in checked:
            shaped[check.json_key] = value
        print(json.dumps(shaped, indent=2, ensure_ascii=False), file=out)
    else:
        print(readable(calculator, evaluation.display), file=out)
        for check, value in checked:
            print("\n" + "\n".join(check.summary(value)), file=out)
    return 0


def run_file_check(check: FileCheck, path: str, result: Any) -> Any:
    """Read the file named by a file-check flag and check it; UsageError naming the file (and line) when it cannot be read."""
    where = f"--{check.flag} {path}"
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as error:
        raise UsageError(f"{where}: cannot open: {error.strerror or error}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        raise UsageError(f"{where}: line {line}: not UTF-8 text") from None
    try:
        return check.check(result, text)
    except CalcError as error:
        raise UsageError(f"{where}: {error.message}") from None


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point for `python -m calculators`."""
    return guard_pipe(lambda: run(sys.argv[1:] if argv is None else argv, sys.stdout, sys.stderr))
