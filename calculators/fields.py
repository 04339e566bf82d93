"""Field kinds of a calculator: declared as data, checked by small validators, parsed from text.

Every field turns the text a reader typed (form, URL query, CLI flag) into one
typed value or a FieldError with a stable key and a message naming the field,
the value and what is accepted. runtime.js holds the browser twin of `parse`;
both work from the same `spec()` data, and tests/test_parity_*.py prove they agree.
"""
from __future__ import annotations

import math
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from dataclasses import fields as dataclass_fields
from types import FrameType
from typing import Any, ClassVar

from . import messages
from . import units as pint_units
from .booleans import boolean_word
from .errors import ProjectError
from .runtime import CalcError, fmt_number
from .validators import Validator, type_boolean, type_choice, type_ranged_number, type_string

BLANK = " \t\r\n\u00a0"
MAX_SAFE_INTEGER = 2**53 - 1
NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?", re.ASCII)
NUMBER_AND_UNIT = re.compile(r"([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)[ \t\u00a0]*(.*)", re.ASCII | re.DOTALL)
INTEGER = re.compile(r"[+-]?[0-9]+", re.ASCII)
LIST_SEPARATORS = re.compile(r"[ ,\t\r\n\u00a0]+")
_BLANKS = re.compile(r"[ \t\r\n\u00a0]+")
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
# Regex syntax whose meaning differs between Python `re` and JavaScript RegExp (or exists in one only).
_UNPORTABLE_REGEX = re.compile(r"\(\?P|\(\?<|\(\?#|\(\?[aiLmsux]|\\[sSbBAZzuxNpPG]|\{,|(?<![\\\[])\^|(?<!\\)\$|(?<![\\\[])\.(?![^\[]*\])")

class FieldError(CalcError):
    """A field's text that is not accepted: key, message and the field's name."""


class DeclarationError(ProjectError, ValueError):
    """A calculator's declaration is wrong; the message starts with the declaring file:line."""


class UnregisteredError(ProjectError, RuntimeError):
    """A quantity field parsed before the registry handed it the unit vocabulary (a programming error)."""


SHOWN_TEXT_LIMIT = 60
# Template parameters that quote what the reader typed; runtime.js cuts the same ones.
QUOTED_PARAMS = ("text", "unit")


def shown_text(text: str) -> str:
    """Typed text as an error quotes it: at most 60 characters and '…', so a 100 KB paste gives a one-line message."""
    return text if len(text) <= SHOWN_TEXT_LIMIT else text[:SHOWN_TEXT_LIMIT] + "\u2026"


def strip_blank(text: str) -> str:
    """Strip the blanks both runtimes agree on (space, tab, CR, LF, no-break space)."""
    return text.strip(BLANK)


def ascii_lower(text: str) -> str:
    """Lower-case ASCII letters only (Unicode case rules differ between runtimes)."""
    return text.translate(_ASCII_LOWER)


def alias_key(text: str) -> str:
    """The lookup form of a name: blanks removed, ASCII lower case ('700 C' → '700c')."""
    return ascii_lower(_BLANKS.sub("", text))


def integer_value(text: str) -> int | float:
    """The value of an INTEGER text; ±inf when it has more than 17 significant digits.

    Leading zeros and a sign are fine at any length ('00000000000000000005' is 5, as in the
    browser's Number()); a longer value is out of every integer field's range (bounds stay
    within 2**53), and int() of thousands of digits would be slow or refused.
    """
    negative = text.startswith("-")
    digits = text.lstrip("+-").lstrip("0")
    if len(digits) > 17:
        return -math.inf if negative else math.inf
    return -int(digits or "0") if negative else int(digits or "0")


def _filled(template: str, matched: re.Match[str]) -> str:
    """The rewrite template with each `{n}` replaced by group n of the match (empty when that group took no part)."""
    return re.sub(r"\{([0-9])\}", lambda ref: matched.group(int(ref.group(1))) or "", template)


def _declared_at() -> str:
    """file:line of the calculator module that is declaring a field (for declaration errors)."""
    frame: FrameType | None = sys._getframe(1)
    here = __file__
    while frame is not None and (
        frame.f_code.co_filename in (here,) or "dataclasses" in frame.f_code.co_filename or frame.f_code.co_filename == "<string>"
    ):
        frame = frame.f_back
    if frame is None:
        return "<unknown>"
    return f"{_relative(frame.f_code.co_filename)}:{frame.f_lineno}"


def _relative(path: str) -> str:
    """A path relative to the project root when it is inside it."""
    marker = "/calculators/"
    return "calculators/" + path.split(marker, 1)[1] if marker in path else path


def portable_regex(value: Any) -> str:
    """Accept a regex that means the same in Python `re` (ASCII) and JavaScript RegExp."""
    pattern = type_string(value)
    bad = _UNPORTABLE_REGEX.search(pattern)
    if bad:
        raise ValueError(f"uses '{bad.group(0)}', which Python and JavaScript read differently (got {pattern!r}); "
                         "write explicit classes such as [ ] or [0-9], escape dots")
    try:
        re.compile(pattern, re.ASCII)
    except re.error as error:
        raise ValueError(f"is not a valid regex: {error} (got {pattern!r})") from None
    return pattern


def identifier(value: Any) -> str:
    """Accept a lower-case Python identifier (it becomes a CLI flag and URL key with '-' for '_')."""
    if not isinstance(value, str) or not re.fullmatch(r"[a-z][a-z0-9_]*", value):
        raise ValueError(f"must be a lower-case identifier like 'rear_share' (got {value!r})")
    return value


def optional(validator: Validator) -> Validator:
    """Accept None or what the validator accepts."""

    def check(value: Any) -> Any:
        return None if value is None else validator(value)

    return check


def tuple_of(validator: Validator) -> Validator:
    """Accept a tuple or list whose items the validator accepts."""

    def check(value: Any) -> tuple[Any, ...]:
        if not isinstance(value, (tuple, list)):
            raise ValueError(f"must be a tuple (got {value!r})")
        return tuple(validator(item) for item in value)

    return check


def pair_of(first: Validator, second: Validator) -> Validator:
    """Accept a 2-tuple whose parts the two validators accept."""

    def check(value: Any) -> tuple[Any, Any]:
        if not isinstance(value, (tuple, list)) or len(value) != 2:
            raise ValueError(f"must be a pair (got {value!r})")
        return first(value[0]), second(value[1])

    return check


def number_map(value: Any) -> dict[str, float]:
    """Accept a mapping of names to numbers (aliases such as '700c' → 622)."""
    if not isinstance(value, Mapping):
        raise ValueError(f"must be a mapping of names to numbers (got {value!r})")
    return {alias_key(type_string(key)): float(type_ranged_number()(number)) for key, number in value.items()}


def _any(value: Any) -> Any:
    """Accept anything (checked elsewhere)."""
    return value


@dataclass(frozen=True)
class Field:
    """What every field has: a name, a label, help, an optional default text, and suggestions."""

    name: str
    label: str
    help: str = ""
    default: str | None = None
    required: bool = True
    suggestions: tuple[tuple[str, str], ...] = ()
    group: str = ""

    kind: ClassVar[str] = "field"
    SCHEMA: ClassVar[dict[str, Validator]] = {
        "name": identifier,
        "label": type_string,
        "help": lambda value: value if isinstance(value, str) else type_string(value),
        "default": optional(type_string),
        "required": type_boolean,
        "suggestions": tuple_of(pair_of(type_string, type_string)),
        "group": lambda value: value if isinstance(value, str) else type_string(value),
    }

    def __post_init__(self) -> None:
        where = _declared_at()
        schema: dict[str, Validator] = {}
        for klass in reversed(type(self).__mro__):
            schema.update(getattr(klass, "SCHEMA", {}) if "SCHEMA" in vars(klass) else {})
        for item in dataclass_fields(self):
            validator = schema.get(item.name, _any)
            try:
                object.__setattr__(self, item.name, validator(getattr(self, item.name)))
            except ValueError as error:
                raise DeclarationError(f"{where}: field '{self.name}': {item.name} {error}") from None
        problem = self.check()
        if problem:
            raise DeclarationError(f"{where}: field '{self.name}': {problem}")
        if self.default is not None:
            try:
                self.parse(self.default)
            except FieldError as error:
                raise DeclarationError(f"{where}: field '{self.name}': default {self.default!r} is not accepted: {error.message}") from None

    @property
    def key(self) -> str:
        """The public name: CLI flag (without --), form input name and URL query key."""
        return self.name.replace("_", "-")

    def check(self) -> str | None:
        """Cross-option consistency of the declaration; None when fine."""
        return None

    def error(self, key: str, **params: str) -> FieldError:
        """Build this field's error from the shared template (the typed text quoted at most 60 characters long)."""
        shown = {name: shown_text(value) if name in QUOTED_PARAMS else value for name, value in params.items()}
        return FieldError(key, messages.fill(key, {"label": self.label, **shown}), self.name)

    def parse(self, raw: str | None) -> Any:
        """Turn typed text into the field's value (or its default, or None when optional and blank)."""
        text = strip_blank(raw) if isinstance(raw, str) else ""
        if text == "":
            if self.default is not None:
                return self.parse_text(strip_blank(self.default))
            if self.required:
                raise self.error("required", example=self.example_suffix())
            return None
        return self.parse_text(text)

    def parse_text(self, text: str) -> Any:
        """Parse non-blank, stripped text (each kind overrides this)."""
        raise NotImplementedError

    def example_suffix(self) -> str:
        """' (e.g. 300 lb)' for messages, or '' when the field has no example."""
        return ""

    def accepted_text(self) -> str:
        """What the field accepts, in a few words for --help and the form's hint."""
        return ""

    def spec(self) -> dict[str, Any]:
        """The field as data for the page (the browser parses with this)."""
        return {
            "name": self.name,
            "key": self.key,
            "kind": self.kind,
            "label": self.label,
            "default": self.default,
            "required": self.required,
            "example": self.example_suffix(),
        }


def _range_text(minimum: float | None, maximum: float | None, unit: str, exclusive_minimum: bool = False) -> str:
    """'20–700 lb', 'more than 0 and at most 300 psi', 'at least 1'."""
    suffix = f" {unit}" if unit else ""
    low = fmt_number(minimum, 4) if minimum is not None else None
    high = fmt_number(maximum, 4) if maximum is not None else None
    if low is not None and high is not None:
        return f"more than {low} and at most {high}{suffix}" if exclusive_minimum else f"{low}–{high}{suffix}"
    if low is not None:
        return f"more than {low}{suffix}" if exclusive_minimum else f"at least {low}{suffix}"
    if high is not None:
        return f"at most {high}{suffix}"
    return f"any number{suffix}"


@dataclass(frozen=True)
class NumberField(Field):
    """A plain number (casing factor 1.05) within a range; `integer=True` for whole numbers."""

    minimum: float | None = None
    maximum: float | None = None
    exclusive_minimum: bool = False
    integer: bool = False
    unit_label: str = ""
    examples: tuple[str, ...] = ()

    kind: ClassVar[str] = "number"
    SCHEMA: ClassVar[dict[str, Validator]] = {
        "minimum": optional(type_ranged_number()),
        "maximum": optional(type_ranged_number()),
        "exclusive_minimum": type_boolean,
        "integer": type_boolean,
        "unit_label": lambda value: value if isinstance(value, str) else type_string(value),
        "examples": tuple_of(type_string),
    }

    def check(self) -> str | None:
        if self.minimum is not None and self.maximum is not None and self.minimum > self.maximum:
            return f"minimum {self.minimum} is above maximum {self.maximum}"
        if self.integer and any(abs(bound) > MAX_SAFE_INTEGER for bound in (self.minimum, self.maximum) if bound is not None):
            return f"integer bounds must stay within ±{MAX_SAFE_INTEGER} (JavaScript numbers are exact up to there)"
        if self.integer and (self.minimum is None or self.maximum is None):
            return "an integer field needs both minimum and maximum (JavaScript integers are exact only up to 2**53)"
        return None

    def range_text(self) -> str:
        """The accepted range in words."""
        return _range_text(self.minimum, self.maximum, self.unit_label, self.exclusive_minimum)

    def example_suffix(self) -> str:
        return f" (e.g. {self.examples[0]})" if self.examples else ""

    def accepted_text(self) -> str:
        return ("whole number " if self.integer else "") + self.range_text()

    def number_hint(self) -> str:
        """What to enter instead of a non-number, in one line: 'a whole number 1–100', '20–700 lb, e.g. 300 lb'."""
        accepted = ("a whole number " if self.integer else "") + self.range_text()
        return accepted + (f", e.g. {self.examples[0]}" if self.examples else "")

    def in_range(self, value: float) -> bool:
        """True when a value is inside the declared range."""
        if not math.isfinite(value):
            return False
        if self.minimum is not None and (value <= self.minimum if self.exclusive_minimum else value < self.minimum):
            return False
        return self.maximum is None or value <= self.maximum

    def parse_text(self, text: str) -> float | int:
        if self.integer:
            if not INTEGER.fullmatch(text):
                if NUMBER.fullmatch(text):
                    raise self.error("integer", text=text, range=self.range_text())
                raise self.error("number", text=text, accepts=self.number_hint())
            value: float | int = integer_value(text)
        else:
            if not NUMBER.fullmatch(text):
                raise self.error("number", text=text, accepts=self.number_hint())
            value = float(text)
        if not self.in_range(value):
            raise self.error("range", text=text, range=self.range_text())
        return value

    def spec(self) -> dict[str, Any]:
        return {
            **super().spec(),
            "min": self.minimum,
            "max": self.maximum,
            "exclusive_min": self.exclusive_minimum,
            "integer": self.integer,
            "range": self.range_text(),
            "accepts": self.number_hint(),
        }


@dataclass(frozen=True)
class QuantityField(NumberField):
    """A number with a unit ('28 mm', '2.25"', '136 kg'); the value is in the canonical `unit`.

    `units` are the accepted spellings, the first one is assumed for a bare number.
    `aliases` map names to canonical values ('700c' → 622); `rewrites` turn another
    notation into number + unit before parsing (ETRTO '28-622' → '28 mm').
    """

    dimension: str = ""
    unit: str = ""
    units: tuple[str, ...] = ()
    aliases: Mapping[str, float] = field(default_factory=dict)
    rewrites: tuple[tuple[str, str], ...] = ()
    alias_examples: tuple[str, ...] = ()

    kind: ClassVar[str] = "quantity"
    SCHEMA: ClassVar[dict[str, Validator]] = {
        "dimension": type_choice(tuple(pint_units.DIMENSION_WORDS)),
        "unit": type_string,
        "units": tuple_of(type_string),
        "aliases": number_map,
        "rewrites": tuple_of(pair_of(portable_regex, type_string)),
        "alias_examples": tuple_of(type_string),
    }

    def check(self) -> str | None:
        problem = super().check()
        if problem:
            return problem
        if not self.units:
            return "units must list at least one accepted spelling"
        for spelling in (self.unit, *self.units):
            reason = pint_units.check_spelling(spelling, self.dimension)
            if reason:
                return reason
        if not self.examples:
            return "examples must give at least one example such as '28 mm'"
        for name in self.alias_examples:
            if alias_key(name) not in self.aliases:
                return f"alias_examples: {name!r} is not one of the aliases"
        for pattern, template in self.rewrites:
            groups = re.compile(pattern, re.ASCII).groups
            if any(int(number) > groups for number in re.findall(r"\{([0-9])\}", template)):
                return f"rewrite template {template!r} refers to a group that {pattern!r} does not have"
        return None

    _vocabulary: ClassVar[Mapping[str, str] | None] = None  # set on each instance by use_vocabulary

    def use_vocabulary(self, vocabulary: Mapping[str, str]) -> None:
        """Take the spelling → dimension table of every calculator (calculators/registry.py hands it down once)."""
        object.__setattr__(self, "_vocabulary", vocabulary)

    def vocabulary(self) -> Mapping[str, str]:
        """Spelling → dimension of every unit any calculator accepts: a known spelling of another dimension
        gets 'must be a length' rather than 'unknown unit' (the page carries the same table)."""
        if self._vocabulary is None:
            raise UnregisteredError(f"field '{self.name}' has no unit vocabulary yet: take calculators from "
                                    "calculators.registry (get, all_calculators), which hands it down")
        return self._vocabulary

    @property
    def display_unit(self) -> str:
        """The unit shown in ranges and assumed for a bare number."""
        return self.units[0]

    def range_text(self) -> str:
        factor = pint_units.unit_factor(self.display_unit, self.unit)
        low = None if self.minimum is None else self.minimum / factor
        high = None if self.maximum is None else self.maximum / factor
        return _range_text(low, high, self.display_unit, self.exclusive_minimum)

    def accepted_text(self) -> str:
        shown = list(self.aliases)[:10]
        names = f"; or a name such as {', '.join(shown)}{', …' if len(self.aliases) > len(shown) else ''}" if self.aliases else ""
        return f"{self.range_text()} (units: {', '.join(self.units)}){names}"

    def number_hint(self) -> str:
        names = self.alias_examples or tuple(self.aliases)[:2]
        named = f" or a name such as {', '.join(names)}" if names else ""
        return f"{self.range_text()}{named}, e.g. {self.examples[0]}"

    def parse_text(self, text: str) -> float:
        text = text.replace("\u2212", "-")
        named = self.aliases.get(alias_key(text))
        if named is not None:
            return named
        number_text = text
        for pattern, template in self.rewrites:
            matched = re.fullmatch(pattern, text, re.ASCII)
            if matched:
                number_text = _filled(template, matched)
                break
        matched = NUMBER_AND_UNIT.fullmatch(number_text)
        if not matched:
            raise self.error("number", text=text, accepts=self.number_hint())
        magnitude = float(matched.group(1))
        spelling = strip_blank(matched.group(2)) or self.display_unit
        if spelling not in self.units:
            other = self.vocabulary().get(spelling)
            if other is not None and other != self.dimension:
                raise self.error("dimension", text=text, dimension=pint_units.dimension_word(self.dimension), examples=self.examples_text())
            raise self.error("unit", text=text, unit=spelling, accepted=", ".join(self.units))
        if not math.isfinite(magnitude):
            raise self.error("range", text=text, range=self.range_text())
        value = pint_units.convert(magnitude, spelling, self.unit)
        if not self.in_range(value):
            raise self.error("range", text=text, range=self.range_text())
        return value

    def examples_text(self) -> str:
        """"'28 mm' or '2.25 in'" for the wrong-dimension message."""
        quoted = [f"'{example}'" for example in self.examples]
        return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]

    def spec(self) -> dict[str, Any]:
        return {
            **super().spec(),
            "dimension": self.dimension,
            "factors": pint_units.unit_factors(self.units, self.unit),
            "units": list(self.units),
            "aliases": dict(self.aliases),
            "rewrites": [list(rewrite) for rewrite in self.rewrites],
            "examples": self.examples_text(),
            "dimension_word": pint_units.dimension_word(self.dimension),
        }


@dataclass(frozen=True)
class ChoiceField(Field):
    """One of a few names (paved / unpaved); matched without regard to ASCII case."""

    choices: tuple[tuple[str, str], ...] = ()

    kind: ClassVar[str] = "choice"
    SCHEMA: ClassVar[dict[str, Validator]] = {"choices": tuple_of(pair_of(type_string, type_string))}

    def check(self) -> str | None:
        if not self.choices:
            return "choices must list at least one (value, label) pair"
        values = [alias_key(value) for value, _ in self.choices]
        if any(value != original for value, (original, _) in zip(values, self.choices)):
            return "choice values must be lower case without blanks"
        return None

    def accepted_text(self) -> str:
        return ", ".join(value for value, _ in self.choices)

    def parse_text(self, text: str) -> str:
        wanted = ascii_lower(text)
        for value, _ in self.choices:
            if value == wanted:
                return value
        raise self.error("choice", text=text, accepted=self.accepted_text())

    def spec(self) -> dict[str, Any]:
        return {**super().spec(), "choices": [list(choice) for choice in self.choices], "accepted": self.accepted_text()}


@dataclass(frozen=True)
class BooleanField(Field):
    """Yes or no (a checkbox in the form; yes/no/true/false/on/off/1/0 as text)."""

    kind: ClassVar[str] = "boolean"

    def accepted_text(self) -> str:
        return "yes or no"

    def parse_text(self, text: str) -> bool:
        value = boolean_word(text)
        if value is None:
            raise self.error("boolean", text=text)
        return value


@dataclass(frozen=True)
class TextField(Field):
    """A text that must fully match a portable regex (a mount point, an LPAR name)."""

    pattern: str = ".*"
    hint: str = ""
    max_length: int = 200

    kind: ClassVar[str] = "text"
    SCHEMA: ClassVar[dict[str, Validator]] = {
        "pattern": portable_regex,
        "hint": type_string,
        "max_length": type_ranged_number(1, 10000, integer=True),
    }

    def accepted_text(self) -> str:
        return self.hint

    def check_text(self, text: str) -> str | None:
        """Why a stripped text is refused ('length' or 'pattern'), or None."""
        if len(text) > self.max_length:
            return "length"
        return None if re.fullmatch(self.pattern, text, re.ASCII) else "pattern"

    def parse_text(self, text: str) -> str:
        problem = self.check_text(text)
        if problem == "length":
            raise self.error("length", limit=str(self.max_length))
        if problem == "pattern":
            raise self.error("pattern", text=text, hint=self.hint)
        return text

    def spec(self) -> dict[str, Any]:
        return {**super().spec(), "pattern": self.pattern, "hint": self.hint, "max_length": self.max_length}


@dataclass(frozen=True)
class ListField(Field):
    """Several items separated by commas or blanks, each a whole number or a text (VLAN IDs, client names)."""

    item: NumberField | TextField | None = None
    min_items: int = 0
    max_items: int = 100
    unique: bool = True

    kind: ClassVar[str] = "list"
    SCHEMA: ClassVar[dict[str, Validator]] = {
        "min_items": type_ranged_number(0, 10000, integer=True),
        "max_items": type_ranged_number(1, 10000, integer=True),
        "unique": type_boolean,
    }

    def check(self) -> str | None:
        if not isinstance(self.item, (NumberField, TextField)) or isinstance(self.item, QuantityField):
            return "item must be a NumberField(integer=True) or a TextField"
        if isinstance(self.item, NumberField) and not self.item.integer:
            return "a list of numbers must be of whole numbers (NumberField(integer=True))"
        if self.min_items > self.max_items:
            return "min_items is above max_items"
        return None

    def count_text(self) -> str:
        """'1–16 items'."""
        return _range_text(self.min_items, self.max_items, "items")

    def item_hint(self) -> str:
        """What one item must be."""
        assert self.item is not None
        return self.item.hint if isinstance(self.item, TextField) else f"a whole number {self.item.range_text()}"

    def accepted_text(self) -> str:
        return f"{self.count_text()}, separated by commas or blanks; each {self.item_hint()}"

    def parse_text(self, text: str) -> list[Any]:
        assert self.item is not None
        items = [part for part in LIST_SEPARATORS.split(text) if part != ""]
        values: list[Any] = []
        seen: set[Any] = set()  # a set, not `in values`: 150,000 names must not take minutes
        for part in items:
            if isinstance(self.item, TextField):
                if self.item.check_text(part) is not None:
                    raise self.error("item", text=part, hint=self.item_hint())
                value: Any = part
            else:
                if not INTEGER.fullmatch(part) or not self.item.in_range(float(part)):
                    raise self.error("item", text=part, hint=self.item_hint())
                value = integer_value(part)
            if self.unique:
                if value in seen:
                    raise self.error("duplicate", text=part)
                seen.add(value)
            values.append(value)
        if not self.min_items <= len(values) <= self.max_items:
            raise self.error("items", count=f"{len(values)} item" + ("" if len(values) == 1 else "s"), range=self.count_text())
        return values

    def spec(self) -> dict[str, Any]:
        assert self.item is not None
        return {
            **super().spec(),
            "item": self.item.spec(),
            "min_items": self.min_items,
            "max_items": self.max_items,
            "unique": self.unique,
            "range": self.count_text(),
            "hint": self.item_hint(),
        }
