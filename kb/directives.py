"""Find and replace directive blocks (```calculator, ```snippet …) in page Markdown.

A directive is a fenced code block whose info string is a directive kind; its
body is YAML options. Fences cannot collide with shell, awk, Jinja or TSM macro
syntax, and an editor shows them as what they are. Hooks call `find_directives`
in on_page_markdown, swap each block for a placeholder paragraph, and put the
rendered HTML back in on_page_content (so raw HTML never meets Markdown's
block parser, even inside admonitions or tabs).
"""
from __future__ import annotations

import os
import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

import yaml

from calculators.errors import ProjectError

_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^`\n]*?)[ \t]*$")
T = TypeVar("T")
_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
_PLACEHOLDER_HTML = re.compile(r"<p>(KB[A-Z]+\d{6}X)</p>")
# An HTML comment block starts a line (up to three spaces in); a directive inside it is commented out.
_COMMENT_OPEN = re.compile(r"^ {0,3}<!--")
REASON_LIMIT = 400


class _Refused(ProjectError, yaml.YAMLError):
    """YAML this project does not accept in a directive (a duplicate key, an alias or anchor), at a 0-based body line."""

    def __init__(self, line: int, problem: str) -> None:
        self.line = line
        self.problem = problem
        super().__init__(problem)


def _event_line(event: yaml.Event) -> int:
    """The 0-based line a YAML event starts on (the parser marks every event it makes; 0 for an unmarked one)."""
    return event.start_mark.line if event.start_mark is not None else 0


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader that refuses duplicate keys (YAML would keep the last silently) and aliases/anchors.

    An alias lets a 300-byte block expand into gigabytes (each *name repeats a whole
    subtree); options never need one, so they are refused where they are written.
    """

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            raise _Refused(_event_line(event), f"YAML aliases (*{event.anchor}) are not accepted; write the value out")
        if getattr(event, "anchor", None) is not None:
            raise _Refused(_event_line(event), f"YAML anchors (&{event.anchor}) are not accepted; write the value out")
        return super().compose_node(parent, index)

    def construct_mapping(self, node: Any, deep: bool = False) -> Any:
        first: dict[Any, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            try:
                earlier = first.get(key)
            except TypeError:
                continue  # an unhashable key: SafeLoader reports it below
            if earlier is not None:
                raise _Refused(key_node.start_mark.line,
                               f"key {_short(key)} is given twice (first on line {{line:{earlier}}}); YAML would keep only the last")
            first[key] = key_node.start_mark.line
        return super().construct_mapping(node, deep=deep)


def _short(key: Any) -> str:
    """A key quoted for a message, cut to 60 characters."""
    text = repr(key) if not isinstance(key, str) else f"'{key}'"
    return text if len(text) <= 60 else text[:59] + "…"


def bounded(reason: str, limit: int = REASON_LIMIT) -> str:
    """A reason as one line of at most `limit` characters: a pasted value cannot flood or split the build log."""
    text = reason.replace("\r", "\\r").replace("\n", "\\n")
    return text if len(text) <= limit else text[: limit - 1] + "…"


class DirectiveError(ProjectError, ValueError):
    """A malformed directive: carries the page path and the 1-based line for the build error."""

    def __init__(self, src_path: str, line: int, reason: str) -> None:
        self.src_path = src_path
        self.line = line
        self.reason = bounded(reason)
        super().__init__(f"{src_path}:{line}: {self.reason}")


@dataclass(frozen=True)
class Directive:
    """One directive block as written in a page."""

    kind: str
    options: dict[str, Any]
    body: str
    src_path: str
    line: int
    start: int
    end: int
    indent: str = ""
    info: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def error(self, reason: str, line_offset: int = 0) -> DirectiveError:
        """Build an error pointing at this directive's opening fence (or a line inside it)."""
        return DirectiveError(self.src_path, self.line + line_offset, reason)


def author_path(config_file_path: str | None, docs_dir: str, src_uri: str) -> str:
    """A page's path as its author sees it from the project root (docs/bicycles/tire-pressure.md), for errors."""
    base = os.path.dirname(config_file_path or "") or os.getcwd()
    return f"{os.path.relpath(docs_dir, base)}/{src_uri}".replace(os.sep, "/")


def body_first_line(source: str) -> int:
    """The file line on which a page's Markdown body starts, after its YAML front matter.

    Generators hand hooks the body without its front matter (and the blank lines after it),
    so a directive's line in the body is shifted by this much for the author's
    `docs/page.md:LINE`. Only `---` front matter is recognised, which is what these pages use.
    """
    matched = _FRONT_MATTER.match(source)
    if not matched:
        return 1
    rest = source[matched.end():]
    return source[: len(source) - len(rest.lstrip("\n"))].count("\n") + 1


def find_directives(markdown: str, kinds: Collection[str], src_path: str, first_line: int = 1) -> list[Directive]:
    """Return the directive blocks of the given kinds, in page order; bad YAML raises DirectiveError.

    `first_line` is the file line of the Markdown's first line (see body_first_line), so that
    reported lines are the author's.
    """
    shift = first_line - 1
    lines = markdown.splitlines(keepends=True)
    offsets = [0]
    for text in lines:
        offsets.append(offsets[-1] + len(text))
    found: list[Directive] = []
    index = 0
    while index < len(lines):
        if _COMMENT_OPEN.match(lines[index]):
            index = _comment_end(lines, index) + 1  # a commented-out directive is neither validated nor placed
            continue
        opening = _FENCE.match(lines[index].rstrip("\n"))
        if not opening:
            index += 1
            continue
        fence = opening.group("fence")
        info = opening.group("info")
        close = _find_close(lines, index + 1, fence)
        kind = info.split()[0] if info.split() else ""
        kind = kind.lstrip("{.").rstrip("}")
        if kind in kinds:
            if close is None:
                raise DirectiveError(src_path, shift + index + 1, f"```{kind} block is never closed")
            indent = opening.group("indent")
            body = "".join(_dedent(text, indent) for text in lines[index + 1 : close])
            found.append(
                Directive(
                    kind=kind,
                    options=_load_options(body, src_path, shift + index + 1, kind),
                    body=body,
                    src_path=src_path,
                    line=shift + index + 1,
                    start=offsets[index],
                    end=offsets[close + 1],
                    indent=indent,
                    info=info,
                )
            )
        index = (close if close is not None else len(lines)) + 1
    return found


def _comment_end(lines: list[str], start: int) -> int:
    """Index of the line that ends the HTML comment opened on line `start` (the last line when it never ends)."""
    if "-->" in lines[start][lines[start].index("<!--") + 4:]:
        return start
    for number in range(start + 1, len(lines)):
        if "-->" in lines[number]:
            return number
    return len(lines) - 1


def _find_close(lines: list[str], start: int, fence: str) -> int | None:
    """Index of the line closing a fence opened with `fence`, or None."""
    char, size = fence[0], len(fence)
    for number in range(start, len(lines)):
        stripped = lines[number].strip()
        if stripped and set(stripped) == {char} and len(stripped) >= size:
            return number
    return None


def _dedent(text: str, indent: str) -> str:
    """Remove the fence's indentation from a body line."""
    return text[len(indent):] if indent and text.startswith(indent) else text.lstrip(" \t") if indent else text


def _load_options(body: str, src_path: str, line: int, kind: str) -> dict[str, Any]:
    """Parse a directive body as a YAML mapping; an error names the offending line."""
    try:
        loaded = yaml.load(body, Loader=_StrictLoader) if body.strip() else {}  # _StrictLoader is a SafeLoader
    except _Refused as error:
        problem = re.sub(r"\{line:(\d+)\}", lambda match: str(line + 1 + int(match.group(1))), error.problem)
        raise DirectiveError(src_path, line + 1 + error.line, f"{kind} directive: {problem}") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        offset = mark.line + 1 if mark is not None else 0
        problem = getattr(error, "problem", None) or str(error)
        raise DirectiveError(src_path, line + offset, f"{kind} directive: invalid YAML: {problem}") from None
    if loaded is None:
        return {}
    if not isinstance(loaded, dict):
        raise DirectiveError(src_path, line, f"{kind} directive: options must be 'key: value' lines")
    return {str(key): value for key, value in loaded.items()}


def standalone_error(directive: Directive) -> DirectiveError:
    """The error for a directive whose placeholder Markdown merged into a paragraph, list item text or table."""
    return directive.error(f"{directive.kind} directive must stand alone as its own block "
                           "(a blank line before and after it; not inside a paragraph, list item text or table)")


def option_line(directive: Directive, option: str) -> int:
    """The page line on which an option is written (the fence line when not found)."""
    for number, text in enumerate(directive.body.splitlines(), start=1):
        if re.match(rf"\s*{re.escape(option)}\s*:", text):
            return directive.line + number
    return directive.line


def replace_with_placeholders(markdown: str, directives: list[Directive], first: int = 0) -> tuple[str, dict[str, Directive]]:
    """Swap each directive for a placeholder paragraph (unique per kind); return the text and token → directive."""
    pieces: list[str] = []
    mapping: dict[str, Directive] = {}
    cursor = 0
    for number, directive in enumerate(directives, start=first):
        token = f"KB{directive.kind.upper()}{number:06d}X"
        mapping[token] = directive
        pieces.append(markdown[cursor : directive.start])
        pieces.append(f"{directive.indent}{token}\n\n")
        cursor = directive.end
    pieces.append(markdown[cursor:])
    return "".join(pieces), mapping


def restore_placeholders(html: str, rendered: Mapping[str, str]) -> str:
    """Put rendered HTML where the placeholder paragraphs are."""
    return _PLACEHOLDER_HTML.sub(lambda match: rendered.get(match.group(1), match.group(0)), html)


def swap_page_directives(
    markdown: str, source: str, kind: str, src_path: str, prepare: Callable[[Directive], T]
) -> tuple[str, dict[str, T]]:
    """Find a page's directives of one kind, prepare each, and swap them for placeholders.

    `source` is the page file as written (front matter included) so that errors, raised as
    DirectiveError by the finder or by `prepare`, name the author's line. Returns the new text
    and placeholder token → prepared value, in page order.
    """
    directives = find_directives(markdown, {kind}, src_path, body_first_line(source))
    if not directives:
        return markdown, {}
    prepared = [prepare(directive) for directive in directives]
    text, tokens = replace_with_placeholders(markdown, directives)
    return text, dict(zip(tokens, prepared))


def place_rendered(html: str, rendered: Mapping[str, str]) -> tuple[str, list[str]]:
    """Put rendered HTML where the placeholders are; also return the tokens that could not be placed.

    A placeholder is placed only when it is a paragraph of its own: one that Markdown merged into
    a paragraph, list item text or table cell stays in the text and is returned, so the caller
    can fail the build instead of shipping a stray token.
    """
    result = restore_placeholders(html, rendered)
    return result, [token for token in rendered if token in result]
