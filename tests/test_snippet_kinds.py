"""Value kinds of snippet variables: accepted and rejected values, exact messages, injection, JS-safe patterns."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators.snippets.kinds import (
    CHARACTER_NAMES,
    COMMAND_BREAKERS,
    KINDS,
    check_value,
    fill,
    show_value,
)

# kind → (accepted values, rejected values). Checked by hand against the kind's help text.
CASES: dict[str, tuple[list[str], list[str]]] = {
    "aix_adapter": (
        ["ent0", "ent2", "ent17", "ent9999"],
        ["en17", "ent", "ent01", "ENT2", "ent10000", "ent2 ", "ent-1", "et2", "ent2\n"],
    ),
    "aix_interface": (["en0", "en17"], ["ent17", "en", "en07"]),
    "instance_owner": (
        ["tsminst1", "a", "db2inst1", "tsm_1", "tsminst2", "rootx", "localtsm", "publicx"],
        ["Tsminst1", "1tsm", "tsminst10", "sqlinst", "ibmtsm", "sysadm", "tsm-1", "_tsm", "tsm inst", "root;x",
         "root", "users", "admins", "guests", "public", "local"],
    ),
    "posix_path": (
        ["/opt/tivoli/tsm/db2", "/a", "/a.b/c_d", "/home/tsminst1", "/x/y-z/+/@/a.b"],
        ["opt/x", "/", "/opt/", "//x", "/a b", "/a=b", "/a,b", "/a*b", "/a~", "~/x", "/a/../b\n", "/a\\b", "/a:b", "/a(b)", "/a!b", "/a#b"],
    ),
    "windows_path": (
        ["C:\\Program Files\\Tivoli\\TSM\\baclient", "D:\\x (x86)\\y", "c:\\a"],
        ["C:\\", "C:\\a\\", "\\\\server\\share", "C:/a", 'C:\\a"b', "C:\\%PATH%", "C:\\a^b", "C:\\a&b", "C:\\a|b", "C:a"],
    ),
    "sp_name": (
        ["TSM", "DT", "SERVER_1.A+B", "a" * 64, "0h+"],
        ["a" * 65, "-x", "a b", "a&b", "a/b", "a,b", "a=b", "a@b"],
    ),
    "ldap_url": (
        [
            "ldap://server1.storage.us.ibm.com:389/ou=tsm,dc=storage,dc=us,dc=ibm,dc=com",
            "ldaps://ldap1.example.com:636/ou=tsm,dc=example,dc=com",
            "ldap://ldap1",
            "ldap://ldap1/ou=My%20Group,dc=x",
        ],
        ["http://x", "ldap://h:389/ou=a b", "ldap://", "ldap://h:123456", "LDAP://h", "ldap://h/ou=a;b", "ldap://h/ou='a'"],
    ),
    "ipv4_address": (
        ["0.0.0.0", "255.255.255.255", "192.0.2.10", "10.1.1.20"],
        ["256.0.0.1", "01.2.3.4", "1.2.3", "1.2.3.4.5", "1.2.3.4\n", "a.b.c.d", "1.2.3.-4", " 1.2.3.4"],
    ),
    "ipv4_netmask": (
        ["255.255.255.0", "0.0.0.0", "255.255.255.255", "255.128.0.0", "255.255.255.252"],
        ["255.0.255.0", "255.255.255.1", "255.255.255", "256.0.0.0", "255.255.0.128"],
    ),
    "linux_interface": (["eth0", "ens160", "enp0s31f6", "bond0"], ["eth0:1", "Eth0", "0eth", "toolonginterf", "eth-0", "eth 0"]),
    "alias_number": (["0", "1", "99"], ["00", "100", "-1", "01", "a"]),
    "sddpcm_aix_level": (["61", "71", "72"], ["73", "53", "7", "72 "]),
}

FORBIDDEN_PATTERN_SYNTAX = re.compile(r"\\[dDwWsSbBAZ]|\(\?P|\(\?<|\(\?[a-zA-Z]|\{,")


def test_every_kind_has_cases() -> None:
    assert set(CASES) == set(KINDS)


@pytest.mark.parametrize("kind_name", sorted(KINDS))
def test_accepted_and_rejected_values(kind_name: str) -> None:
    kind = KINDS[kind_name]
    accepted, rejected = CASES[kind_name]
    for value in accepted:
        assert check_value(kind, "field", value) is None, value
    for value in rejected:
        message = check_value(kind, "field", value)
        assert message is not None, value
        assert message.startswith(("field: ", "field is empty")), message
        assert message.endswith(f"Accepted: {kind.accepted}.")


@pytest.mark.parametrize("kind_name", sorted(KINDS))
def test_patterns_use_only_the_syntax_python_and_javascript_share(kind_name: str) -> None:
    kind = KINDS[kind_name]
    assert not FORBIDDEN_PATTERN_SYNTAX.search(kind.body), kind.body
    assert kind.pattern == f"^(?:{kind.body})$"
    assert kind.accepted and not kind.accepted.endswith(".")
    assert set(COMMAND_BREAKERS) <= set(kind.forbidden), "every kind rejects the command breakers"


def test_message_texts() -> None:
    owner = KINDS["instance_owner"]
    assert check_value(owner, "owner", "tsm;reboot") == (
        'owner: "tsm;reboot" contains a semicolon (;), so it is rejected and never pasted into the command. '
        "Accepted: a server instance owner's user name: 1 to 8 lowercase letters, digits or _, starting with a "
        "letter, not starting with ibm, sql or sys and not root, users, admins, guests, public or local "
        "(the instance runs as a non-root user; Db2 instance-name rules), like tsminst1."
    )
    assert check_value(owner, "owner", "Tsminst1") == (
        'owner: "Tsminst1" is not accepted. Accepted: ' + owner.accepted + "."
    )
    assert check_value(owner, "owner", "") == "owner is empty. Accepted: " + owner.accepted + "."
    path = KINDS["posix_path"]
    assert check_value(path, "init_dir", "/etc/init.d\nreboot") == (
        'init_dir: "/etc/init.d\\nreboot" contains a line break, so it is rejected and never pasted into the '
        "command. Accepted: " + path.accepted + "."
    )
    assert check_value(path, "init_dir", "/my dir").startswith('init_dir: "/my dir" contains a space, so it is rejected')
    assert check_value(KINDS["aix_adapter"], "first_adapter", "ent2`reboot`").startswith(
        'first_adapter: "ent2`reboot`" contains a backquote (`)'
    )
    assert check_value(KINDS["windows_path"], "windows_client_dir", "C:\\%TEMP%").startswith(
        'windows_client_dir: "C:\\\\%TEMP%" contains a percent sign (%)'
    )


def test_long_values_are_cut_in_messages() -> None:
    message = check_value(KINDS["sp_name"], "server_name", "A" * 200)
    assert message == f'server_name: "{"A" * 60}…" is not accepted. Accepted: {KINDS["sp_name"].accepted}.'


def test_fill_is_one_pass_and_keeps_unknown_slots() -> None:
    assert fill("{a} {b} {c}", {"a": "{b}", "b": "x"}) == "{b} x {c}"
    assert show_value('a"b\\c\n\t\x01') == '"a\\"b\\\\c\\n\\t\\u0001"'


@pytest.mark.parametrize("kind_name", sorted(KINDS))
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_generated_valid_values_are_accepted(kind_name: str, data: st.DataObject) -> None:
    kind = KINDS[kind_name]
    value = data.draw(st.from_regex(kind.pattern, fullmatch=True))
    assert check_value(kind, "field", value) is None


@pytest.mark.parametrize("kind_name", sorted(KINDS))
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_a_forbidden_character_anywhere_is_rejected_by_name(kind_name: str, data: st.DataObject) -> None:
    kind = KINDS[kind_name]
    value = data.draw(st.from_regex(kind.pattern, fullmatch=True))
    character = data.draw(st.sampled_from(sorted(kind.forbidden)))
    position = data.draw(st.integers(min_value=0, max_value=len(value)))
    attempt = value[:position] + character + value[position:]
    message = check_value(kind, "field", attempt)
    assert message == fill(
        "{variable}: {value} contains {character}, so it is rejected and never pasted into the command. Accepted: {accepted}.",
        {"variable": "field", "value": show_value(attempt), "character": CHARACTER_NAMES[character], "accepted": kind.accepted},
    )


@pytest.mark.parametrize("kind_name", sorted(KINDS))
@settings(max_examples=80, deadline=None)
@given(value=st.text(max_size=40))
def test_anything_accepted_is_free_of_command_breakers(kind_name: str, value: str) -> None:
    kind = KINDS[kind_name]
    if check_value(kind, "field", value) is None:
        assert not set(value) & set(COMMAND_BREAKERS)
        assert re.fullmatch(kind.pattern, value)
