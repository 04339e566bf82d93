"""kb.cache: a warm build starts no pint, an edited calculator invalidates exactly its entries, bad entries are rewritten."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kb import cache

ROOT = Path(__file__).resolve().parent.parent

# Builds the site in this process and prints which of the costly modules the build imported.
BUILD = """
import json, sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
build(load_config("mkdocs.yml", site_dir=sys.argv[1], strict=True))
print(json.dumps({name: name in sys.modules for name in ("pint", "calculators.registry", "calculators.fields")}))
"""


def _build(site: Path, cache_root: Path) -> dict[str, bool]:
    env = dict(os.environ, KB_CACHE_DIR=str(cache_root), NO_MKDOCS_2_WARNING="1")
    env.pop("KB_PROFILE", None)
    env.pop("ENABLE_PDF_EXPORT", None)
    done = subprocess.run([sys.executable, "-c", BUILD, str(site)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def _files(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def test_warm_build_imports_no_calculator_and_bad_entries_are_rewritten(tmp_path: Path) -> None:
    cache_root = tmp_path / "cache"
    cold = _build(tmp_path / "cold", cache_root)
    assert cold["pint"] and cold["calculators.registry"], "the cold build computes: it must import the calculators"
    entries = sorted((cache_root / "kb").rglob("*.json"))
    assert {path.parent.name for path in entries} == {"bundle", "directive", "summary", "page-mentions", "page-text", "snippet"}
    warm = _build(tmp_path / "warm", cache_root)
    assert warm == {"pint": False, "calculators.registry": False, "calculators.fields": False}
    assert _files(tmp_path / "warm") == _files(tmp_path / "cold")
    assert sorted((cache_root / "kb").rglob("*.json")) == entries, "a warm build finds every entry under the same key"
    # Corrupt every entry: garbage, another key, a value of the wrong shape, another format, in turn.
    spoilers = [
        lambda path: path.write_bytes(b"\x00not json{"),
        lambda path: path.write_text(json.dumps({"format": cache.FORMAT, "kind": path.parent.name, "key": "0" * 64, "value": "x"})),
        lambda path: path.write_text(json.dumps({"format": cache.FORMAT, "kind": path.parent.name, "key": path.stem, "value": {"html": 3}})),
        lambda path: path.write_text(json.dumps({"format": -1, "kind": path.parent.name, "key": path.stem, "value": "x"})),
    ]
    for number, path in enumerate(entries):
        spoilers[number % len(spoilers)](path)
    rebuilt = _build(tmp_path / "rebuilt", cache_root)
    assert rebuilt["pint"], "spoilt entries are misses: the build computes again"
    assert _files(tmp_path / "rebuilt") == _files(tmp_path / "cold")
    for path in entries:  # every entry was written again, readable
        stored = json.loads(path.read_text(encoding="utf-8"))
        assert (stored["format"], stored["key"], stored["kind"]) == (cache.FORMAT, path.stem, path.parent.name), path


def _copy_sources(tmp_path: Path) -> tuple[Path, Path]:
    calculators = tmp_path / "calculators"
    shutil.copytree(ROOT / "calculators", calculators, ignore=shutil.ignore_patterns("__pycache__"))
    kb_dir = tmp_path / "kb"
    shutil.copytree(ROOT / "kb", kb_dir, ignore=shutil.ignore_patterns("__pycache__"))
    return calculators, kb_dir


def _keys(calculators: Path, kb_dir: Path) -> dict[str, str]:
    keys = {name: cache.package_key(name, calculators, kb_dir) for name in cache.calculator_packages(calculators)}
    keys["*"] = cache.all_packages_key(calculators, kb_dir)
    return keys


def test_an_edited_calculator_invalidates_exactly_its_entries(tmp_path: Path) -> None:
    calculators, kb_dir = _copy_sources(tmp_path)
    before = _keys(calculators, kb_dir)
    assert set(before) == {"tire", "ramdisk", "vio", "*"}
    assert _keys(calculators, kb_dir) == before, "the same sources give the same keys"
    with (calculators / "tire" / "model.py").open("a", encoding="utf-8") as model:
        model.write("\n# edited\n")
    after_tire = _keys(calculators, kb_dir)
    assert {name for name in before if after_tire[name] != before[name]} == {"tire", "*"}
    (calculators / "runtime.js").write_text((calculators / "runtime.js").read_text(encoding="utf-8") + "\n// edited\n", encoding="utf-8")
    after_runtime = _keys(calculators, kb_dir)
    assert all(after_runtime[name] != after_tire[name] for name in before), "shared code invalidates every calculator"
    (kb_dir / "options.py").write_text((kb_dir / "options.py").read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    after_kb = _keys(calculators, kb_dir)
    assert all(after_kb[name] != after_runtime[name] for name in before), "the directive checker's code is part of every key"
    (calculators / "snippets" / "catalog" / "aix.py").write_text("# edited\n", encoding="utf-8")
    after_snippets = _keys(calculators, kb_dir)
    assert {name for name in before if after_snippets[name] != after_kb[name]} == {"*"}, "the snippets change only the summary"


def test_versions_are_part_of_every_key(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    calculators, kb_dir = _copy_sources(tmp_path)
    before = _keys(calculators, kb_dir)
    monkeypatch.setattr(cache, "versions", lambda: "python=0;pint=0")
    assert all(value != before[name] for name, value in _keys(calculators, kb_dir).items())


def test_unreadable_or_foreign_entries_are_misses_and_are_rewritten(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("KB_CACHE_DIR", str(tmp_path))
    key = cache.entry_key("bundle", "a")
    computed: list[int] = []

    def compute() -> str:
        computed.append(1)
        return "var x = 1;"

    assert cache.cached("bundle", key, compute, cache.is_text) == "var x = 1;"
    assert cache.cached("bundle", key, compute, cache.is_text) == "var x = 1;"
    assert len(computed) == 1, "the second call is a hit"
    path = tmp_path / "kb" / "bundle" / f"{key}.json"
    wrong_value = json.dumps({"format": cache.FORMAT, "kind": "bundle", "key": key, "value": 7}).encode()
    wrong_kind = json.dumps({"format": cache.FORMAT, "kind": "directive", "key": key, "value": "x"}).encode()
    for spoilt in (b"", b"\xff\xfe", b"[1, 2]", b'{"format": 1}', wrong_value, wrong_kind, b"{" * 100_000):
        path.write_bytes(spoilt)
        assert cache.load("bundle", key, cache.is_text) is None
        assert cache.cached("bundle", key, compute, cache.is_text) == "var x = 1;"
        assert cache.load("bundle", key, cache.is_text) == "var x = 1;", "the miss wrote the entry again"
    path.unlink()
    path.mkdir()  # a folder where the entry should be: a miss, and the write is skipped
    assert cache.cached("bundle", key, compute, cache.is_text) == "var x = 1;"


def test_a_cache_folder_that_cannot_be_written_costs_speed_only(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("KB_CACHE_DIR", str(blocker))
    assert cache.cached("bundle", cache.entry_key("bundle", "b"), lambda: "js", cache.is_text) == "js"
    assert cache.load("bundle", cache.entry_key("bundle", "b"), cache.is_text) is None


def test_page_mentions_are_rendered_again_only_when_the_page_or_its_environment_changes(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from kb.generate import _page_record

    monkeypatch.setenv("KB_CACHE_DIR", str(tmp_path))
    rendered: list[str] = []

    def render(text: str) -> tuple[str, str]:
        rendered.append(text)
        return "{}", f'<h1>Page</h1><p>{text}</p><h2 id="later">Later</h2><p>ANR2121W</p>'

    def record(source: str, environment: str = "env-1") -> tuple[str, list[tuple[str | None, str | None, list[str]]]]:
        return _page_record("a/page.md", source, None, environment, lambda: render(source))

    first = record("ANR0104E twice ANR0104E")
    assert first == ("Page", [(None, None, ["ANR0104E", "ANR0104E"]), ("later", "Later", ["ANR2121W"])])
    assert record("ANR0104E twice ANR0104E") == first and len(rendered) == 1, "the same page and environment: from the cache"
    record("edited ANR0104E")
    record("edited ANR0104E", environment="env-2")
    assert len(rendered) == 3, "an edited page and another environment are rendered again"
    record('--8<-- "generated/x.md"')
    record('--8<-- "generated/x.md"')
    assert len(rendered) == 5, "a page that includes files is rendered every time"


def test_page_text_is_walked_again_only_when_the_page_the_glossary_or_the_catalogue_changes(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from kb import page_text
    from kb.glossary import DEFAULT_GLOSSARY, load_glossary
    from kb.message_catalogue import DEFAULT_CATALOGUE, load_catalogue

    monkeypatch.setenv("KB_CACHE_DIR", str(tmp_path / "cache"))
    loads: list[str] = []

    def terms() -> list:
        loads.append("glossary")
        return load_glossary(DEFAULT_GLOSSARY)

    def catalogue() -> dict:
        loads.append("catalogue")
        return load_catalogue(DEFAULT_CATALOGUE)

    html = "<p>The HMC and the VIOS; see ANR0454E.</p>"
    first = page_text.annotate_cached(html, "../messages.html", terms, catalogue)
    assert first == page_text.annotate(html, terms(), "../messages.html", catalogue())
    loads.clear()
    assert page_text.annotate_cached(html, "../messages.html", terms, catalogue) == first
    assert loads == [], "a page walked before comes from the cache without loading the glossary or the catalogue"
    assert page_text.annotate_cached(html, None, terms, catalogue) != first and loads, "without the index URL: another entry"
    loads.clear()
    page_text.annotate_cached(html + "<p>LPAR</p>", "../messages.html", terms, catalogue)
    assert loads, "an edited page is walked again"
    # The glossary and the catalogue files are part of the key (copies in a kb/ folder, edited one at a time).
    data = tmp_path / "data"
    data.mkdir()
    glossary, messages = data / "glossary.yaml", data / "messages.yaml"
    glossary.write_bytes(DEFAULT_GLOSSARY.read_bytes())
    messages.write_bytes(DEFAULT_CATALOGUE.read_bytes())
    base = page_text.environment_key(glossary, messages)
    assert page_text.environment_key(DEFAULT_GLOSSARY, DEFAULT_CATALOGUE) == base, "the same bytes give the same key"
    glossary.write_text(glossary.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    edited_glossary = page_text.environment_key(glossary, messages)
    messages.write_text(messages.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert len({base, edited_glossary, page_text.environment_key(glossary, messages)}) == 3


def test_a_snippet_block_is_rendered_again_only_when_its_inputs_change(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from calculators.snippets import SNIPPETS, resolve_values
    from kb import snippet_directive
    from kb.snippet_directive import PreparedSnippet, render, render_cached

    monkeypatch.setenv("KB_CACHE_DIR", str(tmp_path))
    snippet = SNIPPETS["sp-instance-unit"]
    prepared = PreparedSnippet(snippet, resolve_values(snippet, {"owner": "tsminst2"}))
    config = {"css_class": "highlight", "anchor_linenums": False}
    first = render_cached(prepared, "snippet-a", config)
    assert first == render(prepared, "snippet-a", config)
    rendered: list[int] = []
    original = snippet_directive.render

    def counting(*args: object) -> str:
        rendered.append(1)
        return original(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(snippet_directive, "render", counting)
    assert render_cached(prepared, "snippet-a", config) == first and rendered == [], "the same block: from the cache"
    render_cached(PreparedSnippet(snippet, resolve_values(snippet, {"owner": "tsminst3"})), "snippet-a", config)
    render_cached(prepared, "snippet-b", config)
    render_cached(prepared, "snippet-a", {**config, "linenums": True})
    assert len(rendered) == 3, "other values, another element id and other highlight settings are rendered again"
