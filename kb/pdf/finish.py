"""Finish Chromium's PDF: reproducible bytes and an outline that opens by default.

Two prints of the same page by Chromium differ only in `/CreationDate`, `/ModDate` (the
wall clock) and the tagged-PDF structure ids `(nodeNNNNNNNN)` (DOM node numbers, which
count every node the browser ever made). Both are rewritten in place with strings of the
same length, so no byte offset moves and the cross-reference table stays valid:

- the dates become SOURCE_DATE_EPOCH (when set) in the same `D:YYYYMMDDHHmmSS+00'00'` form;
- the node ids are renumbered in order of first appearance, keeping their width.

Then one incremental update (a new catalog object, a one-entry xref section and a trailer
pointing back at the old one) adds `/PageMode /UseOutlines`, so viewers open the bookmarks
pane. Nothing else in the file changes.
"""
from __future__ import annotations

import datetime as dt
import re

from calculators.errors import ProjectError

_DATE = re.compile(rb"/(CreationDate|ModDate) \(D:(\d{14})([^)]*)\)")
_NODE = re.compile(rb"\(node(\d+)\)")
_STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")
_TRAILER = re.compile(rb"trailer\s*<<(.*?)>>\s*startxref", re.S)


class FinishError(ProjectError, ValueError):
    """The PDF does not have the shape Chromium writes (so it is left alone)."""


def pdf_date(epoch: int) -> str:
    """A PDF date string body for a Unix time, UTC: `YYYYMMDDHHmmSS`."""
    return dt.datetime.fromtimestamp(epoch, tz=dt.UTC).strftime("%Y%m%d%H%M%S")


def stable_bytes(data: bytes, epoch: int | None) -> bytes:
    """Dates from `epoch` (if given) and renumbered structure ids; same length as the input."""
    if epoch is not None:
        stamp = pdf_date(epoch).encode()
        data = _DATE.sub(lambda match: b"/" + match.group(1) + b" (D:" + stamp + _utc_suffix(match.group(3)) + b")", data)
    numbers: dict[bytes, bytes] = {}

    def renumber(match: re.Match[bytes]) -> bytes:
        old = match.group(1)
        if old not in numbers:
            numbers[old] = str(len(numbers) + 1).zfill(len(old)).encode()
        new = numbers[old]
        if len(new) != len(old):  # more ids than the width holds: keep the original
            return match.group(0)
        return b"(node" + new + b")"

    return _NODE.sub(renumber, data)


def _utc_suffix(suffix: bytes) -> bytes:
    """The time-zone part rewritten to UTC with the same length (`+00'00'` for Chromium's)."""
    return b"+00'00'" if len(suffix) == 7 else suffix


def open_outline(data: bytes) -> bytes:
    """Append an incremental update that sets `/PageMode /UseOutlines` on the catalog."""
    if b"/PageMode /UseOutlines" in data:
        return data
    start = _STARTXREF.search(data[-64:])
    trailers = list(_TRAILER.finditer(data))
    if start is None or not trailers:
        raise FinishError("no classic trailer / startxref at the end of the PDF")
    trailer = trailers[-1].group(1)
    root = re.search(rb"/Root (\d+) (\d+) R", trailer)
    size = re.search(rb"/Size (\d+)", trailer)
    if root is None or size is None:
        raise FinishError("the trailer names no /Root or /Size")
    number, generation = int(root.group(1)), int(root.group(2))
    found = list(re.finditer(rb"(?<![0-9])%d %d obj\s*<<(.*?)>>\s*endobj" % (number, generation), data, re.S))
    if not found:
        raise FinishError(f"catalog object {number} not found")
    body = found[-1].group(1).rstrip()
    if not body.lstrip().startswith(b"/Type /Catalog"):
        raise FinishError(f"object {number} is not a catalog")
    prefix = data if data.endswith(b"\n") else data + b"\n"
    offset = len(prefix)
    obj = b"%d %d obj\n<<%s\n/PageMode /UseOutlines>>\nendobj\n" % (number, generation, body)
    xref_offset = offset + len(obj)
    info = re.search(rb"/Info (\d+ \d+ R)", trailer)
    extra = b"\n/Info " + info.group(1) if info else b""
    update = (
        obj
        + b"xref\n0 1\n0000000000 65535 f \n%d 1\n%010d %05d n \n" % (number, offset, generation)
        + b"trailer\n<</Size %s\n/Root %d %d R%s\n/Prev %s>>\nstartxref\n%d\n%%%%EOF\n"
        % (size.group(1), number, generation, extra, start.group(1), xref_offset)
    )
    return prefix + update


def finish_pdf(data: bytes, epoch: int | None) -> bytes:
    """Reproducible bytes (see module doc) with the outline pane open by default."""
    return open_outline(stable_bytes(data, epoch))
