"""AIX snippets: the EtherChannel re-add order (APAR IJ06720) and the SDDPCM → AIXPCM switch.

Command lines are the notes' (EtherChannel) and reference/aix-commands.md sections 4 and 7.
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
    sources="notes (the working sequence, the crashing one); reference section 7 (ethchan_config syntax)",
    template="""\
# EtherChannel @@etherchannel@@ with adapter_names=@@first_adapter@@,@@second_adapter@@ and IP interface @@interface@@.
# Remove and re-add the FIRST adapter (@@first_adapter@@) before anything else.
# rmdev -Rl @@interface@@ takes the IP interface down: run this from a console, not over @@interface@@.
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
            "APAR IJ06720 and message 0950-021 are as the notes have them; the reference could not "
            "find either in IBM's public material.",
        ),
    ),
)

SDDPCM_TO_AIXPCM = Snippet(
    name="aix-sddpcm-to-aixpcm",
    summary="switch IBMSVC disks from SDDPCM to AIXPCM and remove SDDPCM, then the host attachment",
    language="bash",
    checker="shell",
    variables=(Variable("aix_level", SDDPCM_AIX_LEVEL, "72", "AIX level in the SDDPCM fileset name"),),
    sources="reference section 4 (chdef, manage_disk_drivers, installp order, bosboot); notes (remove the host attachment too)",
    template="""\
lslpp -l | grep sddpcm
manage_disk_drivers -l
chdef -a queue_depth=32 -c disk -s fcp -t mpioosdisk
chdef -a reserve_policy=no_reserve -c disk -s fcp -t mpioosdisk
chdef -a algorithm=shortest_queue -c PCM -s friend -t fcpother
manage_disk_drivers -d IBMSVC -o AIX_AAPCM
# Remove SDDPCM first, then the host attachment (devices.sas.disk.ibm.mpio.rte too, if installed).
installp -ug devices.sddpcm.@@aix_level@@.rte
installp -ug devices.fcp.disk.ibm.mpio.rte
bosboot -a
# Now reboot: "For the change to take effect the system must be rebooted".
""",
    caveats=(
        Caveat(
            "reconstructed",
            "The notes give no commands; every line is the reference's (section 4). The reference "
            "names no reboot command: reboot the LPAR the way your site does.",
        ),
    ),
)

AIXPCM_ROLLBACK = Snippet(
    name="aix-aixpcm-rollback",
    summary="go back from AIXPCM to SDDPCM (only while SDDPCM is still installed)",
    language="bash",
    checker="shell",
    sources="reference section 4 (NO_OVERRIDE lets an installed SDDPCM take over)",
    template="""\
# Only while SDDPCM is still installed: NO_OVERRIDE hands the IBMSVC disks back to it.
manage_disk_drivers -d IBMSVC -o NO_OVERRIDE
# Now reboot.
""",
)

SNIPPETS = (ETHERCHANNEL_READD, SDDPCM_TO_AIXPCM, AIXPCM_ROLLBACK)
