"""The VIO planner's entry point: `compute` checks the inputs and assembles every output from the concept modules.

rules.py (our limits and the slot convention), partitions.py (names and IDs), sizing.py, networks.py
(networks and addresses), slots.py (slot plan and device names) and commands.py (HMC and VIOS commands)
hold the logic; jsgen compiles this module and follows its `from .module import name` imports into one
JavaScript file (docs-dev/calculators.md).
"""
from __future__ import annotations

import math
from typing import TYPE_CHECKING

from calculators.runtime import decimal_number, fmt_number, lower_ascii

from .commands import (
    check_commands,
    client_create_commands,
    device_notes,
    fc_warnings,
    flat_commands,
    vios_create_commands,
    vios_install_commands,
    vios_network_commands,
    vios_network_notes,
    vios_npiv_commands,
    vios_optical_commands,
    zoning_commands,
)
from .networks import boot_macs, check_addresses, check_networks, check_ports, parse_networks
from .partitions import check_unique, client_ids_of, client_names_of, per_client, vios_ids_of, vios_names_of
from .sizing import profile_sizing, sizing_rows
from .slots import adapter_counts, build_partitions, check_slots, parse_slots, slot_plan_rows, slot_warnings
from .texts import MACS_LEAD, refuse, warning

if TYPE_CHECKING:
    from .plan import Plan


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
    lmb_mb = decimal_number(lmb)
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
    plan: Plan = {"system": system, "profile": profile, "vios_image": vios_image, "media": media, "iso": iso,
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
                                f"{MACS_LEAD}none given, so installios is printed commented out; run the "
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
