"""MkDocs adapter for the message index; the logic lives in kb.message_index (MkDocs-free).

Ordering: the index page `messages.md` is generated in on_files and appended last (this
on_files runs after every other one). MkDocs renders pages in file order, so by the time the
index page's Markdown is requested, on_page_content has seen the final HTML of every other
page: the index is built from real headings and anchors, and MkDocs then validates each of its
links like any hand-written link. If another plugin ever reorders files, the build stops
instead of writing an incomplete index.
"""
from __future__ import annotations

import os

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from kb.message_catalogue import DEFAULT_CATALOGUE, CatalogueError, MessageEntry, load_catalogue
from kb.message_index import INDEX_TITLE, MessageIndexBuilder, first_line_of, link_mentions

INDEX_URI = "messages.md"
_FRONT_MATTER = f"---\ntitle: {INDEX_TITLE}\ntags:\n  - reference\n  - troubleshooting\n---\n"

log = get_plugin_logger(__name__)

_catalogue: dict[str, MessageEntry] = {}
_catalogue_label = ""
_builder = MessageIndexBuilder({})
_nav_order: list[str] = []


def on_config(config: MkDocsConfig) -> None:
    """Load the catalogue and start a fresh index for this build (serve rebuilds reuse the module)."""
    global _catalogue, _catalogue_label, _builder
    _catalogue_label = _project_relative(str(DEFAULT_CATALOGUE), config)
    try:
        _catalogue = load_catalogue(DEFAULT_CATALOGUE, _catalogue_label)
    except CatalogueError as error:
        raise PluginError(str(error)) from error
    _builder = MessageIndexBuilder(_catalogue)


@event_priority(-100)
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Append the generated index page after every other file, so it is rendered last."""
    if files.get_file_from_path(INDEX_URI) is not None:
        raise PluginError(f"docs/{INDEX_URI}: this path is reserved for the generated message index")
    files.append(File.generated(config, INDEX_URI, content=_FRONT_MATTER))
    return files


def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> None:
    """Remember the reading order, so the index lists places in the order of the navigation."""
    global _nav_order
    _nav_order = [page.file.src_uri for page in nav.pages]


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    """Write the index page's Markdown from the mentions collected on every other page."""
    if page.file.src_uri != INDEX_URI:
        return None
    not_yet_rendered = sorted(
        file.src_uri for file in files.documentation_pages() if file.src_uri not in _builder.pages_seen
    )
    not_yet_rendered.remove(INDEX_URI)
    if not_yet_rendered:
        raise PluginError(
            f"{INDEX_URI} must be rendered after every other page, but these were not: "
            f"{', '.join(not_yet_rendered)}. A plugin added or reordered files after hooks/messages.py "
            "appended the index, or --dirty skipped unchanged pages (the index needs a full build)."
        )
    for message_id in _builder.unmentioned():
        log.warning(f"{_catalogue_label}: message ID {message_id} is mentioned on no page; remove its entry")
    return _builder.render_markdown(INDEX_URI, _nav_order)


@event_priority(-50)
def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    """Record the page's mentions (code included), fail on IDs without data, link the rest."""
    if page.file.src_uri == INDEX_URI:
        return None
    unknown = _builder.add_page(page.file.src_uri, page.title or page.file.name, html)
    if unknown:
        source = page.file.content_string
        line = first_line_of(source, unknown[0])
        where = _page_label(page, config) + (f":{line}" if line else "")
        raise PluginError(f"{where}: message ID {unknown[0]} has no entry in {_catalogue_label}")
    index_file = files.get_file_from_path(INDEX_URI)
    assert index_file is not None, "on_files appends the index page"
    return link_mentions(html, get_relative_url(index_file.url, page.file.url), _catalogue)


def _page_label(page: Page, config: MkDocsConfig) -> str:
    """Name a page as the author knows it: docs/…/page.md."""
    if page.file.abs_src_path:
        return _project_relative(page.file.abs_src_path, config)
    return f"{page.file.src_uri} (generated)"


def _project_relative(path: str, config: MkDocsConfig) -> str:
    """Path relative to the directory of mkdocs.yml when inside it, else absolute."""
    root = os.path.dirname(os.path.abspath(config.config_file_path or "mkdocs.yml"))
    relative = os.path.relpath(os.path.abspath(path), root)
    return path if relative.startswith("..") else relative
