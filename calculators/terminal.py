"""Text for a terminal: one escaped, bounded line per message, and a quiet exit on a closed pipe.

A value typed on the command line comes back inside the error message; a newline in it would
split the one-line error, an ESC sequence would retitle the window or clear the screen, and a
1 MB value would flood the terminal. Both CLIs print every stderr line through `one_line`.
"""
from __future__ import annotations

import os
import sys
from collections.abc import Callable

LINE_LIMIT = 300
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\x1b": "\\e"}


def _escaped(character: str) -> str:
    """A control or line-breaking character as visible text (\\n, \\e, \\x07, \\u2028)."""
    if character in _NAMED:
        return _NAMED[character]
    code = ord(character)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _is_control(character: str) -> bool:
    """C0, DEL, C1 controls and Unicode line/paragraph separators (a terminal acts on them)."""
    code = ord(character)
    return code < 0x20 or 0x7F <= code < 0xA0 or character in "\u2028\u2029"


def one_line(message: str, limit: int = LINE_LIMIT) -> str:
    """The message as one printable line of at most `limit` characters (controls escaped, the rest cut with …)."""
    pieces: list[str] = []
    length = 0
    for character in message:
        piece = _escaped(character) if _is_control(character) else character
        if length + len(piece) > limit - 1:
            pieces.append("…")
            break
        pieces.append(piece)
        length += len(piece)
    return "".join(pieces)


def guard_pipe(main: Callable[[], int]) -> int:
    """Run a CLI's main; when the reader closed the pipe (`| head`), exit 141 like a shell tool, without a traceback."""
    try:
        status = main()
        sys.stdout.flush()
        return status
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # the interpreter's final flush must not raise again
        return 141
