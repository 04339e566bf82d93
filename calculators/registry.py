"""Finds the calculators (every sub-package of calculators/ that exports CALCULATOR) and completes them.

Declaring a calculator checks what it can alone; what needs all of them is done here, once,
after every package is imported: the unit vocabulary (every spelling any calculator accepts,
with its dimension, so '2 kg' in a size field reads "must be a data size") is built and
handed down to each calculator's quantity fields, and only then are the presets evaluated.
Nothing below this module imports it: the data flows down.
"""
from __future__ import annotations

import importlib
from collections.abc import Iterable, Mapping
from functools import lru_cache
from types import MappingProxyType

from .calculator import Calculator
from .packages import calculator_packages


@lru_cache(maxsize=1)
def all_calculators() -> dict[str, Calculator]:
    """Every calculator by name, imported once, with the unit vocabulary handed down and its presets checked."""
    found = _import_all()
    vocabulary = build_vocabulary(found.values())
    for calculator in found.values():
        calculator.use_vocabulary(vocabulary)
    for calculator in found.values():
        calculator.check_presets()
    return found


def _import_all() -> dict[str, Calculator]:
    """Import every calculator sub-package and collect its CALCULATOR."""
    found: dict[str, Calculator] = {}
    for name in calculator_packages():
        package = importlib.import_module(f"calculators.{name}")
        calculator = getattr(package, "CALCULATOR", None)
        if isinstance(calculator, Calculator):
            found[calculator.name] = calculator
    return found


def build_vocabulary(calculators: Iterable[Calculator]) -> Mapping[str, str]:
    """Spelling → dimension of every unit any of the calculators accepts (the first declaration of a spelling wins)."""
    vocabulary: dict[str, str] = {}
    for calculator in calculators:
        for quantity in calculator.quantity_fields():
            for spelling in quantity.units:
                vocabulary.setdefault(spelling, quantity.dimension)
    return MappingProxyType(vocabulary)


@lru_cache(maxsize=1)
def unit_vocabulary() -> Mapping[str, str]:
    """The vocabulary the registry handed down (the page carries the same table)."""
    return build_vocabulary(all_calculators().values())


def get(name: str) -> Calculator:
    """The calculator with this name; KeyError lists the known ones."""
    calculators = all_calculators()
    if name not in calculators:
        raise KeyError(f"unknown calculator '{name}' (known: {', '.join(sorted(calculators))})")
    return calculators[name]
