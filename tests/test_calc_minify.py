"""The bundle minification: our property shortening, tdewolff-minify for the rest, and the runtime's tree-shaking.

Ours is only the project-specific part (K's properties, the spec keys); the generic work is
tdewolff-minify's. The parity tests run the minified bundles in Chromium; these cases pin our
rules, the bugs of the old hand-written minifier (renaming without scope, `return` joined to
the next line), and that minified code computes what the source computes.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from calculators import messages
from calculators.bundle import SHORT_KEYS, SPEC_KEYS, calculator_js, check_js, runtime_sections
from calculators.minify import MARKER, MinifyError, minify, private_names, rename_properties, tokenize
from calculators.registry import all_calculators, get


def one(js: str) -> str:
    return minify([js])[0]


def test_private_object_and_spec_properties() -> None:
    source = ("(function () { var K = {}; K.format_number = function (x) { return x; };"
              " window.out = K.format_number(spec.label, Math.max(1, 2)); })();")
    private = minify([source], private_object="K")[0]
    assert ".format_number" not in private and ".label" in private and "Math.max" in private
    assert re.search(r"\.a=function", private), private  # the only K property gets the shortest name
    assert ".format_number" in one(source)  # without private_object, K is an object like any other
    assert minify(["x = spec.label + other.label + K.label + 'a.label' + /b.label/.source;"], properties={"label": "b"})[0] == (
        "x=spec.b+other.b+K.b+\"a.label\"+/b.label/.source;")


def test_property_renaming_touches_only_names_after_a_dot() -> None:
    text = "var o = {label: 1, K: 2}; // K.div in a comment\nK.div(o.label, 'K.div', x.K.div, K . div);"
    renamed = rename_properties(text, "K", {"div": "q"}, {"label": "z"})
    assert renamed == "var o = {label: 1, K: 2}; // K.div in a comment\nK.q(o.z, 'K.div', x.K.div, K . q);"
    assert private_names(["K.b(); K.a(); K.b(); x.K.c();", "K.b();"], "K") == {"b": "a", "a": "b"}


def test_parts_share_one_renaming_and_stay_apart() -> None:
    parts = minify(["(function () { function helper(longValue) { return longValue; }", "window.out = helper(2);", "})();"])
    assert len(parts) == 3 and all("\n" not in part and part.endswith(";") for part in parts)
    assert "helper" not in "".join(parts) and "longValue" not in "".join(parts)  # locals inside the IIFE are renamed
    name = re.match(r"\(function\(\)\{function (\w+)\(", parts[0])
    assert name and parts[1] == f"window.out={name.group(1)}(2);", parts


def test_a_part_that_ends_inside_a_statement_is_refused() -> None:
    with pytest.raises(MinifyError, match="tdewolff-minify"):
        minify(["x = f(1,", "2);"])
    with pytest.raises(MinifyError, match="marker"):
        minify([f"{MARKER}();"])


def test_syntax_errors_name_the_minifier() -> None:
    with pytest.raises(MinifyError, match="tdewolff-minify"):
        one("var = ;")


def test_bundles_have_no_comments_and_five_lines() -> None:
    for name in all_calculators():
        script = calculator_js(name)
        assert script.startswith("(function(){") and script.rstrip().endswith("})();")
        assert script.count("\n") == 5, name  # runtime, shared data, calculator data, define(name, data, logic), start-up
        assert not [token for token in tokenize(script, keep_comments=True) if token.startswith(("//", "/*"))]
        assert MARKER not in script
        lines = script.split("\n")
        assert lines[1].endswith("};") and lines[2].endswith("};") and lines[3].startswith(f"{lines[3][:1]}(\"{name}\","), lines[3][:40]
        for check in get(name).file_checks:
            if check.module:
                assert MARKER not in check_js(name, check.flag)


def _definitions(text: str) -> set[str]:
    """Names a runtime section defines at its top level: functions, vars and K./P./O. members."""
    tokens = [token for token in tokenize(text) if not token.isspace()]
    names: set[str] = set()
    depth = 0
    for position, token in enumerate(tokens[:-2]):
        if token in ("{", "(", "["):
            depth += 1
        elif token in ("}", ")", "]"):
            depth -= 1
        elif depth == 0 and token in ("function", "var"):
            names.add(tokens[position + 1])
        elif depth == 0 and token in ("K", "P", "O") and tokens[position + 1] == "." and (position == 0 or tokens[position - 1] != "."):
            names.add(f"{token}.{tokens[position + 2]}")
    return names


def test_every_runtime_section_needs_what_it_uses() -> None:
    sections = {name: (needs, text) for name, needs, text in runtime_sections()}
    always = {"header", "core", "page", "end"}
    defined_in = {definition: name for name, (_, text) in sections.items() for definition in _definitions(text)}
    for name, (_, text) in sections.items():
        closure: set[str] = set()
        pending = [name, *always]
        while pending:
            current = pending.pop()
            if current not in closure:
                closure.add(current)
                pending.extend(sections[current][0])
        members = re.findall(r"\b([KPO])\.([A-Za-z_]\w*)", text)
        used = set(re.findall(r"(?<![\w$.])([A-Za-z_$][\w$]*)", text)) | {f"{owner}.{member}" for owner, member in members}
        missing = sorted(item for item in used if item in defined_in and defined_in[item] not in closure)
        assert not missing, f"runtime.js section '{name}' uses {missing}: add them to its 'needs'"


def test_templates_are_all_reachable_from_a_field_kind() -> None:
    assert {"required"} | {key for keys in messages.KEYS_BY_KIND.values() for key in keys} == set(messages.TEMPLATES)


def test_spec_keys_are_data_never_methods_or_shared_names() -> None:
    runtime = "\n".join(text for _, _, text in runtime_sections())
    assert len(set(SHORT_KEYS.values())) == len(SPEC_KEYS)
    for key in SPEC_KEYS:
        assert re.search(rf"\.{key}\b", runtime), f"{key} is not read by runtime.js: drop it from SPEC_KEYS"
        assert not re.search(rf"\.{key}\(", runtime), f"{key} is called as a method in runtime.js"
        assert not re.search(rf"\b(?:Math|Array|Object|JSON|Number|String|document|window|history|location)\.{key}\b", runtime), key
    assert not {"key", "like", "min", "max", "values"} & set(SPEC_KEYS)


# Random expressions, fully parenthesised like jsgen's output plus stray groups: the minified
# function must return exactly what the original returns, in Chromium.
_OPERATORS = ["+", "-", "*", "/", "%", "<", "<=", "===", "!==", "&&", "||"]


def _expressions() -> st.SearchStrategy[str]:
    atoms = st.sampled_from(["a", "b", "c", "1", "2.5", "0", '"s"', "true", "null"])

    def extend(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        binary = st.tuples(inner, st.sampled_from(_OPERATORS), inner).map(lambda t: f"({t[0]} {t[1]} {t[2]})")
        bare = st.tuples(inner, st.sampled_from(_OPERATORS), inner).map(lambda t: f"{t[0]} {t[1]} {t[2]}")
        unary = st.tuples(st.sampled_from(["!", "-", "typeof "]), inner).map(lambda t: f"{t[0]}({t[1]})")
        ternary = st.tuples(inner, inner, inner).map(lambda t: f"({t[0]} ? {t[1]} : {t[2]})")
        grouped = inner.map(lambda text: f"({text})")
        return st.one_of(binary, bare, unary, ternary, grouped)

    return st.recursive(atoms, extend, max_leaves=12)


@pytest.fixture(scope="module")
def blank_page(browser: Any) -> Iterator[Any]:
    context = browser.new_context()
    tab = context.new_page()
    tab.set_content("<!doctype html><html><body></body></html>")
    yield tab
    context.close()


# The old hand-written minifier renamed every declared name program-wide, so a local spelled like a
# global it did not list broke that global elsewhere; and it joined `return` to the next line.
REGRESSIONS = [
    "(function () { function f() { var innerWidth = 1; return innerWidth; } window.run = function () {"
    " return [f(), typeof innerWidth, innerWidth === window.innerWidth]; }; })();",
    "(function () { window.run = function (a) {\n return\n a; }; })();",
    "(function () { function g(a) { var b = a - -a, c = a / /x/.exec('x').length, d = a < !--a; return [b, c, d]; }"
    " window.run = function (a, b, c) { return [g(3), (5).toString(), true.toString(), {true: false}, [1.0, 2.50, -0.0],"
    " typeof (a + b), (a, b), (a = b) + 1, 'a  b', /a b/g.test('a b')]; }; })();",
]


@pytest.mark.parametrize("source", REGRESSIONS)
def test_old_minifier_bugs_stay_fixed(blank_page: Any, source: str) -> None:
    minified = one(source)
    assert "innerWidth" in minified if "innerWidth" in source else True
    results = blank_page.evaluate("""(sources) => sources.map(source => {
        new Function(source)();
        return JSON.stringify(window.run(4, 5, 6), (k, v) => v === undefined ? "undefined" : v);
    })""", [source, minified])
    assert results[0] == results[1], (source, minified)
    if "return\n" in source:
        assert results[1] == '"undefined"'


@settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(_expressions(), min_size=25, max_size=25))
def test_minified_expressions_compute_the_same_in_chromium(blank_page: Any, expressions: list[str]) -> None:
    sources = [f"window.run = function (a, b, c) {{ return [{expression}]; }};" for expression in expressions]
    minified = [minify([source])[0] for source in sources]
    results = blank_page.evaluate("""([sources, inputs]) => sources.map(source => {
        new Function(source)();
        const f = window.run;
        return inputs.map(args => { try { return String(f(...args)); } catch (e) { return "throws"; } }).join("|");
    })""", [sources + minified, [[1, 2, 3], [0, -1.5, "x"], ["", True, None], [7, 7, 0]]])
    differing = [(source, small) for source, small, want, got in zip(sources, minified, results[:25], results[25:]) if want != got]
    assert not differing, differing[:3]
