"""The VIO server planner: fields, outputs, presets and the no-JS table of the VIOS sizing and slot plan."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from calculators.calculator import Calculator, Evaluation, FileCheck, KeyOutput, Preset, StaticTable
from calculators.fields import BooleanField, ChoiceField, ListField, NumberField, QuantityField, TextField
from calculators.outputs import Column, ListOutput, MessagesOutput, TableOutput

from . import check, model, rules

SYSTEM = "Managed system and VIO servers"
VIOS_PROFILE = "VIO server profile"
VIOS_LIMITS = "VIO server minimum and maximum (blank: derived)"
CLIENTS = "Client partitions"
NETWORK = "Networks"
PORTS = "Physical ports on each VIO server"
INSTALL = "Addresses and installation"
OPTICAL = "Virtual optical (where vSCSI is used)"

# Our naming rules (the reference gives none): conservative, and safe inside the commands' quoting.
PARTITION_NAME = r"[A-Za-z0-9][A-Za-z0-9_.-]*"
PARTITION_NAME_HINT = "1-31 characters: letters, digits, '-', '_' and '.', starting with a letter or digit (our rule)"
VIOS_NAME = r"[A-Za-z0-9][A-Za-z0-9-]*"
VIOS_NAME_HINT = ("1-31 characters: letters, digits and '-', starting with a letter or digit (our rule: the name is "
                  "also the VIOS host name in mktcpip)")
IPV4 = r"[0-9]{1,3}[.][0-9]{1,3}[.][0-9]{1,3}[.][0-9]{1,3}"
IPV4_HINT = "an IPv4 address such as 192.0.2.11"
PATH_CHARACTERS = r"[A-Za-z0-9/._+-]*"
MEMORY_UNITS = ("GiB", "MiB")
# The HMC's GB and MB are binary (1 GB = 1024 MB), and the notes write "6GB": in a memory
# field, read GB/MB (and G/M) the HMC's way rather than as pint's decimal units.
# The number is written without ambiguity ('[0-9]+(?:[.][0-9]+)?|[.][0-9]+', the same texts as
# '[0-9]*\.?[0-9]+'): that older form let the two digit runs split 20,000 digits in every way
# before failing, 66 s in Python and a frozen tab in the browser.
HMC_GB = (r"((?:[0-9]+(?:[.][0-9]+)?|[.][0-9]+)(?:[eE][-+]?[0-9]+)?) *(?:GB|gb|Gb|G|g)", "{1} GiB")
HMC_MB = (r"((?:[0-9]+(?:[.][0-9]+)?|[.][0-9]+)(?:[eE][-+]?[0-9]+)?) *(?:MB|mb|Mb|M|m)", "{1} MiB")


def _name(name: str, label: str, pattern: str, hint: str, help_text: str, group: str, max_items: int) -> ListField:
    """An optional list of partition names."""
    return ListField(name=name, label=label, help=help_text, required=False, group=group, max_items=max_items,
                     item=TextField(name=f"{name}_item", label=label, pattern=pattern, hint=hint,
                                    max_length=rules.MAX_NAME_LENGTH))


def _ids(name: str, label: str, help_text: str, group: str, max_items: int) -> ListField:
    """An optional list of partition IDs (1-254, our rule)."""
    return ListField(name=name, label=label, help=help_text, required=False, group=group, max_items=max_items,
                     item=NumberField(name=f"{name}_item", label=label, integer=True, minimum=1,
                                      maximum=rules.MAX_PARTITION_ID))


def _memory(name: str, label: str, default: str | None, help_text: str, group: str) -> QuantityField:
    """A memory size; the canonical unit is MiB, which is what the HMC calls MB."""
    return QuantityField(name=name, label=label, help=help_text, default=default, required=default is not None,
                         group=group, dimension="[information]", unit="MiB", units=MEMORY_UNITS,
                         rewrites=(HMC_GB, HMC_MB), minimum=0.0, exclusive_minimum=True, maximum=float(rules.MAX_MEMORY_MIB),
                         examples=("6 GiB", "6144 MiB"))


def _procs(name: str, label: str, default: str | None, help_text: str, group: str) -> NumberField:
    """A number of virtual processors."""
    return NumberField(name=name, label=label, help=help_text, default=default, required=default is not None,
                       group=group, integer=True, minimum=1, maximum=256, examples=("3",))


def _entitled(name: str, label: str, default: str | None, help_text: str, group: str) -> NumberField:
    """Entitled capacity in processing units."""
    return NumberField(name=name, label=label, help=help_text, default=default, required=default is not None,
                       group=group, minimum=0.05, maximum=256.0, examples=("0.3",))


def _vlan_list(name: str, label: str, default: str, help_text: str, group: str, unique: bool) -> ListField:
    """A list of VLAN IDs (1-4094)."""
    return ListField(name=name, label=label, help=help_text, default=default, group=group, min_items=1,
                     max_items=rules.MAX_CLIENTS_FIELD, unique=unique,
                     item=NumberField(name=f"{name}_item", label=label, integer=True, minimum=1,
                                      maximum=rules.MAX_VLAN))


def _devices(name: str, label: str, prefix: str, default: str, help_text: str) -> ListField:
    """Physical device names such as ent0,ent1 or fcs0,fcs1."""
    return ListField(name=name, label=label, help=help_text, default=default, group=PORTS, min_items=1, max_items=64,
                     item=TextField(name=f"{name}_item", label=label, pattern=f"{prefix}[0-9]{{1,3}}",
                                    hint=f"a device name such as {prefix}0", max_length=8))


FIELDS = (
    TextField(name="system", label="Managed system", default="power1", group=SYSTEM, pattern=PARTITION_NAME,
              max_length=63, hint="1-63 characters: letters, digits, '-', '_' and '.', starting with a letter or digit "
                                  "(our rule)",
              help="The managed system's name as the HMC shows it."),
    NumberField(name="vios", label="VIO servers", default="2", group=SYSTEM, integer=True, minimum=1, maximum=2,
                help="One, or two for redundancy (SEA failover, two paths for every disk)."),
    _name("vios_names", "VIO server names", VIOS_NAME, VIOS_NAME_HINT,
          "One per VIO server, separated by commas. Blank: vios1, vios2.", SYSTEM, 2),
    _ids("vios_ids", "VIO server IDs", "Partition IDs, one per VIO server. Blank: 1, 2.", SYSTEM, 2),
    _memory("vios_memory", "VIOS memory", "6 GiB", "The notes: 6 GB. The HMC's MB is MiB (1 GB = 1024 MB).",
            VIOS_PROFILE),
    _procs("vios_procs", "VIOS virtual processors", "3", "The notes: 3.", VIOS_PROFILE),
    _entitled("vios_entitled", "VIOS entitled capacity", "0.3",
              "Processing units; the notes: 0.3. At least 0.05 per virtual processor, at most 1.0.", VIOS_PROFILE),
    NumberField(name="vios_weight", label="VIOS uncapped weight", default="255", group=VIOS_PROFILE, integer=True,
                minimum=1, maximum=255,
                help="0-255 on the HMC (default 128); 255 gives the VIO servers first claim on spare cycles."),
    ChoiceField(name="lmb", label="Logical memory block (MB)", default="256", group=SYSTEM,
                choices=(("16", "16 MB"), ("32", "32 MB"), ("64", "64 MB"), ("128", "128 MB"), ("256", "256 MB")),
                help="The managed system's memory region size: the HMC assigns memory in these steps. Every memory "
                     "value is rounded to it (desired and maximum up, minimum down), with a warning."),
    _memory("vios_min_memory", "VIOS minimum memory", None, "Blank: half the desired, rounded down to 256 MB.",
            VIOS_LIMITS),
    _memory("vios_max_memory", "VIOS maximum memory", None, "Blank: twice the desired.", VIOS_LIMITS),
    _procs("vios_min_procs", "VIOS minimum virtual processors", None, "Blank: 1.", VIOS_LIMITS),
    _procs("vios_max_procs", "VIOS maximum virtual processors", None, "Blank: twice the desired.", VIOS_LIMITS),
    _entitled("vios_min_entitled", "VIOS minimum entitled capacity", None,
              "Blank: half the desired, at least 0.05 per minimum virtual processor.", VIOS_LIMITS),
    _entitled("vios_max_entitled", "VIOS maximum entitled capacity", None,
              "Blank: 1.0 per desired virtual processor.", VIOS_LIMITS),
    NumberField(name="clients", label="Clients", default="2", group=CLIENTS, integer=True, minimum=1,
                maximum=rules.MAX_CLIENTS, help="How many client partitions to build."),
    _name("client_names", "Client names", PARTITION_NAME, PARTITION_NAME_HINT,
          "One per client, separated by commas. Blank: aix1, aix2, …", CLIENTS, rules.MAX_CLIENTS),
    _ids("client_ids", "Client IDs",
         "One per client. Blank: numbered on from the highest VIO server ID.", CLIENTS, rules.MAX_CLIENTS),
    _memory("client_memory", "Client memory", "8 GiB", "Desired memory of each client.", CLIENTS),
    _procs("client_procs", "Client virtual processors", "2", "Desired virtual processors of each client.", CLIENTS),
    _entitled("client_entitled", "Client entitled capacity", "0.5", "Processing units of each client.", CLIENTS),
    NumberField(name="client_weight", label="Client uncapped weight", default="128", group=CLIENTS, integer=True,
                minimum=1, maximum=255, help="128 is the HMC's default."),
    _vlan_list("client_vlans", "Client VLANs", "10", "One VLAN for all clients, or one per client.", CLIENTS,
               False),
    ListField(name="vscsi", label="Virtual SCSI", default="yes", group=CLIENTS, min_items=1,
              max_items=rules.MAX_CLIENTS, unique=False,
              help="yes for a client that needs a virtual CD, tape or legacy vSCSI disk; one answer for all, or one "
                   "per client.",
              item=TextField(name="vscsi_item", label="Virtual SCSI", pattern="[Yy][Ee][Ss]|[Nn][Oo]",
                             hint="yes or no", max_length=3)),
    NumberField(name="fc_ports", label="Virtual FC ports", default="2", group=CLIENTS, integer=True, minimum=1,
                maximum=rules.MAX_FC_PORTS,
                help="Per client on each VIO server; the notes: usually 2, anywhere from 1 to 8."),
    TextField(name="vlans", label="Networks and VLANs", default="10,20", group=NETWORK, pattern="[0-9][0-9 ,;]*",
              hint="VLAN IDs, networks separated by ';' (such as 10,20;30)", max_length=400,
              help="One trunk adapter per physical network on each VIO server. The first VLAN of a network is the "
                   "trunk's port VLAN ID (untagged on the wire), the others are tagged."),
    _vlan_list("ip_vlans", "VIOS IP VLANs", "10", "VLANs on which each VIO server itself needs an IP address; the "
               "first gets the address from mktcpip.", NETWORK, True),
    ChoiceField(name="ip_on", label="VIOS IP on", default="adapter", group=NETWORK,
                choices=(("adapter", "a non-trunk virtual adapter per IP VLAN (the notes' ideal)"),
                         ("sea", "the SEA itself, or a VLAN device on it (mkvdev -vlan)")),
                help="Where the VIO server's own address lives."),
    BooleanField(name="lacp", label="Link aggregation (LACP)", default="yes", group=NETWORK,
                 help="Bond two physical ports per network with mkvdev -lnagg (mode=8023ad); the switch ports must be "
                      "set up for LACP too."),
    NumberField(name="ctl_vlan", label="Control-channel VLAN", default="4094", group=NETWORK, integer=True,
                minimum=1, maximum=rules.MAX_VLAN,
                help="With two VIO servers, each network's SEA pair gets a control channel on its own VLAN: this one "
                     "for the first network, counting down for the next."),
    _devices("ent_ports", "Physical Ethernet ports", "ent", "ent0,ent1",
             "Ports for the SEAs, taken in order: one per network, two with LACP."),
    NumberField(name="physical_ents", label="Physical Ethernet ports on the VIOS", default="4", group=PORTS,
                integer=True, minimum=1, maximum=64,
                help="How many physical ent devices each VIO server has; virtual ones are assumed to be numbered "
                     "after them."),
    TextField(name="vios_slots", label="Physical slots of the VIO servers", required=False, group=PORTS,
              pattern="[0-9A-Fa-f ,;]*", max_length=400,
              hint="DRC indexes (hexadecimal, as lshwres -r io --rsubtype slot lists them), VIO servers separated by "
                   "';', such as 21010010,21010011;21010020,21010021",
              help="The physical adapters (at least one FC and one Ethernet) each VIO server owns; they go into "
                   "io_slots= of its profile. Blank: the commands list the slots and say to assign them before "
                   "installing."),
    _devices("fcs_ports", "Physical FC ports", "fcs", "fcs0,fcs1",
             "NPIV ports, used round-robin in slot order; the second VIO server starts one port later, so a "
             "client with one port per VIO server reaches both fabrics."),
    ListField(name="vios_ips", label="VIOS IP addresses", default="192.0.2.11,192.0.2.12", group=INSTALL,
              min_items=1, max_items=2,
              help="One per VIO server: used by installios and mktcpip.",
              item=TextField(name="vios_ips_item", label="VIOS IP addresses", pattern=IPV4, hint=IPV4_HINT,
                             max_length=15)),
    TextField(name="netmask", label="Netmask", default="255.255.255.0", group=INSTALL, pattern=IPV4,
              hint="a netmask such as 255.255.255.0", max_length=15),
    TextField(name="gateway", label="Gateway", default="192.0.2.1", group=INSTALL, pattern=IPV4, hint=IPV4_HINT,
              max_length=15),
    ListField(name="vios_macs", label="Boot adapter MACs", required=False, group=INSTALL, max_items=2,
              help="One per VIO server, from lpar_netboot; installios stays commented out until they are given.",
              item=TextField(name="vios_macs_item", label="Boot adapter MACs",
                             pattern="[0-9A-Fa-f]{12}|[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}",
                             hint="12 hex digits such as b8:3f:d2:2b:9a:04", max_length=17)),
    TextField(name="vios_image", label="VIOS install image", default="/dev/cdrom", group=INSTALL,
              pattern=f"/{PATH_CHARACTERS}|[A-Za-z0-9._-]+:/{PATH_CHARACTERS}", max_length=255,
              hint="/dev/cdrom, an absolute path on the HMC, or host:/path (NFS)",
              help="installios -d: the DVD, an ISO or backupios image on the HMC, or an NFS path."),
    TextField(name="profile", label="Profile name", default="default", group=INSTALL, pattern=PARTITION_NAME,
              hint=PARTITION_NAME_HINT, max_length=rules.MAX_NAME_LENGTH,
              help="The profile mksyscfg creates with each partition, and the one installios and lpar_netboot use."),
    TextField(name="media", label="Media name", default="aix_install", group=OPTICAL, pattern=PARTITION_NAME,
              hint=PARTITION_NAME_HINT, max_length=rules.MAX_NAME_LENGTH,
              help="Name of the ISO in the VIOS media repository (mkvopt -name, loadopt -disk)."),
    TextField(name="iso", label="ISO file on the VIOS", default="/home/padmin/aix_install.iso", group=OPTICAL,
              pattern=f"/{PATH_CHARACTERS}", max_length=255, hint="an absolute path such as /home/padmin/aix.iso",
              help="Where you copied the install ISO on the first VIO server."),
    QuantityField(name="repo_size", label="Media repository size", default="10 GiB", group=OPTICAL,
                  dimension="[information]", unit="GiB", units=("GiB",), minimum=1.0, maximum=1024.0,
                  examples=("10 GiB",), help="mkrep -size, in rootvg; room for every ISO you will load."),
)

COMMAND_OUTPUTS = (
    ("check_commands", "HMC: check for clashing names and IDs"),
    ("vios_create", "HMC: create the VIO servers"),
    ("vios_install", "HMC: install the VIO servers"),
    ("client_create", "HMC: create the clients"),
    ("vios1_network", "First VIO server: network"),
    ("vios1_npiv", "First VIO server: virtual Fibre Channel"),
    ("vios1_optical", "First VIO server: virtual optical"),
    ("vios2_network", "Second VIO server: network"),
    ("vios2_npiv", "Second VIO server: virtual Fibre Channel"),
    ("zoning", "HMC: WWPNs for zoning (after vfcmap)"),
)

OUTPUTS = (
    MessagesOutput(name="warnings", label="Warnings"),
    TableOutput(name="sizing", label="Partition profiles", columns=(
        Column("kind", "Partition"), Column("setting", "Setting"), Column("min", "Minimum"),
        Column("desired", "Desired"), Column("max", "Maximum"),
    )),
    TableOutput(name="adapter_counts", label="Adapters per partition", columns=(
        Column("partition", "Partition"), Column("partition_id", "ID", 0), Column("role", "Role"),
        Column("ethernet", "Ethernet", 0), Column("vscsi", "vSCSI", 0), Column("vfc", "vFC", 0),
        Column("total", "Total", 0), Column("highest_slot", "Highest slot", 0),
        Column("max_virtual_slots", "max_virtual_slots", 0),
    )),
    TableOutput(name="slot_plan", label="Slot plan", columns=(
        Column("partition", "Partition"), Column("partition_id", "ID", 0), Column("slot", "Slot", 0),
        Column("type_label", "Adapter"), Column("partner", "Partner"), Column("partner_id", "Partner ID", 0),
        Column("partner_slot", "Partner slot", 0), Column("detail", "Detail"),
    )),
    *(ListOutput(name=name, label=label, style="commands") for name, label in COMMAND_OUTPUTS),
    ListOutput(name="assumptions", label="Device names these commands assume"),
)

PRESETS = (
    Preset(name="single", label="One VIO server, no LACP, one FC port per client",
           values={"vios": "1", "lacp": "no", "ent_ports": "ent0", "fc_ports": "1", "vios_ips": "192.0.2.11",
                   "vscsi": "no"},
           note="A lab or small system: no SEA failover, one path per client."),
)


def table_cell(evaluation: Evaluation) -> str:
    """'9 / 150': adapters on each VIO server and its max_virtual_slots, or '—' where the plan is refused."""
    if not evaluation.ok:
        return "—"
    first = evaluation.result["adapter_counts"][0]
    return f"{first['total']} / {first['max_virtual_slots']}"


def to_json(result: dict[str, Any]) -> dict[str, Any]:
    """The CLI's --json shape: slot_plan rows, commands (HMC first, then VIOS), counts, sizing, steps, warnings."""
    slot_plan = [{key: row[key] for key in ("partition", "partition_id", "slot", "type", "partner", "partner_id",
                                             "partner_slot", "detail")} for row in result["slot_plan"]]
    steps = {name: result[name] for name, _ in COMMAND_OUTPUTS if result[name] is not None}
    return {"slot_plan": slot_plan, "commands": result["commands"], "adapter_counts": result["adapter_counts"],
            "sizing": result["sizing"], "steps": steps, "warnings": result["warnings"],
            "assumptions": result["assumptions"]}


def check_against_plan(result: dict[str, Any], text: str) -> dict[str, Any]:
    """--check-lsmap: the VIO server the lsmap text came from and every difference from the plan's slot plan."""
    return check.check_lsmap(text, result["slot_plan"])


def check_summary(checked: dict[str, Any]) -> list[str]:
    """The readable lines of --check-lsmap: which VIO server, how many differences, one line each."""
    vios = checked["vios"]
    name = f"{vios['name']} (ID {vios['id']})" if vios["name"] else f"partition ID {vios['id']}"
    count = len(checked["differences"])
    lines = [f"Check of {name} against the plan: {count} difference{'' if count == 1 else 's'}"]
    return lines + [f"  {check.difference_line(item)}" for item in checked["differences"]]


LSMAP_CHECK = FileCheck(
    flag="check-lsmap", json_key="check", check=check_against_plan, summary=check_summary,
    module=check, entries=("check_lsmap", "difference_line"), page_script=str(Path(__file__).with_name("check_form.js")),
    help="Text of lsmap -all -npiv and/or lsmap -all from one VIO server: lists every difference from the plan "
         "(--json adds \"check\": {\"vios\", \"differences\"}; exit 0 with or without differences).",
)

CALCULATOR = Calculator(
    name="vio",
    title="VIO server and slot plan",
    summary="VIOS sizing, a collision-free virtual-adapter slot plan, and the HMC and VIOS commands that build it.",
    fields=FIELDS,
    outputs=OUTPUTS,
    logic=model,
    presets=PRESETS,
    table=StaticTable(
        row_field="clients", row_values=("1", "2", "4", "8", "16", "32"),
        column_field="fc_ports", column_values=("1", "2", "4", "8"),
        cell=table_cell,
        caption="Each VIO server: virtual adapters / max_virtual_slots, by clients (rows) and vFC ports per client "
                "(columns)",
        legend="Clients are numbered from partition ID 3, so client C's block on a VIO server is slots 10×C to 10×C+9.",
    ),
    to_json=to_json,
    file_checks=(LSMAP_CHECK,),
    # At a glance: each partition's virtual adapters and highest slot. The essential choices come
    # first (system, VIO servers, clients, storage, networks); the rest folds into groups.
    key_outputs=(KeyOutput("adapter_counts", parts=(("partition", "{}:"), ("total", "{} adapters,"),
                                                    ("highest_slot", "highest slot {}")), rows=4),),
    essential_fields=("system", "vios", "clients", "vscsi", "fc_ports", "vlans", "ip_on", "lacp"),
)
