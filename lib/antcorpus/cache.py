"""A small content-keyed JSON cache under .cache/ for derived, rebuildable results."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path

from .config import cache_dir
from .errors import CacheError

_MISSING = object()


def code_version(*modules) -> str:
    """SHA-256 (16 hex digits) of the modules' source: part of every cache key."""
    digest = hashlib.sha256()
    for module in modules:
        digest.update(_source_hash(module.__file__))
    return digest.hexdigest()[:16]


@cache
def _source_hash(path: str) -> bytes:
    """A module file's SHA-256, read once per process (near its import), not per call.

    A module edited in a running kernel keeps the hash of the code that is running.
    """
    return hashlib.sha256(Path(path).read_bytes()).digest()


def cache_key(parts: Iterable[str]) -> str:
    """SHA-256 over the parts, NUL-separated: any change to any part changes the key."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8") + b"\0")
    return digest.hexdigest()[:24]


def cached_json(kind: str, key: str, compute: Callable[[], object]):
    """Return the cached value for (kind, key), computing and storing it on a miss."""
    found = read_cached(kind, key, _MISSING)
    if found is not _MISSING:
        return found
    value = compute()
    store_cached(kind, key, value)
    return value


def cache_folder(kind: str) -> Path:
    """The cache's folder for `kind`, created; a refusal is a CacheError."""
    folder = cache_dir() / kind
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise CacheError(folder, f"cannot be created ({err.strerror})") from None
    return folder


def read_cached(kind: str, key: str, default=None):
    """The stored JSON value for (kind, key), or `default` when there is none."""
    path = cache_folder(kind) / f"{key}.json"
    if not path.is_file():
        return default
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError):  # truncated or damaged: a miss
        return default


def store_cached(kind: str, key: str, value) -> None:
    """Store `value` as JSON for (kind, key), replacing any earlier value atomically."""
    folder = cache_folder(kind)
    _store(folder, folder / f"{key}.json", value)


def _store(folder: Path, path: Path, value) -> None:
    """Write `value` as JSON through a temporary file; a refusal is a CacheError."""
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
    except OSError as err:
        raise CacheError(folder, f"is not writable ({err.strerror})") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(json.dumps(value, ensure_ascii=False))  # C encoder: 3x faster
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
