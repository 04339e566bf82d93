"""AIX snippets: the EtherChannel re-add order (APAR IJ06720) and the SDDPCM → AIXPCM switch.

Command lines are the notes' (EtherChannel) and the team's checked command facts; the public sources
are IBM's "ethchan_config Command" page and IBM Support's "Migrate to AIXPCM using
Manage_Disk_Drivers Command" and "How To Migrate SDDPCM to AIXPCM". Destructive lines carry a
``# DESTRUCTIVE:`` comment line right above them (tests/test_site_destructive_marks.py checks it).
"""
from __future__ import annotations

from calculators.snippets.kinds import AIX_ADAPTER, SDDPCM_AIX_LEVEL
from calculators.snippets.model import Caveat, Derived, Snippet, Variable

ETHERCHANNEL_READD = Snippet(
    name="aix-etherchannel-readd",
    summary="re-add the adapters of an EtherChannel in the order that works (first adapter first)",
    language="bash",
    checker="shell",
    variables=(
        Variable("etherchannel", AIX_ADAPTER, "ent17", "EtherChannel"),
        Variable("first_adapter", AIX_ADAPTER, "ent2", "First adapter in adapter_names"),
        Variable("second_adapter", AIX_ADAPTER, "ent6", "Second adapter in adapter_names"),
    ),
    derived=(Derived("interface", "etherchannel", "ent", "en", "IP interface"),),
    distinct=(("etherchannel", "first_adapter", "second_adapter"),),
    sources="notes (the working sequence, the crashing one); IBM 'ethchan_config Command' (syntax)",
    template="""\
# EtherChannel @@etherchannel@@ with adapter_names=@@first_adapter@@,@@second_adapter@@ and IP interface @@interface@@.
# Check first: adapter_names must list @@first_adapter@@ first.
lsattr -El @@etherchannel@@ -a adapter_names
# Remove and re-add the FIRST adapter (@@first_adapter@@) before anything else.
# DESTRUCTIVE: rmdev -Rl @@interface@@ takes the IP interface down: run this from a console.
# In the wrong order it crashed AIX 7.2. Rollback: mkdev -l @@interface@@ (the last line).
/usr/lib/methods/ethchan_config -d @@etherchannel@@ @@first_adapter@@
/usr/lib/methods/ethchan_config -a @@etherchannel@@ @@first_adapter@@
/usr/lib/methods/ethchan_config -d @@etherchannel@@ @@second_adapter@@
/usr/lib/methods/ethchan_config -a @@etherchannel@@ @@second_adapter@@
/usr/sbin/rmdev -Rl @@interface@@
/usr/sbin/mkdev -l @@interface@@
# Any combination of the above works once the first adapter was removed and re-added.
# NEVER start with @@second_adapter@@: after removing and re-adding it (one server crashed right there),
# deleting @@first_adapter@@ fails (0950-021) and rmdev -Rl @@interface@@ crashes AIX 7.2 (APAR IJ06720).
""",
    caveats=(
        Caveat(
            "unconfirmed",
            "APAR IJ06720 and message 0950-021 are as the notes have them; neither could be found in "
            "IBM's public material.",
        ),
    ),
)

SDDPCM_TO_AIXPCM = Snippet(
    name="aix-sddpcm-to-aixpcm",
    summary="part 1, before the reboot: check, set the AIXPCM defaults, switch IBMSVC disks to AIXPCM (nothing is removed)",
    language="bash",
    checker="shell",
    sources="IBM Support 'Migrate to AIXPCM using Manage_Disk_Drivers Command' (STEP 1 chdef before the reboot; "
            "manage_disk_drivers; reboot required); 'manage_disk_drivers Command'",
    template="""\
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
""",
    caveats=(
        Caveat(
            "reconstructed",
            "The notes give no commands. The order (defaults and switch, reboot, check every disk, only then "
            "remove SDDPCM and the host attachment) is IBM Support's \"Migrate to AIXPCM using "
            "Manage_Disk_Drivers Command\"; lspv, bootlist and lsdev are ordinary AIX checks. No reboot "
            "command is printed: reboot the LPAR the way your site does.",
        ),
    ),
)

SDDPCM_REMOVE = Snippet(
    name="aix-sddpcm-remove",
    summary="part 2, after the reboot into AIXPCM: check every disk and path, then remove SDDPCM and the host attachment",
    language="bash",
    checker="shell",
    variables=(Variable("aix_level", SDDPCM_AIX_LEVEL, "72", "AIX level in the SDDPCM fileset name"),),
    sources="IBM Support 'Migrate to AIXPCM using Manage_Disk_Drivers Command'; 'How To Migrate SDDPCM to AIXPCM'; "
            "notes (remove the host attachment too)",
    template="""\
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
installp -ug devices.sddpcm.@@aix_level@@.rte
installp -ug devices.fcp.disk.ibm.mpio.rte
# If lslpp lists devices.sas.disk.ibm.mpio.rte, remove it too with installp -ug.
lslpp -l | grep sddpcm
lslpp -l | grep devices.fcp.disk.ibm.mpio
bosboot -a
# Both lslpp lines must print nothing. Reboot once more now to prove it boots without SDDPCM.
""",
    caveats=(
        Caveat(
            "unconfirmed",
            "Whether IBM asks for a second reboot after the uninstall could not be confirmed; rebooting once "
            "more in the same window shows any boot problem now rather than at the next mksysb restore.",
        ),
    ),
)

AIXPCM_ROLLBACK = Snippet(
    name="aix-aixpcm-rollback",
    summary="go back from AIXPCM to SDDPCM (only while SDDPCM is still installed)",
    language="bash",
    checker="shell",
    sources="'manage_disk_drivers Command' (NO_OVERRIDE lets an installed SDDPCM take over)",
    template="""\
# Only while SDDPCM is still installed (the lslpp line must list devices.sddpcm):
# NO_OVERRIDE hands the IBMSVC disks back to it.
lslpp -l | grep sddpcm
manage_disk_drivers -d IBMSVC -o NO_OVERRIDE
# Now reboot.
""",
)

SNIPPETS = (ETHERCHANNEL_READD, SDDPCM_TO_AIXPCM, SDDPCM_REMOVE, AIXPCM_ROLLBACK)
