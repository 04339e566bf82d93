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
