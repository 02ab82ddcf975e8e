"""The cleaned corpus cached on disk (JSON under .cache/corpus), so kernels share it.

The key covers every byte the loader could read: each file of the folder by name,
kind and SHA-256 (files over the size limits by size only: the loader refuses them
unread), the limits, the code of the corpus layer, OpenCC's and pandas' versions and
the Word round-trip table. A folder that fails validation raises before anything is
stored, and a folder whose bytes change while it loads is not stored, so a cached
result always stands for bytes that passed every check.
"""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Callable
from pathlib import Path

import opencc
import pandas as pd

from .. import config
from ..cache import cache_key, code_version, read_cached, store_cached
from ..config import DATA, SIZE_LIMITS, size_limit
from . import (
    catalog,
    clean,
    convert,
    init,
    load,
    pieces,
    plain,
    schema,
    sources,
    yamlsafe,
)

KIND = "corpus"
FORMAT = "corpus-records-1"
TIMESTAMP = "$timestamp"


def layer_version() -> str:
    """The code of every module that shapes a loaded corpus, hashed."""
    modules = (catalog, clean, convert, init, load, pieces, plain, schema, sources)
    return code_version(*modules, yamlsafe, config, sys.modules[__name__])


def settings() -> list[str]:
    """The loader's settings and libraries: limits, caps, versions, the repair table."""
    limits = [f"{env}={os.environ.get(env)}" for env, _ in SIZE_LIMITS.values()]
    return [
        FORMAT,
        layer_version(),
        f"opencc={getattr(opencc, '__version__', '?')}",
        f"pandas={pd.__version__}",
        f"yaml caps={yamlsafe.MAX_DEPTH},{yamlsafe.MAX_NODES}",
        *limits,
        file_digest(DATA / "word_roundtrip.tsv", None),
    ]


def read_cap() -> int:
    """The largest file the loader reads under the current limits (0 if unset)."""
    try:
        return max(size_limit(kind) for kind in SIZE_LIMITS)
    except ValueError:  # the loader raises the same error when it reads a file
        return 0


def file_digest(path: Path, cap: int | None) -> str:
    """SHA-256 of a regular file's bytes; its size alone when over `cap`."""
    try:
        size = path.stat().st_size
        if cap is not None and size > cap:
            return f"size {size}, over the limits"
        with open(path, "rb") as fh:
            return hashlib.file_digest(fh, "sha256").hexdigest()
    except OSError as err:  # the loader reports it, if it reads this file
        return f"unreadable ({err.errno})"


def entry_line(path: Path, cap: int) -> str:
    """One folder entry for the key: name, kind and (for files) the bytes' hash."""
    name = repr(path.name)
    if path.is_symlink():
        target = os.readlink(path)
        digest = file_digest(path, cap) if path.is_file() else "-"
        return f"{name} link {target!r} {digest}"
    if path.is_file():
        return f"{name} file {file_digest(path, cap)}"
    return f"{name} {'folder' if path.is_dir() else 'other'}"


def folder_key(root: Path) -> str:
    """The cache key of a corpus folder as it is now."""
    cap = read_cap()
    with os.scandir(root) as found:
        entries = sorted(found, key=lambda e: Path(e.path))
    return cache_key(settings() + [_entry_line(e, cap) for e in entries])


def _entry_line(entry: os.DirEntry, cap: int) -> str:
    """entry_line for a plain file from its directory entry (no extra stats)."""
    if entry.is_symlink() or not entry.is_file(follow_symlinks=False):
        return entry_line(Path(entry.path), cap)
    size = entry.stat(follow_symlinks=False).st_size
    if size > cap:
        return f"{entry.name!r} file size {size}, over the limits"
    try:
        with open(entry.path, "rb") as fh:
            digest = hashlib.file_digest(fh, "sha256").hexdigest()
    except OSError as err:
        digest = f"unreadable ({err.errno})"
    return f"{entry.name!r} file {digest}"


def encode(value):
    """Records as JSON values: a Timestamp becomes {"$timestamp": ISO, "unit": u}."""
    if isinstance(value, list):
        return [encode(v) for v in value]
    if isinstance(value, dict):
        return {k: encode(v) for k, v in value.items()}
    if isinstance(value, pd.Timestamp):
        return {TIMESTAMP: value.isoformat(), "unit": value.unit}
    if value is None or isinstance(value, str | int | float):
        return value
    raise TypeError(f"cannot store a {type(value).__name__} in the corpus cache")


def decode(value):
    """The records `encode` was given, Timestamps (and their units) restored."""
    if isinstance(value, list):
        return [decode(v) for v in value]
    if isinstance(value, dict):
        if TIMESTAMP in value:
            return pd.Timestamp(value[TIMESTAMP]).as_unit(value["unit"])
        return {k: decode(v) for k, v in value.items()}
    return value


def folder_stamp(root: Path) -> list[tuple]:
    """Each entry's name, inode, size, mtime and ctime in ns (a link's target's too).

    Writing a file changes its ctime, which no writer can set back, so an equal stamp
    before and after a load means no entry changed meanwhile (short of a filesystem
    whose clock does not move between two writes). Cheaper than hashing again.
    """
    with os.scandir(root) as entries:
        return sorted(
            (e.name, *_times(e.stat(follow_symlinks=False)), *_target(e))
            for e in entries
        )


def _times(st: os.stat_result) -> tuple:
    """The fields of a stat that a write changes."""
    return st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns


def _target(entry: os.DirEntry) -> tuple:
    """A link's target's stat fields (() for other entries or a dangling link)."""
    if not entry.is_symlink():
        return ()
    try:
        return _times(entry.stat())
    except OSError:
        return ()


def cached_records(root: Path, compute: Callable[[Path], dict]) -> dict:
    """compute(root)'s records, from the disk cache when the folder's bytes match."""
    stamp = folder_stamp(root)  # before hashing: a change during the hash shows too
    key = folder_key(root)
    found = read_cached(KIND, key)
    if found is not None:
        return decode(found)
    records = compute(root)
    if folder_stamp(root) == stamp:  # unchanged while it was hashed and loaded
        store_cached(KIND, key, encode(records))
    return records
