"""Message index: ID detection, derivation, catalogue, HTML linking, build failures, and the built site."""
from __future__ import annotations

import re
import subprocess
import textwrap
from html.parser import HTMLParser
from pathlib import Path

import pytest

from kb.generate import GenerateError, Result, generate
from kb.generate import main as generate_main
from kb.html_text import plain_text, split_sections
from kb.message_catalogue import CatalogueError, load_catalogue, parse_catalogue
from kb.message_index import MessageIndexBuilder, first_line_of, link_mentions
from kb.messages import anchor_of, find_mentions, is_message_id, message_ids, product_of, severity_of

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = load_catalogue()


# --- detection -------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ANR8599W The connection failed", ["ANR8599W"]),
        ("errors ANS1695E, ANS1592E and ANS8023E.", ["ANS1695E", "ANS1592E", "ANS8023E"]),
        ("ANE4991I logged", ["ANE4991I"]),
        ("ANR2284S.", ["ANR2284S"]),
        ("ethchan_config: 0950-021 Unable to delete", ["0950-021"]),
        ("(0950-022)", ["0950-022"]),
        ("stopped at LED 554.", ["LED 554"]),
        ("LED\n554 wrapped by the editor", ["LED 554"]),
        ("Recovery from LED 552, 554, or 556", ["LED 552", "LED 554", "LED 556"]),
        ("LED 552,\nLED 554 and LED 556", ["LED 552", "LED 554", "LED 556"]),
        ("APAR IJ06720 was opened", ["IJ06720"]),
        ("see IV97586 and IV88585", ["IV97586", "IV88585"]),
    ],
)
def test_finds_message_ids(text: str, expected: list[str]) -> None:
    assert message_ids(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "ANR12345W",            # five digits
        "ANRXXXXW",             # no digits
        "ANR8599X",             # not a severity letter
        "anr8599w",             # lower case
        "XANR8599W",            # glued to a word
        "ANR8599WX",
        "ANX8599W",             # not a Spectrum Protect prefix
        "a bare 554 is not a LED code",
        "LED 5540",
        "error code for LEDs:\n96",
        "10950-021 and 0950-0211",
        "0951-021",
        "IJ0672 and IJ067201",  # wrong digit counts
        "ij06720",
    ],
)
def test_ignores_look_alikes(text: str) -> None:
    assert message_ids(text) == []


def test_led_mentions_cover_the_word_led_where_written() -> None:
    text = "from LED 552, 554 or LED 556"
    spans = [text[m.start:m.end] for m in find_mentions(text)]
    assert spans == ["LED 552", "554", "LED 556"]


@pytest.mark.parametrize(
    ("message_id", "product", "severity"),
    [
        ("ANR8599W", "Spectrum Protect server", "warning"),
        ("ANR2284S", "Spectrum Protect server", "severe"),
        ("ANS8023E", "Spectrum Protect client, administrative client or API", "error"),
        ("ANE4991I", "Spectrum Protect client event, logged at the server", "information"),
        ("0950-021", "AIX EtherChannel (ethchan_config)", None),
        ("LED 554", "AIX boot LED code", None),
        ("IJ06720", "IBM APAR (a defect report and its fix)", None),
    ],
)
def test_product_and_severity_come_from_the_id(message_id: str, product: str, severity: str | None) -> None:
    assert product_of(message_id) == product
    found = severity_of(message_id)
    assert (found.name if found else None) == severity


def test_canonical_ids_and_anchors() -> None:
    assert is_message_id("LED 554") and not is_message_id("554") and not is_message_id("LED554")
    assert anchor_of("LED 554") == "msg-led-554"
    assert anchor_of("0950-021") == "msg-0950-021"
    with pytest.raises(ValueError, match="not a message ID"):
        product_of("ANR12345W")


# --- catalogue -------------------------------------------------------------------------------

def test_catalogue_confirmation_follows_the_reference() -> None:
    confirmed = {i for i, entry in CATALOGUE.items() if entry.confirmed}
    assert {"ANS8023E", "ANS1592E", "ANR0454E", "0950-022", "LED 554"} <= confirmed
    unconfirmed = set(CATALOGUE) - confirmed
    assert {"ANR8599W", "ANR2284S", "ANR0456W", "ANR1651E", "ANR4377E", "ANR3151E", "ANR3103E",
            "ANR3335W", "ANS1695E", "IJ06720", "0950-021"} <= unconfirmed


def test_catalogue_has_every_id_of_the_notes_and_reference() -> None:
    expected = {"ANR8599W", "ANR2284S", "ANR0456W", "ANR1651E", "ANR4377E", "ANR3151E", "ANS1695E",
                "ANS1592E", "ANS8023E", "ANR3335W", "ANR3103E", "ANR0454E", "0950-021", "0950-022",
                "LED 554", "IJ06720", "IV97586", "IV88585"}
    assert expected <= set(CATALOGUE)


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("ANR8599W:\n  meaning: x\n  confirmed: maybe\n", "x.yaml:2: ANR8599W: 'confirmed' must be true or false (got 'maybe')"),
        ("ANR8599W:\n  meaning: x\n  confirmed: true\n  source: y\n", "x.yaml:2: ANR8599W: unknown field 'source'"),
        ("ANR8599W:\n  confirmed: true\n", "x.yaml:2: ANR8599W: 'meaning' must be one line of text (got None)"),
        ("554:\n  meaning: x\n  confirmed: true\n", "x.yaml:1: '554' is not a message ID"),
        ("IJ06720: {meaning: a, confirmed: false}\nIJ06720: {meaning: b, confirmed: false}\n", "x.yaml:2: IJ06720 is listed twice"),
        ("- ANR8599W\n", "x.yaml:1: expected a mapping"),
    ],
)
def test_catalogue_errors_name_file_line_and_field(text: str, error: str) -> None:
    with pytest.raises(CatalogueError) as caught:
        parse_catalogue(text, "x.yaml")
    assert str(caught.value).startswith(error)


# --- HTML: sections, plain text, linking -----------------------------------------------------

_PAGE = (
    '<h1 id="title">Title</h1><p>Intro names ANR8599W.</p>'
    '<h2 id="certs">Certificate <em>errors</em><a class="headerlink" href="#certs">&para;</a></h2>'
    '<p>See ANS1592E and <a href="x.html">ANS8023E</a>.</p>'
    '<pre><code><span class="mi">0950</span><span class="o">-</span><span class="mi">021</span> ANR8599W</code></pre>'
    '<h3 id="led">Boot</h3><p>It stopped at <abbr title="Light-emitting diode">LED</abbr> 554, see <code>ANR0454E</code>.</p>'
)


def test_sections_follow_headings_with_ids() -> None:
    sections = split_sections(_PAGE)
    assert [(s.anchor, s.title) for s in sections] == [(None, None), ("certs", "Certificate errors"), ("led", "Boot")]
    assert [message_ids(s.text) for s in sections] == [
        ["ANR8599W"], ["ANS1592E", "ANS8023E", "0950-021", "ANR8599W"], ["LED 554", "ANR0454E"],
    ]


def test_plain_text_rejoins_highlighted_code() -> None:
    assert plain_text('<span class="mi">0950</span><span class="o">-</span><span>021</span>') == "0950-021"
    assert plain_text("<td>ANR0454E</td><td>ANR0456W</td>").split() == ["ANR0454E", "ANR0456W"]


def test_mentions_in_running_text_become_links_and_code_links_headings_stay() -> None:
    linked = link_mentions(_PAGE, "../messages.html", CATALOGUE)
    assert '<a class="kb-message" href="../messages.html#msg-anr8599w"' in linked
    assert re.search(r'<a class="kb-message" href="\.\./messages\.html#msg-ans1592e" title="ANS1592E \([^"]*\)[^"]*">ANS1592E</a>', linked)
    assert '<a href="x.html">ANS8023E</a>' in linked                      # inside a link: untouched
    assert '<span class="mi">0950</span>' in linked and "msg-0950-021" not in linked  # inside code
    assert "<code>ANR0454E</code>" in linked
    assert ('<a class="kb-message" href="../messages.html#msg-led-554"' in linked
            and '><abbr title="Light-emitting diode">LED</abbr> 554</a>' in linked)  # tooltip kept, well nested
    assert "Certificate <em>errors</em><a" in linked                      # headings untouched
    unconfirmed_title = re.search(r'href="\.\./messages\.html#msg-anr8599w" title="([^"]*)"', linked)
    assert unconfirmed_title and unconfirmed_title.group(1).endswith("[unconfirmed]")


def test_link_mentions_leaves_unknown_ids_alone() -> None:
    assert link_mentions("<p>ANR9999E</p>", "m.html", CATALOGUE) == "<p>ANR9999E</p>"


def test_builder_counts_places_and_reports_unknown_and_stale_ids() -> None:
    builder = MessageIndexBuilder({k: CATALOGUE[k] for k in ("ANR8599W", "IJ06720")})
    unknown = builder.add_page("sp/page.md", "Page", "<p>ANR8599W ANR8599W ANR9999E</p>")
    assert unknown == ["ANR9999E"]
    assert builder.unmentioned() == ["IJ06720"]
    markdown = builder.render_markdown("messages.md", ["sp/page.md"])
    assert "### ANR8599W { #msg-anr8599w }" in markdown
    assert "[Page](sp/page.md) (2 mentions)" in markdown
    assert "- **Meaning** (**unconfirmed**):" in markdown
    assert "ANR9999E" not in markdown


def test_first_line_of_points_at_the_source_line() -> None:
    source = "---\ntags: [x]\n---\n\n# T\n\nText with\nLED 552,\n554 and ANR8599W.\n"
    assert first_line_of(source, "ANR8599W") == 9
    assert first_line_of(source, "LED 554") == 9
    assert first_line_of(source, "LED 552") == 8
    assert first_line_of(source, "IJ06720") is None


# --- build behaviour: the generate step both builds run first (kb.generate) ---------------------

def _generate_temp_site(tmp_path: Path, pages: dict[str, str]) -> Result:
    """Run kb.generate on a small temporary project whose docs/ has the message index page."""
    docs = tmp_path / "docs"
    for name, text in {"messages.md": '--8<-- "generated/messages.md"\n', **pages}.items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(textwrap.dedent(text), encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(textwrap.dedent("""\
        site_name: temp
        strict: true
        use_directory_urls: false
        markdown_extensions:
          - attr_list
          - toc:
              permalink: true
          - kb.fences
        nav:
          - Home: index.md
          - Message index: messages.md
        """), encoding="utf-8")
    return generate(tmp_path / "mkdocs.yml")


def test_unknown_id_fails_the_build_with_file_and_line(tmp_path: Path) -> None:
    with pytest.raises(GenerateError) as error:
        _generate_temp_site(tmp_path, {"index.md": """\
            # Home

            Fine: ANR8599W.

            Not in the data: ANR9999E.
            """})
    assert str(error.value) == "docs/index.md:5: message ID ANR9999E has no entry in kb/data/messages.yaml"


def test_unknown_id_is_one_line_and_status_2_from_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("---\ntags: [x]\n---\n\n# Home\n\nANR9999E here.\n", encoding="utf-8")
    (tmp_path / "docs" / "messages.md").write_text("# Index\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: t\nmarkdown_extensions:\n  - kb.fences\nnav:\n  - index.md\n", encoding="utf-8")
    assert generate_main(["--config", str(tmp_path / "mkdocs.yml")]) == 2
    captured = capsys.readouterr()
    assert captured.err == "docs/index.md:7: message ID ANR9999E has no entry in kb/data/messages.yaml\n"


def test_catalogue_entries_no_page_mentions_are_warnings_that_fail_a_strict_site(tmp_path: Path) -> None:
    result = _generate_temp_site(tmp_path, {"index.md": "# Home\n\nOnly ANR8599W here.\n"})
    assert "kb/data/messages.yaml: message ID IJ06720 is mentioned on no page; remove its entry" in result.warnings
    assert not any("ANR8599W" in warning for warning in result.warnings)
    assert generate_main(["--config", str(tmp_path / "mkdocs.yml")]) == 1  # strict: true


def test_mentions_come_from_the_sources_with_their_real_sections(tmp_path: Path) -> None:
    """Each page is rendered with the site's extensions: sections and anchors are the real ones, pages off the nav too."""
    _generate_temp_site(tmp_path, {
        "index.md": "# Home\n\n## Boot failures { #boot }\n\nStopped at LED 554.\n",
        "extra/off-nav.md": "---\ntitle: Off the nav\n---\n\n# Ignored heading\n\nANR8599W twice: ANR8599W.\n",
    })
    index = (tmp_path / "generated" / "messages.md").read_text(encoding="utf-8")
    assert "[Home › Boot failures](index.md#boot)" in index
    assert "[Off the nav](extra/off-nav.md) (2 mentions)" in index


def test_generated_index_is_git_ignored_and_included_by_the_tracked_page(site_dir: Path) -> None:
    assert (ROOT / "generated" / "messages.md").is_file()
    assert subprocess.run(["git", "check-ignore", "-q", "generated/messages.md"], cwd=ROOT, check=False).returncode == 0
    assert '--8<-- "generated/messages.md"' in (ROOT / "docs" / "messages.md").read_text(encoding="utf-8")


# --- the built sites (MkDocs and Zensical) --------------------------------------------------------------------------

class _LinkAndIdParser(HTMLParser):
    """Collects element ids, links, and running text outside links, code and headings."""

    SKIP = frozenset({"a", "code", "pre", "script", "style", "h1", "h2", "h3", "h4", "h5", "h6", "kbd", "samp", "textarea", "svg"})

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[tuple[dict[str, str | None], str]] = []
        self.running_text: list[str] = []
        self._skip: list[str] = []
        self._link: dict[str, str | None] | None = None
        self._link_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.add(str(attributes["id"]))
        if tag == "a":
            self._link, self._link_text = attributes, []
        if tag in self.SKIP:
            self._skip.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._link is not None:
            self.links.append((self._link, "".join(self._link_text)))
            self._link = None
        if tag in self.SKIP and tag in self._skip:
            while self._skip and self._skip.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        if self._link is not None:
            self._link_text.append(data)
        if not self._skip:
            self.running_text.append(data)


def _parse(path: Path) -> _LinkAndIdParser:
    html = path.read_text(encoding="utf-8")
    article = html[html.find("<article"):html.rfind("</article>")]
    parser = _LinkAndIdParser()
    parser.feed(article)
    parser.ids |= set(re.findall(r'\bid="([^"]+)"', html))
    return parser


def _content_pages(built_site: Path) -> list[Path]:
    return sorted(p for p in built_site.rglob("*.html") if "assets" not in p.parts and p.name != "404.html")


def test_index_lists_every_catalogue_id_with_working_links(built_site: Path) -> None:
    index = _parse(built_site / "messages.html")
    for message_id in CATALOGUE:
        assert anchor_of(message_id) in index.ids, f"{message_id} is missing from the index"
    place_links = [attrs["href"] for attrs, _ in index.links
                   if attrs.get("href") and "headerlink" not in str(attrs.get("class"))
                   and not str(attrs["href"]).startswith(("#", "tags.html", "./tags.html"))]
    assert place_links, "the index links no page"
    for href in place_links:
        path, _, anchor = str(href).partition("#")
        target = (built_site / path).resolve()
        assert target.is_file(), f"index links a missing page: {href}"
        if anchor:
            assert anchor in _parse(target).ids, f"index links a missing anchor: {href}"


def test_index_marks_unconfirmed_meanings(built_site: Path) -> None:
    html = (built_site / "messages.html").read_text(encoding="utf-8")
    for message_id, entry in CATALOGUE.items():
        block = html[html.find(f'id="{anchor_of(message_id)}"'):]
        block = block[:block.find("</ul>")]
        assert ("unconfirmed" in block) is (not entry.confirmed), message_id


def test_every_mention_in_running_text_is_a_link_to_its_entry(built_site: Path) -> None:
    index_ids = _parse(built_site / "messages.html").ids
    linked_pages = 0
    for page in _content_pages(built_site):
        if page.name == "messages.html":
            continue
        parsed = _parse(page)
        leftover = message_ids("".join(parsed.running_text))
        assert leftover == [], f"{page.relative_to(built_site)}: unlinked mentions {leftover}"
        for attrs, text in parsed.links:
            if "kb-message" not in str(attrs.get("class")):
                continue
            linked_pages += 1
            href = str(attrs["href"])
            path, _, anchor = href.partition("#")
            assert (page.parent / path).resolve() == (built_site / "messages.html").resolve(), href
            assert anchor in index_ids, href
            linked_id = f"LED {text}" if text.isdigit() else message_ids(text)[0]  # "554" in "LED 552, 554"
            assert anchor == anchor_of(linked_id), f"{page.name}: {text!r} links {href}"
    assert linked_pages > 0, "no page links a message ID"
