"""Reading a fitted topic model (notebook 04): shares with intervals, labels, excerpts, figures."""
from __future__ import annotations

from textwrap import fill

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from .config import DATA, read_tsv
from .glossary import gloss
from .plots import cjk_style, era_colours
from .resample import bootstrap_interval

LABELS_FILE = DATA / "topic_labels.tsv"
UNREVIEWED = "(unreviewed)"


def topic_matrix(model, dictionary, docs: list[list[str]]) -> np.ndarray:
    """Units x topics: each unit's topic proportions (rows sum to 1)."""
    theta = np.zeros((len(docs), model.num_topics))
    for i, doc in enumerate(docs):
        for topic, p in model.get_document_topics(dictionary.doc2bow(doc), minimum_probability=0.0):
            theta[i, topic] = p
    return theta / theta.sum(axis=1, keepdims=True)


def weighted_share(theta: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Token-weighted mean topic proportions of a set of units."""
    return (theta * weights[:, None]).sum(axis=0) / weights.sum()


def topic_shares(units: pd.DataFrame, theta: np.ndarray, by: str, n_boot: int = 2000, seed: int = 0) -> pd.DataFrame:
    """Per group of `by` and topic: token-weighted share, percentile 95% interval over units, n."""
    rows = []
    rng = np.random.default_rng(seed)
    for key, idx in units.groupby(by, sort=False).indices.items():
        weights, part = units["n_tokens"].to_numpy(float)[idx], theta[idx]
        share = weighted_share(part, weights)
        lo, hi = bootstrap_interval(lambda i: (part[i] * weights[i][..., None]).sum(axis=1)
                                    / weights[i].sum(axis=1)[:, None], len(idx), n_boot, rng)
        rows += [{by: key, "feature": f"T{t + 1}", "share": round(float(share[t]), 4), "ci_low": round(float(lo[t]), 4),
                  "ci_high": round(float(hi[t]), 4), "pieces": units.loc[units.index[idx], "doc_id"].nunique(),
                  "units": len(idx), "tokens": int(weights.sum())} for t in range(theta.shape[1])]
    return pd.DataFrame(rows)


def topic_labels(k: int, seed: int, tops: list[list[str]], n_check: int = 5) -> list[str]:
    """Reviewed labels from data/topic_labels.tsv; a topic whose top words changed is unreviewed."""
    reviewed = {int(r["topic"]): r for r in read_tsv(LABELS_FILE) if int(r["k"]) == k and int(r["seed"]) == seed}
    out = []
    for t, words in enumerate(tops, 1):
        row = reviewed.get(t)
        ok = row is not None and row["top_words"].split() == words[:n_check]
        out.append(row["label"] if ok else UNREVIEWED)
    return out


def topic_table(tops: list[list[str]], labels: list[str]) -> pd.DataFrame:
    """One row per topic: T-number, label, top words with English glosses."""
    glossed = [" · ".join(f"{w} ({gloss(w)})" if gloss(w) else w for w in words) for words in tops]
    return pd.DataFrame({"topic": [f"T{i}" for i in range(1, len(tops) + 1)], "label": labels, "top_words": glossed})


def topic_excerpts(units: pd.DataFrame, theta: np.ndarray, n: int = 2, chars: int = 90) -> pd.DataFrame:
    """The n units most dominated by each topic, shortened to `chars` characters."""
    rows = []
    for t in range(theta.shape[1]):
        for i in np.argsort(-theta[:, t], kind="stable")[:n]:
            text = units["text"].iat[i].replace("\n", " ")
            rows.append({"topic": f"T{t + 1}", "proportion": round(float(theta[i, t]), 3),
                         "doc_id": units["doc_id"].iat[i], "excerpt": text[:chars] + ("…" if len(text) > chars else "")})
    return pd.DataFrame(rows)


def plot_sweep(sweep: pd.DataFrame, chosen: int):
    """c_npmi, u_mass and cross-seed stability against k (mean and range over seeds), chosen k marked."""
    stats = sweep.groupby("k")[["c_npmi", "u_mass", "stability"]].agg(["mean", "min", "max"])
    names = {"c_npmi": "coherence c_npmi (higher is better)", "u_mass": "coherence u_mass (higher is better)",
             "stability": "stability: mean best-match Jaccard\nof top-10 words across seeds"}
    with cjk_style():
        fig, axes = plt.subplots(1, 3, figsize=(13, 3.8))
        for ax, (metric, name) in zip(axes, names.items()):
            m = stats[metric]
            ax.fill_between(m.index, m["min"], m["max"], color="#0072B2", alpha=0.15, label="range over seeds")
            ax.plot(m.index, m["mean"], "o-", color="#0072B2", label="mean over seeds")
            ax.axvline(chosen, color="#D55E00", ls="--", label=f"chosen k = {chosen}")
            ax.set_xlabel("number of topics k")
            ax.set_title(name, fontsize=9)
            ax.set_xticks(list(m.index))
        axes[0].legend(fontsize=7)
        fig.suptitle(f"Choosing k: {sweep['seed'].nunique()} seeds per k", fontsize=10)
    return fig


def plot_heatmap(shares: pd.DataFrame, index: str, labels: list[str]):
    """Pieces (or eras) x topics, shade = share, value printed in each cell."""
    table = shares.pivot(index=index, columns="feature", values="share")
    table = table[[f"T{i}" for i in range(1, len(labels) + 1)]].reindex(list(dict.fromkeys(shares[index])))
    with cjk_style():
        fig, ax = plt.subplots(figsize=(1.1 * table.shape[1] + 4, 0.42 * len(table) + 2))
        ax.imshow(table.to_numpy(), cmap="Blues", vmin=0, vmax=max(0.5, table.to_numpy().max()), aspect="auto")
        for (i, j), v in np.ndenumerate(table.to_numpy()):
            ax.text(j, i, f"{v:.0%}", ha="center", va="center", fontsize=8, color="white" if v > 0.35 else "black")
        ax.set_xticks(range(table.shape[1]), [f"{c}\n{fill(lab, 16)}" for c, lab in zip(table.columns, labels)], fontsize=7)
        ax.set_yticks(range(len(table)), table.index, fontsize=8)
        ax.set_title("Topic shares (token-weighted mean of unit proportions)")
    return fig


def plot_share_bars(shares: pd.DataFrame, by: str, order: list[str], labels: list[str]):
    """Grouped bars: each topic's share per group of `by`, with 95% intervals and n in the legend."""
    groups = [g for g in order if g in set(shares[by])]
    colours, width = era_colours(order), 0.8 / len(groups)
    topics_ = [f"T{i}" for i in range(1, len(labels) + 1)]
    with cjk_style():
        fig, ax = plt.subplots(figsize=(1.6 * len(topics_) + 2, 4.2))
        for j, group in enumerate(groups):
            part = shares[shares[by] == group].set_index("feature").reindex(topics_)
            x = np.arange(len(topics_)) + (j - (len(groups) - 1) / 2) * width
            ax.bar(x, part["share"], width, color=colours.get(group, "0.5"),
                   yerr=[part["share"] - part["ci_low"], part["ci_high"] - part["share"]], capsize=2,
                   error_kw={"lw": 0.8, "ecolor": "0.3"}, label=f"{group} (n={part['pieces'].iloc[0]} pieces, {part['tokens'].iloc[0]:,} tokens)")
        ax.set_xticks(range(len(topics_)), [f"{t}\n{fill(lab, 18)}" for t, lab in zip(topics_, labels)], fontsize=7)
        ax.set_ylabel("topic share (token-weighted)")
        ax.legend(fontsize=7)
        ax.set_title("Topic shares per era, with 95% bootstrap intervals over units")
    return fig
