"""Describing the corpus (notebook 01): the piece table, era balance, timeline, cleaning figure."""
from __future__ import annotations

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from .corpus import corpus_reshape
from .plots import cjk_style, era_colours
from .tokens import tokens_segment

TABLE_COLUMNS = ["doc_id", "title", "author", "author_type", "genre", "era", "date", "date_precision",
                 "date_start", "date_end", "n_chars", "n_paragraphs", "n_tokens", "n_types"]


def corpus_table(corpus: pd.DataFrame, tokens: list[list[str]]) -> pd.DataFrame:
    """One row per piece: catalog metadata, content dates, lengths in characters and tokens."""
    table = corpus.assign(n_paragraphs=[sum(1 for p in t.split("\n") if p.strip()) for t in corpus["text"]],
                          n_tokens=[len(t) for t in tokens], n_types=[len(set(t)) for t in tokens])
    return table[TABLE_COLUMNS].reset_index(drop=True)


def era_balance(table: pd.DataFrame, order: list[str]) -> pd.DataFrame:
    """Pieces, characters and content tokens per era, with each era's share of all tokens."""
    out = (table.groupby("era", sort=False)
           .agg(pieces=("doc_id", "size"), machine_pieces=("author_type", lambda s: int((s == "machine").sum())),
                chars=("n_chars", "sum"), tokens=("n_tokens", "sum"))
           .reindex([e for e in order if e in set(table["era"])]))
    out["token_share"] = (out["tokens"] / out["tokens"].sum()).round(3)
    return out.reset_index()


def segmentation_compare(sentences: list[str]) -> pd.DataFrame:
    """Each sentence segmented by bare jieba and by jieba plus the domain dictionary."""
    rows = []
    for s in sentences:
        bare, ours = tokens_segment(s, domain=False), tokens_segment(s)
        rows.append({"sentence": s, "bare_jieba": " / ".join(bare), "with_domain_dictionary": " / ".join(ours),
                     "tokens_bare": len(bare), "tokens_ours": len(ours)})
    return pd.DataFrame(rows)


def piece_label(row, width: int = 16) -> str:
    """Two-line label: the doc_id, then the title as published, shortened to `width` characters."""
    title = row.title if len(row.title) <= width else row.title[: width - 1] + "…"
    return f"{row.doc_id}\n{title}"


def plot_timeline(table: pd.DataFrame, order: list[str]):
    """Pieces on a content-date axis (a bar spans the date's precision), undated pieces apart."""
    colours = era_colours(order)
    dated = table[table["date_start"].notna()].sort_values("date_start", ascending=False)
    undated = table[table["date_start"].isna()]
    with cjk_style():
        fig, (ax, side) = plt.subplots(1, 2, figsize=(10, 0.6 * len(table) + 1.6), sharey=False,
                                       gridspec_kw={"width_ratios": [5, 1.2]})
        for y, row in enumerate(dated.itertuples()):
            start, end = mdates.date2num(row.date_start), mdates.date2num(row.date_end + pd.Timedelta(days=1))
            ax.barh(y, max(end - start, 20), left=start, height=0.6, color=colours[row.era])
            ax.text(end + 25, y, f"{row.n_tokens:,} tokens", va="center", fontsize=8, color="0.3")
        ax.set_yticks(range(len(dated)), [piece_label(r) for r in dated.itertuples()], fontsize=8)
        ax.xaxis.set_major_locator(mdates.YearLocator())
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
        ax.set_xlabel("content date (bar = the span the catalogued date allows: a day, a month or a year)")
        ax.grid(axis="x", color="0.9")
        rows = [len(dated) - 1 - i for i in range(len(undated))]  # top rows, same bar height
        side.barh(rows, undated["n_tokens"], height=0.6, color=colours["undated"])
        side.set_ylim(-0.5, max(len(dated), len(undated)) - 0.5)
        side.set_yticks(rows, [piece_label(r) for r in undated.itertuples()], fontsize=8)
        side.yaxis.tick_right()
        side.set_title("undated (not placed)", fontsize=9)
        side.set_xlabel("tokens")
        handles = [plt.Rectangle((0, 0), 1, 1, color=colours[e]) for e in order if e in set(table["era"])]
        ax.legend(handles, [e for e in order if e in set(table["era"])], title="era", loc="lower left", fontsize=8)
        ax.set_title(f"The corpus on its content-date axis: {len(table)} pieces from the seed files")
    return fig


def plot_cleaning(wide: pd.DataFrame):
    """Heatmap of what each cleaning step changed (instances) in each piece, counts printed."""
    changed = wide.sum() > 0
    steps = wide.loc[:, changed] if changed.any() else wide
    with cjk_style():
        fig, ax = plt.subplots(figsize=(1.0 * steps.shape[1] + 3, 0.45 * len(steps) + 1.8))
        ax.imshow(np.log1p(steps.to_numpy()), cmap="Blues", aspect="auto")
        for (i, j), value in np.ndenumerate(steps.to_numpy()):
            ax.text(j, i, f"{value:,}" if value else "·", ha="center", va="center", fontsize=8,
                    color="white" if value > 300 else "black")
        ax.set_xticks(range(steps.shape[1]), [s.replace("_", " ") for s in steps.columns], rotation=35, ha="right")
        ax.set_yticks(range(len(steps)), steps.index)
        ax.set_title("Cleaning: instances each rule changed per piece (shade on a log scale; · = none)")
    return fig


def segmentation_examples(corpus: pd.DataFrame, per_era: int = 2, max_chars: int = 60) -> pd.DataFrame:
    """Per era, the short sentences where the domain dictionary changes segmentation most."""
    sentences = corpus_reshape(corpus, to="sentences")
    sentences = sentences[sentences["text"].str.len() <= max_chars]
    compared = segmentation_compare(sentences["text"].tolist()).assign(
        era=sentences["era"].to_numpy(), doc_id=sentences["doc_id"].to_numpy())
    compared["merged"] = compared["tokens_bare"] - compared["tokens_ours"]
    best = compared.sort_values(["merged", "sentence"], ascending=[False, True], kind="stable")
    return best.groupby("era", sort=False).head(per_era).sort_values("era", kind="stable").reset_index(drop=True)


def domain_coverage(tokens: list[list[str]], words: set[str]) -> dict:
    """How many content tokens are domain-dictionary words that bare jieba would split."""
    flat = [t for doc in tokens for t in doc]
    split = {w for w in words if len(tokens_segment(w, domain=False)) > 1}
    hits = sum(1 for t in flat if t in split)
    return {"tokens": len(flat), "domain_tokens": sum(1 for t in flat if t in words),
            "split_by_bare_jieba": hits, "share_split": round(hits / len(flat), 4) if flat else 0.0}


def plot_era_balance(balance: pd.DataFrame, order: list[str]):
    """Content tokens per era, each bar annotated with its pieces and share of all tokens."""
    colours = era_colours(order)
    rows = balance.iloc[::-1]
    with cjk_style():
        fig, ax = plt.subplots(figsize=(7, 0.5 * len(rows) + 1.4))
        ax.barh(rows["era"], rows["tokens"], color=[colours.get(e, "0.6") for e in rows["era"]])
        for y, row in enumerate(rows.itertuples()):
            note = f"{row.pieces} piece{'s' if row.pieces != 1 else ''}, {row.token_share:.0%}"
            note += f" ({row.machine_pieces} machine-written)" if row.machine_pieces else ""
            ax.text(row.tokens, y, "  " + note, va="center", fontsize=8)
        ax.set_xlim(0, rows["tokens"].max() * 1.6)
        ax.set_xlabel("content tokens (after stopwords)")
        ax.set_title("Era balance: how much text stands behind each era")
    return fig
