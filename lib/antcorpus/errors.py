"""The one error type for bad corpus input."""

from __future__ import annotations

from pathlib import Path


class CorpusError(ValueError):
    """Bad corpus input; the message names the file and, if there is one, the field."""

    def __init__(self, path: str | Path, problem: str, field: str | None = None):
        self.path = Path(path)
        self.field = field
        where = f"{self.path.name}" + (f" [{field}]" if field else "")
        super().__init__(f"{where}: {problem} (in {self.path.parent})")
