"""Small composable validators: each accepts a value or raises ValueError saying what is accepted.

Field declarations (calculators/fields.py) and directive options (kb/options.py) check their
values with the same functions; the message names the value (cut by `shown`) and what is
accepted, and the caller prefixes the field or option it belongs to.
"""
from __future__ import annotations

import reprlib
from collections.abc import Callable, Sequence
from typing import Any

Validator = Callable[[Any], Any]
SHOWN_LIMIT = 80
_SHOWN = reprlib.Repr()
_SHOWN.maxstring = SHOWN_LIMIT
_SHOWN.maxother = SHOWN_LIMIT
_SHOWN.maxlist = _SHOWN.maxtuple = _SHOWN.maxdict = _SHOWN.maxset = 6
_SHOWN.maxlevel = 3


def shown(value: Any) -> str:
    """A value quoted for an error message, at most about 80 characters however large or nested it is.

    reprlib stops after a few items and levels, so even a structure that YAML built by
    sharing one node many times is never walked whole.
    """
    text = _SHOWN.repr(value)
    return text if len(text) <= SHOWN_LIMIT else text[: SHOWN_LIMIT - 1] + "…"


def type_string(value: Any) -> str:
    """Accept a non-empty string."""
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"must be a non-empty text (got {shown(value)})")
    return value


def type_boolean(value: Any) -> bool:
    """Accept true/false (YAML booleans only, so 'no' typed as text is not silently false)."""
    if not isinstance(value, bool):
        raise ValueError(f"must be true or false (got {shown(value)})")
    return value


def type_choice(choices: Sequence[str]) -> Validator:
    """Accept one of the given names."""

    def check(value: Any) -> str:
        if value not in choices:
            raise ValueError(f"must be one of {', '.join(choices)} (got {shown(value)})")
        return str(value)

    return check


def type_ranged_number(minimum: float | None = None, maximum: float | None = None, integer: bool = False) -> Validator:
    """Accept a number (optionally whole) within [minimum, maximum]."""

    def check(value: Any) -> float | int:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or (integer and not isinstance(value, int)):
            kind = "a whole number" if integer else "a number"
            raise ValueError(f"must be {kind} (got {shown(value)})")
        if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
            raise ValueError(f"must be between {minimum} and {maximum} (got {shown(value)})")
        return value

    return check


def type_string_list(value: Any) -> list[str]:
    """Accept a list of non-empty strings, or one string (a list of one)."""
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(item, str) and item.strip() for item in items):
        raise ValueError(f"must be a list of texts (got {shown(value)})")
    return list(items)


def type_mapping(value: Any) -> dict[str, Any]:
    """Accept a mapping of names to scalar values."""
    if not isinstance(value, dict) or not all(isinstance(key, str) for key in value):
        raise ValueError(f"must be 'name: value' pairs (got {shown(value)})")
    return dict(value)
