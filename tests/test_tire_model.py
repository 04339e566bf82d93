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


def codes_only(shaped: dict) -> dict:
    """The --json shape with each warnings list reduced to its codes (after checking every warning has a text)."""
    for wheel in shaped.values():
        for part in (wheel, wheel.get("scaled") or {}):
            if "warnings" in part:
                assert all(item["text"] for item in part["warnings"])
                part["warnings"] = [item["code"] for item in part["warnings"]]
    return shaped


def run(**inputs: str) -> dict:
    evaluation = TIRE.evaluate({key.replace("_", "-"): value for key, value in inputs.items()})
    assert evaluation.ok, evaluation.errors
    return codes_only(TIRE.json_result(evaluation))


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
    # 28 ** 1.5785 = exp(1.5785 × ln 28) = exp(1.5785 × 3.3322045) = exp(5.2598848) = 192.459
    # 153.6 × 180 / 192.459 = 143.657; − 7.1685 = 136.488 psi; × 0.0689476 = 9.411 bar; × 6.894757 = 941.05 kPa
    rear = run(weight="300 lb", rear="60", width="28 mm")["rear"]
    assert rear["load_lb"] == 180.0
    assert rear["psi"] == pytest.approx(136.488, abs=0.001)
    assert rear["bar"] == pytest.approx(9.4105, abs=0.0001)
    assert rear["kpa"] == pytest.approx(941.05, abs=0.01)
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
    hookless = "Rear: 136.5 psi is above the 5 bar (72.5 psi) limit for hookless rims; a tire at least 41 mm wide stays under it."
    assert ["HOOKLESS_MAX", hookless] in display["warnings"]
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
    other = run(weight="200 lb", rear="55", width="32 mm",
                ref_pressure="90 psi", ref_width="28 mm", ref_weight="250 lb", ref_rear="60", ref_wheel="front")
    ratio = 90 / published(100, 28)  # front of 250 lb at 60 % rear
    assert other["rear"]["scaled"]["psi"] == pytest.approx(published(110, 32) * ratio, rel=1e-12)
    assert errors(weight="300 lb", width="28 mm", ref_width="30 mm")["ref-pressure"]["key"] == "REFERENCE_INCOMPLETE"
    too_low = errors(weight="300 lb", width="28 mm", ref_pressure="40 psi", ref_weight="40 lb", ref_width="60 mm")
    assert too_low["ref-pressure"]["key"] == "REFERENCE_DOMAIN"


def test_presets_reproduce_the_notes_pressure() -> None:
    for preset, psi in (("pavement", 120.0), ("cruiser", 60.0), ("off-road", 40.0)):
        evaluation = TIRE.evaluate(TIRE.preset_inputs(preset))
        assert evaluation.result["scaled"][1]["psi"] == pytest.approx(psi, rel=1e-12)


def test_rim_label_and_diameter_advice() -> None:
    advice = TIRE.evaluate({"weight": "250 lb", "width": "28 mm", "rim": "26er"}).display["advice"]
    assert advice[0].startswith('Rim: 559 mm BSD (26" decimal (26er, MTB, cruiser)).')
    # sqrt((622 + 56) / (559 + 56)) = sqrt(1.10244) = 1.0500
    assert "about 1.05 × these pressures" in advice[1]
    unlisted = TIRE.evaluate({"weight": "250 lb", "width": "28 mm", "rim": "600"})
    assert unlisted.display["advice"][0].startswith("Rim: 600 mm BSD (not in the rim table)")
    assert model.diameter_factor(622, 28) == 1.0


def test_json_shape_is_the_contract() -> None:
    result = run(weight="300 lb", rear="60", width="28 mm")
    assert set(result) == {"front", "rear"}
    assert set(result["front"]) == {"load_lb", "psi", "bar", "kpa", "warnings"}
    assert not math.isclose(result["rear"]["psi"], round(result["rear"]["psi"], 1), rel_tol=1e-12)  # unrounded


def test_scaled_pressure_above_the_hookless_limit_warns() -> None:
    # 28 ** 1.5785 = exp(1.5785 × 3.3322045) = exp(5.2598848) = 192.459. Current set-up 150 lb, 60 % rear: rear load 90 lb,
    #   model 153.6 × 90 / 192.459 − 7.1685 = 71.8283 − 7.1685 = 64.660 psi (under 72.5: no model warning);
    #   front load 60 lb: 47.885 − 7.1685 = 40.717 psi.
    # Reference 90 psi on the rear of 28 mm, 180 lb, 60 %: load 108 lb, model 86.194 − 7.1685 = 79.025 psi,
    #   k = 90 / 79.025 = 1.13888; scaled rear 64.660 × 1.13888 = 73.64 psi > 72.5; scaled front 40.717 × 1.13888 = 46.37 psi.
    # W_min at k: (153.6 × 90 / (72.519 / 1.13888 + 7.1685)) ** (1 / 1.5785) = (13824 / 70.844) ** 0.63351 = 195.13 ** 0.63351 = 28.25 → 29 mm
    inputs = {"weight": "150 lb", "rear": "60", "width": "28 mm", "rim-type": "hookless",
              "ref-pressure": "90 psi", "ref-width": "28 mm", "ref-weight": "180 lb", "ref-rear": "60"}
    evaluation = TIRE.evaluate(inputs)
    shaped = codes_only(TIRE.json_result(evaluation))
    assert shaped["rear"]["psi"] == pytest.approx(64.660, abs=0.001) and shaped["rear"]["warnings"] == []
    assert shaped["rear"]["scaled"]["psi"] == pytest.approx(73.64, abs=0.01)
    assert shaped["rear"]["scaled"]["warnings"] == ["HOOKLESS_MAX"]
    assert shaped["front"]["scaled"]["psi"] == pytest.approx(46.37, abs=0.01) and shaped["front"]["scaled"]["warnings"] == []
    assert evaluation.display["warnings"] is None
    assert evaluation.display["scaled_warnings"] == [["HOOKLESS_MAX",
        "Rear (scaled): 73.6 psi is above the 5 bar (72.5 psi) limit for hookless rims; "
        "at the same ratio to the model, a tire at least 29 mm wide stays under it."]]
    assert model.hookless_min_width_mm(90, 90 / published(108, 28)) == pytest.approx(28.25, abs=0.01)


def test_scaled_warnings_use_the_same_rules_and_keep_the_model_codes_apart() -> None:
    # Pavement preset on a hookless rim: model rear 136.5 psi, scaled rear exactly the notes' 120 psi (HIGH, not VERY_HIGH: 120 is not above 120).
    shaped = codes_only(TIRE.json_result(TIRE.evaluate({**TIRE.preset_inputs("pavement"), "rim-type": "hookless"})))
    assert shaped["rear"]["warnings"] == ["HOOKLESS_MAX", "HIGH", "VERY_HIGH"]
    assert shaped["rear"]["scaled"]["psi"] == 120.0
    assert shaped["rear"]["scaled"]["warnings"] == ["HOOKLESS_MAX", "HIGH"]
    assert set(shaped["rear"]) == {"load_lb", "psi", "bar", "kpa", "warnings", "scaled"}
    assert set(shaped["rear"]["scaled"]) == {"psi", "bar", "kpa", "warnings"}


def test_scaled_pressure_at_the_reference_is_exactly_the_readers() -> None:
    # Cruiser: 55 ** 1.5785 = 558.6; front 153.6 × 93 / 558.6 − 7.1685 = 18.40, rear 153.6 × 217 / 558.6 − 7.1685 = 52.50 psi.
    # k = 60 / 52.50 = 1.1428: scaled rear 60 psi exactly (psi × k would give 60.00000000000001, "above" a 60 psi maximum),
    # scaled front 18.40 × 1.1428 = 21.03 psi, under the 29.0 psi paved floor. EXTRAPOLATED (55 mm) stays a model warning.
    at_limit = TIRE.evaluate({**TIRE.preset_inputs("cruiser"), "tire-max": "60 psi"})
    assert at_limit.result["scaled"][1]["psi"] == 60.0
    assert at_limit.display["scaled_warnings"] == [["PINCH_FLOOR",
        "Front (scaled): 21.0 psi is below the ISO 5775-1 minimum of 29.0 psi for this width and surface: "
        "with tubes it risks pinch flats, and the bead can roll off the rim in hard turns."]]
    assert [code for code, _ in at_limit.display["warnings"]] == ["PINCH_FLOOR", "EXTRAPOLATED", "EXTRAPOLATED"]
    over = TIRE.evaluate({**TIRE.preset_inputs("cruiser"), "tire-max": "59.9 psi"}).display["scaled_warnings"]
    assert over[1] == ["OVER_TIRE_MAX", "Rear (scaled): 60.0 psi is above the tire's maximum of 59.9 psi."]


def test_notes_preset_pins_its_reference_so_a_lighter_rider_scales_down_proportionally() -> None:
    # Pavement preset: 120 psi felt right on 28 mm at 300 lb, 60 % rear. At 190 lb the rear wheel carries
    # 114 lb instead of 180 lb, so the scaled rear pressure is 120 × P(114, 28) / P(180, 28) by hand:
    # P(L, 28) = 153.6·L / 28^1.5785 − 7.1685, 28^1.5785 = 192.459 → P(114) = 83.814, P(180) = 136.487.
    preset = next(item for item in TIRE.presets if item.name == "pavement")
    values = {key.replace("_", "-"): text for key, text in preset.values.items()}
    assert values["ref-weight"] == "300 lb" and values["ref-width"] == "28 mm" and values["ref-rear"] == "60"
    at_preset = TIRE.evaluate(values)
    assert at_preset.ok
    assert at_preset.result["scaled"][1]["psi"] == pytest.approx(120.0, abs=1e-9)
    lighter = TIRE.evaluate({**values, "weight": "190 lb"})
    assert lighter.ok
    assert lighter.result["scaled"][1]["psi"] == pytest.approx(120.0 * 83.814 / 136.487, rel=2e-4)
