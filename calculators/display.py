"""The displayed outputs of one evaluation as HTML: the same structure runtime.js builds in the browser.

Shared by the page's static result (calculators/html.py) and the paper-only results of the other
presets (calculators/print_tables.py), so neither imports the other's module.
"""
from __future__ import annotations

from collections.abc import Mapping
from html import escape
from typing import Any

from .calculator import GENERAL, Calculator
from .outputs import Output


def scroll_box(table_html: str, label: str) -> str:
    """A wide table in its own keyboard-reachable scroll box, so the page never scrolls sideways."""
    return f'<div class="kb-scroll" tabindex="0" role="region" aria-label="{escape(label)}">{table_html}</div>'


def column_heading(label: str, unit: str) -> str:
    """A result column's heading with its unit: 'Pressure (psi)' (the same text runtime.js writes)."""
    return f"{label} ({unit})" if unit else label


def _table_output(output: Output, rows: Any) -> str:
    """A table output: headings with units, one row per displayed row, in a scroll box."""
    headings = "".join(f"<th>{escape(column_heading(column.label, column.unit))}</th>" for column in output.columns)  # type: ignore[attr-defined]
    body = "".join("<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row) + "</tr>" for row in rows)
    return scroll_box(f'<table class="kb-calc-table"><thead><tr>{headings}</tr></thead><tbody>{body}</tbody></table>', output.label)


def render_display(calculator: Calculator, display: Mapping[str, Any], errors: Mapping[str, Mapping[str, str]] | None = None) -> str:
    """HTML of displayed outputs, the same structure runtime.js builds in the browser."""
    parts: list[str] = []
    general = (errors or {}).get(GENERAL)
    if general:
        parts.append(f'<p class="kb-calc-error">{escape(general["message"])}</p>')
    for output in calculator.outputs:
        value = display.get(output.name)
        if value is None:
            continue
        parts.append(f'<div class="kb-calc-out" data-kb-output="{escape(output.name)}">')
        if output.kind in ("number", "text"):
            parts.append(f'<span class="kb-calc-label">{escape(output.label)}: </span><strong>{escape(value)}</strong>')
        else:
            parts.append(f'<p class="kb-calc-label">{escape(output.label)}</p>')
            if output.kind == "table":
                parts.append(_table_output(output, value))
            elif getattr(output, "style", "") == "commands":
                parts.append(f"<pre><code>{escape(chr(10).join(value))}</code></pre>")
            elif output.kind == "messages":
                parts.append("<ul>" + "".join(f'<li data-kb-code="{escape(code)}">{escape(text)}</li>' for code, text in value) + "</ul>")
            else:
                parts.append("<ul>" + "".join(f"<li>{escape(item)}</li>" for item in value) + "</ul>")
        parts.append("</div>")
    return "".join(parts)
