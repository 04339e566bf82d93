"""Paper-only rendering of a calculator: every preset's results, and grids scaled to the presets.

The screen shows one preset's result and a form to try others; paper has no form, so the
printout carries the result of every other preset too. A calculator whose presets carry a
reference pressure (the tire notes' own set-ups: 28 mm @ 120 psi …) also prints its grid
scaled to each reference, labelled so, instead of the raw model grid, whose numbers
(89 / 136 psi) would contradict the notes' 120 psi. Everything here sits in
`.kb-print-only` (hidden on screen by print.css) with `data-search-exclude`, so search
does not index it twice.
"""
from __future__ import annotations

from collections.abc import Mapping
from html import escape

from .calculator import Calculator, Preset
from .display import render_display
from .runtime import fmt_fixed

REFERENCE_KEY = "ref_pressure"


def _given(calculator: Calculator, inputs: Mapping[str, str]) -> str:
    return ", ".join(f"{item.label} {inputs[item.key]}" for item in calculator.fields if inputs.get(item.key))


def _preset_result(calculator: Calculator, preset: Preset) -> str:
    inputs = calculator.preset_inputs(preset.name)
    evaluation = calculator.evaluate(inputs)
    note = f'<p class="kb-calc-note">{escape(preset.note)}</p>' if preset.note else ""
    return (
        f'<div class="kb-static-result"><p class="kb-calc-title"><strong>Result for the preset “{escape(preset.label)}”</strong> '
        f"({escape(_given(calculator, inputs))})</p>{note}{render_display(calculator, evaluation.display, evaluation.errors)}</div>"
    )


def _scaled_cell(calculator: Calculator, inputs: Mapping[str, str]) -> str:
    """'front / rear' scaled psi, or '—' where the model refuses."""
    evaluation = calculator.evaluate(inputs)
    scaled = evaluation.result.get("scaled") if evaluation.ok and isinstance(evaluation.result, dict) else None
    if not scaled:
        return "—"
    front, rear = scaled
    return f"{fmt_fixed(front['psi'], 0)} / {fmt_fixed(rear['psi'], 0)}"


def scaled_grid(calculator: Calculator, preset: Preset) -> str:
    """The static grid computed with the preset's reference kept, so every cell is scaled to it."""
    table = calculator.table
    if table is None:
        return ""
    base = calculator.preset_inputs(preset.name)
    row_field = calculator.field(table.row_field)
    column_field = calculator.field(table.column_field)
    head = f"<th>{escape(row_field.label)} \\ {escape(column_field.label)}</th>" + "".join(
        f"<th>{escape(value)}</th>" for value in table.column_values
    )
    rows = []
    for row_value in table.row_values:
        cells = []
        for column_value in table.column_values:
            inputs = dict(base)
            inputs[row_field.key] = row_value
            inputs[column_field.key] = column_value
            cells.append(f"<td>{escape(_scaled_cell(calculator, inputs))}</td>")
        rows.append(f"<tr><th>{escape(row_value)}</th>{''.join(cells)}</tr>")
    reference = preset.values.get(REFERENCE_KEY, "")
    caption = (
        f"Pressure in psi, front / rear, scaled to the notes' {preset.label.lower()} "
        f"({preset.values.get('width', '')} @ {reference}, {preset.values.get('weight', '')}, "
        f"{preset.values.get('rear', '')} % rear), by tire width (rows) and total weight (columns)"
    )
    return (
        f'<table class="kb-print-grid"><caption>{escape(caption)}</caption>'
        f'<thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
    )


def render_print_tables(calculator: Calculator, inputs: Mapping[str, str], preset_name: str | None) -> str:
    """The paper-only block: the other presets' results and any reference-scaled grids ("" if none)."""
    del inputs  # the page's own inputs are already printed by the static block
    parts = [_preset_result(calculator, preset) for preset in calculator.presets if preset.name != preset_name]
    referenced = [preset for preset in calculator.presets if preset.values.get(REFERENCE_KEY)]
    if calculator.table is not None and referenced:
        parts.extend(scaled_grid(calculator, preset) for preset in referenced)
        if calculator.table.legend:
            parts.append(f'<p class="kb-calc-legend">{escape(calculator.table.legend)}</p>')
    if not parts:
        return ""
    return f'<div class="kb-print-only" data-search-exclude>{"".join(parts)}</div>'
