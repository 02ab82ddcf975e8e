"""The benchmark's results as a Markdown table and a log-log figure.

`report(results)` and `plot(results, path)` read only the results dictionary that
`bench.main` writes to build/bench/results.json, so both render from a fixture.
"""

from __future__ import annotations

from .bench_stages import STAGES
from .bench_targets import (
    FRONT,
    at_least,
    floor_seconds,
    peak_mb,
    pipeline_total,
    plain_seconds,
    ratio,
    secs,
    stage_seconds,
    target_table,
)

LABELS = {
    "catalog": "catalog parse",
    "load": "load + clean (load_corpus)",
    "tokenize": "tokenize, cold (tokens_corpus)",
    "dfm": "document-term matrix",
    "keyness": "keyness + leave-one-out",
    "units": "units → packed (tokenizes units again)",
    "lda": "one LDA fit (1 pass)",
    "coherence": "coherence (c_npmi)",
}
OUTPUTS = ("tokens", "terms", "key_terms", "stable", "packed", "types", "c_npmi")


def cell(row: dict) -> str:
    """A stage's cell: seconds and peak MB, or what stopped it."""
    if row.get("status") != "ok":
        return row.get("status", "not run")
    return f"{secs(row['result']['seconds'])} · {row['peak_mb']:.0f} MB"


def stage_table(points: list[dict]) -> list[str]:
    """Rows: each stage at each scale, and against the plain script at the largest."""
    last = points[-1]
    head = " | ".join(f"{p['scale']}×" for p in points)
    lines = [
        f"| stage | {head} | plain, {last['scale']}× | ours / plain |",
        "|---" * (len(points) + 3) + "|",
    ]
    for name in STAGES:
        ours, plain = stage_seconds(last, [name]), plain_seconds(last, [name])
        cells = " | ".join(cell(p["stages"].get(name, {})) for p in points)
        lines.append(
            f"| {LABELS[name]} | {cells} | {secs(plain)} | {ratio(ours, plain)} |"
        )
    return lines


def scale_table(points: list[dict]) -> list[str]:
    """Rows per scale: whole pipeline against plain, front end against the floor."""
    lines = [
        "| scale | pieces | chars | pipeline | plain | ours / plain"
        " | load+clean+tokenize | floor | / floor | ms per piece | peak MB |",
        "|---" * 11 + "|",
    ]
    for p in points:
        (total, bound), front = pipeline_total(p), stage_seconds(p, FRONT)
        mark = at_least(bound)
        per_piece = "—" if total is None else f"{mark}{1000 * total / p['pieces']:.1f}"
        peak = peak_mb(p)
        lines.append(
            f"| {p['scale']}× | {p['pieces']:,} | {p['chars']:,} | {mark}{secs(total)}"
            f" | {secs(plain_seconds(p))} | {mark}{ratio(total, plain_seconds(p))}"
            f" | {secs(front)} | {secs(floor_seconds(p))}"
            f" | {ratio(front, floor_seconds(p))} | {per_piece}"
            f" | {'—' if peak is None else f'{peak:.0f}'} |"
        )
    return lines


def ours_made(point: dict) -> dict:
    """What the pipeline's stages made, under the plain script's names."""
    made = {}
    for row in point["stages"].values():
        made |= (row.get("result") or {}) if row.get("status") == "ok" else {}
    return {k: made.get(k) for k in OUTPUTS}


def outputs_line(points: list[dict]) -> str:
    """Whether the plain script made what the pipeline made, scale by scale."""
    parts = []
    for p in points:
        plain = (p.get("plain") or {}).get("result") or {}
        ours = ours_made(p)
        missing = [k for k in OUTPUTS if ours[k] is None]
        diff = [
            f"{k} {ours[k]} vs {plain.get(k)}"
            for k in OUTPUTS
            if k not in missing and ours[k] != plain.get(k)
        ]
        text = "; ".join(diff) or "identical"
        text += f" (not compared: {', '.join(missing)})" if missing else ""
        parts.append(f"{p['scale']}×: {text}")
    return (
        "Same outputs (tokens, terms, keyness terms and stable ones, packed units,"
        " LDA types, c_npmi), pipeline against plain script: " + ", ".join(parts) + "."
    )


def refusals(points: list[dict]) -> list[str]:
    """What the project's limits refused (the stage then ran with them raised)."""
    return [
        f"{p['scale']}×, {LABELS[name]}: {row['result']['note']}; timed with the"
        " limits raised."
        for p in points
        for name, row in p["stages"].items()
        if (row.get("result") or {}).get("note")
    ]


def equivalence_line(eq: dict) -> str:
    """The compiled tokenizer against jieba's segmentation on the real corpus."""
    if not eq.get("tokenizer"):
        return "rjieba is not installed: segmentation equivalence not measured."
    shown = "; ".join(f"{a} → {b}" for a, b in eq["examples"]) or "none"
    return (
        f"{eq['tokenizer']} with the domain words, HMM off, on the real corpus"
        f" ({eq['pieces']} pieces): {eq['differing']:,} of {eq['tokens']:,} tokens"
        f" differ from jieba's segmentation (examples: {shown}); the project"
        " segments with rjieba when it is installed."
    )


NOTES = """\
Each cell is one stage in a fresh process: seconds of the stage itself (start-up,
imports and reading the previous stage's output excluded; start-up is about
{startup:.1f} s a process) and the peak RSS of that process tree, interpreter and
libraries included (about {base:.0f} MB before any work), polled every 50 ms and read
from getrusage in a small fresh wrapper, so nothing is inherited from the benchmark's
own process. A stage over {timeout:.0f} s is killed and marked "timed out". Corpora:
the seeds' sentences resampled within each era into new pieces (build/bench/<scale>/),
so no text is replicated, though the vocabulary is still the seeds'. The plain script
is pandas + jieba + Counter + gensim with the same dictionary, stopwords, HMM off and
settings, tokenizing each unit once (the pipeline tokenizes pieces, then units
again; it segments with {segmenter}); the floor is read, decode, OpenCC t2s, {floor}
with the domain words (HMM off), Counter. 1000×: `BENCH_SCALES=1,10,100,1000 make
bench` (about 30 min)."""


def report(results: dict) -> str:
    """The benchmark as Markdown: stages, scales, targets, equivalence, notes."""
    points = results["scales"]
    first = points[0]["stages"].get("catalog", {})
    notes = NOTES.format(
        startup=first.get("wall_s", 0) - (first.get("result") or {}).get("seconds", 0),
        base=(first.get("result") or {}).get("base_mb") or 0,
        timeout=results["timeout"],
        floor=results.get("floor_tokenizer") or "a tokenizer",
        segmenter=results.get("segmenter") or "jieba",
    )
    lines = [
        "# Benchmark",
        "",
        f"Measured by `make bench` on {results['date']} ({results['cpus']} cores,"
        f" Python {results['python']}).",
        "",
        *stage_table(points),
        "",
        *scale_table(points),
        "",
        *target_table(points),
        "",
        outputs_line(points),
        "",
        *[f"{line}\n" for line in refusals(points)],
        equivalence_line(results.get("equivalence") or {}),
        "",
        notes,
    ]
    return "\n".join(lines) + "\n"
