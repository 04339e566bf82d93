"""The profile in Chromium from file://: saved values fill other pages, the URL wins, export/clear/import, checks as in Python."""
from __future__ import annotations

import json

import pytest

from kb.profile import problem

PROFILE_PAGE = "profile.html"


@pytest.fixture()
def tab(browser, built_site):
    context = browser.new_context(accept_downloads=True)
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(("file://", "data:", "about:", "blob:")) else route.abort())
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.site = built_site
    yield page
    assert page.errors == []
    context.close()


def go(tab, path: str, query: str = "") -> None:
    tab.goto((tab.site / path).as_uri() + query)
    tab.wait_for_load_state("load")


def snippet_field(tab, name: str):
    return tab.locator(f".kb-snippet-form [name='{name}']").first


def test_values_typed_on_the_profile_page_fill_other_pages(tab):
    go(tab, PROFILE_PAGE)
    tab.fill("#kb-profile-instance-dir", "/home/tsminst2")
    tab.fill("#kb-profile-client-dir", "/opt/tivoli/tsm/client/ba/bin64")
    tab.fill("#kb-profile-netmask", "255.255.0.0")
    tab.fill("#kb-profile-clients", "abc")          # refused, not stored
    assert tab.locator("[data-kb-profile-message='clients']").inner_text() == "calculator vio: " + problem("clients", "abc").split(": ", 1)[1]
    assert json.loads(tab.evaluate("localStorage.getItem('kb-profile')")) == {"values": {
        "instance-dir": "/home/tsminst2", "client-dir": "/opt/tivoli/tsm/client/ba/bin64", "netmask": "255.255.0.0"}}

    go(tab, "spectrum-protect/ldap-startup.html")
    assert snippet_field(tab, "instance_dir").input_value() == "/home/tsminst2"
    assert "/home/tsminst2/dsmserv.opt" in tab.locator(".kb-snippet").first.get_attribute("data-copy")
    assert tab.locator("label[data-kb-from-profile]").count() >= 1
    assert tab.evaluate("location.search") == ""                      # the address is left as it was

    go(tab, "spectrum-protect/replace-server.html")
    assert snippet_field(tab, "instance_dir").input_value() == "/home/tsminst2"
    assert snippet_field(tab, "client_dir").input_value() == "/opt/tivoli/tsm/client/ba/bin64"

    go(tab, "spectrum-protect/systemd-autostart.html")
    assert snippet_field(tab, "client_dir").input_value() == "/opt/tivoli/tsm/client/ba/bin64"

    go(tab, "powervm/vio-planner.html")
    tab.wait_for_selector("[data-kb-calc][data-kb-ready]")
    assert tab.input_value("#kb-vio-netmask") == "255.255.0.0"
    assert tab.locator("label[for='kb-vio-netmask'][data-kb-from-profile]").count() == 1
    assert "255.255.0.0" in tab.locator("[data-kb-results]").inner_text()


def test_the_url_beats_the_profile_and_save_to_profile(tab):
    go(tab, PROFILE_PAGE)
    tab.fill("#kb-profile-instance-dir", "/home/tsminst2")
    go(tab, "spectrum-protect/ldap-startup.html", "?instance_dir=/srv/inst9")
    assert snippet_field(tab, "instance_dir").input_value() == "/srv/inst9"
    assert tab.locator("label[data-kb-from-profile]").count() == 0
    # saving from a snippet: the changed value goes to the profile and fills another page
    go(tab, "spectrum-protect/ldap-startup.html")
    snippet_field(tab, "instance_dir").fill("/home/tsminst7")
    tab.locator("[data-kb-profile-save]").first.click()
    assert "instance-dir" in tab.locator(".kb-profile-saved").first.inner_text()
    go(tab, "spectrum-protect/replace-server.html")
    assert snippet_field(tab, "instance_dir").input_value() == "/home/tsminst7"
    # an invalid value is not saved
    snippet_field(tab, "instance_dir").fill("/home/a b")
    tab.locator(".kb-snippet-form:has([name='instance_dir']) [data-kb-profile-save]").first.click()
    assert json.loads(tab.evaluate("localStorage.getItem('kb-profile')"))["values"]["instance-dir"] == "/home/tsminst7"


def test_export_clear_import_round_trip(tab, tmp_path):
    go(tab, PROFILE_PAGE)
    tab.fill("#kb-profile-server-name", "SPSERVER9")
    tab.fill("#kb-profile-system", "p10-prod-sys")
    with tab.expect_download() as download:
        tab.click("[data-kb-profile-export]")
    exported = tmp_path / "profile.json"
    download.value.save_as(exported)
    assert json.loads(exported.read_text(encoding="utf-8")) == {"values": {"server-name": "SPSERVER9", "system": "p10-prod-sys"}}
    tab.click("[data-kb-profile-clear]")
    assert tab.evaluate("localStorage.getItem('kb-profile')") is None
    assert tab.input_value("#kb-profile-server-name") == "" and tab.input_value("#kb-profile-system") == ""
    go(tab, "powervm/vio-planner.html")
    assert tab.input_value("#kb-vio-system") == "power1"
    go(tab, PROFILE_PAGE)
    data = json.loads(exported.read_text(encoding="utf-8"))
    data["values"].update({"colour": "red", "clients": "0"})
    exported.write_text(json.dumps(data), encoding="utf-8")
    tab.set_input_files("[data-kb-profile-import]", str(exported))
    status = tab.locator("[data-kb-profile-status]")
    status.filter(has_text="Imported").wait_for()
    assert status.inner_text().startswith("Imported 2 values from profile.json. Unknown names, not imported: colour. "
                                          "Refused: clients (calculator vio: Clients must be 1–100 (got '0')).")
    assert tab.input_value("#kb-profile-server-name") == "SPSERVER9"
    go(tab, "spectrum-protect/replace-server.html")
    assert snippet_field(tab, "server_name").input_value() == "SPSERVER9"
