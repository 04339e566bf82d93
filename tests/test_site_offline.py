"""The built site references no external host where a browser would fetch it.

A static scan of every built HTML, SVG, CSS and JS file (and of the inlined
search index, whose text Material renders as HTML in search results). Asset
positions are checked: <script src>, fetching <link> rels, <img>/<source>
src and srcset, media, <iframe>/<embed>/<object>, SVG <image>/<use>, inline
styles, CSS url() and @import, and JS loaders (importScripts, import(),
new Worker, fetch, XHR, .src assignments). Any other literal http(s):// URL in
JS must be in ALLOWED_JS_URLS, by exact text, with the reason it is never
fetched here. Plain <a href> hyperlinks are not requests; they are listed.
Source maps (*.map) are read only by developer tools and are not scanned.

The browser test (test_site_offline_browser.py) is the run-time proof; this scan
catches a reference before anyone has to click the page that carries it.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest

# --- what is allowed, by exact text ------------------------------------------

REASON_MERMAID = (
    "Material bundle's Mermaid loader: runs only when a page has a <pre class=\"mermaid\"> "
    "block; test_no_page_has_a_mermaid_block proves none does"
)
REASON_RESIZE_OBSERVER = (
    "Material bundle's ResizeObserver polyfill loader: runs only where the browser lacks "
    "ResizeObserver (every Chromium since 64 has it; the browser test asserts it)"
)
REASON_REPO_FACTS = (
    "Material bundle's GitHub/GitLab repository-facts request: runs only when repo_url is "
    "set; test_repository_facts_cannot_be_requested proves no page has the source widget"
)
REASON_TEXT = "text in a licence comment or a console message, never fetched"

ALLOWED_JS_URLS: dict[str, str] = {
    # assets/javascripts/bundle.*.min.js
    "https://unpkg.com/mermaid@11/dist/mermaid.min.js": REASON_MERMAID,
    "https://unpkg.com/resize-observer-polyfill": REASON_RESIZE_OBSERVER,
    "https://api.github.com/repos/${e}/${t}": REASON_REPO_FACTS,
    "https://api.github.com/users/${e}": REASON_REPO_FACTS,
    "https://${e}/api/v4/projects/${encodeURIComponent(t": REASON_REPO_FACTS,
    "https://clipboardjs.com/": REASON_TEXT,
    # assets/javascripts/workers/search.*.min.js (lunr)
    "http://lunrjs.com": REASON_TEXT,
    "http://tartarus.org/~martin/PorterStemmer/js.txt": REASON_TEXT,
    "https://bit.ly/2s3ChXG": REASON_TEXT,
    # assets/javascripts/lunr/min/lunr.*.min.js (lunr-languages, loaded only for
    # non-English search.lang; their URLs are licence comments)
    "https://github.com/MihaiValentin/lunr-languages": REASON_TEXT,
    "http://snowball.tartarus.org/": REASON_TEXT,
    "http://code.google.com/p/urim/": REASON_TEXT,
    "http://www.mozilla.org/MPL/": REASON_TEXT,
    # assets/javascripts/lunr/tinyseg.js and wordcut.js (Japanese, Thai, Hindi)
    "http://chasen.org/~taku/software/TinySegmenter/LICENCE.txt": REASON_TEXT,
    "https://github.com/umdjs/umd/blob/master/returnExports.js": REASON_TEXT,
    "http://docs.python.org/library/functions.html#range": REASON_TEXT,
    "http://en.wikipedia.org/wiki/ANSI_escape_code#graphics": REASON_TEXT,
    "http://en.wikipedia.org/wiki/Fisher\u2013Yates_shuffle": REASON_TEXT,
    "http://msdn.microsoft.com/en-us/library/ie/dww52sbt(v=vs.94": REASON_TEXT,
    "http://narwhaljs.org": REASON_TEXT,
    "http://people.mozilla.org/~jorendorff/es6-draft.html#sec-tolength": REASON_TEXT,
    "http://underscorejs.org": REASON_TEXT,
    "http://wiki.commonjs.org/wiki/Unit_Testing/1.0": REASON_TEXT,
    "http://wiki.ecmascript.org/doku.php?id=harmony:egal": REASON_TEXT,
    "https://developer.mozilla.org/docs/Web/JavaScript/Reference/Global_Objects/Object/assign": REASON_TEXT,
    "https://github.com/nodejs/node/blob/b3fcc245fb25539909ef1d5eaa01dbf92e168633/lib/path.js#L56": REASON_TEXT,
    "https://github.com/isaacs/node-glob/issues/167": REASON_TEXT,
    "https://github.com/isaacs/node-glob/issues/205": REASON_TEXT,
}

# <link rel> values that never make the browser fetch the href.
NON_FETCHING_LINK_RELS = frozenset({
    "alternate", "author", "bookmark", "canonical", "external", "help", "license", "me",
    "next", "nofollow", "noopener", "noreferrer", "prev", "search", "tag",
})
# Attributes that make the browser fetch, per element ("*" for any element).
FETCHING_ATTRIBUTES: dict[str, tuple[str, ...]] = {
    "script": ("src",),
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "iframe": ("src",),
    "frame": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "input": ("src",),
    "image": ("href", "xlink:href"),
    "use": ("href", "xlink:href"),
    "feimage": ("href", "xlink:href"),
    "base": ("href",),
    "*": ("background",),
}
HYPERLINK_TAGS = frozenset({"a", "area"})
ASSET_SUFFIXES = (
    ".js", ".mjs", ".css", ".woff", ".woff2", ".ttf", ".otf", ".eot",
    ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".svg", ".ico", ".wasm",
)
JS_SCRIPT_TYPES = frozenset({"", "text/javascript", "application/javascript", "module"})
SEARCH_INDEX_PREFIX = "var __index = "


# --- the scanner ----------------------------------------------------------------

@dataclass(frozen=True)
class Reference:
    """One external URL found in a built file, and where it sits."""

    file: str
    kind: str
    url: str


@dataclass
class ScanResult:
    """Violations (asset references), allowed literals, and plain hyperlinks."""

    violations: list[Reference] = field(default_factory=list)
    allowed: list[Reference] = field(default_factory=list)
    hyperlinks: list[Reference] = field(default_factory=list)

    def extend(self, other: ScanResult) -> None:
        """Merge another file's result into this one."""
        self.violations += other.violations
        self.allowed += other.allowed
        self.hyperlinks += other.hyperlinks


def is_external(url: str) -> bool:
    """True when the URL names another host: http(s), ws(s), ftp or protocol-relative."""
    target = url.strip().lower()
    return target.startswith(("http:", "https:", "//", "ws:", "wss:", "ftp:", "\\\\"))


def srcset_urls(value: str) -> list[str]:
    """The URL of every candidate in a srcset attribute."""
    return [candidate.split()[0] for candidate in value.split(",") if candidate.strip()]


CSS_COMMENT_OR_STRING = re.compile(r'/\*.*?\*/|"(?:\\.|[^"\\])*"|\'(?:\\.|[^\'\\])*\'', re.S)
CSS_URL = re.compile(r'url\(\s*(?:"((?:\\.|[^"\\])*)"|\'((?:\\.|[^\'\\])*)\'|([^)\s]*))\s*\)', re.I)
CSS_IMPORT = re.compile(r'@import\s+(?:"((?:\\.|[^"\\])*)"|\'((?:\\.|[^\'\\])*)\')', re.I)
LITERAL_URL = re.compile(r"(?:https?|wss?|ftp)://[^\s\"'`<>)\\]+", re.I)
PROTOCOL_RELATIVE = re.compile(r"""(?<=["'`(])//[a-z0-9-]+(?:\.[a-z0-9-]+)+(?:[/:][^\s"'`<>)\\]*)?""", re.I)


def strip_css_comments(css: str) -> str:
    """Drop /* comments */ from CSS, keeping strings (which may contain '/*') intact."""
    return CSS_COMMENT_OR_STRING.sub(lambda m: "" if m.group(0).startswith("/*") else m.group(0), css)


def scan_css(css: str, file: str) -> ScanResult:
    """url(), @import and any leftover literal URL in a stylesheet."""
    result = ScanResult()
    code = strip_css_comments(css)
    for match in CSS_IMPORT.finditer(code):
        url = match.group(1) or match.group(2) or ""
        if is_external(url):
            result.violations.append(Reference(file, "css @import", url))
    for match in CSS_URL.finditer(code):
        url = match.group(1) or match.group(2) or match.group(3) or ""
        if is_external(url):
            result.violations.append(Reference(file, "css url()", url))
    # Whatever is left outside url() (an image-set() string, a stray URL) must not be external;
    # data: URIs inside url() legitimately hold SVG namespace URLs and are removed first.
    rest = CSS_URL.sub("", CSS_IMPORT.sub("", code))
    for pattern in (LITERAL_URL, PROTOCOL_RELATIVE):
        for match in pattern.finditer(rest):
            result.violations.append(Reference(file, "css literal URL", match.group(0)))
    return result


_STRING_ARG = r"""\(\s*(["'`])([^"'`]*)\1"""
JS_LOADERS: dict[str, re.Pattern[str]] = {
    "js importScripts()": re.compile(r"\bimportScripts" + _STRING_ARG),
    "js import()": re.compile(r"\bimport" + _STRING_ARG),
    "js static import": re.compile(r"""\b(?:import|export)\b[^;"'`]*?\bfrom\s*(["'])([^"']*)\1"""),
    "js new Worker()": re.compile(r"\bnew\s+(?:Shared)?Worker" + _STRING_ARG),
    "js fetch()": re.compile(r"\bfetch" + _STRING_ARG),
    "js XMLHttpRequest.open()": re.compile(r"""\.open\(\s*["'][A-Za-z]+["']\s*,\s*(["'`])([^"'`]*)\1"""),
    "js sendBeacon/EventSource/WebSocket": re.compile(
        r"\b(?:sendBeacon|new\s+EventSource|new\s+WebSocket)" + _STRING_ARG),
    "js .src/.href assignment": re.compile(r"""\.(?:src|href)\s*=\s*(["'`])([^"'`]*)\1"""),
    "js setAttribute(src/href)": re.compile(
        r"""\bsetAttribute\(\s*["'](?:src|href|srcset)["']\s*,\s*(["'`])([^"'`]*)\1"""),
}


def scan_js(js: str, file: str) -> ScanResult:
    """Loader calls with an external URL fail; other literal URLs must be allow-listed."""
    result = ScanResult()
    loader_spans: list[tuple[int, int]] = []
    for kind, pattern in JS_LOADERS.items():
        for match in pattern.finditer(js):
            url = match.group(2)
            if is_external(url):
                result.violations.append(Reference(file, kind, url))
                loader_spans.append(match.span(2))
    for pattern in (LITERAL_URL, PROTOCOL_RELATIVE):
        for match in pattern.finditer(js):
            if any(start <= match.start() < end for start, end in loader_spans):
                continue
            reference = Reference(file, "js literal URL", match.group(0))
            if match.group(0) in ALLOWED_JS_URLS:
                result.allowed.append(reference)
            else:
                result.violations.append(reference)
    return result


class _PageScanner(HTMLParser):
    """Collects asset references, inline code and hyperlinks from one HTML document."""

    def __init__(self, file: str) -> None:
        super().__init__(convert_charrefs=True)
        self.file = file
        self.result = ScanResult()
        self._raw_kind: str | None = None  # "js", "json", "css" or "other" inside <script>/<style>
        self._raw_text: list[str] = []

    def _asset(self, kind: str, url: str) -> None:
        if is_external(url):
            self.result.violations.append(Reference(self.file, kind, url))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name.lower(): value or "" for name, value in attrs}
        for name in FETCHING_ATTRIBUTES.get(tag, ()) + FETCHING_ATTRIBUTES["*"]:
            if name not in values:
                continue
            urls = srcset_urls(values[name]) if name.endswith("srcset") else [values[name]]
            for url in urls:
                self._asset(f"<{tag} {name}>", url)
        if tag == "link":
            rels = set(values.get("rel", "").lower().split())
            fetches = not rels or "stylesheet" in rels or not rels <= NON_FETCHING_LINK_RELS
            if fetches:
                self._asset(f"<link rel={values.get('rel', '')!r} href>", values.get("href", ""))
                for url in srcset_urls(values.get("imagesrcset", "")):
                    self._asset("<link imagesrcset>", url)
            elif is_external(values.get("href", "")):
                self.result.hyperlinks.append(Reference(self.file, f"<link rel={values['rel']!r}>", values["href"]))
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            target = values.get("content", "").partition("url=")[2] or values.get("content", "").partition("URL=")[2]
            self._asset("<meta refresh>", target.strip("'\" "))
        if "style" in values:
            self.result.extend(scan_css(values["style"], self.file))
        if tag in HYPERLINK_TAGS and is_external(values.get("href", "")):
            self.result.hyperlinks.append(Reference(self.file, f"<{tag} href>", values["href"]))
        if tag == "script":
            script_type = values.get("type", "").lower()
            self._raw_kind = "js" if script_type in JS_SCRIPT_TYPES else "json" if "json" in script_type else "other"
            self._raw_text = []
        elif tag == "style":
            self._raw_kind, self._raw_text = "css", []

    def handle_data(self, data: str) -> None:
        if self._raw_kind is not None:
            self._raw_text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag not in ("script", "style") or self._raw_kind is None:
            return
        text = "".join(self._raw_text)
        if self._raw_kind == "css":
            self.result.extend(scan_css(text, self.file))
        elif self._raw_kind in ("js", "json"):
            # JSON data (Material's __config) is scanned like code: a URL there feeds a loader.
            self.result.extend(scan_js(text, self.file))
        self._raw_kind, self._raw_text = None, []


def scan_html(html: str, file: str) -> ScanResult:
    """Asset references, inline <script>/<style>/style="" and hyperlinks of one page."""
    scanner = _PageScanner(file)
    scanner.feed(html)
    scanner.close()
    return scanner.result


def scan_search_index(js: str, file: str) -> ScanResult:
    """The inlined index is data; its page text is rendered as HTML in search results."""
    if not js.startswith(SEARCH_INDEX_PREFIX):
        return scan_js(js, file)
    index = json.loads(js[len(SEARCH_INDEX_PREFIX):])
    result = ScanResult()
    for doc in index.get("docs", []):
        where = f"{file} ({doc.get('location', '?')})"
        result.extend(scan_html(f"{doc.get('title', '')} {doc.get('text', '')}", where))
    return result


def scan_file(path: Path, root: Path) -> ScanResult:
    """Dispatch one built file to the scanner for its type; other types are not requests."""
    name = path.relative_to(root).as_posix()
    text = path.read_text(encoding="utf-8", errors="replace")
    if name == "search/search_index.js":
        return scan_search_index(text, name)
    if path.suffix in (".html", ".htm", ".svg"):
        return scan_html(text, name)
    if path.suffix == ".css":
        return scan_css(text, name)
    if path.suffix in (".js", ".mjs"):
        return scan_js(text, name)
    return ScanResult()


def scan_site(root: Path) -> ScanResult:
    """Scan every built HTML/SVG/CSS/JS file under root."""
    result = ScanResult()
    for path in sorted(root.rglob("*")):
        if path.is_file():
            result.extend(scan_file(path, root))
    return result


def _format(references: Iterable[Reference]) -> str:
    return "\n".join(f"  {ref.file}: {ref.kind}: {ref.url}" for ref in references)


# --- the built site -------------------------------------------------------------

@pytest.fixture(scope="module")
def site_scan(site_dir: Path) -> ScanResult:
    """One scan of the built site for all tests in this module."""
    return scan_site(site_dir)


def test_no_external_asset_reference_in_built_site(site_scan: ScanResult) -> None:
    """Every fetching position in every built file points inside the site."""
    assert not site_scan.violations, (
        "external references in asset positions (the site must work air-gapped); "
        "make them local, or if one is provably never fetched add its exact text to "
        "ALLOWED_JS_URLS with the reason:\n" + _format(site_scan.violations)
    )


def test_allow_list_has_no_stale_entry(site_scan: ScanResult) -> None:
    """Each allow-listed URL still occurs, so the list shrinks when Material changes."""
    seen = {ref.url for ref in site_scan.allowed}
    stale = sorted(set(ALLOWED_JS_URLS) - seen)
    assert not stale, f"allow-listed URLs no longer in the built site; remove them: {stale}"


def _html_pages(site_dir: Path) -> list[Path]:
    return sorted(site_dir.rglob("*.html"))


def test_no_page_has_a_mermaid_block(site_dir: Path) -> None:
    """Material loads Mermaid from unpkg.com for <pre class="mermaid">; no page may have one."""
    class_attr = re.compile(r"""<pre\b[^>]*\bclass\s*=\s*["'][^"']*\bmermaid\b""", re.I)
    offenders = [p.relative_to(site_dir).as_posix() for p in _html_pages(site_dir) if class_attr.search(p.read_text(encoding="utf-8"))]
    assert not offenders, f"Mermaid blocks would load https://unpkg.com/mermaid@11: {offenders}"


def test_repository_facts_cannot_be_requested(site_dir: Path) -> None:
    """Without repo_url there is no source widget, so the GitHub/GitLab API is never asked."""
    offenders = [
        p.relative_to(site_dir).as_posix() for p in _html_pages(site_dir)
        if 'data-md-component="source"' in p.read_text(encoding="utf-8")
    ]
    assert not offenders, f"pages with a repository widget (set no repo_url): {offenders}"


def test_external_hyperlinks_do_not_point_to_assets(site_scan: ScanResult) -> None:
    """Plain <a href> links may leave the site, but none should be a script, font or image."""
    links = sorted(set(site_scan.hyperlinks), key=lambda ref: (ref.file, ref.url))
    print(f"\n{len(links)} external hyperlinks (not requests):\n{_format(links)}")
    suspicious = [ref for ref in links if ref.url.split("?")[0].split("#")[0].lower().endswith(ASSET_SUFFIXES)]
    assert not suspicious, "hyperlinks to asset files (link to a page, or ship the file):\n" + _format(suspicious)


def test_search_index_is_scanned_as_data(site_dir: Path) -> None:
    """The offline plugin's inlined index is present and parses, so its scan is meaningful."""
    index_js = (site_dir / "search" / "search_index.js").read_text(encoding="utf-8")
    assert index_js.startswith(SEARCH_INDEX_PREFIX)
    assert json.loads(index_js[len(SEARCH_INDEX_PREFIX):])["docs"]


# --- the scanner catches each kind (so the site test can fail) --------------------

CDN = "https://cdn.example.com/x"

CAUGHT_HTML = [
    (f'<script src="{CDN}.js"></script>', "<script src>"),
    (f'<link rel="stylesheet" href="{CDN}.css">', "<link rel='stylesheet' href>"),
    (f'<link rel="icon" href="{CDN}.ico">', "<link rel='icon' href>"),
    (f'<link rel="shortcut icon" href="{CDN}.ico">', "<link rel='shortcut icon' href>"),
    (f'<link rel="preload" as="font" href="{CDN}.woff2">', "<link rel='preload' href>"),
    (f'<link rel="modulepreload" href="{CDN}.mjs">', "<link rel='modulepreload' href>"),
    (f'<link rel="manifest" href="{CDN}.json">', "<link rel='manifest' href>"),
    ('<link rel="preconnect" href="https://fonts.gstatic.com">', "<link rel='preconnect' href>"),
    (f'<link rel="alternate stylesheet" href="{CDN}.css">', "<link rel='alternate stylesheet' href>"),
    (f'<link rel="preload" as="image" imagesrcset="{CDN}.png 2x">', "<link imagesrcset>"),
    (f'<img src="{CDN}.png">', "<img src>"),
    (f'<img src="a.png" srcset="a.png 1x, {CDN}@2x.png 2x">', "<img srcset>"),
    (f'<picture><source srcset="{CDN}.webp"></picture>', "<source srcset>"),
    (f'<video><source src="{CDN}.mp4"></video>', "<source src>"),
    (f'<video poster="{CDN}.jpg"></video>', "<video poster>"),
    (f'<iframe src="{CDN}"></iframe>', "<iframe src>"),
    (f'<object data="{CDN}.svg"></object>', "<object data>"),
    (f'<embed src="{CDN}.pdf">', "<embed src>"),
    (f'<svg><image href="{CDN}.png"/></svg>', "<image href>"),
    (f'<svg><use xlink:href="{CDN}.svg#i"/></svg>', "<use xlink:href>"),
    ('<script src="//cdn.example.com/x.js"></script>', "<script src>"),
    (f'<base href="{CDN}/">', "<base href>"),
    (f'<div style="background: url({CDN}.png)"></div>', "css url()"),
    (f'<style>@import "{CDN}.css";</style>', "css @import"),
    (f'<style>body {{ background: url("{CDN}.png") }}</style>', "css url()"),
    (f'<script>var s = document.createElement("script"); s.src = "{CDN}.js";</script>', "js .src/.href assignment"),
    (f'<script type="application/json">{{"search": "{CDN}.js"}}</script>', "js literal URL"),
]

CAUGHT_CSS = [
    (f'@import url("{CDN}.css");', "css url()"),
    (f"@import '{CDN}.css';", "css @import"),
    (f"@font-face {{ src: url({CDN}.woff2) format('woff2') }}", "css url()"),
    (f"a {{ background: url('{CDN}.png') }}", "css url()"),
    ('a { background: url(//cdn.example.com/x.png) }', "css url()"),
    (f'a {{ background: image-set("{CDN}.png" 1x) }}', "css literal URL"),
]

CAUGHT_JS = [
    (f'importScripts("{CDN}/lunr.js")', "js importScripts()"),
    (f"import('{CDN}/mod.mjs')", "js import()"),
    (f'import {{ a }} from "{CDN}/mod.mjs";', "js static import"),
    (f"new Worker(`{CDN}/w.js`)", "js new Worker()"),
    (f'fetch("{CDN}/data.json")', "js fetch()"),
    (f'xhr.open("GET", "{CDN}/data.json")', "js XMLHttpRequest.open()"),
    (f'script.src = "{CDN}.js"', "js .src/.href assignment"),
    (f'el.setAttribute("src", "{CDN}.js")', "js setAttribute(src/href)"),
    (f'var u = "{CDN}/anything"', "js literal URL"),
    ('load("//cdn.example.com/x.js")', "js literal URL"),
    # An allow-listed URL in a loader position is still a violation.
    ('importScripts("https://unpkg.com/mermaid@11/dist/mermaid.min.js")', "js importScripts()"),
]


@pytest.mark.parametrize(("html", "kind"), CAUGHT_HTML)
def test_scanner_catches_html_reference(html: str, kind: str) -> None:
    """Each asset position in HTML is reported with its kind."""
    assert kind in {ref.kind for ref in scan_html(html, "t.html").violations}


@pytest.mark.parametrize(("css", "kind"), CAUGHT_CSS)
def test_scanner_catches_css_reference(css: str, kind: str) -> None:
    """url(), @import and stray URLs in CSS are reported."""
    assert kind in {ref.kind for ref in scan_css(css, "t.css").violations}


@pytest.mark.parametrize(("js", "kind"), CAUGHT_JS)
def test_scanner_catches_js_reference(js: str, kind: str) -> None:
    """Loaders and literal URLs in JS are reported."""
    assert kind in {ref.kind for ref in scan_js(js, "t.js").violations}


def test_scanner_catches_asset_in_search_index_text() -> None:
    """An external image in page text would load when search shows that result."""
    text = json.dumps({"docs": [{"location": "a.html", "title": "A", "text": f'<img src="{CDN}.png">'}]})
    assert scan_search_index(SEARCH_INDEX_PREFIX + text, "search/search_index.js").violations


LEFT_ALONE_HTML = [
    '<a href="https://www.ibm.com/docs/en/aix">AIX docs</a>',
    '<link rel="canonical" href="https://example.com/page.html">',
    '<script src="assets/javascripts/bundle.js"></script>',
    '<img src="../assets/images/a.png" srcset="a.png 1x, data:image/png;base64,AAAA 2x">',
    '<style>a { background: url("data:image/svg+xml;charset=utf-8,<svg xmlns=\'http://www.w3.org/2000/svg\'/>") }</style>',
    '<svg xmlns="http://www.w3.org/2000/svg"><use href="#icon"/></svg>',
    '<pre><code>curl https://example.com/file.tar.gz</code></pre>',
]


@pytest.mark.parametrize("html", LEFT_ALONE_HTML)
def test_scanner_leaves_local_references_and_hyperlinks_alone(html: str) -> None:
    """Relative and data: URLs, hyperlinks, namespaces and text are not asset requests."""
    assert scan_html(html, "t.html").violations == []


def test_scanner_reports_hyperlinks_and_allowed_literals() -> None:
    """Hyperlinks are listed, allow-listed literals are kept apart from violations."""
    page = scan_html('<a href="https://example.com/a">a</a>', "t.html")
    assert [ref.url for ref in page.hyperlinks] == ["https://example.com/a"]
    code = scan_js('x=()=>_t("https://unpkg.com/resize-observer-polyfill")', "t.js")
    assert code.violations == [] and [ref.url for ref in code.allowed] == ["https://unpkg.com/resize-observer-polyfill"]


def test_css_comments_are_ignored_but_strings_kept() -> None:
    """A licence URL in a CSS comment is text; a '/*' inside a string does not hide a url()."""
    assert scan_css("/* https://fontawesome.com/license/free */ a{color:red}", "t.css").violations == []
    tricky = f'a::before {{ content: "/*" }} b {{ background: url({CDN}.png) }}'
    assert scan_css(tricky, "t.css").violations
