"""Command line: print a snippet filled in, with the same variable names as the form and the URL.

    python -m calculators.snippets                      # list the snippets
    python -m calculators.snippets sp-instance-unit --owner tsminst2
"""
from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from calculators.snippets import SNIPPETS, SnippetValueError, render_text


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
    parser = argparse.ArgumentParser(prog=f"python -m calculators.snippets {name}", description=snippet.summary)
    for variable in snippet.variables:
        parser.add_argument(f"--{variable.name}", default=variable.default, help=f"{variable.label} (default {variable.default})")
    given = vars(parser.parse_args(arguments))
    try:
        sys.stdout.write(render_text(snippet, given))
    except SnippetValueError as error:
        for message in error.errors.values():
            print(message, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
