"""Message IDs in page text: find them, and derive product, severity and anchor from the ID itself.

Recognised forms (canonical spelling in brackets):

- Spectrum Protect: ANR, ANS or ANE, four digits, severity letter I/W/E/S  [ANR8599W]
- AIX EtherChannel (ethchan_config) messages 0950-NNN                      [0950-021]
- AIX boot LED codes written after the word LED, also as a list            [LED 554]
  ("LED 552, 554, or 556" names three codes; a bare 554 is not a code)
- IBM APARs: I, a capital letter, five digits                              [IJ06720]
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class Severity:
    """A Spectrum Protect severity letter and what it tells the admin."""

    letter: str
    name: str
    meaning: str


SEVERITIES: dict[str, Severity] = {
    "I": Severity("I", "information", "for information; no action is needed"),
    "W": Severity("W", "warning", "processing continues, but problems may follow"),
    "E": Severity("E", "error", "processing may stop"),
    "S": Severity("S", "severe", "the function cannot continue and a user response is needed"),
}


@dataclass(frozen=True)
class Family:
    """A group of IDs that share a prefix and a product; `key` orders the index page."""

    key: str
    product: str


FAMILIES: tuple[Family, ...] = (
    Family("ANR", "Spectrum Protect server"),
    Family("ANS", "Spectrum Protect client, administrative client or API"),
    Family("ANE", "Spectrum Protect client event, logged at the server"),
    Family("0950", "AIX EtherChannel (ethchan_config)"),
    Family("LED", "AIX boot LED code"),
    Family("APAR", "IBM APAR (a defect report and its fix)"),
)
_FAMILY_BY_KEY = {family.key: family for family in FAMILIES}

# Whitespace between "LED" and its number, as text or as the HTML entity for a no-break space.
_GAP = r"(?:\s|&nbsp;|&#160;)+"
_LED_LIST_SEPARATOR = rf"(?:\s*,\s*(?:(?:or|and){_GAP})?|{_GAP}(?:or|and){_GAP})(?:LED{_GAP})?"
_MESSAGE_PATTERN = re.compile(
    r"(?P<spectrum>\bAN[RSE]\d{4}[IWES]\b)"
    r"|(?P<ethchan>\b0950-\d{3}\b)"
    r"|(?P<apar>\bI[A-Z]\d{5}\b)"
    rf"|(?P<led>\bLEDs?{_GAP}\d{{3}}\b(?:{_LED_LIST_SEPARATOR}\d{{3}}\b)*)"
)
_LED_ITEM = re.compile(rf"(?:LEDs?{_GAP})?(?P<number>\d{{3}})\b")
_CANONICAL_ID = re.compile(r"AN[RSE]\d{4}[IWES]|0950-\d{3}|LED \d{3}|I[A-Z]\d{5}")


@dataclass(frozen=True)
class Mention:
    """One message ID found in a text; `start`/`end` delimit the text a link should cover."""

    message_id: str
    start: int
    end: int


def find_mentions(text: str) -> Iterator[Mention]:
    """Yield every message ID in `text`, in order, so pages can be indexed and linked."""
    for match in _MESSAGE_PATTERN.finditer(text):
        if match.lastgroup != "led":
            yield Mention(match.group(), match.start(), match.end())
            continue
        # "LED 552, 554 or 556": each code gets its own link, with the word LED where it is written.
        for item in _LED_ITEM.finditer(text, match.start(), match.end()):
            yield Mention(f"LED {item.group('number')}", item.start(), item.end())


def message_ids(text: str) -> list[str]:
    """Return the distinct message IDs of `text` in order of first appearance."""
    return list(dict.fromkeys(mention.message_id for mention in find_mentions(text)))


def is_message_id(candidate: str) -> bool:
    """Tell whether `candidate` is a message ID in its canonical spelling (as the data file keys are)."""
    return _CANONICAL_ID.fullmatch(candidate) is not None


def family_of(message_id: str) -> Family:
    """Return the family (prefix and product) of a canonical message ID."""
    if not is_message_id(message_id):
        raise ValueError(f"{message_id!r} is not a message ID (expected e.g. ANR8599W, 0950-021, LED 554, IJ06720)")
    if message_id.startswith("AN"):
        return _FAMILY_BY_KEY[message_id[:3]]
    if message_id.startswith("0950-"):
        return _FAMILY_BY_KEY["0950"]
    if message_id.startswith("LED "):
        return _FAMILY_BY_KEY["LED"]
    return _FAMILY_BY_KEY["APAR"]


def product_of(message_id: str) -> str:
    """Name the product that issues `message_id`, derived from its prefix."""
    return family_of(message_id).product


def severity_of(message_id: str) -> Severity | None:
    """Return the severity encoded in a Spectrum Protect ID's last letter; None where the ID has none."""
    if family_of(message_id).key in ("ANR", "ANS", "ANE"):
        return SEVERITIES[message_id[-1]]
    return None


def anchor_of(message_id: str) -> str:
    """Return the HTML id of the ID's entry on the index page (stable, so links can be typed by hand)."""
    return "msg-" + message_id.lower().replace(" ", "-")
