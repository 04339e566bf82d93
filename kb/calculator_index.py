"""What the build needs to know of the calculators, and their browser bundles, through kb.cache.

The registry (calculators.registry) imports every calculator, and with them pint, whose start
is the costliest part of a small build. The build needs little of it: each calculator's name,
title, package folder and file-check scripts, the Profile page's list of variables, and the
bundles. These come from kb.cache, so a warm build imports no calculator; a miss (an edited
calculator, a new dependency version, a deleted cache) imports the registry and stores again.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from calculators.errors import ProjectError
from kb import cache

SUMMARY = "summary"
BUNDLE = "bundle"


class BundleError(ProjectError, ValueError):
    """A calculator's logic is outside the subset the browser compiler accepts (calculators.jsgen.SubsetError)."""


@dataclass(frozen=True)
class CalculatorInfo:
    """One calculator as pages and assets name it."""

    name: str
    title: str
    package: str  # its folder under calculators/ (what its cache entries are keyed by)
    checks: tuple[str, ...]  # flags of its file checks that have a browser module (NAME-FLAG.js)

    @property
    def scripts(self) -> list[str]:
        """Its browser files under assets/calculators/: NAME, then NAME-FLAG per file check."""
        return [self.name] + [f"{self.name}-{flag}" for flag in self.checks]


@dataclass(frozen=True)
class Summary:
    """Every calculator (registry order) and the Profile page's list with the calculators it loads."""

    calculators: tuple[CalculatorInfo, ...]
    profile_html: str
    profile_calculators: tuple[str, ...]

    def by_name(self, name: Any) -> CalculatorInfo | None:
        """The calculator with this name, or None (then the directive check names the accepted ones)."""
        return next((info for info in self.calculators if info.name == name), None)


def _summary_data() -> dict[str, Any]:
    """Compute the summary from the registry (imports every calculator, and pint)."""
    from calculators.calculator import Calculator
    from calculators.registry import all_calculators
    from kb.profile import calculator_names, profile_list_html

    registered = all_calculators()
    rows = []
    for package in cache.calculator_packages():
        calculator = getattr(importlib.import_module(f"calculators.{package}"), "CALCULATOR", None)
        if isinstance(calculator, Calculator) and registered.get(calculator.name) is calculator:
            rows.append({"name": calculator.name, "title": calculator.title, "package": package,
                         "checks": [check.flag for check in calculator.file_checks if check.module]})
    return {"calculators": rows, "profile_html": profile_list_html(), "profile_calculators": calculator_names()}


def _summary_from(data: Any) -> Summary:
    infos = tuple(CalculatorInfo(str(row["name"]), str(row["title"]), str(row["package"]), tuple(str(flag) for flag in row["checks"]))
                  for row in data["calculators"])
    if not isinstance(data["profile_html"], str):
        raise TypeError("profile_html")
    return Summary(infos, data["profile_html"], tuple(str(name) for name in data["profile_calculators"]))


def _valid_summary(data: Any) -> bool:
    _summary_from(data)
    return True


@lru_cache(maxsize=4)
def _summary(key: str) -> Summary:
    return _summary_from(cache.cached(SUMMARY, key, _summary_data, _valid_summary))


def summary() -> Summary:
    """The calculators' summary, from the cache when no calculator changed."""
    return _summary(cache.entry_key(SUMMARY, keys().all_packages))


@dataclass(frozen=True)
class Keys:
    """The source digests of one build (computed once per build: kb.generate calls `forget` first).

    `packages` holds every calculator package and the snippets (`cache.summary_packages`).
    """

    all_packages: str
    packages: dict[str, str]


@lru_cache(maxsize=1)
def keys() -> Keys:
    """Every calculator package's digest and the digest of them all (the shared code hashed once)."""
    shared = cache.shared_key()
    package_keys = {package: cache.package_key(package, shared=shared) for package in cache.summary_packages()}
    return Keys(cache.all_packages_key(package_keys=package_keys), package_keys)


def forget() -> None:
    """Read the sources again (a new build: `mkdocs serve` after an edit)."""
    keys.cache_clear()


def package_keys() -> dict[str, str]:
    """This build's digest of each package (the calculators' and the snippets')."""
    return keys().packages


def package_key(info: CalculatorInfo) -> str:
    """The digest of one calculator's sources (with the shared code and the versions)."""
    return keys().packages[info.package]


def calculator_bundle(info: CalculatorInfo) -> str:
    """The calculator's browser script (calculators.bundle.calculator_js), from the cache when its sources did not change."""
    def compute() -> str:
        from calculators.bundle import calculator_js
        from calculators.jsgen import SubsetError

        try:
            return calculator_js(info.name)
        except SubsetError as error:
            raise BundleError(str(error)) from None

    return cache.cached(BUNDLE, cache.entry_key(BUNDLE, package_key(info), info.name), compute, cache.is_text)


def check_bundle(info: CalculatorInfo, flag: str) -> str:
    """The script of one of its file checks (calculators.bundle.check_js), cached the same way."""
    def compute() -> str:
        from calculators.bundle import check_js
        from calculators.jsgen import SubsetError

        try:
            return check_js(info.name, flag)
        except SubsetError as error:
            raise BundleError(str(error)) from None

    return cache.cached(BUNDLE, cache.entry_key(BUNDLE, package_key(info), info.name, flag), compute, cache.is_text)
