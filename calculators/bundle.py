"""One JavaScript file per calculator: the runtime sections it uses, shared data, and its compiled logic.

The runtime is tree-shaken by section (runtime.js marks them `//@ NAME`), the
compiled logic has its private names shortened and its blanks squeezed, and
field specs drop empty values; bench/js_weight.py reports the result per page.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from . import messages
from .calculator import Calculator
from .fields import FALSE_WORDS, TRUE_WORDS, unit_vocabulary
from .jsgen import ModuleCompiler, compile_logic
from .runtime import ARITHMETIC_MESSAGE, INTERNAL_MESSAGE

RUNTIME = Path(__file__).with_name("runtime.js")
_SECTION = re.compile(r"^//@ (?P<name>[\w.]+)(?: needs (?P<needs>[\w. ]+))?$")
_TOKEN = re.compile(r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|[A-Za-z_$][\w$]*|[0-9]+(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?|\s+|\+\+|--|.', re.DOTALL)
_REGEX_LITERAL = re.compile(r"/(?:[^/\\\[\n]|\\.|\[(?:[^\]\\\n]|\\.)*\])+/[gimsuy]*")
_BEFORE_REGEX = set("(,=:[!&|?{};") | {"return", "typeof"}
_IDENTIFIER = re.compile(r"[A-Za-z_$][\w$]*")
_RESERVED_SHORT = {"do", "if", "in", "K"}


@lru_cache(maxsize=1)
def runtime_sections() -> tuple[tuple[str, tuple[str, ...], str], ...]:
    """(name, needs, text) for every section of runtime.js; the text before the first marker is 'header'."""
    sections: list[tuple[str, tuple[str, ...], list[str]]] = [("header", (), [])]
    for line in RUNTIME.read_text(encoding="utf-8").splitlines():
        marker = _SECTION.match(line)
        if marker:
            sections.append((marker.group("name"), tuple((marker.group("needs") or "").split()), []))
        else:
            sections[-1][2].append(line)
    return tuple((name, needs, "\n".join(lines)) for name, needs, lines in sections)


def strip_runtime(text: str) -> str:
    """Drop indentation, blank lines and whole-line comments (runtime.js keeps comments on their own lines)."""
    kept = [line.strip() for line in text.splitlines()]
    return "\n".join(line for line in kept if line and not line.startswith("//"))


def runtime_js(wanted: set[str]) -> str:
    """The runtime with 'header', 'core', 'page' and the wanted sections (and what they need), in file order."""
    sections = runtime_sections()
    needs = {name: required for name, required, _ in sections}
    pending = set(wanted) | {"header", "core", "page", "end"}
    chosen: set[str] = set()
    while pending:
        name = pending.pop()
        if name in chosen:
            continue
        if name not in needs:
            raise KeyError(f"runtime.js has no section '{name}' (a compiled helper or field kind without a JS twin)")
        chosen.add(name)
        pending.update(needs[name])
    return squeeze(strip_runtime("\n".join(text for name, _, text in sections if name in chosen and name != "end")))


def runtime_end() -> str:
    """The closing section (starts the forms once the calculator is defined)."""
    return squeeze(strip_runtime(next(text for name, _, text in runtime_sections() if name == "end")))


def short_names(count: int) -> list[str]:
    """a, b, …, Z, aa, ab, … skipping JS keywords and the runtime's K."""
    letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJLMNOPQRSTUVWXYZ"
    names: list[str] = []
    size = 1
    while len(names) < count:
        for number in range(len(letters) ** size):
            name = ""
            rest = number
            for _ in range(size):
                name = letters[rest % len(letters)] + name
                rest //= len(letters)
            if name not in _RESERVED_SHORT:
                names.append(name)
                if len(names) == count:
                    break
        size += 1
    return names


def tokenize(js: str) -> list[str]:
    """JS tokens: strings, regex literals (by the usual previous-token rule), names, numbers, blanks, punctuation."""
    tokens: list[str] = []
    position = 0
    while position < len(js):
        if js[position] == "/":
            previous = next((token for token in reversed(tokens) if not token.isspace()), "(")
            literal = _REGEX_LITERAL.match(js, position) if previous in _BEFORE_REGEX else None
            if literal:
                tokens.append(literal.group(0))
                position = literal.end()
                continue
        token = _TOKEN.match(js, position)
        assert token is not None
        tokens.append(token.group(0))
        position = token.end()
    return tokens


def squeeze(js: str, private: set[str] = frozenset()) -> str:  # type: ignore[assignment]
    """Drop blanks (keeping one between two names) and shorten the given private identifiers."""
    tokens = tokenize(js)
    counts: dict[str, int] = {}
    for position, token in enumerate(tokens):
        if token in private and not _after_dot(tokens, position):
            counts[token] = counts.get(token, 0) + 1
    ranked = sorted(counts, key=lambda name: (-counts[name], name))
    rename = dict(zip(ranked, short_names(len(ranked))))
    out: list[str] = []
    for position, token in enumerate(tokens):
        if token.isspace():
            continue
        if token in rename and not _after_dot(tokens, position):
            token = rename[token]
        if out and re.match(r"[\w$]", out[-1][-1:]) and re.match(r"[\w$]", token):
            out.append(" ")
        elif out and out[-1][-1:] in "+-" and token[:1] == out[-1][-1:]:
            out.append(" ")  # a - -b must not become a--b
        out.append(token)
    return "".join(out)


def _after_dot(tokens: list[str], position: int) -> bool:
    """True when the token is a property name (K.div), which must keep its name."""
    back = position - 1
    while back >= 0 and tokens[back].isspace():
        back -= 1
    return back >= 0 and tokens[back] == "."


def compact(value: Any) -> Any:
    """Drop None, '', False, [] and {} from spec dicts (the runtime treats a missing key the same)."""
    if isinstance(value, dict):
        return {key: compact(item) for key, item in value.items() if item is not None and item is not False and item != "" and item != [] and item != {}}
    if isinstance(value, list):
        return [compact(item) for item in value]
    return value


def setup_data() -> dict[str, Any]:
    """Data every calculator page shares: error templates, unit vocabulary, fixed messages."""
    return {
        "templates": messages.TEMPLATES,
        "vocabulary": dict(sorted(unit_vocabulary().items())),
        "arithmetic": ARITHMETIC_MESSAGE,
        "internal": INTERNAL_MESSAGE,
        "true_words": list(TRUE_WORDS),
        "false_words": list(FALSE_WORDS),
    }


def calculator_meta(calculator: Calculator, params: list[str]) -> dict[str, Any]:
    """What the page's runtime needs to know about one calculator (field specs with pint's factors, outputs, presets)."""
    outputs = []
    for output in calculator.outputs:
        spec = output.spec()
        spec.pop("help", None)
        outputs.append(spec)
    specs = []
    for item in calculator.fields:
        spec = compact(item.spec())
        spec.pop("key")  # the runtime derives it from the name
        specs.append(spec)
    return {**compact({
        "outputs": outputs,
        "presets": [{"name": preset.name, "values": dict(preset.values)} for preset in calculator.presets],
        "params": params,
    }), "fields": share_specs(specs)}


def share_specs(specs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Write a field spec as {'like': i, …differences} when an earlier one of the same kind shares most of it."""
    shared: list[dict[str, Any]] = []
    for index, spec in enumerate(specs):
        best: tuple[int, dict[str, Any]] | None = None
        for earlier in range(index):
            base = specs[earlier]
            if base["kind"] != spec["kind"]:
                continue
            difference = {key: value for key, value in spec.items() if base.get(key) != value}
            difference.update({key: None for key in base if key not in spec})
            if best is None or len(json.dumps(difference)) < len(json.dumps(best[1])):
                best = (earlier, difference)
        if best is not None and len(json.dumps(best[1])) + 10 < len(json.dumps(spec)):
            shared.append({"like": best[0], **best[1]})
        else:
            shared.append(spec)
    return shared


def _json(value: Any) -> str:
    """Compact JSON that is also safe inside a script element."""
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False).replace("</", "<\\/")


@lru_cache(maxsize=None)
def calculator_js(name: str) -> str:
    """The complete JavaScript file for one calculator."""
    from .registry import get

    calculator = get(name)
    compiled = compile_logic(calculator.logic, calculator.entry)
    wanted = {f"K.{helper}" for helper in re.findall(r"\bK\.([A-Za-z_]\w*)", compiled.js)} - {"K.CalcError", "K.fmt_fixed", "K.fmt_number", "K.iter", "K.dict", "K.eq"}
    wanted |= {f"parse.{item.kind}" for item in calculator.fields}
    wanted |= {f"out.{output.kind}" for output in calculator.outputs}
    logic = squeeze(f"{compiled.js}\nreturn {compiled.entry_js};", compiled.private_names)
    return (
        runtime_js(wanted)
        + f"\nD = {_json(setup_data())};"
        + f"\ndefine({_json(name)},{_json(calculator_meta(calculator, compiled.params))},function(K){{{logic}}});\n"
        + runtime_end()
        + "\n"
    )


def harness_js(module: Any, entries: tuple[str, ...]) -> str:
    """Test harness: the whole runtime plus a module's compiled functions as window.kbCalc.__functions (unminified)."""
    compiled = compile_logic(module, entries[0], entries[1:])
    every = {name for name, _, _ in runtime_sections()}
    exported = ",".join(f"{json.dumps(name)}:{ModuleCompiler.js_name(name)}" for name in compiled.functions)
    return (
        runtime_js(every)
        + f"\nD = {_json(setup_data())};"
        + f"\napi.__functions = (function(K){{{compiled.js}\nreturn {{{exported}}};}})(K);\n"
        + runtime_end()
        + "\n"
    )
