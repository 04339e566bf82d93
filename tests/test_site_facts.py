"""Every fact of the field notes survives into the built site, and every page carries tags."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from kb.html_text import INLINE_TAGS

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"

# Facts from shared/notes/000_ac53e23c40f8b654.txt, grouped by the page that carries them (the
# key is the page's file name: docs/**/<key>.md, or "home" for docs/index.md). Each must appear,
# after normalisation, in the article text of that page as built: not in the navigation, not in
# another page, not in a tooltip. A fact is a phrase as the page words it, long enough not to
# turn up by chance (MIN_FACT_LENGTH).
MIN_FACT_LENGTH = 10
NOTE_FACTS: dict[str, list[str]] = {
    "replace-server": [
        "a broken TSM 7.1.8 primary",
        "to the 8.1.5 secondary",
        "/etc/network/interfaces",
        "Ubuntu 16 LTS",
        'ANR8599W: "The connection with',
        "failed due to an untrusted server certificate. An attempt to reconnect and establish certificate trust might follow.",
        'ANR2284S: "The server master encryption key has changed',
        "The server master encryption key has changed. Passwords protected with the previous master encryption key are not available.",
        "dsmcert -add -server TSM -file /home/tsminst1/cert256.arm",
        'ANR0456W: "Session rejected for server DT',
        "Session rejected for server DT - the server name at, 1500 does not match.",
        "DELETE SERVER DT",
        'ANR1651E: "Server information for DT',
        "Server information for DT is not available.",
        'ANR4377E: "Session failure, target server DT',
        "Session failure, target server DT is not defined on the source server.",
        'ANR3151E: "Configuration refresh failed',
        "Configuration refresh failed with configuration manager DT.",
        "SET REPLSERVER",
        "SET CONFIGREFRESH 0",
        'ANS1695E: "The certificate is not valid."',
        "The certificate is not valid.",
        'ANS1592E: "Failed to initialize SSL protocol."',
        "Failed to initialize SSL protocol.",
        'ANS8023E: "Unable to establish session with server."',
        "Unable to establish session with server.",
        'ANR3335W: "Unable to distribute certificate',
        "Unable to distribute certificate to for session .",
        "/opt/tivoli/tsm/client/ba/bin/dsmcert.*",
        "C:\\Program Files\\Tivoli\\TSM\\baclient\\dsmcert.*",
        "the author clobbered dsmcert / dsmcert.exe",
        "SESSIONSECURITY=TRANSITIONAL",
        "dsmcert -list",
        "also removed /etc/adsm/* on a client. That was not needed",
        "enter the passwords again",
        "dependency order",
    ],
    "ldap-startup": [
        "dsmserv fails to start if LDAP is inaccessible",
        "working as designed, according to IBM and the white books",
        "If LDAP dies, dsmserv stays up without it.",
        "If LDAP dies and dsmserv restarts, it refuses to come up",
        "refuses to start, with ANR3103E",
        "remove LDAPURL from dsmserv.opt",
        "Either wait for LDAP to become accessible, or remove the LDAPURL line from dsmserv.opt",
        "On a multi-homed server, every link that serves LDAP traffic should be fault tolerant",
        "fault-tolerant LDAP servers",
        "users can vote on getting the start-up limitation changed",
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
        "when you uninstall the SDDPCM drivers, uninstall the host attachment too",
        "after converting from SDDPCM to AIXPCM",
        "the host attachment fileset was left behind",
        "2 % of migrations",
        "could not find its boot disk and stopped at LED 554",
        "devices.sddpcm.*",
        "From SVC 7.6.1",
        "SVC 7.6.1, AIX 6.1.8",
        "AIX 6.1.8, AIX 7.1.3",
        "AIX 7.1.3 and AIX 7.2",
        "AIX 7.2, you MAY switch to AIXPCM",
        "POWER9 and later",
        "you MUST switch to AIXPCM",
        "manage_disk_drivers -d IBMSVC -o AIX_AAPCM",
        "the rm script, from IBM storage development",
        "storage development",
        "does not require opening a PMR",
        "a mksysb restore or an alternate-disk clone",
        "devices.fcp.disk.ibm.mpio.rte",
    ],
    "ethernet-device-layers": [
        "AIX predates the time when everyone had RJ45 Ethernet ports",
        "Integrated Virtual Ethernet",
        "POWER5 and POWER6",
        "RDMA over Converged Ethernet",
        "Remote Direct Memory Addressing",
        "Basically InfiniBand adapters that can use Ethernet at the link layer",
        "DIX Ethernet",
        "DEC, Intel and Xerox",
        "The IEEE 802.3 protocol device",
        "Used in the days of Novell networking",
        "or with the SNA protocol",
        "AIX 3.2.5U2 Micro Channel server",
        "coaxial cables and barrel terminators",
        "anything produced in the last 20 years",
        "Always inet0, unless someone gets cheeky",
        "unless someone gets cheeky",
        "IP over Fibre Channel",
        "IP over ATM, over FDDI",
        "IP over InfiniBand, IP over ATM",
        "ent0 physical Ethernet port",
        "ent2 EtherChannel",
        "ent3 Virtual Ethernet",
        "ent4 Shared Ethernet Adapter (SEA)",
        "ent5 VLAN an additional VLAN port",
        "en4 IP interface on ent4",
        "en5 IP interface on ent5",
        "lsattr -El $device",
        "netstat -in entstat -d $device",
        "entstat -d $device",
        "Run entstat on the top device",
    ],
    "etherchannel-crash": [
        "/usr/lib/methods/ethchan_config -d ent17 ent2",
        "/usr/lib/methods/ethchan_config -a ent17 ent2",
        "/usr/lib/methods/ethchan_config -d ent17 ent6",
        "/usr/lib/methods/ethchan_config -a ent17 ent6",
        "/usr/sbin/rmdev -Rl en17",
        "/usr/sbin/mkdev -l en17",
        "adapter_names=ent2,ent6",
        "ethchan_config: 0950-021 Unable to delete adapter ent2",
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
        "which would have led to a double free",
        "2 weeks on 24 systems",
        "the patch was stable",
        "APAR IJ06720",
    ],
    "vio-client-build": [
        "IBM's POWER8 documentation is missing almost everything",
        "The IBM POWER7 documentation is close, but is missing the SR-IOV information",
        "Configure the managed system to the HMC",
        "Clear the managed system's profile data",
        "Size each VIO server partition: 6GB RAM",
        "3 virtual processors",
        "0.3 processing units",
        "0.3 virtual CPUs",
        "uncapped weight 255",
        "at least one storage adapter and one network adapter",
        "one virtual Ethernet trunk adapter for each separate physical network",
        "one virtual Ethernet non-trunk adapter for each VLAN you want an IP address on",
        "virtual CD-ROM, virtual tape",
        "anywhere from 1-8",
        "HMC media repository",
        "SSH into the HMC and use vtmenu",
        "Remove all en, et, ent and hba devices, then run cfgmgr",
        "mkvdev -lnagg",
        "mkvdev -sea to build any Shared Ethernet Adapters",
        "mkvdev -vlan",
        "mktcpip to configure the primary interface, gateway",
        "Add any extra IP addresses",
        "the VIO server's partition ID",
        "the VIO server's slot number, for the firmware connection",
        "decades of garbage",
        "attached to the vhost (virtual SCSI) adapter",
        "Use vfcmap to map the vfchost adapters",
        "map the vfchost adapters to real fcs ports",
        "to real fcs ports",
        "8 Gbit or newer",
        "NPIV-capable switch; lsnports shows this",
        "lsnportlogin",
        "Open Firmware's ioinfo to light up a port",
        "chnportlogin",
        "pain in the rump",
        "LPM requires any VSCSI LUNs to be mapped to all VIO servers in advance",
        "LPM requires any NPIV LUNs to be mapped to the secondary WWNs",
        "Make sure lsmap and lsmap -npiv show whatever mapping is required",
        "Make sure loadopt has mounted any ISO images",
        "mask an alt_disk_install LUN",
        "use NIM to do a network install",
        "You can use SMS to pick your boot device",
        "smitty tcpip",
        "chdev -l en0",
        "chdev -l inet0",
        "if it was a Linux install, Linux has its own configuration options",
    ],
    "sr-iov": [
        "SR-IOV can be used instead of the Shared Ethernet Adapter",
        "single PCI NIC",
        "less CPU on the VIO server",
        "gives your LPARs lower latency",
        "next generation of network virtualization",
        "one VIO server per port",
        "guaranteed minimum, not a cap",
        "SR-IOV vNIC vio howto",
    ],
    "hmc-cli-automation": [
        "CLI and automation",
        "in case there are collisions",
        "can be installed with alt_disk_copy",
        "from a physical CD",
        "The HMC command-line version is installios",
        "MAC address of the boot adapter",
        "prompts for all of the information",
    ],
    "ramdisk": [
        "think 1999-ish",
        "Such documents were called FAXES",
        'before "FAQ" was a common acronym',
        "When IBM's TechDoc system came out",
        "after the author left Big Blue",
        "mkramdisk $bytes",
        "mkramdisk -u $size",
        "the RAM disk uses pinned memory, which JFS and JFS2 require",
        "Unpinned (-u): fine for raw devices",
        "and maybe UDFS, but not for JFS",
        "at least mkfs knows to throw an error",
        "/dev/ramdisk0",
        "-o nointegrity",
        "-o log=INLINE",
        "udfcreate -f3 -d/dev/ramdisk0 ; mount -vudfs /dev/ramdisk0 /RAMDISK",
        "512-byte blocks",
        "evaporates on reboot",
        "copy the device out with dd",
    ],
    "tire-pressure": [
        "Pavement 700c 28mm",
        "700c 28mm 120psi",
        "28mm 120psi 300 LB",
        "120psi 300 LB 60% rear",
        "300 LB 60% rear",
        "Cruiser 32er 55mm",
        "32er 55mm 60psi",
        "55mm 60psi 310 LB",
        "60psi 310 LB 70% rear",
        "310 LB 70% rear",
        "Off-road 700c 40mm",
        "40mm 40psi 180 LB",
        "40psi 180 LB 60% rear",
        "butt off the seat",
        "you would be risking pinch flats",
        "unseating the bead",
        "coarse for rough terrain",
        "sand and hardpack",
        "shock absorption",
        "rolling off the rim",
        "Sand, pea gravel, mud",
        "throwing gravel",
        "Cruiser ~70% rear",
        "Mountain ~60% rear",
        "Race road ~55% rear",
        "Narrower tire for a larger diameter",
        "Lower pressure for a lower weight",
        "Lower pressure for a wider tire",
        # A rim-size row has two short cells (BSD and names): the row is the fact.
        "559mm 26er",
        '584mm 650b / 27.5"',
        "622mm 700c / 29er",
        "686mm 32er",
        "787mm 36er",
        "Berto 15 % tire drop",
        "P (psi) = 153.6 × L",
        "L / W^1.5785",
        "W^1.5785 - 7.1685",
        "published by BikeTinker in 2010",
    ],
    "home": [
        "ENABLE_PDF_EXPORT=1 mkdocs build",
        "The PDF is written into site/pdf/",
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


# Elements whose content has no end tag to wait for.
_VOID_TAGS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
)


class _ArticleText(HTMLParser):
    """Collect the text a reader sees in a page's article: its content, not the site's chrome.

    Only text inside `<article>` counts (navigation, header and footer lie outside it). Inside,
    <nav> (the page's tag list), <script>, <style>, <template>, elements with the `hidden`
    attribute (the forms that only scripts show) and permalink signs are skipped. Attributes
    never count, so a tooltip's title text is not page text. Inline tags vanish (syntax
    highlighting splits words into spans); every other tag separates words.
    """

    SKIPPED = frozenset({"nav", "script", "style", "template"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._open: list[tuple[str, bool]] = []  # (tag, skips its content) for each open element
        self._articles = 0
        self._skipped = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in INLINE_TAGS:
            self.parts.append(" ")
        if tag in _VOID_TAGS:
            return
        attributes = dict(attrs)
        skips = (
            tag in self.SKIPPED
            or "hidden" in attributes
            or (tag == "a" and "headerlink" in (attributes.get("class") or "").split())
        )
        self._open.append((tag, skips))
        self._articles += tag == "article"
        self._skipped += skips

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in INLINE_TAGS:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag not in INLINE_TAGS:
            self.parts.append(" ")
        if not any(name == tag for name, _ in self._open):
            return  # a stray end tag
        while self._open:
            name, skips = self._open.pop()
            self._articles -= name == "article"
            self._skipped -= skips
            if name == tag:
                break

    def handle_data(self, data: str) -> None:
        if self._articles and not self._skipped:
            self.parts.append(data)


def article_text(html: str) -> str:
    """Return the normalised visible text of one built page's article."""
    parser = _ArticleText()
    parser.feed(html)
    parser.close()
    return normalise("".join(parser.parts))


def page_file(area: str) -> str:
    """The built page (relative to the site) of a NOTE_FACTS group: `home` is index.html."""
    if area == "home":
        return "index.html"
    sources = [path for path in DOCS.rglob(f"{area}.md") if "assets" not in path.relative_to(DOCS).parts]
    assert len(sources) == 1, f"{area}: expected one docs page named {area}.md, found {sources}"
    return sources[0].relative_to(DOCS).with_suffix(".html").as_posix()


def missing_facts(facts: list[str], text: str) -> list[str]:
    """The facts (as written) that do not appear in `text` (already normalised)."""
    return [fact for fact in facts if normalise(fact) not in text]


@pytest.fixture(scope="module")
def page_texts(site_dir: Path) -> dict[str, str]:
    """The article text of each NOTE_FACTS group's own built page."""
    texts: dict[str, str] = {}
    for area in NOTE_FACTS:
        page = site_dir / page_file(area)
        assert page.is_file(), f"{area}: {page_file(area)} was not built"
        texts[area] = article_text(page.read_text(encoding="utf-8"))
        assert texts[area], f"{area}: {page_file(area)} has no article text"
    return texts


def test_fact_list_is_thorough() -> None:
    facts = [fact for group in NOTE_FACTS.values() for fact in group]
    assert len(facts) >= 100
    assert len(set(facts)) == len(facts), "duplicate facts in NOTE_FACTS"


def test_facts_are_distinctive() -> None:
    """A fact is a phrase of its page, not a word that any page might contain."""
    short = [fact for group in NOTE_FACTS.values() for fact in group if len(normalise(fact)) < MIN_FACT_LENGTH]
    assert short == [], f"facts shorter than {MIN_FACT_LENGTH} characters: lengthen them into a phrase of their page"


@pytest.mark.parametrize("area", sorted(NOTE_FACTS))
def test_note_facts_appear_on_their_page(page_texts: dict[str, str], area: str) -> None:
    missing = missing_facts(NOTE_FACTS[area], page_texts[area])
    assert not missing, f"{area}: facts missing from {page_file(area)}: {missing}"


# -- the matcher itself can fail ----------------------------------------------------------------

_SAMPLE_PAGE = """<!doctype html><html><head><title>Sample page title</title>
<script>var inScript = "script text";</script></head><body>
<header class="md-header">Header text</header>
<nav class="md-nav md-nav--primary"><a href="x.html">Navigation text</a></nav>
<article class="md-content__inner md-typeset">
<nav class="md-tags"><a class="md-tag" href="tags.html">Tag text</a></nav>
<h1 id="t">Article heading<a class="headerlink" href="#t" title="Permanent link">&para;</a></h1>
<p>The <abbr title="Tooltip expansion">LED</abbr> 554 fact, in a paragraph.</p>
<p>First paragraph</p><p>second paragraph</p>
<pre><code><span class="n">mkvdev</span><span class="w"> </span><span class="o">-</span>sea ent0</code></pre>
<form class="kb-interactive" hidden><label>Form label<input value="Field value"></label></form>
<template>Template text</template>
</article>
<footer class="md-footer">Footer text</footer>
</body></html>"""


def test_article_text_is_the_article_content_only() -> None:
    text = article_text(_SAMPLE_PAGE)
    assert missing_facts(["Article heading", "The LED 554 fact", "mkvdev -sea ent0"], text) == []
    outside = ["Sample page title", "script text", "Header text", "Navigation text", "Tag text",
               "Tooltip expansion", "Form label", "Field value", "Template text", "Footer text", "¶"]
    assert missing_facts(outside, text) == outside, text
    assert "paragraphsecond" not in text, "block elements must separate words"


def test_a_fact_missing_from_its_page_is_reported(site_dir: Path) -> None:
    """A fact of one page is not found on another: the check is per page, so it can fail."""
    ramdisk = article_text((site_dir / page_file("ramdisk")).read_text(encoding="utf-8"))
    tire = article_text((site_dir / page_file("tire-pressure")).read_text(encoding="utf-8"))
    assert missing_facts(NOTE_FACTS["ramdisk"], ramdisk) == []
    assert missing_facts(NOTE_FACTS["ramdisk"], tire) == NOTE_FACTS["ramdisk"]
    invented = "mkramdisk -u $size is never pinned"
    assert missing_facts([*NOTE_FACTS["ramdisk"], invented], ramdisk) == [invented]


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
