"""Words in context (notebook 05): concordance lines and window collocates per era."""

from __future__ import annotations

from collections import Counter

import pandas as pd

from ..text.tokens import tokens_segment
from .keyness import CRITICAL, g2


def kwic(
    sentences: pd.DataFrame, term: str, window: int = 8, words=None
) -> pd.DataFrame:
    """Concordance: every token containing `term`, with `window` tokens each side.

    A token matches when it contains `term`: 监管 finds 金融监管 too. `words` are the
    dictionary additions (default: the corpus folder's dictionary).
    """
    rows = []
    for s in sentences.itertuples():
        tokens = tokens_segment(s.text, True, words)
        for i, token in enumerate(tokens):
            if term in token:
                rows.append(
                    {
                        "doc_id": s.doc_id,
                        "era": s.era,
                        "left": "".join(tokens[max(0, i - window) : i]),
                        "keyword": token,
                        "right": "".join(tokens[i + 1 : i + 1 + window]),
                    }
                )
    return pd.DataFrame(rows, columns=["doc_id", "era", "left", "keyword", "right"])


def window_counts(docs: list[list[str]], term: str, window: int) -> tuple[Counter, int]:
    """Counts of tokens within `window` positions of a node, and the window size.

    A node is a token containing `term`.
    """
    near, size = Counter(), 0
    for doc in docs:
        nodes = {i for i, t in enumerate(doc) if term in t}
        spots = {
            j
            for i in nodes
            for j in range(max(0, i - window), min(len(doc), i + window + 1))
        } - nodes
        near.update(doc[j] for j in spots)
        size += len(spots)
    return near, size


def collocates(
    docs: list[list[str]],
    term: str,
    window: int = 5,
    min_freq: int = 2,
    n: int = 10,
    min_g2: float = CRITICAL,
) -> pd.DataFrame:
    """Words over-represented within ±window content tokens of `term`.

    Over-represented means G² >= min_g2 against the rest of the text.
    """
    near, size = window_counts(docs, term, window)
    total = Counter(t for doc in docs for t in doc)
    rest = sum(total.values()) - sum(c for t, c in total.items() if term in t) - size
    rows = [
        {
            "collocate": w,
            "near": c,
            "elsewhere": total[w] - c,
            "g2": float(g2(c, total[w] - c, size, rest)),
        }
        for w, c in near.items()
        if c >= min_freq and term not in w
    ]
    table = pd.DataFrame(rows, columns=["collocate", "near", "elsewhere", "g2"])
    table = table[table["g2"] >= min_g2].sort_values(
        ["g2", "collocate"], ascending=[False, True], kind="stable"
    )
    return table.head(n).reset_index(drop=True)
