"""Partition sizing: memory in whole MB on logical-memory-block boundaries, virtual processors, entitled capacity.

Entitled capacity is carried in hundredths of a processor (integers), so no float rounding reaches the
HMC's values; every refusal names the field and the fix. Compiled to JavaScript with the planner: keep to
the subset of docs-dev/calculators.md.
"""
from __future__ import annotations

import math

from calculators.runtime import fmt_number

from .rules import MAX_MEMORY_MIB
from .texts import hundredths_text, refuse, warning

# Entitled capacity in hundredths of a processor: integers, so no float rounding anywhere.
MIN_HUNDREDTHS_PER_PROC = 5
HUNDREDTHS_PER_PROC = 100


def memory_mb(field: str, label: str, mib: float) -> int:
    """A memory size as whole MB, the HMC's unit (1 GB = 1024 MB, i.e. MiB); refuse a fraction."""
    nearest = math.floor(mib + 0.5)
    if abs(mib - nearest) > 1e-6 or nearest < 1:
        refuse(field, "MEMORY_NOT_WHOLE_MB",
               f"{label}: {fmt_number(mib, 4)} MB is not a whole number of MB; the HMC takes memory in whole MB "
               f"(1 GB = 1024 MB): give e.g. 6 GiB or 6144 MiB.")
    if nearest > MAX_MEMORY_MIB:
        refuse(field, "MEMORY_TOO_LARGE", f"{label}: {nearest:d} MB is above this planner's limit of 16 TiB.")
    return nearest


def units_hundredths(field: str, label: str, units: float) -> int:
    """Processing units as whole hundredths (0.3 → 30); refuse a third decimal."""
    scaled = units * 100
    nearest = math.floor(scaled + 0.5)
    if abs(scaled - nearest) > 1e-6 or nearest < 1:
        refuse(field, "UNITS_NOT_HUNDREDTHS",
               f"{label}: {fmt_number(units, 6)} is not an entitled capacity the HMC takes; give processing units "
               f"with at most two decimals, such as 0.3.")
    return nearest


def lmb_rounded(field: str, label: str, value: int, lmb: int, upward: bool, warnings: list) -> int:
    """A memory value on a logical-memory-block boundary (the HMC assigns memory in LMB steps), with a warning when it moved."""
    if value % lmb == 0:
        return value
    rounded = (value // lmb) * lmb
    direction = "down"
    if upward or rounded < lmb:
        rounded = rounded + lmb
        direction = "up"
    warnings.append(warning("MEMORY_ROUNDED_TO_LMB",
                            f"{label}: {value:d} MB is not a multiple of the {lmb:d} MB logical memory block; "
                            f"rounded {direction} to {rounded:d} MB (field {field})."))
    return rounded


def derived_min_memory(desired_mb: int) -> int:
    """Our minimum memory: half the desired, rounded down to 256 MB (at least 256 MB or the desired)."""
    minimum = (desired_mb // 512) * 256
    if minimum < 256:
        minimum = min(256, desired_mb)
    return minimum


def derived_min_units(desired_units: int, min_procs: int) -> int:
    """Our minimum entitlement: half the desired, kept within 0.05-1.0 per minimum virtual processor."""
    minimum = desired_units // 2
    minimum = max(minimum, MIN_HUNDREDTHS_PER_PROC * min_procs)
    minimum = min(minimum, HUNDREDTHS_PER_PROC * min_procs)
    return min(minimum, desired_units)


def profile_sizing(prefix: str, label: str, memory: float, procs: int, entitled: float, weight: int,
                   min_memory: float | None, max_memory: float | None, min_procs: int | None,
                   max_procs: int | None, min_entitled: float | None, max_entitled: float | None, lmb: int) -> dict:
    """Min/desired/max memory (MB, on LMB boundaries), virtual processors and entitlement (hundredths) of one kind of partition."""
    lmb_warnings: list = []
    desired_mem = lmb_rounded(f"{prefix}_memory", f"{label} desired memory",
                              memory_mb(f"{prefix}_memory", f"{label} memory", memory), lmb, True, lmb_warnings)
    desired_units = units_hundredths(f"{prefix}_entitled", f"{label} entitled capacity", entitled)
    sizing: dict = {"min_mem": derived_min_memory(desired_mem), "desired_mem": desired_mem, "max_mem": desired_mem * 2,
              "min_procs": 1, "desired_procs": procs, "max_procs": procs * 2,
              "min_units": 0, "desired_units": desired_units, "max_units": HUNDREDTHS_PER_PROC * procs,
              "weight": weight}
    if min_memory is not None:
        sizing["min_mem"] = lmb_rounded(f"{prefix}_min_memory", f"{label} minimum memory",
                                        memory_mb(f"{prefix}_min_memory", f"{label} minimum memory", min_memory),
                                        lmb, False, lmb_warnings)
    if max_memory is not None:
        sizing["max_mem"] = lmb_rounded(f"{prefix}_max_memory", f"{label} maximum memory",
                                        memory_mb(f"{prefix}_max_memory", f"{label} maximum memory", max_memory),
                                        lmb, True, lmb_warnings)
    sizing["lmb_warnings"] = lmb_warnings
    if min_procs is not None:
        sizing["min_procs"] = min_procs
    if max_procs is not None:
        sizing["max_procs"] = max_procs
    sizing["min_units"] = derived_min_units(desired_units, sizing["min_procs"])
    if min_entitled is not None:
        sizing["min_units"] = units_hundredths(f"{prefix}_min_entitled", f"{label} minimum entitled capacity",
                                               min_entitled)
    if max_entitled is not None:
        sizing["max_units"] = units_hundredths(f"{prefix}_max_entitled", f"{label} maximum entitled capacity",
                                               max_entitled)
    check_sizing(prefix, label, sizing)
    return sizing


def check_sizing(prefix: str, label: str, sizing: dict) -> None:
    """Refuse min ≤ desired ≤ max out of order, or entitlement outside 0.05-1.0 per virtual processor."""
    if not (sizing["min_mem"] <= sizing["desired_mem"] and sizing["desired_mem"] <= sizing["max_mem"]):
        refuse(f"{prefix}_memory", "MEMORY_ORDER",
               f"{label} memory: minimum {sizing['min_mem']:d} MB, desired {sizing['desired_mem']:d} MB and maximum "
               f"{sizing['max_mem']:d} MB are not in order; give minimum ≤ desired ≤ maximum.")
    if not (sizing["min_procs"] <= sizing["desired_procs"] and sizing["desired_procs"] <= sizing["max_procs"]):
        refuse(f"{prefix}_procs", "PROCS_ORDER",
               f"{label} virtual processors: minimum {sizing['min_procs']:d}, desired {sizing['desired_procs']:d} and "
               f"maximum {sizing['max_procs']:d} are not in order; give minimum ≤ desired ≤ maximum.")
    levels = [["desired", "desired_units", "desired_procs", f"{prefix}_entitled", f"{label} entitled capacity"],
              ["minimum", "min_units", "min_procs", f"{prefix}_min_entitled", f"{label} minimum entitled capacity"],
              ["maximum", "max_units", "max_procs", f"{prefix}_max_entitled", f"{label} maximum entitled capacity"]]
    for level in levels:
        if level[0] == "minimum":
            check_units_order(prefix, label, sizing)
        units = sizing[level[1]]
        procs = sizing[level[2]]
        if units < MIN_HUNDREDTHS_PER_PROC * procs:
            refuse(level[3], "UNITS_BELOW_PROCS",
                   f"{level[4]:s}: {hundredths_text(units)} processing units cannot carry {procs:d} virtual processors "
                   f"({level[0]:s}): each needs at least 0.05, so give at least "
                   f"{hundredths_text(MIN_HUNDREDTHS_PER_PROC * procs)} or fewer virtual processors.")
        if units > HUNDREDTHS_PER_PROC * procs:
            refuse(level[3], "UNITS_ABOVE_PROCS",
                   f"{level[4]:s}: {hundredths_text(units)} processing units exceed {procs:d} virtual processors "
                   f"({level[0]:s}): a virtual processor holds at most 1.0, so give at most "
                   f"{hundredths_text(HUNDREDTHS_PER_PROC * procs)} or more virtual processors.")


def check_units_order(prefix: str, label: str, sizing: dict) -> None:
    """Refuse minimum ≤ desired ≤ maximum entitled capacity out of order."""
    if not (sizing["min_units"] <= sizing["desired_units"] and sizing["desired_units"] <= sizing["max_units"]):
        refuse(f"{prefix}_entitled", "UNITS_ORDER",
               f"{label} entitled capacity: minimum {hundredths_text(sizing['min_units'])}, desired "
               f"{hundredths_text(sizing['desired_units'])} and maximum {hundredths_text(sizing['max_units'])} are "
               f"not in order; give minimum ≤ desired ≤ maximum.")


def sizing_rows(label: str, sizing: dict) -> list:
    """Rows of the sizing table for one kind of partition (memory in MB, processors, processing units)."""
    return [{"kind": label, "setting": "memory (MB)", "min": f"{sizing['min_mem']:d}",
             "desired": f"{sizing['desired_mem']:d}", "max": f"{sizing['max_mem']:d}"},
            {"kind": label, "setting": "virtual processors", "min": f"{sizing['min_procs']:d}",
             "desired": f"{sizing['desired_procs']:d}", "max": f"{sizing['max_procs']:d}"},
            {"kind": label, "setting": "entitled capacity", "min": hundredths_text(sizing["min_units"]),
             "desired": hundredths_text(sizing["desired_units"]), "max": hundredths_text(sizing["max_units"])},
            {"kind": label, "setting": "uncapped weight", "min": "", "desired": f"{sizing['weight']:d}", "max": ""}]
