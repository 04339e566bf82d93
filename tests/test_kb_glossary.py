"""Glossary: one data source for the glossary page and the abbreviation tooltips on every page."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from kb.glossary import (
    GLOSSARY_MARKER,
    GlossaryError,
    add_missing_tooltips,
    drop_tooltips_in_file_names,
    fill_glossary_page,
    load_glossary,
    parse_glossary,
    render_abbreviations,
    render_glossary,
)

ROOT = Path(__file__).resolve().parent.parent
TERMS = load_glossary()
FIELD_ACRONYMS = [
    "HMC", "LPAR", "VIOS", "VIO", "SEA", "SR-IOV", "NPIV", "LPM", "HBA", "RoCE", "ROCE",
    "RDMA", "IVE", "vSCSI", "VSCSI", "WWPN", "WWN", "NIM", "SMS", "JFS", "JFS2", "UDF",
    "UDFS", "PCM", "SDDPCM", "AIXPCM", "MPIO", "APAR", "PMR", "TLS", "SSL", "LDAP", "BSD",
    "ETRTO", "ISP", "TSM", "SVC", "LUN", "LACP", "PVID", "VLAN", "ODM", "LED", "kdb",
    "DLPAR", "ISO", "TSS", "psi", "SCSI", "FC", "NIC", "PCI", "NFS", "IEEE", "RHEL",
    "TL", "ML", "CPU", "SSH", "GUI", "CLI", "DIX", "FDDI", "ATM",
]


def _article(path: Path) -> str:
    html = path.read_text(encoding="utf-8")
    return html[html.find("<article"):html.rfind("</article>")]


def test_glossary_covers_the_field_acronyms() -> None:
    spellings = {spelling for term in TERMS for spelling in term.spellings}
    assert set(FIELD_ACRONYMS) <= spellings, sorted(set(FIELD_ACRONYMS) - spellings)


def test_abbreviations_include_is_generated_from_the_glossary(site_dir: Path) -> None:
    """The build's first step (kb.generate) writes generated/abbreviations.md, a git-ignored file."""
    include = (ROOT / "generated" / "abbreviations.md").read_text(encoding="utf-8")
    assert include == render_abbreviations(TERMS, "kb/data/glossary.yaml"), (
        "generated/abbreviations.md is stale: run a build (or python -m kb.generate), it regenerates it from kb/data/glossary.yaml"
    )
    ignored = subprocess.run(["git", "check-ignore", "-q", "generated/abbreviations.md"], cwd=ROOT, check=False)
    assert ignored.returncode == 0, "generated/ must be git-ignored: a build never writes a tracked file"
    assert "*[HMC]: Hardware Management Console\n" in include
    assert "*[ROCE]: RDMA over Converged Ethernet\n" in include


def test_glossary_page_markdown_has_an_anchor_per_term() -> None:
    page = fill_glossary_page(f"# Glossary\n\n{GLOSSARY_MARKER}\n", TERMS)
    assert GLOSSARY_MARKER not in page
    assert "RoCE (also ROCE) { #term-roce }\n:   **RDMA over Converged Ethernet.**" in page
    assert "LUN { #term-lun }" in page  # a plural spelling is not announced as a variant
    with pytest.raises(ValueError, match="once, found it 0 times"):
        fill_glossary_page("# Glossary\n", TERMS)


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("- term: HMC\n  expansion: a\n", "g.yaml:1: 'definition' must be one line of text (got None)"),
        ("- term: HMC\n  expansion: a\n  definition: b\n  colour: red\n", "g.yaml:1: unknown field 'colour'"),
        ("- term: HMC\n  expansion: a\n  definition: b\n- term: LUN\n  also: [HMC]\n  expansion: c\n  definition: d\n",
         "g.yaml:4: 'HMC' is already defined at line 1"),
        ("- term: 'H M C'\n  expansion: a\n  definition: b\n", "g.yaml:1: 'H M C' is not a spelling"),
        ("- term: HMC\n  also: ROCE\n  expansion: a\n  definition: b\n", "g.yaml:1: 'also' must be a list"),
        ("term: HMC\n", "g.yaml:1: expected a list of entries"),
    ],
)
def test_glossary_errors_name_file_line_and_field(text: str, error: str) -> None:
    with pytest.raises(GlossaryError) as caught:
        parse_glossary(text, "g.yaml")
    assert str(caught.value).startswith(error)


def test_tooltips_inside_file_names_are_dropped() -> None:
    kdb = '<abbr title="AIX kernel debugger">kdb</abbr>'
    tsm = '<abbr title="Tivoli Storage Manager">TSM</abbr>'
    assert drop_tooltips_in_file_names(f"dsmcert.{kdb} and {kdb}") == f"dsmcert.kdb and {kdb}"
    assert drop_tooltips_in_file_names(f"Tivoli\\{tsm}\\baclient, {tsm}.") == f"Tivoli\\TSM\\baclient, {tsm}."
    jfs = '<abbr title="x">JFS</abbr>/<abbr title="y">JFS2</abbr>'
    assert drop_tooltips_in_file_names(jfs) == jfs


def test_injected_html_gets_the_missing_tooltips_only() -> None:
    html = (
        '<p>APAR and <abbr title="Hardware Management Console">HMC</abbr> and LPARs</p>'
        '<pre><code>APAR</code></pre><h2 id="x">APAR</h2><p><a href="y.html">APAR</a> <code>HMC</code></p>'
    )
    filled = add_missing_tooltips(html, TERMS)
    assert filled.startswith(
        '<p><abbr title="Authorized Program Analysis Report">APAR</abbr> and '
        '<abbr title="Hardware Management Console">HMC</abbr> and <abbr title="Logical Partition">LPARs</abbr></p>'
    )
    assert filled.endswith('<pre><code>APAR</code></pre><h2 id="x">APAR</h2><p><a href="y.html">APAR</a> <code>HMC</code></p>')
    assert add_missing_tooltips(filled, TERMS) == filled


def test_render_glossary_is_sorted_case_insensitively() -> None:
    order = re.findall(r"^(\S+)", render_glossary(TERMS), re.M)
    terms = [line for line in order if line not in (":",)]
    assert terms == sorted(terms, key=str.casefold)


# --- the built sites: MkDocs and Zensical (built_site) ------------------------------------------

def test_glossary_page_lists_every_term(built_site: Path) -> None:
    article = _article(built_site / "glossary.html")
    for term in TERMS:
        assert f'<dt id="{term.anchor}">' in article, term.term


def test_pages_show_abbreviation_tooltips(built_site: Path) -> None:
    """Every page whose text uses a glossary spelling shows a tooltip for it."""
    spellings = {spelling: term.expansion for term in TERMS for spelling in term.spellings}
    word = re.compile(r"\b(" + "|".join(sorted(map(re.escape, spellings), key=len, reverse=True)) + r")\b")
    checked = 0
    for page in sorted(built_site.rglob("*.html")):
        if "assets" in page.parts or page.name in ("404.html", "tags.html"):
            continue
        article = _article(page)
        # Text outside code, links and tags, where the abbr extension applies.
        prose = re.sub(r"<(pre|code|a|select|output|textarea)\b.*?</\1>", " ", article, flags=re.S)
        prose = re.sub(r"<abbr\b[^>]*>.*?</abbr>", " ", prose, flags=re.S)
        prose = re.sub(r"<[^>]+>", " ", prose)
        prose = re.sub(r"[\w-]*[.\\][\w.\\-]+", " ", prose)  # file names lose their tooltips on purpose
        missing = sorted(set(word.findall(prose)))
        assert missing == [], f"{page.relative_to(built_site)}: no tooltip on {missing}"
        if "<abbr title=" in article:
            checked += 1
    assert checked >= 10, "tooltips appear on too few pages"
    expansion = spellings["HMC"]
    assert f'<abbr title="{expansion}">HMC</abbr>' in _article(built_site / "glossary.html")


def test_no_tooltip_lands_inside_a_file_name(built_site: Path) -> None:
    for page in built_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert not re.search(r"[.\\]<abbr\b", html), f"{page.relative_to(built_site)} tooltips part of a file name"
