"""Compile a calculator's logic module (a small, whitelisted Python subset) to JavaScript.

Only functions reachable from the entry function are compiled. A logic module may
import functions and UPPER_CASE constants from modules of its own calculator package
(`from .slots import build_partitions`): jsgen follows each such name to the module
that defines it and compiles that module's reachable code too, every module once, in
dependency order, into one JavaScript namespace (so a name defined in two followed
modules is refused). Python-only helpers (names a module uses only at import time to
build constants) are never followed. Every construct
outside the subset raises SubsetError('calculators/x.py:LINE: reason'), which
fails the build. Semantics that differ between the languages go through runtime
helpers (`K.div`, `K.mod`, `K.at`, `K.truthy` …) that behave like Python and
throw where Python raises; light static typing (annotations, literals) lets
plain operators through where they are safe. docs-dev/calculators.md lists the subset.
"""
from __future__ import annotations

import ast
import importlib
import inspect
import json
import math
import re
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

from . import runtime
from .errors import ProjectError

NUM, INT, STR, BOOL, LIST, DICT, NONE = "num", "int", "str", "bool", "list", "dict", "none"
PRIMITIVE = {NUM, INT, STR, BOOL, NONE}
NUMERIC = {NUM, INT}

JS_RESERVED = {
    "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete", "do", "else", "enum",
    "export", "extends", "false", "finally", "for", "function", "if", "implements", "import", "in", "instanceof",
    "interface", "let", "new", "null", "package", "private", "protected", "public", "return", "static", "super",
    "switch", "this", "throw", "true", "try", "typeof", "var", "void", "while", "with", "yield", "await",
    "arguments", "eval", "undefined", "NaN", "Infinity", "K", "Math", "Object", "Array", "String", "Number", "JSON",
    "window", "document"
}

# name → (JS expression, result type, (min args, max args))
BUILTINS: dict[str, tuple[str, str | None, tuple[int, int]]] = {
    "len": ("K.len", INT, (1, 1)),
    "abs": ("Math.abs", NUM, (1, 1)),
    "min": ("K.min", NUM, (1, 99)),
    "max": ("K.max", NUM, (1, 99)),
    "int": ("K.int", INT, (1, 1)),
    "float": ("K.float", NUM, (1, 1)),
    "range": ("K.range", LIST, (1, 3)),
    "enumerate": ("K.enumerate", LIST, (1, 2)),
    "zip": ("K.zip", LIST, (2, 2)),
    "sorted": ("K.sorted", LIST, (1, 1)),
    "list": ("K.list", LIST, (1, 1)),
}
BANNED_BUILTINS = {
    "round": ("round() is banker's rounding in Python and half-up in JavaScript: use fmt_fixed(x, n) to show a number, "
              "round_half_away(x, n) for a value"),
    "str": "str() of a float differs ('3.0' vs '3'): use fmt_fixed/fmt_number, or an f-string field of a str/int",
    "print": "calculator logic is pure: return values instead of printing",
    "format": "use an f-string with a supported spec or fmt_fixed",
    "sum": "sum() of floats adds left to right on Python 3.11 and with compensation on 3.12+, so no JavaScript twin "
           "agrees with both: add in a for loop (total = total + x)",
}
MATH_FUNCTIONS: dict[str, tuple[str, str, int]] = {
    "sqrt": ("K.sqrt", NUM, 1),
    "floor": ("K.floor", INT, 1),
    "ceil": ("K.ceil", INT, 1),
    "log": ("K.log", NUM, 1),
    "log10": ("K.log10", NUM, 1),
    "exp": ("K.exp", NUM, 1),
}
MATH_CONSTANTS = {"pi": "Math.PI", "e": "Math.E"}
# method name → (JS helper taking the receiver first, result type, (min args, max args))
METHODS: dict[str, tuple[str, str | None, tuple[int, int]]] = {
    "append": ("K.append", NONE, (1, 1)),
    "extend": ("K.extend", NONE, (1, 1)),
    "get": ("K.get", None, (1, 2)),
    "keys": ("K.keys", LIST, (0, 0)),
    "values": ("K.values", LIST, (0, 0)),
    "items": ("K.items", LIST, (0, 0)),
    "upper": ("K.upper", STR, (0, 0)),
    "lower": ("K.lower", STR, (0, 0)),
    "strip": ("K.strip", STR, (0, 0)),
    "startswith": ("K.startswith", BOOL, (1, 1)),
    "endswith": ("K.endswith", BOOL, (1, 1)),
    "replace": ("K.replace", STR, (2, 2)),
    "split": ("K.split", LIST, (0, 1)),
    "join": ("K.join", STR, (1, 1)),
}
RUNTIME_TYPES = {"fmt_fixed": STR, "fmt_number": STR, "round_half_away": NUM, "index_in": INT, "lower_ascii": STR,
                 "decimal_number": INT}
FORMAT_SPEC = re.compile(r"(?:(?P<fill>.)?(?P<align>[<>^]))?(?P<zero>0)?(?P<width>[0-9]+)?(?P<type>[ds])?")
BINARY = {ast.Sub: "-", ast.Mult: "*"}
HELPER_BINARY = {ast.Div: "K.div", ast.FloorDiv: "K.fdiv", ast.Mod: "K.mod", ast.Pow: "K.pow"}
COMPARE = {ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">="}


_SAMPLE: dict[str | None, Any] = {INT: 1, NUM: 1.5, STR: "", BOOL: True}
# Text literals written often enough become one shared `var $N = "…"` (the minifier shortens the name; `$` keeps it
# apart from every Python name). A NUL never occurs raw in JSON, so it marks a placeholder safely.
TEXT_MARK = "\x00"
_TEXT_PLACEHOLDER = re.compile('"' + TEXT_MARK + "([0-9]+)" + TEXT_MARK + '"')
SHARED_NAME_COST = 3  # bytes a shared text's name costs at each use once minified (an upper bound for most)


class SubsetError(ProjectError, ValueError):
    """Python outside the compilable subset, with file:line."""


@dataclass
class Compiled:
    """A compiled logic module: its JavaScript and the entry function's parameter names."""

    js: str
    params: list[str]
    functions: list[str]
    entry_js: str = ""
    private_names: set[str] = field(default_factory=set)


@dataclass
class Scope:
    """What a function body may name: locals with types, and the module's names."""

    locals: dict[str, str | None] = field(default_factory=dict)
    temp: int = 0


def annotation_type(node: ast.expr | None) -> str | None:
    """The subset type of an annotation ('int', 'list[str]' → 'list'); None when unknown or optional."""
    if node is None:
        return None
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        try:
            node = ast.parse(node.value, mode="eval").body
        except SyntaxError:
            return None
    if isinstance(node, ast.Name):
        return {"int": INT, "float": NUM, "str": STR, "bool": BOOL, "list": LIST, "dict": DICT}.get(node.id)
    if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name):
        return {"list": LIST, "dict": DICT, "tuple": LIST}.get(node.value.id)
    return None


def element_type(node: ast.expr | None) -> str | None:
    """The item type of a 'list[str]' annotation."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        try:
            node = ast.parse(node.value, mode="eval").body
        except SyntaxError:
            return None
    if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name) and node.value.id == "list":
        return annotation_type(node.slice)
    return None


class ModuleCompiler:
    """Reads one logic module and compiles its functions; `functions` and `constants` are what its code may name
    (its own, and those resolved from its package imports), `defined` what it defines itself."""

    def __init__(self, module: ModuleType, entry: str | None = None, also: tuple[str, ...] = ()) -> None:
        self.module = module
        self.entry = entry
        self.also = also
        self.path = self._relative_path(inspect.getsourcefile(module) or "<module>")
        self.tree = ast.parse(inspect.getsource(module))
        self.functions: dict[str, ast.FunctionDef] = {}
        self.constants: dict[str, Any] = {}
        # own top-level names → line; names imported from the package → (module, line); from elsewhere → (module, line)
        self.defined: dict[str, int] = {}
        self.package_imports: dict[str, tuple[str, int]] = {}
        self.outside_imports: dict[str, tuple[str, int]] = {}
        self.runtime_names: set[str] = set()
        self.strings: list[str] | None = None  # text literals, when a PackageCompiler shares them (see text())
        self.math_alias: str | None = None
        self.element_types: dict[str, str | None] = {}
        self.current: ast.FunctionDef | None = None
        self.private: set[str] = set()
        self.entry_order: list[str] | None = None  # the entry's parameters as the caller passes them (PackageCompiler)
        self._read_module()

    @staticmethod
    def _relative_path(path: str) -> str:
        """calculators/x.py for a file inside the package."""
        marker = "/calculators/"
        return "calculators/" + path.rsplit(marker, 1)[1] if marker in path else path

    def fail(self, node: ast.AST, reason: str) -> SubsetError:
        """A SubsetError at a node's line."""
        return SubsetError(f"{self.path}:{getattr(node, 'lineno', 0)}: {reason}")

    # ----- module level -------------------------------------------------
    def _read_module(self) -> None:
        """Sort top-level statements into functions, constants and allowed imports."""
        for node in self.tree.body:
            if isinstance(node, ast.FunctionDef):
                self.functions[node.name] = node
                self.defined[node.name] = node.lineno
            elif isinstance(node, (ast.Assign, ast.AnnAssign)):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                for target in targets:
                    if not isinstance(target, ast.Name) or not re.fullmatch(r"[A-Z][A-Z0-9_]*", target.id):
                        raise self.fail(node, "module-level names must be UPPER_CASE constants (the JS gets their values)")
                    self.constants[target.id] = None
                    self.defined[target.id] = node.lineno
            elif isinstance(node, ast.ImportFrom):
                if any(alias.name == "*" for alias in node.names):
                    raise self.fail(node, f"star import from {'.' * node.level}{node.module or ''}: import each name "
                                          "(from .module import name, …), so the compiler knows where it comes from")
                is_runtime = node.module in ("runtime", "calculators.runtime") and node.level in (0, 1, 2)
                if node.level == 1 and node.module is None:
                    raise self.fail(node, "'from . import module' is not in the subset: import the names "
                                          "(from .module import name, …)")
                for alias in node.names:
                    bound = alias.asname or alias.name
                    if node.level == 1 and not is_runtime:
                        if bound != alias.name:
                            raise self.fail(node, f"import '{alias.name}' from .{node.module} under its own name: the "
                                                  "modules of a calculator package share one JavaScript namespace")
                        self.package_imports[bound] = (str(node.module), node.lineno)
                    elif is_runtime:
                        if alias.name not in runtime.__all__:
                            raise self.fail(node, f"'{alias.name}' is not a runtime helper (runtime.__all__: {', '.join(runtime.__all__)})")
                        if bound != alias.name:
                            raise self.fail(node, "import runtime helpers under their own names")
                        self.runtime_names.add(alias.name)
                    elif node.module in ("__future__", "typing"):
                        continue  # Python-only: annotations and TYPE_CHECKING
                    elif re.fullmatch(r"[A-Z][A-Z0-9_]*", bound):
                        self.constants[bound] = None  # computed in Python, its value reaches the JS
                        self.defined[bound] = node.lineno
                    else:  # a Python-only helper (for constants); compiled code naming it fails below
                        self.outside_imports[bound] = ("." * node.level + (node.module or ""), node.lineno)
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name == "math":
                        self.math_alias = alias.asname or "math"
            elif isinstance(node, (ast.ClassDef,)):
                raise self.fail(node, "classes are not in the subset (use functions and dicts)")
            elif (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)) or (
                    isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING"):
                continue
            else:
                raise self.fail(node, f"top-level {type(node).__name__} is not in the subset")
        if self.entry is not None and self.entry not in self.functions:
            raise SubsetError(f"{self.path}:1: entry function '{self.entry}' is not defined in this module")
        for name in self.package_imports:
            if name in self.defined:
                raise SubsetError(f"{self.path}:{self.defined[name]}: '{name}' is imported from "
                                  f".{self.package_imports[name][0]} and defined here too")
        for name in self.constants:
            self.constants[name] = getattr(self.module, name)

    def constant_js(self, name: str, value: Any) -> str:
        """A constant's value as JS (dicts become Maps, so key order and key types stay Python's)."""
        if isinstance(value, float) and not math.isfinite(value):
            raise SubsetError(f"{self.path}:1: constant {name} holds a non-finite number")
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 2**53 - 1:
            raise SubsetError(f"{self.path}:1: constant {name} holds an integer beyond 2**53")
        if value is None or isinstance(value, (bool, int, float, str)):
            return json.dumps(value)
        if isinstance(value, (list, tuple)):
            return "[" + ",".join(self.constant_js(name, item) for item in value) + "]"
        if isinstance(value, dict):
            for key in value:
                if isinstance(key, bool) or not isinstance(key, (str, int)):
                    raise SubsetError(f"{self.path}:1: constant {name}: dict keys must be texts or ints (got {key!r})")
            pairs = ",".join(f"[{self.constant_js(name, key)},{self.constant_js(name, item)}]" for key, item in value.items())
            return f"K.dict([{pairs}])"
        raise SubsetError(f"{self.path}:1: constant {name} is a {type(value).__name__}; "
                          "only numbers, texts, booleans, None, lists and dicts reach JS")

    def constant_type(self, name: str) -> str | None:
        """The subset type of a constant's value."""
        value = self.constants[name]
        if isinstance(value, bool):
            return BOOL
        if isinstance(value, int):
            return INT
        if isinstance(value, float):
            return NUM
        if isinstance(value, str):
            return STR
        if isinstance(value, (list, tuple)):
            return LIST
        if isinstance(value, dict):
            return DICT
        return None

    def constant_item_type(self, name: str) -> str | None:
        """The one primitive type shared by every item (list) or value (dict) of a constant, if any."""
        value = self.constants[name]
        items = list(value.values()) if isinstance(value, dict) else list(value) if isinstance(value, (list, tuple)) else []
        kinds = {BOOL if isinstance(item, bool) else INT if isinstance(item, int) else NUM if isinstance(item, float)
                 else STR if isinstance(item, str) else None for item in items}
        return kinds.pop() if len(kinds) == 1 else None

    def text(self, value: str) -> str:
        """A text literal: JSON, or (in a package compile) a placeholder that PackageCompiler.compile replaces by the
        JSON or by a shared variable when the text is written often enough to pay for one."""
        if self.strings is None:
            return json.dumps(value)
        self.strings.append(value)
        return f'"{TEXT_MARK}{len(self.strings) - 1}{TEXT_MARK}"'

    def outside_reason(self, name: str) -> str:
        """Why compiled code may not name a helper imported from outside the calculator's package."""
        module, line = self.outside_imports[name]
        return (f"'{name}' is imported from {module} (line {line}), outside this calculator's package: compiled code "
                "calls only its package's functions (from .module import name) and runtime helpers; use it in Python "
                "to compute an UPPER_CASE constant instead")

    @staticmethod
    def js_name(name: str) -> str:
        """A Python name made safe as a JS identifier."""
        return name + "_" if name in JS_RESERVED else name

    # ----- functions ----------------------------------------------------
    def function(self, node: ast.FunctionDef) -> str:
        """One function as JS."""
        self.current = node
        if node.decorator_list:
            raise self.fail(node, "decorators are not in the subset")
        arguments = node.args
        if arguments.vararg or arguments.kwarg or arguments.kwonlyargs or arguments.posonlyargs:
            raise self.fail(node, "only plain positional parameters are in the subset (no *args, **kwargs, keyword-only)")
        scope = Scope()
        self.element_types = {}
        for argument in arguments.args:
            scope.locals[argument.arg] = annotation_type(argument.annotation)
            self.element_types[argument.arg] = element_type(argument.annotation)
        self._infer_locals(node, scope)
        names = [argument.arg for argument in arguments.args]
        if self.entry_order is not None and node.name == self.entry:
            names = list(self.entry_order)
        params = [self.js_name(name) for name in names]
        body: list[str] = []
        defaults = arguments.defaults
        for argument, default in zip(arguments.args[len(arguments.args) - len(defaults):], defaults):
            body.append(f"if ({self.js_name(argument.arg)} === undefined) {self.js_name(argument.arg)} = {self.expr(default, scope)};")
        statements = node.body
        first = statements[0] if statements else None
        if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
            statements = statements[1:]
        body.extend(self.block(statements, scope, 1))
        declared = [self.js_name(name) for name in scope.locals if name not in {argument.arg for argument in arguments.args}]
        temps = [f"_t{number}" for number in range(scope.temp)]
        self.private |= {self.js_name(name) for name in scope.locals} | set(temps)
        var_line = f"  var {', '.join(declared + temps)};\n" if declared or temps else ""
        # an arrow function (shorter once minified); not hoisted, which compiled code never needs: module code only
        # defines constants and functions, and the first call comes after the whole module has run
        return f"var {self.js_name(node.name)} = ({', '.join(params)}) => {{\n{var_line}" + "\n".join(body) + "\n};"

    def _infer_locals(self, node: ast.FunctionDef, scope: Scope) -> None:
        """Find every local name and give it a type where all its assignments agree."""
        parameters = {argument.arg for argument in node.args.args}
        sources: dict[str, list[ast.expr | str | None]] = {}
        updates: dict[str, list[tuple[ast.operator, ast.expr]]] = {}
        annotated: set[str] = set()
        for child in ast.walk(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)) and child is not node:
                raise self.fail(child, "nested functions, lambdas and classes are not in the subset")
            if isinstance(child, (ast.Global, ast.Nonlocal)):
                raise self.fail(child, "global/nonlocal are not in the subset")
            if isinstance(child, ast.AnnAssign) and isinstance(child.target, ast.Name):
                scope.locals[child.target.id] = annotation_type(child.annotation)
                self.element_types[child.target.id] = element_type(child.annotation)
                annotated.add(child.target.id)
            elif isinstance(child, ast.Assign):
                for target in child.targets:
                    for name in self._target_names(target):
                        sources.setdefault(name, []).append(child.value if isinstance(target, ast.Name) else None)
            elif isinstance(child, ast.AugAssign) and isinstance(child.target, ast.Name):
                updates.setdefault(child.target.id, []).append((child.op, child.value))
            elif isinstance(child, ast.For):
                types = self._loop_target_types(child)
                for name in self._target_names(child.target):
                    sources.setdefault(name, []).append(types.get(name))
        for name in list(sources) + list(updates):
            if name not in parameters and name not in annotated:
                scope.locals.setdefault(name, None)
        for _ in range(3):
            for name in scope.locals:
                if name in parameters or name in annotated:
                    continue
                kinds = {value if isinstance(value, str) or value is None else self.type_of(value, scope) for value in sources.get(name, [])}
                base = kinds.pop() if len(kinds) == 1 else NUM if kinds == NUMERIC else None
                kinds = {base}
                for operator, value in updates.get(name, []):
                    probe = ast.BinOp(left=ast.Constant(value=_SAMPLE.get(base)), op=operator, right=value)
                    kinds.add(self.type_of(probe, scope) if base in _SAMPLE else None)
                scope.locals[name] = kinds.pop() if len(kinds) == 1 else NUM if kinds == NUMERIC else None

    def _sequence_item_type(self, node: ast.expr) -> str | None:
        """The item type of an iterable expression: range → int, an annotated list, a constant list, a str."""
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "range":
            return INT
        if isinstance(node, ast.Name):
            if node.id in self.constants and isinstance(self.constants[node.id], (list, tuple)):
                return self.constant_item_type(node.id)
            if node.id in self.constants and isinstance(self.constants[node.id], str):
                return STR
            return self.element_types.get(node.id)
        return None

    def _loop_target_types(self, loop: ast.For) -> dict[str, str | None]:
        """Types of the names a for loop binds (plain, enumerate, zip, constant dict .items/.keys/.values)."""
        target, iterator = loop.target, loop.iter
        if isinstance(target, ast.Name):
            if isinstance(iterator, ast.Call) and isinstance(iterator.func, ast.Attribute) and isinstance(iterator.func.value, ast.Name):
                owner = iterator.func.value.id
                if owner in self.constants and isinstance(self.constants[owner], dict):
                    keys = {STR if isinstance(key, str) else INT for key in self.constants[owner]}
                    if iterator.func.attr == "keys":
                        return {target.id: keys.pop() if len(keys) == 1 else None}
                    if iterator.func.attr == "values":
                        return {target.id: self.constant_item_type(owner)}
            return {target.id: self._sequence_item_type(iterator)}
        if not (isinstance(target, ast.Tuple) and len(target.elts) == 2 and all(isinstance(item, ast.Name) for item in target.elts)):
            return {}
        first, second = (item.id for item in target.elts)  # type: ignore[attr-defined]
        if isinstance(iterator, ast.Call) and isinstance(iterator.func, ast.Name) and iterator.args:
            if iterator.func.id == "enumerate":
                return {first: INT, second: self._sequence_item_type(iterator.args[0])}
            if iterator.func.id == "zip" and len(iterator.args) == 2:
                return {first: self._sequence_item_type(iterator.args[0]), second: self._sequence_item_type(iterator.args[1])}
        if (isinstance(iterator, ast.Call) and isinstance(iterator.func, ast.Attribute) and iterator.func.attr == "items"
                and isinstance(iterator.func.value, ast.Name)):
            owner = iterator.func.value.id
            if owner in self.constants and isinstance(self.constants[owner], dict):
                keys = {STR if isinstance(key, str) else INT for key in self.constants[owner]}
                return {first: keys.pop() if len(keys) == 1 else None, second: self.constant_item_type(owner)}
        return {}

    def _target_names(self, target: ast.expr) -> list[str]:
        """Names bound by an assignment or loop target."""
        if isinstance(target, ast.Name):
            return [target.id]
        if isinstance(target, (ast.Tuple, ast.List)):
            return [name for item in target.elts for name in self._target_names(item)]
        if isinstance(target, ast.Subscript):
            return []
        raise self.fail(target, f"cannot assign to {type(target).__name__}")

    # ----- statements ---------------------------------------------------
    def block(self, statements: list[ast.stmt], scope: Scope, depth: int) -> list[str]:
        """A list of statements, indented."""
        lines: list[str] = []
        for statement in statements:
            lines.extend(self.statement(statement, scope, depth))
        return lines

    def statement(self, node: ast.stmt, scope: Scope, depth: int) -> list[str]:
        """One statement as JS lines."""
        pad = "  " * depth
        if isinstance(node, ast.Return):
            return [f"{pad}return {self.expr(node.value, scope) if node.value is not None else 'null'};"]
        if isinstance(node, ast.Assign):
            if len(node.targets) != 1:
                raise self.fail(node, "chained assignment (a = b = 1) is not in the subset")
            return self.assign(node.targets[0], self.expr(node.value, scope), scope, pad)
        if isinstance(node, ast.AnnAssign):
            if node.value is None:
                return []
            return self.assign(node.target, self.expr(node.value, scope), scope, pad)
        if isinstance(node, ast.AugAssign):
            combined = ast.BinOp(left=self._load(node.target), op=node.op, right=node.value)
            ast.copy_location(combined, node)
            return self.assign(node.target, self.expr(combined, scope), scope, pad)
        if isinstance(node, ast.If):
            lines = [f"{pad}if ({self.condition(node.test, scope)}) {{"]
            lines += self.block(node.body, scope, depth + 1)
            orelse = node.orelse
            while len(orelse) == 1 and isinstance(orelse[0], ast.If):
                lines.append(f"{pad}}} else if ({self.condition(orelse[0].test, scope)}) {{")
                lines += self.block(orelse[0].body, scope, depth + 1)
                orelse = orelse[0].orelse
            if orelse:
                lines.append(f"{pad}}} else {{")
                lines += self.block(orelse, scope, depth + 1)
            lines.append(f"{pad}}}")
            return lines
        if isinstance(node, ast.For):
            if node.orelse:
                raise self.fail(node, "for … else is not in the subset")
            # for-of walks an array by index as Python walks a list (items appended meanwhile are visited)
            sequence = self.expr(node.iter, scope)
            if not self._makes_array(node.iter, sequence):
                sequence = f"K.iter({sequence})"
            if isinstance(node.target, ast.Name):
                lines = [f"{pad}for ({self.js_name(node.target.id)} of {sequence}) {{"]
            else:
                item = f"_t{scope.temp}"
                scope.temp += 1
                lines = [f"{pad}for ({item} of {sequence}) {{", *self.assign(node.target, item, scope, pad + "  ")]
            lines += self.block(node.body, scope, depth + 1)
            lines.append(f"{pad}}}")
            return lines
        if isinstance(node, ast.Break):
            return [f"{pad}break;"]
        if isinstance(node, ast.Continue):
            return [f"{pad}continue;"]
        if isinstance(node, ast.Pass):
            return []
        if isinstance(node, ast.Raise):
            return [f"{pad}throw {self.raise_expr(node, scope)};"]
        if isinstance(node, ast.Expr):
            if isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
                return []
            if not isinstance(node.value, ast.Call):
                raise self.fail(node, "an expression statement must be a call (e.g. rows.append(row))")
            return [f"{pad}{self.expr(node.value, scope)};"]
        if isinstance(node, ast.While):
            raise self.fail(node, "while loops are not in the subset: use for … in range(…)")
        raise self.fail(node, f"{type(node).__name__} statements are not in the subset")

    def _load(self, target: ast.expr) -> ast.expr:
        """The load form of an assignment target (for augmented assignment)."""
        if isinstance(target, ast.Name):
            return ast.copy_location(ast.Name(id=target.id, ctx=ast.Load()), target)
        if isinstance(target, ast.Subscript):
            return ast.copy_location(ast.Subscript(value=target.value, slice=target.slice, ctx=ast.Load()), target)
        raise self.fail(target, "augmented assignment needs a name or an item")

    def _makes_array(self, node: ast.expr, js: str) -> bool:
        """True when the loop's sequence is certainly a JS array already (a list display, or a runtime helper that
        returns a new array: range, enumerate, zip, sorted, list, .keys(), .values(), .items(), .split()), so the
        loop needs no K.iter; any other value (a name, a function's result) goes through K.iter as before."""
        if isinstance(node, ast.List):
            return js.startswith("[")
        if not isinstance(node, ast.Call):
            return False
        function = node.func
        if isinstance(function, ast.Name) and function.id in ("range", "enumerate", "zip", "sorted", "list") and function.id not in self.functions:
            return js.startswith(f"{BUILTINS[function.id][0]}(")
        if isinstance(function, ast.Attribute) and function.attr in ("keys", "values", "items", "split"):
            return js.startswith(f"{METHODS[function.attr][0]}(")
        return False

    def assign(self, target: ast.expr, value_js: str, scope: Scope, pad: str) -> list[str]:
        """Assign JS value code to a Python target (name, item, or tuple unpacking)."""
        if isinstance(target, ast.Name):
            return [f"{pad}{self.js_name(target.id)} = {value_js};"]
        if isinstance(target, ast.Subscript):
            if isinstance(target.slice, ast.Slice):
                raise self.fail(target, "slice assignment is not in the subset")
            return [f"{pad}K.setitem({self.expr(target.value, scope)}, {self.expr(target.slice, scope)}, {value_js});"]
        if isinstance(target, (ast.Tuple, ast.List)):
            temp = f"_t{scope.temp}"
            scope.temp += 1
            lines = [f"{pad}{temp} = K.unpack({value_js}, {len(target.elts)});"]
            for position, item in enumerate(target.elts):
                lines += self.assign(item, f"{temp}[{position}]", scope, pad)
            return lines
        raise self.fail(target, f"cannot assign to {type(target).__name__}")

    def raise_expr(self, node: ast.Raise, scope: Scope) -> str:
        """`raise CalcError(key, message[, field])` → a thrown K.CalcError."""
        call = node.exc
        if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id == "CalcError" and "CalcError" in self.runtime_names):
            raise self.fail(node, "only `raise CalcError(key, message, field)` is in the subset")
        arguments = self._positional(call, ["key", "message", "field"], 2, scope)
        return f"new K.CalcError({', '.join(arguments)})"

    def _positional(self, call: ast.Call, names: list[str], required: int, scope: Scope) -> list[str]:
        """Arguments of a call in parameter order (keywords mapped by name; a gap becomes undefined)."""
        if any(isinstance(argument, ast.Starred) for argument in call.args) or any(keyword.arg is None for keyword in call.keywords):
            raise self.fail(call, "*args and **kwargs in calls are not in the subset")
        if len(call.args) > len(names):
            raise self.fail(call, f"too many arguments (at most {len(names)})")
        values: list[str | None] = [self.expr(argument, scope) for argument in call.args]
        values += [None] * (len(names) - len(values))
        for keyword in call.keywords:
            if keyword.arg not in names:
                raise self.fail(call, f"unknown keyword argument '{keyword.arg}'")
            position = names.index(keyword.arg)
            if values[position] is not None:
                raise self.fail(call, f"argument '{keyword.arg}' given twice")
            values[position] = self.expr(keyword.value, scope)
        if any(value is None for value in values[:required]):
            raise self.fail(call, f"missing arguments (needs {', '.join(names[:required])})")
        while values and values[-1] is None:
            values.pop()
        return [value if value is not None else "undefined" for value in values]

    # ----- expressions --------------------------------------------------
    def condition(self, node: ast.expr, scope: Scope) -> str:
        """A test: booleans as they are, anything else through Python truthiness."""
        code = self.expr(node, scope)
        return code if self.type_of(node, scope) == BOOL else f"K.truthy({code})"

    def type_of(self, node: ast.expr, scope: Scope) -> str | None:
        """The static subset type of an expression, or None when unknown."""
        if isinstance(node, ast.Constant):
            value = node.value
            return (BOOL if isinstance(value, bool) else INT if isinstance(value, int) else NUM if isinstance(value, float)
                    else STR if isinstance(value, str) else NONE if value is None else None)
        if isinstance(node, ast.Name):
            if node.id in scope.locals:
                return scope.locals[node.id]
            if node.id in self.constants:
                return self.constant_type(node.id)
            return None
        if isinstance(node, (ast.Compare, ast.BoolOp)) or (isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not)):
            return BOOL
        if isinstance(node, ast.UnaryOp):
            return self.type_of(node.operand, scope)
        if isinstance(node, ast.JoinedStr):
            return STR
        if isinstance(node, (ast.List, ast.Tuple)):
            return LIST
        if isinstance(node, ast.Dict):
            return DICT
        if isinstance(node, ast.IfExp):
            body, orelse = self.type_of(node.body, scope), self.type_of(node.orelse, scope)
            return body if body == orelse else NUM if {body, orelse} == NUMERIC else None
        if isinstance(node, ast.BinOp):
            left, right = self.type_of(node.left, scope), self.type_of(node.right, scope)
            if isinstance(node.op, ast.Add) and left == right and left in (STR, LIST):
                return left
            if left in NUMERIC and right in NUMERIC:
                if isinstance(node.op, (ast.Add, ast.Sub, ast.Mult, ast.FloorDiv, ast.Mod)) and left == right == INT:
                    return INT
                return NUM
            return None
        if isinstance(node, ast.Call):
            function = node.func
            if isinstance(function, ast.Name):
                if function.id in self.functions:
                    return annotation_type(self.functions[function.id].returns)
                if function.id in BUILTINS:
                    kind = BUILTINS[function.id][1]
                    if function.id in ("min", "max", "abs") and node.args and all(
                            self.type_of(argument, scope) == INT for argument in node.args):
                        return INT
                    return kind
                if function.id in RUNTIME_TYPES:
                    return RUNTIME_TYPES[function.id]
            if isinstance(function, ast.Attribute):
                if isinstance(function.value, ast.Name) and function.value.id == self.math_alias and function.attr in MATH_FUNCTIONS:
                    return MATH_FUNCTIONS[function.attr][1]
                if function.attr in METHODS:
                    return METHODS[function.attr][1]
            return None
        if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name):
            if isinstance(node.slice, ast.Slice):
                return self.type_of(node.value, scope)
            if node.value.id in self.constants and node.value.id not in scope.locals:
                return self.constant_item_type(node.value.id)
            return self.element_types.get(node.value.id)
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == self.math_alias:
            return NUM
        return None

    def expr(self, node: ast.expr, scope: Scope) -> str:
        """One expression as JS."""
        if isinstance(node, ast.Constant):
            return self.constant(node)
        if isinstance(node, ast.Name):
            if node.id in scope.locals or node.id in self.constants or node.id in self.functions:
                return self.js_name(node.id)
            if node.id in self.outside_imports:
                raise self.fail(node, self.outside_reason(node.id))
            raise self.fail(node, f"name '{node.id}' is not a local, a module constant or a function of this module")
        if isinstance(node, ast.BinOp):
            return self.binary(node, scope)
        if isinstance(node, ast.UnaryOp):
            if isinstance(node.op, ast.Not):
                if self.type_of(node.operand, scope) != BOOL:
                    return f"!{self.condition(node.operand, scope)}"
                return f"!({self.expr(node.operand, scope)})"
            if isinstance(node.op, ast.USub):
                return f"(-{self.expr(node.operand, scope)})"
            if isinstance(node.op, ast.UAdd):
                return f"(+{self.expr(node.operand, scope)})"
            raise self.fail(node, "bitwise ~ is not in the subset")
        if isinstance(node, ast.BoolOp):
            operator = " && " if isinstance(node.op, ast.And) else " || "
            for value in node.values:
                if self.type_of(value, scope) != BOOL:
                    raise self.fail(value, "and/or need true/false operands: write an explicit comparison (x != '', len(xs) > 0)")
            return "(" + operator.join(self.expr(value, scope) for value in node.values) + ")"
        if isinstance(node, ast.Compare):
            return self.compare(node, scope)
        if isinstance(node, ast.IfExp):
            return f"({self.condition(node.test, scope)} ? {self.expr(node.body, scope)} : {self.expr(node.orelse, scope)})"
        if isinstance(node, (ast.List, ast.Tuple)):
            if any(isinstance(item, ast.Starred) for item in node.elts):
                raise self.fail(node, "* unpacking in a list is not in the subset")
            return "[" + ", ".join(self.expr(item, scope) for item in node.elts) + "]"
        if isinstance(node, ast.Dict):
            pairs = []
            for key, value in zip(node.keys, node.values):
                if key is None or not (isinstance(key, ast.Constant) and isinstance(key.value, str)) or key.value == "__proto__":
                    raise self.fail(node, "dict literal keys must be text constants")
                pairs.append(f"[{self.text(key.value)}, {self.expr(value, scope)}]")
            return "K.dict([" + ", ".join(pairs) + "])"
        if isinstance(node, ast.Subscript):
            if isinstance(node.slice, ast.Slice):
                if node.slice.step is not None:
                    raise self.fail(node, "slices with a step are not in the subset")
                lower = self.expr(node.slice.lower, scope) if node.slice.lower is not None else "null"
                upper = self.expr(node.slice.upper, scope) if node.slice.upper is not None else "null"
                return f"K.slice({self.expr(node.value, scope)}, {lower}, {upper})"
            return f"K.at({self.expr(node.value, scope)}, {self.expr(node.slice, scope)})"
        if isinstance(node, ast.JoinedStr):
            return self.fstring(node, scope)
        if isinstance(node, ast.Call):
            return self.call(node, scope)
        if isinstance(node, ast.Attribute):
            if isinstance(node.value, ast.Name) and node.value.id == self.math_alias and node.attr in MATH_CONSTANTS:
                return MATH_CONSTANTS[node.attr]
            raise self.fail(node, f"attribute '.{node.attr}' is not in the subset (math.pi and math.e are)")
        raise self.fail(node, f"{type(node).__name__} expressions are not in the subset")

    def constant(self, node: ast.Constant) -> str:
        """A literal."""
        value = node.value
        if value is None:
            return "null"
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, int):
            if abs(value) > 2**53 - 1:
                raise self.fail(node, "integers beyond 2**53 are not exact in JavaScript")
            return str(value)
        if isinstance(value, float):
            return repr(value)
        if isinstance(value, str):
            return self.text(value)
        raise self.fail(node, f"{type(value).__name__} literals are not in the subset")

    def binary(self, node: ast.BinOp, scope: Scope) -> str:
        """Arithmetic with Python's meaning."""
        left, right = self.expr(node.left, scope), self.expr(node.right, scope)
        left_type, right_type = self.type_of(node.left, scope), self.type_of(node.right, scope)
        if isinstance(node.op, ast.Add):
            if (left_type in NUMERIC and right_type in NUMERIC) or left_type == right_type == STR:
                return f"({left} + {right})"
            if {left_type, right_type} & {STR} and {left_type, right_type} & NUMERIC:
                raise self.fail(node, "text + number: use an f-string with fmt_fixed/fmt_number")
            return f"K.add({left}, {right})"
        if isinstance(node.op, (ast.Sub, ast.Mult)):
            for kind in (left_type, right_type):
                if kind in (STR, LIST, DICT, BOOL, NONE):
                    raise self.fail(node, f"'{'-' if isinstance(node.op, ast.Sub) else '*'}' works on numbers only in the subset")
            return f"({left} {BINARY[type(node.op)]} {right})"
        if isinstance(node.op, ast.Div) and self.nonzero_constant(node.right, scope) and left_type in NUMERIC:
            return f"({left} / {right})"
        if type(node.op) in HELPER_BINARY:
            for kind in (left_type, right_type):
                if kind in (STR, LIST, DICT, BOOL, NONE):
                    raise self.fail(node, "this operator works on numbers only in the subset ('%' formatting of text is not in it: use f-strings)")
            return f"{HELPER_BINARY[type(node.op)]}({left}, {right})"
        raise self.fail(node, f"operator {type(node.op).__name__} is not in the subset")

    def nonzero_constant(self, node: ast.expr, scope: Scope) -> bool:
        """True for a divisor that is a non-zero number literal or module constant (no check needed)."""
        value: Any = None
        if isinstance(node, ast.Constant):
            value = node.value
        elif isinstance(node, ast.Name) and node.id in self.constants and node.id not in scope.locals:
            value = self.constants[node.id]
        return isinstance(value, (int, float)) and not isinstance(value, bool) and value != 0

    def compare(self, node: ast.Compare, scope: Scope) -> str:
        """Comparisons, chained with &&; `in` and `==` on containers through helpers."""
        parts = []
        left_node = node.left
        for operator, right_node in zip(node.ops, node.comparators):
            left, right = self.expr(left_node, scope), self.expr(right_node, scope)
            if isinstance(operator, (ast.Is, ast.IsNot)):
                if not (isinstance(right_node, ast.Constant) and right_node.value is None):
                    raise self.fail(node, "`is` is only in the subset as `is None` / `is not None`")
                parts.append(f"({left} {'===' if isinstance(operator, ast.Is) else '!=='} null)")
            elif isinstance(operator, (ast.Eq, ast.NotEq)):
                types = {self.type_of(left_node, scope), self.type_of(right_node, scope)}
                negate = isinstance(operator, ast.NotEq)
                if types & PRIMITIVE:
                    parts.append(f"({left} {'!==' if negate else '==='} {right})")
                else:
                    parts.append(f"{'!' if negate else ''}K.eq({left}, {right})")
            elif isinstance(operator, (ast.In, ast.NotIn)):
                parts.append(f"{'!' if isinstance(operator, ast.NotIn) else ''}K.contains({right}, {left})")
            elif type(operator) in COMPARE:
                for kind in (self.type_of(left_node, scope), self.type_of(right_node, scope)):
                    if kind in (LIST, DICT, NONE, BOOL):
                        raise self.fail(node, "ordering comparisons work on numbers and texts only")
                parts.append(f"({left} {COMPARE[type(operator)]} {right})")
            else:
                raise self.fail(node, f"comparison {type(operator).__name__} is not in the subset")
            left_node = right_node
        return parts[0] if len(parts) == 1 else "(" + " && ".join(parts) + ")"

    def fstring(self, node: ast.JoinedStr, scope: Scope) -> str:
        """f-strings: text fields as they are, int fields exact, numbers only through a spec or a helper."""
        pieces: list[str] = []
        for value in node.values:
            if isinstance(value, ast.Constant):
                pieces.append(self.text(str(value.value)))
                continue
            assert isinstance(value, ast.FormattedValue)
            if value.conversion != -1:
                raise self.fail(node, "!r/!s/!a conversions are not in the subset")
            inner = self.expr(value.value, scope)
            kind = self.type_of(value.value, scope)
            if value.format_spec is not None:
                spec_node = value.format_spec
                if not (isinstance(spec_node, ast.JoinedStr) and all(isinstance(part, ast.Constant) for part in spec_node.values)):
                    raise self.fail(node, "nested format specs are not in the subset")
                spec = "".join(str(part.value) for part in spec_node.values)  # type: ignore[attr-defined]
                matched = FORMAT_SPEC.fullmatch(spec)
                if not matched:
                    raise self.fail(node, f"format spec ':{spec}' is not in the subset "
                                          "(fill/align, 0, width, and d or s; for decimals use fmt_fixed)")
                if matched.group("type") is None and kind not in (STR, INT):
                    raise self.fail(node, f"f-string field with ':{spec}' needs a text or int (annotate it), or add 'd'")
                # the two bare specs have helpers of their own (shorter calls; K.fmt only where a width is used)
                pieces.append(f"K.fmt_{spec}({inner})" if spec in ("d", "s") else f"K.fmt({inner}, {json.dumps(spec)})")
            elif kind == STR:
                pieces.append(f"({inner})")
            elif kind == INT:
                pieces.append(f"K.istr({inner})")
            else:
                raise self.fail(node, "f-string field needs a text or an int (annotated), or a format: use fmt_fixed(x, 1), fmt_number(x) or {x:d}")
        if not pieces:
            return '""'
        # a leading "" only when no text is certain among the first two pieces: a + joins as text as soon as
        # one side is text (a literal, K.istr, K.fmt…); one piece alone keeps it (f"{x}" is a new text)
        text_certain = len(pieces) > 1 and any(piece.startswith(('"', "K.istr(", "K.fmt(", "K.fmt_d(", "K.fmt_s(")) for piece in pieces[:2])
        if not text_certain and not pieces[0].startswith('"'):
            pieces.insert(0, '""')
        return "(" + " + ".join(pieces) + ")"

    def call(self, node: ast.Call, scope: Scope) -> str:
        """Calls: module functions, runtime helpers, allowed builtins, math, methods."""
        function = node.func
        if isinstance(function, ast.Name):
            name = function.id
            if name in self.functions:
                target = self.functions[name]
                names = [argument.arg for argument in target.args.args]
                required = len(names) - len(target.args.defaults)
                return f"{self.js_name(name)}({', '.join(self._positional(node, names, required, scope))})"
            if name in self.runtime_names:
                if name == "CalcError":
                    raise self.fail(node, "CalcError is only used in `raise CalcError(...)`")
                helper = getattr(runtime, name)
                parameters = list(inspect.signature(helper).parameters.values())
                names = [parameter.name for parameter in parameters]
                required = sum(1 for parameter in parameters if parameter.default is inspect.Parameter.empty)
                return f"K.{name}({', '.join(self._positional(node, names, required, scope))})"
            if name in self.outside_imports:
                raise self.fail(node, self.outside_reason(name))
            if name in BANNED_BUILTINS:
                raise self.fail(node, BANNED_BUILTINS[name])
            if name in BUILTINS:
                js, _, (low, high) = BUILTINS[name]
                if node.keywords and not (name == "enumerate" and [keyword.arg for keyword in node.keywords] == ["start"]):
                    raise self.fail(node, f"keyword arguments to {name}() are not in the subset")
                arguments = [self.expr(argument, scope) for argument in node.args] + [self.expr(keyword.value, scope) for keyword in node.keywords]
                if not low <= len(arguments) <= high:
                    raise self.fail(node, f"{name}() takes {low}–{high} arguments in the subset")
                return f"{js}({', '.join(arguments)})"
            raise self.fail(node, f"call of '{name}' is not in the subset (module functions, runtime helpers, {', '.join(sorted(BUILTINS))})")
        if isinstance(function, ast.Attribute):
            if isinstance(function.value, ast.Name) and function.value.id == self.math_alias:
                if function.attr not in MATH_FUNCTIONS:
                    raise self.fail(node, f"math.{function.attr} is not in the subset (allowed: {', '.join(sorted(MATH_FUNCTIONS))})")
                js, _, count = MATH_FUNCTIONS[function.attr]
                if len(node.args) != count or node.keywords:
                    raise self.fail(node, f"math.{function.attr}() takes {count} argument(s) in the subset")
                return f"{js}({', '.join(self.expr(argument, scope) for argument in node.args)})"
            if function.attr in METHODS:
                js, _, (low, high) = METHODS[function.attr]
                if node.keywords or not low <= len(node.args) <= high:
                    raise self.fail(node, f".{function.attr}() takes {low}–{high} positional arguments in the subset")
                receiver = self.expr(function.value, scope)
                return f"{js}({', '.join([receiver] + [self.expr(argument, scope) for argument in node.args])})"
            raise self.fail(node, f"method .{function.attr}() is not in the subset (allowed: {', '.join(sorted(METHODS))})")
        raise self.fail(node, "only calls of names and methods are in the subset")


class PackageCompiler:
    """Compiles a logic module and what it imports from its calculator package: every reachable function and used
    constant once, module by module in dependency order, into one JavaScript namespace."""

    def __init__(self, module: ModuleType, entry: str, also: tuple[str, ...] = (), entry_order: list[str] | None = None) -> None:
        self.root = ModuleCompiler(module, entry, also)
        self.entry_order = entry_order
        self.strings: list[str] = []
        self.root.strings = self.strings
        self.modules: dict[str, ModuleCompiler] = {module.__name__: self.root}
        self.owners: dict[str, ModuleCompiler] = {}
        self.uses: dict[str, list[str]] = {module.__name__: []}
        self._claim(self.root)

    def _claim(self, compiler: ModuleCompiler) -> None:
        """Record the names a module defines; refuse one already defined by another followed module."""
        for name, line in compiler.defined.items():
            other = self.owners.get(name)
            if other is not None and other is not compiler:
                raise SubsetError(f"{compiler.path}:{line}: '{name}' is also defined in {other.path}:{other.defined[name]}; "
                                  "the modules of a calculator package compile into one JavaScript namespace: rename one")
            self.owners[name] = compiler

    def _sibling(self, compiler: ModuleCompiler, name: str) -> ModuleCompiler:
        """The compiler of the package module that `compiler` imports `name` from (read once)."""
        module_name, line = compiler.package_imports[name]
        package = compiler.module.__package__ or ""
        full = f"{package}.{module_name}" if package else module_name
        if full not in self.modules:
            try:
                module = importlib.import_module(full)
            except ImportError as error:
                raise SubsetError(f"{compiler.path}:{line}: cannot import .{module_name}: {error}") from error
            sibling = ModuleCompiler(module)
            sibling.strings = self.strings
            self.modules[full] = sibling
            self.uses[full] = []
            self._claim(sibling)
        return self.modules[full]

    def resolve(self, compiler: ModuleCompiler, name: str, chain: tuple[str, ...] = ()) -> ModuleCompiler | None:
        """The module defining a top-level name that `compiler`'s code uses (None: a local, builtin or other name);
        an imported name becomes visible to `compiler` with its definition."""
        if name in compiler.defined:
            return compiler
        if name not in compiler.package_imports:
            return None
        if compiler.path in chain:
            raise SubsetError(f"{compiler.path}:{compiler.package_imports[name][1]}: '{name}' is imported in a circle")
        target = self._sibling(compiler, name)
        owner = self.resolve(target, name, (*chain, compiler.path))
        if owner is None:
            raise SubsetError(f"{compiler.path}:{compiler.package_imports[name][1]}: '{name}' is not a function or "
                              f"an UPPER_CASE constant of {target.path}")
        if name in owner.functions and name not in owner.constants:
            compiler.functions[name] = owner.functions[name]
        else:
            compiler.constants[name] = owner.constants[name]
        edges = self.uses[compiler.module.__name__]
        if owner.module.__name__ not in edges and owner is not compiler:
            edges.append(owner.module.__name__)
        return owner

    def order(self) -> list[ModuleCompiler]:
        """Followed modules, each after the modules it uses (depth first from the root)."""
        done: list[str] = []

        def visit(name: str, path: tuple[str, ...]) -> None:
            if name in done or name in path:
                return
            for used in self.uses[name]:
                visit(used, (*path, name))
            done.append(name)

        visit(self.root.module.__name__, ())
        return [self.modules[name] for name in done]

    def compile(self) -> Compiled:
        """The JavaScript of every reachable function and used constant, returning the entry."""
        reached: dict[str, set[str]] = {}
        constants: dict[str, set[str]] = {}
        pending: list[tuple[str, str]] = []
        for name in (self.root.entry or "", *self.root.also):
            owner = self.resolve(self.root, name)
            if owner is None or name not in owner.functions:
                raise SubsetError(f"{self.root.path}:1: '{name}' is not a function of this module or one it imports")
            pending.append((owner.module.__name__, name))
        while pending:
            module_name, name = pending.pop()
            if name in reached.setdefault(module_name, set()):
                continue
            reached[module_name].add(name)
            compiler = self.modules[module_name]
            for node in ast.walk(compiler.functions[name]):
                if not isinstance(node, ast.Name):
                    continue
                owner = self.resolve(compiler, node.id)
                if owner is None:
                    continue
                owner_name = owner.module.__name__
                if node.id in owner.constants:
                    constants.setdefault(owner_name, set()).add(node.id)
                elif node.id not in reached.get(owner_name, set()):
                    pending.append((owner_name, node.id))
        entry = self.root.functions[self.root.entry or ""]
        params = [argument.arg for argument in entry.args.args]
        if self.entry_order is not None:
            self._check_entry_order(entry, params, reached)
            self.root.entry_order = params = list(self.entry_order)
        lines: list[str] = []
        functions: list[str] = []
        private: set[str] = set()
        for compiler in self.order():
            module_name = compiler.module.__name__
            used = sorted(constants.get(module_name, set()))
            lines += [f"var {compiler.js_name(name)} = {compiler.constant_js(name, compiler.constants[name])};" for name in used]
            names = [name for name in compiler.defined if name in reached.get(module_name, set())]
            for name in names:
                lines.append(compiler.function(compiler.functions[name]))
            functions += names
            private |= compiler.private | {compiler.js_name(name) for name in used + names}
        shared, js = self.share_texts("\n".join(lines))
        return Compiled(js=js, params=params, functions=functions,
                        entry_js=ModuleCompiler.js_name(entry.name), private_names=private | set(shared))

    def _check_entry_order(self, entry: ast.FunctionDef, params: list[str], reached: dict[str, set[str]]) -> None:
        """The entry may take its parameters in the caller's order (the fields', bundle.py) only when it has exactly
        those parameters and no compiled function calls it (such a call passes them as declared)."""
        assert self.entry_order is not None
        if sorted(self.entry_order) != sorted(params):
            raise SubsetError(f"{self.root.path}:{entry.lineno}: the parameters of '{entry.name}' must be exactly the field names")
        for module_name, names in reached.items():
            compiler = self.modules[module_name]
            for name in names:
                for node in ast.walk(compiler.functions[name]):
                    if isinstance(node, ast.Name) and node.id == entry.name and self.resolve(compiler, node.id) is self.root:
                        raise SubsetError(f"{compiler.path}:{node.lineno}: '{entry.name}' is the entry function: the page calls it "
                                          "with the fields in their order, so compiled code may not call it; move its work into "
                                          "a function both call")

    def share_texts(self, js: str) -> tuple[list[str], str]:
        """Replace the text placeholders: a text whose repeats cost more than one shared variable gets one
        (`var $0 = "adapters";`, declared first), every other text its JSON. No text changes, only where it is written."""
        uses: dict[str, int] = {}
        for value in self.strings:
            uses[value] = uses.get(value, 0) + 1
        names: dict[str, str] = {}
        declarations: list[str] = []
        for value, count in uses.items():
            written = json.dumps(value)
            if count * len(written) > len(written) + len("var $0 = ;") + count * SHARED_NAME_COST:
                names[value] = f"${len(names)}"
                declarations.append(f"var {names[value]} = {written};")

        def literal(match: re.Match[str]) -> str:
            value = self.strings[int(match.group(1))]
            return names.get(value) or json.dumps(value)

        body = _TEXT_PLACEHOLDER.sub(literal, js)
        return list(names.values()), "\n".join([*declarations, body]) if declarations else body


def compile_logic(module: ModuleType, entry: str = "compute", also: tuple[str, ...] = (), entry_order: list[str] | None = None) -> Compiled:
    """Compile a logic module's functions reachable from `entry` (and `also`), following its imports from its own
    calculator package; SubsetError names file:line. With entry_order, the entry's JS function takes its parameters
    in that order (a calculator's bundle passes its fields' order, so the page needs no parameter list)."""
    return PackageCompiler(module, entry, also, entry_order).compile()
