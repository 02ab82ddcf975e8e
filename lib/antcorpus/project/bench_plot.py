"""The benchmark figure: time against corpus size, log-log, one line per stage."""

from __future__ import annotations

from pathlib import Path

from .bench_report import LABELS
from .bench_stages import STAGES
from .bench_targets import floor_seconds, pipeline_total, plain_seconds

WHOLE = (
    {"color": "black", "lw": 2.5},
    {"color": "tab:cyan", "lw": 2.5},
    {"color": "dimgray", "lw": 2.5, "ls": "--"},
)


def line_style(i: int) -> dict:
    """Line style of series i: thin stage lines (no grey), thick whole-run lines."""
    if i >= len(STAGES):
        return WHOLE[i - len(STAGES)]
    return {"color": f"C{i if i < 7 else 8}", "lw": 1.2, "alpha": 0.85}


def stage_point(point: dict, name: str) -> tuple[float | None, bool]:
    """A stage's seconds, or the time it ran before its timeout (a lower bound)."""
    row = point["stages"].get(name, {})
    if row.get("status") == "ok":
        return row["result"]["seconds"], False
    return (row["wall_s"], True) if row.get("status") == "timed out" else (None, False)


def series(points: list[dict]) -> dict[str, list[tuple[int, float, bool]]]:
    """(characters, seconds, lower bound?) per stage, pipeline, plain and floor."""
    getters = {LABELS[n]: (lambda p, n=n: stage_point(p, n)) for n in STAGES}
    getters |= {
        "whole pipeline": pipeline_total,
        "plain script (whole)": lambda p: (plain_seconds(p), False),
        "floor": lambda p: (floor_seconds(p), False),
    }
    out = {}
    for label, get in getters.items():
        found = [(p["chars"], *get(p)) for p in points]
        out[label] = [(x, y, bound) for x, y, bound in found if y]
    return out


def plot(results: dict, path: Path) -> Path:
    """Draw the figure and save it as PNG with matplotlib (not a notebook figure)."""
    import matplotlib.pyplot as plt

    from ..plots.base import cjk_style

    lines = series(results["scales"])
    with cjk_style():
        fig, ax = plt.subplots(figsize=(10, 5.5))
        for i, (label, xyb) in enumerate(lines.items()):
            draw(ax, label, xyb, line_style(i))
        reference(ax, lines["whole pipeline"])
        ax.set(xscale="log", yscale="log", xlabel="characters in the corpus")
        ax.set(ylabel="seconds", title="Time against corpus size (fresh process)")
        ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1))
        ax.text(
            1.01, 0, "△ timed out: a lower bound", transform=ax.transAxes, fontsize=8
        )
        fig.tight_layout()
        fig.savefig(path, dpi=150)
        plt.close(fig)
    return path


def draw(ax, label: str, xyb: list[tuple[int, float, bool]], style: dict) -> None:
    """One series: a line through its points, lower bounds as hollow triangles."""
    if not xyb:
        return
    xs, ys = [x for x, _, _ in xyb], [y for _, y, _ in xyb]
    ax.plot(xs, ys, marker="o", label=label, **style)
    bounds = [(x, y) for x, y, bound in xyb if bound]
    if bounds:
        ax.plot(
            *zip(*bounds, strict=True), "^", ms=11, mfc="white", color=style["color"]
        )


def reference(ax, xyb: list[tuple[int, float, bool]]) -> None:
    """A dotted line of slope 1 (linear time) through the pipeline's first point."""
    if len(xyb) < 2:
        return
    (x0, y0, _), x1 = xyb[0], xyb[-1][0]
    ax.plot(
        [x0, x1], [y0, y0 * x1 / x0], ":", color="darkgrey", label="linear (slope 1)"
    )
