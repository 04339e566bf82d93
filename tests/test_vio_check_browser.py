"""The lsmap check in Chromium from file://: the compiled check gives Python's answers, and the paste form lists them."""
from __future__ import annotations

import pytest
from lsmap_samples import npiv_adapter, render, scsi_adapter

from calculators.registry import get
from calculators.runtime import CalcError
from calculators.testing import open_page
from calculators.vio.check import check_lsmap, difference_line

CALCULATOR = get("vio")  # from the registry: it hands down the unit vocabulary

PAGE = "powervm/vio-planner.html"
# Plans as inputs by public key; each is checked against texts rendered from itself and from the others.
PLANS = [{}, {"clients": "3", "fc-ports": "4", "fcs-ports": "fcs0,fcs1,fcs2"}, {"vscsi": "no,yes", "client-ids": "7,9"},
         {"vios": "1", "lacp": "no", "ent-ports": "ent0", "vios-ips": "192.0.2.11", "fc-ports": "1"}]
BROKEN = [
    "\n".join([*npiv_adapter("vfchost0", 1, 31, 5, "aix9", "fcs0", 11), *npiv_adapter("vfchost1", 1, 32, None, "", "", None, "NOT_LOGGED_IN"),
               *scsi_adapter("vhost0", 1, 40, 0, ()), *scsi_adapter("vhost9", 1, 77, 7)]),
    "x" * 300, "", "vfchost0 U9117-V1", "vhost0 U9117.MMA.101F170-V1-C30 0x3\nvhost1 U9117.MMA.101F170-V2-C40 0x4",
    "vfchost0 U9117.MMA.101F170-V9-C31 3 aix1 AIX\nStatus:LOGGED_IN",
]


def python_answer(text: str, inputs: dict[str, str]) -> dict:
    """The Python check's answer in the shape the browser test returns: the result and its lines, or the error."""
    plan = CALCULATOR.evaluate(inputs).result["slot_plan"]
    try:
        result = check_lsmap(text, plan)
    except CalcError as error:
        return {"error": [error.key, error.message]}
    return {"vios": result["vios"], "differences": result["differences"], "lines": [difference_line(item) for item in result["differences"]]}


BROWSER_ANSWER = """([text, inputs]) => {
  const check = window.kbCalc.checks["check-lsmap"], plan = window.kbCalc.vio.result(inputs).result.get("slot_plan");
  const plain = (v) => v instanceof Map ? Object.fromEntries([...v].map(([k, x]) => [k, plain(x)])) : Array.isArray(v) ? v.map(plain) : v;
  try {
    const result = check.check_lsmap(text, plan);
    return {vios: plain(result.get("vios")), differences: plain(result.get("differences")),
            lines: result.get("differences").map(check.difference_line)};
  } catch (e) { return {error: [e.key, e.message]}; }
}"""


@pytest.fixture(scope="module")
def planner(browser, site_dir):
    context = browser.new_context()
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(("file://", "data:", "about:")) else route.abort())
    tab = context.new_page()
    open_page(tab, site_dir, PAGE)
    yield tab
    context.close()


def test_parity_with_python(planner):
    cases = []
    for inputs in PLANS:
        plan = CALCULATOR.evaluate(inputs).result["slot_plan"]
        for vios_id in (1, 2):
            cases.append((render(plan, vios_id), inputs))
            cases.append((render(plan, vios_id, scsi=False).replace("fcs1", "fcs0"), inputs))
        cases += [(text, inputs) for text in BROKEN]
    for text, _inputs in cases:
        for other in PLANS:
            assert planner.evaluate(BROWSER_ANSWER, [text, other]) == python_answer(text, other), (text[:200], other)


def test_the_paste_form_lists_the_differences(planner):
    box = planner.locator("[data-kb-lsmap-check]")
    assert box.is_visible()
    planner.fill("#kb-lsmap-text", BROKEN[0])
    planner.click("[data-kb-lsmap-run]")
    result = planner.locator("[data-kb-lsmap-result]")
    assert result.locator("p").inner_text() == "Check of vios1 (ID 1) against the plan: 8 differences"
    expected = [difference_line(item) for item in check_lsmap(BROKEN[0], CALCULATOR.evaluate({}).result["slot_plan"])["differences"]]
    assert result.locator("li").all_inner_texts() == expected
    assert result.locator("li[data-kb-kind='fc-port'][data-kb-slot='32']").count() == 1
    # the check follows the plan currently in the form: with client IDs 5 and 4, slot 31's client 5 is no longer a difference
    planner.click("details:has(#kb-vio-client-ids) > summary")  # Client IDs sit in a folded group (issue 10)
    planner.fill("#kb-vio-client-ids", "5,4")
    planner.click("[data-kb-lsmap-run]")
    assert "client-id: expected client 3" not in result.inner_text()
    planner.fill("#kb-vio-client-ids", "")
    planner.fill("#kb-lsmap-text", "hello\nworld")
    planner.click("[data-kb-lsmap-run]")
    assert result.locator("[data-kb-lsmap-error]").inner_text() == (
        "line 1: cannot read 'hello': expected lsmap output: a header, or a vfchost or vhost line")
    planner.fill("#kb-vio-clients", "0")
    planner.click("[data-kb-lsmap-run]")
    assert result.locator("[data-kb-lsmap-error]").inner_text().startswith("The plan above has an error")
    planner.fill("#kb-vio-clients", "2")


def test_hostile_paste_stays_responsive(planner):
    hostile = "vfchost0 U9117.MMA.101F170-V1-C31 3 aix1 AIX\n" + "Flags:a<LOGGED_IN>\n" * 20000
    planner.evaluate("(text) => { document.querySelector('#kb-lsmap-text').value = text; }", hostile)
    took = planner.evaluate("""() => { const t = performance.now();
        document.querySelector('[data-kb-lsmap-run]').click(); return performance.now() - t; }""")
    assert took < 3000
    assert "against the plan" in planner.locator("[data-kb-lsmap-result]").inner_text()
