"""Command line: print a snippet filled in, with the same variable names as the form and the URL.

    python -m calculators.snippets                      # list the snippets
    python -m calculators.snippets sp-instance-unit --owner tsminst2
"""
from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import NoReturn

from calculators.snippets import SNIPPETS, SnippetValueError, render_text


class _BadArguments(Exception):
    """Command-line arguments the snippet does not accept (reported on one line)."""


class _OneLineParser(argparse.ArgumentParser):
    """argparse that reports a bad argument as an exception instead of printing its usage."""

    def error(self, message: str) -> NoReturn:
        raise _BadArguments(message)


def main(argv: Sequence[str] | None = None) -> int:
    """List the snippets, or print one filled in; invalid values print their messages and exit 2."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    if not arguments or arguments[0] in {"-h", "--help", "list"}:
        width = max(len(name) for name in SNIPPETS)
        for name, snippet in SNIPPETS.items():
            variables = " ".join(f"--{variable.name}" for variable in snippet.variables)
            print(f"{name:<{width}}  {snippet.summary}" + (f"  [{variables}]" if variables else ""))
        return 0
    name = arguments.pop(0)
    if name not in SNIPPETS:
        print(f"unknown snippet {name!r} (accepted: {', '.join(SNIPPETS)})", file=sys.stderr)
        return 2
    snippet = SNIPPETS[name]
    accepted = ", ".join(f"--{variable.name}" for variable in snippet.variables) or "none"
    parser = _OneLineParser(prog=f"python -m calculators.snippets {name}", description=snippet.summary, allow_abbrev=False)
    for variable in snippet.variables:
        parser.add_argument(f"--{variable.name}", default=variable.default, help=f"{variable.label} (default {variable.default})")
    try:
        parsed, extra = parser.parse_known_args(arguments)
        if extra:
            what = "option" if extra[0].startswith("-") else "argument"
            raise _BadArguments(f"unknown {what} '{extra[0].split('=', 1)[0]}'")
    except _BadArguments as error:
        print(f"{name}: {error} (accepted: {accepted})", file=sys.stderr)
        return 2
    given = vars(parsed)
    try:
        sys.stdout.write(render_text(snippet, given))
    except SnippetValueError as error:
        for message in error.errors.values():
            print(message, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
