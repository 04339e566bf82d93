"""`python -m calculators ramdisk`: the issue's command line, its JSON, and one-line refusals."""
from __future__ import annotations

import json
import subprocess

from tests.cli_runs import in_process, real_process


def run_cli(*arguments: str) -> subprocess.CompletedProcess[str]:
    """`python -m calculators ramdisk ARGUMENTS`, run in this process (main(argv))."""
    return in_process("ramdisk", *arguments)


def test_json_has_bytes_blocks_and_commands_in_order() -> None:
    done = run_cli("--size", "2 GiB", "--fs", "jfs2", "--mount", "/RAMDISK", "--number", "0", "--json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["bytes"] == 2_147_483_648
    assert result["blocks"] == 4_194_304
    assert result["suffix"] == "2G"
    assert result["pinned_bytes"] == 2_147_483_648
    assert result["usable_blocks"] == 4_177_291
    assert [line for line in result["commands"] if not line.startswith("#")] == [
        "ls -l /dev/*ramdisk*",
        'RDEV=$(mkramdisk 4194304) && echo "mkramdisk made $RDEV"',
        "DEV=/dev/${RDEV#/dev/r}",
        'test -b "$DEV" && mkfs -V jfs2 -o log=INLINE "$DEV"',
        "mkdir -p /RAMDISK",
        'mount -V jfs2 -o log="$DEV" "$DEV" /RAMDISK',
    ]
    assert [line for line in result["teardown"] if not line.startswith("#")] == [
        "mount | grep /dev/ramdisk0", "umount /RAMDISK", "rmramdisk rramdisk0"]
    assert result["warnings"] == []


def test_bare_unpinned_flag_and_udf() -> None:
    done = run_cli("--size", "512 MiB", "--unpinned", "--fs", "udfs", "--number", "3", "--json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["commands"][2].startswith("RDEV=$(mkramdisk -u 1048576) ")
    assert result["pinned_bytes"] == 0
    assert result["usable_blocks"] is None
    assert [warning["code"] for warning in result["warnings"]] == ["UDF_UNCONFIRMED"]


def test_refusal_is_one_line_on_stderr_with_status_2() -> None:
    done = run_cli("--size", "2 GiB", "--unpinned", "--json")
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.splitlines() == [
        "Unpinned: JFS2 needs a pinned RAM disk and this one is unpinned (-u); mkfs refuses it. JFS "
        "and JFS2 have latency and access requirements that memory which may be paged out cannot "
        "meet. Use a pinned RAM disk (the default), or UDF or raw for an unpinned one."]


def test_readable_output_shows_the_commands() -> None:
    done = run_cli("--size", "500 MB", "--fs", "raw")
    assert done.returncode == 0, done.stderr
    assert "Exact size: 500,000,256 bytes (476.84 MiB)" in done.stdout
    assert '  RDEV=$(mkramdisk 976563) && echo "mkramdisk made $RDEV"' in done.stdout
    assert "SIZE_ROUNDED_UP: Size: 500,000,000 bytes is not a whole number of 512-byte blocks" in done.stdout


def test_mkramdisk_suffix_forms_on_the_command_line() -> None:
    for size in ("2G", "2g", "2048M", "2048m"):
        done = run_cli("--size", size, "--json")
        assert done.returncode == 0, done.stderr
        assert json.loads(done.stdout)["blocks"] == 4_194_304
    done = run_cli("--size", "1.5G")
    assert done.returncode == 2 and len(done.stderr.splitlines()) == 1 and done.stderr.startswith("Size:")


def test_the_real_command_exits_0_and_2() -> None:
    """The one run of `python -m calculators ramdisk` in a fresh process: the same output as in-process, and a refusal."""
    arguments = ("--size", "2 GiB", "--fs", "jfs2", "--mount", "/RAMDISK", "--number", "0", "--json")
    done = real_process("ramdisk", *arguments)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == json.loads(run_cli(*arguments).stdout)
    done = real_process("ramdisk", "--size", "1.5G")
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr == run_cli("--size", "1.5G").stderr and done.stderr.count("\n") == 1
