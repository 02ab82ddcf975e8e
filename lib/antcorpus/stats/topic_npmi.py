"""Topic coherence as NPMI of top-word pairs: in 10-token windows (c_npmi) or in units.

`c_npmi` reproduces gensim's CoherenceModel(coherence="c_npmi") exactly (a test
checks): boolean sliding windows of 10 tokens over each unit, NPMI with gensim's
epsilon, mean over ordered pairs, then over topics. `npmi_units` is the same mean with
co-occurrence counted within whole units (document frequencies), the textbook NPMI
without an epsilon.
"""

from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import dataclass

import numpy as np
from scipy import sparse

WINDOW = 10  # gensim's default window for c_npmi
EPSILON = 1e-12  # gensim's smoothing inside the log of c_npmi


@dataclass(frozen=True)
class Contexts:
    """Which words occur in which context (window or unit): a boolean CSC matrix."""

    matrix: sparse.csc_matrix  # contexts x words
    index: dict[str, int]  # word -> column
    epsilon: float | None  # gensim's epsilon, or None for the textbook NPMI
    kind: str


def _gensim_windows(doc: list[str], size: int) -> list[set[str]]:
    """A unit's windows as gensim's WordOccurrenceAccumulator sees them.

    gensim updates each window incrementally (drop the token that left, add the one that
    came), so a word whose earlier copy slides out is dropped although another copy is
    still inside; reproduced here so the numbers are gensim's.
    """
    if len(doc) <= size:
        return [set(doc)]
    current = set(doc[:size])
    windows = [set(current)]
    for start in range(1, len(doc) - size + 1):
        current.discard(doc[start - 1])
        current.add(doc[start + size - 1])
        windows.append(set(current))
    return windows


def _contexts(rows: list[set[str]], epsilon, kind: str) -> Contexts:
    """The boolean contexts x words matrix of a list of word sets."""
    index = {w: i for i, w in enumerate(sorted({w for row in rows for w in row}))}
    cols = [index[w] for row in rows for w in sorted(row)]
    ptr = np.cumsum([0] + [len(row) for row in rows])
    matrix = sparse.csr_matrix(
        (np.ones(len(cols), dtype=np.int32), cols, ptr), shape=(len(rows), len(index))
    )
    return Contexts(matrix.tocsc(), index, epsilon, kind)


def contexts_windows(docs: list[list[str]], size: int = WINDOW) -> Contexts:
    """Sliding windows of `size` tokens over each unit, counted as gensim's c_npmi."""
    rows = [w for doc in docs for w in _gensim_windows(doc, size)]
    return _contexts(rows, EPSILON, f"sliding window of {size} tokens")


def contexts_units(docs: list[list[str]]) -> Contexts:
    """Whole units as contexts: co-occurrence means both words are in the same unit."""
    return _contexts([set(doc) for doc in docs], None, "whole unit")


def npmi_pairs(words: list[str], contexts: Contexts) -> np.ndarray:
    """NPMI of every pair of `words` (matrix, diagonal NaN) over the contexts."""
    missing = [w for w in words if w not in contexts.index]
    if missing:
        raise ValueError(f"words never seen in the contexts: {missing}")
    x = contexts.matrix[:, [contexts.index[w] for w in words]].astype(np.float64)
    n = contexts.matrix.shape[0]
    joint = (x.T @ x).toarray() / n
    single = np.diag(joint).copy()
    with np.errstate(divide="ignore", invalid="ignore"):
        if contexts.epsilon is None:
            out = np.log(joint / np.outer(single, single)) / -np.log(joint)
            out[joint == 0] = -1.0
            out[joint == 1] = 1.0
        else:
            smoothed = joint + contexts.epsilon
            out = np.log(smoothed / np.outer(single, single)) / -np.log(smoothed)
    np.fill_diagonal(out, np.nan)
    return out


def npmi_topic(words: list[str], contexts: Contexts) -> float:
    """One topic's coherence: mean NPMI over all pairs of its words."""
    return float(np.nanmean(npmi_pairs(words, contexts)))


def textstat_npmi(tops: list[list[str]], contexts: Contexts) -> float:
    """A model's coherence: mean over topics of each topic's mean pair NPMI."""
    return float(np.mean([npmi_topic(words, contexts) for words in tops]))


def frequent_words(docs: list[list[str]], vocabulary, n: int = 10) -> list[str]:
    """The n most frequent tokens among `vocabulary` (ties by first appearance)."""
    keep = set(vocabulary)
    counts = Counter(t for t in itertools.chain.from_iterable(docs) if t in keep)
    return [w for w, _ in counts.most_common(n)]
