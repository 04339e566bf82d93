"""The root of every exception this project defines (calculators/ and kb/).

One root lets a caller catch "anything the project refuses" in one clause while the
standard bases stay (a DeclarationError is still a ValueError, a PdfExportError still a
RuntimeError), so existing `except ValueError` keeps working. It lives at the bottom of
calculators/ because kb/ depends on calculators/, never the other way round.
tests/test_dev_shape.py walks every module and fails when a project exception does not derive from it.
"""
from __future__ import annotations


class ProjectError(Exception):
    """Base of every exception raised on purpose by calculators/ and kb/; the message is the subclass's."""
