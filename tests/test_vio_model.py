"""VIO planner: golden command lines checked by hand against the HMC and VIOS man pages,
the slot convention, max_virtual_slots, and every refusal with its message."""
from __future__ import annotations

import pytest

from calculators.registry import get
from calculators.vio import model

CALCULATOR = get("vio")  # from the registry: it hands down the unit vocabulary

# Hand check of every golden line against the HMC man pages (mksyscfg, lshwres, chsyscfg) and the VIOS command pages:
# - virtual_eth_adapters entry: slot/is-IEEE/port-vlan-ID/[additional-vlan-IDs]/[trunk-priority]/is-required;
#   IEEE 1 only where VLANs are tagged; trunk priority 1 on the first VIOS, 2 on the second, 0 = not a trunk.
# - virtual_scsi_adapters entry: slot/client|server/remote-ID/remote-name/remote-slot/is-required.
# - virtual_fc_adapters entry: slot/client|server/remote-ID/remote-name/remote-slot/[wwpns]/is-required,
#   WWPNs empty so the HMC makes the pair ("3/client/2/vios1/30//1").
# - quoting: an attribute whose value has commas in "…", an entry with commas in ""…"", the whole -i in '…'
#   (the reference's chsyscfg example) so no backslash escapes are needed.
# - memory in MB (6 GiB = 6144), min half rounded down to 256 MB, max double; min_procs 1, max twice;
#   min units half the desired (0.3 → 0.15), max 1.0 per desired virtual processor (3 → 3.0).
# - installios in the synopsis order -p -i -S -g -d -s -m -r, plus -n; mkvdev -sea … -attr ha_mode=auto
#   ctl_chan=…; mktcpip -hostname -inetaddr -interface -start -netmask -gateway (synopsis order).
# - no physical slots given: the slot listing comes before the VIO servers are made, and the step to
#   assign adapters (chsyscfg … io_slots+=drc_index//1, a comment with a placeholder) right after.
NO_SLOTS_LISTING = [
    "# No physical slots given: list them, with their DRC index, location code and owner.",
    "lshwres -r io --rsubtype slot -m power1 -F drc_index,drc_name,description,lpar_name",
]
NO_SLOTS_ASSIGN = [
    "# BEFORE installing: give each VIO server its physical adapters (at least one FC and one Ethernet),",
    "# or put their DRC indexes in 'Physical slots of the VIO servers' and create again. By hand, per slot:",
    "# chsyscfg -r prof -m power1 -i 'name=default,lpar_name=vios1,io_slots+=<drc_index>//1'",
    "# chsyscfg -r prof -m power1 -i 'name=default,lpar_name=vios2,io_slots+=<drc_index>//1'",
]
DEFAULT_COMMANDS = [
    "lssyscfg -r lpar -m power1 -F name,lpar_id,state",
    *NO_SLOTS_LISTING,
    "mksyscfg -r lpar -m power1 -i 'name=vios1,profile_name=default,lpar_env=vioserver,lpar_id=1,"
    "min_mem=3072,desired_mem=6144,max_mem=12288,mem_mode=ded,proc_mode=shared,min_proc_units=0.15,"
    "desired_proc_units=0.3,max_proc_units=3.0,min_procs=1,desired_procs=3,max_procs=6,sharing_mode=uncap,"
    "uncap_weight=255,max_virtual_slots=150,"
    '"virtual_eth_adapters=2/1/10/20/1/1,3/0/4094//0/1,4/0/10//0/1",'
    '"virtual_scsi_adapters=30/server/3/aix1/10/1,40/server/4/aix2/10/1",'
    '"virtual_fc_adapters=31/server/3/aix1/11//1,32/server/3/aix1/12//1,41/server/4/aix2/11//1,'
    '42/server/4/aix2/12//1",boot_mode=norm,auto_start=1\'',
    "mksyscfg -r lpar -m power1 -i 'name=vios2,profile_name=default,lpar_env=vioserver,lpar_id=2,"
    "min_mem=3072,desired_mem=6144,max_mem=12288,mem_mode=ded,proc_mode=shared,min_proc_units=0.15,"
    "desired_proc_units=0.3,max_proc_units=3.0,min_procs=1,desired_procs=3,max_procs=6,sharing_mode=uncap,"
    "uncap_weight=255,max_virtual_slots=150,"
    '"virtual_eth_adapters=2/1/10/20/2/1,3/0/4094//0/1,4/0/10//0/1",'
    '"virtual_scsi_adapters=30/server/3/aix1/20/1,40/server/4/aix2/20/1",'
    '"virtual_fc_adapters=31/server/3/aix1/21//1,32/server/3/aix1/22//1,41/server/4/aix2/21//1,'
    '42/server/4/aix2/22//1",boot_mode=norm,auto_start=1\'',
    *NO_SLOTS_ASSIGN,
    "lpar_netboot -M -n -t ent -A vios1 default power1",
    "lpar_netboot -M -n -t ent -A vios2 default power1",
    "# installios -p vios1 -i 192.0.2.11 -S 255.255.255.0 -g 192.0.2.1 -d /dev/cdrom -s power1 "
    "-m <MAC from lpar_netboot> -r default -n",
    "# installios -p vios2 -i 192.0.2.12 -S 255.255.255.0 -g 192.0.2.1 -d /dev/cdrom -s power1 "
    "-m <MAC from lpar_netboot> -r default -n",
    "mksyscfg -r lpar -m power1 -i 'name=aix1,profile_name=default,lpar_env=aixlinux,lpar_id=3,"
    "min_mem=4096,desired_mem=8192,max_mem=16384,mem_mode=ded,proc_mode=shared,min_proc_units=0.25,"
    "desired_proc_units=0.5,max_proc_units=2.0,min_procs=1,desired_procs=2,max_procs=4,sharing_mode=uncap,"
    "uncap_weight=128,max_virtual_slots=40,virtual_eth_adapters=2/0/10//0/1,"
    '"virtual_scsi_adapters=10/client/1/vios1/30/1,20/client/2/vios2/30/1",'
    '"virtual_fc_adapters=11/client/1/vios1/31//1,12/client/1/vios1/32//1,21/client/2/vios2/31//1,'
    '22/client/2/vios2/32//1",boot_mode=sms,auto_start=0\'',
    "mksyscfg -r lpar -m power1 -i 'name=aix2,profile_name=default,lpar_env=aixlinux,lpar_id=4,"
    "min_mem=4096,desired_mem=8192,max_mem=16384,mem_mode=ded,proc_mode=shared,min_proc_units=0.25,"
    "desired_proc_units=0.5,max_proc_units=2.0,min_procs=1,desired_procs=2,max_procs=4,sharing_mode=uncap,"
    "uncap_weight=128,max_virtual_slots=40,virtual_eth_adapters=2/0/10//0/1,"
    '"virtual_scsi_adapters=10/client/1/vios1/40/1,20/client/2/vios2/40/1",'
    '"virtual_fc_adapters=11/client/1/vios1/41//1,12/client/1/vios1/42//1,21/client/2/vios2/41//1,'
    '22/client/2/vios2/42//1",boot_mode=sms,auto_start=0\'',
    "chnportlogin -o login -m power1 -p aix1",
    "chnportlogin -o login -m power1 -p aix2",
    'lsnportlogin -m power1 --filter "lpar_ids=3"',
    'lsnportlogin -m power1 --filter "lpar_ids=4"',
    "lshwres -r virtualio --rsubtype fc --level lpar -m power1 --filter lpar_names=aix1 "
    "-F lpar_name,slot_num,wwpns,remote_lpar_name,remote_slot_num",
    "lshwres -r virtualio --rsubtype fc --level lpar -m power1 --filter lpar_names=aix2 "
    "-F lpar_name,slot_num,wwpns,remote_lpar_name,remote_slot_num",
    # First VIOS. ent0-ent3 physical; ent4 trunk (slot 2), ent5 control channel (3), ent6 IP adapter (4);
    # the aggregation becomes ent7, the SEA ent8; the IP goes on en6.
    "lsdev -virtual",
    "mkvdev -lnagg ent0 ent1 -attr mode=8023ad",
    "mkvdev -sea ent7 -vadapter ent4 -default ent4 -defaultid 10 -attr ha_mode=auto ctl_chan=ent5",
    "lsmap -all -net",
    "mktcpip -hostname vios1 -inetaddr 192.0.2.11 -interface en6 -start -netmask 255.255.255.0 "
    "-gateway 192.0.2.1",
    "lsnports",
    "vfcmap -vadapter vfchost0 -fcp fcs0",
    "vfcmap -vadapter vfchost1 -fcp fcs1",
    "vfcmap -vadapter vfchost2 -fcp fcs0",
    "vfcmap -vadapter vfchost3 -fcp fcs1",
    "lsmap -all -npiv",
    "mkrep -sp rootvg -size 10G",
    "mkvopt -name aix_install -file /home/padmin/aix_install.iso -ro",
    "mkvdev -fbo -vadapter vhost0",
    "loadopt -disk aix_install -vtd vtopt0",
    "mkvdev -fbo -vadapter vhost1",
    "loadopt -disk aix_install -vtd vtopt1",
    "lsmap -all",
    # Second VIOS: same devices; its round-robin over fcs ports starts one port later.
    "lsdev -virtual",
    "mkvdev -lnagg ent0 ent1 -attr mode=8023ad",
    "mkvdev -sea ent7 -vadapter ent4 -default ent4 -defaultid 10 -attr ha_mode=auto ctl_chan=ent5",
    "lsmap -all -net",
    "mktcpip -hostname vios2 -inetaddr 192.0.2.12 -interface en6 -start -netmask 255.255.255.0 "
    "-gateway 192.0.2.1",
    "lsnports",
    "vfcmap -vadapter vfchost0 -fcp fcs1",
    "vfcmap -vadapter vfchost1 -fcp fcs0",
    "vfcmap -vadapter vfchost2 -fcp fcs1",
    "vfcmap -vadapter vfchost3 -fcp fcs0",
    "lsmap -all -npiv",
]

# One VIOS (ID 10), one client (ID 21, block 210-219), a /23 subnet, the IP on a tagged VLAN of the SEA.
# Hand check: trunk "2/1/100/200,300/1/1" has commas, so it is ""…"" inside "virtual_eth_adapters=…";
# a lone entry without commas needs no quotes (virtual_fc_adapters=211/server/21/db01/11//1).
# max_virtual_slots: VIOS highest 211 → block end 220 + 100 = 320; client highest 11 → 20 + 10 = 30.
# Devices: ent0-ent3 physical, trunk ent4, SEA ent5 on ent2 (no LACP), VLAN device ent6 → en6.
SINGLE_VALUES = {
    "system": "Server-9009-42A-SN7800001", "vios": "1", "vios-names": "vioA", "vios-ids": "10", "clients": "1",
    "client-names": "db01", "client-ids": "21", "fc-ports": "1", "vscsi": "no", "lacp": "no", "ent-ports": "ent2",
    "vlans": "100,200,300", "ip-vlans": "200", "ip-on": "sea", "client-vlans": "300", "vios-ips": "10.1.2.10",
    "netmask": "255.255.254.0", "gateway": "10.1.3.254", "vios-macs": "B83FD22B9A04",
    "vios-image": "/extra/viosimages/dvdimage.v1.iso", "vios-slots": "21010010,21010011",
}
SINGLE_COMMANDS = [
    "lssyscfg -r lpar -m Server-9009-42A-SN7800001 -F name,lpar_id,state",
    "mksyscfg -r lpar -m Server-9009-42A-SN7800001 -i 'name=vioA,profile_name=default,lpar_env=vioserver,"
    "lpar_id=10,min_mem=3072,desired_mem=6144,max_mem=12288,mem_mode=ded,proc_mode=shared,min_proc_units=0.15,"
    "desired_proc_units=0.3,max_proc_units=3.0,min_procs=1,desired_procs=3,max_procs=6,sharing_mode=uncap,"
    'uncap_weight=255,max_virtual_slots=320,"io_slots=21010010//1,21010011//1",'
    '"virtual_eth_adapters=""2/1/100/200,300/1/1""",'
    "virtual_fc_adapters=211/server/21/db01/11//1,boot_mode=norm,auto_start=1'",
    "lpar_netboot -M -n -t ent -A vioA default Server-9009-42A-SN7800001",
    "installios -p vioA -i 10.1.2.10 -S 255.255.254.0 -g 10.1.3.254 -d /extra/viosimages/dvdimage.v1.iso "
    "-s Server-9009-42A-SN7800001 -m b8:3f:d2:2b:9a:04 -r default -n",
    "mksyscfg -r lpar -m Server-9009-42A-SN7800001 -i 'name=db01,profile_name=default,lpar_env=aixlinux,"
    "lpar_id=21,min_mem=4096,desired_mem=8192,max_mem=16384,mem_mode=ded,proc_mode=shared,min_proc_units=0.25,"
    "desired_proc_units=0.5,max_proc_units=2.0,min_procs=1,desired_procs=2,max_procs=4,sharing_mode=uncap,"
    "uncap_weight=128,max_virtual_slots=30,virtual_eth_adapters=2/0/300//0/1,"
    "virtual_fc_adapters=11/client/10/vioA/211//1,boot_mode=sms,auto_start=0'",
    "chnportlogin -o login -m Server-9009-42A-SN7800001 -p db01",
    'lsnportlogin -m Server-9009-42A-SN7800001 --filter "lpar_ids=21"',
    "lshwres -r virtualio --rsubtype fc --level lpar -m Server-9009-42A-SN7800001 --filter lpar_names=db01 "
    "-F lpar_name,slot_num,wwpns,remote_lpar_name,remote_slot_num",
    "lsdev -virtual",
    "mkvdev -sea ent2 -vadapter ent4 -default ent4 -defaultid 100",
    "mkvdev -vlan ent5 -tagid 200",
    "lsmap -all -net",
    "mktcpip -hostname vioA -inetaddr 10.1.2.10 -interface en6 -start -netmask 255.255.254.0 -gateway 10.1.3.254",
    "lsnports",
    "vfcmap -vadapter vfchost0 -fcp fcs0",
    "lsmap -all -npiv",
]

# Two networks (two SEA pairs), clients given out of ID order, three FC ports, mixed vSCSI.
# Hand check of the VIOS Ethernet: trunks in slots 2-3, control channels 4094 and 4093 in 4-5, IP adapter
# in 6; with six physical ports: ent6 trunk 1, ent7 trunk 2, ent8/ent9 control channels, ent10 IP,
# aggregations ent11/ent12, so SEA 1 is on ent11 with ctl_chan=ent8 and SEA 2 on ent12 with ctl_chan=ent9.
# Slot order on a VIOS is client ID order 5, 9, 12: vhost0 → app3 (slot 90), vhost1 → app1 (slot 120),
# vfchost0-2 → app2 (51-53). Four fcs ports round-robin: first VIOS fcs0,1,2,3,0,…; second from fcs1.
PAIR_VALUES = {
    "clients": "3", "client-names": "app1,app2,app3", "client-ids": "12,5,9", "fc-ports": "3",
    "vscsi": "yes,no,yes", "vlans": "10,20,30;40", "client-vlans": "20,40,10", "ip-vlans": "10",
    "vios-memory": "8 GiB", "vios-procs": "4", "vios-entitled": "1.25", "vios-min-entitled": "0.5",
    "ent-ports": "ent0,ent1,ent2,ent3", "physical-ents": "6", "fcs-ports": "fcs0,fcs1,fcs2,fcs3",
    "vios-slots": "21010010 21010011 21010012; 21010020,21010021,21010022",
}
PAIR_VIOS1_CREATE = (
    "mksyscfg -r lpar -m power1 -i 'name=vios1,profile_name=default,lpar_env=vioserver,lpar_id=1,min_mem=4096,"
    "desired_mem=8192,max_mem=16384,mem_mode=ded,proc_mode=shared,min_proc_units=0.5,desired_proc_units=1.25,"
    "max_proc_units=4.0,min_procs=1,desired_procs=4,max_procs=8,sharing_mode=uncap,uncap_weight=255,"
    'max_virtual_slots=230,"io_slots=21010010//1,21010011//1,21010012//1",'
    '"virtual_eth_adapters=""2/1/10/20,30/1/1"",3/0/40//1/1,4/0/4094//0/1,5/0/4093//0/1,'
    '6/0/10//0/1","virtual_scsi_adapters=90/server/9/app3/10/1,120/server/12/app1/10/1",'
    '"virtual_fc_adapters=51/server/5/app2/11//1,52/server/5/app2/12//1,53/server/5/app2/13//1,'
    "91/server/9/app3/11//1,92/server/9/app3/12//1,93/server/9/app3/13//1,121/server/12/app1/11//1,"
    '122/server/12/app1/12//1,123/server/12/app1/13//1",boot_mode=norm,auto_start=1\''
)
PAIR_APP2_CREATE = (
    "mksyscfg -r lpar -m power1 -i 'name=app2,profile_name=default,lpar_env=aixlinux,lpar_id=5,min_mem=4096,"
    "desired_mem=8192,max_mem=16384,mem_mode=ded,proc_mode=shared,min_proc_units=0.25,desired_proc_units=0.5,"
    "max_proc_units=2.0,min_procs=1,desired_procs=2,max_procs=4,sharing_mode=uncap,uncap_weight=128,"
    'max_virtual_slots=40,virtual_eth_adapters=2/0/40//0/1,"virtual_fc_adapters=11/client/1/vios1/51//1,'
    "12/client/1/vios1/52//1,13/client/1/vios1/53//1,21/client/2/vios2/51//1,22/client/2/vios2/52//1,"
    '23/client/2/vios2/53//1",boot_mode=sms,auto_start=0\''
)
PAIR_VIOS1_NETWORK = [
    "lsdev -virtual",
    "mkvdev -lnagg ent0 ent1 -attr mode=8023ad",
    "mkvdev -lnagg ent2 ent3 -attr mode=8023ad",
    "mkvdev -sea ent11 -vadapter ent6 -default ent6 -defaultid 10 -attr ha_mode=auto ctl_chan=ent8",
    "mkvdev -sea ent12 -vadapter ent7 -default ent7 -defaultid 40 -attr ha_mode=auto ctl_chan=ent9",
    "lsmap -all -net",
    "mktcpip -hostname vios1 -inetaddr 192.0.2.11 -interface en10 -start -netmask 255.255.255.0 -gateway 192.0.2.1",
]
PAIR_VIOS2_NPIV = ["lsnports"] + [f"vfcmap -vadapter vfchost{n} -fcp fcs{(n + 1) % 4}" for n in range(9)] + [
    "lsmap -all -npiv"]


def evaluate(values: dict[str, str]):
    """Evaluate the planner with the page's defaults for everything not given."""
    return CALCULATOR.evaluate(values)


def test_default_commands_are_the_golden_lines() -> None:
    result = evaluate({})
    assert result.ok, result.errors
    assert result.result["commands"] == DEFAULT_COMMANDS


def test_single_vios_with_ip_on_a_tagged_sea_vlan() -> None:
    result = evaluate(SINGLE_VALUES)
    assert result.ok, result.errors
    assert result.result["commands"] == SINGLE_COMMANDS
    assert result.result["vios2_network"] is None and result.result["vios1_optical"] is None


def test_two_networks_out_of_order_ids_and_mixed_vscsi() -> None:
    result = evaluate(PAIR_VALUES).result
    assert result["vios_create"][0] == PAIR_VIOS1_CREATE
    assert result["client_create"][1] == PAIR_APP2_CREATE
    assert result["vios1_network"] == PAIR_VIOS1_NETWORK
    assert result["vios2_npiv"] == PAIR_VIOS2_NPIV
    assert result["vios1_optical"][2:6] == ["mkvdev -fbo -vadapter vhost0", "loadopt -disk aix_install -vtd vtopt0",
                                           "mkvdev -fbo -vadapter vhost1", "loadopt -disk aix_install -vtd vtopt1"]


def test_commands_are_hmc_first_then_each_vios() -> None:
    result = evaluate({}).result
    hmc = result["check_commands"] + result["vios_create"] + result["vios_install"] + result["client_create"]
    hmc += result["zoning"]
    vios = result["vios1_network"] + result["vios1_npiv"] + result["vios1_optical"]
    vios += result["vios2_network"] + result["vios2_npiv"]
    assert result["commands"] == hmc + vios


def test_slot_plan_rows_name_the_partner_both_ways() -> None:
    rows = evaluate({}).result["slot_plan"]
    by_key = {(row["partition_id"], row["slot"]): row for row in rows}
    client_port = by_key[(4, 22)]
    assert (client_port["type"], client_port["partner"], client_port["partner_id"], client_port["partner_slot"]) == (
        "fc-client", "vios2", 2, 42)
    server_port = by_key[(2, 42)]
    assert (server_port["partner"], server_port["partner_id"], server_port["partner_slot"]) == ("aix2", 4, 22)
    assert server_port["detail"] == "vfchost3 (assumed) to fcs0"
    assert by_key[(1, 2)]["detail"] == "network 1: PVID 10, tagged 20, trunk priority 1; ent4 (assumed)"


def test_max_virtual_slots_rule() -> None:
    vios = {"role": "vios", "adapters": [{"slot": 2}, {"slot": 42}]}
    client = {"role": "client", "adapters": [{"slot": 2}, {"slot": 22}]}
    # VIOS: highest 42 → end of block 40-49 is 50, plus ten spare client blocks (100) = 150.
    assert model.max_virtual_slots(vios) == 150
    # Client: highest 22 → end of block 20-29 is 30, plus one spare block (10) = 40.
    assert model.max_virtual_slots(client) == 40
    assert model.max_virtual_slots({"role": "vios", "adapters": [{"slot": 2549}]}) == 2650


def test_adapter_counts() -> None:
    counts = evaluate(PAIR_VALUES).result["adapter_counts"]
    vios1 = counts[0]
    # 2 trunks + 2 control channels + 1 IP adapter; vSCSI for app1 and app3; 3 clients × 3 ports.
    assert (vios1["ethernet"], vios1["vscsi"], vios1["vfc"], vios1["total"]) == (5, 2, 9, 16)
    app2 = counts[3]
    assert (app2["partition"], app2["ethernet"], app2["vscsi"], app2["vfc"], app2["total"]) == ("app2", 1, 0, 6, 7)


def test_sizing_derivation_and_overrides() -> None:
    rows = evaluate({"vios-min-memory": "4 GiB", "vios-max-procs": "4"}).result["sizing"]
    memory, procs, units, weight = rows[0:4]
    assert (memory["min"], memory["desired"], memory["max"]) == ("4096", "6144", "12288")
    assert (procs["min"], procs["desired"], procs["max"]) == ("1", "3", "4")
    assert (units["min"], units["desired"], units["max"]) == ("0.15", "0.3", "3.0")
    assert weight["desired"] == "255"


def test_hundredths_text() -> None:
    assert [model.hundredths_text(n) for n in (5, 15, 30, 100, 125, 300)] == ["0.05", "0.15", "0.3", "1.0", "1.25",
                                                                           "3.0"]


REFUSALS = [
    pytest.param({"vios-names": "vios1,VIOS1"}, "vios-names", "DUPLICATE_NAME",
                 "Partition names: 'VIOS1' is used by two partitions; every partition on the system needs its own "
                 "name (compared without regard to case).", id="duplicate-vios-name"),
    pytest.param({"client-names": "aix1,vios2"}, "client-names", "DUPLICATE_NAME",
                 "Partition names: 'vios2' is used by two partitions; every partition on the system needs its own "
                 "name (compared without regard to case).", id="client-named-like-vios"),
    pytest.param({"client-ids": "3,2"}, "client-ids", "DUPLICATE_ID",
                 "Partition IDs: 2 is used by two partitions; every partition needs its own ID.", id="duplicate-id"),
    pytest.param({"client-ids": "3,255"}, "client-ids", "item",
                 "Client IDs: item '255' is not valid: a whole number 1–254", id="id-out-of-range"),
    pytest.param({"clients": "3", "client-ids": "3,4"}, "client-ids", "COUNT_MISMATCH",
                 "Client IDs: 2 IDs given for 3 clients; give one partition ID per client, or leave it empty to "
                 "number them after the VIO servers.", id="id-count"),
    pytest.param({"vios-ids": "250,1", "clients": "5"}, "clients", "IDS_EXHAUSTED",
                 "Clients: 5 clients numbered from partition ID 251 would pass ID 254, the limit of our rule; give "
                 "fewer clients or set client IDs.", id="ids-exhausted"),
    pytest.param({"client-names": "aix 1,aix2"}, "client-names", "COUNT_MISMATCH",
                 "Client names: 3 names given for 2 clients; give one name per client, or leave it empty for aix1, "
                 "aix2, …", id="blank-splits-name"),
    pytest.param({"client-names": "aix/1,aix2"}, "client-names", "item",
                 "Client names: item 'aix/1' is not valid: 1-31 characters: letters, digits, '-', '_' and '.', "
                 "starting with a letter or digit (our rule)", id="slash-in-name"),
    pytest.param({"vios-names": "vios_1,vios2"}, "vios-names", "item",
                 "VIO server names: item 'vios_1' is not valid: 1-31 characters: letters, digits and '-', starting "
                 "with a letter or digit (our rule: the name is also the VIOS host name in mktcpip)",
                 id="underscore-in-vios-name"),
    pytest.param({"vios-entitled": "0.1"}, "vios-entitled", "UNITS_BELOW_PROCS",
                 "VIOS entitled capacity: 0.1 processing units cannot carry 3 virtual processors (desired): each "
                 "needs at least 0.05, so give at least 0.15 or fewer virtual processors.", id="units-below-procs"),
    pytest.param({"vios-entitled": "3.5"}, "vios-entitled", "UNITS_ABOVE_PROCS",
                 "VIOS entitled capacity: 3.5 processing units exceed 3 virtual processors (desired): a virtual "
                 "processor holds at most 1.0, so give at most 3.0 or more virtual processors.",
                 id="units-above-procs"),
    pytest.param({"vios-entitled": "0.125"}, "vios-entitled", "UNITS_NOT_HUNDREDTHS",
                 "VIOS entitled capacity: 0.125 is not an entitled capacity the HMC takes; give processing units "
                 "with at most two decimals, such as 0.3.", id="three-decimals"),
    pytest.param({"vios-min-entitled": "0.4"}, "vios-entitled", "UNITS_ORDER",
                 "VIOS entitled capacity: minimum 0.4, desired 0.3 and maximum 3.0 are not in order; give minimum ≤ "
                 "desired ≤ maximum.", id="units-order"),
    pytest.param({"vios-memory": "6000.5 MiB"}, "vios-memory", "MEMORY_NOT_WHOLE_MB",
                 "VIOS memory: 6000.5 MB is not a whole number of MB; the HMC takes memory in whole MB (1 GB = 1024 "
                 "MB): give e.g. 6 GiB or 6144 MiB.", id="fractional-mb"),
    pytest.param({"vios-max-memory": "4 GiB"}, "vios-memory", "MEMORY_ORDER",
                 "VIOS memory: minimum 3072 MB, desired 6144 MB and maximum 4096 MB are not in order; give minimum ≤ "
                 "desired ≤ maximum.", id="memory-order"),
    pytest.param({"fc-ports": "9"}, "fc-ports", "range", "Virtual FC ports must be 1–8 (got '9')",
                 id="too-many-fc-ports"),
    pytest.param({"client-vlans": "10,30"}, "client-vlans", "VLAN_NOT_TRUNKED",
                 "Client VLANs: VLAN 30 is on no VIOS trunk adapter, so a client on it could not reach the network; "
                 "add it to a network in Networks and VLANs.", id="client-vlan-not-trunked"),
    pytest.param({"clients": "3", "client-vlans": "10,20"}, "client-vlans", "COUNT_MISMATCH",
                 "Client VLANs: 2 values given for 3 clients; give one value for all, or one per client (10 or "
                 "10,20,10).", id="client-vlan-count"),
    pytest.param({"vlans": "10,20;20"}, "vlans", "VLAN_REPEATED",
                 "Networks and VLANs: VLAN 20 is given twice; each VLAN belongs to one network (one trunk adapter "
                 "per VIO server).", id="vlan-in-two-networks"),
    pytest.param({"vlans": "10,4095"}, "vlans", "VLAN_OUT_OF_RANGE",
                 "Networks and VLANs: '4095' is not a VLAN ID; give whole numbers from 1 to 4094 (0 and 4095 are "
                 "reserved by IEEE 802.1Q), networks separated by ';'.", id="vlan-4095"),
    pytest.param({"vlans": "10,20;"}, "vlans", "EMPTY_NETWORK",
                 "Networks and VLANs: network 2 has no VLAN ID; give each network's VLANs (the first is its port "
                 "VLAN ID), networks separated by ';', such as 10,20;30.", id="empty-network"),
    pytest.param({"vlans": "10,4094"}, "ctl-vlan", "CTL_VLAN_IN_USE",
                 "Control-channel VLAN: VLAN 4094 would be the SEA control channel of network 1, but it carries "
                 "traffic in Networks and VLANs; control channels count down from this value, so give one whose "
                 "range is unused.", id="control-channel-clash"),
    pytest.param({"vlans": "10;20;30;40", "ent-ports": "ent0,ent1,ent2,ent3,ent4,ent5,ent6,ent7",
                  "physical-ents": "8"}, "vlans", "TOO_MANY_VIOS_ETHERNET",
                 "Networks and VLANs: 4 networks need 9 Ethernet adapters on each VIO server (trunks, control "
                 "channels, IP adapters), but the slot convention keeps slots 2-9 (8) for them; use fewer networks "
                 "or IP VLANs, or IP on the SEA.", id="vios-ethernet-overflow"),
    pytest.param({"ent-ports": "ent0"}, "ent-ports", "TOO_FEW_PORTS",
                 "Physical Ethernet ports: 1 port given, 2 needed (two per network for LACP); give more, such as "
                 "ent0,ent1.", id="lacp-needs-two"),
    pytest.param({"ent-ports": "ent4,ent5"}, "ent-ports", "PORT_BEYOND_PHYSICAL",
                 "Physical Ethernet ports: ent4 is not among the 4 physical ports ent0-ent3; raise the number of "
                 "physical ports or give a lower port.", id="port-beyond-physical"),
    pytest.param({"gateway": "192.0.3.1"}, "gateway", "GATEWAY_OFF_SUBNET",
                 "Gateway: 192.0.3.1 is not in vios1's subnet 192.0.2.0 (netmask 255.255.255.0); give a gateway on "
                 "that subnet.", id="gateway-off-subnet"),
    pytest.param({"netmask": "255.0.255.0"}, "netmask", "BAD_NETMASK",
                 "Netmask: '255.0.255.0' is not a usable netmask; give contiguous one bits with room for hosts, such "
                 "as 255.255.255.0.", id="bad-netmask"),
    pytest.param({"vios-ips": "192.0.2.11,192.0.2.300"}, "vios-ips", "BAD_IPV4",
                 "VIOS IP addresses: '192.0.2.300' is not an IPv4 address; give four numbers from 0 to 255 separated "
                 "by dots, such as 192.0.2.11.", id="octet-300"),
    pytest.param({"vios-ips": "192.0.2.11"}, "vios-ips", "TOO_FEW_ADDRESSES",
                 "VIOS IP addresses: 1 address given for 2 VIO servers; give one IPv4 address per VIO server.",
                 id="one-address-two-vios"),
    pytest.param({"vios-macs": "b83fd22b9a04"}, "vios-macs", "COUNT_MISMATCH",
                 "Boot adapter MACs: 1 MAC given for 2 VIO servers; give one per VIO server, or leave it empty.",
                 id="mac-count"),
    pytest.param({"vscsi": "yes,maybe"}, "vscsi", "item", "Virtual SCSI: item 'maybe' is not valid: yes or no",
                 id="vscsi-word"),
    pytest.param({"ip-vlans": "30"}, "ip-vlans", "VLAN_NOT_TRUNKED",
                 "VIOS IP VLANs: VLAN 30 is on no trunk adapter, so the VIO server's address there could not reach "
                 "the network; add it to a network in Networks and VLANs.", id="ip-vlan-not-trunked"),
    pytest.param({"repo-size": "10.5 GiB"}, "repo-size", "REPO_NOT_WHOLE_GB",
                 "Media repository size: 10.5 GB is not a whole number of GB; mkrep is given whole GB here, such as "
                 "10 GiB.", id="repo-fraction"),
]


@pytest.mark.parametrize(("values", "field", "key", "message"), REFUSALS)
def test_refusals_name_the_field_the_value_and_what_is_accepted(values: dict, field: str, key: str,
                                                                message: str) -> None:
    result = evaluate(values)
    assert result.errors == {field: {"key": key, "message": message}}
    assert result.display == {}


def test_a_slot_used_twice_is_refused_with_its_partition() -> None:
    partition = {"name": "aix1", "id": 3, "adapters": [{"slot": 10}, {"slot": 10}]}
    with pytest.raises(model.CalcError) as caught:
        model.check_slots([partition])
    assert caught.value.key == "SLOT_COLLISION"
    assert caught.value.message.startswith("Slot plan: slot 10 is used twice in aix1 (ID 3)")


def test_warnings() -> None:
    warnings = evaluate({"vios": "1", "lacp": "no", "ent-ports": "ent0,ent1"}).display["warnings"]
    assert [code for code, _ in warnings] == ["UNUSED_PORTS", "NO_PHYSICAL_SLOTS", "UNUSED_ADDRESSES", "NO_MAC"]
    assert warnings[0][1] == "Physical Ethernet ports: ent1 not used (ports are taken in order, 1 needed)."
    assert warnings[2][1] == "VIOS IP addresses: 192.0.2.12 not used (one address per VIO server)."
    many = evaluate({"vios": "1", "clients": "40", "fc-ports": "4", "fcs-ports": "fcs0,fcs1", "vios-ips": "192.0.2.11"})
    codes = [code for code, _ in many.display["warnings"]]
    assert codes.count("MANY_NPIV_PORTS") == 2
    assert many.display["warnings"][1][1].startswith("vios1 fcs0: 80 client ports; many adapters allow 64")


def test_one_vios_has_no_control_channel_and_trunk_priority_one() -> None:
    result = evaluate({"vios": "1", "vios-ips": "192.0.2.11"}).result
    assert '"virtual_eth_adapters=2/1/10/20/1/1,3/0/10//0/1"' in result["vios_create"][2]
    assert "mkvdev -sea ent6 -vadapter ent4 -default ent4 -defaultid 10" in result["vios1_network"]


def test_io_slots_go_into_each_vios_profile_and_no_listing_step_is_left() -> None:
    """Issue 12: given DRC indexes become io_slots=drc_index//1 (slot I/O pool empty, required) per VIO server."""
    result = evaluate({"vios-slots": "21010010,21010011;2101001A , 21010021"})
    assert result.ok, result.errors
    create = result.result["vios_create"]
    assert len(create) == 2 and all(line.startswith("mksyscfg -r lpar") for line in create)
    assert ',"io_slots=21010010//1,21010011//1","virtual_eth_adapters=' in create[0]
    assert ',"io_slots=2101001a//1,21010021//1","virtual_eth_adapters=' in create[1]
    assert "io_slots" not in " ".join(result.result["client_create"])
    assert "NO_PHYSICAL_SLOTS" not in [warning["code"] for warning in result.result["warnings"]]
    single = evaluate({"vios": "1", "lacp": "no", "ent-ports": "ent0", "vios-ips": "192.0.2.11",
                       "vios-slots": "21010010"})
    assert ',io_slots=21010010//1,"virtual_eth_adapters=' in single.result["vios_create"][0]
    assert "FEW_PHYSICAL_SLOTS" in [warning["code"] for warning in single.result["warnings"]]


def test_without_slots_the_listing_comes_first_and_the_assign_step_before_install() -> None:
    result = evaluate({})
    create = result.result["vios_create"]
    assert create[:2] == NO_SLOTS_LISTING and create[-4:] == NO_SLOTS_ASSIGN
    commands = result.result["commands"]
    assert commands.index(NO_SLOTS_ASSIGN[-1]) < commands.index("lpar_netboot -M -n -t ent -A vios1 default power1")


@pytest.mark.parametrize(("slots", "key"), [
    ("21010010;21010010", "DUPLICATE_SLOT"),
    ("21010010,21010011", "COUNT_MISMATCH"),
    ("U78C9.001", "BAD_DRC_INDEX"),
    ("210100100", "BAD_DRC_INDEX"),
    ("21010010;", "EMPTY_GROUP"),
])
def test_bad_slots_are_refused_on_the_field(slots: str, key: str) -> None:
    result = evaluate({"vios-slots": slots})
    assert not result.ok
    assert list(result.errors) == ["vios-slots"]
    assert "Physical slots of the VIO servers" in result.errors["vios-slots"]["message"]
    if key != "BAD_DRC_INDEX" or slots.isalnum():
        assert result.errors["vios-slots"].get("key", key) == key


def test_memory_is_rounded_to_the_logical_memory_block_with_a_warning() -> None:
    """Issue 12: 6000 MiB no longer gives desired_mem=6000,max_mem=12000; every value is on an LMB boundary."""
    result = evaluate({"vios-memory": "6000 MiB", "client-memory": "5000 MiB"})
    assert result.ok, result.errors
    vios_line = result.result["vios_create"][2]
    assert "min_mem=3072,desired_mem=6144,max_mem=12288," in vios_line
    client_line = result.result["client_create"][0]
    assert "min_mem=2560,desired_mem=5120,max_mem=10240," in client_line
    rounded = [warning["text"] for warning in result.result["warnings"] if warning["code"] == "MEMORY_ROUNDED_TO_LMB"]
    assert rounded == [
        "VIOS desired memory: 6000 MB is not a multiple of the 256 MB logical memory block; rounded up to 6144 MB "
        "(field vios_memory).",
        "Client desired memory: 5000 MB is not a multiple of the 256 MB logical memory block; rounded up to 5120 MB "
        "(field client_memory)."]
    explicit = evaluate({"vios-memory": "6000 MiB", "vios-min-memory": "1000 MiB", "vios-max-memory": "9000 MiB",
                         "lmb": "128"})
    line = explicit.result["vios_create"][2]
    assert "min_mem=896,desired_mem=6016,max_mem=9088," in line
    for value in (896, 6016, 9088):
        assert value % 128 == 0
    small = evaluate({"vios-memory": "100 MiB", "vios-min-memory": "100 MiB", "vios-max-memory": "100 MiB"})
    assert "min_mem=256,desired_mem=256,max_mem=256," in small.result["vios_create"][2]


@pytest.mark.parametrize("hostile", ["0," * 200, ";" * 400, "a" * 400, "21010010 " * 44, "1;" * 200, "f" * 100000])
def test_hostile_slot_lists_are_refused_or_planned_quickly(hostile: str) -> None:
    """Long or odd slot lists never crash and stay fast (the field caps the text at 400 characters)."""
    import time
    started = time.perf_counter()
    result = evaluate({"vios-slots": hostile})
    assert time.perf_counter() - started < 2.0
    assert result.ok or list(result.errors) == ["vios-slots"]
