"""NMF topics on TF-IDF (notebook 04): the comparison model for LDA.

Same packed units and the same vocabulary as the LDA dictionary, so the two models
differ only in the method. NMF's seed enters only through the randomized SVD that
`init="nndsvda"` starts from.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from sklearn.decomposition import NMF
from sklearn.feature_extraction.text import TfidfVectorizer


@dataclass(frozen=True)
class NmfSettings:
    """Every parameter that shapes a fitted NMF model (and so its cache key)."""

    init: str = "nndsvda"
    max_iter: int = 1000  # enough for every k here to converge (no ConvergenceWarning)
    top_n: int = 10


def tokens_identity(tokens):
    """The analyzer for already tokenized units (a named function, so it pickles)."""
    return tokens


def nmf_matrix(docs: list[list[str]], vocabulary: list[str]):
    """Units x words TF-IDF matrix (l2-normalised rows) over a fixed vocabulary."""
    vectorizer = TfidfVectorizer(
        analyzer=tokens_identity, vocabulary=sorted(vocabulary)
    )
    return vectorizer.fit_transform(docs), vectorizer.get_feature_names_out()


def nmf_fit(tfidf, words, k: int, seed: int, settings: NmfSettings):
    """One NMF model: (top words per topic, units x topics proportions)."""
    model = NMF(
        n_components=k,
        init=settings.init,
        random_state=seed,
        max_iter=settings.max_iter,
    )
    weights = model.fit_transform(tfidf)
    order = np.argsort(-model.components_, axis=1, kind="stable")
    tops = [[str(words[j]) for j in row[: settings.top_n]] for row in order]
    return tops, nmf_proportions(weights)


def nmf_proportions(weights: np.ndarray) -> np.ndarray:
    """Unit weights scaled to sum to 1 (a unit with no weight spreads evenly)."""
    total = weights.sum(axis=1, keepdims=True)
    even = np.full_like(weights, 1.0 / weights.shape[1])
    return np.divide(weights, total, out=even, where=total > 0)
