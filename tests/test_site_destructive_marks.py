"""Safe to paste (issue 12): every destructive command in a copyable block carries a DESTRUCTIVE comment
line, and no page cites the team's unpublished notes.

Where a reader copies commands: fenced code blocks in docs/, every snippet (default values), and the
command blocks of the RAM disk and VIO calculators (several inputs). A line that runs a destructive
command must have, in the comment lines heading its group of command lines (walking up over command
lines until the first comment line), a comment saying ``DESTRUCTIVE:`` (``#`` in shell, ``rem`` in
cmd, ``/* */`` in administrative-command macros). The built pages and the PDF (tests/test_pdf_export.py)
carry the same text, because the mark is part of the block.
"""
from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from calculators.ramdisk import CALCULATOR as RAMDISK
from calculators.snippets import SNIPPETS, render_text
from calculators.vio import CALCULATOR as VIO
from calculators.vio import COMMAND_OUTPUTS
from tests.conftest import ROOT

# Commands that destroy data or cannot be undone (and rmdev, which crashed AIX 7.2 in the notes).
DESTRUCTIVE = re.compile(
    r"(?:^|[\s;&|(/])(?:"
    r"mkfs\b|udfcreate\b|rmdev\b|installp\s+-\w*u|rm\s+-\w*[rf]|rmramdisk\b|chdev\b.*\s-P\b|"
    r"del\s|rmdir\s|rmlv\b|reducevg\b|rmvdev\b|dd\s.*\bof=|"
    r"(?i:DELETE\s+SERVER\b|REMOVE\s+REPLSERVER\b)"
    r")"
)
MARK = "DESTRUCTIVE:"
COMMENT = re.compile(r"^\s*(?:#|rem\s|/\*)", re.I)
FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>```+|~~~+)\s*(?P<info>[^\s`]*)")
# The team's internal research files: facts yes, citations never (readers cannot open them).
UNPUBLISHED = re.compile(r"aix-commands(?:\.md)?|tire-model(?:\.md)?|\breference/|\breference,? section\b"
                         r"|\(reference\b|\breference \*|\bthe reference's\b|\bfrom the reference\b", re.I)


def unmarked(text: str) -> list[str]:
    """Destructive command lines in a block whose heading comment lines carry no DESTRUCTIVE mark."""
    lines = text.splitlines()
    problems = []
    for number, line in enumerate(lines):
        if COMMENT.match(line) or not DESTRUCTIVE.search(line):
            continue
        above = number - 1
        while above >= 0 and lines[above].strip() and not COMMENT.match(lines[above]):
            above -= 1
        heading = []
        while above >= 0 and COMMENT.match(lines[above]):
            heading.append(lines[above])
            above -= 1
        if not any(MARK in comment for comment in heading):
            problems.append(line.strip())
    return problems


def doc_blocks(markdown: str) -> list[tuple[int, str]]:
    """(line number, text) of every fenced block that is shown as code (not snippet/calculator directives)."""
    blocks = []
    lines = markdown.splitlines()
    index = 0
    while index < len(lines):
        opening = FENCE.match(lines[index])
        if not opening:
            index += 1
            continue
        indent, fence, info = opening.group("indent"), opening.group("fence"), opening.group("info")
        body = []
        index += 1
        while index < len(lines) and not lines[index].strip().startswith(fence):
            body.append(lines[index][len(indent):] if lines[index].startswith(indent) else lines[index].lstrip())
            index += 1
        if info not in ("snippet", "calculator"):
            blocks.append((index - len(body), "\n".join(body)))
        index += 1
    return blocks


def doc_pages() -> list[Path]:
    """Every Markdown page of the site."""
    return sorted((ROOT / "docs").rglob("*.md"))


def calculator_blocks() -> list[tuple[str, str]]:
    """(label, text) of the command blocks the RAM disk and VIO calculators print for several inputs."""
    blocks = []
    ramdisk_inputs = [RAMDISK.preset_inputs(preset.name) for preset in RAMDISK.presets]
    ramdisk_inputs += [dict(RAMDISK.preset_inputs(None), fs=fs) for fs in ("jfs2", "jfs", "udfs", "raw")]
    for inputs in ramdisk_inputs:
        evaluation = RAMDISK.evaluate(inputs)
        assert evaluation.ok, evaluation.errors
        for name in ("commands", "teardown"):
            blocks.append((f"ramdisk {inputs} {name}", "\n".join(evaluation.result[name])))
    vio_inputs = [VIO.preset_inputs(None), *(VIO.preset_inputs(preset.name) for preset in VIO.presets),
                  dict(VIO.preset_inputs(None), **{"vios-slots": "21010010,21010011;21010020,21010021"})]
    for inputs in vio_inputs:
        evaluation = VIO.evaluate(inputs)
        assert evaluation.ok, evaluation.errors
        for name, _ in COMMAND_OUTPUTS:
            if evaluation.result[name] is not None:
                blocks.append((f"vio {name}", "\n".join(evaluation.result[name])))
    return blocks


def test_the_rule_catches_an_unmarked_command_and_accepts_a_marked_group() -> None:
    assert unmarked("ls -l /dev\nmkfs -V jfs2 /dev/ramdisk0\n") == ["mkfs -V jfs2 /dev/ramdisk0"]
    assert unmarked("# formats it\nmkfs -V jfs2 /dev/ramdisk0\n") == ["mkfs -V jfs2 /dev/ramdisk0"]
    assert unmarked("# DESTRUCTIVE: erases\nmkfs -V jfs2 /dev/x\n\nrm -f /tmp/y\n") == ["rm -f /tmp/y"]
    assert unmarked("# DESTRUCTIVE: removes both\ninstallp -ug a.rte\ninstallp -ug b.rte\n") == []
    assert unmarked('rem DESTRUCTIVE: deletes\ndel "C:\\x"\n') == []
    assert unmarked("/* DESTRUCTIVE: no undo */\nDELETE SERVER DT\n") == []
    assert unmarked("# DESTRUCTIVE: x\nmkfs /dev/a\n# next step\nchdev -l ent0 -a mtu=9000 -P\n") == [
        "chdev -l ent0 -a mtu=9000 -P"]
    assert unmarked("# a comment naming rmdev -Rl en0 is not a command\nlsattr -El en0\n") == []
    for line in ("rmramdisk rramdisk0", "dd if=/dev/zero of=/dev/hdisk1", "rmdev -dl ent3", "rm -rf /x",
                 "test -b \"$DEV\" && mkfs -V jfs \"$DEV\"", "delete server dt"):
        assert unmarked(line) == [line], line


@pytest.mark.parametrize("page", doc_pages(), ids=lambda page: str(page.relative_to(ROOT / "docs")))
def test_every_destructive_command_in_the_docs_is_marked(page: Path) -> None:
    problems = [f"{page.relative_to(ROOT)}:{line}: {command}"
                for line, text in doc_blocks(page.read_text(encoding="utf-8")) for command in unmarked(text)]
    assert problems == []


@pytest.mark.parametrize("name", sorted(SNIPPETS))
def test_every_destructive_command_in_the_snippets_is_marked(name: str) -> None:
    assert unmarked(render_text(SNIPPETS[name])) == []


def test_every_destructive_command_the_calculators_print_is_marked() -> None:
    problems = [f"{label}: {command}" for label, text in calculator_blocks() for command in unmarked(text)]
    assert problems == []


def test_the_scan_sees_the_destructive_commands_it_should() -> None:
    """The checks above are not vacuous: the known destructive commands are found where they are."""
    found = [command for page in doc_pages() for _, text in doc_blocks(page.read_text(encoding="utf-8"))
             for command in text.splitlines() if DESTRUCTIVE.search(command) and not COMMENT.match(command)]
    joined = "\n".join(found)
    for expected in ("DELETE SERVER DT", "rmramdisk ramdisk0", "mkfs -V jfs", "udfcreate -f3", "rmdev -Rl en17"):
        assert expected in joined, expected
    snippet_text = "\n".join(render_text(snippet) for snippet in SNIPPETS.values())
    for expected in ("installp -ug devices.sddpcm.72.rte", "rm -f /opt/tivoli", "del \"C:\\", "rmdev -Rl en17"):
        assert expected in snippet_text, expected
    calculator_text = "\n".join(text for _, text in calculator_blocks())
    assert "mkfs -V jfs2" in calculator_text and "rmramdisk rramdisk0" in calculator_text


def test_no_source_cites_an_unpublished_file() -> None:
    """Pages, snippet texts and calculator texts cite what a reader can open, never the team's notes."""
    problems = []
    for page in doc_pages():
        for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), 1):
            if UNPUBLISHED.search(line):
                problems.append(f"{page.relative_to(ROOT)}:{number}: {line.strip()}")
    for snippet in SNIPPETS.values():
        shown = [render_text(snippet), snippet.summary, *(caveat.text + " " + caveat.title for caveat in snippet.caveats)]
        problems += [f"snippet {snippet.name}: {text}" for text in shown if UNPUBLISHED.search(text)]
    for calculator in (RAMDISK, VIO):
        evaluation = calculator.evaluate(calculator.preset_inputs(None))
        text = repr(evaluation.result) + repr([(field.label, field.help) for field in calculator.fields])
        if UNPUBLISHED.search(text):
            problems.append(f"calculator {calculator.name}: {UNPUBLISHED.search(text).group(0)}")  # type: ignore[union-attr]
    assert problems == []


def test_no_built_page_cites_an_unpublished_file(site_dir: Path) -> None:
    problems = []
    for page in sorted(site_dir.rglob("*.html")):
        text = html.unescape(re.sub(r"<[^>]+>", " ", page.read_text(encoding="utf-8")))
        for hit in UNPUBLISHED.finditer(text):
            problems.append(f"{page.relative_to(site_dir)}: {text[max(0, hit.start() - 40):hit.end() + 20]!r}")
    assert problems == []


def test_built_pages_show_the_marks_in_their_code(site_dir: Path) -> None:
    """The mark is on the page, inside the code the copy button copies, for snippets, calculators and docs."""
    expected = {"aix-storage/sddpcm-to-aixpcm/index.html": 1, "aix-filesystems/ramdisk/index.html": 5,
                "spectrum-protect/replace-server/index.html": 4, "aix-networking/etherchannel-crash/index.html": 2}
    for page, minimum in expected.items():
        path = site_dir / page
        if not path.exists():
            path = site_dir / page.replace("/index.html", ".html")
        code = " ".join(re.findall(r"<code\b.*?</code>", path.read_text(encoding="utf-8"), re.S))
        text = html.unescape(re.sub(r"<[^>]+>", "", code))
        assert text.count(MARK) >= minimum, (page, text.count(MARK))
