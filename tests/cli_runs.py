"""`python -m calculators …` for the CLI tests: in this process through main(argv) (fast), or as a real process.

Both return a CompletedProcess (exit status, stdout, stderr as text), so a test reads the same either way.
Each calculator keeps one test that runs the real command (exit 0 and exit 2) to prove the module runs
end to end; the others call main(argv) with sys.stdout and sys.stderr redirected.
"""
from __future__ import annotations

import contextlib
import io
import subprocess
import sys

from tests.conftest import ROOT


def in_process(*arguments: str) -> subprocess.CompletedProcess[str]:
    """main(argv) of `python -m calculators` in this process, with what it prints captured."""
    from calculators.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(list(arguments))
    return subprocess.CompletedProcess([sys.executable, "-m", "calculators", *arguments], status, out.getvalue(), err.getvalue())


def real_process(*arguments: str) -> subprocess.CompletedProcess[str]:
    """The real command in a fresh interpreter, as a script runs it."""
    return subprocess.run([sys.executable, "-m", "calculators", *arguments], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
