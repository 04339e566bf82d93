"""The plan: every checked input the VIO planner's steps read, as one typed record.

compute() (model.py) checks its 41 field values and builds this record once; slots.py and commands.py
read it. A TypedDict, so mypy checks every key and value type where a step reads the plan, while at run
time (and in the compiled JavaScript, a Map) it stays the plain dict it was. Python-only: the compiled
modules import it under TYPE_CHECKING, which jsgen skips, so this module is never compiled.
"""
from __future__ import annotations

from typing import Any, TypedDict


class Plan(TypedDict):
    """The checked inputs: names and IDs, sizing, networks, ports, addresses and install settings."""

    system: str
    profile: str
    vios_image: str
    media: str
    iso: str
    repo_size: int  # whole GB
    vios_names: list[str]
    vios_ids: list[int]
    client_names: list[str]
    client_ids: list[int]
    client_vlans: list[int]  # one per client
    client_vscsi: list[bool]  # one per client
    fc_ports: int  # per client on each VIO server
    networks: list[list[int]]  # VLAN IDs per physical network, the port VLAN ID first
    ip_vlans: list[int]
    ip_on: str  # "adapter" or "sea"
    ctl_vlan: int
    lacp: bool
    physical_ents: int
    ent_ports: list[str]
    fcs_ports: list[str]
    vios_ips: list[str]  # one per VIO server, dotted
    netmask: str
    gateway: str
    vios_macs: list[str]  # aa:bb:cc:dd:ee:ff, one per VIO server, or none
    vios_sizing: dict[str, Any]  # sizing.profile_sizing
    client_sizing: dict[str, Any]
    vios_slots: list[list[str]]  # DRC indexes per VIO server, or none
