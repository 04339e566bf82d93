"""The lsmap check of the VIO planner: parser, comparison, generated plans (hypothesis), hostile input, the CLI."""
from __future__ import annotations

import json
import subprocess
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lsmap_samples import npiv_adapter, render, scsi_adapter

from calculators.registry import get
from calculators.runtime import CalcError
from calculators.vio.check import check_lsmap, difference_line, location_ids, parse_lsmap, partition_number
from tests.cli_runs import in_process

CALCULATOR = get("vio")  # from the registry: it hands down the unit vocabulary

# Written from the layout of IBM's lsmap page (our own values): one logged-in vfchost, one that is not
# logged in (blank ClntID, blank client DRC), a vhost with a client ID in hexadecimal, one with no VTD.
SAMPLE = "\n".join([
    "padmin@vios1:/home/padmin$ lsmap -all -npiv",
    *npiv_adapter("vfchost0", 1, 31, 3, "aix1", "fcs0", 11),
    *npiv_adapter("vfchost1", 1, 32, None, "", "fcs1", None, status="NOT_LOGGED_IN"),
    "$ lsmap -all",
    *scsi_adapter("vhost0", 1, 30, 3),
    *scsi_adapter("vhost1", 1, 40, 0, devices=()),
])


def default_plan(**inputs: str) -> list[dict]:
    """The planner's slot plan rows for these inputs (by public key)."""
    evaluation = CALCULATOR.evaluate(inputs)
    assert evaluation.ok, evaluation.errors
    return evaluation.result["slot_plan"]


def kinds(result: dict) -> list[tuple[str, int | None]]:
    """(kind, slot) of every difference."""
    return [(item["kind"], item["slot"]) for item in result["differences"]]


def test_location_codes_and_ids():
    assert location_ids("U9117.MMA.101F170-V1-C13") == [1, 13]
    assert location_ids("U8408.44E.0ABCDEF-V12-C4") == [12, 4]
    assert location_ids("U789C.001.DQD1234-P1-C2-T1") == [-1, -1]
    assert location_ids("vfchost0") == [-1, -1]
    assert partition_number("0x00000003") == 3
    assert partition_number("0x0000000A") == 10
    assert partition_number("12") == 12
    assert partition_number("0x") == -1
    assert partition_number("three") == -1


def test_parser_reads_every_field():
    parsed = parse_lsmap(SAMPLE)
    assert parsed["vios_id"] == 1 and parsed["npiv"] and parsed["scsi"]
    first, second, vhost, empty = parsed["adapters"]
    assert (first["device"], first["slot"], first["client_id"], first["client_name"], first["status"], first["fcs"],
            first["ports"], first["client_drc_id"], first["client_slot"]) == ("vfchost0", 31, 3, "aix1", "LOGGED_IN", "fcs0", 2, 3, 11)
    assert (second["client_id"], second["status"], second["fcs"], second["client_slot"], second["ports"]) == (-1, "NOT_LOGGED_IN", "fcs1", -1, 0)
    assert (vhost["kind"], vhost["slot"], vhost["client_id"]) == ("scsi", 30, 3)
    assert (empty["slot"], empty["client_id"]) == (40, 0)


def test_sample_against_the_default_plan():
    result = check_lsmap(SAMPLE, default_plan())
    assert result["vios"] == {"id": 1, "name": "vios1"}
    assert result["differences"] == [
        {"kind": "not-logged-in", "slot": 32, "expected": "LOGGED_IN", "found": "vfchost1: NOT_LOGGED_IN"},
        {"kind": "client-id", "slot": 40, "expected": "client 4 (aix2)", "found": "client 0 (no client partition connected)"},
        {"kind": "missing", "slot": 41, "expected": "vFC server for aix2 (ID 4), client slot 11, fcs0", "found": "no server adapter"},
        {"kind": "missing", "slot": 42, "expected": "vFC server for aix2 (ID 4), client slot 12, fcs1", "found": "no server adapter"},
    ]
    assert difference_line(result["differences"][0]).startswith("slot ")


def test_each_kind_of_difference():
    plan = default_plan()
    text = "\n".join([
        *npiv_adapter("vfchost0", 1, 31, 5, "aix9", "fcs0", 11),   # client ID 5, planned 3
        *npiv_adapter("vfchost1", 1, 32, 3, "aix1", "fcs0", 13),   # client slot 13 (planned 12), fcs0 (planned fcs1)
        *npiv_adapter("vfchost2", 1, 41, 4, "aix2", "", 11),       # not mapped to a physical port
        *npiv_adapter("vfchost3", 1, 42, 4, "aix2", "fcs1", 12),
        *npiv_adapter("vfchost4", 1, 77, 7, "aix7", "fcs1", 17),   # not in the plan
    ])
    result = check_lsmap(text, plan)
    assert result["differences"] == [
        {"kind": "client-id", "slot": 31, "expected": "client 3 (aix1)", "found": "client 5 (aix9)"},
        {"kind": "client-slot", "slot": 32, "expected": "client slot 12", "found": "client slot 13"},
        {"kind": "fc-port", "slot": 32, "expected": "fcs1", "found": "fcs0"},
        {"kind": "fc-port", "slot": 41, "expected": "fcs0", "found": "no FC port (not mapped with vfcmap)"},
        {"kind": "extra", "slot": 77, "expected": "no server adapter", "found": "vfchost4 (NPIV), client 7 (aix7)"},
    ]


def test_only_the_pasted_kinds_are_compared():
    plan = default_plan()
    npiv_only = check_lsmap(render(plan, 1, scsi=False), plan)
    scsi_only = check_lsmap(render(plan, 2, npiv=False), plan)
    assert npiv_only["differences"] == [] and scsi_only["differences"] == []
    assert scsi_only["vios"] == {"id": 2, "name": "vios2"}


def test_a_type_mismatch_and_an_unknown_vios():
    plan = default_plan()
    text = "\n".join([*npiv_adapter("vfchost0", 1, 30, 3, "aix1", "fcs0", 10), *scsi_adapter("vhost0", 1, 31, 3)])
    assert ("type", 30) in kinds(check_lsmap(text, plan)) and ("type", 31) in kinds(check_lsmap(text, plan))
    unknown = check_lsmap("\n".join(npiv_adapter("vfchost0", 9, 31, 3, "aix1", "fcs0", 11)), plan)
    assert unknown == {"vios": {"id": 9, "name": ""}, "differences": [
        {"kind": "unknown-vios", "slot": None, "expected": "a VIO server of the plan (ID 1, 2)", "found": "partition ID 9"}]}
    assert difference_line(unknown["differences"][0]).startswith("VIO server: unknown-vios")


@pytest.mark.parametrize(("text", "message"), [
    ("", "no vfchost or vhost line found: paste the output of lsmap -all -npiv and/or lsmap -all as the VIOS printed it"),
    ("hello world", "line 1: cannot read 'hello world': expected lsmap output: a header, or a vfchost or vhost line"),
    ("\n\nvfchost0 U9117-V1",
     "line 3: cannot read 'vfchost0 U9117-V1': the Physloc does not end in -V<partition ID>-C<slot>, such as U9117.MMA.101F170-V1-C31"),
    ("vfchost0 U9117.MMA.101F170-V1-C31 x",
     "line 1: cannot read 'vfchost0 U9117.MMA.101F170-V1-C31 x': the client partition ID is not a number such as 3 or 0x00000003"),
    ("vfchost0 U9117.MMA.101F170-V1-C31 3\nLUN 0x81",
     "line 2: cannot read 'LUN 0x81': not a line of lsmap -all -npiv (Status:, FC name:, Ports logged in:, Flags:, VFC client name:)"),
    ("vhost0 U9117.MMA.101F170-V1-C30 0x3\nStatus:LOGGED_IN",
     "line 2: cannot read 'Status:LOGGED_IN': not a line of lsmap -all (VTD, Status, LUN, Backing device, Physloc, Mirrored)"),
    ("vhost0 U9117.MMA.101F170-V1-C30 0x3\nvhost1 U9117.MMA.101F170-V2-C40 0x4",
     "line 2: vhost1 is on partition 2, the lines before on partition 1: paste the output of one VIO server at a time"),
    ("x" * 500, "line 1: cannot read '" + "x" * 60 + "…': expected lsmap output: a header, or a vfchost or vhost line"),
])
def test_unreadable_text_names_the_line(text, message):
    with pytest.raises(CalcError) as raised:
        parse_lsmap(text)
    assert raised.value.key == "LSMAP" and raised.value.message == message


PLAN_INPUTS = st.fixed_dictionaries({
    "vios": st.sampled_from(["1", "2"]),
    "clients": st.integers(1, 12).map(str),
    "fc-ports": st.integers(1, 8).map(str),
    "fcs-ports": st.sampled_from(["fcs0", "fcs0,fcs1", "fcs0,fcs1,fcs2,fcs3"]),
    "vscsi": st.sampled_from(["yes", "no"]),
})
PROPERTY = settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])


def plan_and_vios(inputs: dict[str, str], pick: int) -> tuple[list[dict], int]:
    """A generated plan (one VIO server: no LACP, one port) and the ID of one of its VIO servers."""
    if inputs["vios"] == "1":
        inputs = {**inputs, "lacp": "no", "ent-ports": "ent0", "vios-ips": "192.0.2.11"}
    plan = default_plan(**inputs)
    return plan, 1 + pick % int(inputs["vios"])


@PROPERTY
@given(PLAN_INPUTS, st.integers(0, 1))
def test_a_plan_rendered_as_lsmap_checks_clean(inputs, pick):
    plan, vios_id = plan_and_vios(inputs, pick)
    result = check_lsmap(render(plan, vios_id), plan)
    assert result["differences"] == [] and result["vios"]["id"] == vios_id


@PROPERTY
@given(PLAN_INPUTS, st.integers(0, 1), st.integers(0, 10_000), st.sampled_from(["slot", "client-id", "client-slot", "fc-port"]))
def test_any_single_change_is_reported(inputs, pick, which, change):
    plan, vios_id = plan_and_vios(inputs, pick)
    changed = [dict(row) for row in plan]
    servers = [row for row in changed if row["partition_id"] == vios_id and row["type"] == "fc-server"]
    row = servers[which % len(servers)]
    planned = dict(row)
    if change == "slot":
        row["slot"] = 9000 + which % 500          # a server adapter in another slot: one missing, one extra
        expected = {("missing", planned["slot"]), ("extra", row["slot"])}
    elif change == "client-id":
        row["partner_id"] = 255                    # ClntID and the client DRC both say 255
        expected = {("client-id", row["slot"])}
    elif change == "client-slot":
        row["partner_slot"] = planned["partner_slot"] + 100
        expected = {("client-slot", row["slot"])}
    else:
        row["fcs"] = "fcs9"
        expected = {("fc-port", row["slot"])}
    result = check_lsmap(render(changed, vios_id), plan)
    assert set(kinds(result)) == expected, (change, result)


def test_hostile_text_is_read_in_linear_time():
    plan = default_plan()
    cases = [
        "vfchost0 U9117.MMA.101F170-V1-C31 3 aix1 AIX\n" + "Flags:a<LOGGED_IN>\n" * 50_000,
        "\n" * 200_000 + "x",
        "-" * 200_000,
        "vfchost0 U" + "-V1" * 50_000 + "-C31",
        "vhost0 U9117.MMA.101F170-V1-C30 0x" + "0" * 100_000,
        render(default_plan(clients="100", **{"fc-ports": "8"}), 1) * 3,
    ]
    for text in cases:
        started = time.perf_counter()
        try:
            check_lsmap(text, plan)
        except CalcError as error:
            assert len(error.message) < 400
        assert time.perf_counter() - started < 5.0


def run_cli(*arguments: str) -> subprocess.CompletedProcess[str]:
    """`python -m calculators vio ARGUMENTS`, run in this process (main(argv)); test_vio_cli.py runs the real command."""
    return in_process("vio", *arguments)


def test_cli_adds_the_check_to_json(tmp_path):
    sample = tmp_path / "vios1.txt"
    sample.write_text(SAMPLE, encoding="utf-8")
    done = run_cli("--check-lsmap", str(sample), "--json")
    assert done.returncode == 0, done.stderr
    check = json.loads(done.stdout)["check"]
    assert check["vios"] == {"id": 1, "name": "vios1"}
    assert check["differences"] == check_lsmap(SAMPLE, default_plan())["differences"]
    clean = tmp_path / "clean.txt"
    clean.write_text(render(default_plan(clients="3"), 2), encoding="utf-8")
    done = run_cli("--clients", "3", "--check-lsmap", str(clean), "--json")
    assert done.returncode == 0 and json.loads(done.stdout)["check"] == {"vios": {"id": 2, "name": "vios2"}, "differences": []}
    readable = run_cli("--check-lsmap", str(sample))
    assert readable.returncode == 0 and "Check of vios1 (ID 1) against the plan: 4 differences" in readable.stdout
    assert "  slot 32: not-logged-in: expected LOGGED_IN; found vfchost1: NOT_LOGGED_IN" in readable.stdout


def test_cli_unreadable_file_exits_2_naming_the_line(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text(SAMPLE.replace("Ports logged in:0", "Portz logged in:0"), encoding="utf-8")
    done = run_cli("--check-lsmap", str(bad), "--json")
    line = SAMPLE.split("\n").index("Ports logged in:0") + 1
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr == (f"--check-lsmap {bad}: line {line}: cannot read 'Portz logged in:0': "
                           "not a line of lsmap -all -npiv (Status:, FC name:, Ports logged in:, Flags:, VFC client name:)\n")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"vfchost0 U9117.MMA.101F170-V1-C31\nStatus:\xff\xfe\n")
    done = run_cli("--check-lsmap", str(binary))
    assert done.returncode == 2 and done.stderr == f"--check-lsmap {binary}: line 2: not UTF-8 text\n"
    done = run_cli("--check-lsmap", str(tmp_path / "missing.txt"))
    assert done.returncode == 2 and done.stderr.startswith(f"--check-lsmap {tmp_path / 'missing.txt'}: cannot open:") and done.stderr.count("\n") == 1
    done = run_cli("--check-lsmap")
    assert done.returncode == 2 and done.stderr == "vio: option '--check-lsmap' needs a value\n"
    done = run_cli("--clients", "0", "--check-lsmap", str(bad))
    assert done.returncode == 2 and done.stderr == "Clients must be 1–100 (got '0')\n"
