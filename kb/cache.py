"""A content-hash cache of what the build computes from the calculators, so a warm build never starts pint.

The calculator bundles (JavaScript), each calculator directive's checked inputs and rendered
block (its static result, grid and print tables: the costly evaluations) and the registry's
summary (names, titles, script files, the Profile page's list) are kept as JSON files under
`.cache/kb/` (KB_CACHE_DIR overrides `.cache`, the folder pint's own cache already uses; it is
git-ignored and safe to delete). An entry's file name is the SHA-256 of everything its value is
made from:

- the dependency versions (Python, pint, tdewolff-minify, pymdown-extensions, Markdown, PyYAML,
  this project) and the cache's own format number;
- the shared calculator code (every file directly in calculators/, runtime.js and units.txt
  included) and the kb/ modules that check and render a directive;
- the calculator's own package (every file under calculators/NAME/), so an edited calculator
  invalidates exactly its own entries (and the registry summary, which lists them all);
- for a directive, its text and the active KB_PROFILE values.

Reading never trusts the file: an entry that is not JSON, has another format, names another
key or holds a value of the wrong shape is a miss, recomputed and written again (atomically).
A cache folder that cannot be written costs speed, never the build.
"""
from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Callable, Iterable
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any, TypeVar

from calculators.packages import NOT_CALCULATORS, calculator_packages

FORMAT = 1
PROJECT = Path(__file__).resolve().parent.parent
CALCULATORS = PROJECT / "calculators"
# kb/ modules whose code shapes a cached value (a checked directive or its rendered block).
KB_SOURCES = ("cache.py", "calculator_directive.py", "calculator_index.py", "options.py", "profile.py")
DISTRIBUTIONS = ("pint", "tdewolff-minify", "pymdown-extensions", "Markdown", "PyYAML", "Pygments", "mkdocs", "fieldnotes-kb")
T = TypeVar("T")


def cache_dir() -> Path:
    """The folder of this cache's entries: $KB_CACHE_DIR/kb, else .cache/kb in the project."""
    return Path(os.environ.get("KB_CACHE_DIR") or PROJECT / ".cache") / "kb"


@lru_cache(maxsize=1)
def versions() -> str:
    """Python's and the dependencies' versions, one text (a missing distribution counts as 'none')."""
    parts = [f"python={sys.version.split()[0]}", f"format={FORMAT}"]
    for name in DISTRIBUTIONS:
        try:
            parts.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{name}=none")
    return ";".join(parts)


@lru_cache(maxsize=512)
def _file_digest(path: str, mtime_ns: int, size: int) -> str:
    """SHA-256 of one file's bytes (remembered per path, modification time and size, for `mkdocs serve`)."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def files_digest(files: Iterable[Path], base: Path) -> str:
    """One digest of files' paths (relative to `base`) and contents, independent of listing order."""
    digest = hashlib.sha256()
    for file in sorted(files):
        stat = file.stat()
        digest.update(f"{file.relative_to(base).as_posix()}\0{_file_digest(str(file), stat.st_mtime_ns, stat.st_size)}\0".encode())
    return digest.hexdigest()


def _source_files(folder: Path, recursive: bool) -> list[Path]:
    """The source files of a folder (bytecode and editor leftovers are not sources)."""
    found = folder.rglob("*") if recursive else folder.iterdir()
    return [path for path in found if path.is_file() and "__pycache__" not in path.parts
            and not path.name.endswith((".pyc", ".tmp", "~")) and not path.name.startswith(".")]


def shared_key(root: Path = CALCULATORS, kb_dir: Path | None = None) -> str:
    """The digest of what every calculator entry depends on: versions, shared calculator code, the kb/ modules."""
    kb_dir = kb_dir or Path(__file__).resolve().parent
    kb_files = [kb_dir / name for name in KB_SOURCES if (kb_dir / name).is_file()]
    return _hash(versions(), files_digest(_source_files(root, recursive=False), root), files_digest(kb_files, kb_dir))


def package_key(package: str, root: Path = CALCULATORS, kb_dir: Path | None = None, shared: str | None = None) -> str:
    """The digest of one calculator's entries: the shared key (`shared`, when already computed) and every file of its own package."""
    folder = root / package
    return _hash(shared or shared_key(root, kb_dir), package, files_digest(_source_files(folder, recursive=True), folder))


def summary_packages(root: Path = CALCULATORS) -> list[str]:
    """The packages the registry summary depends on: every calculator and the snippets (the Profile page lists them)."""
    return calculator_packages(root) + [name for name in sorted(NOT_CALCULATORS) if (root / name).is_dir()]


def all_packages_key(root: Path = CALCULATORS, kb_dir: Path | None = None, package_keys: dict[str, str] | None = None) -> str:
    """The digest of the registry summary: every package of `summary_packages` (`package_keys`, when already computed)."""
    if package_keys is None:
        shared = shared_key(root, kb_dir)
        package_keys = {name: package_key(name, root, kb_dir, shared) for name in summary_packages(root)}
    return _hash(*(f"{name}={package_keys[name]}" for name in summary_packages(root)))


def per_file_version(load: Callable[[Path], T], path: Path) -> T:
    """`load(path)`, computed again only when the file's modification time or size changes (`mkdocs serve` edits)."""
    stat = path.stat()
    return _loaded(load, str(path), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=16)
def _loaded(load: Callable[[Path], Any], path: str, mtime_ns: int, size: int) -> Any:
    return load(Path(path))


def _hash(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()


def entry_key(kind: str, *parts: str) -> str:
    """The file name of an entry of `kind` made from `parts` (keys above, a directive's text …)."""
    return _hash(kind, *parts)


def _entry_path(kind: str, key: str) -> Path:
    return cache_dir() / kind / f"{key}.json"


def load(kind: str, key: str, valid: Callable[[Any], bool]) -> Any | None:
    """The stored value of an entry, or None when it is missing, unreadable, foreign or of the wrong shape."""
    try:
        stored = json.loads(_entry_path(kind, key).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError):  # RecursionError: JSON nested too deep
        return None
    if not isinstance(stored, dict) or stored.get("format") != FORMAT or stored.get("kind") != kind or stored.get("key") != key:
        return None
    value = stored.get("value")
    try:
        return value if valid(value) else None
    except (TypeError, KeyError, AttributeError, ValueError):
        return None


def store(kind: str, key: str, value: Any) -> None:
    """Write an entry atomically (a reader never sees half a file); a folder that cannot be written is skipped."""
    path = _entry_path(kind, key)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        partial.write_text(json.dumps({"format": FORMAT, "kind": kind, "key": key, "value": value}, ensure_ascii=False), encoding="utf-8")
        partial.replace(path)
    except OSError:
        pass


def cached(kind: str, key: str, compute: Callable[[], T], valid: Callable[[Any], bool]) -> T:
    """The stored value of an entry, else `compute()` stored under it (its value must be JSON data)."""
    value = load(kind, key, valid)
    if value is None:
        value = compute()
        store(kind, key, value)
    return value


def is_text(value: Any) -> bool:
    """A value check for entries that hold one text (a bundle)."""
    return isinstance(value, str)
