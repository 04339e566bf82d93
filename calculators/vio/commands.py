"""The HMC and VIOS commands that build the plan, step by step, with the HMC's adapter strings and quoting.

Command forms follow IBM's HMC man pages (mksyscfg, chsyscfg, lshwres, installios, chnportlogin) and the
VIOS command pages (mkvdev, mktcpip, vfcmap, lsmap); the notes say which device names the commands
assume. Compiled to JavaScript with the planner: keep to the subset of docs-dev/calculators.md.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from .slots import max_virtual_slots
from .texts import hundredths_text, join_ints, warning

if TYPE_CHECKING:
    from .plan import Plan

# Above this many client ports on one physical FC port, warn (lsnports' aports shows what is left).
NPIV_PORTS_WARNING = 64


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


def check_commands(plan: Plan) -> list:
    """HMC: list the partitions already on the system, to see that no name or ID clashes."""
    return [f"lssyscfg -r lpar -m {plan['system']:s} -F name,lpar_id,state"]


def vios_create_commands(plan: Plan, partitions: dict) -> list:
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


def vios_install_commands(plan: Plan, partitions: dict) -> list:
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


def client_create_commands(plan: Plan, partitions: dict) -> list:
    """HMC: one mksyscfg per client."""
    commands = []
    for client in partitions["clients"]:
        commands.append(mksyscfg_command(plan["system"], plan["profile"], client, plan["client_sizing"], []))
    return commands


def vios_network_commands(plan: Plan, vios: dict) -> list:
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


def vios_network_notes(plan: Plan, vios: dict) -> list:
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


def vios_optical_commands(plan: Plan, vios: dict) -> list:
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


def zoning_commands(plan: Plan, partitions: dict) -> list:
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
