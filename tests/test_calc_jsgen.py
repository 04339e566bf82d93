"""The subset compiler: what it emits, and that everything outside the subset fails with file:line."""
from __future__ import annotations

import importlib.util
import textwrap
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from calculators import subset_examples
from calculators.bundle import calculator_js
from calculators.html import render_calculator
from calculators.jsgen import SubsetError, compile_logic
from calculators.minify import minify, tokenize
from calculators.registry import all_calculators
from calculators.testing import browser_batch, python_batch


def load(tmp_path: Path, source: str) -> ModuleType:
    path = tmp_path / "logic_under_test.py"
    path.write_text(textwrap.dedent(source), encoding="utf-8")
    spec = importlib.util.spec_from_file_location("logic_under_test", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


OUTSIDE = [
    ("def compute(x: float) -> float:\n    return round(x, 1)\n", 2, "round() is banker's rounding"),
    ("def compute(x: float) -> str:\n    return str(x)\n", 2, "str() of a float differs"),
    ("def compute(x: float) -> str:\n    return f'{x}'\n", 2, "f-string field needs a text or an int"),
    ("def compute(x: float) -> str:\n    return f'{x:.2f}'\n", 2, "format spec ':.2f' is not in the subset"),
    ("def compute(x: float) -> float:\n    while x > 1:\n        x = x / 2\n    return x\n", 2, "while loops are not in the subset"),
    ("def compute(x: float) -> list:\n    return [y for y in range(3)]\n", 2, "ListComp expressions are not in the subset"),
    ("def compute(x: float) -> float:\n    try:\n        return x\n    except ValueError:\n        return 0.0\n", 2,
     "Try statements are not in the subset"),
    ("def compute(x: float) -> float:\n    return open(x)\n", 2, "call of 'open' is not in the subset"),
    ("def compute(x: list) -> bool:\n    return x and True\n", 2, "and/or need true/false operands"),
    ("def compute(x: str) -> str:\n    return x + 1\n", 2, "text + number"),
    ("import os\ndef compute(x: float) -> str:\n    return os.name\n", 3, "attribute '.name' is not in the subset"),
    ("counter = 0\ndef compute(x: float) -> float:\n    return x\n", 1, "module-level names must be UPPER_CASE"),
    ("def compute(x: float) -> float:\n    f = lambda y: y\n    return x\n", 2, "nested functions, lambdas and classes"),
    ("def compute(x: float) -> float:\n    return undefined_name\n", 2, "name 'undefined_name' is not a local"),
    ("def compute(x: str) -> str:\n    return x.format(1)\n", 2, "method .format() is not in the subset"),
    ("def compute(x: float) -> float:\n    return x if x is True else 0\n", 2, "`is` is only in the subset as `is None`"),
    ("from calculators.runtime import CalcError\ndef compute(x: float) -> float:\n    raise ValueError('x')\n", 3,
     "only `raise CalcError(key, message, field)`"),
    ("def compute(x: float) -> float:\n    return x @ x\n", 2, "operator MatMult is not in the subset"),
    ("def compute(x: list) -> float:\n    return sum(x)\n", 2, "sum() of floats adds left to right on Python 3.11"),
]


@pytest.mark.parametrize(("source", "line", "reason"), OUTSIDE)
def test_outside_the_subset_fails_with_file_and_line(tmp_path: Path, source: str, line: int, reason: str) -> None:
    module = load(tmp_path, source)
    with pytest.raises(SubsetError) as caught:
        compile_logic(module)
    message = str(caught.value)
    assert message.startswith(f"{tmp_path / 'logic_under_test.py'}:{line}: "), message
    assert reason in message


def test_only_reachable_functions_are_compiled(tmp_path: Path) -> None:
    module = load(tmp_path, """
        import json
        LIMIT = 2.5
        def helper(x: float) -> float:
            return x * LIMIT
        def compute(x: float) -> float:
            return helper(x) / 2
        def python_only(x):
            return json.dumps(x)
    """)
    compiled = compile_logic(module)
    assert compiled.functions == ["helper", "compute"]
    assert "json" not in compiled.js and "var LIMIT = 2.5;" in compiled.js
    assert "(helper(x) / 2)" in compiled.js  # a non-zero literal divisor needs no check


def test_division_by_a_variable_is_checked(tmp_path: Path) -> None:
    module = load(tmp_path, "def compute(a: float, b: float) -> list:\n    return [a / b, a // b, a % b, a ** b]\n")
    assert compile_logic(module).js.count("K.div(") == 1
    assert "K.fdiv(a, b)" in compile_logic(module).js and "K.mod(a, b)" in compile_logic(module).js and "K.pow(a, b)" in compile_logic(module).js


@pytest.mark.parametrize("name", sorted(all_calculators()))
def test_every_calculator_bundle_runs_in_chromium_and_agrees_with_python(offline_page: Any, name: str) -> None:
    """The minified bundle is one comment-free function that loads without an error beside the form html.py renders,
    and computes what Python computes: the defaults, every preset, and each field in turn given text it refuses."""
    calculator = all_calculators()[name]
    script = calculator_js(name)
    assert script.startswith("(function(){") and script.rstrip().endswith("})();")
    assert not [token for token in tokenize(script, keep_comments=True) if token.startswith(("//", "/*"))]
    defaults = calculator.preset_inputs(None)
    offline_page.set_content(f"<!doctype html><html><body>{render_calculator(calculator, defaults, None, table=False)}</body></html>")
    offline_page.add_script_tag(content=script)
    offline_page.wait_for_function("() => document.querySelector('[data-kb-calc][data-kb-ready]') !== null")
    cases = [defaults] + [calculator.preset_inputs(preset.name) for preset in calculator.presets]
    cases += [dict(defaults, **{item.key: "x"}) for item in calculator.fields]
    assert browser_batch(offline_page, name, cases) == python_batch(calculator, cases)
    assert offline_page.console_errors == []


def test_minify_keeps_strings_regexes_and_minus_minus() -> None:
    out = minify(['var a = "x  y" ;  b = a - -c ; d = /a b/g.test(e) ;'])[0]
    assert out == 'var a="x  y";b=a- -c,d=/a b/g.test(e);'  # blanks only inside the string and the regex
    out = minify(["(function () { function f(longName) { return longName + f(1); } window.f = f; })();"])[0]
    assert "longName" not in out and len(out) < 60, out  # locals are shortened


def test_subset_examples_compile() -> None:
    compiled = compile_logic(subset_examples, "arithmetic", ("power", "maths", "formatting", "specs", "slot_plan", "containers",
                                                              "text_methods", "truthiness", "classify", "loops", "keywords", "dict_updates"))
    assert len(compiled.functions) == 15
