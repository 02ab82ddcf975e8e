"""Topic models (notebook 04): filtered dictionary, repeatable LDA fits, stability.

LdaModel with a fixed random_state, so the same inputs give the same model (never
LdaMulticore: it cannot learn alpha="auto", at 100x it was slower on 2 cores and gave
different fits for the same random_state). Passes and units per chunk: `lda_schedule`.
The sweep over k and seeds is in `topic_fits` and `topic_replication`.
"""

from __future__ import annotations

import itertools
import logging
import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
from gensim.corpora import Dictionary
from gensim.models import CoherenceModel, LdaModel

LOG = logging.getLogger("antcorpus")
MIN_TOKENS = 30  # content tokens a packed unit needs (notebook 04 explains the choice)
# The size rule (`lda_schedule`). Up to CHUNK units each pass is one chunk (batch LDA,
# `passes` updates), as the seeds (127 packed units) and the poetry corpus (441) are
# fitted. Above, online LDA in chunks of CHUNK units with enough passes for at least
# `passes` updates, never fewer than MIN_PASSES: time linear in units, one chunk in the
# E-step. Why 2,000 (measured, k 6, 2 cores): batch's 20 passes take 5 s at 1,328 units
# but 56 s at 13,247, where chunks of 2,000 and 3 passes take 8 s, fit within 0.03
# nats a word (bound) and find topics closer to batch's than another seed's are.
CHUNK = 2_000  # units per chunk above the batch size
MIN_PASSES = 2  # passes over a large corpus: a second pass revisits the first chunks


@dataclass(frozen=True)
class LdaSettings:
    """Every parameter that shapes a fitted model (and so its cache key)."""

    no_below: int = 2  # a word must occur in at least this many units
    no_above: float = 0.5  # and in at most this share of them
    passes: int = 20
    iterations: int = 400
    alpha: str = "auto"
    top_n: int = 10  # words per topic for coherence and stability


def topics_dictionary(docs: list[list[str]], settings: LdaSettings) -> Dictionary:
    """A gensim Dictionary filtered by `no_below` and `no_above` (no size cap)."""
    dictionary = Dictionary(docs)
    dictionary.filter_extremes(
        no_below=settings.no_below, no_above=settings.no_above, keep_n=None
    )
    dictionary.compactify()
    if not len(dictionary):
        raise ValueError(
            f"no word is left for a topic model: {len(docs)} units, "
            f"and no word occurs in at least {settings.no_below} of them "
            f"and at most {settings.no_above:.0%} of them; "
            "the corpus is too small (or lower no_below)"
        )
    return dictionary


def lda_schedule(n_units: int, settings: LdaSettings) -> tuple[int, int]:
    """(passes, chunksize) for `n_units` units: one chunk up to CHUNK, online above."""
    if n_units <= CHUNK:
        return settings.passes, n_units
    chunks = math.ceil(n_units / CHUNK)
    wanted = max(MIN_PASSES, math.ceil(settings.passes / chunks))
    return min(settings.passes, wanted), CHUNK


def topics_fit(
    docs: list[list[str]],
    dictionary: Dictionary,
    k: int,
    seed: int,
    settings: LdaSettings,
) -> LdaModel:
    """One LDA model, passes and chunks by `lda_schedule`, fixed random_state."""
    bow = [dictionary.doc2bow(d) for d in docs]
    passes, chunksize = lda_schedule(len(bow), settings)
    return LdaModel(
        bow,
        id2word=dictionary,
        num_topics=k,
        random_state=seed,
        passes=passes,
        iterations=settings.iterations,
        chunksize=chunksize,
        update_every=1,
        alpha=settings.alpha,
        eval_every=None,
    )


def topics_top(model: LdaModel, n: int = 10) -> list[list[str]]:
    """Each topic's top-n words, in order."""
    return [
        [w for w, _ in model.show_topic(t, topn=n)] for t in range(model.num_topics)
    ]


def topic_matrix(model, dictionary, docs: list[list[str]]) -> np.ndarray:
    """Units x topics: each unit's topic proportions (rows sum to 1)."""
    theta = np.zeros((len(docs), model.num_topics))
    for i, doc in enumerate(docs):
        for topic, p in model.get_document_topics(
            dictionary.doc2bow(doc), minimum_probability=0.0
        ):
            theta[i, topic] = p
    return theta / theta.sum(axis=1, keepdims=True)


def coherence(
    model: LdaModel, docs: list[list[str]], dictionary: Dictionary, measure: str, n: int
) -> float:
    """Mean topic coherence (`c_npmi` on units as texts, `u_mass` on bags of words)."""
    extra = (
        {"texts": docs}
        if measure != "u_mass"
        else {"corpus": [dictionary.doc2bow(d) for d in docs]}
    )
    cm = CoherenceModel(
        model=model,
        dictionary=dictionary,
        coherence=measure,
        topn=n,
        processes=1,
        **extra,
    )
    return float(cm.get_coherence())


def jaccard(a, b) -> float:
    """|A ∩ B| / |A ∪ B| of two word lists."""
    a, b = set(a), set(b)
    return len(a & b) / len(a | b) if a | b else 1.0


def topics_stability(runs: list[list[list[str]]]) -> float:
    """Mean best-match Jaccard of top words between every pair of runs.

    1 means the same topics for every seed.
    """
    scores = []
    for first, second in itertools.permutations(runs, 2):
        scores += [max(jaccard(topic, other) for other in second) for topic in first]
    return float(np.mean(scores)) if scores else float("nan")


def choose_k(sweep: pd.DataFrame, min_k: int = 3) -> int:
    """Best k >= min_k: highest mean c_npmi over seeds; ties go to the more stable k."""
    means = sweep[sweep["k"] >= min_k].groupby("k")[["c_npmi", "stability"]].mean()
    return int(
        means.sort_values(
            ["c_npmi", "stability"], ascending=False, kind="stable"
        ).index[0]
    )


def choose_seed(sweep: pd.DataFrame, k: int) -> int:
    """The medoid run at k: the seed whose topics best match the other seeds' topics."""
    runs = sweep[sweep["k"] == k]
    score = {
        seed: np.mean(
            [
                max(jaccard(t, o) for o in other)
                for t in top
                for s, other in zip(runs["seed"], runs["top"], strict=True)
                if s != seed
            ]
        )
        for seed, top in zip(runs["seed"], runs["top"], strict=True)
    }
    return int(max(sorted(score), key=lambda s: score[s]))
