"""The issue's targets, and the numbers they are read from, in benchmark results."""

from __future__ import annotations

import math

from .bench_stages import STAGES

FRONT = ("load", "tokenize")  # load + clean + tokenize, held against the floor
TARGETS = {"front_floor": 3.0, "pipeline_s": 300.0, "peak_mb": 4096.0, "slack": 0.10}


def stage_seconds(point: dict, names=STAGES) -> float | None:
    """Seconds of the named stages added up (None if any did not finish)."""
    rows = [point["stages"].get(n, {}) for n in names]
    if any(r.get("status") != "ok" for r in rows):
        return None
    return sum(r["result"]["seconds"] for r in rows)


def plain_seconds(point: dict, names=STAGES) -> float | None:
    """The plain script's seconds for the named stages (None if it did not finish)."""
    row = point.get("plain", {})
    if row.get("status") != "ok":
        return None
    return sum(row["result"]["seconds"][n] for n in names)


def floor_seconds(point: dict) -> float | None:
    """The floor's seconds (None if it did not finish)."""
    row = point.get("floor", {})
    return row["result"]["seconds"]["floor"] if row.get("status") == "ok" else None


def peak_mb(point: dict) -> float | None:
    """The largest peak RSS of any stage's process tree."""
    peaks = [r.get("peak_mb") for r in point["stages"].values()]
    return max((p for p in peaks if p is not None), default=None)


def ratio(a, b) -> str:
    """a / b as `2.0×`, or — when either is missing."""
    return "—" if a is None or b is None or not b else f"{a / b:.1f}×"


def secs(value) -> str:
    """Seconds with sensible precision, or — when missing."""
    if value is None:
        return "—"
    return f"{value:.3f} s" if value < 1 else f"{value:.{2 if value < 10 else 1}f} s"


def extrapolate(points: list[dict]) -> float | None:
    """Pipeline seconds at 1000× from each stage's growth over the last two scales."""
    if len(points) < 2:
        return None
    a, b = points[-2], points[-1]
    total = 0.0
    for name in STAGES:
        ta, tb = stage_seconds(a, [name]), stage_seconds(b, [name])
        if not ta or not tb:
            return None
        growth = (tb / ta) ** (1 / _log_step(a, b))
        total += tb * growth ** _log_step(b, {"scale": 1000})
    return total


def _log_step(a: dict, b: dict) -> float:
    """How many factors of ten lie between two scales."""
    return math.log10(b["scale"] / a["scale"])


def verdict(ok: bool | None) -> str:
    """A mark for the targets table."""
    return "not measured" if ok is None else "meets" if ok else "MISSES"


def at(points: list[dict], scale: int) -> dict | None:
    """The point measured at `scale`, if any."""
    return next((p for p in points if p["scale"] == scale), None)


def pipeline_total(point: dict | None) -> tuple[float | None, bool]:
    """Pipeline seconds, a timed-out stage counted as its run (then a lower bound)."""
    if point is None:
        return None, False
    rows = list(point["stages"].values())
    if any(r.get("status") not in ("ok", "timed out") for r in rows):
        return None, False
    bound = any(r["status"] == "timed out" for r in rows)
    total = sum(
        r["result"]["seconds"] if r["status"] == "ok" else r["wall_s"] for r in rows
    )
    return total, bound


def per_piece(point: dict | None) -> tuple[float | None, bool]:
    """Pipeline seconds per piece, and whether it is a lower bound."""
    total, bound = pipeline_total(point)
    return (None if total is None else total / point["pieces"]), bound


def at_least(bound: bool) -> str:
    """The mark of a lower bound."""
    return "≥ " if bound else ""


def front_row(points: list[dict]) -> str:
    """1000×: load + clean + tokenize within 3× the floor."""
    p = at(points, 1000) or points[-1]
    front, floor = stage_seconds(p, FRONT), floor_seconds(p)
    ok = None if front is None or floor is None else front <= 3 * floor
    return (
        f"| 1000×: load + clean + tokenize ≤ 3× the floor | {p['scale']}×:"
        f" {ratio(front, floor)} | {verdict(ok if p['scale'] == 1000 else None)} |"
    )


def pipeline_row(points: list[dict]) -> str:
    """1000×: the whole pipeline within 5 minutes (else extrapolated)."""
    p = at(points, 1000)
    if p is not None:
        total, bound = pipeline_total(p)
        over = total is not None and total > TARGETS["pipeline_s"]
        ok = False if over else None if total is None or bound else True
        shown = "a stage failed" if total is None else at_least(bound) + secs(total)
        return f"| 1000×: whole pipeline ≤ 5 min | {shown} | {verdict(ok)} |"
    guess = extrapolate(points)
    shown = "—" if guess is None else f"about {guess:.0f} s extrapolated"
    return f"| 1000×: whole pipeline ≤ 5 min | {shown} | {verdict(None)} |"


def memory_row(points: list[dict]) -> str:
    """1000×: every stage within 4 GB (else the largest scale's peak)."""
    p = at(points, 1000) or points[-1]
    peak = peak_mb(p)
    ok = None if peak is None or p["scale"] != 1000 else peak <= TARGETS["peak_mb"]
    shown = "—" if peak is None else f"{p['scale']}×: {peak:.0f} MB (largest stage)"
    return f"| 1000×: ≤ 4 GB | {shown} | {verdict(ok)} |"


def plain_row(points: list[dict]) -> str:
    """100×: no slower than the plain script."""
    p = at(points, 100)
    total, bound = pipeline_total(p)
    plain = None if p is None else plain_seconds(p)
    ok = None if total is None or plain is None else total <= plain
    ok = None if bound and ok else ok
    shown = at_least(bound) + ratio(total, plain)
    return f"| 100×: no slower than plain | {shown} | {verdict(ok)} |"


def linear_row(points: list[dict]) -> str:
    """Time per piece at 1000× within 10% of 100× (else 10× to 100×)."""
    big = at(points, 1000)
    a, b = (at(points, 100), big) if big else (at(points, 10), at(points, 100))
    (pa, bound_a), (pb, bound) = per_piece(a), per_piece(b)
    if pa is None or pb is None or bound_a:
        return "| time per piece: ≤ +10% | — | not measured |"
    label = "1000× vs 100×" if big else "100× vs 10× (1000× not run)"
    growth = pb / pa - 1
    ok = growth <= TARGETS["slack"]
    ok = None if not big or (bound and ok) else ok  # a lower bound can only miss
    shown = f"{label}: {at_least(bound)}{growth:+.0%}"
    return f"| time per piece: ≤ +10% | {shown} | {verdict(ok)} |"


def target_table(points: list[dict]) -> list[str]:
    """The issue's targets against what was measured."""
    rows = [front_row, pipeline_row, memory_row, plain_row, linear_row]
    return ["| target | measured | verdict |", "|---|---|---|"] + [
        row(points) for row in rows
    ]
