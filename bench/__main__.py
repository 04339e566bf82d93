"""Run every registered benchmark and print one table each: `python -m bench [--runs N]`."""
from __future__ import annotations

import argparse
import importlib
import json
import math
import pkgutil
import sys
from dataclasses import asdict
from pathlib import Path

import bench
from bench import BENCHMARKS, BenchOptions, BenchResult


def load_benchmarks() -> None:
    """Import every module of the bench package so its @register calls run."""
    for module in sorted(pkgutil.iter_modules(bench.__path__), key=lambda m: m.name):
        if not module.name.startswith("_"):
            importlib.import_module(f"bench.{module.name}")


def _number(value: float | int | str | None) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return "n/a" if math.isnan(value) else f"{value:.3f}"
    return str(value)


def render(result: BenchResult) -> str:
    """A plain-text table: label, value (median for timings), min, max, unit, note."""
    header = ("", "median/value", "min", "max", "unit", "note")
    cells = [header] + [
        (row.label, _number(row.value), _number(row.low), _number(row.high), row.unit, row.note)
        for row in result.rows
    ]
    widths = [max(len(line[column]) for line in cells) for column in range(len(header))]
    lines = [f"== {result.title}"]
    for index, line in enumerate(cells):
        lines.append("  ".join(cell.ljust(width) for cell, width in zip(line, widths)).rstrip())
        if index == 0:
            lines.append("  ".join("-" * width for width in widths))
    lines += [f"  note: {note}" for note in result.notes]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Parse options, run the chosen benchmarks, print tables (or JSON)."""
    load_benchmarks()
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--runs", type=int, default=5, help="timed runs per measurement (default 5)")
    parser.add_argument("--warmup", type=int, default=1, help="untimed runs before timing (default 1)")
    parser.add_argument("--only", action="append", choices=sorted(BENCHMARKS), help="run just this benchmark (repeatable)")
    parser.add_argument("--json", action="store_true", help="print results, raw samples included, as JSON")
    args = parser.parse_args(argv)
    if args.runs < 1 or args.warmup < 0:
        parser.error(f"--runs must be at least 1 and --warmup at least 0, got {args.runs} and {args.warmup}")
    options = BenchOptions(runs=args.runs, warmup=args.warmup, root=Path(bench.ROOT))
    results = {}
    for name in args.only or list(BENCHMARKS):
        print(f"running {name} ...", file=sys.stderr, flush=True)
        results[name] = BENCHMARKS[name](options)
    if args.json:
        print(json.dumps({name: asdict(result) for name, result in results.items()}, indent=2))
    else:
        print("\n\n".join(render(result) for result in results.values()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
