"""Placebo calibration: how unusual is the real contrast among no-change contrasts?

The real design (the target era's pieces against the reference era's) is compared
with designs built from the same corpus: **placebos** with no era change (each
reference piece against the other reference pieces) and **other-era contrasts** (each
middle-era piece against the reference), plus size-matched token windows of the target
text. Any statistic(dfm, target_pieces, reference_pieces) -> float can be calibrated
this way (a count of key terms, the top G², a group rate ratio, ...).

Placebos are few (one per piece), so the position of the real value is descriptive: with
k placebos the smallest possible share at least as extreme is 0, and the (1 + count) /
(1 + k) version can be no smaller than 1 / (k + 1). Leaving one reference piece out
makes the placebo reference one piece smaller than the real one; size-matched windows
address a target much longer than the reference pieces. numpy / pandas; no plotting.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from typing import NamedTuple

import numpy as np
import pandas as pd

from .evidence import _sides, piece_rates
from .keyness import keyness_table
from .singlecase import crawford_howell
from .sparse import dfm_append, dfm_sizes, dfm_total

Statistic = Callable[[pd.DataFrame, list, list], float]  # or a SparseDfm first


class Design(NamedTuple):
    """A contrast: its name ("real", "reference:<id>", "middle:<id>", "window:<id>")."""

    name: str
    target_pieces: list
    reference_pieces: list


def _labels(middle) -> list:
    """None, one era label or several, as a list."""
    if middle is None:
        return []
    return [middle] if isinstance(middle, str) else list(middle)


def placebo_designs(
    eras: pd.Series, target: str, reference: str, middle=None
) -> list[Design]:
    """The real design, each reference piece vs the rest, each middle piece vs ref."""
    t = list(eras.index[eras == target])
    r = list(eras.index[eras == reference])
    designs = [Design("real", t, r)]
    if len(r) > 1:
        designs += [Design(f"reference:{p}", [p], [q for q in r if q != p]) for p in r]
    mids = eras.index[eras.isin(_labels(middle))]
    designs += [Design(f"middle:{p}", [p], r) for p in mids]
    return designs


def size_matched_windows(
    tokens: Sequence[str], size: int, n: int, seed: int = 0, overlap: bool = True
) -> list[list[str]]:
    """n contiguous windows of `size` tokens from a text, in text order.

    overlap=True draws n distinct start positions; overlap=False draws n of the disjoint
    blocks that tile the text from a random offset. Raises if there are too few.
    """
    length = len(tokens)
    if size < 1 or size > length:
        raise ValueError(f"window size {size} does not fit a text of {length} tokens")
    rng = np.random.default_rng(seed)
    if overlap:
        if n > length - size + 1:
            raise ValueError(f"only {length - size + 1} distinct windows of {size}")
        starts = rng.choice(length - size + 1, size=n, replace=False)
    else:
        blocks = length // size
        if n > blocks:
            raise ValueError(f"only {blocks} disjoint windows of {size}")
        offset = int(rng.integers(0, length - blocks * size + 1))
        starts = offset + size * rng.choice(blocks, size=n, replace=False)
    return [list(tokens[s : s + size]) for s in sorted(int(s) for s in starts)]


def windows_dfm(
    windows: Sequence[Sequence[str]], prefix: str = "window"
) -> pd.DataFrame:
    """Document-term counts for token windows, rows named "<prefix>-<i>" (from 1).

    Append to a corpus dfm with pd.concat([dfm, w]).fillna(0).astype(int).
    """
    index = [f"{prefix}-{i}" for i in range(1, len(windows) + 1)]
    rows = [Counter(w) for w in windows]
    return pd.DataFrame(rows, index=index).fillna(0).astype(int)


def window_designs(window_ids: Sequence[str], reference_pieces: list) -> list[Design]:
    """Each pseudo-piece (window of the target) against the reference pieces."""
    return [Design(f"window:{w}", [w], list(reference_pieces)) for w in window_ids]


def run_placebos(
    dfm: pd.DataFrame, designs: Sequence[Design], statistic: Statistic
) -> pd.DataFrame:
    """Evaluate statistic(dfm, target_pieces, reference_pieces) for every design."""
    sizes = dfm_sizes(dfm)
    rows = [
        {
            "name": d.name,
            "kind": d.name.split(":")[0],
            "n_target": len(d.target_pieces),
            "n_reference": len(d.reference_pieces),
            "target_tokens": int(sizes[list(d.target_pieces)].sum()),
            "reference_tokens": int(sizes[list(d.reference_pieces)].sum()),
            "value": float(
                statistic(dfm, list(d.target_pieces), list(d.reference_pieces))
            ),
        }
        for d in designs
    ]
    return pd.DataFrame(rows)


def placebo_position(real_value: float, placebo_values) -> dict:
    """Where the real value sits among placebos (NaN placebos dropped).

    n_at_least / share_at_least: placebos >= real; p_plus_one = (1 + n_at_least) /
    (1 + n_placebos), counting the real design as one of the draws; rank = 1 + placebos
    strictly above the real value; percentile = 100 * share strictly below.
    """
    v = np.asarray(placebo_values, float)
    v = v[~np.isnan(v)]
    n = len(v)
    at_least = int((v >= real_value).sum())
    return {
        "real": float(real_value),
        "n_placebos": n,
        "n_at_least": at_least,
        "share_at_least": at_least / n if n else np.nan,
        "p_plus_one": (1 + at_least) / (1 + n),
        "rank": 1 + int((v > real_value).sum()),
        "percentile": 100 * float((v < real_value).mean()) if n else np.nan,
    }


def calibrate(
    dfm: pd.DataFrame,
    eras: pd.Series,
    target: str,
    reference: str,
    statistic: Statistic,
    middle=None,
) -> tuple[pd.DataFrame, dict]:
    """Run the real and placebo designs; return the table and the real position."""
    table = run_placebos(
        dfm, placebo_designs(eras, target, reference, middle), statistic
    )
    real = table.loc[table["kind"] == "real", "value"].iloc[0]
    return table, placebo_position(real, table.loc[table["kind"] != "real", "value"])


def keyness_placebo(
    dfm: pd.DataFrame,
    tokens: dict[str, list[str]],
    eras: pd.Series,
    target: str,
    reference: str,
    middle=None,
    n_windows: int = 20,
    seed: int = 0,
    statistic: Statistic | None = None,
) -> tuple[pd.DataFrame, dict]:
    """Key-term counts for the real design, placebos, other eras and target windows.

    `tokens` maps doc_id to its tokens (for the windows). The windows are as long as the
    placebos' median target and each is set against the real reference; the returned
    position compares their median with the no-change placebos only (like for like).
    """
    statistic = statistic or key_term_counter()
    designs = placebo_designs(eras, target, reference, middle)
    table = pd.DataFrame([_design_row(dfm, d, statistic) for d in designs])
    placebos = table[table["kind"] == "placebo (no era change)"]
    size = int(placebos["target_tokens"].median())
    target_tokens = [t for d in designs[0].target_pieces for t in tokens[d]]
    windows = windows_dfm(size_matched_windows(target_tokens, size, n_windows, seed))
    both = dfm_append(dfm, windows)
    counts = [statistic(both, [w], designs[0].reference_pieces) for w in windows.index]
    position = placebo_position(float(np.median(counts)), placebos["key_terms"])
    return table, position | {"window_tokens": size, "windows": len(counts)}


def _design_row(dfm: pd.DataFrame, design: Design, statistic: Statistic) -> dict:
    """One design's row: name, kind, target size and the statistic."""
    kind = {"real": "real", "reference": "placebo (no era change)"}.get(
        design.name.split(":")[0], "other-era contrast"
    )
    return {
        "design": design.name,
        "kind": kind,
        "target_tokens": dfm_total(dfm, design.target_pieces),
        "key_terms": statistic(dfm, design.target_pieces, design.reference_pieces),
    }


def key_term_counter(q_max: float = 0.05, min_count: int = 3) -> Statistic:
    """A statistic: terms key at BH q < q_max by G² (terms seen >= min_count)."""

    def count(dfm: pd.DataFrame, target: list, reference: list) -> int:
        table = keyness_table(dfm, target, reference, min_count)
        return int((table["q"] < q_max).sum())

    return count


def feature_placebo(
    dfm: pd.DataFrame, eras: pd.Series, target: str, reference: str, features
) -> pd.DataFrame:
    """Per feature: the real single-case |t| and how many no-change placebos reach it.

    Each reference piece in turn is the pseudo-target against the other reference
    pieces (no era change); a real contrast that placebos match is no stronger than a
    change of text. The statistic is the Crawford–Howell t of the target's rate against
    the reference pieces' rates, for the real design and every placebo alike; with
    several target pieces the target's rate is their mean per-piece rate (a mean varies
    less than one piece, so the comparison then favours the placebos).
    """
    t_pieces, r_pieces = _sides(eras, dfm, target, reference)
    rates = piece_rates(dfm, features)
    ref = rates.loc[r_pieces]
    real = _abs_t(rates.loc[t_pieces].mean(), ref)
    runs = [_abs_t(ref.loc[p], ref.drop(index=p)) for p in r_pieces]
    placebos = pd.concat(runs, axis=1) if runs else pd.DataFrame(index=real.index)
    table = pd.DataFrame(
        {
            "real_abs_t": real,
            "placebos": placebos.notna().sum(axis=1),
            "placebos_at_least": (placebos.ge(real, axis=0)).sum(axis=1),
            "placebo_max_abs_t": placebos.max(axis=1),
        }
    )
    table.attrs = {
        "unit": "piece",
        "design": "each reference piece against the rest",
        "statistic": "Crawford-Howell t"
        + (" of the target pieces' mean rate" if len(t_pieces) > 1 else ""),
    }
    return table


def _abs_t(case: pd.Series, controls: pd.DataFrame) -> pd.Series:
    """|Crawford–Howell t| per feature: one case's rates against the controls' rates."""
    return pd.Series(
        {f: abs(crawford_howell(case[f], controls[f]).t) for f in controls.columns},
        dtype=float,
    )
