"""The project's one pint registry, and the unit data a page carries for its calculators.

Building a registry is slow and quantities of two registries refuse to mix, so
every module asks this one for units. Python converts with pint itself; the
browser multiplies by the factors that `unit_factors` computes here at build time.
"""
from __future__ import annotations

import os
from functools import cache, lru_cache
from pathlib import Path

import pint

DEFINITIONS = Path(__file__).with_name("units.txt")

# pint parses its default definitions (about 0.4 s) on every start unless it may keep the parsed
# form in a folder; it keys that folder's entries by the definition files' contents, so an edited
# units.txt or another pint version is parsed afresh. Git-ignored and safe to delete.
CACHE_ROOT = Path(os.environ.get("KB_CACHE_DIR") or Path(__file__).resolve().parent.parent / ".cache")

# Spellings people type that pint cannot parse; mapped to a pint unit name before lookup.
PINT_NAME_OF_SPELLING: dict[str, str] = {'"': "inch", "″": "inch", "''": "inch"}

# Words for a pint dimensionality, used in "must be a length such as ..." messages.
DIMENSION_WORDS: dict[str, str] = {
    "[length]": "length",
    "[mass]": "mass (weight)",
    "[mass] / [length] / [time] ** 2": "pressure",
    "dimensionless": "plain number or percentage",
    "[information]": "data size",
    "[time]": "time",
}


@lru_cache(maxsize=1)
def registry() -> pint.UnitRegistry:
    """Return the project's single registry, with units.txt loaded once."""
    units: pint.UnitRegistry = pint.UnitRegistry(cache_folder=CACHE_ROOT / "pint")
    units.load_definitions(str(DEFINITIONS))
    return units


def pint_name(spelling: str) -> str:
    """The pint unit expression for a spelling a user may type (`2.25"` means inches)."""
    return PINT_NAME_OF_SPELLING.get(spelling, spelling)


def dimension_of(spelling: str) -> str:
    """The dimensionality of a unit spelling as pint writes it, e.g. '[length]'."""
    units = registry()
    unit = units.parse_units(pint_name(spelling))
    if unit.dimensionality:
        return str(unit.dimensionality)
    # pint makes `bit` a dimensionless base unit; data sizes must not mix with percentages.
    _, root = units.get_root_units(unit)
    return "[information]" if str(root) == "bit" else "dimensionless"


def dimension_word(dimension: str) -> str:
    """A reader's word for a pint dimensionality ('[length]' → 'length')."""
    return DIMENSION_WORDS.get(dimension, dimension)


def convert(magnitude: float, spelling: str, canonical: str) -> float:
    """Convert a magnitude written in `spelling` to the canonical unit, with pint."""
    units = registry()
    return float(units.Quantity(magnitude, pint_name(spelling)).to(canonical).magnitude)


@cache
def unit_factor(spelling: str, canonical: str) -> float:
    """The factor from one accepted spelling to the canonical unit (what the browser multiplies by)."""
    return convert(1.0, spelling, canonical)


def unit_factors(spellings: tuple[str, ...], canonical: str) -> dict[str, float]:
    """Factors for every accepted spelling of a field: the data a page carries."""
    return {spelling: unit_factor(spelling, canonical) for spelling in spellings}


def check_spelling(spelling: str, dimension: str) -> str | None:
    """Why a declared spelling is unusable for a dimension, or None when pint accepts it."""
    try:
        found = dimension_of(spelling)
    except (pint.errors.UndefinedUnitError, AssertionError, ValueError, TypeError, AttributeError):
        return f"pint does not know the unit '{spelling}'"
    if found != dimension:
        return f"unit '{spelling}' is a {dimension_word(found)}, not a {dimension_word(dimension)}"
    return None
