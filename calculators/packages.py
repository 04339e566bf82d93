"""Which sub-packages of calculators/ are calculators, found by folder without importing any of them.

The registry imports exactly these, and kb/cache.py keys its entries by them without importing
them (a warm build must not start pint), so both read the one list here.
"""
from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).parent
NOT_CALCULATORS = frozenset({"snippets"})  # sub-packages of calculators/ owned by other features


def calculator_packages(root: Path = PACKAGE_DIR) -> list[str]:
    """The calculator sub-packages of `root` by folder name, sorted: folders with an __init__.py, not private, not listed above."""
    return sorted(path.name for path in root.iterdir()
                  if (path / "__init__.py").is_file() and path.name not in NOT_CALCULATORS and not path.name.startswith(("_", ".")))
