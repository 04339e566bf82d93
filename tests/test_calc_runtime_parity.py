"""Runtime helpers and every subset construct: Python and the generated JS in Chromium give the same answer.

One blank page holds the whole runtime and calculators/subset_examples.py compiled by jsgen;
each hypothesis example sends one batch of calls into it.
"""
from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from calculators import runtime, subset_examples
from calculators.bundle import harness_js
from calculators.testing import browser_calls, python_or_error

FUNCTIONS = ("arithmetic", "power", "maths", "formatting", "specs", "slot_plan", "containers", "text_methods",
             "truthiness", "classify", "loops", "keywords", "dict_updates")
# No shrinking: each example is a batch, and the assertion lists the exact calls that differ.
RUN = settings(max_examples=25, deadline=None, derandomize=True, phases=[Phase.explicit, Phase.generate],
               suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context()
    tab = context.new_page()
    tab.set_content("<!doctype html><html><body></body></html>")
    tab.add_script_tag(content=harness_js(subset_examples, FUNCTIONS))
    yield tab
    context.close()


def as_floats(value: Any) -> Any:
    """Numbers as floats: Playwright hands a large integral JS number over as a Python int of its shortest digits."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, dict):
        return {key: as_floats(item) for key, item in value.items()}
    return [as_floats(item) for item in value]


def same(page: Any, path: str, function: Any, calls: list[list[Any]]) -> None:
    expected = [as_floats(python_or_error(function, *call)) for call in calls]
    got = [as_floats(result) for result in browser_calls(page, path, calls)]
    mismatches = [(call, want, have) for call, want, have in zip(calls, expected, got) if want != have]
    assert not mismatches, mismatches[:5]


TIES = [0.125, 0.375, 0.5, 1.5, 2.5, -2.5, 1.005, 2.675, 1.45, 0.05, -0.05, 0.0049999, 9.995, 99.95, 999.95, 1e21, 1.5e-7,
        123456789.125, 0.0, -0.0, 5e-324, 1.7976931348623157e308, -1e-300, 4.35, 0.045, 1.0000000000000002, 72.45, 136.45]


def test_display_rounding_traps(page: Any) -> None:
    calls = [[value, decimals] for value in TIES for decimals in range(5)]
    same(page, "kbCalc.K.fmt_fixed", runtime.fmt_fixed, calls)
    same(page, "kbCalc.K.fmt_number", runtime.fmt_number, calls)
    bad = [[float("nan"), 1], [float("inf"), 0], [True, 1], ["1.5", 1], [1.5, -1], [1.5, 21], [1.5, 1.5]]
    same(page, "kbCalc.K.fmt_fixed", runtime.fmt_fixed, bad)
    assert [runtime.fmt_fixed(value, 1) for value in (-0.04, -0.0, 0.05, 2.25)] == ["0.0", "0.0", "0.1", "2.3"]


@RUN
@given(st.lists(st.tuples(st.floats(allow_nan=False, allow_infinity=False), st.integers(0, 8)), min_size=20, max_size=20))
def test_display_rounding_on_any_float(page: Any, cases: list[tuple[float, int]]) -> None:
    calls = [list(case) for case in cases]
    same(page, "kbCalc.K.fmt_fixed", runtime.fmt_fixed, calls)
    same(page, "kbCalc.__functions.formatting", subset_examples.formatting, calls)


NUMBERS = st.one_of(st.integers(-50, 50), st.floats(-50, 50, allow_nan=False), st.sampled_from([0, -0.0, 0.1, -7, 7, 2, -2, 1e-9]))


# Integer powers stay below 2**53: beyond it Python ints are exact and JS numbers are not (a documented limit).
EXPONENTS = st.one_of(st.integers(-6, 6), st.floats(-6, 6, allow_nan=False))


@RUN
@given(st.lists(st.tuples(NUMBERS, NUMBERS), min_size=20, max_size=20), st.lists(st.tuples(NUMBERS, EXPONENTS), min_size=20, max_size=20))
def test_arithmetic_division_modulo_power(page: Any, pairs: list[tuple[float, float]], powers: list[tuple[float, float]]) -> None:
    calls = [list(pair) for pair in pairs] + [[-7, 2], [7, -2], [-7.5, 2], [1, 0.1], [1, 0], [0, 0], [-0.0, 3], [5, -0.0]]
    same(page, "kbCalc.__functions.arithmetic", subset_examples.arithmetic, calls)
    same(page, "kbCalc.__functions.power", subset_examples.power,
         [list(pair) for pair in powers] + [[0, -1], [-8, 1 / 3], [10.0, 400.0], [28.0, 1.5785]])


@RUN
@given(st.lists(st.one_of(st.floats(-10, 1e4, allow_nan=False), st.integers(-5, 5)), min_size=20, max_size=20))
def test_math_allow_list(page: Any, values: list[float]) -> None:
    same(page, "kbCalc.__functions.maths", subset_examples.maths, [[value] for value in values] + [[0], [-1], [1e5]])


NAMES = st.text(alphabet="abzAB-_0", max_size=10)


@RUN
@given(st.lists(st.tuples(st.integers(-99999, 99999), NAMES), min_size=10, max_size=10),
       st.lists(st.tuples(st.lists(NAMES, max_size=4), st.lists(st.integers(1, 4094), max_size=4), st.integers(0, 60)), min_size=5, max_size=5))
def test_strings_loops_and_rows(page: Any, pairs: list[tuple[int, str]], plans: list[tuple[list[str], list[int], int]]) -> None:
    same(page, "kbCalc.__functions.specs", subset_examples.specs, [list(pair) for pair in pairs])
    same(page, "kbCalc.__functions.slot_plan", subset_examples.slot_plan, [list(plan) for plan in plans])
    same(page, "kbCalc.__functions.containers", subset_examples.containers,
         [[names, key, position % 5] for (names, _, position), (_, key) in zip(plans, pairs)])
    same(page, "kbCalc.__functions.dict_updates", subset_examples.dict_updates, [[names + names[:1]] for names, _, _ in plans])


@RUN
@given(st.lists(st.text(alphabet="ab ,z\t-\u00a0\u2003é", max_size=12), min_size=10, max_size=10),
       st.lists(st.integers(-10, 5000), min_size=10, max_size=10))
def test_text_truthiness_branches(page: Any, texts: list[str], numbers: list[int]) -> None:
    same(page, "kbCalc.__functions.text_methods", subset_examples.text_methods, [[text] for text in texts])
    same(page, "kbCalc.__functions.truthiness", subset_examples.truthiness,
         [[list(text), text, number % 3 - 1] for text, number in zip(texts, numbers)])
    same(page, "kbCalc.__functions.classify", subset_examples.classify, [[number] for number in numbers] + [[0], [1], [100], [4094], [4095]])
    same(page, "kbCalc.__functions.loops", subset_examples.loops, [[number % 40] for number in numbers])
    same(page, "kbCalc.__functions.keywords", subset_examples.keywords, [[1.5], [2, 3], [-0.0]])


# The text helpers the subset lacks (runtime.index_in, lower_ascii, decimal_number) and their runtime.js twins.
HOSTILE_TEXTS = ["", "a", "A", "Z[", "@", "ÀÉÎ", "İ", "ß", "ǅ", "KELVIN K", "ΣΑΣ", "abc\n", "0", "1", "09", "123456789",
                 "1234567890", "000000007", "-1", "+1", " 1", "1 ", "1\n", "1.0", "1e3", "٣", "１２", "𝟘", "12😀", "😀",
                 "a😀b😀c", "\u00a0", "\t", "0x1A", "DEADbeef"]
NOT_TEXTS: list[Any] = [None, 5, 1.5, True, ["a"], {"a": 1}]
TEXT_CHARACTERS = st.one_of(st.characters(max_codepoint=0x7F), st.characters(exclude_categories=("Cs",)))


def test_text_helpers_on_hostile_input(page: Any) -> None:
    characters = ["a", "A", "😀", "b", "", "ab", "\n", "1", "ß"]
    same(page, "kbCalc.K.index_in", runtime.index_in, [[text, character] for text in HOSTILE_TEXTS for character in characters])
    same(page, "kbCalc.K.lower_ascii", runtime.lower_ascii, [[text] for text in HOSTILE_TEXTS])
    same(page, "kbCalc.K.decimal_number", runtime.decimal_number, [[text] for text in HOSTILE_TEXTS])
    for bad in NOT_TEXTS:
        same(page, "kbCalc.K.index_in", runtime.index_in, [[bad, "a"], ["a", bad], [bad, bad]])
        same(page, "kbCalc.K.lower_ascii", runtime.lower_ascii, [[bad]])
        same(page, "kbCalc.K.decimal_number", runtime.decimal_number, [[bad]])
    assert [runtime.index_in("a😀b", "b"), runtime.lower_ascii("AÀz"), runtime.decimal_number("007")] == [2, "aÀz", 7]
    assert [runtime.decimal_number(text) for text in ("", "1234567890", "٣", "-1", "1\n")] == [-1] * 5


def test_text_helpers_on_long_input_in_time(page: Any) -> None:
    long_text = "A😀" * 100_000 + "z"
    started = time.perf_counter()
    same(page, "kbCalc.K.index_in", runtime.index_in, [[long_text, "z"], [long_text, "q"]])
    same(page, "kbCalc.K.lower_ascii", runtime.lower_ascii, [[long_text]])
    same(page, "kbCalc.K.decimal_number", runtime.decimal_number, [["9" * 100_000], ["1" * 9]])
    assert time.perf_counter() - started < 10


@RUN
@given(st.lists(st.tuples(st.text(TEXT_CHARACTERS, max_size=12), st.text(TEXT_CHARACTERS, max_size=2)), min_size=20, max_size=20))
def test_text_helpers_on_any_text(page: Any, pairs: list[tuple[str, str]]) -> None:
    same(page, "kbCalc.K.index_in", runtime.index_in, [[text, character] for text, character in pairs]
         + [[text, text[-1:]] for text, _ in pairs])
    same(page, "kbCalc.K.lower_ascii", runtime.lower_ascii, [[text] for text, _ in pairs])
    same(page, "kbCalc.K.decimal_number", runtime.decimal_number, [[text] for text, _ in pairs]
         + [[str(len(text) * 12345)] for text, _ in pairs])
