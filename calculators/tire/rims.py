"""The rim size table (bead seat diameters and the names riders use), read from rim_sizes.txt."""
from __future__ import annotations

from pathlib import Path

TABLE = Path(__file__).with_name("rim_sizes.txt")


def _rows() -> list[tuple[int, str, list[str]]]:
    """(BSD mm, label, names) for every line of the table."""
    rows = []
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        bsd, label, names = line.split("\t")
        rows.append((int(bsd), label, names.split()))
    return rows


def rim_aliases() -> dict[str, float]:
    """Every name a reader may type for a rim → its bead seat diameter in mm ('29er' → 622)."""
    aliases: dict[str, float] = {}
    for bsd, _, names in _rows():
        for name in names:
            aliases[name] = float(bsd)
            if name.endswith('"'):
                aliases[name[:-1] + "″"] = float(bsd)  # the notes write 27.5″ with a double prime
    return aliases


def rim_labels() -> dict[str, str]:
    """BSD (as text, e.g. '622') → the label shown beside a result ('700C / 28" / 29er')."""
    return {str(bsd): label for bsd, label, _ in _rows()}
