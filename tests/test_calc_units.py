"""The one pint registry, project units, and the factors the page carries."""
from __future__ import annotations

import pytest

from calculators import units
from calculators.registry import get


def test_one_registry_with_project_units() -> None:
    assert units.registry() is units.registry()
    assert units.convert(4194304, "block", "GiB") == 2.0
    assert units.dimension_of("block") == "[information]"
    assert units.dimension_of("%") == "dimensionless"
    assert units.dimension_of("LB") == "[mass]"


def test_factors_come_from_pint() -> None:
    assert units.unit_factors(("mm", "in", '"'), "mm") == {"mm": 1.0, "in": 25.4, '"': 25.4}
    assert units.unit_factor("kg", "lb") == pytest.approx(1 / 0.45359237, rel=1e-15)
    assert units.unit_factor("bar", "psi") == pytest.approx(14.503773773, rel=1e-9)


def test_pint_conversion_equals_factor_times_value() -> None:
    """The browser multiplies by the factor; Python asks pint: the two must give the same float."""
    for value in (0.1, 1.7, 28.0, 136.0, 299.99, 620.0, 1e-3, 12345.678):
        for spelling, canonical in (("kg", "lb"), ("in", "mm"), ("bar", "psi"), ("kPa", "psi")):
            assert units.convert(value, spelling, canonical) == value * units.unit_factor(spelling, canonical)


def test_spelling_checks() -> None:
    assert units.check_spelling("mmm", "[length]") == "pint does not know the unit 'mmm'"
    assert units.check_spelling("kg", "[length]") == "unit 'kg' is a mass (weight), not a length"
    assert units.check_spelling('"', "[length]") is None


@pytest.mark.parametrize(("field", "text", "value"), [
    ("width", "28 mm", 28.0), ("width", "28mm", 28.0), ("width", "2.25 in", 57.15), ("width", '2.25"', 57.15),
    ("width", "28-622", 28.0), ("weight", "300 lb", 300.0), ("weight", "300 lbs", 300.0), ("weight", "300 LB", 300.0),
    ("weight", "136 kg", 136 / 0.45359237), ("tire_max", "6.5 bar", 6.5 * 14.503773773020923),
    ("tire_max", "90 psi", 90.0), ("tire_max", "620 kPa", 620 * 0.1450377377302092),
    ("rim", "700c", 622.0), ("rim", "29er", 622.0), ("rim", "650B", 584.0), ("rim", "27.5", 584.0),
    ("rim", "26er", 559.0), ("rim", "32er", 686.0), ("rim", "36er", 787.0), ('rim', '20"', 406.0),
    ("rim", "650c", 571.0), ('rim', '27"', 630.0), ("rim", "622", 622.0), ("rim", "622 mm", 622.0), ("rear", "60 %", 60.0),
])
def test_accepted_spellings(field: str, text: str, value: float) -> None:
    assert get("tire").field(field).parse(text) == pytest.approx(value, rel=1e-12)


def test_pint_keeps_its_parsed_definitions_in_the_cache_folder_and_converts_the_same(tmp_path) -> None:
    """A warm start reads pint's parsed definitions from KB_CACHE_DIR; a cold and a warm start agree."""
    import json
    import subprocess
    import sys

    from tests.conftest import ROOT

    probe = ("import json; from calculators.units import registry; u = registry(); "
             "print(json.dumps([u.Quantity(1, 'psi').to('bar').magnitude, u.Quantity(2, 'GiB').to('block').magnitude]))")
    env = {"KB_CACHE_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    cold = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    assert list((tmp_path / "pint").glob("*.pickle")), "pint wrote no cache"
    warm = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    assert json.loads(cold.stdout) == json.loads(warm.stdout) == [0.06894757293168365, 4194304.0]


def test_the_browser_harness_does_not_import_hypothesis() -> None:
    import subprocess
    import sys

    from tests.conftest import ROOT

    probe = "import sys, calculators.testing; print('hypothesis' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
