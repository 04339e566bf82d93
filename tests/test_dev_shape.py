"""The shape of the code (issue 14): no import circle inside calculators/ and kb/, kb depends on calculators
and never the reverse, and every exception the project defines derives from calculators.errors.ProjectError.

The import graph is read with ast from the files (imports inside functions count too: a lazy import is
still a circle), so the check needs no import side effects; the finder is tried on small synthetic
packages so it is known to fail on a circle.
"""
from __future__ import annotations

import ast
import importlib
import inspect
from collections.abc import Iterable
from pathlib import Path

import pytest

from calculators.errors import ProjectError
from tests.conftest import ROOT

PACKAGES = ("calculators", "kb")



def module_files(root: Path, packages: Iterable[str]) -> dict[str, Path]:
    """Module name → file for every .py under the packages (a package is its __init__)."""
    found: dict[str, Path] = {}
    for package in packages:
        for path in sorted((root / package).rglob("*.py")):
            parts = list(path.relative_to(root).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


def imported_modules(name: str, path: Path, known: set[str]) -> set[str]:
    """The known modules that a module imports anywhere in its file (`from p import m` counts m when it is a module)."""
    is_package = path.name == "__init__.py"
    targets: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            candidates = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".") if is_package else name.split(".")[:-1]
                base = base[: len(base) - (node.level - 1)]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            candidates = [f"{module}.{alias.name}" if f"{module}.{alias.name}" in known else module for alias in node.names]
        else:
            continue
        for candidate in candidates:
            while candidate and candidate not in known:  # `import kb.pdf.export` → kb.pdf.export; a name inside → its module
                candidate = candidate.rpartition(".")[0]
            if candidate and candidate != name:
                targets.add(candidate)
    return targets


def import_graph(root: Path, packages: Iterable[str]) -> dict[str, set[str]]:
    """Module → the modules of the same packages it imports."""
    files = module_files(root, packages)
    known = set(files)
    return {name: imported_modules(name, path, known) for name, path in files.items()}


def circles(graph: dict[str, set[str]]) -> set[frozenset[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: set[frozenset[str]] = set()
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.add(frozenset(component))
    return found


def describe(found: Iterable[frozenset[str]]) -> str:
    """One line a circle, its modules sorted."""
    return "; ".join(" <-> ".join(sorted(circle)) for circle in found)


def write_package(root: Path, files: dict[str, str]) -> None:
    """A synthetic package tree under root from {relative path: text}."""
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def test_finder_reports_a_circle_in_a_synthetic_package(tmp_path: Path) -> None:
    write_package(tmp_path, {
        "pkg/__init__.py": "",
        "pkg/a.py": "from .b import thing\n",
        "pkg/b.py": "from pkg import c\nthing = 1\n",
        "pkg/c.py": "def late():\n    from .a import thing  # a lazy import closes the circle too\n    return thing\n",
        "pkg/d.py": "import pkg.a\n",
        "other/__init__.py": "",
        "other/x.py": "from pkg.d import pkg\n",
    })
    graph = import_graph(tmp_path, ("pkg", "other"))
    assert graph["pkg.a"] == {"pkg.b"} and graph["pkg.b"] == {"pkg.c"} and graph["pkg.c"] == {"pkg.a"}
    assert graph["other.x"] == {"pkg.d"}
    assert circles(graph) == {frozenset({"pkg.a", "pkg.b", "pkg.c"})}


def test_finder_reports_nothing_without_a_circle(tmp_path: Path) -> None:
    write_package(tmp_path, {
        "pkg/__init__.py": "from .a import top\n",
        "pkg/a.py": "from .b import low\n\ndef top():\n    return low()\n",
        "pkg/b.py": "import json\n\ndef low():\n    return json.dumps(1)\n",
        "pkg/sub/__init__.py": "from ..b import low\n",
    })
    graph = import_graph(tmp_path, ("pkg",))
    assert graph["pkg.sub"] == {"pkg.b"}
    assert circles(graph) == set()


def test_no_new_import_circle_in_calculators_and_kb() -> None:
    new = circles(import_graph(ROOT, PACKAGES))
    assert not new, f"import circle(s): {describe(new)}"


def test_calculators_never_import_kb() -> None:
    graph = import_graph(ROOT, PACKAGES)
    upward = sorted(f"{name} -> {target}" for name, targets in graph.items() if name.startswith("calculators")
                    for target in targets if target.startswith("kb"))
    assert not upward, f"calculators/ must not depend on kb/: {upward}"


def project_exceptions() -> list[type[BaseException]]:
    """Every exception class defined in calculators/ and kb/ (modules that define a class are imported)."""
    found: list[type[BaseException]] = []
    for name, path in module_files(ROOT, PACKAGES).items():
        if not any(isinstance(node, ast.ClassDef) for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))):
            continue  # nothing to find (and calculators/__main__.py runs the CLI when imported)
        module = importlib.import_module(name)
        found += [value for value in vars(module).values()
                  if inspect.isclass(value) and issubclass(value, BaseException) and value.__module__ == name]
    return found


def test_every_project_exception_derives_from_the_root() -> None:
    found = project_exceptions()
    names = {klass.__name__ for klass in found}
    assert {"CalcError", "FieldError", "DeclarationError", "SubsetError", "OptionError", "DirectiveError", "PdfExportError"} <= names
    assert len(found) >= 20, sorted(names)
    outside = sorted(f"{klass.__module__}.{klass.__name__}" for klass in found if not issubclass(klass, ProjectError))
    assert not outside, f"not derived from calculators.errors.ProjectError: {outside}"


@pytest.mark.parametrize(("name", "base"), [
    ("calculators.fields.DeclarationError", ValueError), ("kb.options.OptionError", ValueError),
    ("kb.pdf.export.PdfExportError", RuntimeError), ("kb.directives.DirectiveError", ValueError),
])
def test_standard_bases_are_kept(name: str, base: type[BaseException]) -> None:
    module, _, class_name = name.rpartition(".")
    assert issubclass(getattr(importlib.import_module(module), class_name), base)
