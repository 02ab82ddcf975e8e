"""Writes that land whole or not at all: a temporary sibling, then os.replace.

A folder (figures/, site/) is rebuilt in a fresh sibling folder and swapped in at the
end, so a build that fails part-way leaves the previous folder as it was.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import nbformat

from ..files import write_atomic


def write_notebook(nb, path: Path) -> None:
    """Write a notebook as nbformat.write would, but atomically."""
    text = nbformat.writes(nb)
    write_atomic(path, text if text.endswith("\n") else text + "\n")


def swap_in(new: Path, target: Path) -> None:
    """Put folder `new` at `target`: old renamed away, new renamed in, old removed."""
    old = target.with_name(f".{target.name}.old-{os.getpid()}")
    if target.exists():
        os.rename(target, old)
    try:
        os.rename(new, target)
    except BaseException:
        if old.exists():
            os.rename(old, target)
        raise
    shutil.rmtree(old, ignore_errors=True)


@contextmanager
def staged(
    target: Path, carry: Callable[[Path], bool] = lambda path: False
) -> Iterator[Path]:
    """A fresh folder beside `target`, swapped in if the block succeeds, else removed.

    Files of the old `target` for which `carry` is true are copied into the new one.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    stage = Path(
        tempfile.mkdtemp(prefix=f".{target.name}.building-", dir=target.parent)
    )
    try:
        os.chmod(stage, 0o755)
        yield stage
        kept = [p for p in target.iterdir() if p.is_file()] if target.is_dir() else []
        for path in filter(carry, kept):
            if not (stage / path.name).exists():
                shutil.copy2(path, stage / path.name)
        swap_in(stage, target)
    finally:
        shutil.rmtree(stage, ignore_errors=True)
