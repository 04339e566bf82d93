"""One JavaScript file per calculator: the runtime sections it uses, shared data, and its compiled logic.

The runtime is tree-shaken by section (runtime.js marks them `//@ NAME`), the data
carries only what the calculator's field kinds use (error templates, unit vocabulary),
field specs drop empty values, and the whole file goes through minify.py (our K and
spec-key shortening, then tdewolff-minify). A file check's script reuses its calculator's
runtime. bench/js_weight.py reports the result per page; harness_js builds the same way,
so the runtime parity tests run minified code too.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from . import messages
from .booleans import FALSE_WORDS, TRUE_WORDS
from .calculator import Calculator, FileCheck
from .jsgen import Compiled as CompiledLogic
from .jsgen import ModuleCompiler, compile_logic
from .minify import GLOBALS, KEYWORDS, minify, minify_program, private_names, short_names
from .runtime import ARITHMETIC_MESSAGE, INTERNAL_MESSAGE

RUNTIME = Path(__file__).with_name("runtime.js")
_SECTION = re.compile(r"^//@ (?P<name>[\w.]+)(?: needs (?P<needs>[\w. ]+))?$")
_ARRAY_INDEX = re.compile(r"0|[1-9][0-9]*")
# Keys of the page's data objects (field and output specs, presets, D) that runtime.js reads only as `spec.key`
# on those objects: the bundle writes them short, and minify renames the runtime's reads to match. Not here:
# key, like, min, max and values, which runtime.js also uses on other objects or compares as text.
SPEC_KEYS = (
    "name", "label", "kind", "default", "required", "example", "range", "decimals", "unit", "dimension", "dimension_word",
    "examples", "factors", "aliases", "rewrites", "choices", "accepted", "columns", "integer", "exclusive_min", "pattern",
    "hint", "max_length", "item", "min_items", "max_items", "unique", "style", "fields", "outputs", "presets",
    "compute", "units", "templates", "vocabulary", "arithmetic", "internal", "true_words", "false_words", "accepts",
)
SHORT_KEYS = dict(zip(SPEC_KEYS, short_names(len(SPEC_KEYS))))


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
    return strip_runtime("\n".join(text for name, _, text in sections if name in chosen and name != "end"))


def runtime_end() -> str:
    """The closing section (starts the forms once the calculator is defined)."""
    return strip_runtime(next(text for name, _, text in runtime_sections() if name == "end"))


def compact(value: Any) -> Any:
    """Drop None, '', False, [] and {} from spec dicts (the runtime treats a missing key the same)."""
    if isinstance(value, dict):
        return {key: compact(item) for key, item in value.items() if item is not None and item is not False and item not in ("", [], {})}
    if isinstance(value, list):
        return [compact(item) for item in value]
    return value


def setup_data(kinds: set[str]) -> dict[str, Any]:
    """Data the runtime needs for these field kinds: error templates, unit vocabulary by dimension, fixed messages."""
    keys = {"required"} | {key for kind in kinds for key in messages.KEYS_BY_KIND[kind]}
    data: dict[str, Any] = {
        "templates": {key: text for key, text in messages.TEMPLATES.items() if key in keys},
        "arithmetic": ARITHMETIC_MESSAGE,
        "internal": INTERNAL_MESSAGE,
    }
    if "quantity" in kinds:
        from .registry import unit_vocabulary

        by_dimension: dict[str, list[str]] = {}
        for spelling, dimension in sorted(unit_vocabulary().items()):
            by_dimension.setdefault(dimension, []).append(spelling)
        data["vocabulary"] = by_dimension
    if "boolean" in kinds:
        data["true_words"] = list(TRUE_WORDS)
        data["false_words"] = list(FALSE_WORDS)
    return data


def calculator_meta(calculator: Calculator, params: list[str]) -> dict[str, Any]:
    """What the page's runtime needs to know about one calculator (field specs with pint's factors, outputs, presets)."""
    defaults = {item.name: item.default for item in calculator.fields}
    outputs = []
    for output in calculator.outputs:
        spec = output.spec()
        spec.pop("help", None)
        if spec.get("style") == "bullets":
            del spec["style"]  # the runtime tells only "commands" apart
        outputs.append(spec)
    specs = []
    for item in calculator.fields:
        spec = compact(item.spec())
        spec.pop("key")  # the runtime derives it from the name
        spec.pop("label")  # the runtime reads it from the form's <label> (html.py renders every field's)
        if "choices" in spec:  # the runtime matches the values only; the labels are the form's <option> texts
            spec["choices"] = [value for value, _ in spec["choices"]]
            if spec.get("accepted") == ", ".join(spec["choices"]):
                del spec["accepted"]  # the runtime joins the values the same way (P.choice in runtime.js)
        if "factors" in spec:
            units = spec.pop("units")  # the runtime reads them back from the factors' keys, which keep this order
            if list(spec["factors"]) != units or any(_ARRAY_INDEX.fullmatch(unit) for unit in units):
                raise ValueError(f"field '{item.name}': unit spellings {units} cannot be carried as the factors' keys")
        specs.append(sent_field_spec(spec))
    meta = {**compact({
        "outputs": outputs,
        # a preset's value equal to its field's default is left out: choosing the preset writes the default then
        "presets": [{"name": preset.name, "values": {name: value for name, value in preset.values.items() if value != defaults.get(name)}}
                    for preset in calculator.presets],
    }), "fields": share_specs(specs)}
    if params != [item.name for item in calculator.fields]:
        raise ValueError(f"calculator '{calculator.name}': its entry must take the fields in their order (jsgen entry_order)")
    return meta


# What P.list in runtime.js reads of a list's item spec; the list's own spec carries the hint its messages quote.
ITEM_KEYS = ("kind", "pattern", "max_length", "min", "max", "exclusive_min")
_EXAMPLE = re.compile(r" \(e\.g\. .*\)", re.DOTALL)


def derived_accepts(spec: dict[str, Any]) -> str:
    """A number's or quantity's 'accepts' text as define() in runtime.js rebuilds it from the rest of the spec."""
    example = spec.get("example") or ""
    return ("a whole number " if spec.get("integer") else "") + str(spec.get("range")) + (f", e.g. {example[7:-1]}" if example else "")


def sent_field_spec(spec: dict[str, Any]) -> dict[str, Any]:
    """A field's spec without what define() in runtime.js rebuilds (its twin): a list's count range and an
    'accepts' text of the usual form; and a list's item spec cut to what the runtime reads of it.

    A text is left out only when the rebuilt one equals it, so a field with other wording keeps it."""
    sent = dict(spec)
    if sent["kind"] == "list":
        sent["item"] = {key: value for key, value in sent["item"].items() if key in ITEM_KEYS}
        if sent.get("range") == f"{sent.get('min_items')}\u2013{sent.get('max_items')} items":
            del sent["range"]
    if sent["kind"] in ("number", "quantity") and "accepts" in sent:
        example = sent.get("example") or ""
        if (not example or _EXAMPLE.fullmatch(example)) and sent["accepts"] == derived_accepts(sent):
            del sent["accepts"]
    return sent


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


def short_keys(value: Any, nested: tuple[str, ...] = ("fields", "outputs", "presets", "columns", "item")) -> Any:
    """The page data with SPEC_KEYS written short, in spec objects only (never in maps such as aliases or preset values)."""
    if isinstance(value, list):
        return [short_keys(item, nested) for item in value]
    if not isinstance(value, dict):
        return value
    return {SHORT_KEYS.get(key, key): short_keys(item) if key in nested else item for key, item in value.items()}


_PLAIN_KEY = re.compile(r"[A-Za-z_$][A-Za-z0-9_$]*|0|[1-9][0-9]{0,8}")


def _key(key: str) -> str:
    """An object key unquoted when JavaScript reads it the same bare (a name, not a keyword or global; a small array index)."""
    if _PLAIN_KEY.fullmatch(key) and key not in KEYWORDS and key not in GLOBALS:
        return key
    return json.dumps(key, ensure_ascii=False)


def _literal(value: Any) -> str:
    """Compact JSON, except that object keys are written bare where JavaScript allows it."""
    if isinstance(value, dict):
        return "{" + ",".join(f"{_key(str(key))}:{_literal(item)}" for key, item in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ",".join(_literal(item) for item in value) + "]"
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def _json(value: Any) -> str:
    """A compact JavaScript literal of the data (JSON with bare keys) that is also safe inside a script element."""
    return _literal(value).replace("</", "<\\/")


def runtime_helpers(compiled_js: str) -> set[str]:
    """The runtime sections (`K.name`) that compiled code calls; CalcError, fmt_fixed and dict are always there."""
    return {f"K.{helper}" for helper in re.findall(r"\bK\.([A-Za-z_]\w*)", compiled_js)} - {"K.CalcError", "K.fmt_fixed", "K.dict"}


@dataclass(frozen=True)
class _Compiled:
    """A calculator's compiled logic, its file checks' compiled functions, and what its bundle shares with theirs."""

    logic: CompiledLogic
    checks: dict[str, CompiledLogic]
    wanted: frozenset[str]
    private: dict[str, str]


@cache
def _compiled(name: str) -> _Compiled:
    """Compile once for the calculator's file and its file checks' files, which use the calculator's runtime and its K names."""
    from .registry import get

    calculator = get(name)
    # the entry takes the fields in their order: the page passes them so and ships no parameter list
    logic = compile_logic(calculator.logic, calculator.entry, entry_order=[item.name for item in calculator.fields])
    checks = {check.flag: compile_logic(check.module, check.entries[0], check.entries[1:])
              for check in calculator.file_checks if check.module is not None and check.entries}
    wanted = runtime_helpers(logic.js) | {helper for compiled in checks.values() for helper in runtime_helpers(compiled.js)}
    wanted |= {f"parse.{item.kind}" for item in calculator.fields}
    wanted |= {f"out.{output.kind}" for output in calculator.outputs}
    private = private_names([runtime_js(wanted), logic.js, *(compiled.js for compiled in checks.values())], "K")
    return _Compiled(logic, checks, frozenset(wanted), private)


@cache
def calculator_js(name: str) -> str:
    """The complete, minified JavaScript file for one calculator, one line each: runtime, shared data, calculator data,
    define(name, data, compiled logic); and the start-up line (bench/js_weight.py reads the parts by line)."""
    from .registry import get

    calculator = get(name)
    compiled = _compiled(name)
    kinds = {item.kind for item in calculator.fields}
    parts = minify([
        runtime_js(set(compiled.wanted)),
        f"D = {_json(short_keys(setup_data(kinds)))};",
        f"var meta = {_json(short_keys(calculator_meta(calculator, compiled.logic.params)))};",
        f"define({_json(name)}, meta, function(K){{{compiled.logic.js}\nreturn {compiled.logic.entry_js};}});",
        runtime_end(),
    ], private_object="K", properties=SHORT_KEYS, private=compiled.private)
    return "\n".join(parts) + "\n"


def harness_js(module: Any, entries: tuple[str, ...]) -> str:
    """Test harness: the whole runtime plus a module's compiled functions as window.kbCalc.__functions, minified like a page's file."""
    compiled = compile_logic(module, entries[0], entries[1:])
    every = {name for name, _, _ in runtime_sections()}
    exported = ",".join(f"{json.dumps(name)}:{ModuleCompiler.js_name(name)}" for name in compiled.functions)
    parts = minify([
        runtime_js(every),
        f"D = {_json(short_keys(setup_data(set(messages.KEYS_BY_KIND))))};",
        f"api.__functions = (function(K){{{compiled.js}\nreturn {{{exported}}};}})(K);",
        runtime_end(),
    ], properties=SHORT_KEYS)
    return "\n".join(parts) + "\n"


@cache
def check_js(calculator_name: str, flag: str) -> str:
    """The browser file of a calculator's file check: its compiled functions as window.kbCalc.checks[flag], then the check's
    hand-written page script, each minified on one line.

    The file is loaded right after the calculator's own (kb/calculator_directive.script_names), so it uses that
    file's runtime (window.kbCalc[calculator].K, which carries the helpers the check needs and the same short K
    names) instead of a second copy of the runtime.
    """
    from .registry import get

    check: FileCheck = next(item for item in get(calculator_name).file_checks if item.flag == flag)
    if check.module is None or not check.entries or not check.page_script:
        raise ValueError(f"calculators/{calculator_name}: file check '--{flag}' has no browser module, entries or page script")
    compiled = _compiled(calculator_name)
    functions = compiled.checks[flag]
    exported = ",".join(f"{json.dumps(name)}:{ModuleCompiler.js_name(name)}" for name in check.entries)
    [script] = minify([
        f"(function(api){{api.checks = api.checks || {{}}; api.checks[{json.dumps(flag)}] = "
        f"(function(K){{{functions.js}\nreturn {{{exported}}};}})(api[{json.dumps(calculator_name)}].K);}})(window.kbCalc);",
    ], private_object="K", properties=SHORT_KEYS, private=compiled.private)
    page = minify_program(Path(check.page_script).read_text(encoding="utf-8"))
    return script + "\n" + page + "\n"
