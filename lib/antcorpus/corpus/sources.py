"""Reading raw corpus files: checksums, strict UTF-8, BOM and CRLF, unlisted files.

Decisions, each tested in tests/test_sources.py:
- a checksum mismatch, a missing file, an empty file and bytes that are not UTF-8
  are errors (never guessed around);
- a UTF-8 BOM is dropped and CRLF/CR line ends are read as LF: both are harmless
  encodings of the same text, and each is counted in the cleaning report;
- a file in the folder that the catalog does not list is an error naming it;
- a source file must be a plain file inside the folder (never a symlink), and a file
  over the size limit (config.SIZE_LIMITS, env overrides) is refused before it is read.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from ..config import PAPERWORK, SIZE_LIMITS, SUMS_NAME, size_limit
from ..errors import CorpusError

BOM = "\ufeff"
MB = 1024 * 1024


@dataclass(frozen=True)
class RawText:
    """A source file's text as read, with what reading it changed."""

    path: Path
    text: str
    bom_dropped: int
    crlf_to_lf: int


def read_sums(root: Path) -> dict[str, str]:
    """Parse SHA256SUMS into {file name: hex digest}."""
    path = root / SUMS_NAME
    if not path.is_file():
        raise CorpusError(
            path, "missing; create it with `sha256sum *.txt > SHA256SUMS`"
        )
    sums = {}
    text = decode_utf8(path, read_limited(path, "catalog"))
    for n, line in enumerate(text.splitlines(), 1):
        parts = line.split(maxsplit=1)
        if len(parts) != 2 or len(parts[0]) != 64:
            raise CorpusError(path, f"line {n} is not '<sha256>  <file>'")
        sums[parts[1].lstrip("*").strip()] = parts[0].lower()
    return sums


def check_listed(root: Path, listed: set[str]) -> None:
    """Fail on any file in the folder that the catalog does not list."""
    allowed = PAPERWORK | listed
    for path in sorted(root.iterdir()):
        if (
            path.is_file()
            and not path.name.startswith(".")
            and path.name not in allowed
        ):
            raise CorpusError(
                path, "is in the corpus folder but not listed in the catalog"
            )


def read_limited(path: Path, kind: str) -> bytes:
    """A file's bytes; over the size limit for `kind` it is refused before reading."""
    limit, env = size_limit(kind), SIZE_LIMITS[kind][0]
    size = path.stat().st_size
    if size <= limit:
        with open(path, "rb") as fh:
            data = fh.read(limit + 1)
        size = len(data)
    if size > limit:
        raise CorpusError(
            path,
            f"is {size:,} bytes or more, over the {limit / MB:g} MB limit"
            f" ({limit:,} bytes); set {env} to a larger number of MB if this file"
            " is meant to be read",
        )
    return data


def decode_utf8(path: Path, data: bytes) -> str:
    """Strict UTF-8; anything else is a CorpusError naming the byte offset."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise CorpusError(
            path,
            f"is not valid UTF-8 at byte {err.start}"
            f" ({data[err.start : err.start + 4]!r})",
        ) from None


def same_folder(a: Path, b: Path) -> bool:
    """Whether two paths name the same existing folder (by device and inode)."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def check_plain_file(root: Path, name: str) -> Path:
    """The path of `name` in `root`: a plain file there, never a symlink or outside."""
    path = root / name
    inside = Path(name).name == name and same_folder(path.resolve().parent, root)
    if path.is_symlink() or not inside:
        raise CorpusError(
            path, "is not a plain file inside the corpus folder", "source_file"
        )
    if not path.is_file():
        raise CorpusError(
            path, "is listed in the catalog but missing from the folder", "source_file"
        )
    return path


def read_raw(root: Path, name: str, sums: dict[str, str]) -> RawText:
    """Read one source file after checking presence, checksum, emptiness and UTF-8."""
    path = check_plain_file(root, name)
    if name not in sums:
        raise CorpusError(path, f"has no line in {SUMS_NAME}")
    data = read_limited(path, "source")
    if hashlib.sha256(data).hexdigest() != sums[name]:
        raise CorpusError(
            path,
            f"checksum differs from {SUMS_NAME}: raw files must stay byte-identical",
        )
    if not data.strip():
        raise CorpusError(path, "is empty")
    text = decode_utf8(path, data)
    bom = int(text.startswith(BOM))
    text = text[bom:]
    crlf = text.count("\r")
    return RawText(path, text.replace("\r\n", "\n").replace("\r", "\n"), bom, crlf)
