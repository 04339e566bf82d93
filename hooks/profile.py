"""MkDocs adapter for the reader's profile; the logic lives in kb.profile, the browser part in kb/profile.js.

on_config loads KB_PROFILE (a bad file stops the build with its one line) and adds the profile script
and stylesheet to every page; the Profile page gets the list of variables at its marker and the
calculators' scripts (their parsers check the values there as on their own pages).
"""
from __future__ import annotations

import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from kb.profile import ProfileError, activate, calculator_names, profile_list_html

PAGE = "profile.md"
MARKER = "<!-- kb-profile-variables -->"
ASSETS = {"assets/javascripts/kb-profile.js": "profile.js", "assets/stylesheets/kb-profile.css": "profile.css"}
SOURCE = Path(__file__).resolve().parent.parent / "kb"


def on_config(config: MkDocsConfig) -> None:
    """Load the build's profile (KB_PROFILE) and put the profile script and stylesheet on every page."""
    try:
        activate(Path(os.path.abspath(config.config_file_path or "mkdocs.yml")).parent)
    except ProfileError as error:
        raise PluginError(str(error)) from None
    for asset in ASSETS:
        target = config.extra_javascript if asset.endswith(".js") else config.extra_css
        if asset not in [str(item) for item in target]:
            target.append(asset)


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Add the profile script and stylesheet (from kb/, never written into docs/)."""
    for asset, source in ASSETS.items():
        if files.get_file_from_path(asset) is None:
            files.append(File.generated(config, asset, content=(SOURCE / source).read_text(encoding="utf-8")))
    return files


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    """Put the list of variables at the Profile page's marker, with the calculators' scripts that check them."""
    if page.file.src_uri != PAGE:
        return None
    if markdown.count(MARKER) != 1:
        raise PluginError(f"docs/{PAGE}: needs the marker {MARKER} exactly once")
    scripts = "".join(f'<script src="{get_relative_url(f"assets/calculators/{name}.js", page.file.url)}"></script>'
                      for name in calculator_names())
    return markdown.replace(MARKER, profile_list_html() + scripts)
