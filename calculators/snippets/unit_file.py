"""A small systemd unit-file reader: the structure check that runs everywhere (systemd-analyze may not).

`unit_files_in` finds the units a shell snippet writes with ``cat <<'EOF' >/etc/systemd/system/X``;
`parse_unit` checks sections and keys against the keys our units use (all documented in
systemd.unit(5), systemd.service(5), systemd.exec(5) and systemd.kill(5)) and that every Exec
command starts with an absolute path, as systemd requires.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..errors import ProjectError

_HEREDOC = re.compile(r"^cat <<'EOF' >>?(?P<path>/\S+\.service)\n(?P<body>.*?)^EOF$", re.MULTILINE | re.DOTALL)
_SECTION = re.compile(r"\[(?P<name>[A-Za-z]+)\]")
_ASSIGNMENT = re.compile(r"(?P<key>[A-Za-z][A-Za-z0-9]*)=(?P<value>.*)")

KNOWN_KEYS: dict[str, frozenset[str]] = {
    "Unit": frozenset({"Description", "Documentation", "Wants", "Requires", "After", "Before"}),
    "Service": frozenset({
        "Type", "ExecStart", "ExecStop", "ExecReload", "PIDFile", "Restart", "RemainAfterExit",
        "GuessMainPID", "TimeoutStartSec", "TimeoutStopSec", "KillMode", "KillSignal", "User", "Group",
    }),
    "Install": frozenset({"WantedBy", "RequiredBy", "Alias"}),
}
EXEC_KEYS = frozenset({"ExecStart", "ExecStop", "ExecReload"})


class UnitFileError(ProjectError, ValueError):
    """A unit file line systemd would reject or warn about; `line` is 1-based."""

    def __init__(self, line: int, reason: str) -> None:
        self.line = line
        super().__init__(f"line {line}: {reason}")


@dataclass
class UnitFile:
    """Sections in file order, each a list of (key, value) pairs."""

    sections: dict[str, list[tuple[str, str]]] = field(default_factory=dict)

    def values(self, section: str, key: str) -> list[str]:
        """Every value of `key` in `section`, in order."""
        return [value for name, value in self.sections.get(section, []) if name == key]


def unit_files_in(shell_text: str) -> dict[str, str]:
    """The unit files a shell snippet writes through a quoted heredoc: path → file text."""
    return {match.group("path"): match.group("body") for match in _HEREDOC.finditer(shell_text)}


def parse_unit(text: str) -> UnitFile:
    """Parse a unit file; an unknown section or key, a key outside a section, or a relative Exec path raises UnitFileError."""
    unit = UnitFile()
    current: str | None = None
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        section = _SECTION.fullmatch(line)
        if section:
            current = section.group("name")
            if current not in KNOWN_KEYS:
                raise UnitFileError(number, f"unknown section [{current}]")
            if current in unit.sections:
                raise UnitFileError(number, f"section [{current}] appears twice")
            unit.sections[current] = []
            continue
        assignment = _ASSIGNMENT.fullmatch(line)
        if not assignment:
            raise UnitFileError(number, f"not a Key=Value line: {line!r}")
        if current is None:
            raise UnitFileError(number, "assignment before the first [Section]")
        key, value = assignment.group("key"), assignment.group("value").strip()
        if key not in KNOWN_KEYS[current]:
            raise UnitFileError(number, f"unknown key {key!r} in section [{current}]")
        if key in EXEC_KEYS and not value.startswith("/"):
            raise UnitFileError(number, f"{key} must start with an absolute path (got {value!r})")
        unit.sections[current].append((key, value))
    return unit
