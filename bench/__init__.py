"""Benchmarks of the site build, run with `python -m bench` (or `./dev bench`).

Each benchmark is a module in this package that registers a function with
`@register("name")`; the function takes the shared `BenchOptions` and returns
a `BenchResult`. `python -m bench` imports every module here, runs the
registered benchmarks in order and prints one table per benchmark. To add one
(JS bytes per calculator page, PDF export time, ...), drop a module next to
build_time.py; nothing else needs editing.
"""
from __future__ import annotations

import os
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def build_environment(**extra: str) -> dict[str, str]:
    """The environment of a timed build: the caller's, minus what would make the builds unequal.

    ENABLE_PDF_EXPORT and KB_PROFILE change what is built. PYTHONDONTWRITEBYTECODE would make
    every run compile this project's modules from source (about 70 ms) while the plain build's
    packages read the bytecode pip wrote: the warm-up run writes ours, as a reader's second
    build would.
    """
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", **extra)
    for name in ("ENABLE_PDF_EXPORT", "KB_PROFILE", "PYTHONDONTWRITEBYTECODE"):
        env.pop(name, None)
    return env


@dataclass(frozen=True)
class BenchOptions:
    """Settings shared by all benchmarks (from the command line)."""

    runs: int = 5
    warmup: int = 1
    root: Path = ROOT


@dataclass(frozen=True)
class Row:
    """One quantity for the table: a label, its value (a median for timings), unit, range, note."""

    label: str
    value: float | int | str
    unit: str = ""
    low: float | None = None
    high: float | None = None
    note: str = ""


@dataclass
class BenchResult:
    """What one benchmark found: a title, rows for the table, raw samples for --json."""

    title: str
    rows: list[Row] = field(default_factory=list)
    samples: dict[str, list[float]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


Benchmark = Callable[[BenchOptions], BenchResult]
BENCHMARKS: dict[str, Benchmark] = {}


def register(name: str) -> Callable[[Benchmark], Benchmark]:
    """Add a benchmark under a short name (used by --only); the name must be new."""
    def decorate(function: Benchmark) -> Benchmark:
        if name in BENCHMARKS:
            raise ValueError(f"benchmark {name!r} is registered twice")
        BENCHMARKS[name] = function
        return function
    return decorate


def spread(samples: Sequence[float]) -> dict[str, float]:
    """Median, minimum and maximum of a series of timings (the median is what we compare)."""
    return {"median": statistics.median(samples), "min": min(samples), "max": max(samples)}
