"""RAM disk calculator in Chromium: the generated JS displays exactly what Python displays
(valid, invalid, edge and fuzzed inputs, one batch per page load)."""
from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from calculators.ramdisk import MEMORY_UNITS, SIZE_UNITS
from calculators.registry import get
from calculators.testing import browser_batch, fuzz_inputs, inputs_strategy, open_page, python_batch

CALCULATOR = get("ramdisk")  # from the registry: it hands down the unit vocabulary

PAGE = "aix-filesystems/ramdisk.html"
NAME_CHARACTERS = "abcXYZ019._-+"
BROWSER_SETTINGS = settings(max_examples=30, derandomize=True, database=None, deadline=None,
                            suppress_health_check=list(HealthCheck))

# Hand-picked edges: the golden inputs, float noise, the limits, fractional bytes, the rules.
EDGE_CASES: list[dict[str, str]] = [
    {},
    {"size": "10000000 blocks", "mount": "/ramdisk0"},
    {"size": "40000", "fs": "jfs", "mount": "/ramdisk1", "number": "1"},
    {"size": "512 MiB", "fs": "udfs", "unpinned": "yes", "number": "2"},
    {"size": "1 GiB", "fs": "raw", "unpinned": "yes", "number": "63"},
    {"size": "500 MB"}, {"size": "514.56 KB", "fs": "raw"}, {"size": "512.512 KB", "fs": "raw"},
    {"size": "1.1 MB", "fs": "raw"}, {"size": "0.1 GB"}, {"size": "1000.5 bytes", "fs": "raw"},
    {"size": "16 TiB", "fs": "raw"}, {"size": "34359738368"}, {"size": "34359738369"},
    {"size": "17592186044416 B", "fs": "raw"}, {"size": "17592186044415.5 B", "fs": "raw"},
    {"size": "1e3 blocks", "fs": "raw"}, {"size": "0.0001 blocks", "fs": "raw"},
    {"size": "32767 blocks"}, {"size": "32768 blocks"}, {"size": "16000000 bytes"},
    {"size": "2 GiB", "unpinned": "yes"}, {"size": "2 GiB", "unpinned": "yes", "fs": "jfs"},
    {"size": "40 GiB", "memory": "64 GiB"}, {"size": "64 GiB", "memory": "64 GiB"},
    {"size": "80 GiB", "memory": "64 GiB", "fs": "raw", "unpinned": "yes"},
    {"size": "1 GiB", "memory": "0.3 GB"}, {"size": "1 GiB", "memory": "3 GB"},
    {"mount": "/tmp"}, {"mount": "/tmp/"}, {"mount": "/ram disk"}, {"mount": "/..x/.y"},
    {"mount": "/./x"}, {"mount": "/"}, {"mount": "x"}, {"mount": " /RAMDISK\t"},
    {"number": "64"}, {"number": "-0"}, {"number": "1.0"}, {"number": "9007199254740993"},
    {"fs": "JFS2"}, {"fs": "ext4"}, {"unpinned": "maybe"}, {"size": ""}, {"size": "GiB"},
    # mkramdisk's own suffixes (issue 10): G and M, upper or lower case, blanks allowed; whole numbers only
    {"size": "2G"}, {"size": "2g"}, {"size": "512M"}, {"size": "512m"}, {"size": "2 G"}, {"size": "16384M"},
    {"size": "16385G"}, {"size": "0G"}, {"size": "1.5G"}, {"size": "G"}, {"size": "2GG"}, {"size": "2Gb"},
    {"size": "8M", "fs": "jfs2"}, {"size": "00000000000000000002G"}, {"size": "9" * 400 + "G"},
]


def valid_text_cases(count: int) -> list[dict[str, str]]:
    """Seeded, mostly valid inputs: every size unit with decimals, every filesystem, memory or not."""
    chooser = random.Random(5120)
    cases = []
    for _ in range(count):
        segments = ["".join(chooser.choice(NAME_CHARACTERS) for _ in range(chooser.randint(1, 10)))
                    for _ in range(chooser.randint(1, 3))]
        memory = f"{chooser.randint(1, 4096)} {chooser.choice(MEMORY_UNITS)}" if chooser.random() < 0.4 else ""
        cases.append({
            "size": f"{chooser.randint(1, 10**7)}{chooser.choice(['', '.5', '.25', '.001', '.999'])}"
                    f"{chooser.choice(['', ' '])}{chooser.choice(SIZE_UNITS)}",
            "fs": chooser.choice(["jfs2", "jfs", "udfs", "raw"]),
            "unpinned": chooser.choice(["yes", "no"]),
            "mount": "/" + "/".join("x" + segment if segment in (".", "..") else segment for segment in segments),
            "number": str(chooser.randint(0, 63)),
            "memory": memory,
        })
    return cases


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
    """Run every case in the page (opened once per test), and require Python's exact result."""
    if not page.url.endswith(PAGE):
        open_page(page, site_dir, PAGE)
    expected = python_batch(CALCULATOR, cases)
    got = browser_batch(page, "ramdisk", cases)
    for case, python_result, browser_result in zip(cases, expected, got):
        assert browser_result == python_result, json.dumps(case)
    assert len(got) == len(cases)
    assert page.console_errors == [] and page.external_requests == []
    return expected


def test_edge_cases_match_python(offline_page: Any, built_site: Path) -> None:
    expected = assert_same_in_browser(offline_page, built_site, EDGE_CASES)
    assert sum(1 for result in expected if not result["errors"]) >= 20  # the batch is not all errors


def test_seeded_valid_inputs_match_python(offline_page: Any, site_dir: Path) -> None:
    expected = assert_same_in_browser(offline_page, site_dir, valid_text_cases(300))
    assert sum(1 for result in expected if not result["errors"]) >= 120  # 144 with this seed
    assert sum(1 for result in expected if result["errors"]) >= 20


@BROWSER_SETTINGS
@given(st.lists(inputs_strategy(CALCULATOR), min_size=10, max_size=10))
def test_generated_inputs_match_python(offline_page: Any, site_dir: Path, cases: list[dict[str, str]]) -> None:
    assert_same_in_browser(offline_page, site_dir, cases)


@BROWSER_SETTINGS
@given(st.lists(fuzz_inputs(CALCULATOR), min_size=10, max_size=10))
def test_fuzzed_text_matches_python_and_shows_nothing_broken(offline_page: Any, site_dir: Path, cases: list[dict[str, str]]) -> None:
    expected = assert_same_in_browser(offline_page, site_dir, cases)
    for case, result in zip(cases, expected):
        for text in displayed_strings(result):
            for typed in case.values():  # an error message quotes what was typed: that is not broken
                text = text.replace(typed.strip(" \t\r\n\u00a0"), "") if typed.strip() else text
            for broken in ("NaN", "Infinity", "undefined", "None", "null"):
                assert broken not in text, (case, text)
