"""Tire pressure: Frank Berto's 15 % tire drop through the BikeTinker / Dave Adams fit, per wheel.

psi = casing × (153.6 × wheel load [lb] / width [mm] ** 1.5785 − 7.1685)
(shared/reference/tire-model.md, section 4). The bead seat diameter never changes
the number (Heine: the chart holds across wheel sizes); it feeds the label and an
advisory line only. This module is compiled to JavaScript: keep to the subset
described in docs-dev/calculators.md.
"""
from __future__ import annotations

import math

from calculators.runtime import CalcError, fmt_fixed, fmt_number
from calculators.units import convert, unit_factor

from .rims import rim_labels

BERTO_COEFFICIENT = 153.6
BERTO_EXPONENT = 1.5785
BERTO_INTERCEPT_PSI = 7.1685
MODEL_FLOOR_PSI = 5.0  # below this the fit's intercept dominates: refuse to answer
HOOKLESS_MAX_PSI = convert(5.0, "bar", "psi")  # ETRTO: hookless (TSS) road rims, 5 bar
HIGH_PSI = 105.0  # btpress: "consider a wider tire"
VERY_HIGH_PSI = 120.0  # btpress: "check tire/rim max"
PINCH_FLOOR_NARROW_PSI = convert(300.0, "kPa", "psi")  # ISO 5775-1: width ≤ 25 mm
PINCH_FLOOR_PAVED_PSI = convert(200.0, "kPa", "psi")  # ISO 5775-1: other road use
PINCH_FLOOR_UNPAVED_PSI = convert(150.0, "kPa", "psi")  # ISO 5775-1: off-road
NARROW_WIDTH_MM = 25.0
CHART_MIN_WIDTH_MM = 20.0
CHART_MAX_WIDTH_MM = 54.0
CHART_MIN_LOAD_LB = 30.0
CHART_MAX_LOAD_LB = 220.0
REFERENCE_BSD_MM = 622.0  # Berto measured 700C tires
BAR_PER_PSI = unit_factor("psi", "bar")
KPA_PER_PSI = unit_factor("psi", "kPa")
KG_PER_LB = unit_factor("lb", "kg")
RIM_LABELS = rim_labels()


def wheel_pressure_psi(wheel_load_lb: float, width_mm: float, casing: float) -> float:
    """Berto 15 % drop pressure for one wheel (BikeTinker fit), times the casing factor."""
    return casing * (BERTO_COEFFICIENT * wheel_load_lb / width_mm ** BERTO_EXPONENT - BERTO_INTERCEPT_PSI)


def hookless_min_width_mm(wheel_load_lb: float, pressure_factor: float) -> float:
    """Narrowest tire whose pressure (model × casing × any reference ratio) stays at or below the 5 bar hookless limit."""
    return (BERTO_COEFFICIENT * wheel_load_lb / (HOOKLESS_MAX_PSI / pressure_factor + BERTO_INTERCEPT_PSI)) ** (1.0 / BERTO_EXPONENT)


def pinch_floor_psi(width_mm: float, surface: str) -> float:
    """ISO 5775-1 minimum recommended pressure for this width and surface."""
    if width_mm <= NARROW_WIDTH_MM:
        return PINCH_FLOOR_NARROW_PSI
    if surface == "unpaved":
        return PINCH_FLOOR_UNPAVED_PSI
    return PINCH_FLOOR_PAVED_PSI


def diameter_factor(bead_seat_diameter: float, width_mm: float) -> float:
    """√((622 + 2W) / (BSD + 2W)): contact-patch geometry relative to 700C (advice only, unpublished)."""
    return math.sqrt((REFERENCE_BSD_MM + 2.0 * width_mm) / (bead_seat_diameter + 2.0 * width_mm))


def rim_label(bead_seat_diameter: float) -> str:
    """'622 mm BSD (700C / 28" / 29er)', or a note that the size is not in the table."""
    key = fmt_fixed(bead_seat_diameter, 0)
    if key in RIM_LABELS and fmt_number(bead_seat_diameter, 3) == key:
        return f"{key} mm BSD ({RIM_LABELS[key]})"
    return f"{fmt_number(bead_seat_diameter, 1)} mm BSD (not in the rim table)"


def limit_warnings(wheel: str, psi: float, width_mm: float, wheel_load_lb: float, pressure_factor: float, surface: str,
                   rim_type: str, tire_max: float | None, rim_max: float | None, scaled: bool) -> list[dict]:
    """Warnings for one pressure against the rim, tire, btpress and ISO limits; pressure_factor = casing × any reference ratio."""
    who = f"{wheel} (scaled)" if scaled else wheel
    lead = f"{who}: {fmt_fixed(psi, 1)} psi is"
    warnings = []
    if rim_type == "hookless" and psi > HOOKLESS_MAX_PSI:
        minimum = math.ceil(hookless_min_width_mm(wheel_load_lb, pressure_factor))
        same_ratio = "at the same ratio to the model, " if scaled else ""
        warnings.append({"code": "HOOKLESS_MAX", "wheel": wheel,
                         "text": (f"{lead} above the 5 bar ({fmt_fixed(HOOKLESS_MAX_PSI, 1)} psi) limit for hookless rims; "
                                  f"{same_ratio}a tire at least {fmt_fixed(minimum, 0)} mm wide stays under it.")})
    if tire_max is not None and psi > tire_max:
        warnings.append({"code": "OVER_TIRE_MAX", "wheel": wheel, "text": f"{lead} above the tire's maximum of {fmt_number(tire_max, 1)} psi."})
    if rim_max is not None and psi > rim_max:
        warnings.append({"code": "OVER_RIM_MAX", "wheel": wheel, "text": f"{lead} above the rim's maximum of {fmt_number(rim_max, 1)} psi."})
    if psi > HIGH_PSI:
        warnings.append({"code": "HIGH", "wheel": wheel, "text": f"{lead} above {fmt_number(HIGH_PSI)} psi: consider a wider tire."})
    if psi > VERY_HIGH_PSI:
        warnings.append({"code": "VERY_HIGH", "wheel": wheel,
                         "text": f"{lead} above {fmt_number(VERY_HIGH_PSI)} psi: check the tire's and the rim's maximum."})
    floor = pinch_floor_psi(width_mm, surface)
    if psi < floor:
        warnings.append({"code": "PINCH_FLOOR", "wheel": wheel,
                         "text": (f"{lead} below the ISO 5775-1 minimum of {fmt_fixed(floor, 1)} psi for this width and surface: "
                                  "with tubes it risks pinch flats, and the bead can roll off the rim in hard turns.")})
    return warnings


def wheel_warnings(wheel: str, psi: float, width_mm: float, wheel_load_lb: float, casing: float, surface: str,
                   rim_type: str, tire_max: float | None, rim_max: float | None) -> list[dict]:
    """Warning codes and texts for one wheel's model pressure, in the reference's order (EXTRAPOLATED last)."""
    warnings = limit_warnings(wheel, psi, width_mm, wheel_load_lb, casing, surface, rim_type, tire_max, rim_max, False)
    outside_width = width_mm < CHART_MIN_WIDTH_MM or width_mm > CHART_MAX_WIDTH_MM
    outside_load = wheel_load_lb < CHART_MIN_LOAD_LB or wheel_load_lb > CHART_MAX_LOAD_LB
    if outside_width or outside_load:
        warnings.append({"code": "EXTRAPOLATED", "wheel": wheel,
                         "text": (f"{wheel}: {fmt_number(width_mm, 1)} mm at {fmt_fixed(wheel_load_lb, 0)} lb is outside Berto's measured range "
                                  "(20–54 mm, 30–220 lb per wheel): a rough guide only.")})
    return warnings


def checked_pressure(wheel: str, wheel_load_lb: float, width_mm: float, casing: float, width_field: str) -> float:
    """The model pressure, or MODEL_DOMAIN when the fit's intercept makes it meaningless."""
    psi = wheel_pressure_psi(wheel_load_lb, width_mm, casing)
    if psi < MODEL_FLOOR_PSI:
        raise CalcError("MODEL_DOMAIN",
                        (f"{wheel}: a {fmt_fixed(wheel_load_lb, 0)} lb wheel load is too light for a {fmt_number(width_mm, 1)} mm tire: "
                         f"the 15 %-drop model gives {fmt_fixed(psi, 1)} psi. Use the tire maker's minimum."),
                        width_field)
    return psi


def pressure_row(wheel: str, psi: float) -> dict:
    """A table row with one pressure in psi, bar and kPa."""
    return {"wheel": wheel, "psi": psi, "bar": psi * BAR_PER_PSI, "kpa": psi * KPA_PER_PSI}


def wheel_load(weight: float, rear: float, wheel: str) -> float:
    """The load on one wheel ('front' or 'rear') from the total weight and the rear share in %."""
    rear_load = weight * rear / 100.0
    return rear_load if wheel == "rear" else weight - rear_load


def reference_model_psi(ref_width: float, ref_weight: float, ref_rear: float, ref_wheel: str, casing: float) -> float:
    """The model's pressure at the reader's reference setup, or REFERENCE_DOMAIN when it is too low to scale from."""
    ref_load = wheel_load(ref_weight, ref_rear, ref_wheel)
    model_psi = wheel_pressure_psi(ref_load, ref_width, casing)
    if model_psi < MODEL_FLOOR_PSI:
        raise CalcError("REFERENCE_DOMAIN",
                        (f"Reference: the model gives {fmt_fixed(model_psi, 1)} psi for a {fmt_fixed(ref_load, 0)} lb {ref_wheel} wheel "
                         f"on {fmt_number(ref_width, 1)} mm, too little to scale from. Choose a reference with a heavier load or a narrower tire."),
                        "ref_pressure")
    return model_psi


def scaled_row(wheel: str, psi: float, ref_pressure: float, reference_psi: float, width_mm: float, wheel_load_lb: float,
               pressure_factor: float, surface: str, rim_type: str, tire_max: float | None, rim_max: float | None) -> dict:
    """One wheel's model pressure scaled to the reference, with the limit warnings on the scaled value.

    ref_pressure × (psi / reference_psi) rather than psi × ratio: at the reference itself it is exactly the reader's pressure.
    """
    row = pressure_row(wheel, ref_pressure * (psi / reference_psi))
    row["warnings"] = limit_warnings(wheel, row["psi"], width_mm, wheel_load_lb, pressure_factor, surface, rim_type, tire_max, rim_max, True)
    return row


def compute(weight: float, rear: float, width: float, front_width: float | None, rim: float, surface: str,
            rim_type: str, casing: float, tire_max: float | None, rim_max: float | None,
            ref_pressure: float | None, ref_width: float | None, ref_weight: float | None,
            ref_rear: float | None, ref_wheel: str) -> dict:
    """Pressures per wheel from total weight (lb), rear share (%), widths and rim (mm), with warnings and advice."""
    rear_load = wheel_load(weight, rear, "rear")
    front_load = wheel_load(weight, rear, "front")
    rear_width = width
    front_width_mm = width if front_width is None else front_width
    front_field = "width" if front_width is None else "front_width"
    front_psi = checked_pressure("Front", front_load, front_width_mm, casing, front_field)
    rear_psi = checked_pressure("Rear", rear_load, rear_width, casing, "width")
    front_warnings = wheel_warnings("Front", front_psi, front_width_mm, front_load, casing, surface, rim_type, tire_max, rim_max)
    rear_warnings = wheel_warnings("Rear", rear_psi, rear_width, rear_load, casing, surface, rim_type, tire_max, rim_max)
    front_row = pressure_row("Front", front_psi)
    front_row["load_lb"] = front_load
    front_row["load_kg"] = front_load * KG_PER_LB
    rear_row = pressure_row("Rear", rear_psi)
    rear_row["load_lb"] = rear_load
    rear_row["load_kg"] = rear_load * KG_PER_LB
    scaled = []
    scaled_warnings = []
    reference_note = ""
    reference_fields_set = ref_width is not None or ref_weight is not None or ref_rear is not None
    if ref_pressure is None and reference_fields_set:
        raise CalcError("REFERENCE_INCOMPLETE",
                        "Reference pressure: enter the pressure that felt right on your reference setup, or clear the other reference fields.",
                        "ref_pressure")
    if ref_pressure is not None:
        reference_width = rear_width if ref_wheel == "rear" else front_width_mm
        if ref_width is not None:
            reference_width = ref_width
        reference_weight = weight if ref_weight is None else ref_weight
        reference_rear = rear if ref_rear is None else ref_rear
        reference_psi = reference_model_psi(reference_width, reference_weight, reference_rear, ref_wheel, casing)
        ratio = ref_pressure / reference_psi
        front_scaled = scaled_row("Front", front_psi, ref_pressure, reference_psi, front_width_mm, front_load, casing * ratio,
                                  surface, rim_type, tire_max, rim_max)
        rear_scaled = scaled_row("Rear", rear_psi, ref_pressure, reference_psi, rear_width, rear_load, casing * ratio,
                                 surface, rim_type, tire_max, rim_max)
        scaled = [front_scaled, rear_scaled]
        scaled_warnings = front_scaled["warnings"] + rear_scaled["warnings"]
        reference_note = (f"Your reference, {fmt_number(ref_pressure, 1)} psi on the {ref_wheel} wheel ({fmt_number(reference_width, 1)} mm, "
                          f"{fmt_number(reference_weight, 1)} lb total, {fmt_number(reference_rear, 1)} % rear), "
                          f"is {fmt_fixed(ratio, 3)} × the model there; "
                          f"the scaled pressures multiply the model's by that ratio.")
    advice = [f"Rim: {rim_label(rim)}. The bead seat diameter does not change the model's numbers (Berto's chart holds across wheel sizes)."]
    factor = diameter_factor(rim, rear_width)
    if fmt_fixed(factor, 2) != "1.00":
        advice.append("Diameter note (unpublished geometry, not applied): relative to 700C, contact-patch length suggests about "
                      f"{fmt_fixed(factor, 2)} × these pressures on this rim.")
    return {
        "wheels": [front_row, rear_row],
        "front_warnings": front_warnings,
        "rear_warnings": rear_warnings,
        "warnings": front_warnings + rear_warnings,
        "scaled": scaled,
        "scaled_warnings": scaled_warnings,
        "reference_note": reference_note,
        "advice": advice,
    }
