"""Value kinds of snippet variables: an anchored pattern, forbidden characters, and what is accepted.

The same data validates in Python (build, CLI, tests) and in the browser (the runtime receives
it as JSON). Patterns are written in the common subset of Python `re` and JavaScript RegExp:
ASCII classes spelled out (no \\d, \\w, \\s, \\b), no flags, no named groups, no \\A or \\Z.
A kind stores only the body; `pattern` wraps it as ``^(?:body)$`` so a top-level `|` cannot
make the two engines disagree, and Python checks with `re.fullmatch` (so a trailing newline,
which `$` tolerates in Python, never passes).

Messages are shared too: `MESSAGES` holds templates with `{field}` slots that both sides fill
with the same tiny substitution (`fill`), and `show_value` quotes a value the way
`JSON.stringify` does.
"""
from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property

# Characters that would end, chain, quote, substitute or redirect a command.
COMMAND_BREAKERS = "\n\r\t\0;'\"`$&|<>"
# Paths are pasted unquoted into shell lines: a space would split one path into two words.
PATH_BREAKERS = COMMAND_BREAKERS + " "
# Windows paths are always written inside "…" in cmd; % and ^ still act inside quotes.
WINDOWS_BREAKERS = COMMAND_BREAKERS + "%^"

CHARACTER_NAMES: dict[str, str] = {
    "\n": "a line break",
    "\r": "a carriage return",
    "\t": "a tab",
    "\0": "a NUL character",
    ";": "a semicolon (;)",
    "'": "a single quote (')",
    '"': 'a double quote (")',
    "`": "a backquote (`)",
    "$": "a dollar sign ($)",
    "&": "an ampersand (&)",
    "|": "a pipe (|)",
    "<": "a less-than sign (<)",
    ">": "a greater-than sign (>)",
    " ": "a space",
    "%": "a percent sign (%)",
    "^": "a caret (^)",
}

MESSAGES: dict[str, str] = {
    "empty": "{variable} is empty. Accepted: {accepted}.",
    "forbidden": "{variable}: {value} contains {character}, so it is rejected and never pasted into the command. Accepted: {accepted}.",
    "mismatch": "{variable}: {value} is not accepted. Accepted: {accepted}.",
    "duplicate": "{variable}: {value} is already given as {other}; {group} must all be different.",
    "blocked": "Not updated: fix the marked field. The block still shows the last valid text, and copying is off until then.",
}

SHOWN_VALUE_LIMIT = 60
_SLOT = re.compile(r"\{([a-z]+)\}")


@dataclass(frozen=True)
class ValueKind:
    """One kind of variable value: its pattern body, the characters rejected outright, and its help."""

    name: str
    body: str
    accepted: str
    forbidden: str = COMMAND_BREAKERS
    choices: tuple[str, ...] = ()

    @property
    def pattern(self) -> str:
        """The anchored pattern, identical for Python `re.fullmatch` and JavaScript `RegExp.test`."""
        return f"^(?:{self.body})$"

    @cached_property
    def compiled(self) -> re.Pattern[str]:
        """The compiled pattern (Python side)."""
        return re.compile(self.pattern)


def fill(template: str, fields: Mapping[str, str]) -> str:
    """Put field values into a message template's {slots} in one pass (same rule as the browser)."""
    return _SLOT.sub(lambda match: fields.get(match.group(1), match.group(0)), template)


def show_value(value: str) -> str:
    """Quote a value for a message like JSON.stringify, cut to 60 characters so a paste cannot flood it."""
    points = list(value)
    if len(points) > SHOWN_VALUE_LIMIT:
        value = "".join(points[:SHOWN_VALUE_LIMIT]) + "…"
    return json.dumps(value, ensure_ascii=False)


def check_value(kind: ValueKind, variable: str, value: str) -> str | None:
    """Return why `value` is not a valid `kind` for `variable` (None when valid): empty, forbidden character, or pattern."""
    fields = {"variable": variable, "value": show_value(value), "accepted": kind.accepted}
    if value == "":
        return fill(MESSAGES["empty"], fields)
    for character in value:
        if character in kind.forbidden:
            return fill(MESSAGES["forbidden"], {**fields, "character": CHARACTER_NAMES[character]})
    if kind.compiled.fullmatch(value) is None:
        return fill(MESSAGES["mismatch"], fields)
    return None


def _netmask_body() -> str:
    """Every contiguous IPv4 netmask from /0 to /32, as one alternation."""
    masks = []
    for prefix in range(33):
        bits = (0xFFFFFFFF << (32 - prefix)) & 0xFFFFFFFF
        masks.append(".".join(str((bits >> shift) & 0xFF) for shift in (24, 16, 8, 0)))
    return "|".join(mask.replace(".", "\\.") for mask in reversed(masks))


_OCTET = "25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9]"
# A TCP port, 1 to 65535, without leading zeros.
_PORT = "6553[0-5]|655[0-2][0-9]|65[0-4][0-9]{2}|6[0-4][0-9]{3}|[1-5][0-9]{4}|[1-9][0-9]{0,3}"

AIX_ADAPTER = ValueKind(
    name="aix_adapter",
    body="ent(?:0|[1-9][0-9]{0,3})",
    accepted="an AIX Ethernet adapter name: ent followed by a number, like ent2",
)
AIX_INTERFACE = ValueKind(
    name="aix_interface",
    body="en(?:0|[1-9][0-9]{0,3})",
    accepted="an AIX IP interface name: en followed by a number, like en17",
)
INSTANCE_OWNER = ValueKind(
    name="instance_owner",
    # The instance runs under a non-root user (reference section 6); Db2 also reserves these names.
    body="(?!ibm|sql|sys)(?!(?:root|users|admins|guests|public|local)$)[a-z][a-z0-9_]{0,7}",
    accepted=(
        "a server instance owner's user name: 1 to 8 lowercase letters, digits or _, starting with a "
        "letter, not starting with ibm, sql or sys and not root, users, admins, guests, public or local "
        "(the instance runs as a non-root user; Db2 instance-name rules), like tsminst1"
    ),
)
POSIX_PATH = ValueKind(
    name="posix_path",
    # A name is never . or .. (the lookahead): /a/../../etc would leave the directory the
    # snippet names, and the RAM disk mount field refuses them too.
    body="(?:/(?!\\.\\.?(?:/|$))[A-Za-z0-9._+@-]+)+",
    accepted=(
        "an absolute path: / followed by names made of letters, digits and . _ + @ -, "
        "without spaces, a trailing / or . and .. as a name, like /opt/tivoli/tsm/server/bin"
    ),
    forbidden=PATH_BREAKERS,
)
WINDOWS_PATH = ValueKind(
    name="windows_path",
    body="[A-Za-z]:(?:\\\\[A-Za-z0-9 ._()+,=@-]+)+",
    accepted=(
        "a Windows path: a drive letter, :\\ and folder names made of letters, digits, spaces and "
        ". _ ( ) + , = @ -, without a trailing \\, like C:\\Program Files\\Tivoli\\TSM\\baclient"
    ),
    forbidden=WINDOWS_BREAKERS,
)
SP_NAME = ValueKind(
    name="sp_name",
    body="[A-Za-z0-9_.+][A-Za-z0-9_.+-]{0,63}",
    accepted=(
        "a Spectrum Protect server or node name: 1 to 64 letters, digits and _ . + - "
        "(not starting with -), like TSM"
    ),
)
LDAP_URL = ValueKind(
    name="ldap_url",
    body=f"ldaps?://[A-Za-z0-9.-]{{1,253}}(?::(?:{_PORT}))?(?:/[A-Za-z0-9=,._%-]{{0,760}})?",
    accepted=(
        "an ldap:// or ldaps:// URL: a host name, an optional :port (1 to 65535) and an optional /base DN made of "
        "letters, digits and = , . _ % -, no spaces, like ldap://ldap1.example.com:389/ou=tsm,dc=example,dc=com"
    ),
)
IPV4_ADDRESS = ValueKind(
    name="ipv4_address",
    body=f"(?:(?:{_OCTET})\\.){{3}}(?:{_OCTET})",
    accepted="an IPv4 address: four numbers from 0 to 255 separated by dots, like 192.0.2.10",
)
IPV4_NETMASK = ValueKind(
    name="ipv4_netmask",
    body=_netmask_body(),
    accepted="an IPv4 netmask in dotted form with contiguous bits, like 255.255.255.0",
)
LINUX_INTERFACE = ValueKind(
    name="linux_interface",
    body="[a-z][a-z0-9]{0,11}",
    accepted="a Linux network interface name: a lowercase letter, then up to 11 lowercase letters or digits, like eth0 or ens160",
)
ALIAS_NUMBER = ValueKind(
    name="alias_number",
    body="0|[1-9][0-9]?",
    accepted="an alias number from 0 to 99, like 0",
)
SDDPCM_AIX_LEVEL = ValueKind(
    name="sddpcm_aix_level",
    body="61|71|72",
    accepted="the AIX level in the SDDPCM fileset name: 61, 71 or 72",
    choices=("61", "71", "72"),
)

KINDS: dict[str, ValueKind] = {
    kind.name: kind
    for kind in (
        AIX_ADAPTER,
        AIX_INTERFACE,
        INSTANCE_OWNER,
        POSIX_PATH,
        WINDOWS_PATH,
        SP_NAME,
        LDAP_URL,
        IPV4_ADDRESS,
        IPV4_NETMASK,
        LINUX_INTERFACE,
        ALIAS_NUMBER,
        SDDPCM_AIX_LEVEL,
    )
}
