"""Finds the calculators: every sub-package of calculators/ that exports CALCULATOR."""
from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache
from pathlib import Path

from .calculator import Calculator

PACKAGE_DIR = Path(__file__).parent
NOT_CALCULATORS = {"snippets"}  # sub-packages owned by other features
LOADING = False  # True while the calculators are being imported (their presets evaluate then)


@lru_cache(maxsize=1)
def all_calculators() -> dict[str, Calculator]:
    """Every calculator by name, imported once; also registers their unit spellings."""
    global LOADING
    LOADING = True
    try:
        return _import_all()
    finally:
        LOADING = False


def _import_all() -> dict[str, Calculator]:
    """Import every calculator sub-package and collect its CALCULATOR."""
    from .fields import register_vocabulary

    found: dict[str, Calculator] = {}
    for module in sorted(pkgutil.iter_modules([str(PACKAGE_DIR)]), key=lambda info: info.name):
        if not module.ispkg or module.name in NOT_CALCULATORS:
            continue
        package = importlib.import_module(f"calculators.{module.name}")
        calculator = getattr(package, "CALCULATOR", None)
        if isinstance(calculator, Calculator):
            found[calculator.name] = calculator
    for calculator in found.values():
        register_vocabulary(calculator.quantity_fields())
    return found


def get(name: str) -> Calculator:
    """The calculator with this name; KeyError lists the known ones."""
    calculators = all_calculators()
    if name not in calculators:
        raise KeyError(f"unknown calculator '{name}' (known: {', '.join(sorted(calculators))})")
    return calculators[name]
