"""Field kinds: parsing, error keys and message texts, and declaration checks with file:line."""
from __future__ import annotations

import pytest

from calculators.fields import BooleanField, ChoiceField, DeclarationError, FieldError, ListField, NumberField, QuantityField, TextField
from calculators.registry import get

TIRE = get("tire")


def error_of(field: str, text: str | None) -> tuple[str, str]:
    with pytest.raises(FieldError) as caught:
        TIRE.field(field).parse(text)
    return caught.value.key, caught.value.message


def test_quantity_errors_name_field_value_and_what_is_accepted() -> None:
    assert error_of("weight", "abc") == ("number", "Total weight: 'abc' is not a number; enter 20–700 lb, e.g. 300 lb")
    assert error_of("width", "28 kg") == ("dimension", "Tire width must be a length such as '28 mm', '2.25 in' or '28-622' (got '28 kg')")
    assert error_of("width", "28 mmm") == ("unit", "Tire width: unknown unit 'mmm' in '28 mmm' (accepted: mm, in, inch, \", ″)")
    assert error_of("rear", "120 %") == ("range", "Rear share must be 30–85 % (got '120 %')")
    assert error_of("weight", "-5 lb") == ("range", "Total weight must be 20–700 lb (got '-5 lb')")
    assert error_of("weight", "") == ("required", "Total weight: a value is required (e.g. 300 lb)")
    assert error_of("tire_max", "0 psi") == ("range", "Tire maximum must be more than 0 and at most 300 psi (got '0 psi')")
    assert error_of("weight", "1e400 lb")[0] == "range"


def test_blank_gives_default_or_none() -> None:
    assert TIRE.field("rear").parse("  ") == 60.0
    assert TIRE.field("front_width").parse(None) is None
    assert TIRE.field("rim").parse("") == 622.0


def test_choice_and_number() -> None:
    assert TIRE.field("surface").parse("UNPAVED") == "unpaved"
    assert error_of("surface", "mud") == ("choice", "Surface: 'mud' is not one of: paved, unpaved")
    assert error_of("casing", "1.5") == ("range", "Casing factor must be 1–1.2 (got '1.5')")
    assert error_of("casing", "1,1") == ("number", "Casing factor: '1,1' is not a number; enter 1–1.2, e.g. 1.1")


def test_boolean_text_and_list_kinds() -> None:
    flag = BooleanField(name="pinned", label="Pinned", default="yes")
    assert flag.parse("OFF") is False and flag.parse(None) is True
    mount = TextField(name="mount", label="Mount point", pattern="/[A-Za-z0-9_./-]*", hint="an absolute path such as /RAMDISK", max_length=20)
    assert mount.parse(" /RAMDISK ") == "/RAMDISK"
    with pytest.raises(FieldError, match=r"^Mount point: 'RAMDISK' is not valid: an absolute path such as /RAMDISK$"):
        mount.parse("RAMDISK")
    vlan = NumberField(name="vlan", label="VLAN", integer=True, minimum=1, maximum=4094)
    vlans = ListField(name="vlans", label="VLAN IDs", item=vlan, min_items=1, max_items=3)
    assert vlans.parse("10, 20 30") == [10, 20, 30]
    with pytest.raises(FieldError, match=r"^VLAN IDs: item '5000' is not valid: a whole number 1–4094$"):
        vlans.parse("10,5000")
    with pytest.raises(FieldError, match=r"^VLAN IDs: '10' is listed twice$"):
        vlans.parse("10 10")
    with pytest.raises(FieldError, match=r"^VLAN IDs: 4 items given, 1–3 items accepted$"):
        vlans.parse("1 2 3 4")


def test_integer_field() -> None:
    count = NumberField(name="count", label="Count", integer=True, minimum=0, maximum=10)
    assert count.parse("7") == 7 and isinstance(count.parse("7"), int)
    with pytest.raises(FieldError, match=r"^Count: '7.5' is not a whole number; 0–10 accepted$"):
        count.parse("7.5")


def test_declarations_are_checked_with_file_and_line() -> None:
    with pytest.raises(DeclarationError, match=r"tests/test_calc_fields.py:\d+: field 'Width': name must be a lower-case identifier"):
        NumberField(name="Width", label="Width")
    with pytest.raises(DeclarationError, match=r"unit 'kg' is a mass \(weight\), not a length"):
        QuantityField(name="w", label="W", dimension="[length]", unit="mm", units=("mm", "kg"), examples=("1 mm",))
    with pytest.raises(DeclarationError, match=r"pattern uses '\\s'"):
        TextField(name="t", label="T", pattern=r"\s+", hint="x")
    with pytest.raises(DeclarationError, match=r"pattern uses '\.'"):
        TextField(name="t", label="T", pattern=r"a.b", hint="x")
    with pytest.raises(DeclarationError, match=r"default 'x' is not accepted: Choice: 'x' is not one of: a"):
        ChoiceField(name="c", label="Choice", choices=(("a", "A"),), default="x")
    with pytest.raises(DeclarationError, match="an integer field needs both minimum and maximum"):
        NumberField(name="n", label="N", integer=True)
