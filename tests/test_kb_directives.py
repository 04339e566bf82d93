"""The shared directive finder and option validators: positions, errors with lines, placeholders."""
from __future__ import annotations

import pytest

from kb.directives import (
    DirectiveError,
    author_path,
    body_first_line,
    find_directives,
    option_line,
    place_rendered,
    replace_with_placeholders,
    swap_page_directives,
)
from kb.options import Option, OptionError, type_boolean, type_choice, type_ranged_number, type_string, validate_options

PAGE = """# Title

Text with ${shell} and {{ jinja }} left alone.

```calculator
name: tire
preset: pavement
```

!!! note
    ```snippet
    name: etherchannel
    values:
      channel: ent17
    ```

```sh
echo "${HOME}"
```
"""


def test_finds_directives_with_lines_and_indent() -> None:
    found = find_directives(PAGE, {"calculator", "snippet"}, "docs/page.md")
    assert [(d.kind, d.line, d.indent) for d in found] == [("calculator", 5, ""), ("snippet", 11, "    ")]
    assert found[0].options == {"name": "tire", "preset": "pavement"}
    assert found[1].options == {"name": "etherchannel", "values": {"channel": "ent17"}}
    assert option_line(found[1], "values") == 13


def test_other_fences_are_not_directives() -> None:
    assert find_directives(PAGE, {"calculator"}, "docs/page.md")[0].kind == "calculator"
    assert find_directives("```sh\ncalculator\n```\n", {"calculator"}, "docs/p.md") == []


def test_directive_inside_a_longer_fence_is_an_example_not_a_directive() -> None:
    page = "````markdown\n```calculator\nname: tire\n```\n````\n"
    assert find_directives(page, {"calculator"}, "docs/p.md") == []


def test_bad_yaml_names_file_and_line() -> None:
    with pytest.raises(DirectiveError) as error:
        find_directives("intro\n\n```calculator\nname: tire\npreset: [a\n```\n", {"calculator"}, "docs/p.md")
    assert str(error.value).startswith("docs/p.md:")
    assert "invalid YAML" in str(error.value)
    assert error.value.line >= 3


def test_unclosed_directive_fails() -> None:
    with pytest.raises(DirectiveError, match=r"docs/p.md:1: ```calculator block is never closed"):
        find_directives("```calculator\nname: tire\n", {"calculator"}, "docs/p.md")


def test_non_mapping_body_fails() -> None:
    with pytest.raises(DirectiveError, match="options must be 'key: value' lines"):
        find_directives("```calculator\n- tire\n```\n", {"calculator"}, "docs/p.md")


def test_placeholders_round_trip_and_do_not_collide_between_kinds() -> None:
    found = find_directives(PAGE, {"calculator", "snippet"}, "docs/page.md")
    text, mapping = replace_with_placeholders(PAGE, found)
    assert "name: tire" not in text and "${shell}" in text and 'echo "${HOME}"' in text
    assert set(mapping) == {"KBCALCULATOR000000X", "KBSNIPPET000001X"}
    html = "<p>KBCALCULATOR000000X</p><div><p>KBSNIPPET000001X</p></div>"
    rendered = {token: f"<b>{directive.kind}</b>" for token, directive in mapping.items()}
    assert place_rendered(html, rendered) == ("<b>calculator</b><div><b>snippet</b></div>", [])


def test_a_placeholder_merged_into_a_paragraph_is_reported_not_placed() -> None:
    html = "<p>text KBSNIPPET000001X more</p><p>KBCALCULATOR000000X</p>"
    result, unplaced = place_rendered(html, {"KBCALCULATOR000000X": "<b>c</b>", "KBSNIPPET000001X": "<b>s</b>"})
    assert result == "<p>text KBSNIPPET000001X more</p><b>c</b>"
    assert unplaced == ["KBSNIPPET000001X"]


def test_swap_page_directives_prepares_in_order_with_file_lines() -> None:
    source = "---\ntags: [x]\n---\n\n" + PAGE
    text, prepared = swap_page_directives(PAGE, source, "calculator", "docs/page.md", lambda d: (d.line, d.options["name"]))
    assert list(prepared.items()) == [("KBCALCULATOR000000X", (9, "tire"))]
    assert "KBCALCULATOR000000X" in text and "name: tire" not in text
    assert swap_page_directives("# none\n", "# none\n", "calculator", "docs/p.md", lambda d: d) == ("# none\n", {})


def test_validate_options_defaults_unknown_and_bad_values() -> None:
    schema = {
        "name": Option(type_string),
        "preset": Option(type_choice(["pavement", "cruiser"]), default="pavement"),
        "rows": Option(type_ranged_number(1, 20, integer=True), default=5),
        "table": Option(type_boolean, default=True),
    }
    assert validate_options({"name": "tire"}, schema, "calculator") == {
        "name": "tire", "preset": "pavement", "rows": 5, "table": True,
    }
    with pytest.raises(OptionError, match=r"unknown option 'colour' \(accepted: name, preset, rows, table\)"):
        validate_options({"name": "tire", "colour": 1}, schema, "calculator")
    with pytest.raises(OptionError, match=r"option 'preset' must be one of pavement, cruiser \(got 'gravel'\)"):
        validate_options({"name": "tire", "preset": "gravel"}, schema, "calculator")
    with pytest.raises(OptionError, match=r"option 'rows' must be between 1 and 20 \(got 50\)"):
        validate_options({"name": "tire", "rows": 50}, schema, "calculator")
    with pytest.raises(OptionError, match=r"option 'rows' must be a whole number \(got 2.5\)"):
        validate_options({"name": "tire", "rows": 2.5}, schema, "calculator")
    with pytest.raises(OptionError, match=r"option 'table' must be true or false \(got 'no'\)"):
        validate_options({"name": "tire", "table": "no"}, schema, "calculator")
    with pytest.raises(OptionError, match=r"option 'name' is required"):
        validate_options({}, schema, "calculator")


def test_lines_count_from_the_file_when_front_matter_was_stripped() -> None:
    source = "---\ntags:\n  - Bicycles\n---\n\n# Title\n\n```calculator\nname: tire\n```\n"
    body = "# Title\n\n```calculator\nname: tire\n```\n"  # what a generator hands the hook
    assert body_first_line(source) == 6
    found = find_directives(body, {"calculator"}, "docs/p.md", body_first_line(source))
    assert found[0].line == 8 and source.splitlines()[7] == "```calculator"
    # YAML reports the unclosed '[' at the end of the body: the closing fence, file line 10.
    with pytest.raises(DirectiveError, match=r"^docs/p.md:10: calculator directive: invalid YAML"):
        find_directives("# Title\n\n```calculator\nname: [\n```\n", {"calculator"}, "docs/p.md", 6)
    assert body_first_line("# No front matter\n") == 1


def test_author_path_is_relative_to_the_project() -> None:
    assert author_path("/work/p/mkdocs.yml", "/work/p/docs", "bicycles/tire-pressure.md") == "docs/bicycles/tire-pressure.md"
    assert author_path("/work/p/mkdocs.yml", "/work/p/site-src", "a/b.md") == "site-src/a/b.md"
