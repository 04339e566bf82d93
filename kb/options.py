"""Small composable validators for directive options (the pymdownx Blocks idea, our error text).

A schema maps option name → Option(default, validator). `validate_options`
rejects unknown names and bad values with a message naming the option, the
value, and what is accepted; callers turn that into `docs/page.md:LINE: …`.
"""
from __future__ import annotations

import reprlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

Validator = Callable[[Any], Any]
_MISSING = object()
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


class OptionError(ValueError):
    """A bad option value; `option` names it so the caller can point at its line."""

    def __init__(self, option: str, reason: str) -> None:
        self.option = option
        self.reason = reason
        super().__init__(reason)


@dataclass(frozen=True)
class Option:
    """One accepted option: its default (or required) and its validator."""

    validator: Validator
    default: Any = _MISSING
    help: str = ""

    @property
    def required(self) -> bool:
        """True when the option has no default and must be written."""
        return self.default is _MISSING


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


def validate_options(given: Mapping[str, Any], schema: Mapping[str, Option], kind: str) -> dict[str, Any]:
    """Check given options against the schema; return them with defaults filled in."""
    unknown = sorted(set(given) - set(schema))
    if unknown:
        raise OptionError(unknown[0], f"{kind} directive: unknown option {shown(unknown[0])} (accepted: {', '.join(sorted(schema))})")
    result: dict[str, Any] = {}
    for name, option in schema.items():
        if name in given:
            try:
                result[name] = option.validator(given[name])
            except ValueError as error:
                raise OptionError(name, f"{kind} directive: option '{name}' {error}") from None
        elif option.required:
            raise OptionError(name, f"{kind} directive: option '{name}' is required")
        else:
            result[name] = option.default
    return result
