"""What the PDF cover says about the build: date and source version."""
from __future__ import annotations

import datetime as dt
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from kb.profile import current as current_profile


@dataclass(frozen=True)
class BuildInfo:
    """Cover facts: the site's title and description, when it was built, from which source."""

    title: str
    description: str
    build_date: str
    source_version: str
    profile: str = ""  # KB_PROFILE: file name and short hash (kb.profile), when the build printed a profile's values
    # Extra lines for the cover (python -m kb.pdf --cover-line); empty by default.
    cover_lines: tuple[str, ...] = ()


def source_version(project_dir: Path) -> str:
    """`git describe --always --dirty` of the project, or "unknown" outside a git checkout."""
    try:
        result = subprocess.run(
            ["git", "describe", "--always", "--dirty"],
            cwd=project_dir, capture_output=True, text=True, timeout=10, check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return "unknown"
    version = result.stdout.strip()
    return version if result.returncode == 0 and version else "unknown"


def build_date() -> str:
    """Today's date (UTC), or the date of SOURCE_DATE_EPOCH so rebuilds can be reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    moment = (
        dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
        if epoch.isdigit() else dt.datetime.now(tz=dt.UTC)
    )
    return moment.strftime("%Y-%m-%d")


def collect_build_info(*, title: str, description: str, project_dir: Path, cover_lines: tuple[str, ...] = ()) -> BuildInfo:
    """Gather the cover facts for a build of the project in `project_dir`."""
    return BuildInfo(
        title=title,
        description=description,
        build_date=build_date(),
        source_version=source_version(project_dir),
        profile=profile.cover_text() if (profile := current_profile()) else "",
        cover_lines=cover_lines,
    )
