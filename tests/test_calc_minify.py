"""The bundle minifier and the runtime's tree-shaking: what they keep, what they refuse, and that nothing needed is dropped.

The parity tests run the minified bundles in Chromium; these cases pin the rules one by one.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from calculators import messages
from calculators.bundle import SHORT_KEYS, SPEC_KEYS, calculator_js, runtime_sections
from calculators.minify import MinifyError, minify, tokenize
from calculators.registry import all_calculators


def one(js: str) -> str:
    return minify([js])[0]


@pytest.mark.parametrize(("source", "expected"), [
    ("x=(a+b)*c;", "x=(a+b)*c;"),
    ("x=(a*b)+c;", "x=a*b+c;"),
    ("x=a-(b-c);", "x=a-(b-c);"),
    ("x=(a-b)-c;", "x=a-b-c;"),
    ("x=a&&(b||c);", "x=a&&(b||c);"),
    ("x=(a&&b)||c;", "x=a&&b||c;"),
    ("x=(a?b:c)?d:e;", "x=(a?b:c)?d:e;"),  # the conditional is right-associative
    ("x=a?(b?c:d):e;", "x=a?b?c:d:e;"),
    ("x=!(a&&b);", "x=!(a&&b);"),
    ("if(!(((a<=b)&&(c<=d)))){f();}", "if(!(a<=b&&c<=d)){f();}"),  # outer and inner groups are not dropped together
    ("x=-(a.b);", "x=-a.b;"),
    ("x=(-a).b;", "x=(-a).b;"),
    ("x=a-(-b);", "x=a- -b;"),
    ("x=a+(+b);", "x=a+ +b;"),
    ("if((a===b)&&(c>d)){f((g+h));}", "if(a===b&&c>d){f(g+h);}"),
    ('x=""+(a)+(b.c(d))+"e";', 'x=""+a+b.c(d)+"e";'),
    ("x=(5).toString();", "x=(5).toString();"),
    ("x=a/(/b/.exec(c));", "x=a/ /b/.exec(c);"),  # not a // comment
    ("x=a<(!--b);", "x=a< !--b;"),  # not an HTML comment opener
    ("x=typeof(a+b);", "x=typeof(a+b);"),
    ("x=(a,b);", "x=(a,b);"),
    ("x=(a+b)[0];", "x=(a+b)[0];"),
    ("x=f(a)(b);", "x=f(a)(b);"),
    ("q.delete(a.key);", "q.delete(a.key);"),  # a method named delete, not the operator
    ("x=(a in b)&&c;", "x=a in b&&c;"),
    ("x=(new F)(1);", "x=(new F)(1);"),
    ("x=(a||b)?c:d;", "x=a||b?c:d;"),
    ("x=(a=b)+1;", "x=(a=b)+1;"),
    ("x = a && /[ ,]+/.test(s); y = b / c / d;", "x=a&&/[ ,]+/.test(s);y=b/c/d;"),
    ("x = [1.0, 2.50, -0.0, 3.0.toFixed(1)];", "x=[1,2.50,-0,3.0.toFixed(1)];"),
    ("x = true; y = {true: false}; z = true.toString();", "x=!0;y={true:!1};z=true.toString();"),
])
def test_expressions_keep_their_parse(source: str, expected: str) -> None:
    assert one(source) == expected


def test_declared_names_are_shortened_and_nothing_else() -> None:
    source = """
    function outer(longParameter) {
      var local = {label: longParameter, other: window.location};  // keys, globals and properties keep their names
      try { return local.label + document.title; } catch (problem) { return problem.message; }
    }
    var name = outer(1);
    """
    out = one(source)
    for kept in ("label:", "other:", "window.location", ".label", "document.title", ".message", "var name="):
        assert kept in out, (kept, out)
    for renamed in ("outer", "longParameter", "local", "problem"):
        assert renamed not in out, (renamed, out)
    assert "//" not in out


def test_var_statements_merge_only_when_both_are_statements() -> None:
    assert one("var a = 1; var b = 2; f(a, b);") == "var a=1,b=2;f(a,b);"
    assert one("if (x) var a = 1; var b = 2;") == "if(x)var a=1;var b=2;"
    assert one("for (var i = 0; i < 2; i++) var a = i; var b = 2;") == "for(var a=0;a<2;a++)var b=a;var c=2;"


def test_parts_share_one_renaming_and_stay_apart() -> None:
    first, second = minify(["function helper(value) { return value; }", "helper(2);"])
    assert first == "function a(b){return b;}" and second == "a(2);"


def test_private_object_and_spec_properties() -> None:
    source = "var K = {}; K.format_number = function (x) { return x; }; K.format_number(spec.label, Math.max(1, 2));"
    assert minify([source], private_object="K")[0] == "var a={};a.a=function(b){return b;};a.a(spec.label,Math.max(1,2));"
    assert ".format_number" in one(source)
    renamed = minify(["x = spec.label + other.label;"], properties={"label": "b"})[0]
    assert renamed == "x=spec.b+other.b;"


@pytest.mark.parametrize(("source", "reason"), [
    ("var f = (x) => x;", "arrow functions"),
    ("let a = 1;", "let"),
    ("const a = 1;", "const"),
    ("var s = `a`;", "template literals"),
    ("f(...xs);", "spread"),
    ("function f(a = 1) { return a; }", "default or destructured parameters"),
])
def test_unsupported_javascript_is_refused(source: str, reason: str) -> None:
    with pytest.raises(MinifyError, match=reason):
        one(source)


def test_bundles_have_no_comments_and_five_lines() -> None:
    for name in all_calculators():
        script = calculator_js(name)
        assert script.startswith("(function(){") and script.rstrip().endswith("})();")
        assert script.count("\n") == 5, name  # runtime, shared data, define(name, data, / logic, start-up
        assert not [token for token in tokenize(script, keep_comments=True) if token.startswith(("//", "/*"))]


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
        used = set(re.findall(r"(?<![\w$.])([A-Za-z_$][\w$]*)", text)) | {f"{owner}.{member}" for owner, member in re.findall(r"\b([KPO])\.([A-Za-z_]\w*)", text)}
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
