"""jsgen follows `from .module import name` inside a calculator package: what it compiles, in which order, what it
refuses (with file:line), and that the compiled package gives Python's answers in Chromium."""
from __future__ import annotations

import importlib
import sys
import textwrap
from collections.abc import Iterator
from itertools import count
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from calculators.bundle import harness_js
from calculators.jsgen import SubsetError, compile_logic
from calculators.testing import browser_calls, python_or_error

_PACKAGES = count()

# A small calculator package: `plan` (the entry) imports from `sizes` and `texts`; `sizes` imports from `texts` too.
PACKAGE = {
    "texts.py": '''
        """Texts."""
        from __future__ import annotations

        from calculators.runtime import CalcError

        UNIT = "MB"
        UNUSED = "never compiled"


        def label(value: int) -> str:
            """'12 MB'."""
            return f"{value} {UNIT}"


        def refuse(field: str, message: str) -> None:
            """Stop with a message."""
            raise CalcError("BAD", message, field)


        def unused_text() -> str:
            """Not reached from the entry."""
            return UNUSED
    ''',
    "sizes.py": '''
        """Sizes."""
        from __future__ import annotations

        from .texts import UNIT, label, refuse

        STEP = 256


        def rounded(value: int) -> int:
            """Up to the next step."""
            if value < 0:
                refuse("size", "Size: negative")
            return ((value + STEP - 1) // STEP) * STEP


        def shown(value: int) -> str:
            """The rounded size with its unit."""
            return label(rounded(value)) + " (" + UNIT + ")"
    ''',
    "plan.py": '''
        """The entry."""
        from __future__ import annotations

        from .sizes import STEP, rounded, shown
        from .texts import label


        def compute(size: int, count: int) -> dict:
            """Sizes for `count` partitions."""
            rows = []
            for index in range(count):
                rows.append(shown(size + index * STEP))
            return {"rows": rows, "total": label(rounded(size) * count)}
    ''',
}


def make_package(tmp_path: Path, files: dict[str, str]) -> str:
    """Write a package of modules (inside an outer package holding elsewhere.py) under tmp_path, importable by a fresh
    name; return that name (outer.calc)."""
    outer = tmp_path / f"jsgen_outer_{next(_PACKAGES)}"
    outer.mkdir()
    (outer / "__init__.py").write_text('"""An outer package."""\n', encoding="utf-8")
    (outer / "elsewhere.py").write_text('def twice(x: int) -> str:\n    return ""\n', encoding="utf-8")
    name = f"{outer.name}.calc"
    folder = outer / "calc"
    folder.mkdir()
    (folder / "__init__.py").write_text('"""A test package."""\n', encoding="utf-8")
    for file_name, source in files.items():
        (folder / file_name).write_text(textwrap.dedent(source).lstrip(), encoding="utf-8")
    if str(tmp_path) not in sys.path:
        sys.path.insert(0, str(tmp_path))
    importlib.invalidate_caches()
    return name


def load(tmp_path: Path, files: dict[str, str], entry_module: str) -> ModuleType:
    package = make_package(tmp_path, files)
    return importlib.import_module(f"{package}.{entry_module}")


def test_imported_functions_and_constants_compile_once_in_dependency_order(tmp_path: Path) -> None:
    module = load(tmp_path, PACKAGE, "plan")
    compiled = compile_logic(module)
    js = compiled.js
    # texts (used by sizes and plan) first, then sizes, then plan; only what the entry reaches
    assert compiled.functions == ["label", "refuse", "rounded", "shown", "compute"]
    assert js.index("var label = (") < js.index("var rounded = (") < js.index("var compute = (")
    for name in ("var label = (", "var rounded = (", "var UNIT = ", "var STEP = "):
        assert js.count(name) == 1, name
    assert "unused_text" not in js and "never compiled" not in js
    assert js.index("var UNIT = ") < js.index("var STEP = ") < js.index("var compute = (")


@pytest.fixture(scope="module")
def package_page(browser: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, ModuleType]]:
    module = load(tmp_path_factory.mktemp("package"), PACKAGE, "plan")
    context = browser.new_context()
    tab = context.new_page()
    tab.set_content("<!doctype html><html><body></body></html>")
    tab.add_script_tag(content=harness_js(module, ("compute", "shown")))
    yield tab, module
    context.close()


def test_the_compiled_package_gives_pythons_answers_in_chromium(package_page: tuple[Any, ModuleType]) -> None:
    page, module = package_page
    calls = [[0, 1], [1, 3], [255, 2], [256, 4], [1000, 0], [-1, 2], [7, 40], [2**40, 2]]
    expected = [python_or_error(module.compute, *call) for call in calls]
    got = browser_calls(page, "kbCalc.__functions.compute", calls)
    assert got == expected
    assert {"error": "BAD"} in got and got[0] == {"value": {"__map__": [["rows", ["0 MB (MB)"]], ["total", "0 MB"]]}}
    sizes = sys.modules[module.__package__ + ".sizes"]
    shown_calls = [[-5], [0], [1], [256], [257], [10**9]]
    assert browser_calls(page, "kbCalc.__functions.shown", shown_calls) == [python_or_error(sizes.shown, *call)
                                                                              for call in shown_calls]


ENTRY = textwrap.dedent('''
    """The entry."""
    from __future__ import annotations

    {imports}


    def compute(x: int) -> str:
        """Uses the imported name."""
        return {body}
''')
HELPER = '''
    """A helper module."""
    from __future__ import annotations

    from calculators.units import unit_factor

    FACTOR = unit_factor("MiB", "KiB")


    def twice(x: int) -> str:
        """Twice, as text."""
        return f"{x * 2}"


    def compute_helper(x: int) -> str:
        """Calls a helper from outside the package."""
        return unit_factor("MiB", "KiB")
'''


REFUSALS = [
    # (entry module source, other modules, file whose line is named, line, reason)
    (ENTRY.format(imports="from .helper import *", body="twice(x)"), {"helper.py": HELPER}, "entry.py", 4,
     "star import from .helper: import each name"),
    (ENTRY.format(imports="from . import helper", body="helper.twice(x)"), {"helper.py": HELPER}, "entry.py", 4,
     "'from . import module' is not in the subset"),
    (ENTRY.format(imports="from .helper import twice as double", body="double(x)"), {"helper.py": HELPER}, "entry.py", 4,
     "import 'twice' from .helper under its own name"),
    (ENTRY.format(imports="from calculators.units import unit_factor", body="unit_factor('MiB', 'KiB')"), {},
     "entry.py", 9, "'unit_factor' is imported from calculators.units (line 4), outside this calculator's package"),
    (ENTRY.format(imports="from .helper import compute_helper", body="compute_helper(x)"), {"helper.py": HELPER},
     "helper.py", 16, "'unit_factor' is imported from calculators.units (line 4), outside this calculator's package"),
    (ENTRY.format(imports="from ..elsewhere import twice", body="twice(x)"), {}, "entry.py", 9,
     "'twice' is imported from ..elsewhere (line 4), outside this calculator's package"),
    (ENTRY.format(imports="from .helper import twice\n\n\ndef twice(x: int) -> str:\n    return ''", body="twice(x)"),
     {"helper.py": HELPER}, "entry.py", 7, "'twice' is imported from .helper and defined here too"),
    (ENTRY.format(imports="from .helper import twice\n\nFACTOR = 3", body="twice(x)"), {"helper.py": HELPER},
     "helper.py", 6, "'FACTOR' is also defined in "),
    (ENTRY.format(imports="from .helper import unit_factor", body="unit_factor('MiB', 'KiB')"), {"helper.py": HELPER},
     "entry.py", 4, "'unit_factor' is not a function or an UPPER_CASE constant of"),
    (ENTRY.format(imports="from .broken import twice", body="twice(x)"),
     {"broken.py": "class Broken:\n    pass\n\n\ndef twice(x: int) -> str:\n    return ''\n"}, "broken.py", 1,
     "classes are not in the subset"),
]


@pytest.mark.parametrize(("entry", "others", "file_name", "line", "reason"), REFUSALS)
def test_refusals_name_the_module_and_line(tmp_path: Path, entry: str, others: dict[str, str], file_name: str,
                                           line: int, reason: str) -> None:
    try:
        module = load(tmp_path, {**others, "entry.py": entry}, "entry")
    except ImportError:
        pytest.fail("the test package itself must import in Python")
    with pytest.raises(SubsetError) as caught:
        compile_logic(module)
    message = str(caught.value)
    assert message.startswith(f"{tmp_path / module.__package__.replace('.', '/') / file_name}:{line}: "), message
    assert reason in message, message


def test_a_python_only_package_import_is_not_followed(tmp_path: Path) -> None:
    """A helper used only to build a constant (tire's rim table) stays in Python: its module is never read."""
    module = load(tmp_path, {
        "table.py": "from pathlib import Path\n\n\ndef rows() -> list:\n    return [Path('x').name]\n",
        "entry.py": ENTRY.format(imports="from .table import rows\n\nROWS = rows()", body="ROWS[0]"),
    }, "entry")
    assert 'var ROWS = ["x"];' in compile_logic(module).js


def test_a_text_written_often_is_written_once(tmp_path: Path) -> None:
    module = load(tmp_path, {"entry.py": '''
        """Texts."""
        from __future__ import annotations


        def compute(x: int) -> list:
            """The same key many times, a short text twice."""
            row = {"adapters": x}
            return [row["adapters"], {"adapters": 1}["adapters"], {"adapters": 2}["adapters"], "ab", "ab",
                    f"adapters: {x}"]
    '''}, "entry")
    compiled = compile_logic(module)
    assert compiled.js.count('"adapters"') == 1 and compiled.js.startswith('var $0 = "adapters";'), compiled.js
    assert compiled.js.count('"ab"') == 2 and '"adapters: "' in compiled.js  # too short to pay; a different text
    assert "$0" in compiled.private_names


def test_type_checking_imports_are_python_only(tmp_path: Path) -> None:
    """A TypedDict in a Python-only module, imported under TYPE_CHECKING, types the code and is never compiled."""
    module = load(tmp_path, {
        "record.py": "from typing import TypedDict\n\n\nclass Record(TypedDict):\n    size: int\n",
        "entry.py": '''
            """Typed."""
            from __future__ import annotations

            from typing import TYPE_CHECKING

            if TYPE_CHECKING:
                from .record import Record


            def compute(size: int) -> int:
                """Uses the record type."""
                record: Record = {"size": size}
                return record["size"]
        ''',
    }, "entry")
    compiled = compile_logic(module)
    assert compiled.functions == ["compute"] and "Record" not in compiled.js and "TYPE_CHECKING" not in compiled.js
