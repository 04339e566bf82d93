"""Functions that exercise every construct of the compilable subset; tests run them in Python and in Chromium.

Not a calculator (the registry ignores plain modules). tests/test_calc_runtime_parity.py
compiles this module with jsgen and compares every function's result on generated inputs.
"""
from __future__ import annotations

import math

from calculators.runtime import CalcError, fmt_fixed, fmt_number, round_half_away

SLOT_LABELS = {"eth": "Ethernet", "scsi": "vSCSI", "fc": "vFC"}
FIRST_SLOTS = [2, 10, 20]
BY_NUMBER = {10: "ten", 2: "two"}


def arithmetic(a: float, b: float) -> list:
    """Division, floor division, modulo and power with Python's rules on negatives and zero."""
    return [a / b, a // b, a % b, a - b * 2, -a, +b]


def power(a: float, b: float) -> float:
    """a ** b with Python's errors."""
    return a ** b


def maths(x: float) -> list:
    """The math allow-list."""
    return [math.sqrt(x), math.floor(x), math.ceil(x), math.log(x), math.log10(x), math.exp(x / 100), math.pi * x, math.e]


def formatting(x: float, decimals: int) -> list:
    """The display helpers."""
    return [fmt_fixed(x, decimals), fmt_number(x, decimals), fmt_number(x), round_half_away(x, decimals)]


def specs(n: int, name: str) -> list:
    """f-string fields and format specs on ints and texts."""
    return [
        f"{n}", f"{n:d}", f"{n:5d}", f"{n:05d}", f"{n:<5d}|", f"{n:^7d}|", f"{n:*>6}",
        f"{name}", f"{name:>8}|", f"{name:<8}|", f"{name:.^9}", f"{name:s}!",
    ]


def slot_plan(clients: list[str], vlans: list[int], first: int) -> dict:
    """Loops, enumerate, zip, append, dict rows and command strings, as a VIO plan does."""
    rows = []
    commands = []
    slot = first
    for index, client in enumerate(clients, 1):
        row = {"client": client, "slot": slot, "index": index}
        rows.append(row)
        adapters = []
        for vlan in vlans:
            adapters.append(f"{slot:d}/0/{vlan:d}")
            slot += 1
        commands.append(f'chsyscfg -r prof -i "name={client},virtual_eth_adapters={",".join(adapters)}"')
    pairs = []
    for client, vlan in zip(clients, vlans):
        pairs.append(f"{client}={vlan:d}")
    return {"rows": rows, "commands": commands, "pairs": pairs, "count": len(rows), "last": slot}


def containers(items: list[str], key: str, position: int) -> list:
    """Indexing, slices, membership, dict methods, sorted, min/max, list/len."""
    result: list = []
    if len(items) > 0:
        result.append(items[position % len(items)])
        result.append(items[-1])
    result.append(items[1:3])
    result.append(items[:position])
    result.append(key in items)
    result.append(key not in SLOT_LABELS)
    result.append(SLOT_LABELS.get(key, "unknown"))
    result.append(sorted(items))
    result.append(list(SLOT_LABELS.keys()))
    result.append(list(SLOT_LABELS.values()))
    names = []
    for code, label in SLOT_LABELS.items():
        names.append(f"{code}:{label}")
    result.append(names)
    result.append(max(FIRST_SLOTS))
    result.append(min(3, position, 7))
    result.append(BY_NUMBER[10])
    result.append(list(BY_NUMBER.keys()))
    return result


def text_methods(text: str) -> list:
    """String methods with Python's meaning."""
    return [text.upper(), text.lower(), text.strip(), text.startswith("ab"), text.endswith("z"),
            text.replace("a", "-"), text.split(","), text.split(), "+".join(text.split(",")), len(text), text[1:], text + "!"]


def truthiness(value: list, text: str, number: float) -> list:
    """Python truthiness in conditions and not."""
    result = []
    if value:
        result.append("list")
    if not text:
        result.append("empty text")
    result.append("number" if number else "zero")
    if len(value) > 0 and number > 0:
        result.append("both")
    elif len(value) == 0 or number < 0:
        result.append("either")
    else:
        result.append("neither")
    return result


def classify(vlan: int) -> str:
    """if/elif/else, chained comparisons, raise."""
    if vlan < 1 or vlan > 4094:
        raise CalcError("VLAN_RANGE", f"VLAN {vlan:d} is outside 1–4094", "vlan")
    if 1 <= vlan < 100:
        return "low"
    elif vlan == 100:
        return "hundred"
    return "high"


def loops(count: int) -> list:
    """range with steps, break, continue, tuple unpacking, augmented assignment."""
    found = []
    total = 0
    for number in range(count):
        if number % 3 == 0:
            continue
        if number > 20:
            break
        total += number
        found.append(number)
    backwards = []
    for number in range(count, 0, -2):
        backwards.append(number)
    first, second = split_pair(count)
    return [found, total, backwards, first, second, int(count / 3), float(count), abs(-count)]


def split_pair(count: int) -> list:
    """A pair returned as a list, unpacked by the caller."""
    return [count // 2, count - count // 2]


def keywords(width: float, height: float = 2.0) -> float:
    """Default parameter values and keyword arguments."""
    return area(height=height, width=width)


def area(width: float, height: float) -> float:
    """Called with keywords."""
    return width * height


def dict_updates(keys: list[str]) -> dict:
    """Item assignment and augmented item assignment on a dict built in a loop."""
    counts: dict[str, int] = {}
    for key in keys:
        if key in counts:
            counts[key] += 1
        else:
            counts[key] = 1
    return counts
