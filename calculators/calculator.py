"""A calculator: its fields, outputs, presets, static table and the logic module that computes.

`evaluate` is the one path from typed text to displayed strings in Python; the
browser's `evaluate` in runtime.js follows the same steps on the same data:
parse every field, call the entry function, refuse non-finite numbers, present.
"""
from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

from .fields import DeclarationError, Field, FieldError, QuantityField
from .outputs import Output, check_finite, present
from .runtime import ARITHMETIC_MESSAGE, INTERNAL_MESSAGE, CalcError

GENERAL = "_"  # error slot for an error that belongs to no single field


@dataclass(frozen=True)
class Preset:
    """Named field values (text, as a reader would type them) with an optional note."""

    name: str
    label: str
    values: Mapping[str, str]
    note: str = ""


@dataclass(frozen=True)
class StaticTable:
    """The no-JS table: one output cell per (row value, column value) with the preset's other fields.

    `cell` turns the Evaluation of one cell's inputs (which may carry errors) into the cell's text.
    """

    row_field: str
    row_values: tuple[str, ...]
    column_field: str
    column_values: tuple[str, ...]
    cell: Callable[[Evaluation], str]
    caption: str = ""
    legend: str = ""
    clear: tuple[str, ...] = ()


@dataclass(frozen=True)
class KeyOutput:
    """The part of one output that answers the reader's question at a glance (issue 10).

    The page shows it beside the inputs (wide screens) or in a bar that stays in view (phones),
    so a change of any field shows its effect without scrolling. `output` names a declared
    output. For a number or text output the whole value is shown with its label. For a table,
    `parts` are `(column key, template)` pairs: each of the first `rows` rows becomes one line,
    its cells put into the templates (`{}` is the displayed cell) and joined by blanks, e.g.
    `(("wheel", "{}:"), ("psi", "{}"))` gives `Front: 52.1 psi`.
    """

    output: str
    parts: tuple[tuple[str, str], ...] = ()
    rows: int = 4


@dataclass(frozen=True)
class FileCheck:
    """A CLI option that reads a text file and checks it against the result (the VIO planner's --check-lsmap FILE).

    `check(result, text)` returns the JSON value added under `json_key`, or raises CalcError whose message names
    the line it could not read; `summary(value)` gives the readable lines. In the browser, `module`'s functions
    `entries` (compiled like the logic, bundle.check_js) and the hand-written `page_script` that calls them are one
    asset, `assets/calculators/<calculator>-<flag>.js`, loaded after the calculator's script.
    """

    flag: str
    help: str
    json_key: str
    check: Callable[[Any, str], Any]
    summary: Callable[[Any], list[str]]
    module: ModuleType | None = None
    entries: tuple[str, ...] = ()
    page_script: str = ""


@dataclass(frozen=True)
class Evaluation:
    """What one set of inputs gives: values, raw result, displayed outputs, errors by field key."""

    values: dict[str, Any] = field(default_factory=dict)
    result: Any = None
    display: dict[str, Any] = field(default_factory=dict)
    errors: dict[str, dict[str, str]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """True when there is no error."""
        return not self.errors

    def comparable(self) -> dict[str, Any]:
        """The form the parity tests compare with the browser's result."""
        return {"errors": self.errors, "display": self.display if self.ok else {}}


@dataclass(frozen=True)
class Calculator:
    """Everything the pipeline needs about one calculator."""

    name: str
    title: str
    summary: str
    fields: tuple[Field, ...]
    outputs: tuple[Output, ...]
    logic: ModuleType
    entry: str = "compute"
    presets: tuple[Preset, ...] = ()
    table: StaticTable | None = None
    to_json: Callable[[Any], Any] | None = None
    file_checks: tuple[FileCheck, ...] = ()
    key_outputs: tuple[KeyOutput, ...] = ()
    essential_fields: tuple[str, ...] | None = None
    """Field names shown first; the others go into collapsed groups (None: every field is essential)."""

    def __post_init__(self) -> None:
        where = f"calculators/{self.name}"
        names = [item.name for item in self.fields]
        if len(set(names)) != len(names):
            raise DeclarationError(f"{where}: two fields share a name")
        function = getattr(self.logic, self.entry, None)
        if not callable(function):
            raise DeclarationError(f"{where}: logic module has no function '{self.entry}'")
        parameters = list(inspect.signature(function).parameters)
        if sorted(parameters) != sorted(names):
            raise DeclarationError(f"{where}: {self.entry}() parameters {parameters} must be exactly the field names {names}")
        for preset in self.presets:
            unknown = sorted(set(preset.values) - set(names))
            if unknown:
                raise DeclarationError(f"{where}: preset '{preset.name}' sets unknown field '{unknown[0]}'")
        if self.table is not None and not {self.table.row_field, self.table.column_field, *self.table.clear} <= set(names):
            raise DeclarationError(f"{where}: static table uses a field that is not declared")
        self._check_key_outputs(where, names)

    def check_presets(self) -> None:
        """Every preset computes; the registry calls this once the unit vocabulary is handed down (presets parse units)."""
        for preset in self.presets:
            evaluation = self.evaluate(self.preset_inputs(preset.name))
            if not evaluation.ok:
                raise DeclarationError(f"calculators/{self.name}: preset '{preset.name}' does not compute: {evaluation.errors}")

    def use_vocabulary(self, vocabulary: Mapping[str, str]) -> None:
        """Hand the spelling → dimension table of all calculators to this one's quantity fields (the registry does, once)."""
        for quantity in self.quantity_fields():
            quantity.use_vocabulary(vocabulary)

    def _check_key_outputs(self, where: str, names: list[str]) -> None:
        """Key outputs name declared outputs (and table columns); essential fields are declared fields."""
        outputs = {output.name: output for output in self.outputs}
        for key in self.key_outputs:
            output = outputs.get(key.output)
            if output is None:
                raise DeclarationError(f"{where}: key output '{key.output}' is not a declared output")
            if output.kind == "table":
                columns = [column.key for column in output.columns]  # type: ignore[attr-defined]
                for column, template in key.parts:
                    if column not in columns or template.count("{}") != 1:
                        raise DeclarationError(f"{where}: key output '{key.output}' part ({column!r}, {template!r}) "
                                               "needs a column of that table and one '{}' in its template")
                if not key.parts:
                    raise DeclarationError(f"{where}: key output '{key.output}' is a table: name its columns in parts")
            elif output.kind not in ("number", "text") or key.parts:
                raise DeclarationError(f"{where}: key output '{key.output}' must be a number, text or table output")
        unknown = sorted(set(self.essential_fields or ()) - set(names))
        if unknown:
            raise DeclarationError(f"{where}: essential field '{unknown[0]}' is not declared")

    def field(self, name: str) -> Field:
        """The field with this Python name or public key."""
        for item in self.fields:
            if name in (item.name, item.key):
                return item
        raise KeyError(name)

    def quantity_fields(self) -> list[QuantityField]:
        """The fields that take units."""
        found: list[QuantityField] = []
        for item in self.fields:
            if isinstance(item, QuantityField):
                found.append(item)
            item_of_list = getattr(item, "item", None)
            if isinstance(item_of_list, QuantityField):
                found.append(item_of_list)
        return found

    def preset(self, name: str) -> Preset:
        """The preset with this name."""
        for preset in self.presets:
            if preset.name == name:
                return preset
        raise KeyError(name)

    def preset_inputs(self, preset_name: str | None) -> dict[str, str]:
        """Inputs by public key for a preset (or the declared defaults when None)."""
        values = {item.key: item.default or "" for item in self.fields}
        if preset_name is not None:
            for name, text in self.preset(preset_name).values.items():
                values[self.field(name).key] = text
        return values

    def table_inputs(self, base: Mapping[str, str], row_value: str, column_value: str) -> dict[str, str]:
        """Inputs for one static-table cell: the base inputs with the row and column fields replaced."""
        assert self.table is not None
        inputs = dict(base)
        for name in self.table.clear:
            inputs[self.field(name).key] = ""
        inputs[self.field(self.table.row_field).key] = row_value
        inputs[self.field(self.table.column_field).key] = column_value
        return inputs

    def evaluate(self, raw: Mapping[str, str | None]) -> Evaluation:
        """Parse inputs (by public key), compute, check and present; never raises for any text."""
        values: dict[str, Any] = {}
        errors: dict[str, dict[str, str]] = {}
        for item in self.fields:
            try:
                values[item.name] = item.parse(raw.get(item.key))
            except FieldError as error:
                errors[item.key] = {"key": error.key, "message": error.message}
        if errors:
            return Evaluation(values=values, errors=errors)
        try:
            result = getattr(self.logic, self.entry)(**values)
            check_finite(result)
            display = present(self.outputs, result)
        except CalcError as error:
            slot = next((item.key for item in self.fields if item.name == error.field), GENERAL)
            return Evaluation(values=values, errors={slot: {"key": error.key, "message": error.message}})
        except (ZeroDivisionError, OverflowError):
            return Evaluation(values=values, errors={GENERAL: {"key": "ARITHMETIC", "message": ARITHMETIC_MESSAGE}})
        except ValueError as error:
            key, message = ("ARITHMETIC", ARITHMETIC_MESSAGE) if "math domain" in str(error) else ("INTERNAL", INTERNAL_MESSAGE)
            return Evaluation(values=values, errors={GENERAL: {"key": key, "message": message}})
        except Exception:  # any other failure is a bug; the reader sees a fixed message, never a trace
            return Evaluation(values=values, errors={GENERAL: {"key": "INTERNAL", "message": INTERNAL_MESSAGE}})
        return Evaluation(values=values, result=result, display=display)

    def json_result(self, evaluation: Evaluation) -> Any:
        """The --json view of a successful evaluation (raw, unrounded numbers)."""
        return self.to_json(evaluation.result) if self.to_json else evaluation.result
