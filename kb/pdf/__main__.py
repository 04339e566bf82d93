"""`python -m kb.pdf SITE_DIR`: print a built site (MkDocs or Zensical output) to PDF books.

Writes SITE_DIR/pdf/field-notes.pdf (the whole site) and SITE_DIR/pdf/<area>.pdf (one per
top-level navigation section), then links the books that exist from SITE_DIR/index.html.
The navigation and the site's name come from the built HTML. Exit status 2 with one line
on bad arguments or a failed export.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from kb.pdf.buildinfo import collect_build_info
from kb.pdf.export import PdfExportError, export_books, paper_size
from kb.pdf.navigation import read_site_info


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kb.pdf", description=__doc__.split("\n\n")[0])
    parser.add_argument("site_dir", type=Path, help="a built site directory (with index.html)")
    parser.add_argument("--paper", choices=("a4", "letter"), default=None, help="paper size (default: $PDF_PAPER or a4)")
    parser.add_argument("--whole-only", action="store_true", help="only the whole-site book, no area books")
    parser.add_argument("--cover-line", action="append", default=[], help="an extra line for the cover (repeatable)")
    parser.add_argument("--keep-html", action="store_true", help="keep the print pages as SITE_DIR/.kb-print-page-*.html")
    args = parser.parse_args(argv)
    site_dir: Path = args.site_dir
    home = site_dir / "index.html"
    if not home.is_file():
        print(f"python -m kb.pdf: {home} not found: give a built site directory (run the build first)", file=sys.stderr)
        return 2
    started = time.monotonic()
    try:
        site = read_site_info(home.read_text(encoding="utf-8"))
        info = collect_build_info(
            title=site.title, description=site.description, project_dir=Path.cwd(), cover_lines=tuple(args.cover_line),
        )
        results = export_books(
            site_dir=site_dir, info=info, paper=args.paper or paper_size(), areas=not args.whole_only,
            keep_print_page=args.keep_html,
        )
    except PdfExportError as error:
        print(str(error), file=sys.stderr)
        return 2
    for result in results:
        print(f"PDF written: {result.path.relative_to(site_dir).as_posix()} ({result.pages} pages, "
              f"{result.size_bytes / 1e6:.1f} MB, {result.passes} prints, {result.seconds:.1f} s)")
    print(f"PDF export: {len(results)} books in {time.monotonic() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
