"""The tire model against the published formula, the reference's worked values, and the spec's rules."""
from __future__ import annotations

import math

import pytest

from calculators.registry import get
from calculators.tire import model

TIRE = get("tire")


def published(load_lb: float, width_mm: float) -> float:
    """BikeTinker / Dave Adams fit of Berto's chart, written out independently of the model."""
    return 153.6 * load_lb / width_mm ** 1.5785 - 7.1685


def run(**inputs: str) -> dict:
    evaluation = TIRE.evaluate({key.replace("_", "-"): value for key, value in inputs.items()})
    assert evaluation.ok, evaluation.errors
    return TIRE.json_result(evaluation)


def errors(**inputs: str) -> dict:
    return TIRE.evaluate({key.replace("_", "-"): value for key, value in inputs.items()}).errors


@pytest.mark.parametrize(("weight", "rear", "width", "front_psi", "rear_psi"), [
    # tire-model.md section 2, computed by hand there: loads 120/180, 93/217, 72/108 lb.
    ("300 lb", "60", "28 mm", 88.6, 136.5),
    ("310 lb", "70", "55 mm", 18.4, 52.5),
    ("180 lb", "60", "40 mm", 25.6, 41.9),
])
def test_reference_points(weight: str, rear: str, width: str, front_psi: float, rear_psi: float) -> None:
    result = run(weight=weight, rear=rear, width=width)
    assert result["front"]["psi"] == pytest.approx(front_psi, abs=0.05)
    assert result["rear"]["psi"] == pytest.approx(rear_psi, abs=0.05)


def test_hand_computed_rear_pavement() -> None:
    # 28 ** 1.5785 = exp(1.5785 × ln 28) = exp(1.5785 × 3.3322045) = exp(5.2598848) = 192.472
    # 153.6 × 180 / 192.472 = 143.647; − 7.1685 = 136.479 psi; × 0.0689476 = 9.410 bar; × 6.894757 = 941.0 kPa
    rear = run(weight="300 lb", rear="60", width="28 mm")["rear"]
    assert rear["load_lb"] == 180.0
    assert rear["psi"] == pytest.approx(136.479, abs=0.01)
    assert rear["bar"] == pytest.approx(9.410, abs=0.001)
    assert rear["kpa"] == pytest.approx(941.0, abs=0.1)
    assert rear["psi"] == pytest.approx(published(180, 28), rel=1e-12)


def test_units_do_not_change_the_answer() -> None:
    in_lb = run(weight="300 lb", rear="60", width="28 mm")
    in_kg = run(weight=f"{300 * 0.45359237!r} kg", rear="60 %", width=f"{28 / 25.4!r} in")
    assert in_kg["rear"]["psi"] == pytest.approx(in_lb["rear"]["psi"], rel=1e-12)
    assert run(weight="300 lb", rear="60", width="28-622") == in_lb


def test_bead_seat_diameter_never_changes_the_number() -> None:
    results = [run(weight="250 lb", rear="60", width="40 mm", rim=rim) for rim in ("406", "559", "700c", "787", "36er")]
    assert all(result == results[0] for result in results)


def test_front_width_and_casing() -> None:
    result = run(weight="200 lb", rear="55", width="32 mm", front_width="28 mm", casing="1.1")
    assert result["front"]["psi"] == pytest.approx(1.1 * published(90, 28), rel=1e-12)
    assert result["rear"]["psi"] == pytest.approx(1.1 * published(110, 32), rel=1e-12)


def test_warnings_in_reference_order() -> None:
    result = run(weight="300 lb", rear="60", width="28 mm", rim_type="hookless", tire_max="100 psi", rim_max="130 psi")
    assert result["front"]["warnings"] == ["HOOKLESS_MAX"]
    assert result["rear"]["warnings"] == ["HOOKLESS_MAX", "OVER_TIRE_MAX", "OVER_RIM_MAX", "HIGH", "VERY_HIGH"]
    assert run(weight="100 lb", rear="50", width="25 mm")["rear"]["warnings"] == ["PINCH_FLOOR"]  # 40.5 < 43.5 psi
    assert run(weight="140 lb", rear="50", width="40 mm", surface="unpaved")["rear"]["warnings"] == []  # 24.6 > 21.8 psi
    assert run(weight="140 lb", rear="50", width="40 mm")["rear"]["warnings"] == ["PINCH_FLOOR"]  # 24.6 < 29.0 psi
    assert run(weight="300 lb", rear="60", width="60 mm")["rear"]["warnings"] == ["EXTRAPOLATED"]
    assert "EXTRAPOLATED" in run(weight="700 lb", rear="85", width="60 mm")["rear"]["warnings"]


def test_warning_texts() -> None:
    display = TIRE.evaluate({"weight": "300 lb", "width": "28 mm", "rim-type": "hookless"}).display
    # W_min = (153.6 × 180 / (72.519 + 7.1685)) ** (1 / 1.5785) = 346.95 ** 0.63351 = 40.67 → 41 mm
    assert ["HOOKLESS_MAX", "Rear: 136.5 psi is above the 5 bar (72.5 psi) limit for hookless rims; a tire at least 41 mm wide stays under it."] in display["warnings"]
    assert model.hookless_min_width_mm(180, 1.0) == pytest.approx(40.67, abs=0.01)


def test_model_domain_is_an_error_not_a_number() -> None:
    # 100 ** 1.5785 = 1435.5; 153.6 × 30 / 1435.5 − 7.1685 = −3.96 psi
    assert errors(weight="60 lb", rear="50", width="100 mm") == {"width": {
        "key": "MODEL_DOMAIN",
        "message": "Front: a 30 lb wheel load is too light for a 100 mm tire: the 15 %-drop model gives -4.0 psi. Use the tire maker's minimum.",
    }}
    assert errors(weight="300 lb", rear="85", width="28 mm", front_width="130 mm")["front-width"]["key"] == "MODEL_DOMAIN"


def test_own_reference_scales_by_the_ratio_at_the_reference() -> None:
    result = run(weight="300 lb", rear="60", width="28 mm", ref_pressure="120 psi")
    ratio = 120 / published(180, 28)
    assert result["rear"]["scaled"]["psi"] == pytest.approx(120.0, rel=1e-12)
    assert result["front"]["scaled"]["psi"] == pytest.approx(published(120, 28) * ratio, rel=1e-12)
    other = run(weight="200 lb", rear="55", width="32 mm", ref_pressure="90 psi", ref_width="28 mm", ref_weight="250 lb", ref_rear="60", ref_wheel="front")
    ratio = 90 / published(100, 28)  # front of 250 lb at 60 % rear
    assert other["rear"]["scaled"]["psi"] == pytest.approx(published(110, 32) * ratio, rel=1e-12)
    assert errors(weight="300 lb", width="28 mm", ref_width="30 mm")["ref-pressure"]["key"] == "REFERENCE_INCOMPLETE"
    assert errors(weight="300 lb", width="28 mm", ref_pressure="40 psi", ref_weight="40 lb", ref_width="60 mm")["ref-pressure"]["key"] == "REFERENCE_DOMAIN"


def test_presets_reproduce_the_notes_pressure() -> None:
    for preset, psi in (("pavement", 120.0), ("cruiser", 60.0), ("off-road", 40.0)):
        evaluation = TIRE.evaluate(TIRE.preset_inputs(preset))
        assert evaluation.result["scaled"][1]["psi"] == pytest.approx(psi, rel=1e-12)


def test_rim_label_and_diameter_advice() -> None:
    advice = TIRE.evaluate({"weight": "250 lb", "width": "28 mm", "rim": "26er"}).display["advice"]
    assert advice[0].startswith('Rim: 559 mm BSD (26" decimal (26er, MTB, cruiser)).')
    # sqrt((622 + 56) / (559 + 56)) = sqrt(1.10244) = 1.0500
    assert "about 1.05 × these pressures" in advice[1]
    assert TIRE.evaluate({"weight": "250 lb", "width": "28 mm", "rim": "600"}).display["advice"][0].startswith("Rim: 600 mm BSD (not in the rim table)")
    assert model.diameter_factor(622, 28) == 1.0


def test_json_shape_is_the_contract() -> None:
    result = run(weight="300 lb", rear="60", width="28 mm")
    assert set(result) == {"front", "rear"}
    assert set(result["front"]) == {"load_lb", "psi", "bar", "kpa", "warnings"}
    assert not math.isclose(result["rear"]["psi"], round(result["rear"]["psi"], 1), rel_tol=1e-12)  # unrounded
