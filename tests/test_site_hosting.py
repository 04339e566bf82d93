"""A hosted copy: SITE_URL reaches the sitemap and canonical links, the 404 page works under a
sub-path, and every page works under the documented security headers (no CSP violation, no
console error, calculators, snippets and search still work). Served by kb.hosting on 127.0.0.1.
"""
from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kb.hosting import content_security_policy, inline_script_hashes, make_server, security_headers
from tests.conftest import ROOT

PREFIX = "/notes/"
# Records what the browser reports: blocked content and console errors.
RECORD_VIOLATIONS = """
window.__kbViolations = [];
document.addEventListener('securitypolicyviolation', e => window.__kbViolations.push(
  e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile + ':' + e.lineNumber));
"""


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def hosted(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """A strict build with SITE_URL under a sub-path, served by kb.hosting with the security headers."""
    port = free_port()
    base = f"http://127.0.0.1:{port}{PREFIX}"
    out = tmp_path_factory.mktemp("hosted")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SITE_URL=base)
    env.pop("ENABLE_PDF_EXPORT", None)
    built = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
                           cwd=ROOT, env=env, capture_output=True, text=True)
    assert built.returncode == 0, built.stderr
    server = make_server(out, port, PREFIX)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield out, base
    server.shutdown()
    server.server_close()


def pages_of(site: Path) -> list[str]:
    """Every HTML page of the site, as paths relative to it."""
    return sorted(path.relative_to(site).as_posix() for path in site.rglob("*.html"))


def test_site_url_reaches_sitemap_and_canonical_links(hosted: tuple[Path, str]) -> None:
    site, base = hosted
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    listed = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    pages = [page for page in pages_of(site) if page != "404.html"]
    assert sorted(listed) == sorted(base + page for page in pages)
    for page in pages:
        html = (site / page).read_text(encoding="utf-8")
        assert f'<link rel="canonical" href="{base}{page}">' in html, page


def test_file_build_has_no_canonical_links_and_an_empty_sitemap(site_dir: Path) -> None:
    assert "<loc>" not in (site_dir / "sitemap.xml").read_text(encoding="utf-8")
    assert 'rel="canonical"' not in (site_dir / "index.html").read_text(encoding="utf-8")


def test_server_sends_the_headers_and_404_for_a_missing_page(hosted: tuple[Path, str]) -> None:
    site, base = hosted
    with urllib.request.urlopen(base + "index.html", timeout=30) as response:
        assert response.status == 200
        for name, value in security_headers(site).items():
            assert response.headers[name] == value
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(base + "no/such/deep/page.html", timeout=30)
    assert caught.value.code == 404
    assert caught.value.headers["Content-Security-Policy"] == content_security_policy(site)


def test_policy_has_no_unsafe_sources_and_hashes_every_inline_script(hosted: tuple[Path, str]) -> None:
    site, _ = hosted
    policy = content_security_policy(site)
    assert "unsafe" not in policy and "*" not in policy and "http" not in policy
    hashes = inline_script_hashes(site)
    assert 1 <= len(hashes) <= 12, hashes  # the theme's few bootstrap lines, by page depth
    assert all(hashed in policy for hashed in hashes)


@pytest.fixture()
def hosted_page(browser: Any) -> Iterator[Any]:
    """A browser page that records CSP violations, console errors and requests to other hosts."""
    context = browser.new_context()
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    page.console_errors = []
    page.foreign = []
    page.on("console", lambda message: message.type == "error" and page.console_errors.append(message.text))
    page.on("pageerror", lambda error: page.console_errors.append(str(error)))
    page.on("request", lambda request: request.url.startswith(("http://127.0.0.1", "data:", "blob:", "about:")) or page.foreign.append(request.url))
    yield page
    context.close()


def assert_clean(page: Any, what: str) -> None:
    """No CSP violation, console error or request to another host so far."""
    assert page.evaluate("window.__kbViolations") == [], what
    assert page.console_errors == [], (what, page.console_errors)
    assert page.foreign == [], (what, page.foreign)


def test_every_page_works_under_the_security_headers(hosted: tuple[Path, str], hosted_page: Any) -> None:
    site, base = hosted
    pages = [page for page in pages_of(site) if page != "404.html"]
    assert len(pages) >= 15
    for path in pages:
        hosted_page.goto(base + path, wait_until="networkidle")
        assert hosted_page.locator("h1").count() >= 1, path
        assert_clean(hosted_page, path)


def test_the_policy_is_in_force(hosted: tuple[Path, str], hosted_page: Any) -> None:
    """Control: an injected inline script is blocked, so a clean page above means the pages comply."""
    _, base = hosted
    hosted_page.goto(base + "index.html", wait_until="networkidle")
    ran = hosted_page.evaluate("""() => { window.__ran = false; const s = document.createElement('script');
        s.textContent = 'window.__ran = true'; document.body.appendChild(s); return window.__ran; }""")
    assert ran is False
    hosted_page.wait_for_function("window.__kbViolations.length > 0")
    assert hosted_page.evaluate("window.__kbViolations")[0].startswith("script-src")


def test_calculators_snippets_and_search_work_under_the_headers(hosted: tuple[Path, str], hosted_page: Any) -> None:
    _, base = hosted
    page = hosted_page
    page.goto(base + "bicycles/tire-pressure.html", wait_until="networkidle")
    page.wait_for_selector("[data-kb-calc][data-kb-ready]")
    page.fill("#kb-tire-weight", "250 lb")
    page.wait_for_function("document.querySelector('[data-kb-results] [data-kb-output=wheels] tbody tr') !== null")
    before = page.locator("[data-kb-results] [data-kb-output=wheels]").inner_text()
    page.fill("#kb-tire-weight", "180 lb")
    page.wait_for_function("text => document.querySelector('[data-kb-results] [data-kb-output=wheels]').innerText !== text", arg=before)
    page.fill("#kb-tire-weight", "lots")
    assert "weight" in page.locator('[data-kb-error="weight"]').inner_text().lower()
    page.goto(base + "aix-networking/etherchannel-crash.html", wait_until="networkidle")
    root = "#snippet-aix-etherchannel-readd"
    page.fill(f"{root}-etherchannel", "ent20")
    page.wait_for_function(f"document.querySelector('{root} pre code').textContent.includes('ent20')")
    page.goto(base + "index.html?q=mkramdisk", wait_until="networkidle")
    page.wait_for_selector(".md-search-result__item", timeout=15_000)
    assert_clean(page, "calculator, snippet and search")


def test_404_page_under_a_sub_path_finds_its_styles_and_links(hosted: tuple[Path, str], hosted_page: Any) -> None:
    _, base = hosted
    page = hosted_page
    failed: list[str] = []
    page.on("response", lambda response: response.status >= 400 and failed.append(response.url))
    response = page.goto(base + "no/such/deep/page.html", wait_until="networkidle")
    assert response is not None and response.status == 404
    assert failed == [base + "no/such/deep/page.html"], failed  # only the page itself; every asset loaded
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") in ("sticky", "fixed")
    home = page.locator("a.md-header__button.md-logo").get_attribute("href")
    assert home == PREFIX + "index.html"
    assert page.evaluate("window.__kbViolations") == []
