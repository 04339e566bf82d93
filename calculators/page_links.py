"""A calculator block's anchor on its page and the "open the calculator" link to it.

Kept apart from calculators/html.py, which needs the calculators' fields (and so pint): a page
built from cached calculator blocks places its jump links without importing either.
"""
from __future__ import annotations

from html import escape
from typing import Protocol


class Named(Protocol):
    """What a link needs of a calculator: its name (the anchor) and its title (the link text)."""

    @property
    def name(self) -> str: ...

    @property
    def title(self) -> str: ...


def anchor(calculator: Named) -> str:
    """The id of a calculator's block on its page: links and "open the calculator" point here."""
    return f"calc-{calculator.name}"


def jump_link(calculator: Named) -> str:
    """The short link near the top of a page that takes the reader to its calculator."""
    return f'<p class="kb-calc-jump"><a href="#{anchor(calculator)}">Open the {escape(calculator.title)} calculator</a></p>'


def insert_jump_links(html: str, calculators: list[Named]) -> str:
    """Put the pages' "open the calculator" links right after the first heading (or first, without one)."""
    links = "".join(jump_link(calculator) for calculator in calculators)
    end = html.find("</h1>")
    return html[: end + 5] + links + html[end + 5:] if end >= 0 else links + html
