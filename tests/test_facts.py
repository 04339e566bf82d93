"""Every fact of the field notes survives into the built site, and every page carries tags."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"

# Facts from shared/notes/000_ac53e23c40f8b654.txt, grouped by the page that carries them.
# Each must appear (after normalisation) in the visible text of the built site.
NOTE_FACTS: dict[str, list[str]] = {
    "replace-server": [
        "TSM 7.1.8",
        "8.1.5",
        "/etc/network/interfaces",
        "Ubuntu 16 LTS",
        "ANR8599W",
        "failed due to an untrusted server certificate. An attempt to reconnect and establish certificate trust might follow.",
        "ANR2284S",
        "The server master encryption key has changed. Passwords protected with the previous master encryption key are not available.",
        "dsmcert -add -server TSM -file /home/tsminst1/cert256.arm",
        "ANR0456W",
        "Session rejected for server DT - the server name at, 1500 does not match.",
        "DELETE SERVER DT",
        "ANR1651E",
        "Server information for DT is not available.",
        "ANR4377E",
        "Session failure, target server DT is not defined on the source server.",
        "ANR3151E",
        "Configuration refresh failed with configuration manager DT.",
        "SET REPLSERVER",
        "SET CONFIGREFRESH 0",
        "ANS1695E",
        "The certificate is not valid.",
        "ANS1592E",
        "Failed to initialize SSL protocol.",
        "ANS8023E",
        "Unable to establish session with server.",
        "ANR3335W",
        "Unable to distribute certificate to for session .",
        "/opt/tivoli/tsm/client/ba/bin/dsmcert.*",
        "C:\\Program Files\\Tivoli\\TSM\\baclient\\dsmcert.*",
        "dsmcert.exe",
        "SESSIONSECURITY=TRANSITIONAL",
        "dsmcert -list",
        "/etc/adsm/*",
        "enter the passwords again",
        "dependency order",
    ],
    "ldap-startup": [
        "dsmserv fails to start if LDAP is inaccessible",
        "working as designed",
        "If LDAP dies, dsmserv stays up without it.",
        "refuses to come up",
        "ANR3103E",
        "LDAPURL",
        "dsmserv.opt",
        "multi-homed",
        "fault-tolerant LDAP servers",
        "vote",
    ],
    "systemd-autostart": [
        "cat <<'EOF' >/etc/systemd/system/db2fmcd.service",
        "systemctl enable db2fmcd.service",
        "systemctl start db2fmcd.service",
        "cp -p /opt/tivoli/tsm/server/bin/dsmserv.rc /etc/init.d/tsminst1",
        "/etc/systemd/system/tsminst1.service",
        "ExecStart=/etc/init.d/tsminst1 start",
        "ExecReload=/etc/init.d/tsminst1 reload",
        "ExecStop=/etc/init.d/tsminst1 stop",
        "systemctl enable tsminst1.service",
        "systemctl start tsminst1.service",
        "ln -s /opt/tivoli/tsm/client/ba/bin/rc.dsmcad /etc/init.d/dsmcad",
        "/etc/systemd/system/dsmcad.service",
        "ExecStart=/etc/init.d/dsmcad start",
        "ExecReload=/etc/init.d/dsmcad reload",
        "ExecStop=/etc/init.d/dsmcad stop",
        "systemctl enable dsmcad.service",
        "systemctl start dsmcad.service",
        "ExecStart=/opt/tivoli/tsm/db2/bin/db2fmcd",
        "# pidfile: /var/run/dsmserv_tsminst1_su.pid",
    ],
    "sddpcm-to-aixpcm": [
        "SDDPCM",
        "AIXPCM",
        "host attachment",
        "2 % of migrations",
        "LED 554",
        "devices.sddpcm.*",
        "SVC 7.6.1",
        "AIX 6.1.8",
        "AIX 7.1.3",
        "AIX 7.2",
        "MAY",
        "POWER9 and later",
        "MUST",
        "manage_disk_drivers -d IBMSVC -o AIX_AAPCM",
        "rm script",
        "storage development",
        "PMR",
        "mksysb",
        "devices.fcp.disk.ibm.mpio.rte",
    ],
    "ethernet-device-layers": [
        "AIX predates the time when everyone had RJ45 Ethernet ports",
        "Integrated Virtual Ethernet",
        "POWER5 and POWER6",
        "RDMA over Converged Ethernet",
        "Remote Direct Memory Addressing",
        "InfiniBand",
        "DIX Ethernet",
        "DEC, Intel and Xerox",
        "IEEE 802.3",
        "Novell",
        "SNA",
        "AIX 3.2.5U2",
        "coaxial cables and barrel terminators",
        "last 20 years",
        "inet0",
        "unless someone gets cheeky",
        "IP over Fibre Channel",
        "FDDI",
        "ATM",
        "ent0 physical Ethernet port",
        "ent2 EtherChannel",
        "ent3 Virtual Ethernet",
        "ent4 Shared Ethernet Adapter (SEA)",
        "ent5 VLAN",
        "en4 IP interface on ent4",
        "en5 IP interface on ent5",
        "lsattr -El $device",
        "netstat -in",
        "entstat -d $device",
        "top device",
    ],
    "etherchannel-crash": [
        "/usr/lib/methods/ethchan_config -d ent17 ent2",
        "/usr/lib/methods/ethchan_config -a ent17 ent2",
        "/usr/lib/methods/ethchan_config -d ent17 ent6",
        "/usr/lib/methods/ethchan_config -a ent17 ent6",
        "/usr/sbin/rmdev -Rl en17",
        "/usr/sbin/mkdev -l en17",
        "adapter_names=ent2,ent6",
        "0950-021",
        "Unable to delete adapter ent2 from the EtherChannel because it could not be found, errno = 2",
        "crashed here on one server",
        "crash here on several others",
        "POWER_8 machine with 160 available CPU(s)",
        "nodename.. testnode001",
        "build date Mar 2 2018",
        "build time 13:02:46",
        "label..... 1809C_72H",
        "machine... 00DEADBEEF00",
        "nid....... FBCAFE4C",
        "time of crash: Wed May 9 04:45:59 2018",
        "age of system: 25 day, 10 hr., 54 min., 41 sec.",
        "CPU 96 CSA F00000002FF47600",
        "[060592E8]shientdd:entcore_suspend_nic+000028",
        "[F1000000C04911C0]ethchandd:ethchan_close+0001A0",
        "[0057126C]if_detach+0001CC",
        "96 20E03BF 6670 380324 3128 ifconfig",
        "Error id = DSI_PROC",
        "Exception value = 00000086 EXCEPT_PROT",
        "An attempt was made to write to a protected address in memory",
        "2390 ! SUNLOCK(TX_QUEUE_SLOCK, tx_pri);",
        "name............. ent6 alias............ en6",
        "void *p_acs = 0xF1000B00393F0000; NULL so DSI",
        "F1000B00393F78D0: 0000000000000000 < - p_lock_info",
        "req_size..... 1458712 act_size..... 1507328",
        "comm......... cfgshien",
        "105D 41.039273 SHIENTDD GEN: L3 Close__B d1=F1000B00393F0000",
        "another close ? >>",
        "105D 41.039281 SHIENTDD GEN: L3 MctSyn_E d1=0000000000000000",
        "double free",
        "2 weeks on 24 systems",
        "stable",
        "APAR IJ06720",
    ],
    "vio-client-build": [
        "POWER8",
        "POWER7",
        "Configure the managed system to the HMC",
        "Clear the managed system's profile data",
        "6GB RAM",
        "3 virtual processors",
        "0.3 processing units",
        "0.3 virtual CPUs",
        "uncapped weight 255",
        "at least one storage adapter and one network adapter",
        "trunk",
        "non-trunk",
        "virtual tape",
        "anywhere from 1-8",
        "HMC media repository",
        "vtmenu",
        "cfgmgr",
        "mkvdev -lnagg",
        "mkvdev -sea",
        "mkvdev -vlan",
        "mktcpip",
        "Add any extra IP addresses",
        "partition ID",
        "slot number",
        "decades of garbage",
        "vhost",
        "vfcmap",
        "vfchost",
        "fcs",
        "8 Gbit or newer",
        "lsnports",
        "lsnportlogin",
        "ioinfo",
        "chnportlogin",
        "pain in the rump",
        "LPM requires any VSCSI LUNs to be mapped to all VIO servers in advance",
        "LPM requires any NPIV LUNs to be mapped to the secondary WWNs",
        "lsmap -npiv",
        "loadopt",
        "alt_disk_install",
        "NIM",
        "SMS",
        "smitty tcpip",
        "chdev -l en0",
        "chdev -l inet0",
        "Linux",
    ],
    "sr-iov": [
        "SR-IOV",
        "single PCI NIC",
        "less CPU on the VIO server",
        "lower latency",
        "next generation of network virtualization",
        "one VIO server per port",
        "guaranteed minimum, not a cap",
        "SR-IOV vNIC vio howto",
    ],
    "hmc-cli-automation": [
        "CLI and automation",
        "collisions",
        "alt_disk_copy",
        "physical CD",
        "installios",
        "MAC address of the boot adapter",
        "prompts for all of the information",
    ],
    "ramdisk": [
        "1999",
        "FAXES",
        "FAQ",
        "TechDoc",
        "Big Blue",
        "mkramdisk $bytes",
        "mkramdisk -u $size",
        "pinned",
        "unpinned",
        "UDFS",
        "mkfs",
        "/dev/ramdisk0",
        "-o nointegrity",
        "-o log=INLINE",
        "udfcreate -f3 -d/dev/ramdisk0 ; mount -vudfs /dev/ramdisk0 /RAMDISK",
        "512-byte blocks",
        "evaporates on reboot",
        "dd",
    ],
    "tire-pressure": [
        "700c",
        "28mm",
        "120psi",
        "300 LB",
        "60% rear",
        "32er",
        "55mm",
        "60psi",
        "310 LB",
        "70% rear",
        "40mm",
        "40psi",
        "180 LB",
        "butt off the seat",
        "pinch flats",
        "unseating the bead",
        "coarse",
        "sand and hardpack",
        "shock absorption",
        "rolling off the rim",
        "pea gravel",
        "throwing gravel",
        "~70% rear",
        "~60% rear",
        "~55% rear",
        "Narrower tire for a larger diameter",
        "Lower pressure for a lower weight",
        "Lower pressure for a wider tire",
        "559mm",
        "26er",
        "584mm",
        '650b / 27.5"',
        "622mm",
        "700c / 29er",
        "686mm",
        "787mm",
        "36er",
        "15 %",
        "153.6",
        "1.5785",
        "7.1685",
        "BikeTinker",
    ],
    "home": [
        "ENABLE_PDF_EXPORT=1 mkdocs build",
        "site/pdf/",
        "site/index.html",
        "python -m calculators",
    ],
}

_TRANSLATION = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2033": '"',
    "\u2013": "-", "\u2014": "-", "\u2212": "-",
    "\u00a0": " ", "\u2009": " ", "\u202f": " ",
})


def normalise(text: str) -> str:
    """Fold typographic quotes, dashes and spaces, and collapse whitespace, so facts compare as typed."""
    return re.sub(r"\s+", " ", text.translate(_TRANSLATION)).strip()


class _VisibleText(HTMLParser):
    """Collect the text a reader sees: everything outside <script>, <style> and <template>."""

    HIDDEN = {"script", "style", "template"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.HIDDEN:
            self._hidden_depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in self.HIDDEN and self._hidden_depth:
            self._hidden_depth -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden_depth:
            self.parts.append(data)


def visible_text(html: str) -> str:
    """Return the normalised visible text of one HTML document."""
    parser = _VisibleText()
    parser.feed(html)
    parser.close()
    return normalise("".join(parser.parts))


@pytest.fixture(scope="module")
def site_text(site_dir: Path) -> str:
    """The visible text of every built HTML page, joined."""
    pages = sorted(site_dir.rglob("*.html"))
    assert pages, f"no HTML pages in {site_dir}"
    return "\n".join(visible_text(page.read_text(encoding="utf-8")) for page in pages)


def test_fact_list_is_thorough() -> None:
    facts = [fact for group in NOTE_FACTS.values() for fact in group]
    assert len(facts) >= 100
    assert len(set(facts)) == len(facts), "duplicate facts in NOTE_FACTS"


@pytest.mark.parametrize("area", sorted(NOTE_FACTS))
def test_note_facts_appear_in_site(site_text: str, area: str) -> None:
    missing = [fact for fact in NOTE_FACTS[area] if normalise(fact) not in site_text]
    assert not missing, f"{area}: facts missing from the built site: {missing}"


def _front_matter(path: Path) -> dict[str, object]:
    """Parse a Markdown page's YAML front matter (empty when there is none)."""
    text = path.read_text(encoding="utf-8")
    match = re.match(r"^---\s*\n(.*?)\n---\s*\n", text, re.DOTALL)
    if not match:
        return {}
    loaded = yaml.safe_load(match.group(1))
    return loaded if isinstance(loaded, dict) else {}


# The tags index lists every tag; it is the one page that is not itself tagged.
UNTAGGED_PAGES = {"tags.md"}


def _pages() -> list[Path]:
    """Every Markdown page under docs/, except assets."""
    return sorted(p for p in DOCS.rglob("*.md") if "assets" not in p.relative_to(DOCS).parts)


def _tagged_pages() -> list[Path]:
    return [p for p in _pages() if p.relative_to(DOCS).as_posix() not in UNTAGGED_PAGES]


@pytest.mark.parametrize("page", _tagged_pages(), ids=lambda p: str(p.relative_to(DOCS)))
def test_page_has_tags(page: Path) -> None:
    tags = _front_matter(page).get("tags")
    assert isinstance(tags, list) and tags, f"{page.relative_to(ROOT)}: no 'tags:' list in front matter"
    assert all(isinstance(tag, str) and tag.strip() for tag in tags), f"{page.relative_to(ROOT)}: empty tag"


def test_page_has_one_h1() -> None:
    for page in _pages():
        body = re.sub(r"^---\s*\n.*?\n---\s*\n", "", page.read_text(encoding="utf-8"), count=1, flags=re.DOTALL)
        body = re.sub(r"^(```|~~~).*?^\1", "", body, flags=re.DOTALL | re.MULTILINE)
        headings = re.findall(r"^# \S", body, re.MULTILINE)
        assert len(headings) == 1, f"{page.relative_to(ROOT)}: expected one H1, found {len(headings)}"
