"""Parse every generated mksyscfg back and prove the mapping: each client adapter's remote (ID, slot) is a
server adapter of that VIO server pointing back at it, no slot is used twice, for many configurations.

The parser here is independent of the model: Python's csv module reads the HMC's quoting (a value with
commas in "…", an entry with commas in ""…"") at both levels, as the HMC would.
"""
from __future__ import annotations

import csv
import re

from hypothesis import HealthCheck, given, settings
from test_vio_cases import configurations

from calculators.vio import CALCULATOR

MKSYSCFG = re.compile(r"mksyscfg -r lpar -m (?P<system>[A-Za-z0-9_.-]+) -i '(?P<data>[^']*)'")
VFCMAP = re.compile(r"vfcmap -vadapter vfchost(?P<number>[0-9]+) -fcp (?P<port>fcs[0-9]+)")


def csv_fields(text: str) -> list[str]:
    """One line of the HMC's comma-separated, double-quote-escaped format."""
    return next(csv.reader([text], quotechar='"', doublequote=True, skipinitialspace=False, strict=True))


def parse_mksyscfg(line: str) -> dict:
    """A mksyscfg -r lpar line as attributes; adapter lists parsed into entry fields."""
    matched = MKSYSCFG.fullmatch(line)
    assert matched, line
    attributes: dict = {}
    for item in csv_fields(matched.group("data")):
        name, _, value = item.partition("=")
        assert name not in attributes, f"{name} given twice in {line}"
        if name.startswith("virtual_") and name.endswith("_adapters"):
            attributes[name] = [entry.split("/") for entry in csv_fields(value)]
        else:
            attributes[name] = value
    return attributes


def slots_of(attributes: dict) -> list[int]:
    """Every virtual slot a partition's profile uses."""
    slots = []
    for kind in ("virtual_eth_adapters", "virtual_scsi_adapters", "virtual_fc_adapters"):
        slots.extend(int(entry[0]) for entry in attributes.get(kind, []))
    return slots


def check_plan(result: dict, fc_ports: int, vscsi: list[bool]) -> None:
    """Everything the convention promises, read back from the command lines alone."""
    partitions = {}
    for line in result["commands"]:
        if line.startswith("mksyscfg"):
            attributes = parse_mksyscfg(line)
            partitions[int(attributes["lpar_id"])] = attributes
    vios = {pid: a for pid, a in partitions.items() if a["lpar_env"] == "vioserver"}
    clients = {pid: a for pid, a in partitions.items() if a["lpar_env"] == "aixlinux"}
    assert len(clients) == len(vscsi)
    for attributes in partitions.values():
        slots = slots_of(attributes)
        assert len(slots) == len(set(slots)), f"slot used twice in {attributes['name']}: {sorted(slots)}"
        assert min(slots) >= 2, "slots 0 and 1 are the HMC's virtual serial adapters"
        assert int(attributes["max_virtual_slots"]) > max(slots)
    for kind, width in (("virtual_scsi_adapters", 6), ("virtual_fc_adapters", 7)):
        for pid, attributes in clients.items():
            for entry in attributes.get(kind, []):
                assert len(entry) == width and entry[1] == "client" and entry[-1] == "1", entry
                slot, remote_id, remote_name, remote_slot = int(entry[0]), int(entry[2]), entry[3], int(entry[4])
                server = vios[remote_id]
                assert server["name"] == remote_name
                back = [e for e in server.get(kind, []) if int(e[0]) == remote_slot]
                assert len(back) == 1, f"{attributes['name']} slot {slot} points at a missing {remote_name} slot"
                back = back[0]
                assert back[1] == "server" and (int(back[2]), back[3], int(back[4])) == (pid, attributes["name"], slot)
                if kind == "virtual_fc_adapters":
                    assert entry[5] == "" and back[5] == "", "WWPNs are left to the HMC"
        for attributes in vios.values():
            for entry in attributes.get(kind, []):
                assert entry[1] == "server"
                client = clients[int(entry[2])]
                assert client["name"] == entry[3]
                assert [e for e in client.get(kind, []) if int(e[0]) == int(entry[4])], "server end points nowhere"
    for attributes, wants_vscsi in zip(clients.values(), vscsi):  # mksyscfg lines come in the input's order
        assert len(attributes["virtual_fc_adapters"]) == fc_ports * len(vios)
        assert len(attributes.get("virtual_scsi_adapters", [])) == (len(vios) if wants_vscsi else 0)
    for attributes in vios.values():
        for entry in attributes["virtual_eth_adapters"]:
            assert len(entry) == 6 and entry[5] == "1"
            assert entry[1] == ("1" if entry[3] else "0"), "IEEE is on exactly when VLANs are tagged"
    # vfcmap: one per server vFC adapter of each VIOS, vfchost0..n-1, in slot order.
    vios_blocks = []
    for name in ("vios1_npiv", "vios2_npiv"):
        if result["steps"].get(name):
            vios_blocks.append([VFCMAP.fullmatch(line) for line in result["steps"][name][1:-1]])
    for block, attributes in zip(vios_blocks, sorted(vios.values(), key=lambda a: int(a["lpar_id"]))):
        assert [int(m.group("number")) for m in block] == list(range(len(attributes["virtual_fc_adapters"])))
    # The JSON slot plan says the same as the commands.
    for row in result["slot_plan"]:
        attributes = partitions[row["partition_id"]]
        assert row["slot"] in slots_of(attributes)
        if row["partner"]:
            assert partitions[row["partner_id"]]["name"] == row["partner"]
            assert row["partner_slot"] in slots_of(partitions[row["partner_id"]])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(configurations())
def test_every_client_adapter_meets_a_server_adapter_that_points_back(configuration) -> None:
    values, fc_ports, vscsi = configuration
    evaluation = CALCULATOR.evaluate(values)
    assert evaluation.ok, (values, evaluation.errors)
    check_plan(CALCULATOR.json_result(evaluation), fc_ports, vscsi)


def test_the_parser_reads_the_references_quoting_example() -> None:
    # ../shared/reference/aix-commands.md section 2, quoting on the HMC (WWPN pair inside ""…"").
    line = ("mksyscfg -r lpar -m SYS -i 'name=x,lpar_id=3,\"virtual_fc_adapters=\"\"10/client/20/VIOS1/34/"
            "c0507602f9ac000a,c0507602f9ac000b/1\"\",\"\"604/client/3/vio2/5//1\"\"\"'")
    parsed = parse_mksyscfg(line)
    assert parsed["virtual_fc_adapters"] == [
        ["10", "client", "20", "VIOS1", "34", "c0507602f9ac000a,c0507602f9ac000b", "1"],
        ["604", "client", "3", "vio2", "5", "", "1"]]


def test_the_check_fails_on_a_broken_mapping() -> None:
    evaluation = CALCULATOR.evaluate({})
    result = CALCULATOR.json_result(evaluation)
    broken = dict(result, commands=[line.replace("11/client/1/vios1/31//1", "11/client/1/vios1/33//1")
                                    for line in result["commands"]])
    try:
        check_plan(broken, 2, [True, True])
    except AssertionError as error:
        assert "points at a missing vios1 slot" in str(error)
    else:
        raise AssertionError("a client adapter pointing at a missing server slot went unnoticed")
