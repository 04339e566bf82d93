"""Networks and addresses: VLANs per physical network, control channels, Ethernet ports, IPv4 and MAC addresses.

Checks what the VIO servers' network needs before any slot is planned (VLANs every trunk carries, the
control-channel range, enough physical ports, the gateway inside each subnet). Compiled to JavaScript with
the planner: keep to the subset of docs-dev/calculators.md.
"""
from __future__ import annotations

from calculators.runtime import decimal_number, lower_ascii

from .rules import MAX_VLAN, VIOS_ETHERNET_FIRST_SLOT, VIOS_ETHERNET_LAST_SLOT
from .texts import MACS_LEAD, NETWORKS_LEAD, all_hex, count_text, join_ints, refuse, warning

# Address block sizes a contiguous netmask octet leaves (256 - octet).
BLOCK_SIZES = [1, 2, 4, 8, 16, 32, 64, 128, 256]


def parse_networks(vlans: str) -> list:
    """Physical networks from text such as '10,20;30': networks split by ';', VLAN IDs by ',' or blanks."""
    networks = []
    seen = []
    groups = vlans.split(";")
    for number in range(len(groups)):
        network = []
        for item in groups[number].replace(",", " ").split():
            value = decimal_number(item)
            if value < 1 or value > MAX_VLAN:
                refuse("vlans", "VLAN_OUT_OF_RANGE",
                       f"{NETWORKS_LEAD}'{item:s}' is not a VLAN ID; give whole numbers from 1 to 4094 (0 and 4095 "
                       f"are reserved by IEEE 802.1Q), networks separated by ';'.")
            if value in seen:
                refuse("vlans", "VLAN_REPEATED",
                       f"{NETWORKS_LEAD}VLAN {value:d} is given twice; each VLAN belongs to one network (one "
                       f"trunk adapter per VIO server).")
            seen.append(value)
            network.append(value)
        if len(network) == 0:
            refuse("vlans", "EMPTY_NETWORK",
                   f"{NETWORKS_LEAD}network {number + 1} has no VLAN ID; give each network's VLANs (the first "
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
               f"{NETWORKS_LEAD}{count_text(len(networks), 'network needs', 'networks need')} {needed:d} "
               f"Ethernet adapters on each VIO server (trunks, control channels, IP adapters), but the slot "
               f"convention keeps slots 2-9 ({room:d}) for them; use fewer networks or IP VLANs, or IP on the SEA.")


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
        number = decimal_number(port[3:])
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


def ipv4_octets(field: str, label: str, text: str) -> list:
    """A dotted IPv4 address as four numbers; refuse anything else."""
    parts = text.split(".")
    octets = []
    for part in parts:
        value = decimal_number(part)
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
    if not all_hex(digits):
        good = False
    if len(text) == 17:
        for index in range(2, 17, 3):
            if text[index] != ":":
                good = False
    if not good:
        refuse(field, "BAD_MAC",
               f"{MACS_LEAD}'{text}' is not a MAC address; give 12 hex digits, such as b83fd22b9a04 or "
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
               f"{MACS_LEAD}{count_text(len(vios_macs), 'MAC', 'MACs')} given for "
               f"{count_text(len(vios_names), 'VIO server', 'VIO servers')}; give one per VIO server, or leave it "
               f"empty.")
    macs = []
    for text in vios_macs:
        macs.append(mac_text("vios_macs", text))
    return macs
