"""Benchmarks of the site build, run with `python -m bench` (or `./dev bench`).

Each benchmark is a module in this package that registers a function with
`@register("name")`; the function takes the shared `BenchOptions` and returns
a `BenchResult`. `python -m bench` imports every module here, runs the
registered benchmarks in order and prints one table per benchmark. To add one
(JS bytes per calculator page, PDF export time, ...), drop a module next to
build_time.py; nothing else needs editing.
"""
from __future__ import annotations

import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


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
