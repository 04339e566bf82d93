"""Partition names and IDs: the VIO servers' and clients' as given or numbered, one value per client, no clashes.

Compiled to JavaScript with the planner: keep to the subset of docs-dev/calculators.md.
"""
from __future__ import annotations

from calculators.runtime import lower_ascii

from .rules import MAX_PARTITION_ID
from .texts import count_text, refuse


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


def per_client(field: str, label: str, values: list, clients: int, example: str) -> list:
    """One value for every client, or one per client; refuse any other count."""
    if len(values) == clients:
        return values
    if len(values) == 1:
        repeated = []
        for _index in range(clients):
            repeated.append(values[0])
        return repeated
    refuse(field, "COUNT_MISMATCH",
           f"{label}: {count_text(len(values), 'value', 'values')} given for {count_text(clients, 'client', 'clients')}; "
           f"give one value for all, or one per client ({example}).")
    return []
