"""The ```calculator directive (kb.fences): good blocks render, malformed ones fail with docs/page.md:LINE: reason."""
from __future__ import annotations

from pathlib import Path

import pytest

from kb.fences import FenceError
from tests.conftest import render_page


def markdown_error(tmp_path: Path, text: str, front_matter: str = "") -> str:
    """The build error for a page at docs/bicycles/test.md whose body is `text`."""
    with pytest.raises(FenceError) as caught:
        render_page(tmp_path, front_matter + text, "bicycles/test.md")
    return str(caught.value)


def test_lines_are_the_files_lines_when_the_page_has_front_matter(tmp_path: Path) -> None:
    front_matter = "---\ntags:\n  - Bicycles\n---\n\n"
    error = markdown_error(tmp_path, "# T\n\n```calculator\nname: tyre\n```\n", front_matter)
    assert error.startswith("docs/bicycles/test.md:9: calculator directive: option 'name' must be one of ")


@pytest.mark.parametrize(("text", "expected"), [
    ("# T\n\n```calculator\nname: tyre\n```\n", "docs/bicycles/test.md:4: calculator directive: option 'name' must be one of "),
    ("intro\n```calculator\nname: tire\ncolour: red\n```\n",
     "docs/bicycles/test.md:4: calculator directive: unknown option 'colour' (accepted: name, preset, table, values)"),
    ("```calculator\nname: tire\npreset: gravel\n```\n",
     "docs/bicycles/test.md:3: calculator directive: tire has no preset 'gravel' (accepted: pavement, cruiser, off-road)"),
    ("```calculator\nname: tire\nvalues:\n  weight: 2000 lb\n```\n",
     "docs/bicycles/test.md:3: calculator directive: Total weight must be 20–700 lb (got '2000 lb')"),
    ("```calculator\nname: tire\nvalues:\n  wheels: 3\n```\n", "docs/bicycles/test.md:4: calculator directive: tire has no field 'wheels'"),
    ("```calculator\nname: tire\nvalues:\n  weight: 60 lb\n  width: 100 mm\n  rear: 50\n```\n",
     "docs/bicycles/test.md:1: calculator directive: these inputs do not compute: Front: a 30 lb wheel load is too light"),
    ("```calculator\nname: tire\ntable: maybe\n```\n", "docs/bicycles/test.md:3: calculator directive: option 'table' must be true or false"),
    ("```calculator\nname: [tire\n```\n", "docs/bicycles/test.md:3: calculator directive: invalid YAML: expected ',' or ']'"),
    ("```calculator\nname: tire\n```\n",
     "docs/bicycles/test.md:1: calculator directive: these inputs do not compute: Total weight: a value is required (e.g. 300 lb); "
     "give a preset: or values:"),
    ("```calculator\nname: tire\npreset: pavement\n```\n\n```calculator\nname: tire\npreset: cruiser\n```\n",
     "docs/bicycles/test.md:6: calculator directive: 'tire' is already on this page"),
    ("!!! note\n\n    ```calculator\n    name: tyre\n    ```\n", "docs/bicycles/test.md:4: calculator directive: option 'name' must be one of "),
])
def test_malformed_directives_fail_with_page_and_line(tmp_path: Path, text: str, expected: str) -> None:
    assert markdown_error(tmp_path, text).startswith(expected)


def test_a_good_directive_renders_form_static_part_and_script(tmp_path: Path) -> None:
    text = "# Tires\n\n```calculator\nname: tire\npreset: cruiser\nvalues:\n  weight: 280 lb\n```\n"
    html = render_page(tmp_path, text, "bicycles/test.md")
    assert "```calculator" not in html and "kb_block" not in html
    assert '<section class="kb-calc" id="calc-tire" data-kb-calc="tire" data-search-exclude>' in html
    # the link comes right after the heading and stays out of the heading's id and table-of-contents entry
    assert ('<h1 id="tires">Tires<a class="headerlink" href="#tires" title="Permanent link">&para;</a></h1>'
            '<p class="kb-calc-jump"><a href="#calc-tire">Open the Tire pressure calculator</a></p>') in html, html[:300]
    assert '<form class="kb-interactive kb-calc-form" hidden' in html and 'class="kb-static"' in html
    assert 'value="280 lb"' in html and '<option value="cruiser" selected>' in html
    assert '<script src="../assets/calculators/tire.js"></script>' in html
    assert "Result for the preset “Cruiser reference”" in html


def test_the_page_links_the_calculator_stylesheet_once_and_only_where_a_calculator_is(tmp_path: Path) -> None:
    two = "```calculator\nname: tire\npreset: pavement\n```\n\n```calculator\nname: ramdisk\npreset: default\n```\n"
    html = render_page(tmp_path, two, "a/b/page.md")
    assert html.count('<link rel="stylesheet" href="../../assets/calculators/calculators.css">') == 1
    assert html.startswith('<link rel="stylesheet" href="../../assets/calculators/calculators.css">')
    assert '<script src="../../assets/calculators/ramdisk.js"></script>' in html
    plain = render_page(tmp_path, "# No calculator\n\n```python\nprint(1)\n```\n", "plain.md")
    assert "calculators.css" not in plain and "<script" not in plain


def test_a_directive_inside_an_html_comment_is_neither_checked_nor_rendered(tmp_path: Path) -> None:
    text = "# Draft\n\n<!--\n```calculator\nname: nonsense\n```\n-->\n\n```calculator\nname: tire\npreset: pavement\n```\n"
    html = render_page(tmp_path, text, "draft.md")
    assert html.count("data-kb-calc=") == 1 and "nonsense" in html


def test_a_calculator_merged_into_a_paragraph_is_an_error(tmp_path: Path) -> None:
    error = markdown_error(tmp_path, "# T\n\nSome text\n```calculator\nname: tire\npreset: pavement\n```\nmore.\n")
    assert error.startswith("docs/bicycles/test.md:4: calculator directive must stand alone as its own block")
