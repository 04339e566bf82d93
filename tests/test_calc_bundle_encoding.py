"""The shaken and shortened calculator bundles stay complete (issue 14, JS per page).

A bundle keeps only the runtime.js sections its compiled code, field kinds and outputs use, and
its data leaves out what define() in runtime.js rebuilds (bundle.sent_field_spec). These tests
prove that nothing a page runs went missing: every runtime helper the compiled logic calls is
defined in the bundle, every text left out is rebuilt the same, and in Chromium the messages
that quote those texts equal Python's for every number, quantity and list field.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from calculators import bundle
from calculators.calculator import Calculator
from calculators.fields import ListField, NumberField, QuantityField
from calculators.jsgen import SubsetError, compile_logic
from calculators.registry import all_calculators
from calculators.testing import browser_batch, open_page, python_batch
from tests.test_calc_jsgen_package import PACKAGE, load

PAGES = {"tire": "bicycles/tire-pressure.html", "ramdisk": "aix-filesystems/ramdisk.html", "vio": "powervm/vio-planner.html"}
CALCULATORS = dict(all_calculators())


def test_every_calculator_page_is_known() -> None:
    assert set(PAGES) == set(CALCULATORS)


@pytest.mark.parametrize("name", sorted(CALCULATORS))
def test_every_helper_the_compiled_code_calls_is_in_the_shaken_runtime(name: str) -> None:
    compiled = bundle._compiled(name)
    runtime = bundle.runtime_js(set(compiled.wanted))
    called = set()
    for js in (compiled.logic.js, *(functions.js for functions in compiled.checks.values())):
        called |= set(re.findall(r"\bK\.([A-Za-z_]\w*)", js))
    assert called, "the compiled code calls no runtime helper at all?"
    missing = sorted(helper for helper in called if not re.search(rf"\bK\.{helper}\s*=(?!=)", runtime))
    assert not missing, f"{name}: compiled code calls K.{missing} but its bundle does not define them"


@pytest.mark.parametrize("name", sorted(CALCULATORS))
def test_the_shaken_runtime_leaves_out_sections_nobody_uses(name: str) -> None:
    # the shaking is real: a calculator's bundle lacks helpers no calculator code of it names
    compiled = bundle._compiled(name)
    runtime = bundle.runtime_js(set(compiled.wanted))
    every = bundle.runtime_js({section for section, _, _ in bundle.runtime_sections()})
    assert len(runtime) < len(every)
    assert ("K.fmt_d =" in runtime) == any("K.fmt_d(" in js for js in (compiled.logic.js, *(c.js for c in compiled.checks.values())))


def rebuilt(sent: dict[str, Any]) -> dict[str, Any]:
    """Python's reading of define() in runtime.js: the texts bundle.sent_field_spec left out, rebuilt."""
    spec = dict(sent)
    if spec["kind"] == "list" and "range" not in spec:
        spec["range"] = f"{spec['min_items']}\u2013{spec['max_items']} items"
    if spec["kind"] in ("number", "quantity") and "accepts" not in spec:
        spec["accepts"] = bundle.derived_accepts(spec)
    return spec


@pytest.mark.parametrize("name", sorted(CALCULATORS))
def test_texts_left_out_of_the_field_specs_are_rebuilt_the_same(name: str) -> None:
    left_out = 0
    for field in CALCULATORS[name].fields:
        spec = bundle.compact(field.spec())
        sent = bundle.sent_field_spec(spec)
        left_out += len(spec) - len(sent)
        for key in ("range", "accepts"):
            assert rebuilt(sent).get(key) == spec.get(key), (field.name, key)
        if "item" in sent:
            assert set(sent["item"]) <= set(bundle.ITEM_KEYS)
    assert left_out > 0, f"{name}: no text left out of its field specs"


def test_a_text_of_other_wording_is_sent() -> None:
    plain = {"kind": "number", "range": "1–2", "example": " (e.g. 1)", "accepts": "1–2, e.g. 1"}
    assert "accepts" not in bundle.sent_field_spec(plain)
    assert bundle.sent_field_spec({**plain, "accepts": "1–2 or a name such as one, e.g. 1"})["accepts"].startswith("1–2 or")
    whole = {"kind": "number", "integer": True, "range": "1–2", "accepts": "a whole number 1–2"}
    assert "accepts" not in bundle.sent_field_spec(whole)
    odd_example = {"kind": "number", "range": "1–2", "example": "(1)", "accepts": "1–2, e.g. "}
    assert bundle.sent_field_spec(odd_example)["accepts"] == "1–2, e.g. "
    listed = {"kind": "list", "min_items": 1, "max_items": 3, "range": "1–3 items", "item": {"kind": "text", "label": "x", "pattern": "a"}}
    assert "range" not in bundle.sent_field_spec(listed) and bundle.sent_field_spec(listed)["item"] == {"kind": "text", "pattern": "a"}
    assert bundle.sent_field_spec({**listed, "range": "1–3 names"})["range"] == "1–3 names"


def message_cases(calculator: Calculator) -> list[dict[str, str]]:
    """Inputs whose messages quote the rebuilt texts: a non-number ('accepts'), a fraction in a whole-number
    field ('range' in the integer message), too many list items ('range' of the count), a bad list item (hint)."""
    cases: list[dict[str, str]] = []
    for field in calculator.fields:
        if isinstance(field, (NumberField, QuantityField)):
            cases.append({field.key: "abc"})
            cases.append({field.key: "1e999"})
            if field.integer:
                cases.append({field.key: "1.5"})
        if isinstance(field, ListField):
            cases.append({field.key: "!!"})
            if isinstance(field.item, NumberField) and field.item.minimum is not None:
                low = int(field.item.minimum)
                cases.append({field.key: " ".join(str(low + step) for step in range(field.max_items + 1))})
    return cases


@pytest.fixture(scope="module")
def tab(browser: Any) -> Iterator[Any]:
    context = browser.new_context()
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("name", sorted(PAGES))
def test_messages_quoting_rebuilt_texts_equal_pythons_in_chromium(tab: Any, site_dir: Any, name: str) -> None:
    calculator = CALCULATORS[name]
    cases = message_cases(calculator)
    assert len(cases) >= 4
    open_page(tab, site_dir, PAGES[name])
    browser = browser_batch(tab, name, cases)
    python = python_batch(calculator, cases)
    differing = [(case, got, want) for case, got, want in zip(cases, browser, python) if got != want]
    assert not differing, differing[:3]
    quoted = [message["message"] for outcome in python for message in outcome["errors"].values()]
    assert any(", e.g. " in text or "whole number" in text for text in quoted)


def test_the_entry_takes_the_fields_in_their_order(tmp_path: Any) -> None:
    module = load(tmp_path, PACKAGE, "plan")
    assert compile_logic(module).params == ["size", "count"]
    swapped = compile_logic(module, entry_order=["count", "size"])
    assert swapped.params == ["count", "size"] and "var compute = (count, size) =>" in swapped.js
    with pytest.raises(SubsetError, match="must be exactly the field names"):
        compile_logic(module, entry_order=["count"])
    calling = load(tmp_path, {**PACKAGE, "plan.py": PACKAGE["plan.py"] + '''

        def twice(size: int, count: int) -> dict:
            """Calls the entry."""
            return compute(size, count * 2)
    '''}, "plan")
    assert compile_logic(calling, "twice").params == ["size", "count"]  # without an order, calling it is fine
    with pytest.raises(SubsetError, match=r"plan\.py:\d+: 'compute' is the entry function"):
        compile_logic(calling, "compute", ("twice",), entry_order=["size", "count"])


@pytest.fixture(scope="module")
def harness(browser: Any) -> Iterator[Any]:
    from calculators import subset_examples

    context = browser.new_context()
    tab = context.new_page()
    tab.set_content("<!doctype html><html><body></body></html>")
    tab.add_script_tag(content=bundle.harness_js(subset_examples, ("formatting",)))
    yield tab
    context.close()


# K.fmt_d and K.fmt_s took over f"{x:d}" and f"{x:s}" from K.fmt; K.istr now checks through K.fmt_d.
# Python's answer where it has one (f"{n:d}" of an int); INTERNAL where the subset refuses the value
# (not an int, or beyond ±(2**53 − 1), where JavaScript numbers stop being exact).
FORMAT_CASES = """[
  ["fmt_d", 0, "0"], ["fmt_d", -0, "0"], ["fmt_d", 42, "42"], ["fmt_d", -7, "-7"],
  ["fmt_d", 2 ** 53 - 1, "9007199254740991"], ["fmt_d", -(2 ** 53 - 1), "-9007199254740991"],
  ["fmt_d", 2 ** 53, "!INTERNAL"], ["fmt_d", 1.5, "!INTERNAL"], ["fmt_d", NaN, "!INTERNAL"], ["fmt_d", Infinity, "!INTERNAL"],
  ["fmt_d", "7", "!INTERNAL"], ["fmt_d", true, "!INTERNAL"], ["fmt_d", null, "!INTERNAL"], ["fmt_d", 1e21, "!INTERNAL"],
  ["fmt_s", "abc", "abc"], ["fmt_s", "", ""], ["fmt_s", 7, "!INTERNAL"], ["fmt_s", null, "!INTERNAL"], ["fmt_s", ["a"], "!INTERNAL"],
  ["istr", "x y", "x y"], ["istr", 12, "12"], ["istr", -0, "0"], ["istr", 2 ** 53, "!INTERNAL"], ["istr", 0.5, "!INTERNAL"],
  ["istr", false, "!INTERNAL"]
]"""


def test_the_bare_format_helpers_answer_as_the_general_formatter_in_chromium(harness: Any) -> None:
    outcomes = harness.evaluate(f"""() => {{
        const K = window.kbCalc.K, run = (f) => {{ try {{ return String(f()); }} catch (e) {{ return "!" + (e && e.key); }} }};
        return {FORMAT_CASES}.map(([helper, value, want]) => [helper, String(value), want, run(() => K[helper](value)),
            helper === "istr" ? null : run(() => K.fmt(value, helper.slice(-1)))]);
    }}""")
    assert len(outcomes) == 25
    wrong = [outcome for outcome in outcomes if outcome[3] != outcome[2] or outcome[4] not in (None, outcome[2])]
    assert not wrong, wrong
    assert [f"{value:d}" for value in (0, 42, -7, 2**53 - 1)] == ["0", "42", "-7", "9007199254740991"]
