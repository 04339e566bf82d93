"""Offline PDF books of a built site: combined print pages in nav order, printed by headless Chromium."""
from __future__ import annotations

from kb.pdf.buildinfo import BuildInfo, collect_build_info
from kb.pdf.export import (
    PDF_PATH,
    Book,
    ExportResult,
    PdfExportError,
    chromium_path,
    export_books,
    export_pdf,
    export_requested,
    missing_requirement,
    paper_size,
    plan_books,
)
from kb.pdf.navigation import NavItem, read_navigation, read_site_info

__all__ = [
    "PDF_PATH",
    "Book",
    "BuildInfo",
    "ExportResult",
    "NavItem",
    "PdfExportError",
    "chromium_path",
    "collect_build_info",
    "export_books",
    "export_pdf",
    "export_requested",
    "missing_requirement",
    "paper_size",
    "plan_books",
    "read_navigation",
    "read_site_info",
]
