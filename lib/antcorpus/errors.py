"""The error types: bad corpus input, and a cache folder that cannot be written."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple


class Problem(NamedTuple):
    """One thing wrong with a corpus file: the field (`doc_id.field`) and what."""

    field: str | None
    message: str


class CorpusError(ValueError):
    """Bad corpus input; the message names the file and, if there is one, the field.

    `problems` lists every problem found (one per message line when there are several).
    """

    def __init__(
        self,
        path: str | Path,
        problem: str,
        field: str | None = None,
        problems: list[Problem] | None = None,
    ):
        self.path = Path(path)
        self.problems = list(problems) if problems else [Problem(field, problem)]
        self.field = self.problems[0].field
        if len(self.problems) == 1:
            only = self.problems[0].message
            super().__init__(
                f"{self._where(self.field)}: {only} (in {self.path.parent})"
            )
            return
        lines = [f"{self._where(f)}: {m}" for f, m in self.problems]
        head = f"{self.path.name}: {problem} (in {self.path.parent})"
        super().__init__("\n".join([head, *lines]))

    def _where(self, field: str | None) -> str:
        """`file [field]`, or just the file name."""
        return self.path.name + (f" [{field}]" if field else "")


class CacheError(OSError):
    """The cache folder ($ANTCORPUS_CACHE) cannot be created or written."""

    def __init__(self, path: str | Path, reason: str):
        self.path = Path(path)
        super().__init__(
            f"cache folder {self.path} {reason}: set ANTCORPUS_CACHE to a writable"
            " folder (it holds only rebuildable files, such as tokens and topic fits)"
        )
