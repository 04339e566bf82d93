"""The tire calculator in the built page (real Chromium, file://) against Python: parity, fuzz and the form.

One page load per module; every batch of inputs is evaluated in the page in one call
(kbCalc.tire.batch) and compared with Calculator.evaluate: displayed strings, warning
codes and error keys must be identical.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from calculators.registry import get
from calculators.testing import browser_batch, fuzz_inputs, inputs_strategy, open_page, python_batch

TIRE = get("tire")
PAGE = "bicycles/tire-pressure.html"
BATCH = settings(max_examples=35, deadline=None, derandomize=True, phases=[Phase.explicit, Phase.generate],
                 suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large])
FORBIDDEN = ("NaN", "Infinity", "undefined", "None", "null", "Traceback", "Error:")

TRAPS: list[dict[str, str]] = [
    {"weight": "300 lb", "rear": "60", "width": "28 mm"},
    {"weight": "133.06 lb", "rear": "50", "width": "100 mm"},  # model gives −0.0497 psi: the message must say 0.0, not -0.0
    {"weight": "300 lb", "width": "0 mm"}, {"weight": "300 lb", "width": "-0 mm"}, {"weight": "300 lb", "width": "-0.0"},
    {"weight": "1e400 lb", "width": "28 mm"}, {"weight": "NaN", "width": "Infinity"},
    {"weight": "300 lb", "width": "28 mm", "casing": "1.2000000000000002"},
    {"weight": "700 lb", "rear": "85", "width": "15 mm"}, {"weight": "20 lb", "rear": "30", "width": "130 mm"},
    {"weight": "9.0718474 kg", "width": "15 mm"}, {"weight": "300 lb", "width": "28 mm", "tire-max": "136.48783034491188 psi"},
    {"weight": "300 lb", "width": "28 mm", "rim-type": "HOOKLESS", "rim": "36ER", "surface": " Unpaved "},
    {"weight": "300 lb", "width": "28-622", "front-width": "2.25\"", "rim": "27.5\u2033"}, {"weight": "300\u00a0lb", "width": "28\tmm"},
    {"weight": "−5 lb", "width": "28 mm"}, {"weight": "300 lb", "width": "28 mm", "ref-pressure": "0.0001 psi"},
    {"weight": "300 lb", "width": "28 mm", "ref-width": "30 mm"},
    {"weight": "300 lb", "width": "28 mm", "ref-pressure": "8 bar", "ref-wheel": "front"},
    {"weight": "300 lb", "width": "28 mm", "rear": "30.000000000000004"}, {"weight": "300 lb", "width": "28 mm", "rear": "85.00000000000001"},
    {}, {"weight": "", "width": " "}, {"weight": "__proto__", "width": "constructor", "rim": "toString"}, {"rim": "hasOwnProperty", "weight": "1 lb"},
]


@pytest.fixture(scope="module")
def page(browser: Any, built_site: Path) -> Iterator[Any]:
    context = browser.new_context()
    tab = context.new_page()
    tab.console_errors = []
    tab.on("pageerror", lambda error: tab.console_errors.append(str(error)))
    open_page(tab, built_site, PAGE)
    yield tab
    context.close()


def assert_same(page: Any, cases: list[dict[str, str]]) -> list[dict[str, Any]]:
    expected = python_batch(TIRE, cases)
    got = browser_batch(page, "tire", cases)
    mismatches = [(case, want, have) for case, want, have in zip(cases, expected, got) if want != have]
    assert not mismatches, json.dumps(mismatches[:3], indent=1, ensure_ascii=False)
    for case, result in zip(cases, expected):
        for shown in shown_strings(result):
            for typed in sorted(case.values(), key=len, reverse=True):
                shown = shown.replace(typed.strip(" \t\r\n\u00a0"), "") if typed.strip() else shown  # a message may quote the input
            assert not [word for word in FORBIDDEN if word in shown], (case, shown)
    return expected


def shown_strings(result: dict[str, Any]) -> Iterator[str]:
    """Every string a reader would see for one result: displayed outputs and error messages."""
    def walk(value: Any) -> Iterator[str]:
        if isinstance(value, str):
            yield value
        elif isinstance(value, list):
            for item in value:
                yield from walk(item)
    for output in result["display"].values():
        yield from walk(output)
    for error in result["errors"].values():
        yield error["message"]


def test_known_traps(page: Any) -> None:
    results = assert_same(page, TRAPS)
    assert results[0]["display"]["wheels"][1][3] == "136.5 psi"
    assert "gives 0.0 psi" in results[1]["errors"]["width"]["message"]
    assert results[2]["errors"]["width"]["key"] == "range"
    assert {result["errors"] == {} for result in results} == {True, False}  # valid and invalid both present
    assert page.console_errors == []


@BATCH
@given(st.lists(inputs_strategy(TIRE), min_size=10, max_size=10))
def test_generated_inputs_match(page: Any, cases: list[dict[str, str]]) -> None:
    """35 batches of 10: 350 generated input sets, valid and invalid."""
    assert_same(page, cases)


@BATCH
@given(st.lists(fuzz_inputs(TIRE), min_size=10, max_size=10))
def test_fuzz_never_crashes(page: Any, cases: list[dict[str, str]]) -> None:
    """Arbitrary text in every field: no exception in either runtime, no NaN or stray words shown."""
    assert_same(page, cases)
    assert page.console_errors == []


def test_form_url_state_and_messages_beside_fields(page: Any, built_site: Path) -> None:
    url = (built_site / PAGE).as_uri() + "?weight=250+lb&width=32+mm&rim-type=hookless&ref-pressure=&ref-width=&ref-weight=&ref-rear="
    page.goto(url)
    page.wait_for_function("() => document.querySelector('[data-kb-calc][data-kb-ready]') !== null")
    form = page.locator("form.kb-calc-form")
    assert form.is_visible()
    assert page.input_value("input[name=weight]") == "250 lb"
    expected = TIRE.evaluate({"weight": "250 lb", "width": "32 mm", "rim-type": "hookless", "rear": "60", "rim": "700c"}).display
    rows = page.locator("[data-kb-results] [data-kb-output=wheels] tbody tr")
    assert rows.nth(1).locator("td").all_inner_texts() == expected["wheels"][1]
    codes = page.locator("[data-kb-results] [data-kb-output=warnings] li").evaluate_all("items => items.map(item => item.dataset.kbCode)")
    assert codes == [code for code, _ in expected["warnings"]]
    page.fill("input[name=width]", "32 kg")
    assert page.text_content('[data-kb-error="width"]') == "Tire width must be a length such as '28 mm', '2.25 in' or '28-622' (got '32 kg')"
    # never blank (issue 10): the last valid results stay, dimmed, under a banner that links the field
    assert page.locator("[data-kb-results] [data-kb-output=wheels] tbody tr").nth(1).locator("td").all_inner_texts() == expected["wheels"][1]
    assert "kb-stale" in page.get_attribute("[data-kb-calc]", "class")
    assert page.locator("[data-kb-banner] a[href='#kb-tire-width']").inner_text() == "Tire width"
    page.fill("input[name=width]", "35 mm")
    assert page.text_content('[data-kb-error="width"]') == ""
    assert "width=35+mm" in page.evaluate("location.search")
    page.reload()
    page.wait_for_function("() => document.querySelector('[data-kb-calc][data-kb-ready]') !== null")
    assert page.input_value("input[name=width]") == "35 mm"
    page.select_option("[data-kb-preset]", "cruiser")
    assert page.input_value("input[name=width]") == "55 mm"
    assert page.locator("[data-kb-results] [data-kb-output=scaled] tbody tr").nth(1).locator("td").nth(1).inner_text() == "60.0 psi"
    page.evaluate("() => window.kbCalc && document.dispatchEvent(new Event('DOMContentLoaded'))")  # init twice: idempotent
    assert page.locator("[data-kb-results] [data-kb-output=wheels]").count() == 1


def test_scaled_warnings_show_with_the_scaled_rows(page: Any, built_site: Path) -> None:
    query = "?weight=150+lb&width=28+mm&rim-type=hookless&ref-pressure=90+psi&ref-width=28+mm&ref-weight=180+lb"
    page.goto((built_site / PAGE).as_uri() + query)
    page.wait_for_function("() => document.querySelector('[data-kb-calc][data-kb-ready]') !== null")
    outputs = page.locator("[data-kb-results] [data-kb-output]").evaluate_all("items => items.map(item => item.dataset.kbOutput)")
    assert outputs == ["wheels", "scaled", "reference_note", "scaled_warnings", "advice"]  # the model's 64.7 psi has no warning
    warning = page.locator("[data-kb-results] [data-kb-output=scaled_warnings] li")
    assert warning.get_attribute("data-kb-code") == "HOOKLESS_MAX"
    assert warning.inner_text().startswith("Rear (scaled): 73.6 psi is above the 5 bar (72.5 psi) limit for hookless rims")


def test_without_javascript_the_static_part_is_the_page(browser: Any, built_site: Path) -> None:
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto((built_site / PAGE).as_uri())
    assert not tab.locator("form.kb-calc-form").is_visible()
    static = tab.locator(".kb-static")
    assert static.is_visible()
    assert "136.5 psi" in static.inner_text() and "120.0 psi" in static.inner_text()
    scaled_warnings = static.locator("[data-kb-output=scaled_warnings] li")
    assert scaled_warnings.evaluate_all("items => items.map(item => item.dataset.kbCode)") == ["HIGH"]  # 120.0 is not above 120
    assert scaled_warnings.inner_text() == "Rear (scaled): 120.0 psi is above 105 psi: consider a wider tire."
    grid = tab.locator("table.kb-calc-grid")
    assert "Rear share 60" in grid.locator("caption").inner_text()
    assert grid.locator("tbody tr").count() == 9 and grid.locator("tbody tr").nth(2).locator("td").nth(3).inner_text() == "89 / 136"
    context.close()
