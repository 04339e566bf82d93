"""The virtual-adapter slot plan and the device names a VIO server is assumed to give its adapters.

Builds every partition's adapters by the slot convention of rules.py (each end names the other's
partition ID and slot), proves no slot is used twice, counts adapters and max_virtual_slots, reads the
physical slots (DRC indexes) and numbers the VIOS's ent devices. Compiled to JavaScript with the planner:
keep to the subset of docs-dev/calculators.md.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from calculators.runtime import lower_ascii

from .networks import control_channel_vlan, network_of_vlan
from .rules import BLOCK_SIZE, CLIENT_ETHERNET_SLOT, CLIENT_HEADROOM_BLOCKS, VIOS_ETHERNET_FIRST_SLOT, VIOS_HEADROOM_BLOCKS
from .texts import SLOTS_LEAD, all_hex, count_text, join_ints, refuse, warning

if TYPE_CHECKING:
    from .plan import Plan

TYPE_LABELS = {
    "eth-trunk": "Ethernet trunk",
    "eth-control": "Ethernet control channel",
    "eth-ip": "Ethernet (VIOS IP)",
    "eth": "Ethernet",
    "scsi-server": "vSCSI server",
    "scsi-client": "vSCSI client",
    "fc-server": "vFC server",
    "fc-client": "vFC client",
}


def adapter(slot: int, kind: str, partner: str, partner_id: int | None, partner_slot: int | None, detail: str) -> dict:
    """One virtual adapter; partner fields point at the other end (empty for Ethernet)."""
    return {"slot": slot, "type": kind, "partner": partner, "partner_id": partner_id, "partner_slot": partner_slot,
            "detail": detail, "pvid": 0, "tagged": [], "trunk_priority": 0, "device": "", "fcs": ""}


def ethernet_adapter(slot: int, kind: str, pvid: int, tagged: list, trunk_priority: int, detail: str) -> dict:
    """A virtual Ethernet adapter: port VLAN ID, tagged VLANs, trunk priority (0 = not a trunk)."""
    made = adapter(slot, kind, "", None, None, detail)
    made["pvid"] = pvid
    made["tagged"] = tagged
    made["trunk_priority"] = trunk_priority
    return made


def client_block(vios_index: int) -> int:
    """First slot of a VIO server's block on every client: 10 for the first VIOS, 20 for the second."""
    return BLOCK_SIZE * (vios_index + 1)


def server_block(client_id: int) -> int:
    """First slot of a client's block on every VIO server: 10 × the client's partition ID."""
    return BLOCK_SIZE * client_id


def vios_ethernet(vios_index: int, vios_count: int, networks: list, ip_vlans: list, ip_on: str,
                  ctl_vlan: int) -> list:
    """The VIO server's Ethernet adapters from slot 2: trunks, control channels, then IP adapters."""
    adapters = []
    slot = VIOS_ETHERNET_FIRST_SLOT
    for number in range(len(networks)):
        vlans = networks[number]
        tagged = vlans[1:]
        detail = f"network {number + 1}: PVID {vlans[0]:d}"
        if len(tagged) > 0:
            detail = f"{detail}, tagged {join_ints(tagged, ',')}"
        detail = f"{detail}, trunk priority {vios_index + 1}"
        adapters.append(ethernet_adapter(slot, "eth-trunk", vlans[0], tagged, vios_index + 1, detail))
        slot += 1
    if vios_count == 2:
        for number in range(len(networks)):
            vlan = control_channel_vlan(ctl_vlan, number)
            adapters.append(ethernet_adapter(slot, "eth-control", vlan, [], 0,
                                             f"SEA control channel of network {number + 1}: VLAN {vlan:d}"))
            slot += 1
    if ip_on == "adapter":
        for vlan in ip_vlans:
            adapters.append(ethernet_adapter(slot, "eth-ip", vlan, [], 0, f"VIOS IP on VLAN {vlan:d}"))
            slot += 1
    return adapters


def ids_in_order(partitions: list) -> list:
    """Positions of the partitions in ascending partition-ID order (a VIOS numbers devices in slot order)."""
    ids = []
    for partition in partitions:
        ids.append(partition["id"])
    order = []
    for wanted in sorted(ids):
        for index in range(len(partitions)):
            if partitions[index]["id"] == wanted:
                order.append(index)
    return order


def build_partitions(plan: Plan) -> dict:
    """The VIO servers and the clients with every virtual adapter, each end naming the other's ID and slot."""
    vios_list: list[dict] = []
    for index in range(len(plan["vios_names"])):
        vios_list.append({"name": plan["vios_names"][index], "id": plan["vios_ids"][index], "role": "vios",
                          "index": index, "adapters": [], "devices": {}})
    client_list: list[dict] = []
    for index in range(len(plan["client_names"])):
        client_list.append({"name": plan["client_names"][index], "id": plan["client_ids"][index], "role": "client",
                            "index": index, "adapters": [], "vlan": plan["client_vlans"][index],
                            "vscsi": plan["client_vscsi"][index]})
    for vios in vios_list:
        vios["adapters"] = vios_ethernet(vios["index"], len(vios_list), plan["networks"], plan["ip_vlans"],
                                         plan["ip_on"], plan["ctl_vlan"])
    for client in client_list:
        client["adapters"].append(ethernet_adapter(CLIENT_ETHERNET_SLOT, "eth", client["vlan"], [], 0,
                                                   f"VLAN {client['vlan']:d}"))
        for vios in vios_list:
            near = client_block(vios["index"])
            far = server_block(client["id"])
            if client["vscsi"]:
                client["adapters"].append(adapter(near, "scsi-client", vios["name"], vios["id"], far,
                                                  "virtual CD/tape, legacy vSCSI disks"))
            for port in range(1, plan["fc_ports"] + 1):
                client["adapters"].append(adapter(near + port, "fc-client", vios["name"], vios["id"], far + port,
                                                  f"port {port} through {vios['name']:s}"))
    fcs_ports = plan["fcs_ports"]
    for vios in vios_list:
        vhost = 0
        vfchost = 0
        for position in ids_in_order(client_list):
            client = client_list[position]
            near = server_block(client["id"])
            far = client_block(vios["index"])
            if client["vscsi"]:
                made = adapter(near, "scsi-server", client["name"], client["id"], far, f"vhost{vhost} (assumed)")
                made["device"] = f"vhost{vhost}"
                vhost += 1
                vios["adapters"].append(made)
            for port in range(1, plan["fc_ports"] + 1):
                physical = fcs_ports[(vfchost + vios["index"]) % len(fcs_ports)]
                made = adapter(near + port, "fc-server", client["name"], client["id"], far + port,
                               f"vfchost{vfchost} (assumed) to {physical:s}")
                made["device"] = f"vfchost{vfchost}"
                made["fcs"] = physical
                vfchost += 1
                vios["adapters"].append(made)
        vios["devices"] = vios_devices(vios, plan)
    return {"vios": vios_list, "clients": client_list}


def check_slots(partitions: list) -> None:
    """Refuse any slot used twice in one partition (the convention never does it; this proves it)."""
    for partition in partitions:
        used = []
        for item in partition["adapters"]:
            if item["slot"] in used:
                refuse("clients", "SLOT_COLLISION",
                       f"Slot plan: slot {item['slot']:d} is used twice in {partition['name']:s} (ID "
                       f"{partition['id']:d}); this is a bug in the planner, please report the input.")
            used.append(item["slot"])


def highest_slot(partition: dict) -> int:
    """The highest virtual slot the partition uses (1, the serial slot, when it has no planned adapter)."""
    highest = 1
    for item in partition["adapters"]:
        highest = max(highest, item["slot"])
    return highest


def max_virtual_slots(partition: dict) -> int:
    """End of the partition's last slot block plus headroom: ten spare blocks on a VIOS, one on a client."""
    block_end = (highest_slot(partition) // BLOCK_SIZE + 1) * BLOCK_SIZE
    if partition["role"] == "vios":
        return block_end + VIOS_HEADROOM_BLOCKS * BLOCK_SIZE
    return block_end + CLIENT_HEADROOM_BLOCKS * BLOCK_SIZE


def slot_plan_rows(partitions: list) -> list:
    """One row per virtual adapter: owner and slot, type, and the partner partition ID and slot."""
    rows = []
    for partition in partitions:
        for item in partition["adapters"]:
            rows.append({"partition": partition["name"], "partition_id": partition["id"], "slot": item["slot"],
                         "type": item["type"], "type_label": TYPE_LABELS[item["type"]], "partner": item["partner"],
                         "partner_id": item["partner_id"], "partner_slot": item["partner_slot"],
                         "detail": item["detail"], "fcs": item["fcs"]})
    return rows


def adapter_counts(partitions: list) -> list:
    """Per partition: Ethernet, vSCSI and vFC adapter counts, highest slot and max_virtual_slots."""
    rows = []
    for partition in partitions:
        ethernet = 0
        scsi = 0
        fc = 0
        for item in partition["adapters"]:
            if item["type"] == "scsi-server" or item["type"] == "scsi-client":
                scsi += 1
            elif item["type"] == "fc-server" or item["type"] == "fc-client":
                fc += 1
            else:
                ethernet += 1
        role = "client"
        if partition["role"] == "vios":
            role = "VIO server"
        rows.append({"partition": partition["name"], "partition_id": partition["id"], "role": role,
                     "ethernet": ethernet, "vscsi": scsi, "vfc": fc, "total": ethernet + scsi + fc,
                     "highest_slot": highest_slot(partition), "max_virtual_slots": max_virtual_slots(partition)})
    return rows


def vios_devices(vios: dict, plan: Plan) -> dict:
    """Assumed ent numbers on a VIOS: physical ports first, virtual ones in slot order, then what mkvdev makes."""
    next_ent: int = plan["physical_ents"]
    trunks = []
    controls = []
    ip_adapters = []
    for item in vios["adapters"]:
        kind = item["type"]
        if kind == "eth-trunk" or kind == "eth-control" or kind == "eth-ip":
            item["device"] = f"ent{next_ent}"
            item["detail"] = f"{item['detail']:s}; ent{next_ent} (assumed)"
            if kind == "eth-trunk":
                trunks.append(next_ent)
            elif kind == "eth-control":
                controls.append(next_ent)
            else:
                ip_adapters.append(next_ent)
            next_ent += 1
    ports_per_network = 1
    if plan["lacp"]:
        ports_per_network = 2
    physical = []
    aggregations = []
    for number in range(len(plan["networks"])):
        physical.append(plan["ent_ports"][number * ports_per_network:(number + 1) * ports_per_network])
        if plan["lacp"]:
            aggregations.append(next_ent)
            next_ent += 1
    seas = []
    for _number in range(len(plan["networks"])):
        seas.append(next_ent)
        next_ent += 1
    vlan_devices = []
    ip_interfaces = []
    for index in range(len(plan["ip_vlans"])):
        vlan = plan["ip_vlans"][index]
        if plan["ip_on"] == "adapter":
            ip_interfaces.append(ip_adapters[index])
        else:
            network = network_of_vlan(plan["networks"], vlan)
            if plan["networks"][network][0] == vlan:
                ip_interfaces.append(seas[network])
            else:
                vlan_devices.append({"sea": seas[network], "vlan": vlan, "device": next_ent})
                ip_interfaces.append(next_ent)
                next_ent += 1
    return {"trunks": trunks, "controls": controls, "physical": physical, "aggregations": aggregations,
            "seas": seas, "vlan_devices": vlan_devices, "ip_interfaces": ip_interfaces}


def parse_slots(text: str | None, vios_count: int) -> list:
    """Physical slots per VIO server from 'A,B;C,D' (DRC indexes, ';' between VIO servers); empty when none are given."""
    if text is None:
        return []
    groups = []
    seen = []
    for group_text in text.split(";"):
        group = []
        for item in group_text.replace(",", " ").split():
            drc_index = lower_ascii(item)
            if len(drc_index) > 8 or not all_hex(drc_index):
                refuse("vios_slots", "BAD_DRC_INDEX",
                       f"{SLOTS_LEAD}'{item:s}' is not a DRC index; give the hexadecimal "
                       f"drc_index that lshwres -r io --rsubtype slot lists (such as 21010010), VIO servers separated "
                       f"by ';'.")
            if drc_index in seen:
                refuse("vios_slots", "DUPLICATE_SLOT",
                       f"{SLOTS_LEAD}{drc_index:s} is given twice; a physical slot belongs to "
                       f"one partition only.")
            seen.append(drc_index)
            group.append(drc_index)
        groups.append(group)
    if len(seen) == 0:
        return []
    if len(groups) != vios_count:
        refuse("vios_slots", "COUNT_MISMATCH",
               f"{SLOTS_LEAD}{count_text(len(groups), 'group', 'groups')} given for "
               f"{count_text(vios_count, 'VIO server', 'VIO servers')}; give one group per VIO server, separated by "
               f"';' (such as 21010010,21010011;21010020,21010021).")
    for index in range(len(groups)):
        if len(groups[index]) == 0:
            refuse("vios_slots", "EMPTY_GROUP",
                   f"{SLOTS_LEAD}VIO server {index + 1} has no slot; every VIO server needs its "
                   f"own physical adapters.")
    return groups


def slot_warnings(names: list, slots: list) -> list:
    """Warn when no physical slots are given, or a VIO server has fewer than two (one storage, one network)."""
    if len(slots) == 0:
        return [warning("NO_PHYSICAL_SLOTS",
                        f"{SLOTS_LEAD}none given, so the VIO server profiles have no physical "
                        "adapters. Assign each one at least one FC and one Ethernet adapter before installing (the "
                        "commands list the slots and show how).")]
    warnings = []
    for index in range(len(slots)):
        if len(slots[index]) < 2:
            warnings.append(warning("FEW_PHYSICAL_SLOTS",
                                    f"{SLOTS_LEAD}{names[index]:s} has one slot; a VIO server "
                                    f"needs at least one storage and one network adapter (unless that one adapter "
                                    f"does both)."))
    return warnings
