"""Command line: print a snippet filled in, with the same variable names as the form and the URL.

    python -m calculators.snippets                      # list the snippets
    python -m calculators.snippets sp-instance-unit --owner tsminst2 --server-bin-dir /opt/tivoli/tsm/server/bin
"""
from __future__ import annotations

import argparse
import shlex
import sys
from collections.abc import Sequence
from typing import NoReturn

from calculators.snippets import SNIPPETS, SnippetValueError, render_text
from calculators.terminal import guard_pipe, one_line

from ..errors import ProjectError

USAGE = "usage: python -m calculators.snippets [NAME [--variable value ...]]  (python -m calculators.snippets NAME --help)"
EXAMPLES = (
    "python -m calculators.snippets sp-instance-unit --owner tsminst2",
    "python -m calculators.snippets sp-db2fmcd-unit --db2-dir /opt/ibm/db2/V11.5",
    "python -m calculators.snippets ubuntu-ip-alias --interface eth0 --address 192.0.2.10 --netmask 255.255.255.0",
)


class _BadArguments(ProjectError):
    """Command-line arguments the snippet does not accept (reported on one line)."""


class _OneLineParser(argparse.ArgumentParser):
    """argparse that reports a bad argument as an exception instead of printing its usage."""

    def error(self, message: str) -> NoReturn:
        raise _BadArguments(message)


def flag(name: str) -> str:
    """A variable's option as written on the command line: --db2-dir for db2_dir, like the calculators' flags."""
    return "--" + name.replace("_", "-")


def overview() -> str:
    """What `python -m calculators.snippets --help` prints: usage, examples and every snippet with its options."""
    width = max(len(name) for name in SNIPPETS)
    lines = [USAGE, "", "Examples:", *(f"  {example}" for example in EXAMPLES), "",
             "Calculators have their own command line: python -m calculators --help", "", "Snippets:"]
    for name, snippet in SNIPPETS.items():
        variables = " ".join(flag(variable.name) for variable in snippet.variables)
        lines.append(f"  {name:<{width}}  {snippet.summary}" + (f"  [{variables}]" if variables else ""))
    return "\n".join(lines)


def run(arguments: list[str]) -> int:
    """List the snippets, or print one filled in; invalid values print one line each and exit 2."""
    if not arguments or arguments[0] in {"-h", "--help", "list"}:
        print(overview())
        return 0
    name = arguments.pop(0)
    if name not in SNIPPETS:
        print(one_line(f"unknown snippet {name!r} (accepted: {', '.join(SNIPPETS)})"), file=sys.stderr)
        return 2
    snippet = SNIPPETS[name]
    accepted = ", ".join(flag(variable.name) for variable in snippet.variables) or "none"
    example = " ".join(f"{flag(variable.name)} {shlex.quote(variable.default)}" for variable in snippet.variables[:2])
    parser = _OneLineParser(prog=f"python -m calculators.snippets {name}", description=snippet.summary, allow_abbrev=False,
                            epilog=f"example: python -m calculators.snippets {name} {example}".rstrip())
    for variable in snippet.variables:
        spellings = dict.fromkeys((flag(variable.name), f"--{variable.name}"))  # --db2-dir, and --db2_dir as before
        parser.add_argument(*spellings, dest=variable.name, default=variable.default,
                            help=f"{variable.label} (default {variable.default})")
    try:
        parsed, extra = parser.parse_known_args(arguments)
        if extra:
            what = "option" if extra[0].startswith("-") else "argument"
            raise _BadArguments(f"unknown {what} '{extra[0].split('=', 1)[0]}'")
    except _BadArguments as error:
        print(one_line(f"{name}: {error} (accepted: {accepted})"), file=sys.stderr)
        return 2
    given = vars(parsed)
    try:
        sys.stdout.write(render_text(snippet, given))
    except SnippetValueError as error:
        for message in error.errors.values():
            print(one_line(message), file=sys.stderr)
        return 2
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point for `python -m calculators.snippets` (a closed pipe ends it quietly)."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    return guard_pipe(lambda: run(arguments))


if __name__ == "__main__":
    raise SystemExit(main())
