"""Tags: every written page carries tags, and the tags index lists them."""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TAGS_INDEX = "tags.md"
GENERATED_PAGES = ("messages.html",)  # written by hooks, not from docs/; they carry tags all the same


def _built(site_dir: Path, source: Path) -> Path:
    return site_dir / source.relative_to(ROOT / "docs").with_suffix(".html")


def _tags_of(page: Path) -> list[str]:
    html = page.read_text(encoding="utf-8")
    nav = re.search(r'<nav class="md-tags"[^>]*>(.*?)</nav>', html, re.S)
    return re.findall(r'class="md-tag[^"]*"[^>]*>\s*([^<]+?)\s*<', nav.group(1)) if nav else []


def test_every_page_shows_tags(site_dir: Path) -> None:
    sources = sorted(p for p in (ROOT / "docs").rglob("*.md") if p.relative_to(ROOT / "docs").as_posix() != TAGS_INDEX)
    pages = [_built(site_dir, p) for p in sources] + [site_dir / name for name in GENERATED_PAGES]
    untagged = [str(page.relative_to(site_dir)) for page in pages if not _tags_of(page)]
    assert untagged == [], f"pages without tags: {untagged}"


def test_tags_index_lists_every_tag_with_its_pages(site_dir: Path) -> None:
    index = (site_dir / "tags.html").read_text(encoding="utf-8")
    listed = set(re.findall(r'<h2 id="tag:([^"]+)"', index))
    used = {tag for page in site_dir.rglob("*.html") if page.name != "tags.html" for tag in _tags_of(page)}
    assert used, "no page has tags"
    slugs = {re.sub(r"[^\w]+", "-", tag.lower()).strip("-") for tag in used}
    assert slugs <= listed, sorted(slugs - listed)
    assert 'href="messages.html"' in index and 'href="glossary.html"' in index
