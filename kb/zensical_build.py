"""Build the site with Zensical: `python -m kb.generate`, then `zensical build`, optionally into another folder.

    python -m kb.zensical_build [--site-dir DIR]

Zensical reads mkdocs.yml but runs no MkDocs hook, so the generated assets and pages come
from kb.generate first (hooks/generate.py does the same under MkDocs). Zensical has no
`--site-dir` option and keeps `site_dir` inside the project, so another folder is reached
through a throw-away configuration beside mkdocs.yml (`INHERIT: mkdocs.yml`, git-ignored)
that builds into a git-ignored folder, moved to DIR afterwards. With ENABLE_PDF_EXPORT=1 the
PDF books are then printed from the built folder (`python -m kb.pdf`), as the MkDocs hook does.
Exit status: kb.generate's when it fails, else zensical's, else kb.pdf's.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from kb.generate import main as generate_main

SCRATCH_PREFIX = ".zensical-build-"
# Zensical reports a Python exception from a page as a traceback ending in this line; ours carry `docs/page.md:LINE: reason`.
_PAGE_ERROR = re.compile(r"Python error: \w+: (\S+:\d+: .*)")
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def zensical_command() -> list[str]:
    """The zensical CLI of this interpreter's environment."""
    return [sys.executable, "-m", "zensical"]


def build(project: Path, site_dir: Path | None = None) -> int:
    """Generate, build with Zensical (into `site_dir` when given), then the PDF when asked; return the exit status."""
    from kb.pdf.export import PdfExportError, export_requested

    try:
        pdf = export_requested()
    except PdfExportError as error:
        print(error, file=sys.stderr)
        return 2
    status = _build_site(project, site_dir)
    if status != 0 or not pdf:
        return status
    from kb.pdf.__main__ import main as pdf_main  # Playwright and pypdf only when a PDF is asked for

    return pdf_main([str(site_dir or project / "site")])


def _build_site(project: Path, site_dir: Path | None) -> int:
    """kb.generate, then zensical build."""
    status = generate_main(["--config", str(project / "mkdocs.yml")])
    if status != 0:
        return status
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    if site_dir is None:
        return _zensical(project, "mkdocs.yml", env)
    scratch = Path(tempfile.mkdtemp(prefix=SCRATCH_PREFIX, dir=project))
    config = scratch.with_suffix(".yml")
    try:
        config.write_text(f"INHERIT: mkdocs.yml\nsite_dir: {scratch.name}/site\n", encoding="utf-8")
        status = _zensical(project, config.name, env)
        if status == 0:
            if site_dir.exists():
                shutil.rmtree(site_dir)
            shutil.move(str(scratch / "site"), str(site_dir))
        return status
    finally:
        config.unlink(missing_ok=True)
        shutil.rmtree(scratch, ignore_errors=True)


def _zensical(project: Path, config_name: str, env: dict[str, str]) -> int:
    """Run `zensical build`; when a page's directive is malformed, print only its `docs/page.md:LINE: reason` line."""
    done = subprocess.run([*zensical_command(), "build", "-f", config_name], cwd=project, env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    page_error = _PAGE_ERROR.search(_ANSI.sub("", done.stdout)) if done.returncode != 0 else None
    if page_error:
        print(page_error.group(1), file=sys.stderr)
    else:
        print(done.stdout, end="", file=sys.stdout if done.returncode == 0 else sys.stderr)
    return done.returncode


def main(argv: list[str] | None = None) -> int:
    """CLI entry point."""
    parser = argparse.ArgumentParser(prog="python -m kb.zensical_build", description=__doc__.splitlines()[0])
    parser.add_argument("--site-dir", type=Path, help="build into this folder instead of site_dir (site/)")
    arguments = parser.parse_args(argv)
    return build(Path.cwd(), arguments.site_dir.resolve() if arguments.site_dir else None)


if __name__ == "__main__":
    sys.exit(main())
