"""The reader's profile: one value per variable the snippets and calculators use, shared across pages.

A variable's public name is the name in the URL query with `_` written `-` (`server_name` → `server-name`,
the calculators' field keys as they are). One public name is one value: `server-name` fills the certificate
pages' and the LDAP page's snippets alike. A value is checked by every rule of every place that uses the
name (a calculator field's parser, a snippet variable's kind), the same checks as where it is typed.

In the browser the profile lives in localStorage (kb/profile.js); for the printed runbook,
`KB_PROFILE=profile.json` makes the build render every snippet and calculator with the profile's values
and the PDF cover name the file and a short hash. The file: `{"values": {"<public name>": "<text>", …}}`.
A bad value or an unknown name stops the build with one line (ProfileError).
"""
from __future__ import annotations

import hashlib
import html
import json
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from calculators.errors import ProjectError

ENVIRONMENT = "KB_PROFILE"
SHOWN_CHARACTERS = 60


class ProfileError(ProjectError, ValueError):
    """A profile file that cannot be used; the message is one line naming the file, the variable and the fix."""


@dataclass(frozen=True)
class Use:
    """One place that uses a variable: a calculator field or a snippet variable, with its own check."""

    kind: str          # "calculator" or "snippet"
    owner: str         # the calculator's or the snippet's name
    name: str          # the field or variable name there (its URL key: field key or variable name)
    label: str
    accepted: str
    check: Callable[[str], str | None]   # None when the text is accepted there, else the message
    data: tuple[str, ...]                # what the browser needs to run the same check


@dataclass(frozen=True)
class Profile:
    """A loaded, checked profile: where it came from and its values by public name."""

    file_name: str
    short_hash: str
    values: Mapping[str, str]

    def cover_text(self) -> str:
        """'profile.json (sha256 1a2b3c4d5e6f)': what the PDF cover says."""
        return f"{self.file_name} (sha256 {self.short_hash})"


def public_name(name: str) -> str:
    """The profile's name of a field key or a snippet variable name: lower case with hyphens."""
    return name.replace("_", "-")


def _field_check(field: Any) -> Callable[[str], str | None]:
    """A calculator field's parser as a check (the message of its FieldError)."""
    from calculators.fields import FieldError

    def check(text: str) -> str | None:
        try:
            field.parse(text)
        except FieldError as error:
            return error.message
        return None
    return check


def _snippet_check(kind: Any, variable: str) -> Callable[[str], str | None]:
    """A snippet variable's kind as a check."""
    from calculators.snippets.kinds import check_value

    return lambda text: check_value(kind, variable, text) or None


@lru_cache(maxsize=1)
def variables() -> dict[str, tuple[Use, ...]]:
    """Every public name, sorted, with the places that use it (calculators in registry order, then snippets)."""
    from calculators.registry import all_calculators
    from calculators.snippets import SNIPPETS

    found: dict[str, list[Use]] = {}
    for calculator in all_calculators().values():
        for field in calculator.fields:
            found.setdefault(public_name(field.key), []).append(Use(
                "calculator", calculator.name, field.key, field.label, field.accepted_text(), _field_check(field),
                ("calculator", calculator.name, field.key)))
    for snippet in SNIPPETS.values():
        for variable in snippet.variables:
            found.setdefault(public_name(variable.name), []).append(Use(
                "snippet", snippet.name, variable.name, variable.label, variable.kind.accepted,
                _snippet_check(variable.kind, variable.name), ("snippet", snippet.name, variable.name, variable.kind.name)))
    return {name: tuple(found[name]) for name in sorted(found)}


def shown(text: str) -> str:
    """A value quoted in a message: escaped control characters, at most 60 characters."""
    quoted = json.dumps(text, ensure_ascii=False)[1:-1]
    return quoted if len(quoted) <= SHOWN_CHARACTERS else quoted[:SHOWN_CHARACTERS] + "…"


def problem(name: str, text: str) -> str | None:
    """Why `text` is not accepted for the variable (the first place that refuses it), or None."""
    uses = variables().get(name)
    if uses is None:
        return f"unknown variable '{shown(name)}' (no snippet or calculator uses it; the Profile page lists the names)"
    if not text.strip():
        return f"variable '{name}' is empty (leave the name out to keep the pages' defaults)"
    for use in uses:
        message = use.check(text)
        if message:
            return f"variable '{name}' value '{shown(text)}' is not accepted by {use.kind} {use.owner}: {message}"
    return None


def parse_profile(text: str, file_name: str) -> Profile:
    """Check a profile's text; ProfileError (one line) on bad JSON, a wrong shape, an unknown name or a bad value."""
    where = f"{ENVIRONMENT} {file_name}"
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ProfileError(f"{where}: not JSON: line {error.lineno} column {error.colno}: {error.msg}") from None
    if not isinstance(data, dict) or set(data) != {"values"} or not isinstance(data["values"], dict):
        raise ProfileError(f'{where}: expected {{"values": {{"<public name>": "<text>", ...}}}} and nothing else')
    values: dict[str, str] = {}
    for name, value in data["values"].items():
        if not isinstance(value, str):
            raise ProfileError(f"{where}: variable '{shown(name)}' must be text (got {shown(json.dumps(value))}); quote it")
        message = problem(name, value)
        if message:
            raise ProfileError(f"{where}: {message}")
        values[name] = value.strip()
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
    return Profile(file_name=file_name, short_hash=digest, values=values)


def load_profile(path: str, base: Path | None = None) -> Profile:
    """Read and check the profile file at `path` (relative to `base`, the project directory)."""
    file = Path(path) if base is None or Path(path).is_absolute() else base / path
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ProfileError(f"{ENVIRONMENT} {path}: cannot read: {getattr(error, 'strerror', None) or error}") from None
    return parse_profile(text, Path(path).name)


_active: list[Profile] = []


def activate(base: Path) -> Profile | None:
    """Load the profile named by KB_PROFILE for this build (none when unset); ProfileError stops the build."""
    _active.clear()
    path = os.environ.get(ENVIRONMENT, "").strip()
    if path:
        _active.append(load_profile(path, base))
    return current()


def current() -> Profile | None:
    """The profile of this build, or None."""
    return _active[0] if _active else None


def values_for(kind: str, owner: str, names: list[str]) -> dict[str, str]:
    """The active profile's values for one calculator's field keys or one snippet's variable names."""
    profile = current()
    if profile is None:
        return {}
    return {name: profile.values[public_name(name)] for name in names if public_name(name) in profile.values}


def profile_list_html() -> str:
    """The Profile page's list: one row per public name with an input, the places that use it and what they accept."""
    rows = []
    for name, uses in variables().items():
        places = "".join(
            f'<li><span class="kb-profile-use">{html.escape(use.kind)} <code>{html.escape(use.owner)}</code></span>: '
            f'{html.escape(use.label)}; accepts {html.escape(use.accepted or "any text")}</li>' for use in uses)
        element_id = f"kb-profile-{name}"
        # the calculators' runtimes read a field's label from label[for=kb-CALC-KEY] for their messages
        extra_labels = "".join(
            f'<label hidden for="kb-{html.escape(use.owner)}-{html.escape(use.name)}">{html.escape(use.label)}</label>'
            for use in uses if use.kind == "calculator")
        data = html.escape(json.dumps([list(use.data) for use in uses]), quote=True)
        rows.append(
            f'<div class="kb-profile-row" data-kb-profile-name="{html.escape(name)}">'
            f'<label for="{html.escape(element_id)}"><code>{html.escape(name)}</code></label>'
            f'<input type="text" id="{html.escape(element_id)}" name="{html.escape(name)}" data-kb-uses="{data}" '
            f'autocomplete="off" spellcheck="false">{extra_labels}'
            f'<span class="kb-profile-message" data-kb-profile-message="{html.escape(name)}" aria-live="polite"></span>'
            f'<ul class="kb-profile-uses">{places}</ul></div>')
    return (
        '<div class="kb-profile" data-kb-profile-page>'
        '<p class="kb-profile-actions kb-interactive" hidden>'
        '<button type="button" class="md-button" data-kb-profile-export>Export JSON</button> '
        '<label class="md-button kb-profile-import">Import JSON '
        '<input type="file" accept=".json,application/json" data-kb-profile-import hidden></label> '
        '<button type="button" class="md-button" data-kb-profile-clear>Clear the profile</button> '
        '<span class="kb-profile-status" data-kb-profile-status aria-live="polite"></span></p>'
        f'<form class="kb-profile-form" autocomplete="off">{"".join(rows)}</form></div>'
    )


def calculator_names() -> list[str]:
    """Calculators whose scripts the Profile page loads to check values with their own parsers."""
    return sorted({use.owner for uses in variables().values() for use in uses if use.kind == "calculator"})
