"""The glossary (kb/data/glossary.yaml): one source for the glossary page and the abbreviation tooltips.

`render_abbreviations` writes the `*[TERM]: expansion` lines that pymdownx.snippets appends to
every page (Python-Markdown's abbr extension turns them into `<abbr title=…>` tooltips);
`render_glossary` writes the glossary page's definition list. Errors are `path:line: reason`.
"""
from __future__ import annotations

import html as html_lib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from calculators.errors import ProjectError
from kb.cache import per_file_version
from kb.html_text import NO_WRAP_TAGS, Token, Wrap, wrap_running_text

# libyaml's parser where PyYAML was built with it (the wheels are): the same nodes, about ten times faster.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

DEFAULT_GLOSSARY = Path(__file__).parent / "data" / "glossary.yaml"
GLOSSARY_MARKER = "<!-- kb:glossary -->"
_FIELDS = ("term", "also", "expansion", "definition")
_REQUIRED = ("term", "expansion", "definition")
_SPELLING = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]*")
# An abbreviation glued to a file name (dsmcert.kdb, Tivoli\TSM\baclient) is not one: drop its tooltip.
# A slash is left alone: "JFS/JFS2" in prose is two abbreviations.
_ABBR_OPEN = re.compile(r"<abbr\b[^>]*>")
_GLUED_AFTER = re.compile(r"[.\\][A-Za-z0-9]")
_ABBR_IN_NAME = re.compile(r"(?<=[.\\])<abbr\b[^>]*>([^<]*)</abbr>|<abbr\b[^>]*>([^<]*)</abbr>(?=[.\\][A-Za-z0-9])")


@dataclass(frozen=True)
class GlossaryTerm:
    """One glossary entry: the term, other spellings with the same tooltip, expansion and definition."""

    term: str
    also: tuple[str, ...]
    expansion: str
    definition: str

    @property
    def spellings(self) -> tuple[str, ...]:
        """Every spelling that gets the tooltip: the term first."""
        return (self.term, *self.also)

    @property
    def anchor(self) -> str:
        """HTML id of the term on the glossary page, so pages can link `glossary.md#term-hmc`."""
        return "term-" + self.term.lower()


class GlossaryError(ProjectError, ValueError):
    """A malformed glossary entry, reported as `path:line: reason`."""

    def __init__(self, source: str, line: int, reason: str) -> None:
        self.source = source
        self.line = line
        self.reason = reason
        super().__init__(f"{source}:{line}: {reason}")


def parse_glossary(text: str, source: str) -> list[GlossaryTerm]:
    """Parse and validate glossary YAML (a list of entries); `source` names the file in errors."""
    try:
        root = yaml.compose(text, Loader=_LOADER)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise GlossaryError(source, mark.line + 1 if mark else 1, f"not valid YAML: {error}") from error
    if root is None:
        return []
    if not isinstance(root, yaml.SequenceNode):
        raise GlossaryError(source, root.start_mark.line + 1, "expected a list of entries (- term: …)")
    terms: list[GlossaryTerm] = []
    seen: dict[str, int] = {}
    for node in root.value:
        line = node.start_mark.line + 1
        term = _term(node, source, line)
        for spelling in term.spellings:
            if spelling in seen:
                raise GlossaryError(source, line, f"{spelling!r} is already defined at line {seen[spelling]}")
            seen[spelling] = line
        terms.append(term)
    return sorted(terms, key=lambda entry: entry.term.casefold())


def load_glossary(path: Path = DEFAULT_GLOSSARY, source: str | None = None) -> list[GlossaryTerm]:
    """Read the glossary file; `source` is the path shown in errors (default: the file path)."""
    return parse_glossary(path.read_text(encoding="utf-8"), source or str(path))


def site_glossary() -> list[GlossaryTerm]:
    """The site's glossary (kb/data/glossary.yaml), parsed once per version of the file (`mkdocs serve` edits it)."""
    return per_file_version(_site_glossary, DEFAULT_GLOSSARY)


def _site_glossary(path: Path) -> list[GlossaryTerm]:
    return load_glossary(path, "kb/data/glossary.yaml")


def _term(node: yaml.Node, source: str, line: int) -> GlossaryTerm:
    """Validate one entry: known fields, one-line texts, spellings the abbr extension can match."""
    if not isinstance(node, yaml.MappingNode):
        raise GlossaryError(source, line, f"expected an entry with {', '.join(_REQUIRED)}")
    data = yaml.constructor.SafeConstructor().construct_document(node)
    unknown = sorted(set(data) - set(_FIELDS))
    if unknown:
        raise GlossaryError(source, line, f"unknown field {unknown[0]!r} (accepted: {', '.join(_FIELDS)})")
    for name in _REQUIRED:
        value = data.get(name)
        if not isinstance(value, str) or not value.strip() or "\n" in value.strip():
            raise GlossaryError(source, line, f"{name!r} must be one line of text (got {value!r})")
    also = data.get("also", [])
    if not isinstance(also, list) or not all(isinstance(spelling, str) for spelling in also):
        raise GlossaryError(source, line, f"'also' must be a list of spellings (got {also!r})")
    for spelling in (data["term"], *also):
        if not _SPELLING.fullmatch(spelling):
            raise GlossaryError(source, line, f"{spelling!r} is not a spelling a tooltip can match (letters, digits, '-')")
    return GlossaryTerm(data["term"], tuple(also), data["expansion"].strip(), data["definition"].strip())


def render_abbreviations(terms: list[GlossaryTerm], source_name: str) -> str:
    """Write the abbreviation definitions that every page gets appended (the tooltips)."""
    lines = [f'[//]: # "Generated from {source_name} by the build: edit that file, not this one."']
    for term in terms:
        lines += [f"*[{spelling}]: {term.expansion}" for spelling in term.spellings]
    return "\n".join(lines) + "\n"


def render_glossary(terms: list[GlossaryTerm]) -> str:
    """Write the glossary page's definition list, one anchored term per entry."""
    blocks = []
    for term in terms:
        variants = [spelling for spelling in term.also if spelling != term.term + "s"]  # plurals go unsaid
        heading = term.term + (f" (also {', '.join(variants)})" if variants else "")
        blocks.append(f"{heading} {{ #{term.anchor} }}\n:   **{term.expansion}.** {term.definition}")
    return "\n\n".join(blocks) + "\n"


def fill_glossary_page(markdown: str, terms: list[GlossaryTerm]) -> str:
    """Replace the page's marker with the definition list; the marker must be there exactly once."""
    count = markdown.count(GLOSSARY_MARKER)
    if count != 1:
        raise ValueError(f"expected the marker {GLOSSARY_MARKER} once, found it {count} times")
    return markdown.replace(GLOSSARY_MARKER, render_glossary(terms))


def add_missing_tooltips(html: str, terms: list[GlossaryTerm]) -> str:
    """Give tooltips to abbreviations in HTML that hooks injected after Markdown (snippet caveats, tables).

    Markdown text already has them from the abbr extension; text inside an `<abbr>`, a link,
    code or a heading is left alone.
    """
    finder = tooltip_finder(terms)
    if finder is None:
        return html
    return wrap_running_text(html, finder, no_wrap=TOOLTIP_NO_WRAP, transparent=frozenset())


# Where add_missing_tooltips adds none: besides the usual, inside an existing <abbr>, an <option> or an <output>.
TOOLTIP_NO_WRAP = NO_WRAP_TAGS | {"abbr", "option", "output"}


def tooltip_finder(terms: list[GlossaryTerm]) -> Callable[[str], Iterator[Wrap]] | None:
    """The wraps of add_missing_tooltips for one run of text (None without terms), for a walk over a page's tokens."""
    expansions = {spelling: term.expansion for term in terms for spelling in term.spellings}
    if not expansions:
        return None
    pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(expansions, key=len, reverse=True))) + r")\b")

    def wraps(text: str) -> Iterator[Wrap]:
        """One `<abbr>` per glossary spelling in this run of text."""
        for match in pattern.finditer(text):
            title = html_lib.escape(expansions[match.group()], quote=True)
            yield Wrap(match.start(), match.end(), f'<abbr title="{title}">', "</abbr>")

    return wraps


def drop_tooltips_in_file_names(html: str) -> str:
    """Remove tooltips the abbr extension put on parts of file names (the kdb of dsmcert.kdb)."""
    return _ABBR_IN_NAME.sub(lambda match: match.group(1) if match.group(1) is not None else match.group(2), html)


def drop_tooltip_tokens_in_file_names(tokens: list[Token]) -> list[Token]:
    """drop_tooltips_in_file_names on a page's tokens (text without '<', neighbouring text merged).

    The same rule: an `<abbr …>TEXT</abbr>` right after '.' or '\\', or right before '.' or '\\'
    and a letter or digit, loses its tags; each decision looks at the tokens as they were.
    """
    dropped: set[int] = set()
    for index, token in enumerate(tokens):
        if not (token.is_tag and _ABBR_OPEN.fullmatch(token.markup)):
            continue
        close = index + 1 if index + 1 < len(tokens) and tokens[index + 1].is_tag else index + 2
        if close >= len(tokens) or tokens[close].markup != "</abbr>":
            continue
        glued_before = index > 0 and tokens[index - 1].markup[-1] in ".\\"
        after = ""
        for following in tokens[close + 1:]:
            after += following.markup
            if len(after) >= 2:
                break
        if glued_before or _GLUED_AFTER.match(after):
            dropped.update((index, close))
    return [token for index, token in enumerate(tokens) if index not in dropped] if dropped else tokens
