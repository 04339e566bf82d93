"""AIX RAM disk: the 512-byte block count, the memory it pins, JFS2 space, and the commands.

Facts and command forms follow IBM's "mkramdisk Command", "rmramdisk Command", "mkfs Command" and
"udfcreate Command" pages and a recorded working run. The
fields have already been parsed and range-checked (size in bytes, 1 block to
16 TiB; number 0-63; mount a plain absolute path); this module applies the rules
that join fields. It is compiled to JavaScript: keep to the subset described in
docs-dev/calculators.md.
"""
from __future__ import annotations

import math

from calculators.runtime import CalcError, fmt_number
from calculators.units import unit_factor

# Every size constant comes from the project's one pint registry (units.txt defines the block).
BLOCK_BYTES = int(unit_factor("block", "byte"))
KIB = int(unit_factor("KiB", "byte"))
MIB = int(unit_factor("MiB", "byte"))
GIB = int(unit_factor("GiB", "byte"))
TIB = int(unit_factor("TiB", "byte"))
BLOCKS_PER_MIB = MIB // BLOCK_BYTES
# 16 TiB = 34,359,738,368 blocks: far above any RAM disk worth making, low enough that every
# byte and block count stays an exact integer in a JavaScript double (exact up to 2**53 bytes
# = 8 PiB), and a unit typo (TB for GB, blocks for bytes) is refused rather than run.
MAX_SIZE_BYTES = 16 * TIB
# IBM: "the minimum JFS2 filesystem size is 16 MB"; IBM's MB is binary here, so 16 MiB.
JFS2_MIN_BYTES = 16 * MIB
# Above half of the machine's memory the kernel, the programs and the file cache are left
# with less than the RAM disk itself: warn. At or above all of it a pinned disk cannot exist.
MEMORY_SHARE_WARNING = 0.5
# JFS2 inline log: 0.4 % of the filesystem by default, at most 2047 MB (crfs man page).
INLINE_LOG_SHARE = 0.004
INLINE_LOG_MAX_MIB = 2047
# Other JFS2 metadata, empirical: the two measured runs lost 0.028 % and 0.005 % besides the log.
OTHER_METADATA_SHARE = 0.00015
SIZE_UNITS = ["bytes", "KiB", "MiB", "GiB", "TiB"]
SIZE_FACTORS = [1, KIB, MIB, GIB, TIB]
# Standard AIX directories: a RAM disk mounted on one hides what is there.
SYSTEM_DIRECTORIES = ["/usr", "/var", "/tmp", "/home", "/opt", "/admin", "/etc", "/dev",
                      "/proc", "/sbin", "/bin", "/lib", "/unix"]


def whole_bytes(size_bytes: float) -> float:
    """The byte count, snapped to the nearest integer when it is one up to float noise (514.56 KB)."""
    nearest = math.floor(size_bytes + 0.5)
    if abs(size_bytes - nearest) <= size_bytes * 1e-15:
        return nearest
    return size_bytes


def block_count(size_bytes: float) -> int:
    """Number of 512-byte blocks mkramdisk needs for this size, rounded up."""
    return math.ceil(whole_bytes(size_bytes) / BLOCK_BYTES)


def disk_bytes(blocks: int) -> int:
    """Exact size in bytes of a RAM disk of this many blocks."""
    return blocks * BLOCK_BYTES


def is_whole_blocks(size_bytes: float) -> bool:
    """True when the size is an exact number of 512-byte blocks (nothing was rounded)."""
    return whole_bytes(size_bytes) == disk_bytes(block_count(size_bytes))


def suffix_form(blocks: int) -> str:
    """mkramdisk's G or M form when it is exact (M and G assumed binary), else an empty text."""
    size = disk_bytes(blocks)
    if size % GIB == 0:
        return f"{size // GIB}G"
    if size % MIB == 0:
        return f"{size // MIB}M"
    return ""


def pinned_bytes(blocks: int, unpinned: bool) -> int:
    """Real memory the RAM disk pins: all of it by default, none when unpinned (-u)."""
    if unpinned:
        return 0
    return disk_bytes(blocks)


def inline_log_blocks(blocks: int) -> int:
    """Estimated JFS2 inline log: 0.4 % of the disk rounded down to whole MiB, at most 2047 MiB."""
    log_mib = math.floor(blocks * BLOCK_BYTES * INLINE_LOG_SHARE / MIB)
    return min(log_mib, INLINE_LOG_MAX_MIB) * BLOCKS_PER_MIB


def usable_blocks(blocks: int) -> int:
    """Empirical JFS2 filesystem size in blocks: raw minus the inline log minus ~0.015 % metadata."""
    other_metadata = math.floor(blocks * OTHER_METADATA_SHARE + 0.5)
    return max(blocks - inline_log_blocks(blocks) - other_metadata, 0)


def group_thousands(number: int) -> str:
    """A non-negative integer with comma thousands separators (134,217,728)."""
    text = ""
    rest = number
    for _ in range(8):
        if rest < 1000:
            break
        text = f",{rest % 1000:03d}" + text
        rest = rest // 1000
    return f"{rest:d}" + text


def readable_size(size_bytes: float) -> str:
    """The size in the largest binary unit that keeps it at least 1, two decimals at most (1.5 GiB)."""
    index = 0
    for candidate in range(1, 5):
        if size_bytes >= SIZE_FACTORS[candidate]:
            index = candidate
    return f"{fmt_number(size_bytes / SIZE_FACTORS[index], 2)} {SIZE_UNITS[index]}"


def block_device(number: int) -> str:
    """Block device of RAM disk N, the one mkfs and mount use: /dev/ramdiskN."""
    return f"/dev/ramdisk{number}"


def ramdisk_name(number: int) -> str:
    """The name rmramdisk takes, in the form its man page states: rramdiskN."""
    return f"rramdisk{number}"


# The setup block keeps what mkramdisk prints (IBM: on success it writes the new device's name,
# such as /dev/rramdisk0) and derives the block device from it, so mkfs never formats a RAM disk
# number it merely assumed. ${RDEV#/dev/r} turns /dev/rramdisk0 into ramdisk0.
DEVICE = '"$DEV"'
MADE = 'RDEV=$(mkramdisk {size}) && echo "mkramdisk made $RDEV"'
FROM_PRINTED = 'DEV=/dev/${RDEV#/dev/r}'
DESTRUCTIVE_FORMAT = "# DESTRUCTIVE: {tool} erases all on $DEV (the RAM disk just made); no undo."
DESTRUCTIVE_REMOVE = "# DESTRUCTIVE: rmramdisk deletes the disk and its data; no undo (dd it out first)."


def make_filesystem_command(fs: str) -> str:
    """The command that formats the RAM disk just made: mkfs for JFS2 (inline log) or JFS, udfcreate for UDF.

    Each is skipped unless $DEV is a block device.
    """
    if fs == "jfs2":
        return f"test -b {DEVICE} && mkfs -V jfs2 -o log=INLINE {DEVICE}"
    if fs == "jfs":
        return f"test -b {DEVICE} && mkfs -V jfs {DEVICE}"
    return f"test -b {DEVICE} && udfcreate -d {DEVICE} -f 3"


def mount_command(fs: str, mount: str) -> str:
    """The mount command: JFS2 with its inline log, JFS without logging (nointegrity), or UDF."""
    if fs == "jfs2":
        return f"mount -V jfs2 -o log={DEVICE} {DEVICE} {mount}"
    if fs == "jfs":
        return f"mount -V jfs -o nointegrity {DEVICE} {mount}"
    return f"mount -V udfs {DEVICE} {mount}"


def setup_commands(blocks: int, unpinned: bool, fs: str, mount: str) -> list:
    """Commands that create, format and mount the RAM disk, in the order to run them, with the check before mkfs."""
    size = f"{blocks:d}"
    if unpinned:
        size = f"-u {blocks:d}"
    commands = ["# Check: the RAM disks that exist already (mkramdisk takes the next free number).",
                "ls -l /dev/*ramdisk*",
                MADE.replace("{size}", size)]
    if fs == "raw":
        return commands
    tool = "mkfs"
    if fs == "udfs":
        tool = "udfcreate"
    commands.append("# The block device of the RAM disk mkramdisk printed (/dev/rramdiskN -> /dev/ramdiskN).")
    commands.append(FROM_PRINTED)
    commands.append(DESTRUCTIVE_FORMAT.replace("{tool}", tool))
    commands.append(make_filesystem_command(fs))
    commands.append(f"mkdir -p {mount}")
    commands.append(mount_command(fs, mount))
    return commands


def teardown_commands(fs: str, number: int, mount: str) -> list:
    """Commands that unmount and remove RAM disk N, with the check first (its contents are lost)."""
    commands = []
    if fs != "raw":
        commands.append(f"# Check: {mount} must be mounted from {block_device(number)}.")
        commands.append(f"mount | grep {block_device(number)}")
        commands.append(f"umount {mount}")
    else:
        commands.append(f"# Check: {block_device(number)} must be the RAM disk you mean to remove.")
        commands.append(f"ls -l {block_device(number)}")
    commands.append(DESTRUCTIVE_REMOVE)
    commands.append(f"rmramdisk {ramdisk_name(number)}")
    return commands


def filesystem_label(fs: str) -> str:
    """How a reader names the filesystem: JFS2, JFS, UDF or raw."""
    if fs == "jfs2":
        return "JFS2"
    if fs == "jfs":
        return "JFS"
    if fs == "udfs":
        return "UDF"
    return "raw"


def check_pinning(unpinned: bool, fs: str) -> None:
    """Refuse JFS or JFS2 on an unpinned RAM disk, which mkfs refuses too."""
    if unpinned and (fs == "jfs2" or fs == "jfs"):
        raise CalcError(
            "JOURNALED_FS_UNPINNED",
            f"Unpinned: {filesystem_label(fs)} needs a pinned RAM disk and this one is unpinned (-u); "
            "mkfs refuses it. JFS and JFS2 have latency and access requirements that memory which "
            "may be paged out cannot meet. Use a pinned RAM disk (the default), or UDF or raw for "
            "an unpinned one.",
            "unpinned")


def check_jfs2_size(blocks: int, fs: str) -> None:
    """Refuse a JFS2 RAM disk below the 16 MB (16 MiB) JFS2 minimum."""
    if fs == "jfs2" and disk_bytes(blocks) < JFS2_MIN_BYTES:
        raise CalcError(
            "JFS2_TOO_SMALL",
            f"Size: {readable_size(disk_bytes(blocks))} ({group_thousands(blocks)} blocks) is below "
            "the JFS2 minimum of 16 MB, read as 16 MiB (32,768 blocks); give at least 16 MiB, or "
            "choose JFS, UDF or raw.",
            "size")


def check_memory(blocks: int, unpinned: bool, memory: float | None) -> None:
    """Refuse a pinned RAM disk as large as the machine's memory, when the memory is given."""
    if memory is not None and not unpinned and disk_bytes(blocks) >= memory:
        raise CalcError(
            "PINNED_EXCEEDS_MEMORY",
            f"Size: a pinned RAM disk of {readable_size(disk_bytes(blocks))} cannot fit in the "
            f"machine's {readable_size(memory)} of memory, because pinned pages never leave real "
            "memory; give less than half the memory.",
            "size")


def rounding_warnings(size: float, blocks: int) -> list:
    """A warning when the size is not a whole number of 512-byte blocks and was rounded up."""
    if is_whole_blocks(size):
        return []
    return [{"code": "SIZE_ROUNDED_UP",
             "text": f"Size: {byte_count_text(size)} bytes is not a whole number of 512-byte blocks; "
                     f"rounded up to {group_thousands(blocks)} blocks "
                     f"({group_thousands(disk_bytes(blocks))} bytes)."}]


def byte_count_text(size: float) -> str:
    """A requested byte count: grouped when whole (500,000,000), else with its decimals (1000.5)."""
    whole = whole_bytes(size)
    if whole == math.floor(whole):
        return group_thousands(math.floor(whole))
    return fmt_number(size, 3)


def memory_warnings(blocks: int, unpinned: bool, memory: float | None) -> list:
    """A warning when the RAM disk takes more than half of the machine's memory."""
    if memory is None or disk_bytes(blocks) <= memory * MEMORY_SHARE_WARNING:
        return []
    text = (f"Size: {readable_size(disk_bytes(blocks))} is {fmt_number(disk_bytes(blocks) / memory * 100, 0)} % "
            f"of the machine's {readable_size(memory)} of memory; above 50 % the kernel, the "
            "programs and the file cache are left with less than the RAM disk itself. ")
    if unpinned:
        text = text + ("An unpinned RAM disk that does not fit is paged out to paging space and "
                       "is then no faster than a disk.")
    else:
        text = text + "A pinned RAM disk can never be paged out to make room."
    return [{"code": "MEMORY_SHARE", "text": text}]


def filesystem_warnings(unpinned: bool, fs: str) -> list:
    """A warning that UDF on a RAM disk is not confirmed by any source (unpinned even less so)."""
    if fs != "udfs":
        return []
    text = ("UDF on a RAM disk is not confirmed by any source found; the commands follow "
            "udfcreate's documented syntax and the author's notes.")
    if unpinned:
        text = text + ' The notes call an unpinned RAM disk only "maybe" fine for UDF.'
    return [{"code": "UDF_UNCONFIRMED", "text": text}]


def mount_warnings(fs: str, mount: str) -> list:
    """A warning when the RAM disk would be mounted over a standard AIX directory and hide it."""
    if fs == "raw":
        return []
    for directory in SYSTEM_DIRECTORIES:
        if mount == directory or mount == directory + "/":
            return [{"code": "MOUNT_HIDES_DIRECTORY",
                     "text": f"Mount point: {mount} is a standard AIX directory; while the RAM disk "
                             "is mounted there, its usual contents are hidden."}]
    return []


def notes(blocks: int, fs: str, number: int) -> list:
    """What the reader must know about these commands, including what is not confirmed."""
    texts = [f"A reboot removes every RAM disk and everything on it. To keep the contents, "
             f"unmount it and copy the device out with dd before the reboot, for example "
             f"dd if=/dev/{ramdisk_name(number)} of=/backup/ramdisk{number}.img bs=1024k.",
             "mkramdisk picks the next free number and prints the name it made (for example "
             "/dev/rramdisk0). The setup commands keep that name in RDEV and format only its block "
             f"device; the removal commands use the number given here ({ramdisk_name(number)}), so set "
             "it to the number mkramdisk printed."]
    suffix = suffix_form(blocks)
    if suffix != "":
        texts.append(f"mkramdisk {suffix} should make the same size if M and G are binary "
                     "(MiB, GiB), which is assumed: IBM's documentation does not say so outright. "
                     "The commands use the block count, which is exact either way.")
    if fs == "jfs2" or fs == "jfs":
        texts.append("mkfs asks for confirmation before it formats (JFS2 with an inline log asked "
                     "twice in the recorded run): answer y. Scripts pipe echo yes | into mkfs; "
                     "that is shown working with JFS only, so it is not printed here.")
    if fs == "jfs2":
        texts.append("The usable space is an empirical estimate, not a documented formula: the "
                     "0.4 % inline log rounded down to whole MiB plus about 0.015 % other "
                     "metadata. It lands within 0.013 % of the two measured runs (10,000,000 and "
                     "23,000,000 blocks); below 256 MiB the log rounds to 0 MiB here, and the real "
                     "figure there was not measured.")
        texts.append("mount uses log= the RAM disk's own block device, as in a recorded working run; other "
                     "sources use log=INLINE or log=NULL.")
    if fs == "raw":
        texts.append(f"A raw RAM disk has no filesystem: use the character device "
                     f"/dev/{ramdisk_name(number)} for raw I/O (IBM discourages raw I/O through "
                     f"the block device {block_device(number)}).")
    texts.append("rmramdisk's man page says the name has the form rramdiskN, while its own "
                 "example uses ramdiskN; both appear to work, which is not confirmed.")
    return texts


def size_text(blocks: int) -> str:
    """'2,147,483,648 bytes (2 GiB)': the exact size and its readable form."""
    return f"{group_thousands(disk_bytes(blocks))} bytes ({readable_size(disk_bytes(blocks))})"


def suffix_text(blocks: int) -> str:
    """The suffix form for display, or why there is none."""
    suffix = suffix_form(blocks)
    if suffix == "":
        return "none (not a whole number of MiB)"
    return f"mkramdisk {suffix} (if M and G are binary, as assumed)"


def pinned_text(blocks: int, unpinned: bool) -> str:
    """The pinned memory for display: the whole disk, or none for an unpinned one."""
    if unpinned:
        return "none (unpinned: pageable memory, up to the full size)"
    return size_text(blocks)


def usable_text(blocks: int, fs: str) -> str:
    """The JFS2 usable-space estimate for display (empty for other filesystems)."""
    if fs != "jfs2":
        return ""
    usable = usable_blocks(blocks)
    return (f"about {group_thousands(usable)} blocks = {readable_size(disk_bytes(usable))} "
            f"(empirical estimate; inline log about {readable_size(disk_bytes(inline_log_blocks(blocks)))})")


def compute(size: float, unpinned: bool, fs: str, mount: str, number: int, memory: float | None) -> dict:
    """Every output of the RAM disk calculator (size and memory in bytes, already range-checked)."""
    blocks = block_count(size)
    check_pinning(unpinned, fs)
    check_jfs2_size(blocks, fs)
    check_memory(blocks, unpinned, memory)
    usable = None
    log_blocks = None
    if fs == "jfs2":
        usable = usable_blocks(blocks)
        log_blocks = inline_log_blocks(blocks)
    warnings = rounding_warnings(size, blocks) + memory_warnings(blocks, unpinned, memory)
    warnings = warnings + filesystem_warnings(unpinned, fs) + mount_warnings(fs, mount)
    return {
        "requested_bytes": size,
        "bytes": disk_bytes(blocks),
        "blocks": blocks,
        "suffix": suffix_form(blocks),
        "pinned_bytes": pinned_bytes(blocks, unpinned),
        "inline_log_blocks": log_blocks,
        "usable_blocks": usable,
        "size_text": size_text(blocks),
        "blocks_text": group_thousands(blocks),
        "suffix_text": suffix_text(blocks),
        "pinned_text": pinned_text(blocks, unpinned),
        "usable_text": usable_text(blocks, fs),
        "commands": setup_commands(blocks, unpinned, fs, mount),
        "teardown": teardown_commands(fs, number, mount),
        "warnings": warnings,
        "notes": notes(blocks, fs, number),
    }
