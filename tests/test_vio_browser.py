"""VIO planner in Chromium: the generated JS displays exactly what Python displays (the golden and
refused inputs, generated valid plans, mixed and fuzzed text), one batch per page load."""
from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_vio_cases import configuration_from
from test_vio_model import PAIR_VALUES, REFUSALS, SINGLE_VALUES

from calculators.registry import get
from calculators.testing import browser_batch, fuzz_inputs, inputs_strategy, open_page, python_batch

CALCULATOR = get("vio")  # from the registry: it hands down the unit vocabulary

PAGE = "powervm/vio-planner.html"

EDGE_CASES: list[dict[str, str]] = [
    {}, SINGLE_VALUES, PAIR_VALUES, *[param.values[0] for param in REFUSALS],
    {"vios": "1", "vios-ips": "192.0.2.11"}, {"vios-macs": "b83fd22b9a04,B8:3F:D2:2B:9A:05"},
    {"vios-macs": "b8:3f:d2:2b:9a0:4,b83fd22b9a05"}, {"client-ids": "254,253"}, {"vios-ids": "0"},
    {"vios-memory": "6144 MiB", "vios-min-memory": "6 GiB", "vios-max-memory": "6 GiB"},
    {"vios-memory": "6 GB"}, {"vios-memory": "1.5gb"}, {"vios-memory": "6144 MB"}, {"vios-memory": "6 TB"},
    {"vios-memory": "0.5 MiB"}, {"vios-memory": "16384 GiB"}, {"vios-entitled": "0.15"},
    {"vios-entitled": "3"}, {"vios-entitled": "1e-1"}, {"vios-procs": "1", "vios-entitled": "0.05"},
    {"vios-min-procs": "2", "vios-min-entitled": "0.05"}, {"vios-max-entitled": "7"},
    {"client-entitled": "0.035"}, {"clients": "100", "fc-ports": "8"}, {"ip-on": "sea", "ip-vlans": "10,20"},
    {"ip-on": "SEA", "vlans": "10;20", "ent-ports": "ent0 ent1 ent2 ent3"}, {"vlans": " 10 , 20 ; 30 "},
    {"vlans": ";"}, {"vlans": "10,,20"}, {"netmask": "255.255.255.254"}, {"netmask": "0.0.0.0"},
    {"gateway": "192.0.2.255"}, {"vios-ips": "192.0.2.11,192.0.2.11"}, {"vscsi": "YES,no"},
    {"ctl-vlan": "1", "vlans": "10;20", "ent-ports": "ent0,ent1,ent2,ent3"}, {"repo-size": "1024 GiB"},
    {"vios-image": "nfs01:/export/vios"}, {"vios-image": "cdrom"}, {"iso": "/a b.iso"},
    {"physical-ents": "2", "ent-ports": "ent0,ent1"}, {"fcs-ports": "fcs0,fcs0"}, {"system": "-x"},
]


def displayed_strings(value: Any) -> list[str]:
    """Every string inside a displayed result."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for item in value.values() for text in displayed_strings(item)]
    if isinstance(value, list):
        return [text for item in value for text in displayed_strings(item)]
    return []


def assert_same_in_browser(page: Any, site_dir: Path, cases: list[dict[str, str]]) -> list[dict[str, Any]]:
    """Open the page once, run every case in the browser, and require Python's exact result."""
    open_page(page, site_dir, PAGE)
    expected = python_batch(CALCULATOR, cases)
    got = browser_batch(page, "vio", cases)
    assert len(got) == len(cases)
    for case, python_result, browser_result in zip(cases, expected, got):
        assert browser_result == python_result, json.dumps(case)
    assert page.console_errors == [] and page.external_requests == []
    return expected


def test_edge_cases_match_python(offline_page: Any, built_site: Path) -> None:
    expected = assert_same_in_browser(offline_page, built_site, EDGE_CASES)
    assert sum(1 for result in expected if not result["errors"]) >= 15
    assert sum(1 for result in expected if result["errors"]) >= len(REFUSALS)


def open_once(page: Any, site_dir: Path) -> None:
    """Load the page on the first example of a test only (the page fixture lives for the whole test)."""
    if page.url == "about:blank":
        open_page(page, site_dir, PAGE)


def assert_same(page: Any, cases: list[dict[str, str]]) -> list[dict[str, Any]]:
    """Run the cases in the open page and require Python's exact result."""
    expected = python_batch(CALCULATOR, cases)
    got = browser_batch(page, "vio", cases)
    assert len(got) == len(cases)
    for case, python_result, browser_result in zip(cases, expected, got):
        assert browser_result == python_result, json.dumps(case)
    assert page.console_errors == [] and page.external_requests == []
    return expected


def test_generated_valid_plans_match_python(offline_page: Any, site_dir: Path) -> None:
    rng = random.Random(20241129)
    cases = [configuration_from(rng)[0] for _ in range(200)]
    expected = assert_same_in_browser(offline_page, site_dir, cases)
    assert all(not result["errors"] for result in expected)


# Generating 41 fields at once is slow for hypothesis in big lists: small draws, many examples, one page load.
@settings(max_examples=150, derandomize=True, database=None, deadline=None, suppress_health_check=list(HealthCheck))
@given(inputs_strategy(CALCULATOR))
def test_mixed_inputs_match_python(offline_page: Any, site_dir: Path, case: dict[str, str]) -> None:
    open_once(offline_page, site_dir)
    assert_same(offline_page, [case])


@settings(max_examples=30, derandomize=True, database=None, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(fuzz_inputs(CALCULATOR), min_size=5, max_size=5))
def test_fuzzed_text_matches_python_and_shows_nothing_broken(offline_page: Any, site_dir: Path,
                                                            cases: list[dict[str, str]]) -> None:
    open_once(offline_page, site_dir)
    expected = assert_same(offline_page, cases)
    for case, result in zip(cases, expected):
        typed = " ".join(case.values())  # an error message may quote what was typed, "None" included
        for text in displayed_strings(result):
            for broken in ("NaN", "Infinity", "undefined", "None", "null"):
                assert broken not in text or broken in typed, text
