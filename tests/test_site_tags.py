"""Tags: every written page carries tags, and the tags index lists them (MkDocs and Zensical builds)."""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TAGS_INDEX = "tags.md"
GENERATED_PAGES: tuple[str, ...] = ()  # none: docs/messages.md includes the generated index and carries the tags


def _built(built_site: Path, source: Path) -> Path:
    return built_site / source.relative_to(ROOT / "docs").with_suffix(".html")


def _tags_of(page: Path) -> list[str]:
    html = page.read_text(encoding="utf-8")
    nav = re.search(r'<nav class="md-tags"[^>]*>(.*?)</nav>', html, re.S)
    return re.findall(r'class="md-tag[^"]*"[^>]*>\s*([^<]+?)\s*<', nav.group(1)) if nav else []


def test_every_page_shows_tags(built_site: Path) -> None:
    sources = sorted(p for p in (ROOT / "docs").rglob("*.md") if p.relative_to(ROOT / "docs").as_posix() != TAGS_INDEX)
    pages = [_built(built_site, p) for p in sources] + [built_site / name for name in GENERATED_PAGES]
    untagged = [str(page.relative_to(built_site)) for page in pages if not _tags_of(page)]
    assert untagged == [], f"pages without tags: {untagged}"


def test_tags_index_lists_every_tag_with_its_pages(built_site: Path) -> None:
    index = (built_site / "tags.html").read_text(encoding="utf-8")
    listed = set(re.findall(r'<h2 id="tag:([^"]+)"', index))
    used = {tag for page in built_site.rglob("*.html") if page.name != "tags.html" for tag in _tags_of(page)}
    assert used, "no page has tags"
    slugs = {re.sub(r"[^\w]+", "-", tag.lower()).strip("-") for tag in used}
    assert slugs <= listed, sorted(slugs - listed)
    assert re.search(r'href="(\./)?messages\.html"', index) and re.search(r'href="(\./)?glossary\.html"', index)
