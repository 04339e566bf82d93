"""Break long code lines for paper: at a space or after a comma, with a hanging indent and a mark.

Chromium's own wrapping (`white-space: pre-wrap`) breaks `proc_mode` as `proc_m|ode` and starts
the rest at the left edge, where `default -n` reads like a command of its own. Here a line
longer than its block's width (in characters, measured on the print page) is broken at the
last space that fits, else after the last comma, else (a token longer than the line) at the
width itself; every continuation is indented two columns past the line's own indent and starts
with CONTINUATION, so no wrapped piece can be mistaken for a new line.

Works on the highlighted HTML of a `<code>` element: tags take no columns, an entity one.
"""
from __future__ import annotations

import re

CONTINUATION = "\u21aa"  # ↪
MARK_HTML = f'<span class="kb-wrap-mark" aria-hidden="true">{CONTINUATION}</span> '
MIN_COLUMNS = 20
_ATOM = re.compile(r"<[^>]*>|&[#\w]+;|[\s\S]")


def _atoms(code_html: str) -> list[str]:
    return _ATOM.findall(code_html)


def _is_text(atom: str) -> bool:
    return not atom.startswith("<")


def _char(atom: str) -> str:
    if atom.startswith("&"):
        return "&" if atom == "&amp;" else "x"
    return atom


def _break_index(chars: list[str], limit: int) -> tuple[int, bool]:
    """Where to break a line whose visible chars are `chars`: (index into chars, drop that char)."""
    for index in range(min(limit, len(chars) - 1), 0, -1):
        if chars[index] == " " and any(char != " " for char in chars[:index]):
            return index, True
    for index in range(min(limit, len(chars)) - 1, 0, -1):
        if chars[index] == ",":
            return index + 1, False
    return limit, False


def wrap_line(atoms: list[str], columns: int) -> list[str]:
    """One code line (atoms, no newline) as atoms with continuation breaks inserted."""
    columns = max(columns, MIN_COLUMNS)
    text_index = [position for position, atom in enumerate(atoms) if _is_text(atom)]
    chars = [_char(atoms[position]) for position in text_index]
    if len(chars) <= columns:
        return atoms
    indent = len(chars) - len("".join(chars).lstrip(" "))
    hang = " " * min(indent + 2, columns // 2)
    out_breaks: dict[int, bool] = {}  # atom position -> drop the atom (a space) when breaking there
    start = 0
    limit = columns
    while len(chars) - start > limit:
        index, drop = _break_index(chars[start:], limit)
        absolute = start + index
        out_breaks[text_index[absolute] if absolute < len(text_index) else len(atoms)] = drop
        start = absolute + (1 if drop else 0)
        limit = columns - len(hang) - 2
    result: list[str] = []
    for position, atom in enumerate(atoms):
        if position in out_breaks:
            result.append("\n" + hang + MARK_HTML)
            if out_breaks[position]:
                continue
        result.append(atom)
    if len(atoms) in out_breaks:
        result.append("\n" + hang + MARK_HTML)
    return result


def wrap_code(code_html: str, columns: int) -> str:
    """The inner HTML of a `<code>` element with every line longer than `columns` broken and marked."""
    lines: list[list[str]] = [[]]
    for atom in _atoms(code_html):
        if atom == "\n":
            lines.append([])
        else:
            lines[-1].append(atom)
    wrapped = ["".join(wrap_line(line, columns)) for line in lines]
    return "\n".join(wrapped)
