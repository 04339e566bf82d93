"""Output kinds of a calculator and how a result becomes the strings a reader sees.

`present` is the Python twin of `present` in runtime.js: numbers go through
`fmt_fixed` with the declared decimals, so CLI, page and PDF show the same text.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, ClassVar

from .runtime import ARITHMETIC_MESSAGE, INTERNAL_MESSAGE, CalcError, fmt_fixed


@dataclass(frozen=True)
class Output:
    """A named result the calculator returns, with the label a reader sees."""

    name: str
    label: str
    help: str = ""

    kind: ClassVar[str] = "output"

    def present(self, value: Any) -> Any:
        """The displayed form of a value (None hides the output)."""
        raise NotImplementedError

    def spec(self) -> dict[str, Any]:
        """The output as data for the page."""
        return {"name": self.name, "kind": self.kind, "label": self.label, "help": self.help}


def _number_text(value: Any, decimals: int, unit: str) -> str:
    """'88.6 psi': a checked number with its decimals and unit."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise CalcError("INTERNAL", INTERNAL_MESSAGE)
    text = fmt_fixed(value, decimals)
    return f"{text} {unit}" if unit else text


def _text(value: Any) -> str:
    """A checked text value."""
    if not isinstance(value, str):
        raise CalcError("INTERNAL", INTERNAL_MESSAGE)
    return value


@dataclass(frozen=True)
class NumberOutput(Output):
    """A number shown with fixed decimals and an optional unit."""

    decimals: int = 0
    unit: str = ""

    kind: ClassVar[str] = "number"

    def present(self, value: Any) -> Any:
        return None if value is None else _number_text(value, self.decimals, self.unit)

    def spec(self) -> dict[str, Any]:
        return {**super().spec(), "decimals": self.decimals, "unit": self.unit}


@dataclass(frozen=True)
class TextOutput(Output):
    """A sentence or a value shown as text."""

    kind: ClassVar[str] = "text"

    def present(self, value: Any) -> Any:
        return None if value is None or value == "" else _text(value)


@dataclass(frozen=True)
class ListOutput(Output):
    """An ordered list of texts; style 'commands' shows them as a copyable shell block."""

    style: str = "bullets"

    kind: ClassVar[str] = "list"

    def present(self, value: Any) -> Any:
        if value is None:
            return None
        if not isinstance(value, list):
            raise CalcError("INTERNAL", INTERNAL_MESSAGE)
        return [_text(item) for item in value] or None

    def spec(self) -> dict[str, Any]:
        return {**super().spec(), "style": self.style}


@dataclass(frozen=True)
class Column:
    """A table column: the row key it shows, its heading, and decimals (None for text)."""

    key: str
    label: str
    decimals: int | None = None
    unit: str = ""

    def spec(self) -> dict[str, Any]:
        """The column as data for the page."""
        return {"key": self.key, "label": self.label, "decimals": self.decimals, "unit": self.unit}


@dataclass(frozen=True)
class TableOutput(Output):
    """Rows (dicts) shown as a table with declared columns."""

    columns: tuple[Column, ...] = ()

    kind: ClassVar[str] = "table"

    def present(self, value: Any) -> Any:
        if value is None:
            return None
        if not isinstance(value, list):
            raise CalcError("INTERNAL", INTERNAL_MESSAGE)
        rows = []
        for row in value:
            if not isinstance(row, dict):
                raise CalcError("INTERNAL", INTERNAL_MESSAGE)
            cells = []
            for column in self.columns:
                cell = row.get(column.key)
                if cell is None:
                    cells.append("")
                elif column.decimals is None:
                    cells.append(_text(cell))
                else:
                    cells.append(_number_text(cell, column.decimals, column.unit))
            rows.append(cells)
        return rows or None

    def spec(self) -> dict[str, Any]:
        return {**super().spec(), "columns": [column.spec() for column in self.columns]}


@dataclass(frozen=True)
class MessagesOutput(Output):
    """Warnings or notes: a list of {'code': ..., 'text': ...}; the code is stable, the text is for readers."""

    kind: ClassVar[str] = "messages"

    def present(self, value: Any) -> Any:
        if value is None:
            return None
        if not isinstance(value, list):
            raise CalcError("INTERNAL", INTERNAL_MESSAGE)
        shown = []
        for message in value:
            if not isinstance(message, dict):
                raise CalcError("INTERNAL", INTERNAL_MESSAGE)
            shown.append([_text(message.get("code")), _text(message.get("text"))])
        return shown or None


def check_finite(value: Any) -> None:
    """Refuse a result holding NaN, infinity or a complex number anywhere (both runtimes do this)."""
    if isinstance(value, complex) or (isinstance(value, float) and not math.isfinite(value)):
        raise CalcError("ARITHMETIC", ARITHMETIC_MESSAGE)
    if isinstance(value, dict):
        for item in value.values():
            check_finite(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            check_finite(item)


def present(outputs: tuple[Output, ...], result: Any) -> dict[str, Any]:
    """The displayed strings of every output of a result (the parity tests compare exactly this)."""
    if not isinstance(result, dict):
        raise CalcError("INTERNAL", INTERNAL_MESSAGE)
    return {output.name: output.present(result.get(output.name)) for output in outputs}
