"""Offline PDF of the whole site: combined print page in nav order, printed by headless Chromium."""
from __future__ import annotations

from kb.pdf.assemble import NavItem
from kb.pdf.buildinfo import BuildInfo, collect_build_info
from kb.pdf.export import PDF_PATH, ExportResult, PdfExportError, chromium_path, export_pdf, missing_requirement

__all__ = [
    "PDF_PATH",
    "BuildInfo",
    "ExportResult",
    "NavItem",
    "PdfExportError",
    "chromium_path",
    "collect_build_info",
    "export_pdf",
    "missing_requirement",
]
