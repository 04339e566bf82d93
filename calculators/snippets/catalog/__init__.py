"""Every snippet the site ships, by name (the `name:` of a ```snippet directive)."""
from __future__ import annotations

from calculators.snippets.catalog import aix, linux, spectrum_protect
from calculators.snippets.model import Snippet, SnippetDefinitionError


def _by_name(*groups: tuple[Snippet, ...]) -> dict[str, Snippet]:
    """Index the snippets by name; two with one name are a definition error."""
    catalog: dict[str, Snippet] = {}
    for group in groups:
        for snippet in group:
            if snippet.name in catalog:
                raise SnippetDefinitionError(f"snippet {snippet.name!r} is defined twice")
            catalog[snippet.name] = snippet
    return catalog


SNIPPETS: dict[str, Snippet] = _by_name(spectrum_protect.SNIPPETS, aix.SNIPPETS, linux.SNIPPETS)
