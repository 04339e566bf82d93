"""Snippets in headless Chromium from file://: URL prefill, live rewrite, injection blocked, copy, Python/JS parity.

Two page loads: the systemd page (form behaviour and the copy button) and the EtherChannel page
(derived value, distinct adapters, and the validators run on the same values in both engines).
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_snippet_kinds import CASES

from calculators.snippets import KINDS, MESSAGES, SNIPPETS, check_value, find_errors, render_text, resolve_values

SYSTEMD_PAGE = "spectrum-protect/systemd-autostart.html"
ETHERCHANNEL_PAGE = "aix-networking/etherchannel-crash.html"
INJECTIONS = ["tsm;reboot", "tsm\nreboot", "tsm`id`", "tsm$(id)", "tsm'", 'tsm"', "tsm|id", "tsm&id", "Tsm"]

RECORD_COPIES = """() => {
  window.__copied = [];
  document.addEventListener('copy', (event) => {
    const target = event.target;
    window.__copied.push(target && 'value' in target ? target.value : String(window.getSelection()));
  }, true);
}"""


def code_text(page: Any, root: str) -> str:
    """The text of a snippet's code block, as the reader sees and copies it."""
    return page.locator(f"{root} pre > code").evaluate("element => element.textContent")


def test_form_prefill_live_rewrite_injection_and_copy(offline_page: Any, built_site: Path) -> None:
    page = offline_page
    page.goto((built_site / SYSTEMD_PAGE).as_uri() + "?owner=tsminst2&init_dir=/opt/tivoli/tsm/server/bin&db2_dir=/opt/db2%0Areboot")
    page.evaluate(RECORD_COPIES)
    root = "#snippet-sp-instance-unit"
    instance = SNIPPETS["sp-instance-unit"]
    wanted = render_text(instance, {"owner": "tsminst2", "init_dir": "/opt/tivoli/tsm/server/bin"})

    assert page.locator(f"{root} .kb-snippet-form").is_visible()
    assert page.input_value(f"{root}-owner") == "tsminst2"
    assert code_text(page, root) == wanted
    assert page.get_attribute(root, "data-copy") == wanted.rstrip()
    assert page.input_value("#snippet-sp-dsmcad-unit-init_dir") == "/opt/tivoli/tsm/server/bin", "same field name, same query key"
    assert "ExecStart=/opt/tivoli/tsm/server/bin/dsmcad start" in code_text(page, "#snippet-sp-dsmcad-unit")

    # A line break can only arrive through the URL (a text field drops it): rejected at load.
    db2 = "#snippet-sp-db2fmcd-unit"
    assert page.text_content(f"{db2} [data-kb-message=db2_dir]") == check_value(KINDS["posix_path"], "db2_dir", "/opt/db2\nreboot")
    assert "contains a line break" in page.text_content(f"{db2} [data-kb-message=db2_dir]")
    assert code_text(page, db2) == render_text(SNIPPETS["sp-db2fmcd-unit"]), "blocked from the start: defaults stay"

    page.fill(f"{root}-owner", "tsminst3")
    filled = render_text(instance, {"owner": "tsminst3", "init_dir": "/opt/tivoli/tsm/server/bin"})
    assert code_text(page, root) == filled
    assert "owner=tsminst3" in page.evaluate("location.search")

    for attempt in INJECTIONS:
        page.fill(f"{root}-owner", attempt)
        typed = page.input_value(f"{root}-owner")
        expected = check_value(instance.variable("owner").kind, "owner", typed)
        assert expected is not None
        assert page.text_content(f"{root} [data-kb-message=owner]") == expected
        assert page.get_attribute(f"{root}-owner", "aria-invalid") == "true"
        assert "kb-blocked" in (page.get_attribute(root, "class") or "")
        assert page.text_content(f"{root} .kb-snippet-status") == MESSAGES["blocked"]
        assert code_text(page, root) == filled, "the block keeps the last valid text"
        assert page.get_attribute(root, "data-copy") == filled.rstrip()
        assert "owner=tsminst3" in page.evaluate("location.search"), "an invalid value never reaches the URL"

    page.hover(f"{root} pre")
    page.click(f"{root} button[data-md-type=copy]", force=True)
    page.wait_for_timeout(200)
    assert page.evaluate("window.__copied") == [], "copying is off while a field is invalid"

    page.fill(f"{root}-owner", "tsminst4")
    assert page.text_content(f"{root} [data-kb-message=owner]") == ""
    assert "kb-blocked" not in (page.get_attribute(root, "class") or "")
    page.hover(f"{root} pre")
    page.click(f"{root} button[data-md-type=copy]")
    page.wait_for_function("window.__copied.length > 0")
    assert page.evaluate("window.__copied") == [render_text(instance, {"owner": "tsminst4", "init_dir": "/opt/tivoli/tsm/server/bin"}).rstrip()]

    check_every_field_rejects_injection(page)

    assert page.external_requests == []
    assert page.console_errors == []


def check_every_field_rejects_injection(page: Any) -> None:
    """Every field of every snippet on the loaded page: an injected value is refused and the block left alone."""
    fields = page.eval_on_selector_all(
        ".kb-snippet .kb-snippet-form input",
        "inputs => inputs.map(input => [input.closest('.kb-snippet').id, input.id, input.name])",
    )
    assert fields
    for root_id, field_id, name in fields:
        root = f"#{root_id}"
        before, value = code_text(page, root), page.input_value(f"#{field_id}")
        for attempt in ("x;reboot", "x`id`", "x$(id)", "x'y"):
            page.fill(f"#{field_id}", value + attempt)
            message = page.text_content(f"{root} [data-kb-message={name}]")
            assert message.startswith(f"{name}: ") and "rejected and never pasted" in message, message
            assert "kb-blocked" in (page.get_attribute(root, "class") or "")
            assert code_text(page, root) == before
        page.fill(f"#{field_id}", value)


def case_strategy() -> st.SearchStrategy[tuple[str, str]]:
    """(kind, value): valid values, the hand-written cases, valid values with a breaker inserted, and arbitrary text."""

    def for_kind(kind_name: str) -> st.SearchStrategy[tuple[str, str]]:
        kind = KINDS[kind_name]
        valid = st.from_regex(kind.pattern, fullmatch=True)
        broken = st.tuples(valid, st.sampled_from(sorted(kind.forbidden)), st.integers(0, 80)).map(
            lambda parts: parts[0][: parts[2]] + parts[1] + parts[0][parts[2]:]
        )
        listed = st.sampled_from(CASES[kind_name][0] + CASES[kind_name][1])
        return st.tuples(st.just(kind_name), st.one_of(valid, broken, listed, st.text(max_size=70)))

    return st.one_of([for_kind(kind_name) for kind_name in sorted(KINDS)])


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cases=st.lists(case_strategy(), min_size=40, max_size=60))
def test_python_and_browser_validators_agree(offline_page: Any, built_site: Path, cases: list[tuple[str, str]]) -> None:
    page = offline_page
    url = (built_site / ETHERCHANNEL_PAGE).as_uri() + "?second_adapter=ent2"
    if not getattr(page, "kb_loaded", False):  # one load for every example (the runtime rewrites the URL)
        page.kb_loaded = True
        page.goto(url)
        check_derived_and_distinct(page)
        check_every_field_rejects_injection(page)
    in_browser = page.evaluate(
        "cases => cases.map(([kind, value]) => window.kbSnippets.checkValue(kind, 'field', value))", [list(c) for c in cases]
    )
    in_python = [check_value(KINDS[kind], "field", value) or "" for kind, value in cases]
    assert in_browser == in_python
    assert page.console_errors == [] and page.external_requests == []


def check_derived_and_distinct(page: Any) -> None:
    """EtherChannel page: a duplicate adapter from the URL blocks the block; fixing it rewrites it, en follows ent."""
    root = "#snippet-aix-etherchannel-readd"
    snippet = SNIPPETS["aix-etherchannel-readd"]
    default_text = render_text(snippet)
    duplicate = find_errors(snippet, resolve_values(snippet, {"second_adapter": "ent2"}))["second_adapter"]
    assert page.text_content(f"{root} [data-kb-message=second_adapter]") == duplicate
    assert code_text(page, root) == default_text
    page.fill(f"{root}-second_adapter", "ent9")
    page.fill(f"{root}-etherchannel", "ent20")
    expected = render_text(snippet, {"etherchannel": "ent20", "second_adapter": "ent9"})
    assert code_text(page, root) == expected
    assert page.text_content(f"{root} output[data-kb-var=interface]") == "en20"
    spec_values = {"etherchannel": "ent21", "first_adapter": "ent3", "second_adapter": "ent3"}
    browser = page.evaluate(
        "([spec, values]) => window.kbSnippets.render(spec, values)",
        [page.evaluate(f"JSON.parse(document.querySelector('{root}').getAttribute('data-kb-snippet'))"), spec_values],
    )
    assert browser == {"errors": find_errors(snippet, spec_values), "text": None}
