"""Test support for calculators: input strategies (valid, invalid, traps) and the Chromium batch harness.

Used by every calculator's parity and fuzz tests (docs-dev/calculators.md section 9):
one page load, then all inputs evaluated in the page in one call.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .calculator import Calculator

STRATEGIES = ("inputs_strategy", "fuzz_inputs", "field_text", "number_text", "quantity_text")


def __getattr__(name: str) -> Any:
    """The hypothesis strategies of `calculators.strategies`, imported only when a test asks for one."""
    if name in STRATEGIES:
        from . import strategies

        return getattr(strategies, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def python_batch(calculator: Calculator, cases: list[dict[str, str]]) -> list[dict[str, Any]]:
    """What Python displays for each case: {'errors': …, 'display': …}."""
    return [calculator.evaluate(case).comparable() for case in cases]


def open_page(page: Any, site_dir: Path, page_path: str) -> None:
    """Open a built page from file:// and wait for its calculators to be ready."""
    page.goto((site_dir / page_path).as_uri())
    page.wait_for_function("() => document.querySelector('[data-kb-calc][data-kb-ready]') !== null")


def browser_batch(page: Any, name: str, cases: list[dict[str, str]]) -> list[dict[str, Any]]:
    """What the page's generated JS displays for each case, in one call (the page must be open)."""
    return page.evaluate("([name, cases]) => window.kbCalc[name].batch(cases)", [name, cases])


def comparable(value: Any) -> Any:
    """A value in the form both sides are compared in: dicts as ordered pairs, tuples as lists."""
    if isinstance(value, dict):
        return {"__map__": [[key, comparable(item)] for key, item in value.items()]}
    if isinstance(value, (list, tuple)):
        return [comparable(item) for item in value]
    return value


def python_or_error(function: Any, *arguments: Any) -> Any:
    """Call a Python function; return its value, or the error key as Python's pipeline maps it."""
    from .outputs import check_finite
    from .runtime import CalcError

    try:
        value = function(*arguments)
        check_finite(value)
        return {"value": comparable(value)}
    except CalcError as error:
        return {"error": error.key}
    except (ZeroDivisionError, OverflowError):
        return {"error": "ARITHMETIC"}
    except ValueError as error:
        return {"error": "ARITHMETIC" if "math domain" in str(error) else "INTERNAL"}
    except Exception:  # the pipeline maps any other failure to INTERNAL
        return {"error": "INTERNAL"}


JS_CALL = """([path, calls]) => {
  const plain = x => x instanceof Map ? {__map__: Array.from(x.entries()).map(([k, v]) => [k, plain(v)])}
    : Array.isArray(x) ? x.map(plain) : x;
  const finite = x => typeof x === 'number' ? isFinite(x) : Array.isArray(x) ? x.every(finite)
    : x instanceof Map ? Array.from(x.values()).every(finite) : true;
  const target = path.split('.').reduce((object, key) => object[key], window);
  return calls.map(args => {
    try { const value = target(...args); return finite(value) ? {value: plain(value)} : {error: 'ARITHMETIC'}; }
    catch (e) { return {error: e && e.key ? e.key : 'INTERNAL'}; }
  });
}"""


def browser_calls(page: Any, path: str, calls: list[list[Any]]) -> list[Any]:
    """Call a JS function (by dotted path from window) once per argument list; value or error key."""
    return page.evaluate(JS_CALL, [path, calls])
