"""A small minifier for the JavaScript we generate and write ourselves (runtime.js sections, data, compiled logic).

Not a general JS minifier: it knows the ES5 style of runtime.js and jsgen's output and
refuses what it does not handle (arrow functions, let/const, classes, template literals,
spread, default parameters). It drops blanks and comments, shortens every declared name
(var, function, parameters, catch) with one program-wide renaming, renames the properties
the caller names (the runtime's K helpers, the bundle's spec keys), drops parentheses
only where operator precedence proves them redundant, merges consecutive var statements,
and writes `1.0` as `1` and `true` as `!0`. Object keys and free (global) names are never
renamed. tests/test_calc_minify.py pins each rule and runs random expressions in Chromium.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from .errors import ProjectError

_TOKEN = re.compile(
    r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|[A-Za-z_$][\w$]*|[0-9]+(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?|\s+'
    r"|===|!==|>>>=?|<<=?|>>=?|=>|\.\.\.|[=!<>]=|&&|\|\||\+\+|--|[-+*%&|^]=|.",
    re.DOTALL,
)
_COMMENT = re.compile(r"//[^\n]*|/\*.*?\*/", re.DOTALL)
_REGEX_LITERAL = re.compile(r"/(?:[^/\\\[\n]|\\.|\[(?:[^\]\\\n]|\\.)*\])+/[gimsuy]*")
_REGEX_AFTER_WORD = {"return", "typeof", "case", "throw", "in", "of", "else", "do", "void", "delete", "new", "instanceof"}
_NAME = re.compile(r"[A-Za-z_$][\w$]*")
_INTEGRAL_FLOAT = re.compile(r"([0-9]+)\.0*")

KEYWORDS = frozenset(
    "break case catch class const continue debugger default delete do else enum export extends false finally for function if "
    "implements import in instanceof interface let new null package private protected public return static super switch this "
    "throw true try typeof var void while with yield await".split()
)
# Names a browser defines globally: never renamed even where a function declares one (its other uses may mean the global).
GLOBALS = frozenset(
    "window document location history navigator console self top parent frames name status length event origin screen "
    "Math JSON Number String Boolean Array Object RegExp Map Set WeakMap Symbol Error TypeError Date Promise Function "
    "isFinite isNaN parseInt parseFloat URLSearchParams URL undefined NaN Infinity arguments eval globalThis setTimeout "
    "clearTimeout alert open close print find focus blur stop scroll".split()
)
PART = "\x00"  # between the parts of one program: nothing is joined or dropped across it
_UNSUPPORTED = {"=>": "arrow functions", "`": "template literals", "let": "let", "const": "const", "class": "classes", "...": "spread"}
_STATEMENT_PAREN = {"if", "while", "for", "switch", "catch", "function", "with"}
_GROUP_AFTER_WORD = {"return", "typeof", "in", "instanceof", "case", "throw", "void", "delete", "else"}
# Binding strength of binary operators (higher binds tighter); '?:' and assignment are 2, a comma 1, a primary 20.
_BINARY = {"||": 3, "&&": 4, "|": 5, "^": 6, "&": 7, "==": 8, "!=": 8, "===": 8, "!==": 8, "<": 9, ">": 9, "<=": 9, ">=": 9,
           "instanceof": 9, "in": 9, "<<": 10, ">>": 10, ">>>": 10, "+": 11, "-": 11, "*": 12, "/": 12, "%": 12}
_ASSIGNMENTS = {"=", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "<<=", ">>=", ">>>="}
_UNARY = {"!", "~", "typeof", "void", "delete"}
_OPERAND_END = {")", "]", "++", "--", "this", "null", "true", "false"}
_PRIMARY = 20
_ENDS = {")", "]", ",", ";", "}", ":"}


class MinifyError(ProjectError, ValueError):
    """JavaScript the minifier does not handle (it refuses rather than guess)."""


def _regex_may_follow(previous: str) -> bool:
    """The usual rule: a '/' starts a regex literal after an operator, an opening bracket or a keyword such as return."""
    if previous in _REGEX_AFTER_WORD:
        return True
    return not (_is_name(previous) or previous[:1] in "\"'0123456789" or previous in (")", "]", "}", "++", "--") or (previous[:1] == "/" and len(previous) > 1))


def tokenize(js: str, keep_comments: bool = False) -> list[str]:
    """JS tokens: strings, regex literals (by the usual previous-token rule), names, numbers, blanks, punctuation.

    A comment becomes a blank, or stays a token of its own with keep_comments.
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


def _join(tokens: Iterable[str]) -> str:
    """Tokens written back with a blank only where two would merge (a b, a - -b, a + +b, a / /x/, a < !--b)."""
    out: list[str] = []
    for token in tokens:
        last = out[-1][-1:] if out else ""
        if re.match(r"[\w$]", last) and re.match(r"[\w$]", token):
            out.append(" ")
        elif (last in ("+", "-") and token[:1] == last) or (last == "/" and token[:1] in "/*") or (last == "<" and token[:1] == "!"):
            out.append(" ")
        out.append(token)
    return "".join(out)


def _after_dot(tokens: Sequence[str], position: int) -> bool:
    """True when the token is a property name (K.div), which must keep its name."""
    return position > 0 and tokens[position - 1] == "."


def _is_key(tokens: Sequence[str], position: int) -> bool:
    """True for an object-literal key or a label: a name after '{' or ',' and before ':'."""
    return 0 < position < len(tokens) - 1 and tokens[position - 1] in ("{", ",") and tokens[position + 1] == ":"


def short_names(count: int, taken: set[str] = frozenset()) -> list[str]:  # type: ignore[assignment]
    """a, b, …, Z, aa, ab, … skipping keywords and the taken names."""
    letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
    names: list[str] = []
    size = 1
    while len(names) < count:
        for number in range(len(letters) ** size):
            name = ""
            rest = number
            for _ in range(size):
                name = letters[rest % len(letters)] + name
                rest //= len(letters)
            if name not in KEYWORDS and name not in taken and name not in GLOBALS:
                names.append(name)
                if len(names) == count:
                    break
        size += 1
    return names


def _matching(tokens: Sequence[str]) -> dict[int, int]:
    """Index of each '(' , '[' or '{' → index of its closing partner."""
    pairs: dict[int, int] = {}
    stack: list[int] = []
    for position, token in enumerate(tokens):
        if token == PART:
            continue
        if token in ("(", "[", "{"):
            stack.append(position)
        elif token in (")", "]", "}"):
            if not stack:
                raise MinifyError(f"unbalanced '{token}'")
            pairs[stack.pop()] = position
    if stack:
        raise MinifyError(f"unclosed '{tokens[stack[-1]]}'")
    return pairs


def declared_names(tokens: Sequence[str]) -> set[str]:
    """Names the program declares itself: var, function names and parameters, catch bindings."""
    names: set[str] = set()
    pairs = _matching(tokens)
    for position, token in enumerate(tokens):
        if token == "function":
            start = position + 1
            if start < len(tokens) and _is_name(tokens[start]):
                names.add(tokens[start])
                start += 1
            if tokens[start] != "(":
                raise MinifyError("function without a parameter list")
            names.update(token for token in tokens[start + 1:pairs[start]] if token != ",")
        elif token == "catch":
            names.add(tokens[position + 2])
        elif token == "var":
            names.update(_var_names(tokens, position, pairs))
    bad = sorted(name for name in names if not _is_name(name) or name in KEYWORDS)
    if bad:
        raise MinifyError(f"unexpected declared names {bad} (default or destructured parameters are not handled)")
    return names


def _var_names(tokens: Sequence[str], position: int, pairs: dict[int, int]) -> list[str]:
    """The names one `var a = …, b, c = …` statement declares (commas inside brackets are skipped)."""
    names = [tokens[position + 1]]
    cursor = position + 2
    while cursor < len(tokens):
        token = tokens[cursor]
        if cursor in pairs:
            cursor = pairs[cursor] + 1
            continue
        if token in (";", ")", "}", "in"):
            break
        if token == ",":
            names.append(tokens[cursor + 1])
        cursor += 1
    return names


def _renaming(parts: list[list[str]]) -> dict[str, str]:
    """One program-wide renaming of every declared name, the most used getting the shortest."""
    everything = [token for part in parts for token in part]
    declared = declared_names(everything) - GLOBALS
    counts: dict[str, int] = {}
    other: set[str] = set()
    for part in parts:
        for position, token in enumerate(part):
            if not _is_name(token) or _after_dot(part, position) or _is_key(part, position):
                continue
            if token in declared:
                counts[token] = counts.get(token, 0) + 1
            else:
                other.add(token)
    ranked = sorted(counts, key=lambda name: (-counts[name], name))
    return dict(zip(ranked, short_names(len(ranked), other | KEYWORDS)))


def _top_level_comma(tokens: Sequence[str], start: int, end: int, pairs: dict[int, int]) -> bool:
    """True when tokens[start:end] holds a comma outside any brackets (a sequence expression)."""
    cursor = start
    while cursor < end:
        if cursor in pairs:
            cursor = pairs[cursor] + 1
            continue
        if tokens[cursor] == ",":
            return True
        cursor += 1
    return False


def _binary_at(tokens: Sequence[str], position: int) -> bool:
    """True when the token is a binary operator ('-' after an operand, not the sign of one)."""
    token = tokens[position] if 0 <= position < len(tokens) else ""
    if token not in _BINARY or _after_dot(tokens, position):
        return False
    if token not in ("+", "-"):
        return True
    previous = tokens[position - 1] if position > 0 else ""
    return previous in _OPERAND_END or (_is_name(previous) and previous not in KEYWORDS) or previous[:1] in "\"'0123456789" or (previous[:1] == "/" and len(previous) > 1)


def _loosest(tokens: Sequence[str], start: int, end: int, pairs: dict[int, int]) -> int:
    """Binding strength of the loosest operator outside brackets in tokens[start:end] (0 when unsure)."""
    level = _PRIMARY
    cursor = start
    while cursor < end:
        if cursor in pairs:
            cursor = pairs[cursor] + 1
            continue
        token = tokens[cursor]
        if token == ",":
            return 1
        if token in _ASSIGNMENTS or token in ("?", ":"):
            level = min(level, 2)
        elif _binary_at(tokens, cursor):
            level = min(level, _BINARY[token])
        elif token in ("+", "-") and cursor > start and tokens[cursor - 1] == "}":
            return 0  # after a block or a literal: cannot tell a sign from a binary operator
        cursor += 1
    return level


def _redundant(tokens: Sequence[str], open_at: int, close_at: int, pairs: dict[int, int]) -> bool:
    """True when the parentheses at open_at/close_at group an expression whose parse they cannot change."""
    before = tokens[open_at - 1] if open_at > 0 else PART
    after = tokens[close_at + 1] if close_at + 1 < len(tokens) else PART
    if PART in (before, after) or _after_dot(tokens, open_at - 1):
        return False  # x.delete(k) is a call, not the delete operator
    if before in ("]", "}") or before in _STATEMENT_PAREN or before[:1] in "\"'0123456789" or (before[:1] == "/" and len(before) > 1):
        return False  # a call, a parameter list or a statement's own parentheses
    if before in (")", "++", "--") or (_is_name(before) and before not in _GROUP_AFTER_WORD):
        return False
    inner = tokens[open_at + 1:close_at]
    if len(inner) == 1:
        atom = inner[0]
        if atom[:1].isdigit():
            return after != "."  # (5).toString() needs them
        return _is_name(atom) or atom[:1] in "\"'/"
    if inner[0] in ("function", "{"):
        return False  # could start a statement
    loosest = _loosest(tokens, open_at + 1, close_at, pairs)
    if loosest <= 1:
        return False
    if _binary_at(tokens, open_at - 1):
        if loosest <= _BINARY[before]:
            return False
        context = _ENDS
    elif before in _UNARY or before in ("+", "-"):
        if loosest < _PRIMARY:
            return False
        context = _ENDS
    elif before in ("(", "[", ","):
        context = {")", "]", ","}  # an argument or an element
    elif before == "return" or before in _ASSIGNMENTS or before == ":":
        context = _ENDS
    elif before == "?":
        context = {":"}
    else:
        return False
    if _binary_at(tokens, close_at + 1):
        return loosest >= _BINARY[after]
    if after == "?":
        return loosest > 2
    return after in context


def drop_parentheses(tokens: list[str]) -> list[str]:
    """Remove parentheses that cannot change the parse (see _redundant), until none is left."""
    while True:
        pairs = _matching(tokens)
        dropped: set[int] = set()
        enclosing: list[int] = []
        for open_at in sorted(pairs):
            while enclosing and pairs[enclosing[-1]] < open_at:
                enclosing.pop()
            parent = enclosing[-1] if enclosing else None
            enclosing.append(open_at)
            if parent in dropped:
                continue  # its parent's decision read this pair as one unit: decide it on the next pass
            if tokens[open_at] == "(" and _redundant(tokens, open_at, pairs[open_at], pairs):
                dropped.update((open_at, pairs[open_at]))
        if not dropped:
            return tokens
        tokens = [token for position, token in enumerate(tokens) if position not in dropped]


def merge_var_statements(tokens: list[str]) -> list[str]:
    """`var a = 1; var b = 2;` → `var a = 1, b = 2;` where the previous statement is itself a var statement."""
    pairs = _matching(tokens)
    opener_of = {close: open_at for open_at, close in pairs.items()}
    dropped: set[int] = set()
    for position, token in enumerate(tokens):
        if token != "var" or position < 2 or tokens[position - 1] != ";":
            continue
        cursor = position - 2
        while cursor >= 0 and tokens[cursor] not in (";", "{", "(", "[", PART):
            cursor = opener_of.get(cursor, cursor) - 1  # step over a whole bracketed group
        if tokens[cursor + 1] == "var":
            dropped.add(position)
            tokens[position - 1] = ","
    return [token for position, token in enumerate(tokens) if position not in dropped]


def _short_literal(tokens: Sequence[str], position: int) -> str:
    """`true` → `!0`, `false` → `!1` (unless a property access follows)."""
    following = tokens[position + 1] if position + 1 < len(tokens) else ""
    if following in (".", "[", "("):
        return tokens[position]
    return "!0" if tokens[position] == "true" else "!1"


def _short_number(tokens: Sequence[str], position: int) -> str:
    """'305.0' → '305' (the same JS number), unless a '.' follows."""
    token = tokens[position]
    whole = _INTEGRAL_FLOAT.fullmatch(token)
    following = tokens[position + 1] if position + 1 < len(tokens) else ""
    return whole.group(1) if whole and following != "." else token


def _property_renaming(parts: list[list[str]], owner: str) -> dict[str, str]:
    """Short names for the properties of one object that only this program uses (owner.name → owner.a)."""
    counts: dict[str, int] = {}
    for tokens in parts:
        for position in range(2, len(tokens)):
            if tokens[position - 1] == "." and tokens[position - 2] == owner and not _after_dot(tokens, position - 2) and _is_name(tokens[position]):
                counts[tokens[position]] = counts.get(tokens[position], 0) + 1
    ranked = sorted(counts, key=lambda name: (-counts[name], name))
    return dict(zip(ranked, short_names(len(ranked))))


def minify(parts: list[str], private_object: str | None = None, properties: dict[str, str] | None = None) -> list[str]:
    """Minify parts of one program together (one renaming across them); each part comes back on its own.

    private_object names an object whose properties are read and written only as `name.property`
    in this program (the runtime's K): its properties are shortened too. properties renames
    `x.long` to `x.short` after any object (the caller writes its data with the same short keys).
    """
    token_parts = []
    for part in parts:
        tokens = [token for token in tokenize(part) if not token.isspace()]
        for token in tokens:
            if token in _UNSUPPORTED:
                raise MinifyError(f"{_UNSUPPORTED[token]} are not handled by calculators/minify.py")
        token_parts.append(tokens)
    rename = _renaming(token_parts)
    owned_names = _property_renaming(token_parts, private_object) if private_object else {}
    program: list[str] = []
    for tokens in token_parts:
        for position, token in enumerate(tokens):
            if _after_dot(tokens, position):
                owned = position >= 2 and tokens[position - 2] == private_object and not _after_dot(tokens, position - 2)
                program.append(owned_names.get(token, token) if owned else (properties or {}).get(token, token))
            elif token in rename and not _is_key(tokens, position):
                program.append(rename[token])
            elif token in ("true", "false") and not _is_key(tokens, position):
                program.append(_short_literal(tokens, position))
            else:
                program.append(_short_number(tokens, position) if token[:1].isdigit() else token)
        program.append(PART)
    written = _join(merge_var_statements(drop_parentheses(program[:-1])))
    return written.split(PART)
