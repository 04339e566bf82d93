"""Message templates for input errors, shared word for word by Python and the page.

The page carries this table as data and both runtimes fill it with the same
one-pass `{name}` substitution, so the browser and the CLI cannot drift apart.
"""
from __future__ import annotations

import re
from collections.abc import Mapping

from .booleans import ACCEPTED

TEMPLATES: dict[str, str] = {
    "required": "{label}: a value is required{example}",
    "number": "{label}: '{text}' is not a number; enter {accepts}",
    "unit": "{label}: unknown unit '{unit}' in '{text}' (accepted: {accepted})",
    "dimension": "{label} must be a {dimension} such as {examples} (got '{text}')",
    "range": "{label} must be {range} (got '{text}')",
    "integer": "{label}: '{text}' is not a whole number; {range} accepted",
    "choice": "{label}: '{text}' is not one of: {accepted}",
    "boolean": "{label}: '{text}' is not yes or no (accepted: " + ACCEPTED + ")",
    "pattern": "{label}: '{text}' is not valid: {hint}",
    "length": "{label}: the text is longer than {limit} characters",
    "items": "{label}: {count} given, {range} accepted",
    "item": "{label}: item '{text}' is not valid: {hint}",
    "duplicate": "{label}: '{text}' is listed twice",
}

# The templates each field kind can raise besides "required" (bundle.py ships only these to a page).
KEYS_BY_KIND: dict[str, tuple[str, ...]] = {
    "number": ("number", "integer", "range"),
    "quantity": ("number", "unit", "dimension", "range"),
    "choice": ("choice",),
    "boolean": ("boolean",),
    "text": ("pattern", "length"),
    "list": ("item", "duplicate", "items"),
}

_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def fill(key: str, params: Mapping[str, str]) -> str:
    """Fill an error template in one pass (text typed by the user is never re-expanded)."""
    return _PLACEHOLDER.sub(lambda match: params.get(match.group(1), ""), TEMPLATES[key])
