"""`python -m antcorpus.project.runner`: execute every notebook in order, in place.

Each notebook runs in a fresh kernel. Prints progress per notebook; on a failing cell
it stops and names the notebook and the cell. The build fixes PYTHONHASHSEED (the
Makefile exports it) so reruns repeat.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from ..config import REPO

NOTEBOOKS = REPO / "notebooks"
# seconds; the slowest cell (an LDA sweep) must stay well inside this
CELL_TIMEOUT = 600


def notebooks(folder: Path = NOTEBOOKS) -> list[Path]:
    """The numbered notebooks, in order (NN-verb-object.ipynb)."""
    return sorted(p for p in folder.glob("[0-9][0-9]-*.ipynb"))


def failing_cell(nb) -> int | None:
    """Index (1-based, code cells only) of the first code cell with an error output."""
    code = [c for c in nb.cells if c.cell_type == "code"]
    for i, cell in enumerate(code, 1):
        if any(o.get("output_type") == "error" for o in cell.get("outputs", [])):
            return i
    return None


KERNELSPEC = {
    "display_name": "Python 3 (ipykernel)",
    "language": "python",
    "name": "python3",
}


def strip_metadata(nb) -> None:
    """Keep only the kernelspec and language name.

    No machine paths, versions or timestamps.
    """
    nb.metadata = nbformat.from_dict(
        {"kernelspec": KERNELSPEC, "language_info": {"name": "python"}}
    )
    for cell in nb.cells:
        for key in ("execution", "ExecuteTime", "collapsed", "scrolled"):
            cell.metadata.pop(key, None)


def execute(path: Path):
    """A notebook executed from a fresh kernel in its own folder, metadata cleaned.

    Nothing is written. Raises CellExecutionError with the executed notebook (error
    outputs included) attached as `.nb`.
    """
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=CELL_TIMEOUT,
        kernel_name="python3",
        record_timing=False,
        resources={"metadata": {"path": str(path.parent)}},
    )
    try:
        client.execute()
    except CellExecutionError as err:
        strip_metadata(nb)
        err.nb = nb
        raise
    strip_metadata(nb)
    return nb


def run(path: Path) -> float:
    """Execute one notebook in place from a fresh kernel; return seconds taken."""
    start = time.perf_counter()
    try:
        nb = execute(path)
    except CellExecutionError as err:
        nbformat.write(err.nb, path)
        raise SystemExit(
            f"FAILED {path.name}: code cell {failing_cell(err.nb)} raised;"
            " the error is saved in the notebook"
        ) from err
    nbformat.write(nb, path)
    return time.perf_counter() - start


def main(argv: list[str]) -> int:
    """Run the named notebooks, or all of them, printing one progress line each."""
    paths = [Path(a) for a in argv] or notebooks()
    if not paths:
        print("no notebooks to run yet")
        return 0
    if os.environ.get("PYTHONHASHSEED") is None:
        print(
            "warning: PYTHONHASHSEED is not set;"
            " run through `make` for repeatable builds"
        )
    for n, path in enumerate(paths, 1):
        print(f"[{n}/{len(paths)}] {path.name} ...", flush=True)
        print(f"[{n}/{len(paths)}] {path.name} done in {run(path):.1f} s", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
