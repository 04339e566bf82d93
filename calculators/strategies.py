"""Hypothesis strategies for calculator inputs: valid, invalid, trap and arbitrary text.

A module of its own so that importing the Chromium harness (`calculators.testing`) does not import
hypothesis; `calculators.testing` hands these names on when a test asks for them.
"""
from __future__ import annotations

from hypothesis import strategies as st

from .calculator import Calculator
from .fields import BooleanField, ChoiceField, Field, ListField, NumberField, QuantityField, TextField

BLANKS = st.sampled_from(["", " ", "\t", "\u00a0"])
UNKNOWN_UNITS = ["mmm", "lbz", "kg2", "µm", "%%", "furlong", "LBS", "Psi", "KPA", "e", "e5", "-", "."]


def number_text() -> st.SearchStrategy[str]:
    """Numbers as people and scripts write them, plus the near misses (signs, exponents, commas)."""
    floats = st.floats(allow_nan=False, allow_infinity=False, min_value=-1e6, max_value=1e6)
    return st.one_of(
        st.integers(-1000, 100000).map(str),
        floats.map(repr),
        st.tuples(floats, st.integers(0, 4)).map(lambda pair: f"{pair[0]:.{pair[1]}f}"),
        st.tuples(st.integers(-99, 99), st.integers(-9, 9)).map(lambda pair: f"{pair[0]}e{pair[1]}"),
        st.sampled_from(["0", "-0", "+5", ".5", "5.", "1e400", "-1e400", "1,5", "1_000", "0x10", "NaN", "Infinity", "−5", "٣", "1e", "--1"]),
    )


def quantity_text(item: QuantityField) -> st.SearchStrategy[str]:
    """Values in and out of range with every accepted spelling, other units, aliases and rewrites."""
    other_units = {"kg", "lb", "mm", "in", "psi", "bar", "kPa", "%", "GiB", "MB", "block", "blocks"} - set(item.units)
    spellings = list(item.units) + UNKNOWN_UNITS + sorted(other_units)
    joined = st.tuples(number_text(), st.sampled_from(["", " ", "  ", "\u00a0"]), st.sampled_from(spellings)).map("".join)
    parts = [joined, number_text()]
    if item.aliases:
        parts.append(st.sampled_from(sorted(item.aliases)).flatmap(lambda name: st.sampled_from([name, name.upper(), f" {name} "])))
    if item.rewrites:
        parts.append(st.tuples(st.integers(0, 200), st.integers(0, 999)).map(lambda pair: f"{pair[0]}-{pair[1]:03d}"))
    return st.one_of(*parts)


def field_text(item: Field) -> st.SearchStrategy[str | None]:
    """Text a reader might type into this field: mostly plausible, some wrong, some blank or missing."""
    if isinstance(item, QuantityField):
        typed: st.SearchStrategy[str] = quantity_text(item)
    elif isinstance(item, NumberField):
        typed = number_text()
    elif isinstance(item, ChoiceField):
        typed = st.sampled_from([value for value, _ in item.choices] + [value.upper() for value, _ in item.choices] + ["other", "Paved!"])
    elif isinstance(item, BooleanField):
        typed = st.sampled_from(["yes", "no", "TRUE", "off", "1", "0", "maybe"])
    elif isinstance(item, TextField):
        typed = st.one_of(st.from_regex(item.pattern, fullmatch=True), st.text(max_size=20))
    elif isinstance(item, ListField):
        assert item.item is not None
        one = field_text(item.item).filter(lambda text: text is not None)
        typed = st.tuples(st.lists(one, max_size=6), st.sampled_from([",", ", ", " "])).map(lambda pair: pair[1].join(pair[0]))  # type: ignore[arg-type]
    else:
        typed = st.text(max_size=20)
    return st.one_of(typed, typed, typed, BLANKS, st.none())


def inputs_strategy(calculator: Calculator) -> st.SearchStrategy[dict[str, str]]:
    """One set of inputs by public key; a None value means the key is left out."""
    fields = {item.key: field_text(item) for item in calculator.fields}
    return st.fixed_dictionaries(fields).map(lambda raw: {key: value for key, value in raw.items() if value is not None})


def fuzz_inputs(calculator: Calculator) -> st.SearchStrategy[dict[str, str]]:
    """Arbitrary text (any Unicode) in every field."""
    return st.fixed_dictionaries({item.key: st.text(max_size=30) for item in calculator.fields})


