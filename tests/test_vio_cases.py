"""Valid VIO planner inputs shared by the slot-plan proof and the browser parity tests (no tests here)."""
from __future__ import annotations

import random

from hypothesis import strategies as st


def configuration_from(rng: random.Random) -> tuple[dict[str, str], int, list[bool]]:
    """A valid planner input drawn from a seeded Random: IDs, names, ports, networks and IP placement."""
    vios = rng.randint(1, 2)
    clients = rng.randint(1, 12)
    ids = rng.sample(range(1, 255), vios + clients)
    network_count = rng.randint(1, 3 if vios == 2 else 6)
    vlan_pool = rng.sample(range(1, 4000), network_count * 3)
    networks = [vlan_pool[number * 3:number * 3 + rng.randint(1, 3)] for number in range(network_count)]
    all_vlans = [vlan for network in networks for vlan in network]
    ip_on = rng.choice(["adapter", "sea"])
    room = 8 - network_count * (2 if vios == 2 else 1)
    ip_count = rng.randint(1, max(1, min(2, len(all_vlans), room if ip_on == "adapter" else 2)))
    ip_vlans = rng.sample(all_vlans, ip_count)
    lacp = rng.random() < 0.5
    ports_needed = network_count * (2 if lacp else 1)
    fc_ports = rng.randint(1, 8)
    vscsi = [rng.random() < 0.5 for _ in range(clients)]
    client_vlans = [rng.choice(all_vlans) for _ in range(clients)]
    values = {
        "vios": str(vios), "vios-ids": ",".join(map(str, ids[:vios])),
        "vios-names": ",".join(f"v{number}-{ids[number]}" for number in range(vios)),
        "clients": str(clients), "client-ids": ",".join(map(str, ids[vios:])),
        "client-names": ",".join(f"lpar_{pid}" for pid in ids[vios:]),
        "fc-ports": str(fc_ports), "vscsi": ",".join("yes" if flag else "no" for flag in vscsi),
        "vlans": ";".join(",".join(map(str, network)) for network in networks),
        "ip-vlans": ",".join(map(str, ip_vlans)), "ip-on": ip_on, "lacp": "yes" if lacp else "no",
        "client-vlans": ",".join(map(str, client_vlans)),
        "ent-ports": ",".join(f"ent{number}" for number in range(ports_needed)),
        "physical-ents": str(ports_needed),
        "fcs-ports": ",".join(f"fcs{number}" for number in range(rng.randint(1, 4))),
        "vios-ips": ",".join(f"192.0.2.{11 + number}" for number in range(vios)),
    }
    if rng.random() < 0.5:
        values["vios-macs"] = ",".join(f"b8:3f:d2:2b:9a:{number:02x}" for number in range(vios))
    return values, fc_ports, vscsi


def configurations() -> st.SearchStrategy[tuple[dict[str, str], int, list[bool]]]:
    """Hypothesis strategy of valid planner inputs."""
    return st.randoms(use_true_random=False).map(configuration_from)
