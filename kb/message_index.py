"""The message index: collect where each ID is mentioned, write the index page, link the mentions.

A build feeds every rendered page to `MessageIndexBuilder.add_page` (sections and anchors come
from the real HTML, so they are exact), then asks it for the index page's Markdown. Pages get
their mentions turned into links with `link_mentions`.
"""
from __future__ import annotations

import html as html_lib
import posixpath
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from kb.html_text import Wrap, split_sections, wrap_running_text
from kb.message_catalogue import MessageEntry
from kb.messages import FAMILIES, anchor_of, family_of, find_mentions, product_of, severity_of

INDEX_TITLE = "Message index"
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


# One section of a page: its anchor (None at the top), its title, and the IDs it mentions in order.
SectionMentions = tuple[str | None, str | None, list[str]]


def page_mentions(html: str) -> list[SectionMentions]:
    """The message IDs a rendered page mentions, section by section."""
    return [(section.anchor, section.title, [mention.message_id for mention in find_mentions(section.text)])
            for section in split_sections(html)]


@dataclass(frozen=True)
class Place:
    """A page section that mentions an ID; `anchor` is None for the top of the page."""

    src_uri: str
    page_title: str
    anchor: str | None
    section_title: str | None


@dataclass
class MessageIndexBuilder:
    """Mentions gathered page by page during one build, keyed by message ID."""

    catalogue: dict[str, MessageEntry]
    places: dict[str, dict[Place, int]] = field(default_factory=dict)
    pages_seen: set[str] = field(default_factory=set)

    def add_page(self, src_uri: str, page_title: str, html: str) -> list[str]:
        """Record the page's mentions per section; return the IDs that have no catalogue entry."""
        return self.add_mentions(src_uri, page_title, page_mentions(html))

    def add_mentions(self, src_uri: str, page_title: str, sections: Iterable[SectionMentions]) -> list[str]:
        """Record a page's mentions as `page_mentions` gives them (kb.generate keeps them in kb.cache)."""
        self.pages_seen.add(src_uri)
        unknown: list[str] = []
        for anchor, title, message_ids in sections:
            place = Place(src_uri, page_title, anchor, title)
            for message_id in message_ids:
                counts = self.places.setdefault(message_id, {})
                counts[place] = counts.get(place, 0) + 1
                if message_id not in self.catalogue and message_id not in unknown:
                    unknown.append(message_id)
        return unknown

    def unmentioned(self) -> list[str]:
        """Return catalogue IDs that no page mentions (stale data)."""
        return sorted(set(self.catalogue) - set(self.places))

    def render_markdown(self, index_src_uri: str, page_order: Sequence[str]) -> str:
        """Write the index page body: one entry per mentioned ID, grouped by product."""
        rank = {src_uri: position for position, src_uri in enumerate(page_order)}
        lines = [f"# {INDEX_TITLE}", "", *_INTRODUCTION]
        for family in FAMILIES:
            ids = sorted(i for i in self.places if i in self.catalogue and family_of(i) == family)
            if not ids:
                continue
            lines += ["", f"## {family.product} {{ #family-{family.key.lower()} }}"]
            for message_id in ids:
                places = sorted(self.places[message_id].items(), key=lambda item: rank.get(item[0].src_uri, len(rank)))
                lines += ["", *_entry_markdown(self.catalogue[message_id], places, index_src_uri)]
        return "\n".join(lines) + "\n"


_INTRODUCTION = [
    "Every message ID, AIX boot LED code and APAR that appears on a page of this site: the product",
    "it comes from, its severity, a one-line meaning, and a link to every section that mentions it.",
    "Each mention on a page links back here.",
    "",
    "Spectrum Protect IDs carry their severity in the last letter: **I** information, **W** warning",
    "(processing continues, but problems may follow), **E** error (processing may stop), **S** severe",
    "(the function cannot continue and a user response is needed). ANR IDs come from the server, ANS",
    "from the backup-archive client, the administrative client or the API, ANE from client events",
    "logged at the server.",
    "",
    "A meaning marked **unconfirmed** could not be checked against IBM documentation: it is read from",
    "the author's logs and notes. Treat it as the best reading available, not as IBM's text.",
]


def _entry_markdown(entry: MessageEntry, places: Iterable[tuple[Place, int]], index_src_uri: str) -> list[str]:
    """Markdown of one ID's entry: heading with a stable anchor, facts, and where it is mentioned."""
    severity = severity_of(entry.message_id)
    severity_text = (
        f"{severity.letter}, {severity.name}: {severity.meaning}" if severity else "not encoded in this kind of ID"
    )
    confirmation = "" if entry.confirmed else " (**unconfirmed**)"
    links = [_place_link(place, count, index_src_uri) for place, count in places]
    return [
        f"### {entry.message_id} {{ #{anchor_of(entry.message_id)} }}",
        "",
        f"- **Product:** {product_of(entry.message_id)}",
        f"- **Severity:** {severity_text}",
        f"- **Meaning**{confirmation}: {entry.meaning}",
        f"- **Mentioned in:** {'; '.join(links)}",
    ]


def _place_link(place: Place, count: int, index_src_uri: str) -> str:
    """A Markdown link to a page section, labelled "Page › Section", with a count when above one."""
    target = posixpath.relpath(place.src_uri, posixpath.dirname(index_src_uri) or ".")
    if place.anchor:
        target += f"#{place.anchor}"
    label = escape_markdown(place.page_title)
    if place.section_title:
        label += f" › {escape_markdown(place.section_title)}"
    times = f" ({count} mentions)" if count > 1 else ""
    return f"[{label}]({target}){times}"


def escape_markdown(text: str) -> str:
    """Backslash-escape characters that would turn a title into Markdown or HTML markup."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def link_mentions(html: str, index_url: str, catalogue: dict[str, MessageEntry]) -> str:
    """Turn each known ID in running text into a link to its index entry (code and links stay as they are)."""
    return wrap_running_text(html, mention_finder(index_url, catalogue))


def mention_finder(index_url: str, catalogue: dict[str, MessageEntry]) -> Callable[[str], Iterable[Wrap]]:
    """The wraps of link_mentions for one run of text, for a walk over a page's tokens."""

    def wraps(text: str) -> Iterable[Wrap]:
        """Pick the catalogued IDs of one text run, each with its link markup."""
        for mention in find_mentions(text):
            entry = catalogue.get(mention.message_id)
            if entry is None:
                continue
            href = html_lib.escape(f"{index_url}#{anchor_of(mention.message_id)}", quote=True)
            title = html_lib.escape(mention_tooltip(entry), quote=True)
            yield Wrap(mention.start, mention.end, f'<a class="kb-message" href="{href}" title="{title}">', "</a>")

    return wraps


def may_mention(text: str, catalogue: dict[str, MessageEntry]) -> bool:
    """False when no catalogued ID can be in `text` (each is written as is; an LED code by its number), so a page needs no link walk."""
    return any((message_id[4:] if message_id.startswith("LED ") else message_id) in text for message_id in catalogue)


def mention_tooltip(entry: MessageEntry) -> str:
    """One line shown when hovering a mention: ID, product, severity, meaning, confirmation."""
    severity = severity_of(entry.message_id)
    kind = product_of(entry.message_id) + (f", {severity.name}" if severity else "")
    meaning = entry.meaning.replace("`", "")
    return f"{entry.message_id} ({kind}): {meaning}" + ("" if entry.confirmed else " [unconfirmed]")


def first_line_of(source: str, message_id: str) -> int | None:
    """Return the 1-based line where `message_id` is first written in a page source, for build errors."""
    for mention in find_mentions(source):
        if mention.message_id == message_id:
            return source.count("\n", 0, mention.start) + 1
    return None
