"""Copy-ready command snippets: templates with typed, validated variables (MkDocs-free).

One definition serves the page at build time (default text, highlighted), the browser (form,
live rewrite, the same validation data), the PDF (the default text) and the command line
(``python -m calculators.snippets NAME --variable value``).
"""
from __future__ import annotations

from calculators.snippets.catalog import SNIPPETS
from calculators.snippets.kinds import KINDS, MESSAGES, ValueKind, check_value
from calculators.snippets.model import (
    Caveat,
    Derived,
    Snippet,
    SnippetDefinitionError,
    SnippetValueError,
    Variable,
    find_errors,
    render_filename,
    render_text,
    resolve_values,
)

__all__ = [
    "KINDS",
    "MESSAGES",
    "SNIPPETS",
    "Caveat",
    "Derived",
    "Snippet",
    "SnippetDefinitionError",
    "SnippetValueError",
    "ValueKind",
    "Variable",
    "check_value",
    "find_errors",
    "render_filename",
    "render_text",
    "resolve_values",
]
