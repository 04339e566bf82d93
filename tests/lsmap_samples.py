"""lsmap text written from a slot plan, in the default layout of IBM's lsmap command (our own samples, not IBM's text).

`lsmap -all -npiv`: per vfchost a header, a dashed rule, the adapter line (Name, Physloc, ClntID, ClntName,
ClntOS), then Status:, FC name: … FC loc code:, Ports logged in:, Flags:, VFC client name: … VFC client DRC:.
`lsmap -all`: per vhost the header SVSA / Physloc / Client Partition ID (hexadecimal), then one block per
virtual target device (VTD, Status, LUN, Backing device, Physloc, Mirrored).
"""
from __future__ import annotations

from typing import Any

SYSTEM = "U9117.MMA.101F170"
ENCLOSURE = "U789C.001.DQD1234"
NPIV_HEADER = ["Name          Physloc                            ClntID ClntName       ClntOS",
               "------------- ---------------------------------- ------ -------------- -------"]
SCSI_HEADER = ["SVSA            Physloc                                      Client Partition ID",
               "--------------- -------------------------------------------- ------------------"]


def npiv_adapter(device: str, vios_id: int, slot: int, client_id: int | None, client_name: str, fcs: str,
                 client_slot: int | None, status: str = "LOGGED_IN") -> list[str]:
    """One vfchost as lsmap -all -npiv prints it; client_id None prints a not-logged-in adapter."""
    physloc = f"{SYSTEM}-V{vios_id}-C{slot}"
    if client_id is None:
        lines = [*NPIV_HEADER, f"{device:<13} {physloc:<34}", "", f"Status:{status}"]
    else:
        lines = [*NPIV_HEADER, f"{device:<13} {physloc:<34} {client_id:>6} {client_name:<14} AIX", "", f"Status:{status}"]
    port = fcs[3:] if fcs else ""
    location = f"{ENCLOSURE}-P1-C2-T{int(port or 0) + 1}" if fcs else ""
    lines.append(f"FC name:{fcs:<24}FC loc code:{location}")
    logged = status == "LOGGED_IN"
    lines.append(f"Ports logged in:{2 if logged else 0}")
    lines.append("Flags:a<LOGGED_IN,STRIP_MERGE>" if logged else "Flags:4<NOT_LOGGED>")
    drc = f"{SYSTEM}-V{client_id}-C{client_slot}" if client_id is not None and client_slot is not None else ""
    client_fcs = "fcs0" if drc else ""
    lines.append(f"VFC client name:{client_fcs:<16}VFC client DRC:{drc}")
    return [*lines, ""]


def scsi_adapter(device: str, vios_id: int, slot: int, client_id: int, devices: tuple[str, ...] = ("vtopt0",)) -> list[str]:
    """One vhost as lsmap -all prints it (client ID in hexadecimal)."""
    physloc = f"{SYSTEM}-V{vios_id}-C{slot}"
    lines = [*SCSI_HEADER, f"{device:<15} {physloc:<44} 0x{client_id:08x}", ""]
    if not devices:
        return [*lines, "VTD                   NO VIRTUAL TARGET DEVICE FOUND", ""]
    for number, vtd in enumerate(devices):
        lines += [f"VTD                   {vtd}", "Status                Available", f"LUN                   0x{0x81 + number:02x}00000000000000",
                  "Backing device        /var/vio/VMLibrary/aix_install", "Physloc", "Mirrored              N/A", ""]
    return lines


def render(slot_plan: list[dict[str, Any]], vios_id: int, npiv: bool = True, scsi: bool = True) -> str:
    """The lsmap text a VIO server built exactly as planned prints (npiv first, then vSCSI, as two pasted outputs)."""
    lines: list[str] = []
    rows = [row for row in slot_plan if row["partition_id"] == vios_id]
    if npiv:
        lines.append("$ lsmap -all -npiv")
        for number, row in enumerate(row for row in rows if row["type"] == "fc-server"):
            lines += npiv_adapter(f"vfchost{number}", vios_id, row["slot"], row["partner_id"], row["partner"],
                                  row["fcs"], row["partner_slot"])
    if scsi:
        lines.append("$ lsmap -all")
        for number, row in enumerate(row for row in rows if row["type"] == "scsi-server"):
            lines += scsi_adapter(f"vhost{number}", vios_id, row["slot"], row["partner_id"])
    return "\n".join(lines) + "\n"
