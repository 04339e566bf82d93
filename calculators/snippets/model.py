"""A command snippet: a template with @@name@@ placeholders, typed variables, and the rules between them.

Placeholder syntax: ``@@name@@`` with name ``[a-z][a-z0-9_]*``. Two at-signs never occur in
shell (`$@` is one), awk, Jinja (`{{ }}`), TSM macros, cmd or systemd units, so a template is
written exactly as the command reads. Any other ``@@`` in a template is a definition error.
Substitution is one pass: a value that itself contains ``@@x@@`` is not expanded again.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from calculators.snippets.kinds import KINDS, MESSAGES, ValueKind, check_value, fill, show_value

from ..errors import ProjectError

PLACEHOLDER = re.compile(r"@@([a-z][a-z0-9_]*)@@")
PLACEHOLDER_SOURCE = PLACEHOLDER.pattern

Language = Literal["bash", "bat", "text"]
Checker = Literal["shell", "windows-cmd", "tsm-admin", "interfaces"]
CaveatLevel = Literal["reconstructed", "unconfirmed"]


class SnippetDefinitionError(ProjectError, ValueError):
    """A snippet in the catalog is inconsistent (a programming error: the build must stop)."""


class SnippetValueError(ProjectError, ValueError):
    """Some variable values are invalid; `errors` maps each variable to its message."""

    def __init__(self, snippet: str, errors: Mapping[str, str]) -> None:
        self.snippet = snippet
        self.errors = dict(errors)
        super().__init__("; ".join(self.errors.values()))


@dataclass(frozen=True)
class Variable:
    """A value the reader fills in: its name (form field, URL query key, CLI flag), kind and default."""

    name: str
    kind: ValueKind
    default: str
    label: str


@dataclass(frozen=True)
class Derived:
    """A value computed from another by swapping a prefix (ent17 → en17): data, so the browser needs no formula."""

    name: str
    source: str
    strip_prefix: str
    add_prefix: str
    label: str

    def value_from(self, source_value: str) -> str:
        """The derived value for a valid source value."""
        return self.add_prefix + source_value[len(self.strip_prefix):]


@dataclass(frozen=True)
class Caveat:
    """A note shown with the snippet (on screen and in print): what is reconstructed or unconfirmed."""

    level: CaveatLevel
    text: str
    title: str = ""  # replaces the level's default title ("Reconstructed", "Unconfirmed") when given


@dataclass(frozen=True)
class Snippet:
    """One copy-ready command or file template and everything needed to fill and check it."""

    name: str
    summary: str
    language: Language
    checker: Checker
    template: str
    variables: tuple[Variable, ...] = ()
    derived: tuple[Derived, ...] = ()
    distinct: tuple[tuple[str, ...], ...] = ()
    caveats: tuple[Caveat, ...] = ()
    filename: str = ""
    sources: str = ""
    placeholders: tuple[str, ...] = field(init=False, default=())

    def __post_init__(self) -> None:
        object.__setattr__(self, "placeholders", tuple(dict.fromkeys(PLACEHOLDER.findall(self.template + self.filename))))
        _check_definition(self)

    def variable(self, name: str) -> Variable:
        """The variable called `name` (KeyError when there is none)."""
        for variable in self.variables:
            if variable.name == name:
                return variable
        raise KeyError(name)

    @property
    def defaults(self) -> dict[str, str]:
        """Every variable's default value."""
        return {variable.name: variable.default for variable in self.variables}


def _check_definition(snippet: Snippet) -> None:
    """Reject a template whose placeholders, variables, defaults and rules do not line up."""
    where = f"snippet {snippet.name!r}"
    if not re.fullmatch(r"[a-z][a-z0-9-]*", snippet.name):
        raise SnippetDefinitionError(f"{where}: the name must be lowercase letters, digits and -")
    stray = PLACEHOLDER.sub("", snippet.template + "\n" + snippet.filename)
    if "@@" in stray:
        raise SnippetDefinitionError(f"{where}: '@@' outside a @@name@@ placeholder")
    names = [variable.name for variable in snippet.variables] + [derived.name for derived in snippet.derived]
    if len(set(names)) != len(names):
        raise SnippetDefinitionError(f"{where}: a variable name is declared twice")
    unknown = sorted(set(snippet.placeholders) - set(names))
    unused = sorted(set(names) - set(snippet.placeholders))
    if unknown:
        raise SnippetDefinitionError(f"{where}: placeholder @@{unknown[0]}@@ has no variable")
    if unused:
        raise SnippetDefinitionError(f"{where}: variable {unused[0]!r} is not used in the template")
    for variable in snippet.variables:
        if KINDS.get(variable.kind.name) is not variable.kind:
            raise SnippetDefinitionError(f"{where}: variable {variable.name!r} uses an unregistered kind")
        problem = check_value(variable.kind, variable.name, variable.default)
        if problem:
            raise SnippetDefinitionError(f"{where}: default invalid: {problem}")
    variable_names = {variable.name for variable in snippet.variables}
    for derived in snippet.derived:
        if derived.source not in variable_names:
            raise SnippetDefinitionError(f"{where}: derived {derived.name!r} reads unknown {derived.source!r}")
        if not snippet.variable(derived.source).kind.body.startswith(derived.strip_prefix):
            raise SnippetDefinitionError(f"{where}: derived {derived.name!r}: source kind does not start with {derived.strip_prefix!r}")
    for group in snippet.distinct:
        if len(group) < 2 or not set(group) <= variable_names:
            raise SnippetDefinitionError(f"{where}: distinct group {group!r} must name two or more variables")


def resolve_values(snippet: Snippet, given: Mapping[str, str]) -> dict[str, str]:
    """Defaults overlaid with the given values; a name the snippet does not have raises KeyError."""
    for name in given:
        snippet.variable(name)
    return {**snippet.defaults, **{name: str(value) for name, value in given.items()}}


def find_errors(snippet: Snippet, values: Mapping[str, str]) -> dict[str, str]:
    """Why each invalid variable is invalid (empty when all are fine): kind checks first, then distinct groups."""
    errors: dict[str, str] = {}
    for variable in snippet.variables:
        problem = check_value(variable.kind, variable.name, values[variable.name])
        if problem:
            errors[variable.name] = problem
    if errors:
        return errors
    for group in snippet.distinct:
        for position, name in enumerate(group):
            for earlier in group[:position]:
                if values[name] == values[earlier] and name not in errors:
                    errors[name] = fill(
                        MESSAGES["duplicate"],
                        {"variable": name, "value": show_value(values[name]), "other": earlier, "group": ", ".join(group)},
                    )
    return errors


def complete_values(snippet: Snippet, values: Mapping[str, str]) -> dict[str, str]:
    """The variable values plus every derived value (call only with valid values)."""
    complete = dict(values)
    for derived in snippet.derived:
        complete[derived.name] = derived.value_from(values[derived.source])
    return complete


def substitute(text: str, values: Mapping[str, str]) -> str:
    """Replace each @@name@@ in one pass (same rule as the browser runtime)."""
    return PLACEHOLDER.sub(lambda match: values[match.group(1)], text)


def render_text(snippet: Snippet, given: Mapping[str, str] | None = None) -> str:
    """The filled-in snippet text for the given values (defaults elsewhere); invalid values raise SnippetValueError."""
    values = resolve_values(snippet, given or {})
    errors = find_errors(snippet, values)
    if errors:
        raise SnippetValueError(snippet.name, errors)
    return substitute(snippet.template, complete_values(snippet, values))


def render_filename(snippet: Snippet, given: Mapping[str, str] | None = None) -> str:
    """The filled-in file name shown above the block (empty when the snippet has none)."""
    values = resolve_values(snippet, given or {})
    errors = find_errors(snippet, values)
    if errors:
        raise SnippetValueError(snippet.name, errors)
    return substitute(snippet.filename, complete_values(snippet, values))
