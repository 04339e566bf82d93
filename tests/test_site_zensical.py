"""The same site built with Zensical (issue 16): same pages as MkDocs, same directive errors, no hook needed.

The browser suites (offline, search, calculators, snippets, parity on a sample) run against both
builds through the `built_site` fixture; this file checks what is specific to the second build.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.conftest import ROOT, require_tool

TAGS_NAV = re.compile(r'<nav class="md-tags"\s*>.*?</nav>', re.S)


def article(page: Path) -> str:
    """A page's content from its first heading to the end of the article, tag lists and blank runs removed.

    Material under MkDocs puts a page's tags above its title, Zensical below the text; the home
    page's PDF placeholder comment is removed by the MkDocs-only PDF hook; Zensical drops the
    `data-search-exclude` attribute once its search has honoured it (checked below). Nothing else may differ.
    """
    html = page.read_text(encoding="utf-8")
    body = html[html.find("<h1"):html.rfind("</article>")]
    body = TAGS_NAV.sub("", body).replace("<!-- kb:pdf-download -->", "").replace(" data-search-exclude", "")
    return re.sub(r"\s+", " ", body).strip()


def test_every_page_has_the_same_content_under_both_generators(site_dir: Path, zensical_site_dir: Path) -> None:
    mkdocs_pages = sorted(p.relative_to(site_dir) for p in site_dir.rglob("*.html") if "assets" not in p.parts)
    zensical_pages = {p.relative_to(zensical_site_dir) for p in zensical_site_dir.rglob("*.html") if "assets" not in p.parts}
    assert set(mkdocs_pages) <= zensical_pages, sorted(set(mkdocs_pages) - zensical_pages)
    different = [str(page) for page in mkdocs_pages if page.name != "tags.html"
                 and article(site_dir / page) != article(zensical_site_dir / page)]
    assert different == [], f"pages whose content differs between MkDocs and Zensical: {different}"
    for checked in ("bicycles/tire-pressure.html", "spectrum-protect/systemd-autostart.html"):  # directives rendered
        assert 'class="kb-' in article(zensical_site_dir / checked), checked
    assert "Mentioned in:" in article(zensical_site_dir / "messages.html"), "the message index is filled"


def test_zensical_search_leaves_out_the_forms_but_keeps_the_prose(zensical_site_dir: Path) -> None:
    """Forms and grids are excluded from Zensical's index as from MkDocs' (issue 10), the page text is not."""
    index = (zensical_site_dir / "search.json").read_text(encoding="utf-8")
    assert "Rider, bike and cargo together" not in index  # a calculator field hint
    assert "Accepts: 20–700 lb" not in index
    assert "mkramdisk" in index and "pinned and unpinned" in index  # the RAM disk page's prose


def test_zensical_site_has_the_generated_assets_and_loads_them_only_where_used(zensical_site_dir: Path) -> None:
    for asset in ("assets/calculators/tire.js", "assets/calculators/calculators.css",
                  "assets/javascripts/kb-snippets.js", "assets/stylesheets/kb-snippets.css"):
        assert (zensical_site_dir / asset).is_file(), asset
    home = (zensical_site_dir / "index.html").read_text(encoding="utf-8")
    assert "calculators.css" not in home and "kb-snippets" not in home
    tire = (zensical_site_dir / "bicycles" / "tire-pressure.html").read_text(encoding="utf-8")
    assert '<link rel="stylesheet" href="../assets/calculators/calculators.css">' in tire
    assert '<script src="../assets/calculators/tire.js"></script>' in tire


def test_a_malformed_directive_stops_the_zensical_build_with_page_and_line(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text(
        "---\ntags: [x]\n---\n\n# Bad\n\n```snippet\nname: sp-instance-unit\nvalues:\n  owner: tsm;reboot\n```\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(textwrap.dedent("""\
        site_name: bad
        use_directory_urls: false
        theme:
          name: material
          font: false
        markdown_extensions:
          - kb.fences
          - pymdownx.superfences:
              custom_fences:
                - name: snippet
                  class: snippet
                  format: !!python/name:kb.fences.snippet_format
                  validator: !!python/name:kb.fences.directive_validator
        """), encoding="utf-8")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    done = subprocess.run([sys.executable, "-m", "kb.zensical_build"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode != 0
    error = done.stderr.strip()
    assert "\n" not in error and "Traceback" not in error, done.stderr[-2000:]
    assert error.startswith('docs/index.md:10: snippet directive: owner: "tsm;reboot" contains a semicolon (;), so it is rejected'), error


def test_dev_builds_with_zensical() -> None:
    dev = (ROOT / "dev").read_text(encoding="utf-8")
    assert 'if [ "${1:-}" = "--zensical" ]; then shift; exec .venv/bin/python -m kb.zensical_build "$@"; fi' in dev
    lock = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    assert re.search(r"^zensical==\d+\.\d+\.\d+$", lock, re.M), "Zensical is pinned"


@pytest.mark.parametrize("hook", sorted((ROOT / "hooks").glob("*.py")), ids=lambda path: path.name)
def test_hooks_are_small_mkdocs_only_conveniences(hook: Path) -> None:
    lines = hook.read_text(encoding="utf-8").count("\n")
    assert lines <= 80, f"{hook.name}: {lines} lines (a hook stays a thin MkDocs-only convenience)"


def test_zensical_build_prints_the_pdf_books_when_asked(tmp_path: Path, chromium_path: str) -> None:
    """ENABLE_PDF_EXPORT=1 with `./dev build --zensical`: the same books as under MkDocs, from the Zensical output."""
    require_tool("pdftotext", "apt-get install -y poppler-utils")
    out = tmp_path / "site"
    done = subprocess.run([sys.executable, "-m", "kb.zensical_build", "--site-dir", str(out)], cwd=ROOT,
                          env={**os.environ, "ENABLE_PDF_EXPORT": "1", "KB_CHROMIUM": chromium_path}, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-3000:] + done.stdout[-3000:]
    books = sorted(path.name for path in (out / "pdf").glob("*.pdf"))
    assert "field-notes.pdf" in books and len(books) >= 3, books
    text = subprocess.run(["pdftotext", "-layout", str(out / "pdf" / "field-notes.pdf"), "-"], capture_output=True, text=True, check=True).stdout
    assert "mkramdisk" in text and "(p. " in text
    home = (out / "index.html").read_text(encoding="utf-8")
    for book in books:
        assert f"pdf/{book}" in home, book


def test_zensical_build_refuses_an_unknown_pdf_switch(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "kb.zensical_build", "--site-dir", str(tmp_path / "site")], cwd=ROOT,
                          env={**os.environ, "ENABLE_PDF_EXPORT": "maybe"}, capture_output=True, text=True, timeout=120)
    assert done.returncode != 0 and "ENABLE_PDF_EXPORT='maybe'" in done.stderr
    assert not (tmp_path / "site").exists()
