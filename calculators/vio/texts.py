"""Refusals, warnings and the small texts every part of the VIO planner writes.

Kept apart so each concept module words a refusal, a count or a processing-unit value the same way;
compiled to JavaScript with the planner (docs-dev/calculators.md: the subset, and how jsgen follows
`from .module import name`).
"""
from __future__ import annotations

from calculators.runtime import CalcError, index_in

HEX_DIGITS = "0123456789abcdef"
# The field labels that lead several messages: each written once in the page's JavaScript (a constant is
# emitted once; the same words inside different literals would be written in full each time)
SLOTS_LEAD = "Physical slots of the VIO servers: "
NETWORKS_LEAD = "Networks and VLANs: "
MACS_LEAD = "Boot adapter MACs: "


def refuse(field: str, key: str, message: str) -> None:
    """Stop with an error shown beside the field (the browser and the CLI show the same text)."""
    raise CalcError(key, message, field)


def warning(code: str, text: str) -> dict:
    """One warning: a stable code and the text for the reader."""
    return {"code": code, "text": text}


def join_ints(numbers: list, separator: str) -> str:
    """Whole numbers joined with a separator (VLAN lists, IPv4 octets)."""
    texts = []
    for number in numbers:
        texts.append(f"{number:d}")
    return separator.join(texts)


def hundredths_text(hundredths: int) -> str:
    """Processing units from hundredths, as the HMC takes them: 30 → 0.3, 15 → 0.15, 300 → 3.0."""
    whole = hundredths // 100
    fraction = hundredths % 100
    if fraction == 0:
        return f"{whole}.0"
    if fraction % 10 == 0:
        return f"{whole}.{fraction // 10}"
    if fraction < 10:
        return f"{whole}.0{fraction}"
    return f"{whole}.{fraction}"


def count_text(count: int, singular: str, plural: str) -> str:
    """'1 VIO server', '2 VIO servers'."""
    if count == 1:
        return f"{count} {singular}"
    return f"{count} {plural}"

def all_hex(text: str) -> bool:
    """True when every character is a lowercase hexadecimal digit."""
    for character in text:  # noqa: SIM110 - all() over a generator is not in the compiled subset
        if index_in(HEX_DIGITS, character) < 0:
            return False
    return True
