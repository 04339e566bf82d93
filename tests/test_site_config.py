"""mkdocs.yml itself: a key written twice silently drops the first list (a merge once lost a script that way)."""
from __future__ import annotations

import yaml

from tests.conftest import ROOT


class _DuplicateKeyLoader(yaml.SafeLoader):
    """Safe loading that refuses a mapping key given twice and ignores mkdocs.yml's Python and ! tags."""


def _mapping(loader: yaml.SafeLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    seen: dict[str, int] = {}
    for key, _ in node.value:
        if key.value in seen:
            raise AssertionError(f"mkdocs.yml:{key.start_mark.line + 1}: {key.value!r} is already set at line {seen[key.value]}")
        seen[key.value] = key.start_mark.line + 1
    return loader.construct_mapping(node, deep)


_DuplicateKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
_DuplicateKeyLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
_DuplicateKeyLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


def test_mkdocs_yml_sets_no_key_twice() -> None:
    yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_DuplicateKeyLoader)  # a SafeLoader


def test_the_duplicate_key_check_catches_a_repeated_list() -> None:
    text = "extra_javascript:\n  - a.js\nsite_name: x\nextra_javascript:\n  - b.js\n"
    try:
        yaml.load(text, Loader=_DuplicateKeyLoader)
    except AssertionError as error:
        assert "mkdocs.yml:4: 'extra_javascript' is already set at line 1" in str(error)
    else:
        raise AssertionError("a repeated key was not caught")
