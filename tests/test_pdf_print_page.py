"""The combined print page, without a browser: rewriting, nav planning, missing tools."""
from __future__ import annotations

from pathlib import Path

import pytest

from kb.pdf.assemble import NavItem, css_string, plan_pages
from kb.pdf.buildinfo import BuildInfo, source_version
from kb.pdf.export import PdfExportError, export_pdf, missing_requirement
from kb.pdf.rewrite import page_slug, rewrite_article

PAGE = """<html><body><nav class="md-nav"><a href="#x">outside</a></nav>
<article class="md-content__inner md-typeset">
<h1 id="title">The <code>mksyscfg</code>
 title<a class="headerlink" href="#title">¶</a></h1>
<p>See <a href="other.html#part">part</a>, <a href="#local">here</a>, <a href="../outside.html">gone</a>
and <a href="https://www.ibm.com/">IBM</a>.</p>
<div class="kb-interactive"><form><input name="weight" id="w"><div>nested</div></form></div>
<div class="kb-static"><table><tr><th>Front</th></tr></table></div>
<details class="note"><summary>More</summary><p>hidden text</p></details>
<div class="tabbed-set"><input id="__tabbed_1_1" name="__tabbed_1" type="radio" checked>
<label for="__tabbed_1_1">One</label></div>
<h2 id="local">Local</h2><img src="../img/x.png" alt="x">
<script>alert(1)</script><p>after &amp; before</p>
</article><footer><a href="#y">outside too</a></footer></body></html>"""


def rewrite(dest_uri: str = "area/page.html", shift: int = 1) -> str:
    """Rewrite the sample page as if it lived at `dest_uri` inside one nav section."""
    slugs = {"area/page.html": page_slug("area/page.html"), "area/other.html": page_slug("area/other.html")}
    return rewrite_article(PAGE, dest_uri=dest_uri, print_dir="", heading_shift=shift, page_slugs=slugs).html


def test_only_the_article_is_kept() -> None:
    html = rewrite()
    assert "outside" not in html and "outside too" not in html
    assert "<article" not in html and "</article>" not in html


def test_ids_get_the_page_prefix_and_links_become_anchors() -> None:
    html = rewrite()
    assert 'id="p-area-page--title"' in html
    assert 'href="#p-area-other--part"' in html
    assert 'href="#p-area-page--local"' in html
    assert 'for="p-area-page--__tabbed_1_1"' in html and 'name="p-area-page--__tabbed_1"' in html
    assert 'href="https://www.ibm.com/"' in html


def test_links_to_pages_outside_the_pdf_are_unwrapped() -> None:
    html = rewrite()
    assert '<span class="kb-unlinked">gone</span>' in html
    assert "outside.html" not in html


def test_screen_only_parts_and_scripts_are_dropped() -> None:
    html = rewrite()
    assert "nested" not in html and "<form" not in html and "weight" not in html
    assert "¶" not in html and "alert" not in html
    assert "<th>Front</th>" in html
    assert "after &amp; before" in html


def test_details_open_headings_shift_and_images_resolve() -> None:
    html = rewrite()
    assert "<details" in html and " open>" in html
    assert "<h2 " in html and "<h3 " in html and "<h1" not in html
    assert 'src="img/x.png"' in html


def test_chapter_title_is_the_pages_h1_text() -> None:
    chapter = rewrite_article(PAGE, dest_uri="area/page.html", print_dir="", heading_shift=0, page_slugs={})
    assert chapter.title == "The mksyscfg title"
    assert "<h1 " in chapter.html


def test_missing_article_is_an_error() -> None:
    with pytest.raises(ValueError, match="no <article"):
        rewrite_article("<html><body>nothing</body></html>", dest_uri="x.html", print_dir="",
                        heading_shift=0, page_slugs={})


def test_section_index_pages_stand_for_their_section() -> None:
    nav = [
        NavItem("Home", "index.html"),
        NavItem("Storage", children=(NavItem("Storage", "storage/index.html"), NavItem("Disks", "storage/disks.html"))),
        NavItem("Loose", children=(NavItem("A", "loose/a.html"),)),
    ]
    planned = plan_pages(nav)
    assert [(page.dest_uri, page.depth, page.is_section_index) for page in planned] == [
        ("index.html", 0, False), ("storage/index.html", 0, True), ("storage/disks.html", 1, False),
        ("loose/a.html", 1, False),
    ]
    assert [section.title for section in planned[3].sections] == ["Loose"]


def test_css_strings_are_escaped() -> None:
    assert css_string('a "b" \\ </style>') == '"a \\"b\\" \\\\ \\3C /style>"'


def test_missing_chromium_is_one_line_naming_the_package(tmp_path: Path) -> None:
    message = missing_requirement("/nonexistent/chromium")
    assert message is not None and "\n" not in message
    assert "apt-get install -y chromium" in message and "/nonexistent/chromium" in message
    info = BuildInfo("t", "d", "2026-01-01", "unknown")
    with pytest.raises(PdfExportError, match="needs Chromium at /nonexistent/chromium"):
        export_pdf(site_dir=tmp_path, nav=[NavItem("Home", "index.html")], info=info, chromium="/nonexistent/chromium")
    assert list(tmp_path.iterdir()) == []


def test_source_version_outside_git_is_unknown(tmp_path: Path) -> None:
    assert source_version(tmp_path) == "unknown"


def test_missing_python_package_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "playwright" else real_find_spec(name, *a))
    message = missing_requirement("/bin/sh")
    assert message is not None and "\n" not in message
    assert message.startswith("PDF export needs the Python package playwright: `pip install playwright==1.65.2`")


def test_heading_whitespace_is_collapsed_and_trimmed() -> None:
    page = '<article class="md-content__inner"><h2 id="t">\n  <span class="md-tag">AIX</span>\n  and   more\n</h2></article>'
    html = rewrite_article(page, dest_uri="tags.html", print_dir="", heading_shift=0, page_slugs={}).html
    assert html == '<h2 id="p-tags--t"><span class="md-tag">AIX</span> and more</h2>'
