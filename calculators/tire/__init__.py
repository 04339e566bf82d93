"""The tire pressure calculator: fields, outputs, presets from the notes, and the no-JS table."""
from __future__ import annotations

from typing import Any

from calculators.calculator import Calculator, Evaluation, KeyOutput, Preset, StaticTable
from calculators.fields import ChoiceField, NumberField, QuantityField
from calculators.outputs import Column, ListOutput, MessagesOutput, TableOutput, TextOutput
from calculators.runtime import fmt_fixed

from . import model
from .rims import rim_aliases

MASS_UNITS = ("lb", "lbs", "LB", "kg")
LENGTH_UNITS = ("mm", "in", "inch", '"', "″")
PRESSURE_UNITS = ("psi", "bar", "kPa")
# ETRTO / ISO 5775 '28-622': width-BSD in mm; only the width is used here.
ETRTO = (r"([0-9]+(?:\.[0-9]+)?)-([0-9]{3})", "{1} mm")
REFERENCE = "Your own reference (optional)"


def _width(name: str, label: str, required: bool, help_text: str, group: str = "") -> QuantityField:
    """A tire width field: mm, inches or an ETRTO size."""
    return QuantityField(
        name=name, label=label, help=help_text, required=required, group=group,
        dimension="[length]", unit="mm", units=LENGTH_UNITS, minimum=15.0, maximum=130.0,
        rewrites=(ETRTO,), examples=("28 mm", "2.25 in", "28-622"),
    )


def _weight(name: str, label: str, required: bool, help_text: str, group: str = "") -> QuantityField:
    """A total weight field in lb or kg."""
    return QuantityField(
        name=name, label=label, help=help_text, required=required, group=group,
        dimension="[mass]", unit="lb", units=MASS_UNITS, minimum=20.0, maximum=700.0, examples=("300 lb", "136 kg"),
    )


def _share(name: str, label: str, default: str | None, help_text: str, group: str = "") -> QuantityField:
    """A rear weight share in %."""
    return QuantityField(
        name=name, label=label, help=help_text, default=default, required=default is not None, group=group,
        dimension="dimensionless", unit="percent", units=("%",), minimum=30.0, maximum=85.0, examples=("60 %",),
        suggestions=(("55", "race road"), ("60", "mountain; Bicycle Quarterly's generic split"), ("70", "cruiser")),
    )


def _pressure(name: str, label: str, help_text: str, group: str = "") -> QuantityField:
    """An optional pressure in psi, bar or kPa."""
    return QuantityField(
        name=name, label=label, help=help_text, required=False, group=group,
        dimension="[mass] / [length] / [time] ** 2", unit="psi", units=PRESSURE_UNITS,
        minimum=0.0, exclusive_minimum=True, maximum=300.0, examples=("90 psi", "6.5 bar", "620 kPa"),
    )


FIELDS = (
    _weight("weight", "Total weight", True, "Rider, bike and cargo together."),
    _share("rear", "Rear share", "60", "Share of the total weight on the rear wheel; weigh each wheel to know it."),
    _width("width", "Tire width", True, "Measured width of the mounted tire (printed widths are often off); rear, and front too unless set below."),
    _width("front_width", "Front tire width", False, "Only if the front tire differs from the rear."),
    QuantityField(
        name="rim", label="Rim size", default="700c", help="Bead seat diameter in mm, or a name such as 700c, 29er, 650b, 26er, 32er.",
        dimension="[length]", unit="mm", units=("mm",), minimum=150.0, maximum=900.0,
        aliases=rim_aliases(), alias_examples=("700c", "29er"), examples=("622 mm", "700c"),
    ),
    ChoiceField(name="surface", label="Surface", default="paved", choices=(("paved", "paved"), ("unpaved", "unpaved (gravel, dirt)")),
                help="Sets the minimum pressure used for the pinch-flat warning."),
    ChoiceField(name="rim_type", label="Rim type", default="hooked", choices=(("hooked", "hooked"), ("hookless", "hookless (TSS)")),
                help="Hookless road rims are limited to 5 bar (72.5 psi)."),
    NumberField(name="casing", label="Casing factor", default="1.0", minimum=1.0, maximum=1.2, examples=("1.1",),
                help="1.0 for ordinary tires; up to 1.2 for supple, extra-light casings (btpress)."),
    _pressure("tire_max", "Tire maximum", "The maximum printed on the sidewall, if you want it checked."),
    _pressure("rim_max", "Rim maximum", "The rim maker's maximum, if you want it checked."),
    _pressure("ref_pressure", "Reference pressure", "A pressure that felt right on a setup you know; turns the scaling on.", REFERENCE),
    _width("ref_width", "Reference tire width", False, "Width of that setup's tire (default: this one).", REFERENCE),
    _weight("ref_weight", "Reference total weight", False, "Total weight of that setup (default: this one).", REFERENCE),
    _share("ref_rear", "Reference rear share", None, "Rear share of that setup (default: this one).", REFERENCE),
    ChoiceField(name="ref_wheel", label="Reference wheel", default="rear", choices=(("rear", "rear"), ("front", "front")),
                help="Which wheel the reference pressure was right for.", group=REFERENCE),
)

OUTPUTS = (
    TableOutput(name="wheels", label="Model pressure (Berto 15 % drop)", columns=(
        Column("wheel", "Wheel"), Column("load_lb", "Load", 1, "lb"), Column("load_kg", "Load", 1, "kg"),
        Column("psi", "Pressure", 1, "psi"), Column("bar", "Pressure", 2, "bar"), Column("kpa", "Pressure", 0, "kPa"),
    )),
    MessagesOutput(name="warnings", label="Warnings at the model pressures"),
    TableOutput(name="scaled", label="Scaled to your reference", columns=(
        Column("wheel", "Wheel"), Column("psi", "Pressure", 1, "psi"), Column("bar", "Pressure", 2, "bar"), Column("kpa", "Pressure", 0, "kPa"),
    )),
    TextOutput(name="reference_note", label="Reference"),
    MessagesOutput(name="scaled_warnings", label="Warnings at the scaled pressures"),
    ListOutput(name="advice", label="Notes"),
)


def _notes_preset(name: str, label: str, rim: str, width: str, weight: str, rear: str, surface: str, psi: str) -> Preset:
    """A reference setup from the field notes, with its pressure as the reader's reference."""
    return Preset(
        name=name, label=label,
        values={"rim": rim, "width": width, "weight": weight, "rear": rear, "surface": surface,
                "ref_pressure": psi, "ref_width": width, "ref_weight": weight, "ref_rear": rear},
        note=(f"The notes: {rim}, {width} @ {psi} for {weight} ride weight, {rear} % rear. That setup is the reference "
              "(its pressure taken as the rear wheel's), so the scaled result reproduces it here and follows the notes' "
              "proportional method when you change the weight, split or width."),
    )


PRESETS = (
    _notes_preset("pavement", "Pavement reference", "700c", "28 mm", "300 lb", "60", "paved", "120 psi"),
    _notes_preset("cruiser", "Cruiser reference", "32er", "55 mm", "310 lb", "70", "paved", "60 psi"),
    _notes_preset("off-road", "Off-road reference", "700c", "40 mm", "180 lb", "60", "unpaved", "40 psi"),
)


def table_cell(evaluation: Evaluation) -> str:
    """'89 / 137': model front / rear psi, or '—' where the model refuses."""
    if not evaluation.ok:
        return "—"
    front, rear = evaluation.result["wheels"]
    return f"{fmt_fixed(front['psi'], 0)} / {fmt_fixed(rear['psi'], 0)}"


def to_json(result: dict[str, Any]) -> dict[str, Any]:
    """The CLI's --json shape: per wheel load_lb, psi, bar, kpa and the model pressure's warnings, unrounded.

    Warnings are {"code", "text"} as in every calculator's --json. With a reference, each wheel
    also has "scaled": psi, bar, kpa and the scaled pressure's warnings.
    """
    shaped: dict[str, Any] = {}
    for row, warnings, scaled in zip(result["wheels"], (result["front_warnings"], result["rear_warnings"]), result["scaled"] or (None, None)):
        wheel = {
            "load_lb": row["load_lb"], "psi": row["psi"], "bar": row["bar"], "kpa": row["kpa"],
            "warnings": [{"code": item["code"], "text": item["text"]} for item in warnings],
        }
        if scaled is not None:
            wheel["scaled"] = {
                "psi": scaled["psi"], "bar": scaled["bar"], "kpa": scaled["kpa"],
                "warnings": [{"code": item["code"], "text": item["text"]} for item in scaled["warnings"]],
            }
        shaped[row["wheel"].lower()] = wheel
    return shaped


CALCULATOR = Calculator(
    name="tire",
    title="Tire pressure",
    summary="Per-wheel pressure from total weight, rear share and tire width (Berto 15 % drop, BikeTinker fit).",
    fields=FIELDS,
    outputs=OUTPUTS,
    logic=model,
    presets=PRESETS,
    table=StaticTable(
        row_field="width", row_values=("23 mm", "25 mm", "28 mm", "32 mm", "35 mm", "40 mm", "47 mm", "55 mm", "62 mm"),
        column_field="weight", column_values=("150 lb", "200 lb", "250 lb", "300 lb", "350 lb"),
        cell=table_cell,
        caption="Model pressure in psi, front / rear, by tire width (rows) and total weight (columns)",
        legend="— : the model gives under 5 psi there (load too light for the width); use the tire maker's minimum.",
        clear=("front_width", "ref_pressure", "ref_width", "ref_weight", "ref_rear", "ref_wheel"),
    ),
    to_json=to_json,
    # At a glance: each wheel's model pressure; the reference group folds away until it is wanted.
    key_outputs=(KeyOutput("wheels", parts=(("wheel", "{}:"), ("psi", "{}"), ("bar", "({})")), rows=2),
                 KeyOutput("scaled", parts=(("wheel", "Scaled, {}:"), ("psi", "{}")), rows=2)),
    essential_fields=tuple(item.name for item in FIELDS if item.group != REFERENCE),
)
