"""Golden texts of the snippets for several inputs, checked by hand against reference/aix-commands.md and the notes."""
from __future__ import annotations

import pytest

from calculators.snippets import SNIPPETS, SnippetValueError, render_filename, render_text
from calculators.snippets.model import PLACEHOLDER

# Reference section 6: the db2fmcd.service body that `db2fmcu -u -p` writes.
DB2FMCD_OTHER_DIR = """\
# Or let Db2 write the same file: db2fmcu -u -p /opt/ibm/db2/V11.5/bin/db2fmcd
cat <<'EOF' >/etc/systemd/system/db2fmcd.service
[Unit]
Description=DB2V115
[Service]
ExecStart=/opt/ibm/db2/V11.5/bin/db2fmcd
Restart=always
KillMode=process
KillSignal=SIGHUP
[Install]
WantedBy=default.target
EOF
systemctl enable db2fmcd.service
systemctl start db2fmcd.service
"""

# Reference section 6 "Suggested unit", for a second instance whose copy of dsmserv.rc sits
# where IBM 8.2.2 puts it.
INSTANCE_TSMINST2_822 = """\
cp -p /opt/tivoli/tsm/server/bin/dsmserv.rc /opt/tivoli/tsm/server/bin/tsminst2
# Then edit /opt/tivoli/tsm/server/bin/tsminst2 as IBM's steps say:
#   set instance_dir= if the instance directory is not ~/tsminst2 of user tsminst2;
#   change the header line to: # pidfile: /var/run/dsmserv_tsminst2_su.pid
cat <<'EOF' >/etc/systemd/system/tsminst2.service
[Unit]
Description=IBM Storage Protect server tsminst2
Wants=network-online.target
After=network-online.target db2fmcd.service
[Service]
Type=forking
ExecStart=/opt/tivoli/tsm/server/bin/tsminst2 start
ExecReload=/opt/tivoli/tsm/server/bin/tsminst2 reload
ExecStop=/opt/tivoli/tsm/server/bin/tsminst2 stop
PIDFile=/var/run/dsmserv_tsminst2_su.pid
TimeoutStartSec=600
[Install]
WantedBy=multi-user.target
EOF
systemctl enable tsminst2.service
systemctl start tsminst2.service
"""

DSMCAD_DEFAULT = """\
ln -s /opt/tivoli/tsm/client/ba/bin/rc.dsmcad /etc/init.d/dsmcad
cat <<'EOF' >/etc/systemd/system/dsmcad.service
[Unit]
Description=IBM Storage Protect client acceptor dsmcad
After=network.target
[Service]
Type=forking
ExecStart=/etc/init.d/dsmcad start
ExecReload=/etc/init.d/dsmcad reload
ExecStop=/etc/init.d/dsmcad stop
GuessMainPID=no
[Install]
WantedBy=multi-user.target
EOF
systemctl enable dsmcad.service
systemctl start dsmcad.service
"""

# Reference section 5: the store files, and the AIX client directory.
CLIENT_RESET_AIX = """\
# Check first: what the store holds (dsmcert -list) and which files are there.
/usr/tivoli/tsm/client/ba/bin64/dsmcert -list
ls -l /usr/tivoli/tsm/client/ba/bin64/dsmcert.*
# DESTRUCTIVE: deletes the certificate store; no undo (dsmcert -add makes a new one, step 7).
# Delete the store files by name: the notes' dsmcert.* also clobbered the dsmcert program.
rm -f /usr/tivoli/tsm/client/ba/bin64/dsmcert.kdb
rm -f /usr/tivoli/tsm/client/ba/bin64/dsmcert.sth
rm -f /usr/tivoli/tsm/client/ba/bin64/dsmcert.idx
rm -f /usr/tivoli/tsm/client/ba/bin64/dsmcert.rdb
rm -f /usr/tivoli/tsm/client/ba/bin64/dsmcert.crl
"""

CLIENT_RESET_WINDOWS = r"""rem Check first: which store files are there.
dir "C:\Program Files\Tivoli\TSM\baclient\dsmcert.*"
rem DESTRUCTIVE: deletes the certificate store; no undo (dsmcert -add makes a new one, step 7).
rem Delete the store files by name: dsmcert.* also matches dsmcert.exe.
del "C:\Program Files\Tivoli\TSM\baclient\dsmcert.kdb"
del "C:\Program Files\Tivoli\TSM\baclient\dsmcert.sth"
del "C:\Program Files\Tivoli\TSM\baclient\dsmcert.idx"
del "C:\Program Files\Tivoli\TSM\baclient\dsmcert.rdb"
del "C:\Program Files\Tivoli\TSM\baclient\dsmcert.crl"
"""

CLIENT_TRUST_AIX = """\
/usr/tivoli/tsm/client/ba/bin64/dsmcert -add -server TSM2 -file /var/tmp/cert256.arm
/usr/tivoli/tsm/client/ba/bin64/dsmcert -list
"""

CLIENT_TRUST_WINDOWS_OTHER = """\
"D:\\Tivoli (x86)\\baclient\\dsmcert.exe" -add -server DT -file "D:\\certs\\cert256.arm"
"D:\\Tivoli (x86)\\baclient\\dsmcert.exe" -list
"""

ETHERCHANNEL_OTHER = """\
# EtherChannel ent20 with adapter_names=ent3,ent4 and IP interface en20.
# Check first: adapter_names must list ent3 first.
lsattr -El ent20 -a adapter_names
# Remove and re-add the FIRST adapter (ent3) before anything else.
# DESTRUCTIVE: rmdev -Rl en20 takes the IP interface down: run this from a console.
# In the wrong order it crashed AIX 7.2. Rollback: mkdev -l en20 (the last line).
/usr/lib/methods/ethchan_config -d ent20 ent3
/usr/lib/methods/ethchan_config -a ent20 ent3
/usr/lib/methods/ethchan_config -d ent20 ent4
/usr/lib/methods/ethchan_config -a ent20 ent4
/usr/sbin/rmdev -Rl en20
/usr/sbin/mkdev -l en20
# Any combination of the above works once the first adapter was removed and re-added.
# NEVER start with ent4: after removing and re-adding it (one server crashed right there),
# deleting ent3 fails (0950-021) and rmdev -Rl en20 crashes AIX 7.2 (APAR IJ06720).
"""

# IBM Support, "Migrate to AIXPCM using Manage_Disk_Drivers Command": defaults and switch before the reboot,
# nothing removed; the uninstall is a separate block for after the reboot and the checks.
SDDPCM_BEFORE_REBOOT = """\
# Part 1 of 2, BEFORE the reboot. Nothing is removed: SDDPCM stays installed; all can be undone.
# Check: the SDDPCM and host attachment filesets, which driver each disk family uses, the boot disk.
lslpp -l | grep sddpcm
lslpp -l | grep devices.fcp.disk.ibm.mpio
manage_disk_drivers -l
lsdev -Cc disk
lspv | grep rootvg
bootlist -m normal -o
# AIXPCM defaults that SDDPCM used to provide; IBM sets them BEFORE rebooting into AIXPCM.
chdef -a queue_depth=32 -c disk -s fcp -t mpioosdisk
chdef -a reserve_policy=no_reserve -c disk -s fcp -t mpioosdisk
chdef -a algorithm=shortest_queue -c PCM -s friend -t fcpother
# Switch the IBMSVC family to AIXPCM at the next boot.
# Rollback (while SDDPCM is installed): manage_disk_drivers -d IBMSVC -o NO_OVERRIDE, then reboot.
manage_disk_drivers -d IBMSVC -o AIX_AAPCM
bosboot -a
# Now reboot the LPAR (manage_disk_drivers asks for it), then run part 2.
# Do NOT remove SDDPCM before the reboot and the checks of part 2.
"""

# After the reboot: every check (driver, disks, paths) comes before the first installp -u, and the
# DESTRUCTIVE line says that the rollback ends there.
SDDPCM_AFTER_REBOOT_AIX71 = """\
# Part 2 of 2, AFTER the reboot into AIXPCM. Check every disk and path before removing anything.
# IBMSVC must show AIX_AAPCM as its present driver.
manage_disk_drivers -l
# Every SVC disk, the boot disk included, must show as "MPIO Other FC SCSI Disk Drive".
lsdev -Cc disk
# Every disk must be listed with its paths, and every path Enabled.
lsmpio
lspath
# A disk not on AIXPCM or a path not Enabled: STOP and roll back (NO_OVERRIDE, reboot).
# DESTRUCTIVE: removes SDDPCM, then the host attachment. After this there is no rollback:
# NO_OVERRIDE needs SDDPCM installed. A host attachment left behind gave LED 554 on clones.
installp -ug devices.sddpcm.71.rte
installp -ug devices.fcp.disk.ibm.mpio.rte
# If lslpp lists devices.sas.disk.ibm.mpio.rte, remove it too with installp -ug.
lslpp -l | grep sddpcm
lslpp -l | grep devices.fcp.disk.ibm.mpio
bosboot -a
# Both lslpp lines must print nothing. Reboot once more now to prove it boots without SDDPCM.
"""

ROLLBACK = """\
# Only while SDDPCM is still installed (the lslpp line must list devices.sddpcm):
# NO_OVERRIDE hands the IBMSVC disks back to it.
lslpp -l | grep sddpcm
manage_disk_drivers -d IBMSVC -o NO_OVERRIDE
# Now reboot.
"""

# The notes say "remove LDAPURL from dsmserv.opt"; the copy keeps the line(s) for the restore.
LDAPURL_OFF_OTHER = """\
# Keep a copy with the LDAPURL line(s) to put back later; a second run keeps the first copy.
test -e /tsm/tsminst2/dsmserv.opt.ldapurl || cp -p /tsm/tsminst2/dsmserv.opt /tsm/tsminst2/dsmserv.opt.ldapurl
# Write dsmserv.opt again from the copy without its LDAPURL line(s), as the notes say; then start the server.
test -s /tsm/tsminst2/dsmserv.opt.ldapurl && grep -v -i '^[[:space:]]*LDAPURL[[:space:]]' /tsm/tsminst2/dsmserv.opt.ldapurl > /tsm/tsminst2/dsmserv.opt
"""  # noqa: E501 - the verbatim command line the snippet prints

# Reference section 5: the LDAPURL line's form.
LDAPURL_ON_OTHER = """\
# Move back the copy kept by the workaround, then restart the server (SETOPT cannot set LDAPURL).
mv /tsm/tsminst2/dsmserv.opt.ldapurl /tsm/tsminst2/dsmserv.opt
grep -i '^[[:space:]]*LDAPURL' /tsm/tsminst2/dsmserv.opt
# Each line it shows has this form (without a copy, add it by hand):
# LDAPURL ldaps://ldap1.example.com:636/ou=tsm,dc=example,dc=com
"""

ALIAS_OTHER = """\
auto ens160:1
iface ens160:1 inet static
    address 10.1.1.20
    netmask 255.255.254.0
"""

GOLDEN: list[tuple[str, dict[str, str], str]] = [
    ("sp-db2fmcd-unit", {"db2_dir": "/opt/ibm/db2/V11.5"}, DB2FMCD_OTHER_DIR),
    ("sp-instance-unit", {"owner": "tsminst2", "init_dir": "/opt/tivoli/tsm/server/bin"}, INSTANCE_TSMINST2_822),
    ("sp-dsmcad-unit", {}, DSMCAD_DEFAULT),
    ("sp-server-self-trust", {}, "dsmcert -add -server TSM -file /home/tsminst1/cert256.arm\ndsmcert -list\n"),
    ("sp-server-self-trust", {"server_name": "TSM2", "instance_dir": "/tsm/tsminst2"},
     "dsmcert -add -server TSM2 -file /tsm/tsminst2/cert256.arm\ndsmcert -list\n"),
    ("sp-client-cert-reset", {"client_dir": "/usr/tivoli/tsm/client/ba/bin64"}, CLIENT_RESET_AIX),
    ("sp-client-cert-reset-windows", {}, CLIENT_RESET_WINDOWS),
    ("sp-allow-key-exchange", {"node_name": "LNXCLIENT01"}, "UPDATE NODE LNXCLIENT01 SESSIONSECURITY=TRANSITIONAL\n"),
    ("sp-client-cert-trust",
     {"client_dir": "/usr/tivoli/tsm/client/ba/bin64", "server_name": "TSM2", "cert_file": "/var/tmp/cert256.arm"},
     CLIENT_TRUST_AIX),
    ("sp-client-cert-trust-windows",
     {"windows_client_dir": "D:\\Tivoli (x86)\\baclient", "server_name": "DT", "windows_cert_file": "D:\\certs\\cert256.arm"},
     CLIENT_TRUST_WINDOWS_OTHER),
    ("sp-ldapurl-off", {"instance_dir": "/tsm/tsminst2"}, LDAPURL_OFF_OTHER),
    ("sp-ldapurl-on", {"instance_dir": "/tsm/tsminst2", "ldap_url": "ldaps://ldap1.example.com:636/ou=tsm,dc=example,dc=com"},
     LDAPURL_ON_OTHER),
    ("aix-etherchannel-readd", {"etherchannel": "ent20", "first_adapter": "ent3", "second_adapter": "ent4"}, ETHERCHANNEL_OTHER),
    ("aix-sddpcm-to-aixpcm", {}, SDDPCM_BEFORE_REBOOT),
    ("aix-sddpcm-remove", {"aix_level": "71"}, SDDPCM_AFTER_REBOOT_AIX71),
    ("aix-aixpcm-rollback", {}, ROLLBACK),
    ("ubuntu-ip-alias", {"interface": "ens160", "alias_number": "1", "address": "10.1.1.20", "netmask": "255.255.254.0"}, ALIAS_OTHER),
]

# Lines that survived in the field notes: the defaults must reproduce them exactly.
NOTES_LINES: dict[str, list[str]] = {
    "sp-db2fmcd-unit": ["systemctl enable db2fmcd.service", "systemctl start db2fmcd.service"],
    "sp-instance-unit": [
        "cp -p /opt/tivoli/tsm/server/bin/dsmserv.rc /etc/init.d/tsminst1",
        "ExecStart=/etc/init.d/tsminst1 start\n"
        "ExecReload=/etc/init.d/tsminst1 reload\n"
        "ExecStop=/etc/init.d/tsminst1 stop",
        "systemctl enable tsminst1.service",
        "systemctl start tsminst1.service",
    ],
    "sp-dsmcad-unit": [
        "ln -s /opt/tivoli/tsm/client/ba/bin/rc.dsmcad /etc/init.d/dsmcad",
        "ExecStart=/etc/init.d/dsmcad start\n"
        "ExecReload=/etc/init.d/dsmcad reload\n"
        "ExecStop=/etc/init.d/dsmcad stop",
        "systemctl enable dsmcad.service",
        "systemctl start dsmcad.service",
    ],
    "sp-server-self-trust": ["dsmcert -add -server TSM -file /home/tsminst1/cert256.arm"],
    "aix-etherchannel-readd": [
        "/usr/lib/methods/ethchan_config -d ent17 ent2\n"
        "/usr/lib/methods/ethchan_config -a ent17 ent2\n"
        "/usr/lib/methods/ethchan_config -d ent17 ent6\n"
        "/usr/lib/methods/ethchan_config -a ent17 ent6\n"
        "/usr/sbin/rmdev -Rl en17\n"
        "/usr/sbin/mkdev -l en17",
    ],
}


@pytest.mark.parametrize(("name", "values", "expected"), GOLDEN, ids=[f"{n}-{i}" for i, (n, _, _) in enumerate(GOLDEN)])
def test_golden_text(name: str, values: dict[str, str], expected: str) -> None:
    assert render_text(SNIPPETS[name], values) == expected


@pytest.mark.parametrize("name", sorted(NOTES_LINES))
def test_defaults_reproduce_the_lines_that_survived_in_the_notes(name: str) -> None:
    text = render_text(SNIPPETS[name])
    for line in NOTES_LINES[name]:
        assert line + "\n" in text


def test_every_snippet_is_covered_by_a_golden_case() -> None:
    assert {name for name, _, _ in GOLDEN} == set(SNIPPETS)


def test_file_names_are_filled_in() -> None:
    assert render_filename(SNIPPETS["sp-ldapurl-off"], {"instance_dir": "/tsm/tsminst2"}) == ""
    assert render_filename(SNIPPETS["ubuntu-ip-alias"]) == "/etc/network/interfaces"


def test_no_placeholder_is_left_and_defaults_render() -> None:
    for snippet in SNIPPETS.values():
        text = render_text(snippet)
        assert not PLACEHOLDER.search(text) and "@@" not in text, snippet.name


def test_invalid_values_raise_with_every_message() -> None:
    with pytest.raises(SnippetValueError) as error:
        render_text(SNIPPETS["aix-etherchannel-readd"], {"etherchannel": "ent17", "first_adapter": "ent2", "second_adapter": "ent2"})
    assert error.value.errors == {
        "second_adapter": 'second_adapter: "ent2" is already given as first_adapter; '
        "etherchannel, first_adapter, second_adapter must all be different."
    }
    with pytest.raises(SnippetValueError) as error:
        render_text(SNIPPETS["sp-instance-unit"], {"owner": "tsm;reboot", "init_dir": "/etc/init d"})
    assert set(error.value.errors) == {"owner", "init_dir"}
    assert error.value.errors["init_dir"].startswith('init_dir: "/etc/init d" contains a space')
    with pytest.raises(KeyError):
        render_text(SNIPPETS["sp-instance-unit"], {"instance": "x"})


def test_sddpcm_order_reboot_and_checks_come_before_any_uninstall() -> None:
    """Issue 12: nothing is uninstalled before the reboot; after it, every check precedes the first installp -u."""
    before = render_text(SNIPPETS["aix-sddpcm-to-aixpcm"], {}).splitlines()
    after = render_text(SNIPPETS["aix-sddpcm-remove"], {"aix_level": "72"}).splitlines()
    assert not [line for line in before if line.startswith("installp")]
    assert before.index("manage_disk_drivers -d IBMSVC -o AIX_AAPCM") > before.index(
        "chdef -a algorithm=shortest_queue -c PCM -s friend -t fcpother")
    assert "reboot" in before[-2].lower()
    first_uninstall = after.index("installp -ug devices.sddpcm.72.rte")
    for check in ("manage_disk_drivers -l", "lsdev -Cc disk", "lsmpio", "lspath"):
        assert after.index(check) < first_uninstall, check
    assert after.index("installp -ug devices.fcp.disk.ibm.mpio.rte") == first_uninstall + 1
    assert "no rollback" in after[first_uninstall - 2].lower() and after[first_uninstall - 2].startswith("# DESTRUCTIVE:")
