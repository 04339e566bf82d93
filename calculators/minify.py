"""Minify a calculator bundle: our project-specific property shortening, then tdewolff-minify for the rest.

What is ours is only what a general minifier cannot know: which property names are private to
the program. The runtime's helper object `K` is read and written only as `K.name` (its
properties get the shortest names, the most used first), and the page data's spec keys are
written short by bundle.py, so every `.key` read after any object is renamed to match
(bundle.SHORT_KEYS). Everything generic (blanks and comments, scoped renaming of locals,
parentheses, merged statements, short literals) is tdewolff-minify's (Go's tdewolff/minify
as a PyPI wheel, pinned in requirements.lock; no Node at build time). Its renaming is scoped,
so a bundle wraps its code in a function (runtime.js opens an IIFE) to have its names local.

The parts of one program are minified together and come back apart, one per line: a marker
statement between them survives the minifier (a call to an undeclared global), and each
marker becomes ';' and a newline. So a part must end at a statement boundary.
tests/test_calc_minify.py pins the rules and runs minified code in Chromium.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

import minify as tdewolff  # type: ignore[import-untyped]  # the wheel ships no type information

from .errors import ProjectError

_TOKEN = re.compile(
    r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|`(?:[^`\\]|\\.)*`|[A-Za-z_$][\w$]*|[0-9]+(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?|\s+'
    r"|===|!==|>>>=?|<<=?|>>=?|=>|\.\.\.|\?\.|[=!<>]=|&&|\|\||\+\+|--|[-+*%&|^]=|.",
    re.DOTALL,
)
_COMMENT = re.compile(r"//[^\n]*|/\*.*?\*/", re.DOTALL)
_REGEX_LITERAL = re.compile(r"/(?:[^/\\\[\n]|\\.|\[(?:[^\]\\\n]|\\.)*\])+/[dgimsuy]*")
_REGEX_AFTER_WORD = {"return", "typeof", "case", "throw", "in", "of", "else", "do", "void", "delete", "new", "instanceof"}
_NAME = re.compile(r"[A-Za-z_$][\w$]*")

KEYWORDS = frozenset([
    "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete", "do", "else", "enum", "export", "extends", "false",
    "finally", "for", "function", "if", "implements", "import", "in", "instanceof", "interface", "let", "new", "null", "package", "private",
    "protected", "public", "return", "static", "super", "switch", "this", "throw", "true", "try", "typeof", "var", "void", "while", "with",
    "yield", "await"
])
# Names a browser defines globally: bundle.py quotes an object key spelled like one (never needed, never confusing).
GLOBALS = frozenset([
    "window", "document", "location", "history", "navigator", "console", "self", "top", "parent", "frames", "name", "status", "length", "event",
    "origin", "screen", "Math", "JSON", "Number", "String", "Boolean", "Array", "Object", "RegExp", "Map", "Set", "WeakMap", "Symbol", "Error",
    "TypeError", "Date", "Promise", "Function", "isFinite", "isNaN", "parseInt", "parseFloat", "URLSearchParams", "URL", "undefined", "NaN",
    "Infinity", "arguments", "eval", "globalThis", "setTimeout", "clearTimeout", "alert", "open", "close", "print", "find", "focus", "blur",
    "stop", "scroll"
])
# Between two parts: a statement the minifier keeps (it calls a global it cannot see), found again after it.
MARKER = "__kb_part_break__"
_MARKER_STATEMENT = f"\n;{MARKER}();\n"
# How the minifier writes a marker between two statements: alone, or inside a sequence of expression statements.
_WRITTEN_MARKER = re.compile(rf"[;,]?{MARKER}\(\)[;,]?")
_MEDIA_TYPE = "application/javascript"


class MinifyError(ProjectError, ValueError):
    """JavaScript the minifier cannot take apart again, or that tdewolff-minify rejects (with its message)."""


def _regex_may_follow(previous: str) -> bool:
    """The usual rule: a '/' starts a regex literal after an operator, an opening bracket or a keyword such as return."""
    if previous in _REGEX_AFTER_WORD:
        return True
    ends_operand = previous in (")", "]", "}", "++", "--") or (previous[:1] == "/" and len(previous) > 1)
    return not (_is_name(previous) or previous[:1] in "\"'`0123456789" or ends_operand)


def tokenize(js: str, keep_comments: bool = False) -> list[str]:
    """JS tokens: strings, regex literals (by the usual previous-token rule), names, numbers, blanks, punctuation.

    A comment becomes a blank, or stays a token of its own with keep_comments. Good enough to find
    `object.property` outside strings, comments and regexes in our own code; not a parser.
    """
    tokens: list[str] = []
    position = 0
    while position < len(js):
        if js[position] == "/":
            comment = _COMMENT.match(js, position)
            if comment:
                tokens.append(comment.group(0) if keep_comments else " ")
                position = comment.end()
                continue
            previous = next((token for token in reversed(tokens) if not token.isspace() and not token.startswith(("//", "/*"))), "(")
            literal = _REGEX_LITERAL.match(js, position) if _regex_may_follow(previous) else None
            if literal:
                tokens.append(literal.group(0))
                position = literal.end()
                continue
        token = _TOKEN.match(js, position)
        assert token is not None
        tokens.append(token.group(0))
        position = token.end()
    return tokens


def _is_name(token: str) -> bool:
    """True for an identifier or keyword token."""
    return bool(_NAME.fullmatch(token))


def short_names(count: int, taken: Iterable[str] = ()) -> list[str]:
    """a, b, …, Z, aa, ab, … skipping keywords, browser globals and the taken names."""
    letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
    skip = set(taken) | KEYWORDS | GLOBALS
    names: list[str] = []
    size = 1
    while len(names) < count:
        for number in range(len(letters) ** size):
            name = ""
            rest = number
            for _ in range(size):
                name = letters[rest % len(letters)] + name
                rest //= len(letters)
            if name not in skip:
                names.append(name)
                if len(names) == count:
                    break
        size += 1
    return names


def _code_tokens(js: str) -> list[str]:
    """Tokens without blanks and comments."""
    return [token for token in tokenize(js) if not token.isspace()]


def _member_of(tokens: Sequence[str], position: int) -> str | None:
    """For a property name (the token after '.'), the plain name before the dot (`K` in `K.div`, not in `x.K.div`); else None."""
    if position < 2 or tokens[position - 1] != "." or not _is_name(tokens[position]):
        return None
    owner = tokens[position - 2]
    if not _is_name(owner) or (position >= 3 and tokens[position - 3] in (".", "?.")):
        return ""
    return owner


def private_names(texts: Iterable[str], owner: str) -> dict[str, str]:
    """Short names for the properties of one object that only this program reads and writes, as `owner.name`.

    The most used gets the shortest. Pass every text that shares the object (bundle.py passes a
    calculator's runtime, its compiled logic and its file checks' compiled functions).
    """
    counts: dict[str, int] = {}
    for text in texts:
        tokens = _code_tokens(text)
        for position in range(2, len(tokens)):
            if _member_of(tokens, position) == owner:
                counts[tokens[position]] = counts.get(tokens[position], 0) + 1
    ranked = sorted(counts, key=lambda name: (-counts[name], name))
    return dict(zip(ranked, short_names(len(ranked))))


def rename_properties(js: str, owner: str | None = None, owned: Mapping[str, str] | None = None,
                      properties: Mapping[str, str] | None = None) -> str:
    """`owner.long` → `owner.<owned[long]>`, and `anything.long` → `anything.<properties[long]>`; the rest of the text as it was.

    Strings, regex literals, comments and object-literal keys are never touched: only a name right after a '.'.
    """
    tokens = tokenize(js, keep_comments=True)
    code = [position for position, token in enumerate(tokens) if not token.isspace() and not token.startswith(("//", "/*"))]
    visible = [tokens[position] for position in code]
    for index, position in enumerate(code):
        member = _member_of(visible, index)
        if member is None:
            continue
        name = visible[index]
        if owner is not None and member == owner and owned and name in owned:
            tokens[position] = owned[name]
        elif properties and name in properties:
            tokens[position] = properties[name]
    return "".join(tokens)


def minify_program(js: str) -> str:
    """tdewolff-minify on one whole program (no renaming of ours), writing ES5.

    ES5 output keeps "\\n" in quoted strings (from ES2015 on it writes a template literal with a
    real newline, and a bundle is one part per line). It transforms nothing newer back: the arrow
    functions of runtime.js and jsgen's output stay arrows (shorter than `function`).
    The binding's configuration is process-wide, so it is set on every call.
    """
    try:
        tdewolff.config({"js-version": 5})
        return str(tdewolff.string(_MEDIA_TYPE, js))
    except Exception as error:  # the binding raises a bare Exception carrying the parser's message and position
        raise MinifyError(f"tdewolff-minify: {error}") from None


def minify(parts: Sequence[str], private_object: str | None = None, properties: Mapping[str, str] | None = None,
           private: Mapping[str, str] | None = None) -> list[str]:
    """Minify the parts of one program together; each part comes back on its own (no newline inside).

    private_object names an object whose properties are read and written only as `name.property`
    in this program (the runtime's K): its properties are shortened (by `private`, or by
    private_names over these parts). properties renames `x.long` to `x.short` after any object
    (the caller writes its data with the same short keys). Every part must end at a statement boundary.
    """
    if any(MARKER in part for part in parts):
        raise MinifyError(f"a part contains the part marker {MARKER}")
    owned = dict(private) if private is not None else (private_names(parts, private_object) if private_object else {})
    renamed = [rename_properties(part, private_object, owned, properties) for part in parts]
    written = minify_program(_MARKER_STATEMENT.join(renamed))
    pieces = re.split(_WRITTEN_MARKER, written)
    if len(pieces) != len(parts) or written.count(MARKER) != len(parts) - 1:
        raise MinifyError(f"the minified program does not split back into its {len(parts)} parts (a part ends inside a statement?)")
    if any("\n" in piece for piece in pieces):
        raise MinifyError("tdewolff-minify wrote a newline inside a part")
    # each part ends its statement itself: a file can be joined to another script (bundle.check_js) without ASI surprises
    return [piece if piece.endswith(";") else piece + ";" for piece in pieces]
