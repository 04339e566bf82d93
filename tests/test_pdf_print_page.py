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


# -- issue 11: wraps, reproducible bytes, home page links, paper text, navigation from HTML ----------

def test_wrap_breaks_at_spaces_then_commas_with_a_hanging_mark() -> None:
    from kb.pdf.wrap import CONTINUATION, wrap_code

    line = "chdev -l ent0 -a sharing_mode=uncap,proc_mode=shared -a x=1 default -n"
    lines = [piece.replace('<span class="kb-wrap-mark" aria-hidden="true">', "").replace("</span>", "")
             for piece in wrap_code(line, 30).split("\n")]
    assert all(len(piece) <= 30 for piece in lines), lines
    assert lines[0] == "chdev -l ent0 -a"
    assert all(piece.startswith(f"  {CONTINUATION} ") for piece in lines[1:])
    assert "sharing_mode=uncap," in lines[1]  # broken after the comma, not inside a word
    rejoined = " ".join(piece.replace(f"  {CONTINUATION} ", "") for piece in lines)
    assert rejoined.replace(", ", ",") == line.replace(", ", ",")


def test_wrap_leaves_short_lines_and_splits_only_overlong_tokens() -> None:
    from kb.pdf.wrap import wrap_code

    assert wrap_code("ls -l\n<span class=\"c\"># ok</span>", 40) == "ls -l\n<span class=\"c\"># ok</span>"
    token = "x" * 70
    wrapped = wrap_code(token, 30)
    assert wrapped.count("\u21aa") == 2 and wrapped.replace("\n", "").count("x") == 70


def test_wrap_is_fast_on_hostile_input() -> None:
    import time

    from kb.pdf.wrap import wrap_code

    started = time.perf_counter()
    wrap_code(("a," * 50_000) + "\n" + ("<b>x</b> " * 20_000) + "&amp;" * 10_000, 40)
    assert time.perf_counter() - started < 10


def test_finish_is_reproducible_and_opens_the_outline() -> None:
    from kb.pdf.finish import finish_pdf

    def fake(stamp: bytes, node: bytes) -> bytes:
        body = (b"%PDF-1.4\n1 0 obj\n<</Producer (x)\n/CreationDate (D:" + stamp + b"+00'00')\n/ModDate (D:" + stamp
                + b"+00'00')>>\nendobj\n2 0 obj\n<</Type /Catalog\n/Pages 3 0 R\n/MarkInfo <</Marked true>>>>\nendobj\n"
                + b"4 0 obj\n<</ID (node" + node + b")>>\nendobj\n")
        xref = len(body)
        return body + b"xref\n0 5\n0000000000 65535 f \ntrailer\n<</Size 5\n/Root 2 0 R\n/Info 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % xref

    first = finish_pdf(fake(b"20260101120000", b"00010569"), 1700000000)
    second = finish_pdf(fake(b"20260202130000", b"00010570"), 1700000000)
    assert first == second
    assert b"/CreationDate (D:20231114221320+00'00')" in first
    assert first.count(b"/PageMode /UseOutlines") == 1 and b"/Prev " in first
    assert len(finish_pdf(fake(b"20260101120000", b"00000001"), None)) > 0


def test_home_page_links_only_books_that_exist(tmp_path: Path) -> None:
    from kb.pdf.homepage import MARKER, link_books

    (tmp_path / "pdf").mkdir()
    (tmp_path / "pdf" / "field-notes.pdf").write_bytes(b"%PDF-")
    home = tmp_path / "index.html"
    home.write_text(f"<article class=\"md-content__inner\"><h1>Home</h1>{MARKER}<p>x</p></article>", encoding="utf-8")
    books = [("pdf/field-notes.pdf", ""), ("pdf/powervm.pdf", "PowerVM")]
    assert link_books(tmp_path, books)
    text = home.read_text(encoding="utf-8")
    assert 'href="pdf/field-notes.pdf"' in text and "powervm.pdf" not in text
    (tmp_path / "pdf" / "powervm.pdf").write_bytes(b"%PDF-")
    link_books(tmp_path, books)
    text = home.read_text(encoding="utf-8")
    assert text.count("field-notes.pdf") == 1 and 'href="pdf/powervm.pdf"' in text


def test_paper_text_replaces_screen_sentences_outside_code() -> None:
    from kb.pdf.paper_text import paper_text

    html = "<p>Copy-ready, with your own\nvalues:</p><pre><code>Copy-ready, with your own values</code></pre>"
    result = paper_text(html)
    assert result.startswith("<p>With default values (put in your own):</p>")
    assert "<code>Copy-ready, with your own values</code>" in result


def test_navigation_is_read_from_built_html() -> None:
    from kb.pdf.navigation import NavItem as HtmlNavItem
    from kb.pdf.navigation import read_navigation

    page = """<nav class="md-nav md-nav--primary"><ul>
    <li class="md-nav__item"><a href="index.html" class="md-nav__link"><span class="md-ellipsis">Home</span></a>
      <nav class="md-nav md-nav--secondary"><ul><li class="md-nav__item"><a href="#x" class="md-nav__link">
      <span class="md-ellipsis">Heading</span></a></li></ul></nav></li>
    <li class="md-nav__item md-nav__item--nested"><div class="md-nav__link md-nav__container">
      <a href="area/index.html" class="md-nav__link"><span class="md-ellipsis">Area</span></a></div>
      <nav class="md-nav"><ul><li class="md-nav__item"><a href="area/page.html" class="md-nav__link">
      <span class="md-ellipsis">Page</span></a></li></ul></nav></li></ul></nav>"""
    assert read_navigation(page) == (
        HtmlNavItem("Home", "index.html"),
        HtmlNavItem("Area", children=(HtmlNavItem("Area", "area/index.html"), HtmlNavItem("Page", "area/page.html"))),
    )


def test_internal_links_get_a_page_reference_box() -> None:
    html = rewrite()
    assert 'data-kb-ref="p-area-other--part"' in html and 'data-kb-ref="p-area-page--local"' in html
    assert "ibm.com/\">IBM</a><span class=\"kb-pref\"" not in html


def test_references_to_targets_hidden_on_paper_are_left_out() -> None:
    from kb.pdf.assemble import drop_unprinted_refs
    from kb.pdf.rewrite import page_ref

    def mention(target: str) -> str:
        return f'<span class="kb-mention" data-kb-mention="{target}"><a href="#{target}">T</a>{page_ref(target)}</span>'

    page = f'<dd>x<span class="kb-mentions"> Used in: {mention("a")}{mention("b")}.</span></dd><a href="#b">b</a>{page_ref("b")}'
    one = drop_unprinted_refs(page, {"b"})
    assert 'data-kb-mention="b"' not in one and 'data-kb-ref="b"' not in one and 'data-kb-ref="a"' in one
    assert drop_unprinted_refs(page, {"a", "b"}) == '<dd>x</dd><a href="#b">b</a>'
    assert drop_unprinted_refs(page, set()) == page
