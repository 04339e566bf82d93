"""The words a yes/no value may be typed as, one list for every reader of yes/no text.

A calculator's BooleanField (and its twin in runtime.js, which gets the lists from the
page's data), the checkbox a form starts with, and the ENABLE_PDF_EXPORT switch all
read these words, so "on" cannot mean yes in one place and be refused in another.
"""
from __future__ import annotations

TRUE_WORDS = ("yes", "true", "on", "1")
FALSE_WORDS = ("no", "false", "off", "0")
ACCEPTED = ", ".join(word for pair in zip(TRUE_WORDS, FALSE_WORDS) for word in pair)
"""'yes, no, true, false, on, off, 1, 0': the words in pairs, as error messages list them."""


def boolean_word(word: str) -> bool | None:
    """True or False for one of the words (ASCII case ignored; the caller strips blanks), None for any other text."""
    if not word.isascii():
        return None
    lowered = word.lower()
    if lowered in TRUE_WORDS:
        return True
    if lowered in FALSE_WORDS:
        return False
    return None
