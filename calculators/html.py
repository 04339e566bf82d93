"""Build-time HTML of one calculator on a page: the form (for the script), the static result and grid.

The form sits in `.kb-interactive` and is `hidden` until the script runs, so a
reader without JavaScript, the print stylesheet and the PDF see only `.kb-static`:
the preset's result and the table, computed here in Python.
"""
from __future__ import annotations

import json
from collections.abc import Mapping
from html import escape
from typing import Any

from .calculator import GENERAL, Calculator
from .fields import BooleanField, ChoiceField, Field

_ATTRIBUTE_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


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
                headings = "".join(f"<th>{escape(column.label)}</th>" for column in output.columns)  # type: ignore[attr-defined]
                rows = "".join("<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row) + "</tr>" for row in value)
                parts.append(f"<table><thead><tr>{headings}</tr></thead><tbody>{rows}</tbody></table>")
            elif getattr(output, "style", "") == "commands":
                parts.append(f"<pre><code>{escape(chr(10).join(value))}</code></pre>")
            elif output.kind == "messages":
                parts.append("<ul>" + "".join(f'<li data-kb-code="{escape(code)}">{escape(text)}</li>' for code, text in value) + "</ul>")
            else:
                parts.append("<ul>" + "".join(f"<li>{escape(item)}</li>" for item in value) + "</ul>")
        parts.append("</div>")
    return "".join(parts)


def _input(calculator: Calculator, item: Field, text: str) -> str:
    """One labelled input with its hint and error slot."""
    element_id = f"kb-{calculator.name}-{item.key}"
    hint = " ".join(part for part in (item.help, f"Accepts: {item.accepted_text()}." if item.accepted_text() else "") if part)
    described = f"{element_id}-hint {element_id}-error"
    if isinstance(item, ChoiceField):
        options = "".join(
            f'<option value="{escape(value)}"{" selected" if value == text else ""}>{escape(label)}</option>' for value, label in item.choices
        )
        control = f'<select id="{element_id}" name="{escape(item.key)}" aria-describedby="{described}">{options}</select>'
    elif isinstance(item, BooleanField):
        checked = " checked" if text.strip().lower() in ("yes", "true", "on", "1") else ""
        control = f'<input id="{element_id}" name="{escape(item.key)}" type="checkbox" value="yes"{checked} aria-describedby="{described}">'
    else:
        datalist = ""
        list_attribute = ""
        if item.suggestions:
            list_attribute = f' list="{element_id}-list"'
            datalist = f'<datalist id="{element_id}-list">' + "".join(
                f'<option value="{escape(value)}" label="{escape(label)}"></option>' for value, label in item.suggestions
            ) + "</datalist>"
        placeholder = f' placeholder="{escape(item.default)}"' if item.default else ""
        control = (
            f'<input id="{element_id}" name="{escape(item.key)}" type="text" value="{escape(text)}"{placeholder}{list_attribute}'
            f' autocomplete="off" spellcheck="false" aria-describedby="{described}">{datalist}'
        )
    return (
        f'<div class="kb-calc-field"><label for="{element_id}">{escape(item.label)}</label>{control}'
        f'<small class="kb-calc-hint" id="{element_id}-hint">{escape(hint)}</small>'
        f'<span class="kb-calc-error" id="{element_id}-error" data-kb-error="{escape(item.key)}" role="alert"></span></div>'
    )


def render_form(calculator: Calculator, inputs: Mapping[str, str], preset_name: str | None) -> str:
    """The interactive form (hidden until the script runs), with fields grouped into fieldsets."""
    parts = ['<form class="kb-interactive kb-calc-form" hidden autocomplete="off" novalidate>']
    if calculator.presets:
        options = '<option value="">— choose —</option>' + "".join(
            f'<option value="{escape(preset.name)}"{" selected" if preset.name == preset_name else ""}>{escape(preset.label)}</option>'
            for preset in calculator.presets
        )
        parts.append(f'<p class="kb-calc-presets"><label>Preset <select data-kb-preset>{options}</select></label></p>')
    groups: dict[str, list[Field]] = {}
    for item in calculator.fields:
        groups.setdefault(item.group, []).append(item)
    for group, members in groups.items():
        inner = "".join(_input(calculator, item, inputs.get(item.key, "")) for item in members)
        parts.append(f'<fieldset class="kb-calc-group"><legend>{escape(group)}</legend>{inner}</fieldset>' if group else inner)
    parts.append('<div class="kb-calc-results" data-kb-results aria-live="polite"></div></form>')
    return "".join(parts)


def render_table(calculator: Calculator, inputs: Mapping[str, str]) -> str:
    """The static grid over the two main inputs, evaluated in Python for the page's other inputs."""
    table = calculator.table
    if table is None:
        return ""
    row_field = calculator.field(table.row_field)
    column_field = calculator.field(table.column_field)
    fixed = [
        f"{item.label} {inputs[item.key]}" for item in calculator.fields
        if item.name not in (table.row_field, table.column_field, *table.clear) and inputs.get(item.key)
    ]
    caption = f"{table.caption} — with {', '.join(fixed)}" if fixed else table.caption
    head = f"<th>{escape(row_field.label)} \\ {escape(column_field.label)}</th>" + "".join(f"<th>{escape(value)}</th>" for value in table.column_values)
    rows = []
    for row_value in table.row_values:
        cells = "".join(
            f"<td>{escape(table.cell(calculator.evaluate(calculator.table_inputs(inputs, row_value, column_value))))}</td>"
            for column_value in table.column_values
        )
        rows.append(f"<tr><th>{escape(row_value)}</th>{cells}</tr>")
    legend = f'<p class="kb-calc-legend">{escape(table.legend)}</p>' if table.legend else ""
    return f'<table class="kb-calc-grid"><caption>{escape(caption)}</caption><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>{legend}'


def _print_tables(calculator: Calculator, inputs: Mapping[str, str], preset_name: str | None) -> str:
    """Paper-only results of the other presets and reference-scaled grids (calculators/print_tables.py)."""
    from .print_tables import render_print_tables  # imported here: print_tables imports this module

    return render_print_tables(calculator, inputs, preset_name)


def render_calculator(calculator: Calculator, inputs: Mapping[str, str], preset_name: str | None, table: bool = True) -> str:
    """The whole block for a page: config, form, static result for these inputs, and the grid."""
    evaluation = calculator.evaluate(inputs)
    preset = calculator.preset(preset_name) if preset_name else None
    title = f"Result for the preset “{preset.label}”" if preset else "Result for the default inputs"
    given = ", ".join(f"{item.label} {inputs[item.key]}" for item in calculator.fields if inputs.get(item.key))
    note = f'<p class="kb-calc-note">{escape(preset.note)}</p>' if preset and preset.note else ""
    config = json.dumps({"calculator": calculator.name}).translate(_ATTRIBUTE_SAFE)
    static = (
        f'<div class="kb-static"><div class="kb-static-result"><p class="kb-calc-title"><strong>{escape(title)}</strong> '
        f"({escape(given)})</p>{note}{render_display(calculator, evaluation.display, evaluation.errors)}</div>"
        f"{render_table(calculator, inputs) if table else ''}</div>"
    )
    return (
        f'<div class="kb-calc" data-kb-calc="{escape(calculator.name)}">'
        f'<script type="application/json" class="kb-calc-config">{config}</script>'
        f"{render_form(calculator, inputs, preset_name)}{static}{_print_tables(calculator, inputs, preset_name)}</div>"
    )
