"""kb.page_text.annotate: one walk over a page gives exactly what the three passes it replaces gave."""
from __future__ import annotations

import time

from hypothesis import given, settings
from hypothesis import strategies as st

from kb.glossary import DEFAULT_GLOSSARY, add_missing_tooltips, drop_tooltips_in_file_names, load_glossary
from kb.message_catalogue import DEFAULT_CATALOGUE, load_catalogue
from kb.message_index import link_mentions
from kb.page_text import annotate

TERMS = load_glossary(DEFAULT_GLOSSARY)
CATALOGUE = load_catalogue(DEFAULT_CATALOGUE)
INDEX = "../messages.html"

# Pieces of real pages: glossary spellings, catalogued and unknown IDs, file names, the tags the walks treat apart.
FRAGMENTS = [
    "HMC", "LPAR", "VIOS", "VIO", "SEA", "LUN", "NPIV", "TSM", "kdb", "JFS", "JFS2", "JFS/JFS2", "ANR0454E", "ANR9999E", "ANS1592E",
    "LED 554", "LEDs 552, 554 or 556", "LED&nbsp;556", "0950-021", "IJ06720", "554", " ", "  ", "\n", ".", "\\", "x", "dsmcert.", ".kdb",
    "Tivoli\\TSM\\baclient", "<p>", "</p>", "<code>", "</code>", "<pre>", "</pre>", "<a href=\"#x\">", "</a>", "<abbr title=\"Hardware\">",
    "</abbr>", "<abbr>", "<h2 id=\"s\">", "</h2>", "<option>", "</option>", "<output>", "</output>", "<strong>", "</strong>", "<span>",
    "</span>", "<td>", "</td>", "<!-- HMC -->", "<script>HMC</script>", "<br/>", "<br>", "&amp;", "&lt;", ">", "<", "é", "a.b",
]


def three_passes(html: str, index_url: str | None) -> str:
    text = drop_tooltips_in_file_names(add_missing_tooltips(html, TERMS))
    return link_mentions(text, index_url, CATALOGUE) if index_url is not None else text


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=40), st.sampled_from([INDEX, None]))
def test_one_walk_equals_the_three_passes(pieces: list[str], index_url: str | None) -> None:
    html = "".join(pieces)
    assert annotate(html, TERMS, index_url, CATALOGUE) == three_passes(html, index_url)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="<>/abr .\\HMCkdLED5 4\"=-!", max_size=80), st.sampled_from([INDEX, None]))
def test_one_walk_equals_the_three_passes_on_hostile_markup(html: str, index_url: str | None) -> None:
    assert annotate(html, TERMS, index_url, CATALOGUE) == three_passes(html, index_url)


def test_real_cases() -> None:
    cases = [
        '<p>Keep dsmcert.<abbr title="Key database">kdb</abbr> and the HMC; see ANR0454E and LED 554.</p>',
        "<p>The <abbr title=\"x\">HMC</abbr>.kdb file, Tivoli\\TSM\\baclient, JFS/JFS2, LEDs 552, 554 or 556</p><pre><code>HMC ANR0454E</code></pre>",
        "<h2 id=\"a\">HMC ANR0454E</h2><p>NPIV over VIOS <a href=\"#\">LPAR ANR0454E</a></p><select><option>HMC</option></select>",
    ]
    for html in cases:
        for index_url in (INDEX, None):
            assert annotate(html, TERMS, index_url, CATALOGUE) == three_passes(html, index_url)
    assert 'class="kb-message"' in annotate(cases[0], TERMS, INDEX, CATALOGUE)
    assert "dsmcert.kdb" in annotate(cases[0], TERMS, INDEX, CATALOGUE), "no tooltip glued to a file name"


def test_long_hostile_page_is_fast_and_the_same() -> None:
    html = "<p>" + "HMC.kdb ANR0454E LED 554, " * 4000 + "<" + "</p>" * 3 + "<abbr>" * 2000 + "x." * 5000
    started = time.perf_counter()
    result = annotate(html, TERMS, INDEX, CATALOGUE)
    assert time.perf_counter() - started < 30
    assert result == three_passes(html, INDEX)
    page = "<p>" + "The HMC and VIOS on LPAR 7, see ANR0454E. " * 3000 + "</p>"
    assert annotate(page, TERMS, INDEX, CATALOGUE) == three_passes(page, INDEX)


TEXT_EXTRAS = ['<div class="x">', "</div>", "<br />", "<!--", "-->", "<![CDATA[x]]>", "<?x?>", "<a\nhref=x>"]


def _plain_text_by_tokens(html: str) -> str:
    """The definition kb.html_text.plain_text had: every named non-inline tag a space, other tags nothing."""
    import html as html_lib

    from kb.html_text import INLINE_TAGS, tokenize

    parts = [token.markup if not token.is_tag else (" " if token.name and token.name not in INLINE_TAGS else "") for token in tokenize(html)]
    return html_lib.unescape("".join(parts))


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from([*FRAGMENTS, *TEXT_EXTRAS]), max_size=40))
def test_plain_text_in_one_pass_equals_the_token_walk(pieces: list[str]) -> None:
    from kb.html_text import plain_text

    html = "".join(pieces)
    assert plain_text(html) == _plain_text_by_tokens(html)


TAG_PIECES = ["<", ">", "<!--", "-->", "<!-->", "<script>", "</script>", "</SCRIPT >", "<Script", "</script", "<scripts>", "<style x>",
              "</style>", "a", "-", " ", "\n", "<a>", "</a>", "<p>", "<b", "x>", " >", "<span>", "é"]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(TAG_PIECES), max_size=30))
def test_tag_spans_are_the_tag_patterns_matches(pieces: list[str]) -> None:
    from kb.html_text import _TOKEN, tag_spans

    html = "".join(pieces)
    assert list(tag_spans(html)) == [(match.start(), match.end(), bool(match.group(1))) for match in _TOKEN.finditer(html)]


def test_unclosed_markup_is_linear() -> None:
    """Unclosed comments, script elements and tags: the pattern's own scan took 16 s on 80 KB of '<!--'."""
    from kb.html_text import plain_text, tokenize

    for html in ("<" * 200_000, "<!--" * 50_000, "<a " * 70_000, "<script>" * 25_000, "<style " * 30_000 + ">" + "<!--" * 10_000):
        started = time.perf_counter()
        tokens = tokenize(html)
        text = plain_text(html)
        assert time.perf_counter() - started < 30, html[:10]
        assert "".join(token.markup for token in tokens) == html
        assert text == _plain_text_by_tokens(html)


def test_plain_text_of_a_long_page_is_the_same() -> None:
    from kb.html_text import plain_text

    html = "<div><span>0950-</span><span>021</span></div><!-- c --><script>x<y</script>" * 20000
    text = plain_text(html)
    assert text == _plain_text_by_tokens(html)
    assert " 0950-021 " in text and "x<y" not in text


HEADING_PIECES = ["<h2", "<h1", "<H3", "<h2x", "<h23", ' id="a"', " id='b'", ">", "</h2>", "</H2 >", "</h3>", "x", "<", "\n", "</h2", "<h6>", "</h6>"]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(HEADING_PIECES), max_size=30))
def test_heading_spans_are_the_heading_patterns_matches(pieces: list[str]) -> None:
    from kb.html_text import _HEADING, heading_spans

    html = "".join(pieces)
    expected = [(match.start(), match.end(), match.group(1), match.group(2), match.group(3)) for match in _HEADING.finditer(html)]
    assert list(heading_spans(html)) == expected


def test_sections_of_unclosed_headings_are_linear() -> None:
    """Unclosed headings and permalinks: the lazy patterns took 25 to 65 s on 200 to 330 KB."""
    from kb.message_index import page_mentions

    for html in ("<h2 id='a'>" * 20_000, "<h2>x" * 40_000, '<h3 id="x"><a class="headerlink" ' * 10_000,
                 "<h2 id=x>" + '<a class="headerlink">' * 30_000 + "</h2>", "<h2 " * 50_000):
        started = time.perf_counter()
        page_mentions(html + "<p>ANR0454E</p>")
        assert time.perf_counter() - started < 30, html[:12]


def test_heading_titles_lose_their_permalink_only() -> None:
    from kb.html_text import heading_title, split_sections

    assert heading_title('Error ANR0454E <a class="headerlink" href="#x" title="Permanent link">&para;</a>') == "Error ANR0454E"
    assert heading_title('<a href="#y">LED 554</a> and <code>0950-021</code>') == "LED 554 and 0950-021"
    sections = split_sections('<p>top</p><h2 id="a">A <a class="headerlink" href="#a">¶</a></h2><p>ANR0454E</p><h3 id="b">B</h3><p>x</p>')
    assert [(section.anchor, section.title) for section in sections] == [(None, None), ("a", "A"), ("b", "B")]
