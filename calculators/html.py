"""Build-time HTML of one calculator on a page: the form (for the script), the static result and grid.

The form sits in `.kb-interactive` and is `hidden` until the script runs, so a
reader without JavaScript, the print stylesheet and the PDF see only `.kb-static`:
the preset's result and the table, computed here in Python.

Layout of the form (issue 10), styled by calculators.css:

    form.kb-calc-form
      .kb-calc-inputs   presets, the essential fields, the other groups in <details>
      .kb-calc-bar      the key answer and a jump to the results (phones: stays in view)
      .kb-calc-side     #calc-NAME-results: error banner, key answer, "Copy link", results
                        (wide screens: beside the inputs and sticky)
    .kb-calc-printout   filled by the script: the reader's values, date and link (print only)

The whole block is a <section> with `data-search-exclude`: labels, hints and grid cells are no
prose. A <section>, not a <div>: Material's search parser matches the excluded element by its tag
name, so the first inner </div> would end the exclusion (and the block holds no inner <section>).
"""
from __future__ import annotations

import json
from collections.abc import Mapping
from html import escape
from typing import Any

from .booleans import boolean_word
from .calculator import Calculator, Evaluation
from .display import column_heading, render_display, scroll_box  # noqa: F401 (column_heading re-exported)
from .fields import BooleanField, ChoiceField, Field
from .page_links import anchor, insert_jump_links, jump_link  # noqa: F401 (re-exported: the links live in page_links)
from .print_tables import render_print_tables

_ATTRIBUTE_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


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
        checked = " checked" if boolean_word(text.strip()) else ""
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
        f'<span class="kb-calc-hint" id="{element_id}-hint">{escape(hint)}</span>'
        f'<span class="kb-calc-error" id="{element_id}-error" data-kb-error="{escape(item.key)}"></span></div>'
    )


def _summary_values(items: list[Field], inputs: Mapping[str, str]) -> str:
    """'Label value · Label value' of a collapsed group (runtime.js rewrites it as the reader types)."""
    return " · ".join(f"{item.label} {inputs.get(item.key) or '—'}" for item in items)


def _groups(calculator: Calculator, inputs: Mapping[str, str]) -> str:
    """Essential fields in open fieldsets by group; the rest in one collapsed <details> per group.

    A summary line names the group and shows its current values, so nothing set there is hidden
    from view; the script opens a group that holds a field with an error.
    """
    essential = set(item.name for item in calculator.fields) if calculator.essential_fields is None else set(calculator.essential_fields)
    shown: dict[str, list[Field]] = {}
    folded: dict[str, list[Field]] = {}
    for item in calculator.fields:
        (shown if item.name in essential else folded).setdefault(item.group, []).append(item)
    parts = []
    for group, members in shown.items():
        inner = "".join(_input(calculator, item, inputs.get(item.key, "")) for item in members)
        parts.append(f'<fieldset class="kb-calc-group"><legend>{escape(group)}</legend>{inner}</fieldset>' if group else inner)
    for group, members in folded.items():
        inner = "".join(_input(calculator, item, inputs.get(item.key, "")) for item in members)
        title = f"More: {group}" if group else "More settings"
        parts.append(
            f'<details class="kb-calc-more"><summary><span class="kb-calc-more-title">{escape(title)}</span> '
            f'<span class="kb-calc-more-values" data-kb-summary>{escape(_summary_values(members, inputs))}</span></summary>'
            f'<div class="kb-calc-more-body">{inner}</div></details>'
        )
    return "".join(parts)


def render_form(calculator: Calculator, inputs: Mapping[str, str], preset_name: str | None) -> str:
    """The interactive form (hidden until the script runs): inputs, key-answer bar, results beside them."""
    name = anchor(calculator)
    parts = [f'<form class="kb-interactive kb-calc-form" hidden autocomplete="off" novalidate aria-label="{escape(calculator.title)} calculator">'
             '<div class="kb-calc-inputs">']
    if calculator.presets:
        options = '<option value="">— choose —</option>' + "".join(
            f'<option value="{escape(preset.name)}"{" selected" if preset.name == preset_name else ""}>{escape(preset.label)}</option>'
            for preset in calculator.presets
        )
        parts.append(f'<p class="kb-calc-presets"><label>Preset <select data-kb-preset>{options}</select></label></p>')
    parts.append(_groups(calculator, inputs))
    parts.append(
        '</div>'
        f'<div class="kb-calc-bar"><span class="kb-calc-key" data-kb-key-bar></span> <a href="#{name}-results">Full results</a></div>'
        f'<div class="kb-calc-side" id="{name}-results" tabindex="0" role="region" aria-label="{escape(calculator.title)} results">'
        '<div class="kb-calc-banner" data-kb-banner role="status" aria-live="polite"></div>'
        '<div class="kb-calc-key kb-calc-key-side" data-kb-key aria-live="polite"></div>'
        '<p class="kb-calc-actions"><button type="button" class="kb-calc-copy" data-kb-copy-link>Copy link</button> '
        '<span class="kb-calc-copied" data-kb-copied role="status"></span></p>'
        '<div class="kb-calc-results" data-kb-results></div></div></form>'
    )
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
    grid = f'<table class="kb-calc-grid"><caption>{escape(caption)}</caption><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
    return f'<div class="kb-static-grid">{scroll_box(grid, table.caption)}{legend}</div>'


def render_calculator(calculator: Calculator, inputs: Mapping[str, str], preset_name: str | None, table: bool = True,
                      evaluation: Evaluation | None = None) -> str:
    """The whole block for a page: config, form, static result for these inputs, and the grid.

    `evaluation` is `calculator.evaluate(inputs)` when the caller already has it (the directive
    check evaluates the page's inputs once; this does not evaluate them again).
    """
    if evaluation is None:
        evaluation = calculator.evaluate(inputs)
    preset = calculator.preset(preset_name) if preset_name else None
    title = f"Result for the preset “{preset.label}”" if preset else "Result for the default inputs"
    given = ", ".join(f"{item.label} {inputs[item.key]}" for item in calculator.fields if inputs.get(item.key))
    note = f'<p class="kb-calc-note">{escape(preset.note)}</p>' if preset and preset.note else ""
    config = json.dumps({"calculator": calculator.name, "key": key_spec(calculator)}).translate(_ATTRIBUTE_SAFE)
    static = (
        f'<div class="kb-static"><div class="kb-static-result"><p class="kb-calc-title"><strong>{escape(title)}</strong> '
        f"({escape(given)})</p>{note}{render_display(calculator, evaluation.display, evaluation.errors)}</div>"
        f"{render_table(calculator, inputs) if table else ''}</div>"
    )
    return (
        f'<section class="kb-calc" id="{anchor(calculator)}" data-kb-calc="{escape(calculator.name)}" data-search-exclude>'
        f'<script type="application/json" class="kb-calc-config">{config}</script>'
        f'{render_form(calculator, inputs, preset_name)}<div class="kb-calc-printout" data-kb-printout></div>{static}'
        f'{render_print_tables(calculator, inputs, preset_name)}</section>'
    )


def key_spec(calculator: Calculator) -> list[dict[str, Any]]:
    """The key outputs as the script reads them: output name, label, table column indexes and templates."""
    spec = []
    for key in calculator.key_outputs:
        output = next(item for item in calculator.outputs if item.name == key.output)
        columns = [column.key for column in getattr(output, "columns", ())]
        spec.append({"output": key.output, "heading": output.label, "rows": key.rows,
                     "parts": [[columns.index(column), template] for column, template in key.parts]})
    return spec
