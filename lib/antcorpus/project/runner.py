"""`python -m antcorpus.project.runner [NOTEBOOK ...]`: execute the notebooks in order.

Each notebook runs in a fresh kernel; one progress line per notebook. A full run (no
arguments) executes every notebook with figures going to a fresh folder, and only when
all of them pass writes the notebooks and swaps the new figures in (figures a build no
longer makes disappear); named notebooks are written one by one as they pass. A failing
cell stops the build loudly: notebook, cell, error and the cell's last lines are
printed, the half-executed notebook goes to build/failed/, the committed one stays.

For a corpus other than seeds/ ($ANTCORPUS_SEEDS), copies of the notebooks run in
build/corpora/NAME/ (notebooks/, figures/); notebooks/ and figures/ are never touched.
The build fixes PYTHONHASHSEED (the Makefile exports it) so reruns repeat, and holds
the build lock (see `lock`).
"""

from __future__ import annotations

import os
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

from ..config import NOTEBOOKS, REPO, Outputs, corpus_outputs, figures_dir, seeds_dir
from .atomic import staged, write_notebook
from .hygiene import clean_streams, terminal_safe
from .lock import build_lock

# seconds; the slowest cell (an LDA sweep) must stay well inside this
CELL_TIMEOUT = 600
# The kernel's own log (e.g. "Kernel is running over TCP without encryption") depends
# on the machine; it stays out of the build log.
KERNEL_ARGS = ["--log-level=ERROR"]
FAILURES = (CellExecutionError, CellTimeoutError, DeadKernelError)
SOURCE_LINES = 6  # last lines of a failing cell's source printed
FIGURE_FILES = (".png", ".svg", ".csv")  # what a build makes; the rest is carried over
KERNELSPEC = {
    "display_name": "Python 3 (ipykernel)",
    "language": "python",
    "name": "python3",
}


class BuildFailed(Exception):
    """A notebook failed; the message says where and why."""


def notebooks(folder: Path = NOTEBOOKS) -> list[Path]:
    """The numbered notebooks, in order (NN-verb-object.ipynb)."""
    return sorted(p for p in Path(folder).glob("[0-9][0-9]-*.ipynb"))


def failing_cell(nb) -> int | None:
    """1-based index among code cells of the cell that failed (error or last run)."""
    code = [c for c in nb.cells if c.cell_type == "code"]
    for i, cell in enumerate(code, 1):
        if any(o.get("output_type") == "error" for o in cell.get("outputs", [])):
            return i
    ran = [i for i, c in enumerate(code, 1) if c.get("execution_count")]
    return ran[-1] if ran else None


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


def tidy(nb) -> None:
    """Strip machine state: metadata and machine-dependent stderr lines."""
    strip_metadata(nb)
    clean_streams(nb)


def execute(path: Path, cwd: Path | None = None):
    """A notebook executed from a fresh kernel in `cwd` (its folder), tidied.

    Nothing is written. A failure (CellExecutionError, timeout, dead kernel) is
    raised with the executed notebook (error outputs included) attached as `.nb`.
    """
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=CELL_TIMEOUT,
        kernel_name="python3",
        record_timing=False,
        extra_arguments=KERNEL_ARGS,
        resources={"metadata": {"path": str(cwd or Path(path).parent)}},
    )
    try:
        client.execute()
    except FAILURES as err:
        tidy(nb)
        err.nb = nb
        raise
    tidy(nb)
    return nb


def shown(path: Path) -> str:
    """A path as printed: relative to the repo when inside it, control chars removed."""
    path = Path(path).resolve()
    text = str(path.relative_to(REPO)) if path.is_relative_to(REPO) else str(path)
    return terminal_safe(text)


def failure_report(name: str, nb, err: Exception, saved: Path) -> str:
    """What failed, where and why, with the cell's last lines and the saved copy."""
    number = failing_cell(nb)
    code = [c for c in nb.cells if c.cell_type == "code"]
    cell = code[number - 1] if number else None
    error = next(
        (o for o in (cell.outputs if cell else []) if o.output_type == "error"), None
    )
    kind, message = (
        (error.ename, error.evalue) if error else (type(err).__name__, str(err))
    )
    where = f"code cell {number}" if number else "before any cell ran"
    lines = [f"FAILED {name}, {where}: {kind}: {message.strip()}"]
    if cell is not None:
        lines.append(f"  last lines of code cell {number}:")
        lines += [f"    | {s}" for s in cell.source.splitlines()[-SOURCE_LINES:]]
    lines.append(
        f"  the half-executed notebook is saved as {shown(saved)};"
        " the committed notebooks and figures were not changed"
    )
    return terminal_safe("\n".join(lines))


@contextmanager
def environ(**values: str):
    """Set environment variables (inherited by kernels) for the block."""
    before = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in before.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def run_one(step: str, source: Path, target: Path, failed: Path):
    """Execute `source` in `target`'s folder; on error, save it and BuildFailed."""
    name = terminal_safe(source.name)
    print(f"{step} {name} ...", flush=True)
    start = time.perf_counter()
    try:
        nb = execute(source, cwd=target.parent)
    except FAILURES as err:
        write_notebook(err.nb, failed / source.name)
        raise BuildFailed(
            failure_report(name, err.nb, err, failed / source.name)
        ) from err
    print(f"{step} {name} done in {time.perf_counter() - start:.1f} s", flush=True)
    return nb


def plan(sources: list[Path], out: Outputs) -> list[tuple[Path, Path]]:
    """(notebook, where its executed copy goes): in place, or in `out.notebooks`."""
    if out.committed:
        return [(s, s) for s in sources]
    out.notebooks.mkdir(parents=True, exist_ok=True)
    return [(s, out.notebooks / s.name) for s in sources]


def carried(path: Path) -> bool:
    """Files of the figures folder a build keeps: not figures, not temporary files."""
    return path.suffix not in FIGURE_FILES and path.suffix != ".tmp"


def build(pairs: list[tuple[Path, Path]], out: Outputs, full: bool = True) -> None:
    """Execute each (source, target) pair, figures into `out.figures`.

    Full: all or nothing, figures folder rebuilt. Otherwise each written as it passes.
    """
    steps = [f"[{n}/{len(pairs)}]" for n in range(1, len(pairs) + 1)]
    if not full:
        with environ(ANTCORPUS_FIGURES=str(out.figures)):
            for step, (source, target) in zip(steps, pairs, strict=True):
                write_notebook(run_one(step, source, target, out.failed), target)
        return
    with staged(out.figures, carry=carried) as stage:
        with environ(ANTCORPUS_FIGURES=str(stage)):
            done = [
                run_one(step, source, target, out.failed)
                for step, (source, target) in zip(steps, pairs, strict=True)
            ]
        for nb, (_, target) in zip(done, pairs, strict=True):
            write_notebook(nb, target)


def outputs_here() -> Outputs:
    """This build's output folders; figures where $ANTCORPUS_FIGURES says, if set."""
    out = corpus_outputs()
    return Outputs(out.name, out.notebooks, figures_dir(), out.site, out.failed)


def main(argv: list[str]) -> int:
    """Run the named notebooks, or all of them, printing one progress line each."""
    os.environ.setdefault("JUPYTER_PLATFORM_DIRS", "1")
    if os.environ.get("ANTCORPUS_SEEDS"):  # kernels run elsewhere: pass it absolute
        os.environ["ANTCORPUS_SEEDS"] = str(seeds_dir())
    out = outputs_here()
    sources = [Path(a).resolve() for a in argv] or notebooks()
    if not sources:
        print("no notebooks to run yet")
        return 0
    if os.environ.get("PYTHONHASHSEED") is None:
        print(
            "warning: PYTHONHASHSEED is not set;"
            " run through `make` for repeatable builds"
        )
    if not out.committed:
        print(
            f"corpus {shown(seeds_dir())}: notebooks run in {shown(out.notebooks)},"
            f" figures go to {shown(out.figures)}; notebooks/ and figures/ untouched"
        )
    with build_lock("notebooks"):
        try:
            build(plan(sources, out), out, full=not argv)
        except BuildFailed as failed:
            print(failed, file=sys.stderr, flush=True)
            return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
