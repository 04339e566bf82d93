"""The built site works from file:// in headless Chromium with the network cut off.

Every non-file request is aborted and recorded by the `offline_page` fixture;
the tests require none to be attempted, no console error, working search
(through our iframe-worker shim) and navigation links that resolve to files.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHIM = ROOT / "docs" / "assets" / "javascripts" / "iframe-worker.js"
SEARCH_SETTLE_MS = 15_000
MAX_PAGES = 8
# Preferred search terms (known from the field notes), then words from the index itself.
PREFERRED_TERMS = ("mkramdisk", "dsmserv", "chdev", "lsattr")


def page_url(path: Path) -> str:
    """The file:// URL of a built file."""
    return path.resolve().as_uri()


def sample_pages(built_site: Path) -> list[Path]:
    """index.html and the first page of every section, at most MAX_PAGES.

    404.html is left out: only a web server shows it, and its asset paths are
    root-absolute ("/assets/...") by design, which no file:// reader reaches.
    """
    pages = sorted(p for p in built_site.rglob("*.html") if p.name != "404.html")
    chosen = [built_site / "index.html"]
    seen_sections: set[str] = set()
    for page in pages:
        section = page.relative_to(built_site).parts[0]
        if page not in chosen and section not in seen_sections:
            chosen.append(page)
            seen_sections.add(section)
    return [p for p in chosen if p.exists()][:MAX_PAGES]


def search_terms(built_site: Path) -> list[str]:
    """Words that certainly occur in the search index: preferred ones first, then page titles."""
    material_index = built_site / "search" / "search_index.json"  # Material under MkDocs
    if material_index.is_file():
        docs = json.loads(material_index.read_text(encoding="utf-8"))["docs"]
    else:  # Zensical: search.json, and search.js holding the same for file://
        docs = json.loads((built_site / "search.json").read_text(encoding="utf-8"))["items"]
    corpus = " ".join(f"{doc['title']} {doc['text']}" for doc in docs).lower()
    terms = [term for term in PREFERRED_TERMS if term in corpus]
    for doc in docs:
        words = sorted(re.findall(r"[a-z]{6,}", doc["title"].lower()), key=len, reverse=True)
        terms += [word for word in words if word not in terms]
    assert terms, "the search index has no usable word"
    return terms[:3]


def assert_clean(page: object, where: str) -> None:
    """No external request attempted and no console error on this page."""
    assert page.external_requests == [], f"{where}: external requests: {page.external_requests}"  # type: ignore[attr-defined]
    assert page.console_errors == [], f"{where}: console errors: {page.console_errors}"  # type: ignore[attr-defined]


def run_search(page: object, term: str) -> str:
    """Type a term into the theme's search box and return the settled result summary.

    Material under MkDocs: the header box, "N matching documents". Zensical: a search dialog
    opened by the header button, "N results" (normalised here to Material's wording).
    """
    if page.locator("input.md-search__input").count():  # type: ignore[attr-defined]
        box = page.locator("input.md-search__input")  # type: ignore[attr-defined]
        box.click(timeout=10_000)  # hidden when the bundle failed to start
        box.fill("")
        box.press_sequentially(term, delay=30)
        meta = page.locator(".md-search-result__meta")  # type: ignore[attr-defined]
        page.wait_for_function(  # type: ignore[attr-defined]
            """() => {
                const meta = document.querySelector('.md-search-result__meta');
                return meta && /matching document/i.test(meta.textContent);
            }""",
            timeout=SEARCH_SETTLE_MS,
        )
        return meta.inner_text()
    if not page.locator("input[role=combobox]").is_visible():  # type: ignore[attr-defined]
        page.locator("button.md-search__button").click(timeout=10_000)  # type: ignore[attr-defined]
    box = page.locator("input[role=combobox]")  # type: ignore[attr-defined]
    box.fill("")
    box.press_sequentially(term, delay=30)
    # "No results" shows while the index is still loading or the term half typed: wait for a count.
    counted = page.get_by_text(re.compile(r"^\d+ results?$")).first  # type: ignore[attr-defined]
    try:
        counted.wait_for(timeout=SEARCH_SETTLE_MS)
    except Exception:  # Playwright's TimeoutError: report what the dialog says instead
        status = page.get_by_text(re.compile(r"^No results")).first  # type: ignore[attr-defined]
        return status.inner_text() if status.count() else "no result count within the time limit"
    found = re.match(r"(\d+) results?", counted.inner_text())
    return f"{found.group(1)} matching documents" if found else counted.inner_text()


def result_links(page: object) -> object:
    """The search results' links (Material's list, or Zensical's dialog)."""
    if page.locator(".md-search-result__link").count():  # type: ignore[attr-defined]
        return page.locator(".md-search-result__link")  # type: ignore[attr-defined]
    return page.locator("[id$='-results'] a[href]")  # type: ignore[attr-defined]


def test_search_works_from_file(offline_page: object, built_site: Path) -> None:
    """Search initialises through the local shim and finds words from the site."""
    offline_page.goto(page_url(built_site / "index.html"), wait_until="load")  # type: ignore[attr-defined]
    assert offline_page.evaluate("window.Worker === window.IFrameWorker"), "the local shim is not active"  # type: ignore[attr-defined]
    for term in search_terms(built_site):
        summary = run_search(offline_page, term)
        assert "Initializing" not in summary
        assert re.search(r"\d+ matching document", summary), f"no results for {term!r}: {summary!r}"
        assert result_links(offline_page).count() >= 1  # type: ignore[attr-defined]
    # Following a result opens a local page.
    first = result_links(offline_page).first  # type: ignore[attr-defined]
    first.click()
    offline_page.wait_for_load_state("load")  # type: ignore[attr-defined]
    assert offline_page.url.startswith("file://")  # type: ignore[attr-defined]
    assert Path(unquote(urlsplit(offline_page.url).path)).is_file()  # type: ignore[attr-defined]
    assert_clean(offline_page, "search")


def test_search_works_from_a_nested_page(offline_page: object, built_site: Path) -> None:
    """The shim resolves the worker and index paths relative to pages in subfolders too."""
    nested = [p for p in sample_pages(built_site) if p.parent != built_site]
    if not nested:
        pytest.skip("no page in a subfolder yet")
    offline_page.goto(page_url(nested[0]), wait_until="load")  # type: ignore[attr-defined]
    summary = run_search(offline_page, search_terms(built_site)[0])
    assert re.search(r"\d+ matching document", summary), summary
    assert_clean(offline_page, nested[0].name)


def test_navigation_links_resolve_to_files(offline_page: object, built_site: Path) -> None:
    """Every local link on the sampled pages names an existing file (use_directory_urls: false)."""
    broken: list[str] = []
    for path in sample_pages(built_site):
        offline_page.goto(page_url(path), wait_until="load")  # type: ignore[attr-defined]
        hrefs: list[str] = offline_page.evaluate(  # type: ignore[attr-defined]
            "() => [...document.querySelectorAll('a[href]')].map(a => a.href)"
        )
        for href in hrefs:
            if not href.startswith("file://"):
                continue
            target = Path(unquote(urlsplit(href).path))
            if not target.is_file():
                broken.append(f"{path.relative_to(built_site)} -> {href}")
    assert not broken, "links that do not open a file under file://:\n" + "\n".join(broken)


def test_clicking_navigation_opens_pages(offline_page: object, built_site: Path) -> None:
    """Clicking a navigation link loads the next page from file:// cleanly."""
    offline_page.goto(page_url(built_site / "index.html"), wait_until="load")  # type: ignore[attr-defined]
    targets: list[str] = offline_page.evaluate(  # type: ignore[attr-defined]
        """() => [...document.querySelectorAll('a.md-nav__link[href]')]
                 .map(a => a.href).filter(h => h.startsWith('file://') && !h.includes('#'))"""
    )
    targets = [t for t in dict.fromkeys(targets) if not t.endswith("/index.html")][:3]
    if not targets:
        pytest.skip("the navigation has only the home page yet")
    for target in targets:
        offline_page.goto(page_url(built_site / "index.html"), wait_until="load")  # type: ignore[attr-defined]
        # Matched on the resolved URL: MkDocs writes href="a/b.html", Zensical href="./a/b.html".
        offline_page.evaluate(  # type: ignore[attr-defined]
            "target => [...document.querySelectorAll('a.md-nav__link[href]')].find(a => a.href === target).click()", target
        )
        offline_page.wait_for_url(target)  # type: ignore[attr-defined]
        assert offline_page.locator("article h1").count() >= 1, target  # type: ignore[attr-defined]
    assert_clean(offline_page, "navigation")


def test_no_conditional_loader_can_fire_in_chromium(offline_page: object, built_site: Path) -> None:
    """The two allow-listed unpkg.com loaders need a Mermaid block or a missing ResizeObserver."""
    offline_page.goto(page_url(built_site / "index.html"), wait_until="load")  # type: ignore[attr-defined]
    assert offline_page.evaluate("typeof ResizeObserver") == "function"  # type: ignore[attr-defined]
    assert offline_page.locator("pre.mermaid").count() == 0  # type: ignore[attr-defined]


# --- the shim itself, on a tiny worker that uses every worker global it provides ---

ECHO_WORKER = """
importScripts("helper.js");
self.onmessage = function (event) {
  if (event.data === "close") { close(); return; }
  postMessage({ echo: event.data, helper: typeof helperValue, isArray: Array.isArray(event.data) });
};
addEventListener("message", function (event) {
  if (event.data === "second") postMessage("second listener");
});
"""
ASYNC_IMPORT_WORKER = """
addEventListener("message", async function () {
  await importScripts("helper.js");
  postMessage({ helper: helperValue, sawIFrameWorker: "IFrameWorker" in parent });
});
"""
HARNESS = """<!doctype html><meta charset="utf-8"><title>shim</title>
<script src="iframe-worker.js"></script>
<body><script>
window.received = [];
window.errors = [];
function start(script) {
  const worker = new Worker(script);
  worker.addEventListener("message", e => received.push(e.data));
  worker.addEventListener("error", e => errors.push(e.message));
  return worker;
}
</script>"""


@pytest.fixture()
def shim_dir(tmp_path: Path) -> Path:
    """A folder holding the shim, two test workers and a page that uses them."""
    (tmp_path / "iframe-worker.js").write_text(SHIM.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "echo.js").write_text(ECHO_WORKER, encoding="utf-8")
    (tmp_path / "async-import.js").write_text(ASYNC_IMPORT_WORKER, encoding="utf-8")
    (tmp_path / "helper.js").write_text("var helperValue = 42;", encoding="utf-8")
    (tmp_path / "index.html").write_text(HARNESS, encoding="utf-8")
    return tmp_path


def test_shim_bridges_messages_both_ways(offline_page: object, shim_dir: Path) -> None:
    """onmessage, addEventListener, importScripts and postMessage behave as in a worker."""
    page = offline_page
    page.goto(page_url(shim_dir / "index.html"))  # type: ignore[attr-defined]
    page.evaluate("""() => {
        window.echo = start("echo.js");
        const early = [1, 2];
        echo.postMessage(early);    // posted before the script loaded: queued as a copy
        early.push(3);
        echo.postMessage("second");
    }""")  # type: ignore[attr-defined]
    page.wait_for_function("received.length >= 3", timeout=5000)  # type: ignore[attr-defined]
    received = page.evaluate("received")  # type: ignore[attr-defined]
    assert received[0] == {"echo": [1, 2], "helper": "number", "isArray": True}
    assert {"echo": "second", "helper": "number", "isArray": False} in received
    assert "second listener" in received
    # The worker's copy is a clone: mutating what was sent changes nothing on the other side.
    page.evaluate("""() => { const sent = {n: 1}; echo.postMessage(sent); sent.n = 2; }""")  # type: ignore[attr-defined]
    page.wait_for_function("received.length >= 4", timeout=5000)  # type: ignore[attr-defined]
    assert page.evaluate("received[3]")["echo"] == {"n": 1}  # type: ignore[attr-defined]
    # terminate() removes the iframe and silences the worker.
    page.evaluate("() => { echo.terminate(); echo.postMessage('late'); }")  # type: ignore[attr-defined]
    page.wait_for_timeout(200)  # type: ignore[attr-defined]
    assert page.evaluate("received.length") == 4  # type: ignore[attr-defined]
    assert page.evaluate("document.querySelectorAll('iframe').length") == 0  # type: ignore[attr-defined]
    assert page.evaluate("errors") == []  # type: ignore[attr-defined]
    assert_clean(page, "shim harness")


def test_shim_awaitable_import_scripts_and_iframe_marker(offline_page: object, shim_dir: Path) -> None:
    """Material's worker awaits importScripts and checks for IFrameWorker in its parent."""
    page = offline_page
    page.goto(page_url(shim_dir / "index.html"))  # type: ignore[attr-defined]
    page.evaluate("() => { start('async-import.js').postMessage('go'); }")  # type: ignore[attr-defined]
    page.wait_for_function("received.length >= 1", timeout=5000)  # type: ignore[attr-defined]
    assert page.evaluate("received[0]") == {"helper": 42, "sawIFrameWorker": True}  # type: ignore[attr-defined]
    assert_clean(page, "shim harness")


def test_shim_reports_a_missing_worker_script(offline_page: object, shim_dir: Path) -> None:
    """A worker script that cannot be loaded raises an error event, as a Worker does."""
    page = offline_page
    page.goto(page_url(shim_dir / "index.html"))  # type: ignore[attr-defined]
    page.evaluate("() => { start('missing.js'); }")  # type: ignore[attr-defined]
    page.wait_for_function("errors.length >= 1", timeout=5000)  # type: ignore[attr-defined]
    assert "missing.js" in page.evaluate("errors[0]")  # type: ignore[attr-defined]
    page.console_errors.clear()  # type: ignore[attr-defined]  # Chromium logs the failed file load itself


def test_shim_leaves_worker_alone_off_file(offline_page: object) -> None:
    """Served over any other protocol, the browser's own Worker stays in place."""
    page = offline_page
    page.set_content("<!doctype html><title>served</title><body></body>")  # type: ignore[attr-defined]
    page.add_script_tag(content=SHIM.read_text(encoding="utf-8"))  # type: ignore[attr-defined]
    assert page.evaluate("location.protocol") != "file:"  # type: ignore[attr-defined]
    assert page.evaluate("typeof window.IFrameWorker") == "undefined"  # type: ignore[attr-defined]
    assert page.evaluate("Worker.toString()").find("[native code]") >= 0  # type: ignore[attr-defined]
