"""The message catalogue (kb/data/messages.yaml): a one-line meaning and a confirmed flag per ID.

Product and severity are not stored: they follow from the ID (see kb.messages), so the
data cannot contradict them. Errors name the file, the line, the entry and what is accepted.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from calculators.errors import ProjectError
from kb.cache import per_file_version
from kb.messages import is_message_id

DEFAULT_CATALOGUE = Path(__file__).parent / "data" / "messages.yaml"
_FIELDS = ("meaning", "confirmed")
# libyaml's parser where PyYAML was built with it (as kb.glossary): the same nodes and lines, faster.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class MessageEntry:
    """What the index says about one ID; `confirmed` is False where no IBM source confirmed the meaning."""

    message_id: str
    meaning: str
    confirmed: bool


class CatalogueError(ProjectError, ValueError):
    """A malformed catalogue entry, reported as `path:line: reason`."""

    def __init__(self, source: str, line: int, reason: str) -> None:
        self.source = source
        self.line = line
        self.reason = reason
        super().__init__(f"{source}:{line}: {reason}")


def parse_catalogue(text: str, source: str) -> dict[str, MessageEntry]:
    """Parse and validate catalogue YAML; `source` names the file in error messages."""
    try:
        root = yaml.compose(text, Loader=_LOADER)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise CatalogueError(source, mark.line + 1 if mark else 1, f"not valid YAML: {error}") from error
    if root is None:
        return {}
    if not isinstance(root, yaml.MappingNode):
        raise CatalogueError(source, root.start_mark.line + 1, "expected a mapping of message ID to {meaning, confirmed}")
    entries: dict[str, MessageEntry] = {}
    for key_node, value_node in root.value:
        line = key_node.start_mark.line + 1
        message_id = key_node.value if isinstance(key_node, yaml.ScalarNode) else ""
        if not is_message_id(message_id):
            raise CatalogueError(
                source, line,
                f"{message_id!r} is not a message ID in canonical spelling "
                "(accepted: ANR/ANS/ANE + 4 digits + I/W/E/S, 0950-NNN, 'LED NNN', APAR like IJ06720)",
            )
        if message_id in entries:
            raise CatalogueError(source, line, f"{message_id} is listed twice")
        entries[message_id] = _entry(message_id, value_node, source)
    return entries


def load_catalogue(path: Path = DEFAULT_CATALOGUE, source: str | None = None) -> dict[str, MessageEntry]:
    """Read the catalogue file; `source` is the path shown in errors (default: the file path)."""
    return parse_catalogue(path.read_text(encoding="utf-8"), source or str(path))


def site_catalogue() -> dict[str, MessageEntry]:
    """The site's catalogue (kb/data/messages.yaml), parsed once per version of the file (`mkdocs serve` edits it)."""
    return per_file_version(_site_catalogue, DEFAULT_CATALOGUE)


def _site_catalogue(path: Path) -> dict[str, MessageEntry]:
    return load_catalogue(path, "kb/data/messages.yaml")


def _entry(message_id: str, node: yaml.Node, source: str) -> MessageEntry:
    """Validate one entry's mapping: exactly `meaning` (one line of text) and `confirmed` (true/false)."""
    line = node.start_mark.line + 1
    if not isinstance(node, yaml.MappingNode):
        raise CatalogueError(source, line, f"{message_id}: expected a mapping with {', '.join(_FIELDS)}")
    data = yaml.constructor.SafeConstructor().construct_document(node)  # the node's value, as safe_load gives it
    unknown = sorted(set(data) - set(_FIELDS))
    if unknown:
        raise CatalogueError(source, line, f"{message_id}: unknown field {unknown[0]!r} (accepted: {', '.join(_FIELDS)})")
    meaning = data.get("meaning")
    if not isinstance(meaning, str) or not meaning.strip() or "\n" in meaning.strip():
        raise CatalogueError(source, line, f"{message_id}: 'meaning' must be one line of text (got {meaning!r})")
    confirmed = data.get("confirmed")
    if not isinstance(confirmed, bool):
        raise CatalogueError(source, line, f"{message_id}: 'confirmed' must be true or false (got {confirmed!r})")
    return MessageEntry(message_id, meaning.strip(), confirmed)
