"""Topic models (notebook 04): units for LDA, a filtered dictionary, repeatable fits, a cached sweep.

LdaModel (never LdaMulticore) with a fixed random_state, one chunk per pass and enough passes
that gensim's "too few updates" warning cannot fire, so the same inputs give the same model.
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

from .cache import cache_key, cached_json
from .config import cache_dir



LOG = logging.getLogger("antcorpus")
MIN_TOKENS = 30  # content tokens a packed unit needs (notebook 04 explains the choice)


@dataclass(frozen=True)
class LdaSettings:
    """Every parameter that shapes a fitted model (and so its cache key)."""

    no_below: int = 2        # a word must occur in at least this many units
    no_above: float = 0.5    # and in at most this share of them
    passes: int = 30
    iterations: int = 400
    alpha: str = "auto"
    top_n: int = 10          # words per topic for coherence and stability


def units_pack(units: pd.DataFrame, tokens: list[list[str]], min_tokens: int) -> tuple[pd.DataFrame, list[list[str]]]:
    """Merge each piece's consecutive units until every merged unit has >= min_tokens tokens."""
    rows, docs = [], []
    for doc_id, part in units.groupby("doc_id", sort=False):
        text, toks, first = "", [], None
        for i in part.index:
            first = i if first is None else first
            text, toks = text + units.at[i, "text"] + "\n", toks + tokens[i]
            if len(toks) >= min_tokens:
                rows.append({**units.loc[first].to_dict(), "text": text.strip(), "n_tokens": len(toks)})
                docs.append(toks)
                text, toks, first = "", [], None
        if toks and rows and rows[-1]["doc_id"] == doc_id:   # a short tail joins the unit before it
            rows[-1]["text"] += "\n" + text.strip()
            rows[-1]["n_tokens"] += len(toks)
            docs[-1] = docs[-1] + toks
        elif toks:                                           # a piece shorter than min_tokens stays whole
            rows.append({**units.loc[first].to_dict(), "text": text.strip(), "n_tokens": len(toks)})
            docs.append(toks)
    packed = pd.DataFrame(rows).reset_index(drop=True)
    packed["unit"] = packed.groupby("doc_id").cumcount()
    return packed, docs


def topics_dictionary(docs: list[list[str]], settings: LdaSettings) -> Dictionary:
    """A gensim Dictionary filtered by `no_below` and `no_above` (no cap on its size)."""
    dictionary = Dictionary(docs)
    dictionary.filter_extremes(no_below=settings.no_below, no_above=settings.no_above, keep_n=None)
    dictionary.compactify()
    if not len(dictionary):
        raise ValueError(f"no word is left for a topic model: {len(docs)} units, and no word occurs in at least "
                         f"{settings.no_below} of them and at most {settings.no_above:.0%} of them; "
                         "the corpus is too small (or lower no_below)")
    return dictionary


def topics_fit(docs: list[list[str]], dictionary: Dictionary, k: int, seed: int, settings: LdaSettings) -> LdaModel:
    """One LDA model: all units in one chunk, `passes` passes, fixed random_state."""
    bow = [dictionary.doc2bow(d) for d in docs]
    return LdaModel(bow, id2word=dictionary, num_topics=k, random_state=seed, passes=settings.passes,
                    iterations=settings.iterations, chunksize=len(bow), update_every=1, alpha=settings.alpha,
                    eval_every=None)


def topics_top(model: LdaModel, n: int = 10) -> list[list[str]]:
    """Each topic's top-n words, in order."""
    return [[w for w, _ in model.show_topic(t, topn=n)] for t in range(model.num_topics)]


def coherence(model: LdaModel, docs: list[list[str]], dictionary: Dictionary, measure: str, n: int) -> float:
    """Mean topic coherence (`c_npmi` over the units as texts, or `u_mass` over their bag of words)."""
    extra = {"texts": docs} if measure != "u_mass" else {"corpus": [dictionary.doc2bow(d) for d in docs]}
    cm = CoherenceModel(model=model, dictionary=dictionary, coherence=measure, topn=n, processes=1, **extra)
    return float(cm.get_coherence())


def jaccard(a, b) -> float:
    """|A ∩ B| / |A ∪ B| of two word lists."""
    a, b = set(a), set(b)
    return len(a & b) / len(a | b) if a | b else 1.0


def stability(runs: list[list[list[str]]]) -> float:
    """Mean best-match Jaccard of top words between every pair of runs (1 = same topics every seed)."""
    scores = []
    for first, second in itertools.permutations(runs, 2):
        scores += [max(jaccard(topic, other) for other in second) for topic in first]
    return float(np.mean(scores)) if scores else float("nan")


def topics_sweep(docs, ks, seeds, settings: LdaSettings, progress=LOG.info) -> pd.DataFrame:
    """Per k: c_npmi and u_mass per seed, and cross-seed stability; cached on inputs and settings.

    Progress goes to the `antcorpus` logger (INFO), not into notebook outputs, so a cold and
    a cached run leave the same outputs; `logging.basicConfig(level="INFO")` shows it.
    """
    key = cache_key([json.dumps(docs, ensure_ascii=False), json.dumps(asdict(settings)), repr(list(ks)),
                     repr(list(seeds)), "sweep-v2"])

    def compute():
        dictionary, rows = topics_dictionary(docs, settings), []
        for k in ks:
            tops = []
            for seed in seeds:
                model = topics_fit(docs, dictionary, k, seed, settings)
                tops.append(topics_top(model, settings.top_n))
                rows.append({"k": k, "seed": seed, "c_npmi": coherence(model, docs, dictionary, "c_npmi", settings.top_n),
                             "u_mass": coherence(model, docs, dictionary, "u_mass", settings.top_n), "top": tops[-1]})
            for row in rows[-len(seeds):]:
                row["stability"] = stability(tops)
            progress(f"topic sweep: k={k} fitted with {len(seeds)} seeds")
        return rows

    return pd.DataFrame(cached_json("lda-sweep", key, compute))


def choose_k(sweep: pd.DataFrame, min_k: int = 3) -> int:
    """The k >= min_k with the highest mean c_npmi over seeds; ties go to the more stable k."""
    means = sweep[sweep["k"] >= min_k].groupby("k")[["c_npmi", "stability"]].mean()
    return int(means.sort_values(["c_npmi", "stability"], ascending=False, kind="stable").index[0])


def choose_seed(sweep: pd.DataFrame, k: int) -> int:
    """The medoid run at k: the seed whose topics best match the other seeds' topics."""
    runs = sweep[sweep["k"] == k]
    score = {seed: np.mean([max(jaccard(t, o) for o in other) for t in top
                            for s, other in zip(runs["seed"], runs["top"]) if s != seed])
             for seed, top in zip(runs["seed"], runs["top"])}
    return int(max(sorted(score), key=lambda s: score[s]))


def topics_model(docs, k: int, seed: int, settings: LdaSettings) -> tuple[LdaModel, Dictionary]:
    """The chosen model, loaded from .cache/lda-model/ when the same inputs were fitted before."""
    key = cache_key([json.dumps(docs, ensure_ascii=False), json.dumps(asdict(settings)), str(k), str(seed), "model-v1"])
    folder = cache_dir() / "lda-model" / key
    if (folder / "model").is_file():
        return LdaModel.load(str(folder / "model")), Dictionary.load(str(folder / "dictionary"))
    dictionary = topics_dictionary(docs, settings)
    model = topics_fit(docs, dictionary, k, seed, settings)
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=folder.parent))
    model.save(str(staging / "model"))
    dictionary.save(str(staging / "dictionary"))
    os.replace(staging, folder)  # appears whole or not at all
    return model, dictionary
