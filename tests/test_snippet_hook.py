"""The ```snippet directive in pages: errors with docs/page.md:LINE, the rendered markup, the built site, the CLI."""
from __future__ import annotations

import html
import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from calculators.snippets import SNIPPETS, render_text
from calculators.snippets.browser import RUNTIME_ASSET, STYLE_ASSET

ROOT = Path(__file__).resolve().parent.parent
SNIPPET_PAGES = {
    "spectrum-protect/systemd-autostart.html": ["sp-db2fmcd-unit", "sp-instance-unit", "sp-dsmcad-unit"],
    "spectrum-protect/replace-server.html": [
        "ubuntu-ip-alias", "sp-server-self-trust", "sp-client-cert-reset", "sp-client-cert-reset",
        "sp-client-cert-reset-windows", "sp-allow-key-exchange", "sp-client-cert-trust", "sp-client-cert-trust",
        "sp-client-cert-trust-windows",
    ],
    "spectrum-protect/ldap-startup.html": ["sp-ldapurl-off", "sp-ldapurl-on"],
    "aix-storage/sddpcm-to-aixpcm.html": ["aix-sddpcm-to-aixpcm", "aix-sddpcm-remove", "aix-aixpcm-rollback"],
    "aix-networking/etherchannel-crash.html": ["aix-etherchannel-readd"],
}


@pytest.fixture(scope="module")
def hook() -> ModuleType:
    """hooks/snippets.py loaded the way MkDocs loads a hook."""
    spec = importlib.util.spec_from_file_location("snippets_hook_under_test", ROOT / "hooks" / "snippets.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def config(hook: ModuleType) -> MkDocsConfig:
    """The project's own mkdocs.yml, after the hook's on_config."""
    loaded = load_config(str(ROOT / "mkdocs.yml"))
    hook.on_config(loaded)
    return loaded


def page_for(config: MkDocsConfig, source: str, src_uri: str = "area/page.md") -> Page:
    """A page object as MkDocs makes it, whose file holds `source` (front matter included)."""
    file = File(src_uri, config.docs_dir, config.site_dir, config.use_directory_urls)
    file.content_string = source
    return Page(None, file, config)


def convert(hook: ModuleType, config: MkDocsConfig, markdown: str) -> str:
    """Run a page's Markdown through the hook and a minimal Markdown conversion."""
    import markdown as markdown_library

    page = page_for(config, markdown)
    text = hook.on_page_markdown(markdown, page=page, config=config, files=Files([]))
    body = markdown_library.markdown(text or markdown, extensions=["pymdownx.superfences", "pymdownx.tabbed"])
    return hook.on_page_content(body, page=page, config=config, files=Files([])) or body


BAD_DIRECTIVES = [
    ("intro\n\n```snippet\nname: no-such-snippet\n```\n", 4, "snippet directive: option 'name' must be one of "),
    ("```snippet\nname: sp-instance-unit\ncolour: red\n```\n", 3, "snippet directive: unknown option 'colour' (accepted: name, values)"),
    ("```snippet\nvalues:\n  owner: x\n```\n", 1, "snippet directive: option 'name' is required"),
    (
        "text\n\n```snippet\nname: sp-instance-unit\nvalues:\n  owner: tsminst2\n  instance: x\n```\n",
        7,
        "snippet directive: sp-instance-unit has no variable 'instance' (accepted: owner, server_bin_dir, init_dir)",
    ),
    (
        "```snippet\nname: sp-instance-unit\nvalues:\n  owner: tsm;reboot\n```\n",
        4,
        'snippet directive: owner: "tsm;reboot" contains a semicolon (;), so it is rejected and never pasted into the command.',
    ),
    (
        "```snippet\nname: aix-etherchannel-readd\nvalues:\n  first_adapter: ent6\n```\n",
        1,
        'snippet directive: second_adapter: "ent6" is already given as first_adapter;',
    ),
    ("```snippet\nname: sp-instance-unit\nvalues:\n  owner: [a, b]\n```\n", 4, "snippet directive: value of 'owner' must be text"),
    ("```snippet\nname: sp-instance-unit\nvalues: 3\n```\n", 3, "snippet directive: option 'values' must be 'name: value' pairs"),
    ("```snippet\nname: sp-instance-unit\n", 1, "```snippet block is never closed"),
]


@pytest.mark.parametrize(("markdown", "line", "reason"), BAD_DIRECTIVES)
def test_bad_directives_stop_the_build_with_file_and_line(hook: ModuleType, config: MkDocsConfig, markdown: str, line: int, reason: str) -> None:
    with pytest.raises(PluginError) as error:
        hook.on_page_markdown(markdown, page=page_for(config, markdown), config=config, files=Files([]))
    assert str(error.value).startswith(f"docs/area/page.md:{line}: {reason}")


def test_lines_are_the_files_lines_when_the_page_has_front_matter(hook: ModuleType, config: MkDocsConfig) -> None:
    body = "intro\n\n```snippet\nname: no-such-snippet\n```\n"
    page = page_for(config, "---\ntags:\n  - AIX\n---\n\n" + body)
    with pytest.raises(PluginError) as error:
        hook.on_page_markdown(body, page=page, config=config, files=Files([]))
    assert str(error.value).startswith("docs/area/page.md:9: snippet directive: option 'name' must be one of ")


def test_a_directive_that_does_not_stand_alone_is_an_error(hook: ModuleType, config: MkDocsConfig) -> None:
    page = page_for(config, "```snippet\nname: aix-aixpcm-rollback\n```\n")
    hook.on_page_markdown("```snippet\nname: aix-aixpcm-rollback\n```\n", page=page, config=config, files=Files([]))
    with pytest.raises(PluginError, match=r"^docs/area/page\.md:1: snippet directive must stand alone"):
        hook.on_page_content("<p>text KBSNIPPET000000X</p>", page=page, config=config, files=Files([]))


def test_rendered_markup(hook: ModuleType, config: MkDocsConfig) -> None:
    out = convert(hook, config, "# T\n\n```snippet\nname: sp-instance-unit\nvalues:\n  owner: tsminst2\n```\n\nafter ${HOME} {{ x }}\n")
    expected = render_text(SNIPPETS["sp-instance-unit"], {"owner": "tsminst2"})
    root = re.search(r'<div class="kb-snippet" id="snippet-sp-instance-unit" data-kb-snippet="([^"]*)" data-copy="([^"]*)">', out)
    assert root, out[:500]
    assert html.unescape(root.group(2)) == expected.rstrip()
    spec = json.loads(html.unescape(root.group(1)))
    assert spec["values"]["owner"] == "tsminst2" and spec["template"] == SNIPPETS["sp-instance-unit"].template
    assert '<section class="kb-interactive kb-snippet-form" hidden data-search-exclude>' in out
    assert 'name="owner"' in out and 'value="tsminst2"' in out
    code = re.search(r'<div class="highlight"><pre><span></span><code>(.*?)</code></pre></div>', out, re.S)
    assert code and html.unescape(re.sub(r"<[^>]+>", "", code.group(1))) == expected
    assert out.count('data-kb-var="owner"') == expected.count("tsminst2")
    assert 'class="admonition warning kb-snippet-caveat"' in out and "PIDFile= is not verified" in out
    assert "after ${HOME} {{ x }}" in out


def test_two_uses_of_one_snippet_get_distinct_ids(hook: ModuleType, config: MkDocsConfig) -> None:
    out = convert(hook, config, "```snippet\nname: aix-aixpcm-rollback\n```\n\n```snippet\nname: aix-aixpcm-rollback\n```\n")
    assert 'id="snippet-aix-aixpcm-rollback"' in out and 'id="snippet-aix-aixpcm-rollback-2"' in out
    assert "kb-snippet-form" not in out, "a snippet without variables has no form"


def test_assets_are_generated_and_loaded_on_every_page(hook: ModuleType, config: MkDocsConfig) -> None:
    config.plugins._current_plugin = None  # set by MkDocs while it runs a plugin's event
    files = hook.on_files(Files([]), config=config)
    assert {file.src_uri for file in files} == {RUNTIME_ASSET, STYLE_ASSET}
    script = files.get_file_from_path(RUNTIME_ASSET).content_string
    assert script.startswith("/* Generated from calculators/snippets/kinds.py") and "window.KB_SNIPPET_SHARED = {" in script
    assert RUNTIME_ASSET in [str(item) for item in config.extra_javascript]
    assert STYLE_ASSET in [str(item) for item in config.extra_css]
    assert "http" not in script.split("window.KB_SNIPPET_SHARED", 1)[1].replace("https://www.shellcheck", ""), "no URL in the runtime"


def test_built_pages_carry_every_snippet_with_its_default_text(site_dir: Path) -> None:
    for page, names in SNIPPET_PAGES.items():
        text = (site_dir / page).read_text()
        roots = re.findall(r'<div class="kb-snippet" id="snippet-([a-z0-9-]+?)(?:-[0-9])?" data-kb-snippet="([^"]*)" data-copy="([^"]*)">', text)
        assert [name for name, _, _ in roots] == names, page
        for name, spec_text, copy in roots:
            spec = json.loads(html.unescape(spec_text))
            assert html.unescape(copy) == render_text(SNIPPETS[name], spec["values"]).rstrip()
        outside_data = re.sub(r'data-kb-snippet="[^"]*"', "", text)
        assert "@@" not in outside_data and "ZZKBVAR" not in text and "KBSNIPPET" not in text
    assert {name for names in SNIPPET_PAGES.values() for name in names} == set(SNIPPETS)


def test_cli_prints_filled_text_and_rejects_injection() -> None:
    ok = subprocess.run([sys.executable, "-m", "calculators.snippets", "sp-instance-unit", "--owner", "tsminst2"],
                        cwd=ROOT, capture_output=True, text=True)
    assert ok.returncode == 0 and ok.stdout == render_text(SNIPPETS["sp-instance-unit"], {"owner": "tsminst2"})
    bad = subprocess.run([sys.executable, "-m", "calculators.snippets", "aix-etherchannel-readd", "--etherchannel", "ent17;reboot"],
                         cwd=ROOT, capture_output=True, text=True)
    assert bad.returncode == 2 and bad.stdout == ""
    assert bad.stderr.startswith('etherchannel: "ent17;reboot" contains a semicolon (;)')
    listing = subprocess.run([sys.executable, "-m", "calculators.snippets"], cwd=ROOT, capture_output=True, text=True)
    assert all(name in listing.stdout for name in SNIPPETS)


@pytest.mark.parametrize(("arguments", "line"), [
    (("--bogus", "1"), "sp-instance-unit: unknown option '--bogus' (accepted: --owner, --server-bin-dir, --init-dir)"),
    (("--owner",), "sp-instance-unit: argument --owner: expected one argument (accepted: --owner, --server-bin-dir, --init-dir)"),
    (("stray",), "sp-instance-unit: unknown argument 'stray' (accepted: --owner, --server-bin-dir, --init-dir)"),
])
def test_cli_bad_argument_is_one_line_and_status_2(arguments: tuple[str, ...], line: str, capsys: pytest.CaptureFixture[str]) -> None:
    from calculators.snippets.__main__ import main

    assert main(["sp-instance-unit", *arguments]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == line + "\n"
