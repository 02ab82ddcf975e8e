"""Topic models (notebook 04): LDA units, filtered dictionary, repeatable fits, a sweep.

The sweep is cached. LdaModel (never LdaMulticore) with a fixed random_state, one chunk
per pass and enough passes that gensim's "too few updates" warning cannot fire, so the
same inputs give the same model.
"""

from __future__ import annotations

import itertools
import json
import logging
import os
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from gensim.corpora import Dictionary
from gensim.models import CoherenceModel, LdaModel

from ..cache import cache_key, cached_json
from ..config import cache_dir

LOG = logging.getLogger("antcorpus")
MIN_TOKENS = 30  # content tokens a packed unit needs (notebook 04 explains the choice)


@dataclass(frozen=True)
class LdaSettings:
    """Every parameter that shapes a fitted model (and so its cache key)."""

    no_below: int = 2  # a word must occur in at least this many units
    no_above: float = 0.5  # and in at most this share of them
    passes: int = 30
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


def topics_fit(
    docs: list[list[str]],
    dictionary: Dictionary,
    k: int,
    seed: int,
    settings: LdaSettings,
) -> LdaModel:
    """One LDA model: all units in one chunk, `passes` passes, fixed random_state."""
    bow = [dictionary.doc2bow(d) for d in docs]
    return LdaModel(
        bow,
        id2word=dictionary,
        num_topics=k,
        random_state=seed,
        passes=settings.passes,
        iterations=settings.iterations,
        chunksize=len(bow),
        update_every=1,
        alpha=settings.alpha,
        eval_every=None,
    )


def topics_top(model: LdaModel, n: int = 10) -> list[list[str]]:
    """Each topic's top-n words, in order."""
    return [
        [w for w, _ in model.show_topic(t, topn=n)] for t in range(model.num_topics)
    ]


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


def _sweep_k(docs, dictionary: Dictionary, k: int, seeds, settings) -> list[dict]:
    """One k of the sweep: a row per seed (coherences, top words), then stability."""
    tops, rows = [], []
    for seed in seeds:
        model = topics_fit(docs, dictionary, k, seed, settings)
        tops.append(topics_top(model, settings.top_n))
        rows.append(
            {
                "k": k,
                "seed": seed,
                "c_npmi": coherence(model, docs, dictionary, "c_npmi", settings.top_n),
                "u_mass": coherence(model, docs, dictionary, "u_mass", settings.top_n),
                "top": tops[-1],
            }
        )
    for row in rows:
        row["stability"] = topics_stability(tops)
    return rows


def _sweep_rows(docs, ks, seeds, settings: LdaSettings, progress) -> list[dict]:
    """Every k of the sweep fitted afresh, progress reported after each k."""
    dictionary, rows = topics_dictionary(docs, settings), []
    for k in ks:
        rows += _sweep_k(docs, dictionary, k, seeds, settings)
        progress(f"topic sweep: k={k} fitted with {len(seeds)} seeds")
    return rows


def topics_sweep(
    docs, ks, seeds, settings: LdaSettings, progress=LOG.info
) -> pd.DataFrame:
    """Per k: c_npmi and u_mass per seed, and cross-seed stability; cached.

    The cache key covers the inputs and settings. Progress goes to the `antcorpus`
    logger (INFO), not into notebook outputs, so a cold and a cached run leave the same
    outputs; `logging.basicConfig(level="INFO")` shows it.
    """
    key = cache_key(
        [
            json.dumps(docs, ensure_ascii=False),
            json.dumps(asdict(settings)),
            repr(list(ks)),
            repr(list(seeds)),
            "sweep-v2",
        ]
    )

    def compute() -> list[dict]:
        """The sweep's rows, on a cache miss."""
        return _sweep_rows(docs, ks, seeds, settings, progress)

    return pd.DataFrame(cached_json("lda-sweep", key, compute))


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


def topics_model(
    docs, k: int, seed: int, settings: LdaSettings
) -> tuple[LdaModel, Dictionary]:
    """The chosen model, loaded from .cache/lda-model/ if fitted on the same inputs."""
    key = cache_key(
        [
            json.dumps(docs, ensure_ascii=False),
            json.dumps(asdict(settings)),
            str(k),
            str(seed),
            "model-v1",
        ]
    )
    folder = cache_dir() / "lda-model" / key
    if (folder / "model").is_file():
        return LdaModel.load(str(folder / "model")), Dictionary.load(
            str(folder / "dictionary")
        )
    dictionary = topics_dictionary(docs, settings)
    model = topics_fit(docs, dictionary, k, seed, settings)
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=folder.parent))
    model.save(str(staging / "model"))
    dictionary.save(str(staging / "dictionary"))
    os.replace(staging, folder)  # appears whole or not at all
    return model, dictionary
