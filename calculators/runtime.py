"""Helpers that calculator logic may call, each with a twin of the same name in runtime.js.

Display rounding is ours, not Python's `round`/`format` nor JavaScript's
`toFixed`: both runtimes take the shortest decimal that round-trips the float
(Python `repr`, JavaScript `String`), round it half away from zero on the digit
string, and never print a minus sign on zero. tests/test_calc_runtime_parity.py
proves the twins agree.
"""
from __future__ import annotations

import math
from decimal import Decimal

from .errors import ProjectError

__all__ = ["CalcError", "fmt_fixed", "fmt_number", "round_half_away"]

ARITHMETIC_MESSAGE = "This input cannot be computed: a result is out of range (division by zero or overflow)."
INTERNAL_MESSAGE = "Internal error in this calculator; please report the input that caused it."


class CalcError(ProjectError):
    """An input the calculator refuses, with a stable key, a reader's message and the field to show it beside."""

    def __init__(self, key: str, message: str, field: str | None = None) -> None:
        self.key = key
        self.message = message
        self.field = field
        super().__init__(message)


def _shortest_digits(value: float) -> tuple[str, int]:
    """Digits and exponent of the shortest decimal that round-trips |value| (value = digits × 10**exponent)."""
    sign, digits, exponent = Decimal(repr(abs(value))).as_tuple()
    text = "".join(str(digit) for digit in digits).lstrip("0") or "0"
    return text, int(exponent) if text != "0" else 0


def _increment(digits: str) -> str:
    """Add one to a string of decimal digits."""
    result = list(digits)
    index = len(result) - 1
    while index >= 0:
        if result[index] != "9":
            result[index] = chr(ord(result[index]) + 1)
            return "".join(result)
        result[index] = "0"
        index -= 1
    return "1" + "".join(result)


def fmt_fixed(value: float, decimals: int) -> str:
    """Format a number with exactly `decimals` decimals, half away from zero, never '-0'; the one display rounding."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or isinstance(decimals, bool) or not isinstance(decimals, int) or not 0 <= decimals <= 20:
        raise CalcError("INTERNAL", INTERNAL_MESSAGE)
    if not math.isfinite(value):
        raise CalcError("ARITHMETIC", ARITHMETIC_MESSAGE)
    digits, exponent = _shortest_digits(float(value)) if isinstance(value, float) else (str(abs(value)), 0)
    shift = exponent + decimals
    if shift >= 0:
        scaled = digits + "0" * shift
    else:
        keep = len(digits) + shift
        if keep < 0:
            scaled = "0"
        elif keep == 0:
            scaled = "1" if digits[0] >= "5" else "0"
        else:
            scaled = digits[:keep]
            if digits[keep] >= "5":
                scaled = _increment(scaled)
    scaled = scaled.lstrip("0") or "0"
    if decimals > 0:
        scaled = scaled.rjust(decimals + 1, "0")
        scaled = scaled[:-decimals] + "." + scaled[-decimals:]
    negative = value < 0 and scaled.strip("0.") != ""
    return ("-" if negative else "") + scaled


def fmt_number(value: float, decimals: int = 2) -> str:
    """Format a number with at most `decimals` decimals and no trailing zeros (72.5, 20, 0.25)."""
    text = fmt_fixed(value, decimals)
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def round_half_away(value: float, decimals: int) -> float:
    """Round a value the way the display does, for a result that must equal what is shown."""
    return float(fmt_fixed(value, decimals))
