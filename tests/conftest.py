"""Shared fixtures: the built sites (MkDocs and Zensical), the Debian Chromium, and poppler tools.

`site_dir` is the MkDocs build: tests that use it check MkDocs-only output (the generated
HTML both generators share is checked once) and are MkDocs-only. `built_site` is parametrized
over both generators (test ids `[mkdocs]` and `[zensical]`): the browser suites (offline from
file://, search, calculators, snippets, parity on a sample) use it, so they run against both.

Tools the tests need must be present in CI: where CI=true a missing tool is a
failure, elsewhere a skip with the install hint.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def require_tool(path_or_name: str, install_hint: str) -> str:
    """Return the tool's path; fail under CI=true, else skip, when it is missing."""
    found = path_or_name if os.path.isabs(path_or_name) and os.access(path_or_name, os.X_OK) else shutil.which(path_or_name)
    if found:
        return found
    message = f"{path_or_name} is missing: {install_hint}"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)
    raise AssertionError("unreachable")


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the site once per test session with --strict and return its directory."""
    out = tmp_path_factory.mktemp("site")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("ENABLE_PDF_EXPORT", None)
    env.pop("SITE_URL", None)  # the file:// build: no canonical links (tests/test_site_hosting.py builds a hosted one)
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )
    assert result.returncode == 0, f"strict build failed:\n{result.stdout}\n{result.stderr}"
    return out


@pytest.fixture(scope="session")
def zensical_site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the same site once with Zensical (`./dev build --zensical`: kb.generate, then zensical build)."""
    out = tmp_path_factory.mktemp("zensical") / "site"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("SITE_URL", None)
    result = subprocess.run(
        [sys.executable, "-m", "kb.zensical_build", "--site-dir", str(out)],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )
    assert result.returncode == 0, f"Zensical build failed:\n{result.stdout}\n{result.stderr}"
    return out


GENERATORS = ("mkdocs", "zensical")


@pytest.fixture(scope="session", params=GENERATORS)
def built_site(request: pytest.FixtureRequest) -> Path:
    """The site built by each generator in turn: MkDocs (site_dir), then Zensical (zensical_site_dir)."""
    return request.getfixturevalue("site_dir" if request.param == "mkdocs" else "zensical_site_dir")


def generator_of(site: Path) -> str:
    """Which generator built a site folder: Material under MkDocs writes search/search_index.json."""
    return "mkdocs" if (site / "search" / "search_index.json").is_file() else "zensical"


def render_page(folder: Path, source: str, src_uri: str = "area/page.md") -> str:
    """Render one page as either generator does: the site's own Markdown extensions, front matter removed.

    The page is written to folder/docs/src_uri (kb.fences reads it for the file's line numbers),
    so errors name `docs/<src_uri>:LINE`. pymdownx.snippets is left out (its appended
    abbreviations come from the build's generated/ folder). Raises kb.fences.FenceError.
    """
    import markdown

    from kb.fences import set_page
    from kb.generate import load_site_config, markdown_setup

    page = folder / "docs" / src_uri
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(source, encoding="utf-8")
    names, options = markdown_setup(load_site_config(ROOT / "mkdocs.yml"))
    names = [name for name in names if name != "pymdownx.snippets"]
    body = re.sub(r"\A---\n.*?\n---[ \t]*\n", "", source, count=1, flags=re.S).lstrip("\n")
    set_page(src_uri, str(folder / "docs"), str(folder))
    return markdown.Markdown(extensions=names, extension_configs=options).convert(body)


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """Debian's Chromium binary (never a downloaded browser)."""
    return require_tool(CHROMIUM, "apt-get install -y chromium")


@pytest.fixture(scope="session")
def browser(chromium_path: str) -> Iterator[object]:
    """One headless Debian Chromium for the session, driven by Playwright."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture()
def offline_page(browser: object) -> Iterator[object]:
    """A fresh page that aborts every non-file:// request and records console errors."""
    context = browser.new_context()  # type: ignore[attr-defined]
    page = context.new_page()
    page.external_requests = []  # type: ignore[attr-defined]
    page.console_errors = []  # type: ignore[attr-defined]

    def guard(route: object) -> None:
        url = route.request.url  # type: ignore[attr-defined]
        if url.startswith(("file://", "data:", "blob:", "about:")):
            route.continue_()  # type: ignore[attr-defined]
        else:
            page.external_requests.append(url)  # type: ignore[attr-defined]
            route.abort()  # type: ignore[attr-defined]

    context.route("**/*", guard)
    page.on("console", lambda msg: msg.type == "error" and page.console_errors.append(msg.text))  # type: ignore[attr-defined]
    page.on("pageerror", lambda err: page.console_errors.append(str(err)))  # type: ignore[attr-defined]
    yield page
    context.close()


@pytest.fixture(scope="session")
def pdftotext_path() -> str:
    """poppler's pdftotext."""
    return require_tool("pdftotext", "apt-get install -y poppler-utils")
