"""The AIX RAM disk calculator: fields, outputs, presets from IBM's examples and a recorded run, and the no-JS table."""
from __future__ import annotations

from typing import Any

from calculators.calculator import Calculator, Evaluation, KeyOutput, Preset, StaticTable
from calculators.fields import BooleanField, ChoiceField, NumberField, QuantityField, TextField
from calculators.outputs import ListOutput, MessagesOutput, TextOutput

from . import model

# A bare number means 512-byte blocks, as it does for mkramdisk itself.
SIZE_UNITS = ("blocks", "block", "blk", "bytes", "byte", "B", "KiB", "MiB", "GiB", "TiB",
              "KB", "kB", "MB", "GB", "TB")
# mkramdisk's own suffix forms: `mkramdisk 2G`, `mkramdisk 512M` (IBM "mkramdisk Command"; the page
# does not say whether they are binary, and suffix_form() in model.py already writes them as GiB and
# MiB, so they are read the same way here). Whole numbers, as mkramdisk takes them; lower case too.
# One way to match each text (no ambiguous repetition): digits, optional blanks, one letter.
MKRAMDISK_G = (r"([0-9]+) *[Gg]", "{1} GiB")
MKRAMDISK_M = (r"([0-9]+) *[Mm]", "{1} MiB")
MEMORY_UNITS = ("GiB", "MiB", "TiB", "GB", "MB", "TB", "bytes", "B")
# 8 PiB (2**53 bytes): the largest byte count a JavaScript double holds exactly.
MAX_MEMORY_BYTES = 2.0**53
# One path segment: not '.' or '..', only characters that need no shell quoting.
SEGMENT = r"(?:[A-Za-z0-9_+-][A-Za-z0-9._+-]*|\.[A-Za-z0-9_+-][A-Za-z0-9._+-]*|\.\.[A-Za-z0-9._+-]+)"
MOUNT_PATTERN = rf"(?:/{SEGMENT})+/?"
MOUNT_HINT = ("an absolute path such as /RAMDISK, of letters, digits and / . _ - + only "
              "(no blanks, quotes, ; $ or backquotes, no . or .. segments)")

FIELDS = (
    QuantityField(
        name="size", label="Size", default="2 GiB",
        help="The RAM disk's size: blocks (512 bytes, what a bare number means to mkramdisk), "
             "mkramdisk's own 2G or 512M (G = GiB, M = MiB; 2g, 512m too), "
             "bytes, KiB/MiB/GiB/TiB, or KB/MB/GB/TB (decimal). Rounded up to whole blocks.",
        dimension="[information]", unit="byte", units=SIZE_UNITS,
        minimum=0.0, exclusive_minimum=True, maximum=float(model.MAX_SIZE_BYTES),
        rewrites=(MKRAMDISK_G, MKRAMDISK_M),
        examples=("2 GiB", "4194304 blocks", "500 MB"),
        suggestions=(
            ("2G", "mkramdisk's suffix form: 2 GiB"), ("512 MiB", "IBM's \"500 MB\" example"),
            ("2 GiB", "the default"), ("4194304 blocks", "2 GiB in blocks"),
        ),
    ),
    BooleanField(
        name="unpinned", label="Unpinned (-u)", default="no",
        help="Pinned memory (the default) is required for JFS and JFS2; unpinned is for raw use and maybe UDF.",
    ),
    ChoiceField(
        name="fs", label="Filesystem", default="jfs2",
        choices=(("jfs2", "JFS2 (inline log)"), ("jfs", "JFS (no logging)"),
                 ("udfs", "UDF (unconfirmed on a RAM disk)"), ("raw", "raw (no filesystem)")),
        help="What goes on the RAM disk.",
    ),
    TextField(
        name="mount", label="Mount point", default="/RAMDISK", pattern=MOUNT_PATTERN,
        hint=MOUNT_HINT, max_length=1023,
        help="Directory to create and mount on (not used for raw).",
    ),
    NumberField(
        name="number", label="RAM disk number", default="0", minimum=0, maximum=63, integer=True,
        examples=("0",),
        help="The number mkramdisk printed for the disk (0-63 from AIX 5.2 on); the removal commands use it. "
             "The setup commands use the name mkramdisk prints.",
    ),
    QuantityField(
        name="memory", label="Machine memory", required=False,
        help="Optional: the machine's (LPAR's) real memory, to check the RAM disk's share of it.",
        dimension="[information]", unit="byte", units=MEMORY_UNITS,
        minimum=0.0, exclusive_minimum=True, maximum=MAX_MEMORY_BYTES,
        examples=("64 GiB", "16384 MiB"),
    ),
)

OUTPUTS = (
    TextOutput(name="size_text", label="Exact size"),
    TextOutput(name="blocks_text", label="512-byte blocks"),
    TextOutput(name="suffix_text", label="Suffix form"),
    TextOutput(name="pinned_text", label="Pinned memory"),
    TextOutput(name="usable_text", label="JFS2 usable space"),
    ListOutput(name="commands", label="Create, format and mount", style="commands"),
    ListOutput(name="teardown", label="Unmount and remove", style="commands"),
    MessagesOutput(name="warnings", label="Warnings"),
    ListOutput(name="notes", label="Notes"),
)

PRESETS = (
    Preset(name="default", label="2 GiB JFS2", values={"size": "2 GiB"},
           note="A pinned 2 GiB RAM disk with JFS2 and an inline log, mounted on /RAMDISK."),
    Preset(name="recorded-jfs2", label="Recorded JFS2 run (10,000,000 blocks)",
           values={"size": "10000000 blocks", "mount": "/ramdisk0"},
           note="A recorded real session: mkfs reported 9,958,328 blocks."),
    Preset(name="ibm-jfs", label="IBM's JFS example (40000 blocks)",
           values={"size": "40000 blocks", "fs": "jfs", "mount": "/ramdisk0"},
           note="IBM's documented JFS example: about 20 MB, mounted with -o nointegrity."),
    Preset(name="udf", label="UDF, 512 MiB (unconfirmed)", values={"size": "512 MiB", "fs": "udfs"},
           note="UDF on a RAM disk is plausible but not confirmed by any source."),
    Preset(name="raw-unpinned", label="Raw, unpinned, 1 GiB",
           values={"size": "1 GiB", "fs": "raw", "unpinned": "yes"},
           note="No filesystem: an unpinned RAM disk for raw I/O."),
)


def table_cell(evaluation: Evaluation) -> str:
    """'mkramdisk 4194304 (≈ 1.99 GiB usable)', or '—' where the rules refuse the size."""
    if not evaluation.ok:
        return "—"
    result = evaluation.result
    text = result["commands"][0]
    if result["usable_blocks"] is not None:
        text += f" (≈ {model.readable_size(model.disk_bytes(result['usable_blocks']))} usable)"
    return text


def to_json(result: dict[str, Any]) -> dict[str, Any]:
    """The CLI's --json shape: exact counts, the commands in order, warning codes and texts."""
    return {
        "requested_bytes": result["requested_bytes"],
        "bytes": result["bytes"],
        "blocks": result["blocks"],
        "suffix": result["suffix"] or None,
        "pinned_bytes": result["pinned_bytes"],
        "inline_log_blocks": result["inline_log_blocks"],
        "usable_blocks": result["usable_blocks"],
        "usable_bytes": None if result["usable_blocks"] is None else model.disk_bytes(result["usable_blocks"]),
        "commands": result["commands"],
        "teardown": result["teardown"],
        "warnings": result["warnings"],
        "notes": result["notes"],
    }


CALCULATOR = Calculator(
    name="ramdisk",
    title="AIX RAM disk",
    summary="mkramdisk size in 512-byte blocks, pinned memory, JFS2 usable space, and the create/remove commands.",
    fields=FIELDS,
    outputs=OUTPUTS,
    logic=model,
    presets=PRESETS,
    table=StaticTable(
        row_field="size",
        row_values=("1 MiB", "16 MiB", "100 MB", "256 MiB", "500 MB", "512 MiB", "1 GiB", "2 GiB",
                    "4 GiB", "16 GiB", "64 GiB"),
        column_field="fs",
        column_values=("jfs2", "raw"),
        cell=table_cell,
        caption="The mkramdisk command by size (a bare number is 512-byte blocks), with the JFS2 usable-space estimate",
        legend="— : below the 16 MB (16 MiB) JFS2 minimum. MB and GB are decimal and are rounded up to whole blocks.",
    ),
    to_json=to_json,
    # At a glance: the block count mkramdisk takes and the exact size it gives.
    key_outputs=(KeyOutput("blocks_text"), KeyOutput("size_text"), KeyOutput("suffix_text")),
)
