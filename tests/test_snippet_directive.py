"""The ```snippet directive (kb.fences) in pages: errors with docs/page.md:LINE, the rendered markup, the built site, the CLI."""
from __future__ import annotations

import html
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from calculators.snippets import SNIPPETS, render_text
from calculators.snippets.browser import RUNTIME_ASSET, STYLE_ASSET
from kb.fences import FenceError
from tests.conftest import render_page

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


def convert(folder: Path, markdown: str) -> str:
    """Render a page at docs/area/page.md through the site's Markdown extensions (kb.fences included)."""
    return render_page(folder, markdown, "area/page.md")


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
def test_bad_directives_stop_the_build_with_file_and_line(tmp_path: Path, markdown: str, line: int, reason: str) -> None:
    with pytest.raises(FenceError) as error:
        convert(tmp_path, markdown)
    assert str(error.value).startswith(f"docs/area/page.md:{line}: {reason}")


def test_lines_are_the_files_lines_when_the_page_has_front_matter(tmp_path: Path) -> None:
    body = "intro\n\n```snippet\nname: no-such-snippet\n```\n"
    with pytest.raises(FenceError) as error:
        convert(tmp_path, "---\ntags:\n  - AIX\n---\n\n" + body)
    assert str(error.value).startswith("docs/area/page.md:9: snippet directive: option 'name' must be one of ")


def test_a_directive_that_does_not_stand_alone_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(FenceError, match=r"^docs/area/page\.md:3: snippet directive must stand alone"):
        convert(tmp_path, "# T\ntext\n```snippet\nname: aix-aixpcm-rollback\n```\n")


def test_rendered_markup(tmp_path: Path) -> None:
    out = convert(tmp_path, "# T\n\n```snippet\nname: sp-instance-unit\nvalues:\n  owner: tsminst2\n```\n\nafter ${HOME} {{ x }}\n")
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


def test_two_uses_of_one_snippet_get_distinct_ids(tmp_path: Path) -> None:
    out = convert(tmp_path, "```snippet\nname: aix-aixpcm-rollback\n```\n\n```snippet\nname: aix-aixpcm-rollback\n```\n")
    assert 'id="snippet-aix-aixpcm-rollback"' in out and 'id="snippet-aix-aixpcm-rollback-2"' in out
    assert "kb-snippet-form" not in out, "a snippet without variables has no form"


def test_assets_are_generated_and_linked_only_where_a_snippet_is(tmp_path: Path, site_dir: Path) -> None:
    script = (ROOT / "docs" / RUNTIME_ASSET).read_text(encoding="utf-8")  # written by kb.generate, git-ignored
    assert script.startswith("/* Generated from calculators/snippets/kinds.py") and "window.KB_SNIPPET_SHARED = {" in script
    assert "http" not in script.split("window.KB_SNIPPET_SHARED", 1)[1].replace("https://www.shellcheck", ""), "no URL in the runtime"
    assert (site_dir / STYLE_ASSET).is_file() and (site_dir / RUNTIME_ASSET).is_file()
    out = convert(tmp_path, "```snippet\nname: aix-aixpcm-rollback\n```\n\n```snippet\nname: sp-instance-unit\n```\n")
    assert out.count(f'<link rel="stylesheet" href="../{STYLE_ASSET}">') == 1
    assert out.endswith(f'<script src="../{RUNTIME_ASSET}"></script>'), "the runtime comes after every snippet"
    assert out.count("kb-snippets.js") == 1
    home = (site_dir / "index.html").read_text(encoding="utf-8")
    assert "kb-snippets" not in home, "a page without snippets loads neither the runtime nor its stylesheet"


def test_built_pages_carry_every_snippet_with_its_default_text(built_site: Path) -> None:
    for page, names in SNIPPET_PAGES.items():
        text = (built_site / page).read_text()
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
