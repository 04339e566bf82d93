"""Security headers for a hosted copy of the built site, and a tiny server that sends them.

The pages make no request to another host, run no inline event handler and no eval, so a
strict Content-Security-Policy fits: everything from the site itself, plus the SHA-256 hash of
each inline <script> the theme writes (its few bootstrap lines; JSON data blocks are not run
and need none). The hashes depend on the build (a page's depth, SITE_URL), so they are read
from the built site:

    python -m kb.hosting headers site/            # the header lines to configure on the server
    python -m kb.hosting serve site/ --port 8001  # serve site/ on 127.0.0.1 with those headers

MkDocs-free; tests/test_site_hosting.py loads every page under these headers in Chromium.
"""
from __future__ import annotations

import argparse
import base64
import contextlib
import functools
import hashlib
import http.server
import io
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO, ClassVar

_SCRIPT = re.compile(r"<script(?P<attributes>[^>]*)>(?P<body>.*?)</script>", re.DOTALL | re.IGNORECASE)
_TYPE = re.compile(r"""\btype\s*=\s*["']?(?P<type>[^"'\s>]+)""", re.IGNORECASE)
_DATA_TYPES = ("application/json", "application/ld+json", "text/template")


def inline_script_hashes(site_dir: Path) -> list[str]:
    """'sha256-…' of every distinct inline script that runs (not JSON data blocks) in the site's HTML, sorted."""
    hashes: set[str] = set()
    for page in sorted(site_dir.rglob("*.html")):
        for matched in _SCRIPT.finditer(page.read_text(encoding="utf-8")):
            attributes = matched.group("attributes")
            typed = _TYPE.search(attributes)
            if re.search(r"\bsrc\s*=", attributes, re.IGNORECASE) or (typed and typed.group("type").lower() in _DATA_TYPES):
                continue
            digest = hashlib.sha256(matched.group("body").encode("utf-8")).digest()
            hashes.add(f"'sha256-{base64.b64encode(digest).decode('ascii')}'")
    return sorted(hashes)


def content_security_policy(site_dir: Path) -> str:
    """The Content-Security-Policy the built site works under (scripts: own files and the hashed inline lines)."""
    directives = {
        "default-src": "'self'",
        "script-src": " ".join(["'self'", *inline_script_hashes(site_dir)]),
        "style-src": "'self'",
        "img-src": "'self' data:",  # the theme's icons are data: SVGs in its stylesheet
        "font-src": "'self'",
        "connect-src": "'self'",
        "worker-src": "'self'",  # the search index runs in a worker from the site's own files
        "frame-src": "'none'",
        "object-src": "'none'",
        "base-uri": "'none'",
        "form-action": "'none'",  # the calculator and snippet forms never submit
        "frame-ancestors": "'none'",
    }
    return "; ".join(f"{name} {value}" for name, value in directives.items())


def security_headers(site_dir: Path) -> dict[str, str]:
    """Every header a hosted copy should send, by name."""
    return {
        "Content-Security-Policy": content_security_policy(site_dir),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "Cross-Origin-Opener-Policy": "same-origin",
        "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    }


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serves the site's files with the security headers; a missing file gets 404.html with status 404."""

    headers_to_send: ClassVar[dict[str, str]] = {}
    prefix = "/"

    def end_headers(self) -> None:
        for name, value in self.headers_to_send.items():
            self.send_header(name, value)
        super().end_headers()

    def translate_path(self, path: str) -> str:
        path = path.split("?", 1)[0].split("#", 1)[0]
        inside = "/" + path[len(self.prefix):] if path.startswith(self.prefix) else "/\0outside"
        return super().translate_path(inside)

    def send_head(self) -> io.BytesIO | BinaryIO | None:
        target = Path(self.translate_path(self.path))
        if target.is_dir():
            target = target / "index.html"
        if not target.is_file():
            missing = Path(self.directory) / "404.html"
            body = missing.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body) if self.command == "GET" else None
            return None
        return super().send_head()

    def log_message(self, format: str, *args: object) -> None:  # `format`: the base class's name
        return None


def make_server(site_dir: Path, port: int = 8001, prefix: str = "/") -> http.server.ThreadingHTTPServer:
    """An HTTP server on 127.0.0.1 for site_dir under URL path `prefix` (a sub-path such as /notes/), sending the headers."""
    handler = type("Handler", (_Handler,), {"headers_to_send": security_headers(site_dir), "prefix": prefix})
    return http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(handler, directory=str(site_dir)))


def main(argv: Sequence[str] | None = None) -> int:
    """`headers SITE_DIR` prints the header lines; `serve SITE_DIR` serves the site with them."""
    parser = argparse.ArgumentParser(prog="python -m kb.hosting", description="Security headers for a hosted copy of the built site.")
    parser.add_argument("action", choices=("headers", "serve"))
    parser.add_argument("site_dir", type=Path)
    parser.add_argument("--port", type=int, default=8001)
    parser.add_argument("--prefix", default="/", help="URL path the site is served under, e.g. /notes/ (build with the same SITE_URL)")
    arguments = parser.parse_args(argv)
    if not (arguments.site_dir / "index.html").is_file():
        print(f"site_dir: {arguments.site_dir} has no index.html; build first (./dev build)", file=sys.stderr)
        return 2
    if arguments.action == "headers":
        for name, value in security_headers(arguments.site_dir).items():
            print(f"{name}: {value}")
        return 0
    server = make_server(arguments.site_dir, arguments.port, arguments.prefix)
    print(f"serving {arguments.site_dir} on http://127.0.0.1:{arguments.port}{arguments.prefix} with the security headers (Ctrl-C stops)")
    with contextlib.suppress(KeyboardInterrupt):
        server.serve_forever()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
