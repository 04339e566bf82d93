"""./dev: refuses an old Python in one line before touching .venv, and is clean shell."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT


def fake_python(folder: Path, version: str) -> Path:
    """A stand-in interpreter that only reports a version (as `python -c '…version_info…'` would)."""
    path = folder / f"python{version}"
    path.write_text(f"#!/bin/sh\necho {version}\n", encoding="utf-8")
    path.chmod(0o755)
    return path


@pytest.mark.parametrize("version", ["3.10.12", "3.11.2", "3.9.0", "2.7.18"])
def test_old_python_is_refused_in_one_line(tmp_path: Path, version: str) -> None:
    python = fake_python(tmp_path, version)
    done = subprocess.run([str(ROOT / "dev"), "build"], env=dict(os.environ, PYTHON=str(python)), capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.count("\n") == 1 and "needs Python 3.11.5 or newer" in done.stderr and f"is {version}" in done.stderr


def test_missing_python_is_refused_in_one_line(tmp_path: Path) -> None:
    done = subprocess.run([str(ROOT / "dev"), "build"], env=dict(os.environ, PYTHON=str(tmp_path / "nothing")),
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and done.stderr.count("\n") == 1 and "install Python 3.11.5 or newer" in done.stderr


def test_dev_passes_shellcheck() -> None:
    shellcheck = shutil.which("shellcheck") or str(Path(sys.executable).parent / "shellcheck")
    done = subprocess.run([shellcheck, str(ROOT / "dev")], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout
