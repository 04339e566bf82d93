"""The reader's profile: public names, checks as where used, the KB_PROFILE file, the build and the PDF cover."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, render_page

from calculators.registry import all_calculators
from calculators.snippets import SNIPPETS
from kb.profile import ProfileError, load_profile, parse_profile, problem, variables

PROFILE = {"values": {"instance-dir": "/home/tsminst2", "client-dir": "/opt/tivoli/tsm/client/ba/bin64",
                      "server-name": "SPSERVER9", "system": "p10-prod-sys", "vios-names": "vioa,viob"}}


def test_every_field_and_variable_has_one_public_name():
    names = variables()
    for calculator in all_calculators().values():
        for field in calculator.fields:
            assert ("calculator", calculator.name, field.key) in [use.data[:3] for use in names[field.key.replace("_", "-")]]
    for snippet in SNIPPETS.values():
        for variable in snippet.variables:
            assert snippet.name in [use.owner for use in names[variable.name.replace("_", "-")]]
    assert [use.owner for use in names["server-name"]] == ["sp-server-self-trust", "sp-client-cert-trust", "sp-client-cert-trust-windows"]
    assert {use.kind for use in names["netmask"]} == {"calculator", "snippet"}
    assert all(re.fullmatch(r"[a-z][a-z0-9-]*", name) for name in names)


def test_a_value_is_checked_by_every_place_that_uses_it():
    assert problem("server-name", "SPSERVER9") is None
    assert problem("netmask", "255.255.0.0") is None
    refused = problem("server-name", "TSM; rm -rf /")
    assert refused is not None
    assert refused.startswith("variable 'server-name' value 'TSM; rm -rf /' is not accepted by snippet sp-server-self-trust: ")
    assert problem("clients", "abc") == ("variable 'clients' value 'abc' is not accepted by calculator vio: "
                                         "Clients: 'abc' is not a number; enter a whole number 1–100")
    assert problem("no-such-thing", "x") == "unknown variable 'no-such-thing' (no snippet or calculator uses it; the Profile page lists the names)"
    assert problem("clients", "  ") == "variable 'clients' is empty (leave the name out to keep the pages' defaults)"


def test_profile_file_checks():
    text = json.dumps(PROFILE)
    profile = parse_profile(text, "mine.json")
    assert profile.values == PROFILE["values"] and re.fullmatch(r"[0-9a-f]{12}", profile.short_hash)
    assert profile.cover_text() == f"mine.json (sha256 {profile.short_hash})"
    cases = {
        "{": "KB_PROFILE p.json: not JSON: line 1 column 2: Expecting property name enclosed in double quotes",
        '{"server-name": "X"}': 'KB_PROFILE p.json: expected {"values": {"<public name>": "<text>", ...}} and nothing else',
        '{"values": {"clients": 3}}': "KB_PROFILE p.json: variable 'clients' must be text (got 3); quote it",
        '{"values": {"clients": "0"}}':
            "KB_PROFILE p.json: variable 'clients' value '0' is not accepted by calculator vio: Clients must be 1–100 (got '0')",
        '{"values": {"colour": "red"}}':
            "KB_PROFILE p.json: unknown variable 'colour' (no snippet or calculator uses it; the Profile page lists the names)",
        json.dumps({"values": {"server-name": "A\n" * 100}}):
            "KB_PROFILE p.json: variable 'server-name' value '" + ("A\\n" * 20) + "…' is not accepted by snippet sp-server-self-trust: ",
    }
    for text, message in cases.items():
        with pytest.raises(ProfileError) as raised:
            parse_profile(text, "p.json")
        assert str(raised.value).startswith(message) and "\n" not in str(raised.value), (text, str(raised.value))
    with pytest.raises(ProfileError, match=r"^KB_PROFILE missing.json: cannot read: No such file or directory$"):
        load_profile("missing.json", Path("/nonexistent"))


def build(tmp_path: Path, profile: dict | str, pdf: bool = False) -> subprocess.CompletedProcess:
    file = tmp_path / "profile.json"
    file.write_text(profile if isinstance(profile, str) else json.dumps(profile), encoding="utf-8")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", KB_PROFILE=str(file))
    env.pop("ENABLE_PDF_EXPORT", None)
    if pdf:
        env.update(ENABLE_PDF_EXPORT="1", KB_CHROMIUM="/usr/bin/chromium")
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)


def test_a_bad_value_stops_the_build_with_one_line(tmp_path):
    done = build(tmp_path, {"values": {"server-name": "TSM SERVER"}})
    assert done.returncode != 0
    lines = [line for line in (done.stdout + done.stderr).splitlines() if "KB_PROFILE" in line]
    assert len(lines) == 1 and "variable 'server-name' value 'TSM SERVER' is not accepted by snippet sp-server-self-trust" in lines[0]
    done = build(tmp_path, {"values": {"serverr-name": "TSM"}})
    assert done.returncode != 0 and "unknown variable 'serverr-name'" in done.stdout + done.stderr


def test_the_printed_runbook_uses_the_profile(tmp_path, chromium_path, pdftotext_path):
    done = build(tmp_path, PROFILE, pdf=True)
    assert done.returncode == 0, done.stdout + done.stderr
    site = tmp_path / "site"
    ldap = (site / "spectrum-protect/ldap-startup.html").read_text(encoding="utf-8")
    assert "/home/tsminst2/dsmserv.opt" in ldap and "/home/tsminst1/dsmserv.opt" not in ldap
    planner = (site / "powervm/vio-planner.html").read_text(encoding="utf-8")
    assert "p10-prod-sys" in planner and "vioa" in planner
    text = subprocess.run([pdftotext_path, "-layout", str(site / "pdf/field-notes.pdf"), "-"], capture_output=True, text=True, check=True).stdout
    digest = parse_profile((tmp_path / "profile.json").read_text(encoding="utf-8"), "profile.json").short_hash
    cover = text.split("\f")[0]
    assert "Profile" in cover and f"profile.json (sha256 {digest})" in cover
    assert "printed with the values of the profile named above" in " ".join(cover.split())
    assert "/home/tsminst2/dsmserv.opt" in text and "/home/tsminst1/dsmserv.opt" not in text
    assert "SPSERVER9" in text and "-m p10-prod-sys" in text and "/opt/tivoli/tsm/client/ba/bin64" in text


def test_the_profile_list_is_filled_at_its_marker_once_and_only_there(tmp_path: Path) -> None:
    from kb.fences import PROFILE_MARKER, PROFILE_PAGE, FenceError

    html = render_page(tmp_path, f"# Your profile\n\nBefore.\n\n{PROFILE_MARKER}\n\nAfter.\n", PROFILE_PAGE)
    assert html.count('data-kb-profile-page') == 1 and PROFILE_MARKER not in html
    assert html.index("Before.") < html.index("data-kb-profile-page") < html.index("After.")
    assert 'src="assets/calculators/tire.js"' in html, "the calculators' parsers check the values"
    for source, reason in (("# Your profile\n\nNo marker.\n", "exactly once"),
                           (f"# Your profile\n\n{PROFILE_MARKER}\n\n{PROFILE_MARKER}\n", "exactly once"),
                           (f"# Your profile\n\n```\n{PROFILE_MARKER}\n```\n", "stand alone")):
        with pytest.raises(FenceError, match=reason):
            render_page(tmp_path, source, PROFILE_PAGE)
