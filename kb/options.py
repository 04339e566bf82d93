"""Directive options checked against a schema (the pymdownx Blocks idea, our error text).

A schema maps option name → Option(default, validator). `validate_options`
rejects unknown names and bad values with a message naming the option, the
value, and what is accepted; callers turn that into `docs/page.md:LINE: …`.
The validators themselves live in calculators/validators.py (field declarations
use them too) and are re-exported here for the directives.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from calculators.errors import ProjectError
from calculators.validators import (
    Validator,
    shown,
    type_boolean,
    type_choice,
    type_mapping,
    type_ranged_number,
    type_string,
    type_string_list,
)

__all__ = [
    "Option", "OptionError", "Validator", "shown", "type_boolean", "type_choice", "type_mapping", "type_ranged_number",
    "type_string", "type_string_list", "validate_options",
]
_MISSING = object()


class OptionError(ProjectError, ValueError):
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
