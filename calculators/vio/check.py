"""Check a VIO server against the slot plan: read `lsmap -all -npiv` / `lsmap -all` text, list the differences.

The admin at the rack pastes what the VIOS printed; this module reads it (the default layout of
IBM's lsmap command: one header and one adapter line per server adapter, then `Key:value` lines
for NPIV or `Key   value` lines for vSCSI), works out the VIO server from the partition ID in the
adapters' Physloc (`U9117.MMA.101F170-V1-C13`: partition 1, slot 13) and compares every server
adapter with the planner's slot plan rows (model.slot_plan_rows).

Compiled to JavaScript as its own bundle (bundle.module_js) for the planner page, and run by the
CLI (`python -m calculators vio ... --check-lsmap FILE`): keep to the subset of docs-dev/calculators.md.
An unreadable line raises CalcError('LSMAP', 'line N: …'): one message naming the line.
"""
from __future__ import annotations

from calculators.runtime import CalcError, decimal_number, index_in, lower_ascii

HEX_DIGITS = "0123456789abcdef"
SHOWN_CHARACTERS = 60
LOGGED_IN = "LOGGED_IN"
# vSCSI detail lines (`Key   value`): read past, they describe the backing devices, not the adapter pair.
SCSI_DETAIL_WORDS = ["VTD", "Status", "LUN", "Backing", "Physloc", "Mirrored"]
# Lines an admin's terminal adds around the output (the prompt with the command, the shell's own prompt).
PROMPT_ENDINGS = ["$", "#", ">"]


def shown(text: str) -> str:
    """At most 60 characters of a pasted line, as every message of the site quotes typed text."""
    if len(text) > SHOWN_CHARACTERS:
        return text[:SHOWN_CHARACTERS] + "…"
    return text


def refuse_line(number: int, line: str, reason: str) -> None:
    """Stop reading: one message naming the line, what it says and what was expected."""
    raise CalcError("LSMAP", f"line {number}: cannot read '{shown(line)}': {reason}")


def partition_number(text: str) -> int:
    """A client partition ID as lsmap prints it: hexadecimal 0x00000003 (vSCSI), or decimal (NPIV, -dec); -1 if neither."""
    lowered = lower_ascii(text)
    if not lowered.startswith("0x"):
        return decimal_number(text)
    digits = lowered[2:]
    if len(digits) == 0 or len(digits) > 8:
        return -1
    value = 0
    for character in digits:
        digit = index_in(HEX_DIGITS, character)
        if digit < 0:
            return -1
        value = value * 16 + digit
    return value


def location_ids(physloc: str) -> list:
    """[partition ID, slot] from a virtual adapter's location code ending in -V<id>-C<slot>; [-1, -1] if it does not."""
    parts = physloc.split("-")
    if len(parts) < 3:
        return [-1, -1]
    partition = parts[len(parts) - 2]
    slot = parts[len(parts) - 1]
    if not partition.startswith("V") or not slot.startswith("C"):
        return [-1, -1]
    partition_id = decimal_number(partition[1:])
    slot_number = decimal_number(slot[1:])
    if partition_id < 1 or slot_number < 0:
        return [-1, -1]
    return [partition_id, slot_number]


def is_rule(text: str) -> bool:
    """True for the dashed line under a header."""
    for character in text:  # noqa: SIM110 - all() over a generator is not in the compiled subset
        if character != "-" and character != " " and character != "\t":
            return False
    return True


def is_prompt(words: list) -> bool:
    """True for a shell prompt line, with or without the lsmap command after it."""
    if "lsmap" in words:
        return True
    if len(words) == 1:
        last = words[0]
        for ending in PROMPT_ENDINGS:
            if last.endswith(ending):
                return True
    return False


def new_adapter(kind: str, number: int, line: str, words: list) -> dict:
    """A server adapter line: `vfchost0 U…-V1-C31 3 aix1 AIX` (NPIV) or `vhost0 U…-V1-C30 0x00000003` (vSCSI)."""
    if len(words) < 2:
        refuse_line(number, line, "the adapter's Physloc is missing")
    ids = location_ids(words[1])
    if ids[0] < 0:
        refuse_line(number, line, "the Physloc does not end in -V<partition ID>-C<slot>, such as U9117.MMA.101F170-V1-C31")
    client_id = -1
    client_name = ""
    if len(words) >= 3:
        client_id = partition_number(words[2])
        if client_id < 0:
            refuse_line(number, line, "the client partition ID is not a number such as 3 or 0x00000003")
    if kind == "fc" and len(words) >= 4:
        client_name = words[3]
    return {"kind": kind, "line": number, "device": words[0], "vios_id": ids[0], "slot": ids[1],
            "client_id": client_id, "client_name": client_name, "status": "", "fcs": "", "ports": -1,
            "client_drc_id": -1, "client_slot": -1}


def after(text: str, label: str) -> str:
    """What follows `label` at the start of the text, stripped."""
    return text[len(label):].strip()


def read_npiv_detail(adapter: dict, number: int, line: str, text: str) -> bool:
    """Read one `Key:value` line of lsmap -npiv into the adapter; False when it is not one."""
    if text.startswith("Status:"):
        adapter["status"] = after(text, "Status:")
    elif text.startswith("FC name:"):
        adapter["fcs"] = after(text, "FC name:").split("FC loc code:")[0].strip()
    elif text.startswith("Ports logged in:"):
        adapter["ports"] = decimal_number(after(text, "Ports logged in:"))
    elif text.startswith("Flags:"):
        return True
    elif text.startswith("VFC client name:"):
        parts = after(text, "VFC client name:").split("VFC client DRC:")
        if len(parts) == 2 and len(parts[1].strip()) > 0:
            ids = location_ids(parts[1].strip())
            if ids[0] < 0:
                refuse_line(number, line, "the VFC client DRC does not end in -V<partition ID>-C<slot>")
            adapter["client_drc_id"] = ids[0]
            adapter["client_slot"] = ids[1]
    else:
        return False
    return True


def parse_lsmap(text: str) -> dict:
    """The server adapters in lsmap text, and which outputs (npiv, vSCSI) it holds; CalcError on an unreadable line."""
    adapters = []
    seen_npiv = False
    seen_scsi = False
    current = None
    number = 0
    for raw in text.split("\n"):
        number += 1
        line = raw.replace("\r", "")
        stripped = line.strip()
        if len(stripped) == 0 or is_rule(stripped):
            continue
        words = stripped.split()
        first = words[0]
        if first == "Name" and len(words) >= 2 and words[1] == "Physloc":
            seen_npiv = True
        elif first == "SVSA":
            seen_scsi = True
        elif first.startswith("vfchost") and len(words) >= 2 and not first.endswith(":"):
            current = new_adapter("fc", number, line, words)
            adapters.append(current)
            seen_npiv = True
        elif first.startswith("vhost") and len(words) >= 2:
            current = new_adapter("scsi", number, line, words)
            adapters.append(current)
            seen_scsi = True
        elif is_prompt(words):
            continue
        elif current is None:
            refuse_line(number, line, "expected lsmap output: a header, or a vfchost or vhost line")
        elif current["kind"] == "fc":
            if not read_npiv_detail(current, number, line, stripped):
                refuse_line(number, line, "not a line of lsmap -all -npiv (Status:, FC name:, Ports logged in:, "
                                          "Flags:, VFC client name:)")
        elif first not in SCSI_DETAIL_WORDS:
            refuse_line(number, line, "not a line of lsmap -all (VTD, Status, LUN, Backing device, Physloc, Mirrored)")
    if len(adapters) == 0:
        raise CalcError("LSMAP", "no vfchost or vhost line found: paste the output of lsmap -all -npiv and/or "
                                 "lsmap -all as the VIOS printed it")
    vios_id: int = adapters[0]["vios_id"]
    for adapter in adapters:
        if adapter["vios_id"] != vios_id:
            raise CalcError("LSMAP", f"line {adapter['line']:d}: {adapter['device']:s} is on partition "
                                     f"{adapter['vios_id']:d}, the lines before on partition {vios_id}: paste the "
                                     f"output of one VIO server at a time")
    return {"vios_id": vios_id, "adapters": adapters, "npiv": seen_npiv, "scsi": seen_scsi}


def difference(kind: str, slot: int | None, expected: str, found: str) -> dict:
    """One difference between the plan and the VIO server."""
    return {"kind": kind, "slot": slot, "expected": expected, "found": found}


def client_text(client_id: int, name: str) -> str:
    """'client 3 (aix1)', or 'client 3' without a name."""
    if len(name) > 0:
        return f"client {client_id} ({name})"
    return f"client {client_id}"


def compare_fc(row: dict, adapter: dict, differences: list) -> None:
    """An NPIV server adapter against its plan row: login, client ID and slot, physical port."""
    slot: int = row["slot"]
    if adapter["status"] != LOGGED_IN:
        found = adapter["status"]
        if len(found) == 0:
            found = "no Status line"
        differences.append(difference("not-logged-in", slot, LOGGED_IN, f"{adapter['device']:s}: {found:s}"))
    client_id: int = adapter["client_id"]
    if client_id < 0:
        client_id = adapter["client_drc_id"]
    if client_id >= 0 and client_id != row["partner_id"]:
        differences.append(difference("client-id", slot, client_text(row["partner_id"], row["partner"]),
                                      client_text(client_id, adapter["client_name"])))
    if adapter["client_slot"] >= 0 and adapter["client_slot"] != row["partner_slot"]:
        differences.append(difference("client-slot", slot, f"client slot {row['partner_slot']:d}",
                                      f"client slot {adapter['client_slot']:d}"))
    if adapter["fcs"] != row["fcs"]:
        found = adapter["fcs"]
        if len(found) == 0:
            found = "no FC port (not mapped with vfcmap)"
        differences.append(difference("fc-port", slot, row["fcs"], found))


def compare_scsi(row: dict, adapter: dict, differences: list) -> None:
    """A vSCSI server adapter against its plan row: the client partition ID (0: no client connected)."""
    client_id: int = adapter["client_id"]
    if client_id >= 0 and client_id != row["partner_id"]:
        found = client_text(client_id, "")
        if client_id == 0:
            found = "client 0 (no client partition connected)"
        differences.append(difference("client-id", row["slot"], client_text(row["partner_id"], row["partner"]), found))


def planned_text(row: dict) -> str:
    """What the plan puts in a slot: 'vFC server for aix1 (ID 3), client slot 11, fcs0'."""
    text = f"{row['type_label']:s} for {row['partner']:s} (ID {row['partner_id']:d}), client slot {row['partner_slot']:d}"
    if len(row["fcs"]) > 0:
        text = f"{text}, {row['fcs']:s}"
    return text


def adapter_text(adapter: dict) -> str:
    """What the VIO server has in a slot: 'vfchost4 (NPIV), client 7'."""
    kind = "vSCSI"
    if adapter["kind"] == "fc":
        kind = "NPIV"
    text = f"{adapter['device']:s} ({kind})"
    if adapter["client_id"] > 0:
        text = f"{text}, {client_text(adapter['client_id'], adapter['client_name'])}"
    return text


def compare(parsed: dict, slot_plan: list) -> dict:
    """Every difference between one VIO server's lsmap adapters and the plan's server adapters of the kinds pasted."""
    vios_id: int = parsed["vios_id"]
    vios_name = ""
    planned_ids = []
    for row in slot_plan:
        if row["type"] == "fc-server" or row["type"] == "scsi-server" or row["type"] == "eth-trunk":
            if row["partition_id"] not in planned_ids:
                planned_ids.append(row["partition_id"])
            if row["partition_id"] == vios_id:
                vios_name = row["partition"]
    differences = []
    vios = {"id": vios_id, "name": vios_name}
    if len(vios_name) == 0:
        expected = []
        for number in sorted(planned_ids):
            expected.append(f"{number:d}")
        differences.append(difference("unknown-vios", None, f"a VIO server of the plan (ID {', '.join(expected)})",
                                      f"partition ID {vios_id}"))
        return {"vios": vios, "differences": differences}
    by_slot = {}
    for adapter in parsed["adapters"]:
        by_slot[adapter["slot"]] = adapter
    planned_slots = []
    for row in slot_plan:
        # `== True` makes the operands of `and` true/false for jsgen (parsed is an untyped dict)
        wanted = (row["type"] == "fc-server" and parsed["npiv"] == True) or (  # noqa: E712
            row["type"] == "scsi-server" and parsed["scsi"] == True)  # noqa: E712
        if row["partition_id"] != vios_id or not wanted:
            continue
        slot: int = row["slot"]
        planned_slots.append(slot)
        adapter = by_slot.get(slot)
        if adapter is None:
            differences.append(difference("missing", slot, planned_text(row), "no server adapter"))
        elif (adapter["kind"] == "fc") != (row["type"] == "fc-server"):
            differences.append(difference("type", slot, planned_text(row), adapter_text(adapter)))
        elif adapter["kind"] == "fc":
            compare_fc(row, adapter, differences)
        else:
            compare_scsi(row, adapter, differences)
    for adapter in parsed["adapters"]:
        if adapter["slot"] not in planned_slots:
            differences.append(difference("extra", adapter["slot"], "no server adapter", adapter_text(adapter)))
    return {"vios": vios, "differences": differences}


def check_lsmap(text: str, slot_plan: list) -> dict:
    """The whole check: read the pasted lsmap text, then compare it with the slot plan rows."""
    return compare(parse_lsmap(text), slot_plan)


def difference_line(item: dict) -> str:
    """One difference as the page and the CLI show it."""
    where = "VIO server"
    if item["slot"] is not None:
        where = f"slot {item['slot']:d}"
    return f"{where}: {item['kind']:s}: expected {item['expected']:s}; found {item['found']:s}"
