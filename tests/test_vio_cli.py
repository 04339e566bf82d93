"""python -m calculators vio: the JSON contract of the issue, the readable output, and one-line errors."""
from __future__ import annotations

import json
import subprocess

import pytest

from tests.cli_runs import in_process, real_process


def cli(*arguments: str) -> subprocess.CompletedProcess[str]:
    """`python -m calculators vio ARGUMENTS`, run in this process (main(argv))."""
    return in_process("vio", *arguments)


def test_json_contract() -> None:
    done = cli("--system", "p9sys", "--vios", "2", "--clients", "3", "--fc-ports", "2", "--vscsi", "no",
               "--vlans", "10,20", "--json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    row = next(item for item in result["slot_plan"] if item["partition"] == "aix3" and item["slot"] == 22)
    assert row == {"partition": "aix3", "partition_id": 5, "slot": 22, "type": "fc-client", "partner": "vios2",
                   "partner_id": 2, "partner_slot": 52, "detail": "port 2 through vios2"}
    assert [item["type"] for item in result["slot_plan"]].count("fc-server") == 12
    assert "scsi-server" not in [item["type"] for item in result["slot_plan"]]
    commands = result["commands"]
    assert commands[0] == "lssyscfg -r lpar -m p9sys -F name,lpar_id,state"
    first_vios_line = commands.index("lsdev -virtual")
    assert all(not line.startswith(("mkvdev", "vfcmap", "mktcpip", "lsmap")) for line in commands[:first_vios_line])
    assert all(not line.startswith(("mksyscfg", "chnportlogin", "lshwres")) for line in commands[first_vios_line:])
    assert sum(1 for line in commands if line.startswith("mksyscfg -r lpar -m p9sys")) == 5
    assert result["adapter_counts"][0]["max_virtual_slots"] == 160


def test_readable_output_shows_the_page_strings() -> None:
    done = cli("--vios", "1", "--vios-ips", "192.0.2.11", "--clients", "1")
    assert done.returncode == 0, done.stderr
    assert "First VIO server: virtual Fibre Channel" in done.stdout
    assert "vfcmap -vadapter vfchost0 -fcp fcs0" in done.stdout
    assert "Second VIO server" not in done.stdout


@pytest.mark.parametrize(("arguments", "line"), [
    (("--fc-ports", "9"), "Virtual FC ports must be 1–8 (got '9')"),
    (("--clients", "abc"), "Clients: 'abc' is not a number; enter a whole number 1–100"),
    (("--client-ids", "3,3"), "Client IDs: '3' is listed twice"),
    (("--vios-entitled", "0.1"), "VIOS entitled capacity: 0.1 processing units cannot carry 3 virtual processors "
                                 "(desired): each needs at least 0.05, so give at least 0.15 or fewer virtual "
                                 "processors."),
    (("--client-names", "aix1,vios1"), "Partition names: 'vios1' is used by two partitions; every partition on the "
                                       "system needs its own name (compared without regard to case)."),
    (("--system", "my system"), "Managed system: 'my system' is not valid: 1-63 characters: letters, digits, '-', "
                                "'_' and '.', starting with a letter or digit (our rule)"),
])
def test_bad_input_is_one_line_and_status_2(arguments: tuple[str, ...], line: str) -> None:
    done = cli(*arguments)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.strip() == line


@pytest.mark.parametrize(("typed", "desired_mem"), [("6 GB", 6144), ("6GB", 6144), ("6 G", 6144), ("1.5 GB", 1536),
                                                    ("6144 MB", 6144), ("6 GiB", 6144), ("6144 MiB", 6144)])
def test_memory_reads_gb_and_mb_the_hmc_way(typed: str, desired_mem: int) -> None:
    done = cli("--vios", "1", "--clients", "1", "--vios-memory", typed, "--json")
    assert done.returncode == 0, done.stderr
    vios_line = next(line for line in json.loads(done.stdout)["commands"] if "name=vios1," in line)
    assert f",desired_mem={desired_mem}," in vios_line


def test_memory_in_an_unknown_unit_is_refused_on_one_line() -> None:
    done = cli("--vios", "1", "--clients", "1", "--vios-memory", "6 TB")
    assert done.returncode == 2
    assert done.stderr.strip() == "VIOS memory: unknown unit 'TB' in '6 TB' (accepted: GiB, MiB)"


def test_the_real_command_exits_0_and_2() -> None:
    """The one run of `python -m calculators vio` in a fresh process: the same output as in-process, and a refusal."""
    arguments = ("--vios", "1", "--vios-ips", "192.0.2.11", "--clients", "1", "--json")
    done = real_process("vio", *arguments)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == json.loads(cli(*arguments).stdout)
    done = real_process("vio", "--fc-ports", "9")
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr == "Virtual FC ports must be 1–8 (got '9')\n"
