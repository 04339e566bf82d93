"""The ```calculator directive: good blocks render, malformed ones fail with docs/page.md:LINE: reason."""
from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType, SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parent.parent


def hook() -> ModuleType:
    spec = importlib.util.spec_from_file_location("calculator_directive_under_test", ROOT / "hooks" / "calculator_directive.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


HOOK = hook()
CONFIG = SimpleNamespace(config_file_path=str(ROOT / "mkdocs.yml"), docs_dir=str(ROOT / "docs"))


def page(name: str = "bicycles/test.md", source: str = "") -> SimpleNamespace:
    return SimpleNamespace(file=SimpleNamespace(src_uri=name, url=name.replace(".md", ".html"), content_string=source))


def markdown_error(text: str, front_matter: str = "") -> str:
    """The build error for a page whose body is `text` (MkDocs hands hooks the body without front matter)."""
    with pytest.raises(PluginError) as caught:
        HOOK.on_page_markdown(text, page=page(source=front_matter + text), config=CONFIG, files=None)
    return str(caught.value)


def test_lines_are_the_files_lines_when_the_page_has_front_matter() -> None:
    front_matter = "---\ntags:\n  - Bicycles\n---\n\n"
    error = markdown_error("# T\n\n```calculator\nname: tyre\n```\n", front_matter)
    assert error.startswith("docs/bicycles/test.md:9: calculator directive: option 'name' must be one of ")


@pytest.mark.parametrize(("text", "expected"), [
    ("# T\n\n```calculator\nname: tyre\n```\n", "docs/bicycles/test.md:4: calculator directive: option 'name' must be one of "),
    ("intro\n```calculator\nname: tire\ncolour: red\n```\n", "docs/bicycles/test.md:4: calculator directive: unknown option 'colour' (accepted: name, preset, table, values)"),
    ("```calculator\nname: tire\npreset: gravel\n```\n", "docs/bicycles/test.md:3: calculator directive: tire has no preset 'gravel' (accepted: pavement, cruiser, off-road)"),
    ("```calculator\nname: tire\nvalues:\n  weight: 2000 lb\n```\n", "docs/bicycles/test.md:3: calculator directive: Total weight must be 20–700 lb (got '2000 lb')"),
    ("```calculator\nname: tire\nvalues:\n  wheels: 3\n```\n", "docs/bicycles/test.md:4: calculator directive: tire has no field 'wheels'"),
    ("```calculator\nname: tire\nvalues:\n  weight: 60 lb\n  width: 100 mm\n  rear: 50\n```\n", "docs/bicycles/test.md:1: calculator directive: these inputs do not compute: Front: a 30 lb wheel load is too light"),
    ("```calculator\nname: tire\ntable: maybe\n```\n", "docs/bicycles/test.md:3: calculator directive: option 'table' must be true or false"),
    ("```calculator\nname: [tire\n```\n", "docs/bicycles/test.md:3: calculator directive: invalid YAML: expected ',' or ']'"),
    ("```calculator\nname: tire\n```\n", "docs/bicycles/test.md:1: calculator directive: these inputs do not compute: Total weight: a value is required (e.g. 300 lb); give a preset: or values:"),
    ("```calculator\nname: tire\npreset: pavement\n```\n\n```calculator\nname: tire\npreset: cruiser\n```\n", "docs/bicycles/test.md:6: calculator directive: 'tire' is already on this page"),
])
def test_malformed_directives_fail_with_page_and_line(text: str, expected: str) -> None:
    assert markdown_error(text).startswith(expected)


def test_a_good_directive_renders_form_static_part_and_script() -> None:
    text = "# Tires\n\n```calculator\nname: tire\npreset: cruiser\nvalues:\n  weight: 280 lb\n```\n"
    replaced = HOOK.on_page_markdown(text, page=page(), config=CONFIG, files=None)
    assert "```calculator" not in replaced
    token = next(line for line in replaced.splitlines() if line.startswith("KBCALCULATOR"))
    html = HOOK.on_page_content(f"<h1>Tires</h1>\n<p>{token}</p>", page=page(), config=CONFIG, files=None)
    assert '<section class="kb-calc" id="calc-tire" data-kb-calc="tire" data-search-exclude>' in html
    assert html.startswith('<h1>Tires</h1><p class="kb-calc-jump"><a href="#calc-tire">Open the Tire pressure calculator</a></p>')
    assert '<form class="kb-interactive kb-calc-form" hidden' in html and 'class="kb-static"' in html
    assert 'value="280 lb"' in html and '<option value="cruiser" selected>' in html
    assert '<script src="../assets/calculators/tire.js"></script>' in html
    assert "Result for the preset “Cruiser reference”" in html
