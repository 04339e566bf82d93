"""VIO server sizing and the virtual-adapter slot plan, with the HMC and VIOS commands that build it.

Command forms follow IBM's HMC man pages (mksyscfg, chsyscfg, lshwres, installios, chnportlogin) and
the VIOS command pages (mkvdev, mktcpip, vfcmap, lsmap). This
module is compiled to JavaScript: keep to the subset described in docs-dev/calculators.md.

Slot convention (one rule for every partition; the last digit matches on both sides):
  every partition  slots 0-1            virtual serial (the HMC's own; never planned here)
  VIOS             slots 2-9            its Ethernet: trunks, control channels, IP adapters
  VIOS             slots 10*C..10*C+9   block of the client with partition ID C:
                                        +0 vSCSI server, +1..+8 vFC server for client port 1..8
  client           slot 2               its Ethernet adapter
  client           slots 10*V..10*V+9   block of the V-th VIO server (V = 1 or 2):
                                        +0 vSCSI client, +1..+8 vFC client port 1..8
VIOS slot 134 is "client 13, port 4"; its partner is slot 14 (first VIOS) or 24 (second) on client 13.
"""
from __future__ import annotations

import math

from calculators.runtime import CalcError, fmt_number

# Our rules where the reference is silent (the page says they are ours).
MAX_PARTITION_ID = 254
MAX_NAME_LENGTH = 31
MAX_MEMORY_MIB = 16777216
MAX_VLAN = 4094
MAX_CLIENTS = 100
MAX_CLIENTS_FIELD = 100
MAX_FC_PORTS = 8

# The slot convention (see the module docstring).
BLOCK_SIZE = 10
VIOS_ETHERNET_FIRST_SLOT = 2
VIOS_ETHERNET_LAST_SLOT = 9
CLIENT_ETHERNET_SLOT = 2
# max_virtual_slots = end of the last slot block used + headroom. It only changes through a profile
# change and a reactivation, an outage window on a VIO server: leave room for ten more clients there.
VIOS_HEADROOM_BLOCKS = 10
CLIENT_HEADROOM_BLOCKS = 1

# Entitled capacity in hundredths of a processor: integers, so no float rounding anywhere.
MIN_HUNDREDTHS_PER_PROC = 5
HUNDREDTHS_PER_PROC = 100

# Above this many client ports on one physical FC port, warn (lsnports' aports shows what is left).
NPIV_PORTS_WARNING = 64

DIGITS = "0123456789"
HEX_DIGITS = "0123456789abcdef"
UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
LOWER = "abcdefghijklmnopqrstuvwxyz"
BLOCK_SIZES = [1, 2, 4, 8, 16, 32, 64, 128, 256]

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


# ---------------------------------------------------------------- small helpers

def refuse(field: str, key: str, message: str) -> None:
    """Stop with an error shown beside the field (the browser and the CLI show the same text)."""
    raise CalcError(key, message, field)


def warning(code: str, text: str) -> dict:
    """One warning: a stable code and the text for the reader."""
    return {"code": code, "text": text}


def join_ints(numbers: list, separator: str) -> str:
    """Whole numbers joined with a separator (VLAN lists, IPv4 octets)."""
    texts = []
    for number in numbers:
        texts.append(f"{number:d}")
    return separator.join(texts)


def index_in(text: str, character: str) -> int:
    """Position of a character in a text, or -1."""
    for index in range(len(text)):
        if text[index] == character:
            return index
    return -1


def lower_ascii(text: str) -> str:
    """The text with ASCII capitals made small (names compare without regard to case)."""
    result = ""
    for character in text:
        position = index_in(UPPER, character)
        if position >= 0:
            result = result + LOWER[position]
        else:
            result += character
    return result


def whole_number(text: str) -> int:
    """The value of a plain run of 1-9 decimal digits, or -1 when the text is not one."""
    if len(text) == 0 or len(text) > 9:
        return -1
    value = 0
    for character in text:
        digit = index_in(DIGITS, character)
        if digit < 0:
            return -1
        value = value * 10 + digit
    return value


def hundredths_text(hundredths: int) -> str:
    """Processing units from hundredths, as the HMC takes them: 30 → 0.3, 15 → 0.15, 300 → 3.0."""
    whole = hundredths // 100
    fraction = hundredths % 100
    if fraction == 0:
        return f"{whole}.0"
    if fraction % 10 == 0:
        return f"{whole}.{fraction // 10}"
    if fraction < 10:
        return f"{whole}.0{fraction}"
    return f"{whole}.{fraction}"


def count_text(count: int, singular: str, plural: str) -> str:
    """'1 VIO server', '2 VIO servers'."""
    if count == 1:
        return f"{count} {singular}"
    return f"{count} {plural}"


# ---------------------------------------------------------------- partitions: names and IDs

def vios_names_of(vios: int, vios_names: list | None) -> list:
    """The VIO server names: as given (one per VIOS), or vios1, vios2."""
    if vios_names is None:
        names = []
        for index in range(vios):
            names.append(f"vios{index + 1}")
        return names
    if len(vios_names) != vios:
        refuse("vios_names", "COUNT_MISMATCH",
               f"VIO server names: {count_text(len(vios_names), 'name', 'names')} given for "
               f"{count_text(vios, 'VIO server', 'VIO servers')}; give one name per VIO server, or leave it empty "
               f"for vios1, vios2.")
    return vios_names


def vios_ids_of(vios: int, vios_ids: list | None) -> list:
    """The VIO server partition IDs: as given, or 1 and 2."""
    if vios_ids is None:
        ids = []
        for index in range(vios):
            ids.append(index + 1)
        return ids
    if len(vios_ids) != vios:
        refuse("vios_ids", "COUNT_MISMATCH",
               f"VIO server IDs: {count_text(len(vios_ids), 'ID', 'IDs')} given for "
               f"{count_text(vios, 'VIO server', 'VIO servers')}; give one partition ID per VIO server, or leave it "
               f"empty for 1, 2.")
    return vios_ids


def client_names_of(clients: int, client_names: list | None) -> list:
    """The client names: as given (one per client), or aix1, aix2, …"""
    if client_names is None:
        names = []
        for index in range(clients):
            names.append(f"aix{index + 1}")
        return names
    if len(client_names) != clients:
        refuse("client_names", "COUNT_MISMATCH",
               f"Client names: {count_text(len(client_names), 'name', 'names')} given for "
               f"{count_text(clients, 'client', 'clients')}; give one name per client, or leave it empty for aix1, "
               f"aix2, …")
    return client_names


def client_ids_of(clients: int, client_ids: list | None, vios_ids: list) -> list:
    """The client partition IDs: as given, or numbered on from the highest VIO server ID."""
    if client_ids is not None:
        if len(client_ids) != clients:
            refuse("client_ids", "COUNT_MISMATCH",
                   f"Client IDs: {count_text(len(client_ids), 'ID', 'IDs')} given for "
                   f"{count_text(clients, 'client', 'clients')}; give one partition ID per client, or leave it empty "
                   f"to number them after the VIO servers.")
        return client_ids
    first = max(vios_ids) + 1
    if first + clients - 1 > MAX_PARTITION_ID:
        refuse("clients", "IDS_EXHAUSTED",
               f"Clients: {clients} clients numbered from partition ID {first:d} would pass ID {MAX_PARTITION_ID}, the "
               f"limit of our rule; give fewer clients or set client IDs.")
    ids = []
    for index in range(clients):
        ids.append(first + index)
    return ids


def check_unique(names: list, ids: list, vios_count: int) -> None:
    """Refuse a partition name (compared without regard to case) or a partition ID used twice."""
    seen = []
    for index in range(len(names)):
        folded = lower_ascii(names[index])
        if folded in seen:
            field = "client_names"
            if index < vios_count:
                field = "vios_names"
            refuse(field, "DUPLICATE_NAME",
                   f"Partition names: '{names[index]:s}' is used by two partitions; every partition on the system needs "
                   f"its own name (compared without regard to case).")
        seen.append(folded)
    seen_ids = []
    for index in range(len(ids)):
        if ids[index] in seen_ids:
            field = "client_ids"
            if index < vios_count:
                field = "vios_ids"
            refuse(field, "DUPLICATE_ID",
                   f"Partition IDs: {ids[index]:d} is used by two partitions; every partition needs its own ID.")
        seen_ids.append(ids[index])


# ---------------------------------------------------------------- sizing

def memory_mb(field: str, label: str, mib: float) -> int:
    """A memory size as whole MB, the HMC's unit (1 GB = 1024 MB, i.e. MiB); refuse a fraction."""
    nearest = math.floor(mib + 0.5)
    if abs(mib - nearest) > 1e-6 or nearest < 1:
        refuse(field, "MEMORY_NOT_WHOLE_MB",
               f"{label}: {fmt_number(mib, 4)} MB is not a whole number of MB; the HMC takes memory in whole MB "
               f"(1 GB = 1024 MB): give e.g. 6 GiB or 6144 MiB.")
    if nearest > MAX_MEMORY_MIB:
        refuse(field, "MEMORY_TOO_LARGE", f"{label}: {nearest:d} MB is above this planner's limit of 16 TiB.")
    return nearest


def units_hundredths(field: str, label: str, units: float) -> int:
    """Processing units as whole hundredths (0.3 → 30); refuse a third decimal."""
    scaled = units * 100
    nearest = math.floor(scaled + 0.5)
    if abs(scaled - nearest) > 1e-6 or nearest < 1:
        refuse(field, "UNITS_NOT_HUNDREDTHS",
               f"{label}: {fmt_number(units, 6)} is not an entitled capacity the HMC takes; give processing units "
               f"with at most two decimals, such as 0.3.")
    return nearest


def lmb_rounded(field: str, label: str, value: int, lmb: int, upward: bool, warnings: list) -> int:
    """A memory value on a logical-memory-block boundary (the HMC assigns memory in LMB steps), with a warning when it moved."""
    if value % lmb == 0:
        return value
    rounded = (value // lmb) * lmb
    direction = "down"
    if upward or rounded < lmb:
        rounded = rounded + lmb
        direction = "up"
    warnings.append(warning("MEMORY_ROUNDED_TO_LMB",
                            f"{label}: {value:d} MB is not a multiple of the {lmb:d} MB logical memory block; "
                            f"rounded {direction} to {rounded:d} MB (field {field})."))
    return rounded


def derived_min_memory(desired_mb: int) -> int:
    """Our minimum memory: half the desired, rounded down to 256 MB (at least 256 MB or the desired)."""
    minimum = (desired_mb // 512) * 256
    if minimum < 256:
        minimum = min(256, desired_mb)
    return minimum


def derived_min_units(desired_units: int, min_procs: int) -> int:
    """Our minimum entitlement: half the desired, kept within 0.05-1.0 per minimum virtual processor."""
    minimum = desired_units // 2
    minimum = max(minimum, MIN_HUNDREDTHS_PER_PROC * min_procs)
    minimum = min(minimum, HUNDREDTHS_PER_PROC * min_procs)
    return min(minimum, desired_units)


def profile_sizing(prefix: str, label: str, memory: float, procs: int, entitled: float, weight: int,
                   min_memory: float | None, max_memory: float | None, min_procs: int | None,
                   max_procs: int | None, min_entitled: float | None, max_entitled: float | None, lmb: int) -> dict:
    """Min/desired/max memory (MB, on LMB boundaries), virtual processors and entitlement (hundredths) of one kind of partition."""
    lmb_warnings = []
    desired_mem = lmb_rounded(f"{prefix}_memory", f"{label} desired memory",
                              memory_mb(f"{prefix}_memory", f"{label} memory", memory), lmb, True, lmb_warnings)
    desired_units = units_hundredths(f"{prefix}_entitled", f"{label} entitled capacity", entitled)
    sizing = {"min_mem": derived_min_memory(desired_mem), "desired_mem": desired_mem, "max_mem": desired_mem * 2,
              "min_procs": 1, "desired_procs": procs, "max_procs": procs * 2,
              "min_units": 0, "desired_units": desired_units, "max_units": HUNDREDTHS_PER_PROC * procs,
              "weight": weight}
    if min_memory is not None:
        sizing["min_mem"] = lmb_rounded(f"{prefix}_min_memory", f"{label} minimum memory",
                                        memory_mb(f"{prefix}_min_memory", f"{label} minimum memory", min_memory),
                                        lmb, False, lmb_warnings)
    if max_memory is not None:
        sizing["max_mem"] = lmb_rounded(f"{prefix}_max_memory", f"{label} maximum memory",
                                        memory_mb(f"{prefix}_max_memory", f"{label} maximum memory", max_memory),
                                        lmb, True, lmb_warnings)
    sizing["lmb_warnings"] = lmb_warnings
    if min_procs is not None:
        sizing["min_procs"] = min_procs
    if max_procs is not None:
        sizing["max_procs"] = max_procs
    sizing["min_units"] = derived_min_units(desired_units, sizing["min_procs"])
    if min_entitled is not None:
        sizing["min_units"] = units_hundredths(f"{prefix}_min_entitled", f"{label} minimum entitled capacity",
                                               min_entitled)
    if max_entitled is not None:
        sizing["max_units"] = units_hundredths(f"{prefix}_max_entitled", f"{label} maximum entitled capacity",
                                               max_entitled)
    check_sizing(prefix, label, sizing)
    return sizing


def check_sizing(prefix: str, label: str, sizing: dict) -> None:
    """Refuse min ≤ desired ≤ max out of order, or entitlement outside 0.05-1.0 per virtual processor."""
    if not (sizing["min_mem"] <= sizing["desired_mem"] and sizing["desired_mem"] <= sizing["max_mem"]):
        refuse(f"{prefix}_memory", "MEMORY_ORDER",
               f"{label} memory: minimum {sizing['min_mem']:d} MB, desired {sizing['desired_mem']:d} MB and maximum "
               f"{sizing['max_mem']:d} MB are not in order; give minimum ≤ desired ≤ maximum.")
    if not (sizing["min_procs"] <= sizing["desired_procs"] and sizing["desired_procs"] <= sizing["max_procs"]):
        refuse(f"{prefix}_procs", "PROCS_ORDER",
               f"{label} virtual processors: minimum {sizing['min_procs']:d}, desired {sizing['desired_procs']:d} and "
               f"maximum {sizing['max_procs']:d} are not in order; give minimum ≤ desired ≤ maximum.")
    levels = [["desired", "desired_units", "desired_procs", f"{prefix}_entitled", f"{label} entitled capacity"],
              ["minimum", "min_units", "min_procs", f"{prefix}_min_entitled", f"{label} minimum entitled capacity"],
              ["maximum", "max_units", "max_procs", f"{prefix}_max_entitled", f"{label} maximum entitled capacity"]]
    for level in levels:
        if level[0] == "minimum":
            check_units_order(prefix, label, sizing)
        units = sizing[level[1]]
        procs = sizing[level[2]]
        if units < MIN_HUNDREDTHS_PER_PROC * procs:
            refuse(level[3], "UNITS_BELOW_PROCS",
                   f"{level[4]:s}: {hundredths_text(units)} processing units cannot carry {procs:d} virtual processors "
                   f"({level[0]:s}): each needs at least 0.05, so give at least "
                   f"{hundredths_text(MIN_HUNDREDTHS_PER_PROC * procs)} or fewer virtual processors.")
        if units > HUNDREDTHS_PER_PROC * procs:
            refuse(level[3], "UNITS_ABOVE_PROCS",
                   f"{level[4]:s}: {hundredths_text(units)} processing units exceed {procs:d} virtual processors "
                   f"({level[0]:s}): a virtual processor holds at most 1.0, so give at most "
                   f"{hundredths_text(HUNDREDTHS_PER_PROC * procs)} or more virtual processors.")


def check_units_order(prefix: str, label: str, sizing: dict) -> None:
    """Refuse minimum ≤ desired ≤ maximum entitled capacity out of order."""
    if not (sizing["min_units"] <= sizing["desired_units"] and sizing["desired_units"] <= sizing["max_units"]):
        refuse(f"{prefix}_entitled", "UNITS_ORDER",
               f"{label} entitled capacity: minimum {hundredths_text(sizing['min_units'])}, desired "
               f"{hundredths_text(sizing['desired_units'])} and maximum {hundredths_text(sizing['max_units'])} are "
               f"not in order; give minimum ≤ desired ≤ maximum.")


def sizing_rows(label: str, sizing: dict) -> list:
    """Rows of the sizing table for one kind of partition (memory in MB, processors, processing units)."""
    return [{"kind": label, "setting": "memory (MB)", "min": f"{sizing['min_mem']:d}",
             "desired": f"{sizing['desired_mem']:d}", "max": f"{sizing['max_mem']:d}"},
            {"kind": label, "setting": "virtual processors", "min": f"{sizing['min_procs']:d}",
             "desired": f"{sizing['desired_procs']:d}", "max": f"{sizing['max_procs']:d}"},
            {"kind": label, "setting": "entitled capacity", "min": hundredths_text(sizing["min_units"]),
             "desired": hundredths_text(sizing["desired_units"]), "max": hundredths_text(sizing["max_units"])},
            {"kind": label, "setting": "uncapped weight", "min": "", "desired": f"{sizing['weight']:d}", "max": ""}]


# ---------------------------------------------------------------- networks

def parse_networks(vlans: str) -> list:
    """Physical networks from text such as '10,20;30': networks split by ';', VLAN IDs by ',' or blanks."""
    networks = []
    seen = []
    groups = vlans.split(";")
    for number in range(len(groups)):
        network = []
        for item in groups[number].replace(",", " ").split():
            value = whole_number(item)
            if value < 1 or value > MAX_VLAN:
                refuse("vlans", "VLAN_OUT_OF_RANGE",
                       f"Networks and VLANs: '{item:s}' is not a VLAN ID; give whole numbers from 1 to 4094 (0 and 4095 "
                       f"are reserved by IEEE 802.1Q), networks separated by ';'.")
            if value in seen:
                refuse("vlans", "VLAN_REPEATED",
                       f"Networks and VLANs: VLAN {value:d} is given twice; each VLAN belongs to one network (one "
                       f"trunk adapter per VIO server).")
            seen.append(value)
            network.append(value)
        if len(network) == 0:
            refuse("vlans", "EMPTY_NETWORK",
                   f"Networks and VLANs: network {number + 1} has no VLAN ID; give each network's VLANs (the first "
                   f"is its port VLAN ID), networks separated by ';', such as 10,20;30.")
        networks.append(network)
    return networks


def network_of_vlan(networks: list, vlan: int) -> int:
    """Index of the network that carries a VLAN, or -1."""
    for number in range(len(networks)):
        if vlan in networks[number]:
            return number
    return -1


def control_channel_vlan(ctl_vlan: int, network: int) -> int:
    """Control-channel VLAN of a network's SEA pair: ctl_vlan for the first network, counting down."""
    return ctl_vlan - network


def vios_ethernet_count(vios_count: int, network_count: int, ip_vlan_count: int, ip_on: str) -> int:
    """How many Ethernet adapters each VIO server needs in slots 2-9."""
    count = network_count
    if vios_count == 2:
        count += network_count
    if ip_on == "adapter":
        count += ip_vlan_count
    return count


def check_networks(networks: list, ip_vlans: list, ip_on: str, ctl_vlan: int, vios_count: int,
                   client_vlans: list) -> None:
    """Refuse VLANs no trunk carries, control channels that clash, and more Ethernet than slots 2-9 hold."""
    for vlan in ip_vlans:
        if network_of_vlan(networks, vlan) < 0:
            refuse("ip_vlans", "VLAN_NOT_TRUNKED",
                   f"VIOS IP VLANs: VLAN {vlan:d} is on no trunk adapter, so the VIO server's address there could not "
                   f"reach the network; add it to a network in Networks and VLANs.")
    for vlan in client_vlans:
        if network_of_vlan(networks, vlan) < 0:
            refuse("client_vlans", "VLAN_NOT_TRUNKED",
                   f"Client VLANs: VLAN {vlan:d} is on no VIOS trunk adapter, so a client on it could not reach the "
                   f"network; add it to a network in Networks and VLANs.")
    if vios_count == 2:
        for number in range(len(networks)):
            vlan = control_channel_vlan(ctl_vlan, number)
            if vlan < 1:
                refuse("ctl_vlan", "CTL_VLAN_TOO_LOW",
                       f"Control-channel VLAN: {ctl_vlan:d} leaves no VLAN for network {number + 1} (control "
                       f"channels count down, one per network); give a higher VLAN.")
            if network_of_vlan(networks, vlan) >= 0:
                refuse("ctl_vlan", "CTL_VLAN_IN_USE",
                       f"Control-channel VLAN: VLAN {vlan:d} would be the SEA control channel of network {number + 1}, "
                       f"but it carries traffic in Networks and VLANs; control channels count down from this value, "
                       f"so give one whose range is unused.")
    needed = vios_ethernet_count(vios_count, len(networks), len(ip_vlans), ip_on)
    room = VIOS_ETHERNET_LAST_SLOT - VIOS_ETHERNET_FIRST_SLOT + 1
    if needed > room:
        refuse("vlans", "TOO_MANY_VIOS_ETHERNET",
               f"Networks and VLANs: {count_text(len(networks), 'network needs', 'networks need')} {needed:d} "
               f"Ethernet adapters on each VIO server (trunks, control channels, IP adapters), but the slot "
               f"convention keeps slots 2-9 ({room:d}) for them; use fewer networks or IP VLANs, or IP on the SEA.")


# ---------------------------------------------------------------- addresses

def ipv4_octets(field: str, label: str, text: str) -> list:
    """A dotted IPv4 address as four numbers; refuse anything else."""
    parts = text.split(".")
    octets = []
    for part in parts:
        value = whole_number(part)
        if value >= 0 and value <= 255 and len(part) <= 3:
            octets.append(value)
    if len(parts) != 4 or len(octets) != 4:
        refuse(field, "BAD_IPV4",
               f"{label}: '{text}' is not an IPv4 address; give four numbers from 0 to 255 separated by dots, such "
               f"as 192.0.2.11.")
    return octets


def mask_block_sizes(octets: list) -> list:
    """Per octet, the size of the address block a contiguous netmask leaves (256 - octet); [] if not contiguous."""
    sizes = []
    ended = False
    for octet in octets:
        size = 256 - octet
        if size not in BLOCK_SIZES:
            return []
        if ended and size != 256:
            return []
        if size != 1:
            ended = True
        sizes.append(size)
    return sizes


def network_text(address: list, sizes: list) -> str:
    """The network part of an address under a netmask given as block sizes, dotted."""
    network = []
    for index in range(4):
        network.append((address[index] // sizes[index]) * sizes[index])
    return join_ints(network, ".")


def check_addresses(vios_names: list, vios_ips: list, netmask: str, gateway: str) -> list:
    """The VIO servers' addresses, checked: one each, all distinct, the gateway inside each subnet."""
    if len(vios_ips) < len(vios_names):
        refuse("vios_ips", "TOO_FEW_ADDRESSES",
               f"VIOS IP addresses: {count_text(len(vios_ips), 'address', 'addresses')} given for "
               f"{count_text(len(vios_names), 'VIO server', 'VIO servers')}; give one IPv4 address per VIO server.")
    addresses = []
    for index in range(len(vios_names)):
        octets = ipv4_octets("vios_ips", "VIOS IP addresses", vios_ips[index])
        text = join_ints(octets, ".")
        if text in addresses:
            refuse("vios_ips", "DUPLICATE_ADDRESS",
                   f"VIOS IP addresses: {text} is given twice; each VIO server needs its own address.")
        addresses.append(text)
    mask = ipv4_octets("netmask", "Netmask", netmask)
    sizes = mask_block_sizes(mask)
    if len(sizes) == 0 or sizes[3] == 1 or sizes[3] == 2:
        refuse("netmask", "BAD_NETMASK",
               f"Netmask: '{netmask}' is not a usable netmask; give contiguous one bits with room for hosts, such as "
               f"255.255.255.0.")
    router = ipv4_octets("gateway", "Gateway", gateway)
    for index in range(len(vios_names)):
        own = ipv4_octets("vios_ips", "VIOS IP addresses", vios_ips[index])
        if network_text(own, sizes) != network_text(router, sizes):
            refuse("gateway", "GATEWAY_OFF_SUBNET",
                   f"Gateway: {join_ints(router, '.')} is not in {vios_names[index]:s}'s subnet "
                   f"{network_text(own, sizes)} (netmask {join_ints(mask, '.')}); give a gateway on that subnet.")
    return addresses


def mac_text(field: str, text: str) -> str:
    """A MAC address as aa:bb:cc:dd:ee:ff from 12 hex digits written with or without ':'."""
    digits = ""
    for character in lower_ascii(text):
        if character != ":":
            digits += character
    good = len(digits) == 12 and (len(text) == 12 or len(text) == 17)
    for character in digits:
        if index_in(HEX_DIGITS, character) < 0:
            good = False
    if len(text) == 17:
        for index in range(2, 17, 3):
            if text[index] != ":":
                good = False
    if not good:
        refuse(field, "BAD_MAC",
               f"Boot adapter MACs: '{text}' is not a MAC address; give 12 hex digits, such as b83fd22b9a04 or "
               f"b8:3f:d2:2b:9a:04 (lpar_netboot prints them).")
    result = ""
    for index in range(12):
        if index > 0 and index % 2 == 0:
            result = result + ":"
        result = result + digits[index]
    return result


def boot_macs(vios_names: list, vios_macs: list | None) -> list:
    """The boot adapters' MACs in installios form, or [] when none are given yet."""
    if vios_macs is None:
        return []
    if len(vios_macs) != len(vios_names):
        refuse("vios_macs", "COUNT_MISMATCH",
               f"Boot adapter MACs: {count_text(len(vios_macs), 'MAC', 'MACs')} given for "
               f"{count_text(len(vios_names), 'VIO server', 'VIO servers')}; give one per VIO server, or leave it "
               f"empty.")
    macs = []
    for text in vios_macs:
        macs.append(mac_text("vios_macs", text))
    return macs


# ---------------------------------------------------------------- the slot plan

def adapter(slot: int, kind: str, partner: str, partner_id: int, partner_slot: int, detail: str) -> dict:
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


def build_partitions(plan: dict) -> dict:
    """The VIO servers and the clients with every virtual adapter, each end naming the other's ID and slot."""
    vios_list = []
    for index in range(len(plan["vios_names"])):
        vios_list.append({"name": plan["vios_names"][index], "id": plan["vios_ids"][index], "role": "vios",
                          "index": index, "adapters": [], "devices": {}})
    client_list = []
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


# ---------------------------------------------------------------- VIOS device names (assumed)

def vios_devices(vios: dict, plan: dict) -> dict:
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
    for number in range(len(plan["networks"])):
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


# ---------------------------------------------------------------- HMC adapter strings

def ethernet_entry(item: dict) -> str:
    """slot/is-IEEE/port-vlan-ID/[additional-vlan-IDs]/[trunk-priority]/is-required (IEEE on when VLANs are tagged)."""
    ieee = 0
    if len(item["tagged"]) > 0:
        ieee = 1
    return (f"{item['slot']:d}/{ieee}/{item['pvid']:d}/{join_ints(item['tagged'], ',')}/"
            f"{item['trunk_priority']:d}/1")


def scsi_entry(item: dict) -> str:
    """slot/client-or-server/remote-lpar-ID/remote-lpar-name/remote-slot/is-required."""
    side = "server"
    if item["type"] == "scsi-client":
        side = "client"
    return f"{item['slot']:d}/{side}/{item['partner_id']:d}/{item['partner']:s}/{item['partner_slot']:d}/1"


def fc_entry(item: dict) -> str:
    """slot/client-or-server/remote-lpar-ID/remote-lpar-name/remote-slot/[wwpns]/is-required (the HMC makes the WWPNs)."""
    side = "server"
    if item["type"] == "fc-client":
        side = "client"
    return f"{item['slot']:d}/{side}/{item['partner_id']:d}/{item['partner']:s}/{item['partner_slot']:d}//1"


def adapter_attribute(name: str, entries: list) -> str:
    """name=entries with the HMC's quoting: ""…"" around an entry with commas, "…" around a value with commas."""
    quoted = []
    for entry in entries:
        if "," in entry:
            quoted.append(f'""{entry:s}""')
        else:
            quoted.append(entry)
    value = ",".join(quoted)
    if "," in value:
        return f'"{name}={value}"'
    return f"{name}={value}"


def adapter_attributes(partition: dict) -> list:
    """The virtual_eth/scsi/fc_adapters attributes of one partition (kinds it has none of are left out)."""
    ethernet = []
    scsi = []
    fc = []
    for item in partition["adapters"]:
        if item["type"] == "scsi-server" or item["type"] == "scsi-client":
            scsi.append(scsi_entry(item))
        elif item["type"] == "fc-server" or item["type"] == "fc-client":
            fc.append(fc_entry(item))
        else:
            ethernet.append(ethernet_entry(item))
    attributes = []
    if len(ethernet) > 0:
        attributes.append(adapter_attribute("virtual_eth_adapters", ethernet))
    if len(scsi) > 0:
        attributes.append(adapter_attribute("virtual_scsi_adapters", scsi))
    if len(fc) > 0:
        attributes.append(adapter_attribute("virtual_fc_adapters", fc))
    return attributes


def mksyscfg_command(system: str, profile: str, partition: dict, sizing: dict, io_slots: list) -> str:
    """mksyscfg -r lpar for one partition: shared uncapped processors, dedicated memory in MB, physical slots, every adapter."""
    environment = "aixlinux"
    boot_mode = "sms"
    auto_start = "0"
    if partition["role"] == "vios":
        environment = "vioserver"
        boot_mode = "norm"
        auto_start = "1"
    attributes = [f"name={partition['name']:s}", f"profile_name={profile}", f"lpar_env={environment}",
                  f"lpar_id={partition['id']:d}",
                  f"min_mem={sizing['min_mem']:d}", f"desired_mem={sizing['desired_mem']:d}",
                  f"max_mem={sizing['max_mem']:d}", "mem_mode=ded", "proc_mode=shared",
                  f"min_proc_units={hundredths_text(sizing['min_units'])}",
                  f"desired_proc_units={hundredths_text(sizing['desired_units'])}",
                  f"max_proc_units={hundredths_text(sizing['max_units'])}",
                  f"min_procs={sizing['min_procs']:d}", f"desired_procs={sizing['desired_procs']:d}",
                  f"max_procs={sizing['max_procs']:d}", "sharing_mode=uncap", f"uncap_weight={sizing['weight']:d}",
                  f"max_virtual_slots={max_virtual_slots(partition)}"]
    if len(io_slots) > 0:
        entries = []
        for drc_index in io_slots:
            entries.append(f"{drc_index:s}//1")
        attributes.append(adapter_attribute("io_slots", entries))
    attributes.extend(adapter_attributes(partition))
    attributes.append(f"boot_mode={boot_mode}")
    attributes.append(f"auto_start={auto_start}")
    return f"mksyscfg -r lpar -m {system} -i '{','.join(attributes)}'"


# ---------------------------------------------------------------- commands, step by step

def check_commands(plan: dict) -> list:
    """HMC: list the partitions already on the system, to see that no name or ID clashes."""
    return [f"lssyscfg -r lpar -m {plan['system']:s} -F name,lpar_id,state"]


def vios_create_commands(plan: dict, partitions: dict) -> list:
    """HMC: one mksyscfg per VIO server."""
    system = plan["system"]
    commands = []
    if len(plan["vios_slots"]) == 0:
        commands.append("# No physical slots given: list them, with their DRC index, location code and owner.")
        commands.append(f"lshwres -r io --rsubtype slot -m {system:s} -F drc_index,drc_name,description,lpar_name")
    for vios in partitions["vios"]:
        io_slots = []
        if len(plan["vios_slots"]) > 0:
            io_slots = plan["vios_slots"][vios["index"]]
        commands.append(mksyscfg_command(system, plan["profile"], vios, plan["vios_sizing"], io_slots))
    if len(plan["vios_slots"]) == 0:
        commands.append("# BEFORE installing: give each VIO server its physical adapters (at least one FC and one "
                        "Ethernet),")
        commands.append("# or put their DRC indexes in 'Physical slots of the VIO servers' and create again. "
                        "By hand, per slot:")
        for vios in partitions["vios"]:
            commands.append(f"# chsyscfg -r prof -m {system:s} -i 'name={plan['profile']:s},lpar_name="
                            f"{vios['name']:s},io_slots+=<drc_index>//1'")
    return commands


def vios_install_commands(plan: dict, partitions: dict) -> list:
    """HMC: find each boot adapter's MAC with lpar_netboot, then installios (commented out until the MAC is known)."""
    system = plan["system"]
    profile = plan["profile"]
    commands = []
    for vios in partitions["vios"]:
        commands.append(f"lpar_netboot -M -n -t ent -A {vios['name']:s} {profile:s} {system:s}")
    for vios in partitions["vios"]:
        index = vios["index"]
        line = (f"installios -p {vios['name']:s} -i {plan['vios_ips'][index]:s} -S {plan['netmask']:s} "
                f"-g {plan['gateway']:s} -d {plan['vios_image']:s} -s {system:s}")
        if len(plan["vios_macs"]) > 0:
            commands.append(f"{line} -m {plan['vios_macs'][index]:s} -r {profile:s} -n")
        else:
            commands.append(f"# {line} -m <MAC from lpar_netboot> -r {profile:s} -n")
    return commands


def client_create_commands(plan: dict, partitions: dict) -> list:
    """HMC: one mksyscfg per client."""
    commands = []
    for client in partitions["clients"]:
        commands.append(mksyscfg_command(plan["system"], plan["profile"], client, plan["client_sizing"], []))
    return commands


def vios_network_commands(plan: dict, vios: dict) -> list:
    """VIOS: link aggregations, SEAs (failover pairs with a control channel), VLAN devices, the IP address."""
    devices = vios["devices"]
    commands = ["lsdev -virtual"]
    for number in range(len(devices["aggregations"])):
        ports = []
        for port in devices["physical"][number]:
            ports.append(port)
        commands.append(f"mkvdev -lnagg {' '.join(ports)} -attr mode=8023ad")
    for number in range(len(devices["seas"])):
        target = devices["physical"][number][0]
        if plan["lacp"]:
            target = f"ent{devices['aggregations'][number]:d}"
        trunk = f"ent{devices['trunks'][number]:d}"
        line = (f"mkvdev -sea {target:s} -vadapter {trunk} -default {trunk} -defaultid "
                f"{plan['networks'][number][0]:d}")
        if len(devices["controls"]) > 0:
            line = f"{line} -attr ha_mode=auto ctl_chan=ent{devices['controls'][number]:d}"
        commands.append(line)
    for vlan_device in devices["vlan_devices"]:
        commands.append(f"mkvdev -vlan ent{vlan_device['sea']:d} -tagid {vlan_device['vlan']:d}")
    commands.append("lsmap -all -net")
    commands.append(f"mktcpip -hostname {vios['name']:s} -inetaddr {plan['vios_ips'][vios['index']]:s} "
                    f"-interface en{devices['ip_interfaces'][0]:d} -start -netmask {plan['netmask']:s} "
                    f"-gateway {plan['gateway']:s}")
    return commands


def vios_network_notes(plan: dict, vios: dict) -> list:
    """What the network commands assume about device names on this VIOS."""
    devices = vios["devices"]
    notes = []
    for number in range(len(devices["aggregations"])):
        notes.append(f"{vios['name']:s}: mkvdev -lnagg should print ent{devices['aggregations'][number]:d} for "
                     f"network {number + 1} (assumed).")
    for number in range(len(devices["seas"])):
        notes.append(f"{vios['name']:s}: mkvdev -sea should print ent{devices['seas'][number]:d} for network "
                     f"{number + 1} (assumed).")
    for vlan_device in devices["vlan_devices"]:
        notes.append(f"{vios['name']:s}: mkvdev -vlan should print ent{vlan_device['device']:d} for VLAN "
                     f"{vlan_device['vlan']:d} (assumed).")
    if len(devices["ip_interfaces"]) > 1:
        extra = []
        for index in range(1, len(devices["ip_interfaces"])):
            extra.append(f"en{devices['ip_interfaces'][index]:d} (VLAN {plan['ip_vlans'][index]:d})")
        notes.append(f"{vios['name']:s}: give {', '.join(extra)} their addresses by hand; no command is generated "
                     f"for a second address (none is checked here).")
    return notes


def vios_npiv_commands(vios: dict) -> list:
    """VIOS: check the NPIV ports, map every vfchost to its physical port, check the mapping."""
    commands = ["lsnports"]
    for item in vios["adapters"]:
        if item["type"] == "fc-server":
            commands.append(f"vfcmap -vadapter {item['device']:s} -fcp {item['fcs']:s}")
    commands.append("lsmap -all -npiv")
    return commands


def vios_optical_commands(plan: dict, vios: dict) -> list:
    """First VIOS: a media repository, the ISO in it, and one loaded virtual optical drive per vSCSI client."""
    commands = [f"mkrep -sp rootvg -size {plan['repo_size']:d}G",
                f"mkvopt -name {plan['media']:s} -file {plan['iso']:s} -ro"]
    drive = 0
    for item in vios["adapters"]:
        if item["type"] == "scsi-server":
            commands.append(f"mkvdev -fbo -vadapter {item['device']:s}")
            commands.append(f"loadopt -disk {plan['media']:s} -vtd vtopt{drive}")
            drive += 1
    commands.append("lsmap -all")
    return commands


def zoning_commands(plan: dict, partitions: dict) -> list:
    """HMC, after vfcmap: log every client WWPN in (both of each pair) and list them for zoning."""
    system = plan["system"]
    commands = []
    for client in partitions["clients"]:
        commands.append(f"chnportlogin -o login -m {system:s} -p {client['name']:s}")
    for client in partitions["clients"]:
        commands.append(f'lsnportlogin -m {system:s} --filter "lpar_ids={client["id"]:d}"')
    for client in partitions["clients"]:
        commands.append(f"lshwres -r virtualio --rsubtype fc --level lpar -m {system:s} --filter "
                        f"lpar_names={client['name']:s} -F lpar_name,slot_num,wwpns,remote_lpar_name,remote_slot_num")
    return commands


def device_notes(partitions: dict, any_vscsi: bool) -> list:
    """The device-name assumptions the VIOS commands rest on, and how to check them."""
    notes = ["Device names on a VIO server are not knowable before it is installed. These commands assume the "
             "physical Ethernet ports come first (ent0 up), then the virtual adapters in slot order, then the devices "
             "mkvdev makes, each taking the next free number. Check with lsdev -virtual and lsmap -all -net first, "
             "and use the names mkvdev prints.",
             "vfchost0 is assumed to be the first server vFC adapter in slot order (vfchost1 the next, and so on). "
             "Check with lsmap -all -npiv, whose Physloc column ends in -C and the slot number, before vfcmap."]
    if any_vscsi:
        notes.append("vhost0 is assumed to be the first server vSCSI adapter in slot order, and mkvdev -fbo to make "
                     "vtopt0, vtopt1, … in turn; it prints the name it made. Check with lsdev -virtual and lsmap -all.")
    for vios in partitions["vios"]:
        for text in vios["network_notes"]:
            notes.append(text)
    return notes


def fc_warnings(partitions: dict, fcs_ports: list) -> list:
    """Warn when one physical FC port carries more client ports than many adapters allow."""
    warnings = []
    for vios in partitions["vios"]:
        for port in fcs_ports:
            count = 0
            for item in vios["adapters"]:
                if item["fcs"] == port:
                    count += 1
            if count > NPIV_PORTS_WARNING:
                warnings.append(warning("MANY_NPIV_PORTS",
                                        f"{vios['name']:s} {port:s}: {count} client ports; many adapters allow "
                                        f"{NPIV_PORTS_WARNING} (not confirmed in IBM's pages we checked). Check the aports "
                                        f"column of lsnports, or list more fcs ports."))
    return warnings


def flat_commands(result: dict) -> list:
    """Every command line, HMC first (in run order), then the first and second VIO server's."""
    commands = []
    for name in ["check_commands", "vios_create", "vios_install", "client_create", "zoning",
                 "vios1_network", "vios1_npiv", "vios1_optical", "vios2_network", "vios2_npiv"]:
        if result[name] is not None:
            commands.extend(result[name])
    return commands


# ---------------------------------------------------------------- the entry point

def compute(system: str, vios: int, vios_names: list | None, vios_ids: list | None, vios_memory: float,
            vios_procs: int, vios_entitled: float, vios_weight: int, vios_min_memory: float | None,
            vios_max_memory: float | None, vios_min_procs: int | None, vios_max_procs: int | None,
            vios_min_entitled: float | None, vios_max_entitled: float | None, clients: int,
            client_names: list | None, client_ids: list | None, client_memory: float, client_procs: int,
            client_entitled: float, client_weight: int, client_vlans: list, vscsi: list, fc_ports: int,
            vlans: str, ip_vlans: list, ip_on: str, lacp: bool, ctl_vlan: int, ent_ports: list,
            physical_ents: int, fcs_ports: list, vios_ips: list, netmask: str, gateway: str,
            vios_macs: list | None, vios_image: str, profile: str, media: str, iso: str,
            repo_size: float, lmb: str, vios_slots: str | None) -> dict:
    """Every output of the VIO planner (memory in MiB, repository size in GiB, lists already split)."""
    names = vios_names_of(vios, vios_names)
    ids = vios_ids_of(vios, vios_ids)
    guests = client_names_of(clients, client_names)
    guest_ids = client_ids_of(clients, client_ids, ids)
    check_unique(names + guests, ids + guest_ids, vios)
    lmb_mb = whole_number(lmb)
    vios_sizing = profile_sizing("vios", "VIOS", vios_memory, vios_procs, vios_entitled, vios_weight,
                                 vios_min_memory, vios_max_memory, vios_min_procs, vios_max_procs,
                                 vios_min_entitled, vios_max_entitled, lmb_mb)
    client_sizing = profile_sizing("client", "Client", client_memory, client_procs, client_entitled, client_weight,
                                   None, None, None, None, None, None, lmb_mb)
    slots = parse_slots(vios_slots, vios)
    per_client_vlans = per_client("client_vlans", "Client VLANs", client_vlans, clients, "10 or 10,20,10")
    per_client_vscsi = []
    for answer in per_client("vscsi", "Virtual SCSI", vscsi, clients, "yes or yes,no,yes"):
        per_client_vscsi.append(lower_ascii(answer) == "yes")
    networks = parse_networks(vlans)
    check_networks(networks, ip_vlans, ip_on, ctl_vlan, vios, per_client_vlans)
    warnings = vios_sizing["lmb_warnings"] + client_sizing["lmb_warnings"]
    warnings.extend(check_ports(networks, lacp, ent_ports, physical_ents))
    warnings.extend(slot_warnings(names, slots))
    addresses = check_addresses(names, vios_ips, netmask, gateway)
    if len(vios_ips) > vios:
        warnings.append(warning("UNUSED_ADDRESSES",
                                f"VIOS IP addresses: {', '.join(vios_ips[vios:])} not used (one address per VIO "
                                f"server)."))
    repository_gb = math.floor(repo_size + 0.5)
    if abs(repo_size - repository_gb) > 1e-6:
        refuse("repo_size", "REPO_NOT_WHOLE_GB",
               f"Media repository size: {fmt_number(repo_size, 4)} GB is not a whole number of GB; mkrep is given "
               f"whole GB here, such as 10 GiB.")
    plan = {"system": system, "profile": profile, "vios_image": vios_image, "media": media, "iso": iso,
            "repo_size": repository_gb, "vios_names": names, "vios_ids": ids, "client_names": guests,
            "client_ids": guest_ids, "client_vlans": per_client_vlans, "client_vscsi": per_client_vscsi,
            "fc_ports": fc_ports, "networks": networks, "ip_vlans": ip_vlans, "ip_on": ip_on, "ctl_vlan": ctl_vlan,
            "lacp": lacp, "physical_ents": physical_ents, "ent_ports": ent_ports, "fcs_ports": fcs_ports,
            "vios_ips": addresses, "netmask": netmask, "gateway": gateway,
            "vios_macs": boot_macs(names, vios_macs), "vios_sizing": vios_sizing, "client_sizing": client_sizing,
            "vios_slots": slots}
    partitions = build_partitions(plan)
    everyone = partitions["vios"] + partitions["clients"]
    check_slots(everyone)
    any_vscsi = True in per_client_vscsi
    for vios_partition in partitions["vios"]:
        vios_partition["network_notes"] = vios_network_notes(plan, vios_partition)
    warnings.extend(fc_warnings(partitions, fcs_ports))
    if len(plan["vios_macs"]) == 0:
        warnings.append(warning("NO_MAC",
                                "Boot adapter MACs: none given, so installios is printed commented out; run the "
                                "lpar_netboot lines, then give their MACs here (installios needs the MAC)."))
    result = {"sizing": sizing_rows("VIO server", vios_sizing) + sizing_rows("client", client_sizing),
              "adapter_counts": adapter_counts(everyone), "slot_plan": slot_plan_rows(everyone),
              "check_commands": check_commands(plan), "vios_create": vios_create_commands(plan, partitions),
              "vios_install": vios_install_commands(plan, partitions),
              "client_create": client_create_commands(plan, partitions),
              "vios1_network": None, "vios1_npiv": None, "vios1_optical": None,
              "vios2_network": None, "vios2_npiv": None,
              "zoning": zoning_commands(plan, partitions),
              "warnings": warnings, "assumptions": device_notes(partitions, any_vscsi)}
    first = partitions["vios"][0]
    result["vios1_network"] = vios_network_commands(plan, first)
    result["vios1_npiv"] = vios_npiv_commands(first)
    if any_vscsi:
        result["vios1_optical"] = vios_optical_commands(plan, first)
    if len(partitions["vios"]) == 2:
        second = partitions["vios"][1]
        result["vios2_network"] = vios_network_commands(plan, second)
        result["vios2_npiv"] = vios_npiv_commands(second)
    result["commands"] = flat_commands(result)
    return result


def per_client(field: str, label: str, values: list, clients: int, example: str) -> list:
    """One value for every client, or one per client; refuse any other count."""
    if len(values) == clients:
        return values
    if len(values) == 1:
        repeated = []
        for index in range(clients):
            repeated.append(values[0])
        return repeated
    refuse(field, "COUNT_MISMATCH",
           f"{label}: {count_text(len(values), 'value', 'values')} given for {count_text(clients, 'client', 'clients')}; "
           f"give one value for all, or one per client ({example}).")
    return []


def check_ports(networks: list, lacp: bool, ent_ports: list, physical_ents: int) -> list:
    """Refuse too few physical Ethernet ports for the networks (two each with LACP); warn about unused ones."""
    needed = len(networks)
    how = "one per network"
    if lacp:
        needed = needed * 2
        how = "two per network for LACP"
    if len(ent_ports) < needed:
        refuse("ent_ports", "TOO_FEW_PORTS",
               f"Physical Ethernet ports: {count_text(len(ent_ports), 'port', 'ports')} given, {needed:d} needed "
               f"({how}); give more, such as ent0,ent1.")
    for port in ent_ports:
        number = whole_number(port[3:])
        if number >= physical_ents:
            refuse("ent_ports", "PORT_BEYOND_PHYSICAL",
                   f"Physical Ethernet ports: {port:s} is not among the {physical_ents:d} physical ports ent0-"
                   f"ent{physical_ents - 1}; raise the number of physical ports or give a lower port.")
    warnings = []
    if len(ent_ports) > needed:
        warnings.append(warning("UNUSED_PORTS",
                                f"Physical Ethernet ports: {', '.join(ent_ports[needed:])} not used (ports are taken in "
                                f"order, {needed:d} needed)."))
    return warnings


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
                       f"Physical slots of the VIO servers: '{item:s}' is not a DRC index; give the hexadecimal "
                       f"drc_index that lshwres -r io --rsubtype slot lists (such as 21010010), VIO servers separated "
                       f"by ';'.")
            if drc_index in seen:
                refuse("vios_slots", "DUPLICATE_SLOT",
                       f"Physical slots of the VIO servers: {drc_index:s} is given twice; a physical slot belongs to "
                       f"one partition only.")
            seen.append(drc_index)
            group.append(drc_index)
        groups.append(group)
    if len(seen) == 0:
        return []
    if len(groups) != vios_count:
        refuse("vios_slots", "COUNT_MISMATCH",
               f"Physical slots of the VIO servers: {count_text(len(groups), 'group', 'groups')} given for "
               f"{count_text(vios_count, 'VIO server', 'VIO servers')}; give one group per VIO server, separated by "
               f"';' (such as 21010010,21010011;21010020,21010021).")
    for index in range(len(groups)):
        if len(groups[index]) == 0:
            refuse("vios_slots", "EMPTY_GROUP",
                   f"Physical slots of the VIO servers: VIO server {index + 1} has no slot; every VIO server needs its "
                   f"own physical adapters.")
    return groups


def all_hex(text: str) -> bool:
    """True when every character is a lowercase hexadecimal digit."""
    for character in text:
        if index_in(HEX_DIGITS, character) < 0:
            return False
    return True


def slot_warnings(names: list, slots: list) -> list:
    """Warn when no physical slots are given, or a VIO server has fewer than two (one storage, one network)."""
    if len(slots) == 0:
        return [warning("NO_PHYSICAL_SLOTS",
                        "Physical slots of the VIO servers: none given, so the VIO server profiles have no physical "
                        "adapters. Assign each one at least one FC and one Ethernet adapter before installing (the "
                        "commands list the slots and show how).")]
    warnings = []
    for index in range(len(slots)):
        if len(slots[index]) < 2:
            warnings.append(warning("FEW_PHYSICAL_SLOTS",
                                    f"Physical slots of the VIO servers: {names[index]:s} has one slot; a VIO server "
                                    f"needs at least one storage and one network adapter (unless that one adapter "
                                    f"does both)."))
    return warnings
