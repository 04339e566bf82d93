"""python -m calculators: the contract scripts depend on."""
from __future__ import annotations

import json

import pytest

from tests.cli_runs import in_process, real_process


def test_json_contract() -> None:
    done = in_process("tire", "--weight", "300 lb", "--rear", "60", "--width", "28 mm", "--rim", "700c", "--surface", "paved",
               "--rim-type", "hooked", "--casing", "1.0", "--json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert set(result) == {"front", "rear"}
    assert result["front"]["load_lb"] == 120.0
    assert result["rear"]["psi"] == pytest.approx(136.4878, abs=1e-4)
    assert [item["code"] for item in result["rear"]["warnings"]] == ["HIGH", "VERY_HIGH"]
    assert all(item["text"] for item in result["rear"]["warnings"])
    assert result["front"]["warnings"] == []


def test_readable_output_shows_the_page_strings() -> None:
    done = in_process("tire", "--weight=136 kg", "--width", '2.25"', "--front-width", "55-584")
    assert done.returncode == 0, done.stderr
    assert "Model pressure (Berto 15 % drop):" in done.stdout and "Pressure (psi)" in done.stdout


@pytest.mark.parametrize(("arguments", "line"), [
    (("tire", "--weight", "abc", "--width", "28 mm"), "Total weight: 'abc' is not a number; enter 20–700 lb, e.g. 300 lb"),
    (("tire", "--weight", "300 lb", "--width", "28 mm", "--rim", "foo"),
     "Rim size: 'foo' is not a number; enter 150–900 mm or a name such as 700c, 29er, e.g. 622 mm"),
    (("tire", "--weight", "300 lb", "--width", "28 kg"), "Tire width must be a length such as '28 mm', '2.25 in' or '28-622' (got '28 kg')"),
    (("tire", "--weight", "300 lb", "--width", "28 mm", "--rear", "120"), "Rear share must be 30–85 % (got '120')"),
    (("tire", "--weight", "300 lb"), "Tire width: a value is required (e.g. 28 mm)"),
    (("tire", "--weight", "300 lb", "--width", "28 mm", "--colour", "red"),
     "tire: unknown option '--colour' (accepted: --weight, --rear, --width, --front-width, --rim, --surface, --rim-type, --casing, "
     "--tire-max, --rim-max, --ref-pressure, --ref-width, --ref-weight, --ref-rear, --ref-wheel, --preset, --json)"),
    (("tyre", "--weight", "300 lb"), "unknown calculator 'tyre' (accepted: "),
    (("tire", "--weight"), "tire: option '--weight' needs a value"),
])
def test_bad_input_exits_2_with_one_line(arguments: tuple[str, ...], line: str) -> None:
    done = in_process(*arguments)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1 and done.stderr.startswith(line)


def test_help_lists_fields_units_and_ranges() -> None:
    overview = in_process("--help")
    assert overview.returncode == 0 and "tire" in overview.stdout and "--weight" in overview.stdout
    detail = in_process("tire", "--help")
    assert detail.returncode == 0
    assert "--weight VALUE" in detail.stdout and "20–700 lb (units: lb, lbs, LB, kg)" in detail.stdout
    assert "--rim-type VALUE" in detail.stdout and "hookless (hookless (TSS))" in detail.stdout
    assert "pavement" in detail.stdout and "55 = race road" in detail.stdout


def test_preset_flag() -> None:
    done = in_process("tire", "--preset", "cruiser", "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["rear"]["scaled"]["psi"] == pytest.approx(60.0)


def test_the_real_command_exits_0_and_2() -> None:
    """The one run of `python -m calculators tire` in a fresh process: the same output as in-process, and a refusal."""
    done = real_process("tire", "--preset", "pavement", "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == json.loads(in_process("tire", "--preset", "pavement", "--json").stdout)
    done = real_process("tire", "--weight", "300 lb", "--width", "28 mmm")
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr == "Tire width: unknown unit 'mmm' in '28 mmm' (accepted: mm, in, inch, \", ″)\n"


def test_json_scaled_warnings_sit_in_the_scaled_object() -> None:
    done = in_process("tire", "--preset", "pavement", "--rim-type", "hookless", "--rim-max", "110 psi", "--json")
    assert done.returncode == 0, done.stderr
    rear = json.loads(done.stdout)["rear"]
    assert [item["code"] for item in rear["warnings"]] == ["HOOKLESS_MAX", "OVER_RIM_MAX", "HIGH", "VERY_HIGH"]  # model 136.5 psi
    assert rear["scaled"]["psi"] == 120.0
    assert [item["code"] for item in rear["scaled"]["warnings"]] == ["HOOKLESS_MAX", "OVER_RIM_MAX", "HIGH"]
