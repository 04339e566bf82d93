"""Link the PDF books from the built home page, only those that exist.

Works on the built `index.html` of any generator: the page's Markdown carries the
marker `<!-- kb:pdf-download -->` (kept as an HTML comment by every Markdown
renderer); the block of links is put after it, between it and `<!-- /kb:pdf-download -->`,
so a second export replaces the block instead of adding another. Without the marker
the block goes right after the article's first `</h1>`.
"""
from __future__ import annotations

import html
import re
from collections.abc import Sequence
from pathlib import Path

MARKER = "<!-- kb:pdf-download -->"
END_MARKER = "<!-- /kb:pdf-download -->"
_BLOCK = re.compile(re.escape(MARKER) + r".*?" + re.escape(END_MARKER), re.S)


def download_block(books: Sequence[tuple[str, str, int]]) -> str:
    """The links: (href relative to the home page, area title or "" for the whole site, bytes)."""
    whole = [(href, size) for href, title, size in books if not title]
    areas = [(href, title, size) for href, title, size in books if title]
    parts = ['<div class="kb-pdf-download kb-interactive" data-search-exclude>']
    for href, size in whole:
        parts.append(
            f'<p><a class="md-button" href="{html.escape(href, quote=True)}" download>Download the whole site as one PDF</a> '
            f"({size / 1e6:.1f} MB) for offline reading: every page in navigation order, with bookmarks.</p>"
        )
    if areas:
        links = ", ".join(
            f'<a href="{html.escape(href, quote=True)}" download>{html.escape(title)}</a> ({size / 1e6:.1f} MB)'
            for href, title, size in areas
        )
        parts.append(f"<p>One area only, to carry to the rack: {links}.</p>")
    parts.append("</div>")
    return "".join(parts)


def link_books(site_dir: Path, books: Sequence[tuple[str, str]], home: str = "index.html") -> bool:
    """Put links to the books (output path, area title) that exist into the home page; False if no home page."""
    page = site_dir / home
    if not page.is_file():
        return False
    existing = [
        (output, title, (site_dir / output).stat().st_size) for output, title in books if (site_dir / output).is_file()
    ]
    text = page.read_text(encoding="utf-8")
    block = MARKER + (download_block(existing) if existing else "") + END_MARKER
    if _BLOCK.search(text):
        text = _BLOCK.sub(lambda _match: block, text, count=1)
    elif MARKER in text:
        text = text.replace(MARKER, block, 1)
    else:
        article = text.find('<article class="md-content__inner')
        heading = text.find("</h1>", max(article, 0))
        if heading < 0:
            return False
        text = text[: heading + 5] + block + text[heading + 5 :]
    page.write_text(text, encoding="utf-8")
    return True
