"""Lexical diversity that survives a fivefold difference in length: MATTR and MTLD.

MATTR (Covington & McFall 2010): mean type-token ratio over every window of `window`
tokens. MTLD (McCarthy & Jarvis 2010): mean length of stretches whose running TTR stays
above 0.72, averaged over a forward and a backward pass, with the leftover stretch as a
partial factor.
"""

from __future__ import annotations

from collections import Counter

import pandas as pd

MTLD_THRESHOLD = 0.72


def mattr(tokens: list[str], window: int = 100) -> float:
    """Moving-average type-token ratio; plain TTR for a text shorter than the window."""
    if not tokens:
        return float("nan")
    if len(tokens) <= window:
        return len(set(tokens)) / len(tokens)
    counts = Counter(tokens[:window])
    total = len(counts)
    for i in range(window, len(tokens)):
        leaving, entering = tokens[i - window], tokens[i]
        counts[leaving] -= 1
        if counts[leaving] == 0:
            del counts[leaving]
        counts[entering] += 1
        total += len(counts)
    return total / ((len(tokens) - window + 1) * window)


def _mtld_pass(tokens: list[str], threshold: float) -> float:
    """One direction of MTLD: tokens per factor."""
    factors, types, count = 0.0, set(), 0
    for token in tokens:
        types.add(token)
        count += 1
        if len(types) / count <= threshold:
            factors, types, count = factors + 1, set(), 0
    if count:
        factors += (1 - len(types) / count) / (1 - threshold)
    return len(tokens) / factors if factors else float("inf")


def mtld(tokens: list[str], threshold: float = MTLD_THRESHOLD) -> float:
    """Measure of textual lexical diversity: mean of the forward and backward passes."""
    if not tokens:
        return float("nan")
    return (_mtld_pass(tokens, threshold) + _mtld_pass(tokens[::-1], threshold)) / 2


def textstat_lexdiv(
    tokens: list[list[str]], doc_ids: list[str], window: int = 100
) -> pd.DataFrame:
    """Per document: tokens, types, hapax share of types, TTR, MATTR and MTLD."""
    rows = []
    for doc, toks in zip(doc_ids, tokens, strict=False):
        counts = Counter(toks)
        hapax = sum(1 for c in counts.values() if c == 1)
        rows.append(
            {
                "doc_id": doc,
                "tokens": len(toks),
                "types": len(counts),
                "hapax_share": round(hapax / len(counts), 3)
                if counts
                else float("nan"),
                "ttr": round(len(counts) / len(toks), 3) if toks else float("nan"),
                f"mattr_{window}": round(mattr(toks, window), 3),
                "mtld": round(mtld(toks), 1),
            }
        )
    table = pd.DataFrame(rows)
    table.attrs = {"window": window, "unit": "piece"}
    return table
