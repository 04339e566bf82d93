"""Build the site with Zensical: `python -m kb.generate`, then `zensical build`, optionally into another folder.

    python -m kb.zensical_build [--site-dir DIR]

Zensical reads mkdocs.yml but runs no MkDocs hook, so the generated assets and pages come
from kb.generate first (hooks/generate.py does the same under MkDocs). Zensical has no
`--site-dir` option and keeps `site_dir` inside the project, so another folder is reached
through a throw-away configuration beside mkdocs.yml (`INHERIT: mkdocs.yml`, git-ignored)
that builds into a git-ignored folder, moved to DIR afterwards. Exit status: kb.generate's
when it fails, else zensical's.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from kb.generate import main as generate_main

SCRATCH_PREFIX = ".zensical-build-"


def zensical_command() -> list[str]:
    """The zensical CLI of this interpreter's environment."""
    return [sys.executable, "-m", "zensical"]


def build(project: Path, site_dir: Path | None = None) -> int:
    """Generate, then build with Zensical (into `site_dir` when given); return the exit status."""
    status = generate_main(["--config", str(project / "mkdocs.yml")])
    if status != 0:
        return status
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    if site_dir is None:
        return subprocess.run([*zensical_command(), "build", "-f", "mkdocs.yml"], cwd=project, env=env).returncode
    scratch = Path(tempfile.mkdtemp(prefix=SCRATCH_PREFIX, dir=project))
    config = scratch.with_suffix(".yml")
    try:
        config.write_text(f"INHERIT: mkdocs.yml\nsite_dir: {scratch.name}/site\n", encoding="utf-8")
        status = subprocess.run([*zensical_command(), "build", "-f", config.name], cwd=project, env=env).returncode
        if status == 0:
            if site_dir.exists():
                shutil.rmtree(site_dir)
            shutil.move(str(scratch / "site"), str(site_dir))
        return status
    finally:
        config.unlink(missing_ok=True)
        shutil.rmtree(scratch, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    """CLI entry point."""
    parser = argparse.ArgumentParser(prog="python -m kb.zensical_build", description=__doc__.splitlines()[0])
    parser.add_argument("--site-dir", type=Path, help="build into this folder instead of site_dir (site/)")
    arguments = parser.parse_args(argv)
    return build(Path.cwd(), arguments.site_dir.resolve() if arguments.site_dir else None)


if __name__ == "__main__":
    sys.exit(main())
