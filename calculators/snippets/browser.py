"""What the browser receives: the shared kinds and messages (in the runtime script) and each snippet's spec."""
from __future__ import annotations

import json
from collections.abc import Mapping
from importlib import resources
from typing import Any

from calculators.snippets.kinds import CHARACTER_NAMES, KINDS, MESSAGES, SHOWN_VALUE_LIMIT
from calculators.snippets.model import PLACEHOLDER_SOURCE, Snippet

RUNTIME_ASSET = "assets/javascripts/kb-snippets.js"
STYLE_ASSET = "assets/stylesheets/kb-snippets.css"


def shared_data() -> dict[str, Any]:
    """Kinds (pattern, forbidden characters, help, choices), messages and character names, as JSON-ready data."""
    return {
        "kinds": {
            name: {"pattern": kind.pattern, "forbidden": kind.forbidden, "accepted": kind.accepted, "choices": list(kind.choices)}
            for name, kind in KINDS.items()
        },
        "messages": MESSAGES,
        "characterNames": CHARACTER_NAMES,
        "placeholder": PLACEHOLDER_SOURCE,
        "shownValueLimit": SHOWN_VALUE_LIMIT,
    }


def runtime_script() -> str:
    """The whole browser runtime: the shared data as a global, then the generic runtime.js."""
    runtime = resources.files("calculators.snippets").joinpath("runtime.js").read_text(encoding="utf-8")
    data = json.dumps(shared_data(), ensure_ascii=False, indent=None, sort_keys=True)
    return f"/* Generated from calculators/snippets/kinds.py: do not edit. */\nwindow.KB_SNIPPET_SHARED = {data};\n{runtime}"


def stylesheet() -> str:
    """The snippet form's CSS."""
    return resources.files("calculators.snippets").joinpath("snippets.css").read_text(encoding="utf-8")


def snippet_spec(snippet: Snippet, page_values: Mapping[str, str]) -> dict[str, Any]:
    """One snippet's data for the runtime: template, variables, derived values, distinct groups, page defaults."""
    return {
        "name": snippet.name,
        "template": snippet.template,
        "filename": snippet.filename,
        "variables": [{"name": v.name, "kind": v.kind.name, "label": v.label} for v in snippet.variables],
        "derived": [
            {"name": d.name, "source": d.source, "stripPrefix": d.strip_prefix, "addPrefix": d.add_prefix}
            for d in snippet.derived
        ],
        "distinct": [list(group) for group in snippet.distinct],
        "values": dict(page_values),
    }
