"""`python -m antcorpus.project.bench`: how the pipeline scales, measured honestly.

For each scale in $BENCH_SCALES (default 1,10,100; 1000 on request) it writes a corpus
of resampled sentences to build/bench/<scale>/corpus (`bench_corpus`), runs every
stage in a fresh process with an empty token cache (`bench_stages`), each measured
for time and the peak memory of its own process tree with a timeout (`bench_measure`),
then the plain script and the floor on the same corpus (`bench_plain`). It also
checks, token for token on the real corpus, whether rjieba reproduces the project's
segmentation (`bench_equiv`). Writes build/bench/results.json, bench.md and bench.png
and prints the table.
"""

from __future__ import annotations

import json
import os
import platform
import secrets
import shutil
import sys
import time
from pathlib import Path

from ..config import build_dir
from ..text.tokens import segmenter_version
from . import bench_plain
from .bench_corpus import write_corpus
from .bench_equiv import segmentation_equivalence
from .bench_measure import measure
from .bench_plot import plot
from .bench_report import report
from .bench_stages import NEEDS, STAGES

SCALES = "1,10,100"
TIMEOUT = 600.0


def scales() -> list[int]:
    """The scales to run: $BENCH_SCALES (comma-separated), else 1, 10 and 100."""
    return [int(x) for x in os.environ.get("BENCH_SCALES", SCALES).split(",") if x]


def slim(row: dict) -> dict:
    """A measurement without its captured output (kept only when it failed)."""
    keep = {k: v for k, v in row.items() if k not in ("stdout", "stderr")}
    if row.get("status") != "ok":
        keep["error"] = (row.get("stderr") or "").strip().splitlines()[-3:]
    return keep


def run_stages(folder: Path, work: Path, timeout: float) -> dict:
    """Every stage in its own fresh process; a stage whose input failed is skipped."""
    env = dict(os.environ, ANTCORPUS_CACHE=str(work / "cache"))
    rows = {}
    for stage in STAGES:
        need = NEEDS.get(stage)
        if need and rows[need]["status"] != "ok":
            rows[stage] = {"status": f"skipped ({need} did not finish)"}
            continue
        if stage == "tokenize":
            shutil.rmtree(work / "cache", ignore_errors=True)
        cmd = ["-m", "antcorpus.project.bench_stages", stage, str(folder), str(work)]
        rows[stage] = slim(measure([sys.executable, *cmd], timeout, env))
        print(f"  {stage}: {rows[stage]['status']}", file=sys.stderr, flush=True)
    return rows


def run_baseline(kind: str, folder: Path, work: Path, timeout: float) -> dict:
    """The plain script or the floor, by path, in a fresh process."""
    script = str(Path(bench_plain.__file__).resolve())
    cmd = [sys.executable, "-P", script, kind, str(folder), str(work / kind)]
    row = slim(measure(cmd, timeout))
    print(f"  {kind}: {row['status']}", file=sys.stderr, flush=True)
    return row


def run_scale(scale: int, root: Path, timeout: float) -> dict:
    """Generate one scale's corpus and measure the pipeline, plain script and floor."""
    print(f"scale {scale}x: generating", file=sys.stderr, flush=True)
    folder = write_corpus(root / str(scale) / "corpus", scale)
    work = root / str(scale) / "work"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    stages = run_stages(folder, work, timeout)
    loaded = stages["load"].get("result") or {}
    return {
        "scale": scale,
        "pieces": len([p for p in folder.glob("*.txt")]),
        "chars": loaded.get("chars", 0),
        "stages": stages,
        "plain": run_baseline("plain", folder, work, timeout),
        "floor": run_baseline("floor", folder, work, timeout),
    }


def main(argv: list[str]) -> int:
    """Run the benchmark; write build/bench/{results.json,bench.md,bench.png}."""
    root = build_dir() / "bench"
    root.mkdir(parents=True, exist_ok=True)
    os.environ["ANTCORPUS_BENCH_KEY"] = secrets.token_hex(32)  # signs stage handovers
    timeout = float(os.environ.get("BENCH_TIMEOUT", TIMEOUT))
    results = {
        "date": time.strftime("%Y-%m-%d"),
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "timeout": timeout,
        "equivalence": segmentation_equivalence(),
        "segmenter": segmenter_version(),
        "scales": [run_scale(s, root, timeout) for s in scales()],
    }
    floors = [p["floor"].get("result") or {} for p in results["scales"]]
    results["floor_tokenizer"] = next((f["tokenizer"] for f in floors if f), None)
    (root / "results.json").write_text(json.dumps(results, indent=1), "utf-8")
    text = report(results)
    (root / "bench.md").write_text(text, encoding="utf-8")
    plot(results, root / "bench.png")
    print(text)
    print(f"wrote {root / 'bench.md'} and {root / 'bench.png'}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
