"""Issue 10: calculators an admin can use at a glance, proved in Chromium from file://.

At 1366×900 and 390×844: the key answer is in view right after editing the first field; bad input
keeps the last results, dimmed, under a banner that links the fields; no page scrolls sideways;
a link carries only the changed values and the calculator's anchor and restores the state; two
calculators and a snippet on one page keep each other's values; the grid shows without
JavaScript and in print, and print carries the reader's values, the date and the link.
"""
from __future__ import annotations

import datetime
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.conftest import ROOT

PAGES = {"tire": "bicycles/tire-pressure.html", "ramdisk": "aix-filesystems/ramdisk.html", "vio": "powervm/vio-planner.html"}
# (first field key, a new valid value) and (a field whose change moves the key answer, value)
FIRST = {"tire": ("weight", "250 lb"), "ramdisk": ("size", "4G"), "vio": ("system", "power2")}
MOVES = {"tire": ("weight", "250 lb"), "ramdisk": ("size", "4G"), "vio": ("clients", "3")}
BAD = {"tire": ("weight", "abc"), "ramdisk": ("size", "abc"), "vio": ("clients", "0")}
VIEWPORTS = {"desktop": (1366, 900), "phone": (390, 844)}
READY = "() => document.querySelector('[data-kb-calc][data-kb-ready]') !== null"
# the key answer a reader sees: beside the inputs on a wide screen, in the bar on a phone
KEY = {"desktop": "[data-kb-key]", "phone": "[data-kb-key-bar]"}


@pytest.fixture(params=list(VIEWPORTS))
def tab(request: Any, browser: Any) -> Iterator[Any]:
    """A page at one of the two sizes, with every non-file request aborted."""
    width, height = VIEWPORTS[request.param]
    context = browser.new_context(viewport={"width": width, "height": height})
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(("file:", "data:", "blob:", "about:")) else route.abort())
    page = context.new_page()
    page.size_name = request.param
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    yield page
    context.close()


def in_view(page: Any, selector: str) -> bool:
    """True when the element is displayed and wholly inside the viewport."""
    return page.evaluate(
        """selector => { const n = document.querySelector(selector); if (!n || !n.offsetParent) return false;
        const r = n.getBoundingClientRect();
        return r.height > 0 && r.top >= 0 && r.bottom <= innerHeight && r.left >= 0 && r.right <= innerWidth; }""",
        selector,
    )


def open_calc(page: Any, site_dir: Path, name: str, query: str = "") -> None:
    """Open a calculator page the way a shared link does: with its anchor."""
    page.goto((site_dir / PAGES[name]).as_uri() + query + f"#calc-{name}")
    page.wait_for_function(READY)


@pytest.mark.parametrize("name", list(PAGES))
def test_key_answer_is_in_view_after_editing_the_first_field(tab: Any, site_dir: Path, name: str) -> None:
    open_calc(tab, site_dir, name)
    key = f"#calc-{name} {KEY[tab.size_name]}"
    before = tab.evaluate(f"() => document.querySelector('{key}').textContent")
    field, value = FIRST[name]
    tab.fill(f"#kb-{name}-{field}", value)
    assert in_view(tab, key), f"{name} at {tab.size_name}: the key answer is not on screen"
    field, value = MOVES[name]
    tab.fill(f"#kb-{name}-{field}", value)
    assert in_view(tab, key)
    assert tab.evaluate(f"() => document.querySelector('{key}').textContent") != before and tab.inner_text(key).strip()
    assert tab.errors == []


def test_key_answers_say_the_primary_result(browser: Any, site_dir: Path) -> None:
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    open_calc(page, site_dir, "tire")
    assert page.inner_text("[data-kb-key]").splitlines()[:2] == ["Front: 88.6 psi (6.11 bar)", "Rear: 136.5 psi (9.41 bar)"]
    open_calc(page, site_dir, "ramdisk", "?size=512m")
    assert page.inner_text("[data-kb-key]").splitlines() == [
        "512-byte blocks: 1,048,576", "Exact size: 536,870,912 bytes (512 MiB)", "Suffix form: mkramdisk 512M (if M and G are binary, as assumed)"]
    open_calc(page, site_dir, "vio")
    assert page.inner_text("[data-kb-key]").splitlines()[0] == "vios1: 9 adapters, highest slot 42"
    page.close()


@pytest.mark.parametrize("name", list(PAGES))
def test_bad_input_keeps_the_results_dimmed_under_a_banner(tab: Any, site_dir: Path, name: str) -> None:
    open_calc(tab, site_dir, name)
    results = f"#calc-{name} [data-kb-results]"
    before = tab.inner_text(results)
    field, value = BAD[name]
    tab.fill(f"#kb-{name}-{field}", value)
    assert tab.inner_text(results) == before  # never blank
    assert tab.evaluate(f"() => getComputedStyle(document.querySelector('{results}')).opacity") == "0.5"
    banner = tab.locator(f"#calc-{name} [data-kb-banner]")
    assert banner.get_attribute("aria-live") == "polite"
    assert banner.inner_text().startswith("Not updated: fix this field.")
    link = banner.locator(f"a[href='#kb-{name}-{field}']")
    assert link.count() == 1 and tab.inner_text(f"[data-kb-error='{field}']") in banner.inner_text()
    assert in_view(tab, f"#calc-{name} {KEY[tab.size_name]}")
    link.click()
    assert tab.evaluate("document.activeElement.id") == f"kb-{name}-{field}"
    tab.fill(f"#kb-{name}-{field}", FIRST[name][1] if name != "vio" else "2")
    assert banner.inner_text() == "" and "kb-stale" not in tab.get_attribute(f"#calc-{name}", "class")


def test_a_folded_field_with_an_error_opens_its_group(browser: Any, site_dir: Path) -> None:
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    open_calc(page, site_dir, "vio", "?netmask=255.255.255.x")
    details = page.locator("details.kb-calc-more", has=page.locator("#kb-vio-netmask"))
    assert details.get_attribute("open") is not None
    assert "Netmask" in page.inner_text("#calc-vio [data-kb-banner]")
    # the closed groups' summaries show their current values
    summary = page.locator("details.kb-calc-more", has=page.locator("#kb-vio-lmb")).locator("[data-kb-summary]")
    assert "Logical memory block (MB) 256" in summary.inner_text()
    group = page.locator("details.kb-calc-more", has=page.locator("#kb-vio-lmb")).locator("summary")
    group.click()  # opens the group
    page.select_option("#kb-vio-lmb", "128")
    group.click()
    assert "Logical memory block (MB) 128" in summary.inner_text()
    page.close()


def test_the_vio_planner_shows_the_essential_fields_first(browser: Any, site_dir: Path) -> None:
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    open_calc(page, site_dir, "vio")
    visible = page.locator("#calc-vio .kb-calc-inputs > fieldset input, #calc-vio .kb-calc-inputs > fieldset select").evaluate_all(
        "nodes => nodes.map(n => n.name)")
    assert visible == ["system", "vios", "clients", "vscsi", "fc-ports", "vlans", "ip-on", "lacp"]
    assert page.locator("#calc-vio details.kb-calc-more[open]").count() == 0
    page.close()


def test_no_page_scrolls_sideways(tab: Any, site_dir: Path) -> None:
    # 404.html is for a hosted copy (absolute asset URLs); tests/test_site_hosting.py serves it
    pages = sorted(path for path in site_dir.rglob("*.html")
                   if path.relative_to(site_dir).parts[0] not in ("assets", "pdf") and path.name != "404.html")
    wide = []
    for path in pages:
        tab.goto(path.as_uri())
        tab.wait_for_load_state("load")
        tab.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
        width = tab.evaluate("document.documentElement.scrollWidth")
        if width > VIEWPORTS[tab.size_name][0]:
            wide.append(f"{path.relative_to(site_dir)}: {width} px")
    assert wide == []


@pytest.mark.parametrize("name", list(PAGES))
def test_a_link_carries_only_changed_values_and_the_anchor(browser: Any, site_dir: Path, name: str) -> None:
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.goto((site_dir / PAGES[name]).as_uri())
    page.wait_for_function(READY)
    assert "?" not in page.url
    changes = {FIRST[name][0]: FIRST[name][1], MOVES[name][0]: MOVES[name][1]}
    for key, value in changes.items():
        page.fill(f"#kb-{name}-{key}", value)
    link = urlsplit(page.evaluate("location.href"))
    assert link.fragment == f"calc-{name}"
    assert {key: values[0] for key, values in parse_qs(link.query).items()} == changes
    key_text = page.inner_text("[data-kb-key]")
    page.click("[data-kb-copy-link]")
    page.wait_for_function("() => document.querySelector('[data-kb-copied]').textContent !== ''")
    href = page.evaluate("location.href")  # what replaceState wrote (page.url follows it asynchronously)
    assert page.inner_text("[data-kb-copied]") in ("Link copied.", f"Copy this link: {href}")
    fresh = context.new_page()
    fresh.goto(href)
    fresh.wait_for_function(READY)
    for key, value in changes.items():
        assert fresh.input_value(f"#kb-{name}-{key}") == value
    assert fresh.inner_text("[data-kb-key]") == key_text
    assert fresh.evaluate(f"() => Math.abs(document.getElementById('calc-{name}').getBoundingClientRect().top) < 120")
    # back to the page's own value: the key leaves the link
    page.fill(f"#kb-{name}-{MOVES[name][0]}", page.get_attribute(f"#kb-{name}-{MOVES[name][0]}", "value") or "")
    context.close()


def test_each_calculator_page_has_an_open_the_calculator_link(browser: Any, site_dir: Path) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 844})
    for name, path in PAGES.items():
        page.goto((site_dir / path).as_uri())
        page.wait_for_function(READY)
        jump = page.locator(f"a[href='#calc-{name}']").first
        assert page.evaluate("n => n.getBoundingClientRect().top < 400", jump.element_handle())
        jump.click()
        assert page.evaluate(f"() => document.getElementById('calc-{name}').getBoundingClientRect().top < 200")
    page.close()


@pytest.fixture(scope="module")
def mixed_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A temporary MkDocs project with the project's mkdocs.yml: one page with two calculators and a snippet."""
    root = tmp_path_factory.mktemp("mixed")
    shutil.copytree(ROOT / "docs", root / "docs")
    (root / "docs" / "mixed.md").write_text(
        "# Two calculators and a snippet\n\n"
        "```calculator\nname: tire\npreset: pavement\n```\n\n"
        "```calculator\nname: ramdisk\n```\n\n"
        "```snippet\nname: sp-instance-unit\n```\n",
        encoding="utf-8",
    )
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("docs_dir: docs", f"docs_dir: {root / 'docs'}")
    config = re.sub(r"^watch:\n(  - .*\n)+", "", config, flags=re.M)
    config = re.sub(r"^  - hooks/", f"  - {ROOT}/hooks/", config, flags=re.M)
    config = config.replace("  - Tags: tags.md", "  - Tags: tags.md\n  - Mixed: mixed.md")
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("ENABLE_PDF_EXPORT", None)
    env.pop("SITE_URL", None)
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(root / "mkdocs.yml"), "--site-dir", str(root / "site")],
                          cwd=ROOT, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return root / "site"


def test_two_calculators_and_a_snippet_keep_each_others_values(browser: Any, mixed_site: Path) -> None:
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.goto((mixed_site / "mixed.html").as_uri())
    page.wait_for_function("() => document.querySelectorAll('[data-kb-calc][data-kb-ready]').length === 2")
    page.fill("#kb-tire-weight", "250 lb")
    page.fill("#kb-ramdisk-size", "4G")
    page.fill("#snippet-sp-instance-unit-owner", "tsminst7")
    page.fill("#kb-tire-rear", "65")
    query = {key: values[0] for key, values in parse_qs(urlsplit(page.evaluate("location.href")).query).items()}
    assert query == {"weight": "250 lb", "size": "4G", "owner": "tsminst7", "rear": "65"}
    fresh = context.new_page()
    fresh.goto(page.evaluate("location.href"))
    fresh.wait_for_function("() => document.querySelectorAll('[data-kb-calc][data-kb-ready]').length === 2")
    assert fresh.input_value("#kb-tire-weight") == "250 lb" and fresh.input_value("#kb-tire-rear") == "65"
    assert fresh.input_value("#kb-ramdisk-size") == "4G"
    assert fresh.input_value("#snippet-sp-instance-unit-owner") == "tsminst7"
    assert "tsminst7" in fresh.get_attribute("#snippet-sp-instance-unit", "data-copy")
    context.close()


def test_print_shows_the_readers_values_date_and_link(browser: Any, site_dir: Path) -> None:
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    open_calc(page, site_dir, "tire", "?weight=250+lb")
    page.emulate_media(media="print")
    printout = page.locator("#calc-tire [data-kb-printout]")
    assert printout.is_visible()
    text = printout.inner_text()
    assert f"Printed with these values on {datetime.date.today().isoformat()}" in text
    assert "Total weight 250 lb" in text and "Front" in text
    assert "weight=250" in printout.locator("a").get_attribute("href")
    assert not page.locator("#calc-tire form").is_visible()
    assert not page.locator("#calc-tire .kb-static > .kb-static-result").is_visible()  # the defaults do not print over the reader's values
    # a labelled, pre-computed grid prints too (on paper: scaled to the notes' reference, calculators/print_tables.py)
    assert page.locator("#calc-tire table.kb-print-grid:visible").count() >= 1
    page.emulate_media(media="screen")
    assert not page.locator("#calc-tire .kb-static").is_visible()  # hidden on screen once the form runs
    page.close()


def test_forms_and_grids_are_left_out_of_search_but_the_prose_is_not(site_dir: Path) -> None:
    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    ramdisk = " ".join(doc["text"] for doc in index["docs"] if doc["location"].startswith("aix-filesystems/ramdisk.html"))
    assert "mkramdisk" in ramdisk
    assert "Rounded up to whole blocks" not in ramdisk and "Accepts:" not in ramdisk
    everything = " ".join(doc["text"] for doc in index["docs"])
    assert "Accepts:" not in everything and "kb-calc" not in everything
