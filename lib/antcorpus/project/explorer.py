"""The site's term explorer: any term's rates, keyness, dispersion and contexts.

Everything is computed here, at build time, with the package's own functions (the
dfm of content tokens, `stats.textstat_keyness` on the corpus's contrast,
`stats.dispersion_dp`, `stats.kwic`) and embedded in the page as JSON; the page's
script (data/explorer.js) only looks terms up and draws them, inserting corpus text
as text. The JSON has `<`, `>` and `&` escaped, so no corpus text can end its script.
Concordance lines segment with the same corpus dictionary as the counts.
"""

from __future__ import annotations

import json
import re

import pandas as pd

from .. import corpus_knowledge, load_corpus, stats, tokens_corpus
from ..config import DATA, seeds_dir
from ..corpus import corpus_eras
from ..corpus.catalog import UNDATED
from ..corpus.knowledge import domain_words
from ..text import corpus_reshape
from .safehtml import text
from .sitestyle import EXPLORER_STYLE, NAV, STYLE

MIN_TERM = 2  # terms offered: seen at least twice in the corpus
MAX_TERMS = 5_000  # and at most this many (the page holds terms x pieces counts)
MIN_COUNT = 3  # keyness as in notebook 05: target + reference count at least 3
KWIC_LINES = 3  # concordance lines per era (the first in text order)
KWIC_WINDOW = 8  # tokens of context each side, as notebook 05
PICKS = 12  # suggested terms at most
KEY_FIELDS = ["target", "reference", "target_per_10k", "reference_per_10k"]
KEY_FIELDS += ["target_pieces", "reference_pieces", "g2", "log_ratio", "p", "q"]
ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"}


def explorer_data(folder=None) -> dict:
    """Everything the explorer shows for the corpus in `folder` (default: the seeds)."""
    kb = corpus_knowledge(folder)
    corpus = load_corpus(folder)
    tokens = tokens_corpus(corpus["text"].tolist(), words=domain_words(folder))
    eras = corpus_eras(folder)["name"].tolist()
    named = [t for terms in kb.terms.values() for t in terms]
    contrast = (kb.target, kb.reference)
    data = corpus_data(corpus, tokens, eras, contrast, named, domain_words(folder))
    data["corpus"] = seeds_dir(folder).name
    return data


def corpus_data(corpus, tokens, eras, contrast, named=(), words=None) -> dict:
    """The explorer's data from a loaded corpus, its content tokens and era order."""
    dfm = stats.tokens_dfm(tokens, corpus["doc_id"].tolist(), sparse=True)
    era_of = corpus.set_index("doc_id")["era"]
    eras = [e for e in eras if e in set(era_of)]
    frequent = offered(dfm)
    terms = frequent[:MAX_TERMS]
    key, meta = keyness(dfm, era_of, contrast, eras)
    chosen = stats.dfm_select(dfm, terms)  # dense for the offered terms only
    dp = stats.dispersion_dp(chosen, stats.dfm_sizes(dfm)).round(3).to_dict("index")
    sentences = corpus_reshape(corpus, "sentences")
    index = {d: i for i, d in enumerate(stats.dfm_docs(dfm))}
    counts = chosen.to_numpy()
    rows = {
        t: term_row(counts[:, j], dp[t], key.get(t), lines(sentences, t, index, words))
        for j, t in enumerate(terms)
    }
    return {
        "eras": eras,
        "pieces": pieces(corpus, dfm),
        "contrast": meta,
        "key_fields": KEY_FIELDS,
        "min_term": MIN_TERM,
        "max_terms": MAX_TERMS if len(frequent) > MAX_TERMS else None,
        "kwic": {"lines": KWIC_LINES, "window": KWIC_WINDOW},
        "picks": picks(named, terms, key),
        "terms": rows,
    }


def offered(dfm) -> list[str]:
    """Terms seen at least MIN_TERM times, most frequent first (ties by term)."""
    total = stats.dfm_colsums(dfm, stats.dfm_docs(dfm))
    total = total[total >= MIN_TERM]
    return sorted(total.index, key=lambda t: (-int(total[t]), t))


def pieces(corpus: pd.DataFrame, dfm) -> list[dict]:
    """Each piece (dfm row order): doc_id, era, title and content-token count."""
    info = corpus.set_index("doc_id")
    return [
        {
            "id": d,
            "era": info.at[d, "era"],
            "title": str(info.at[d, "title"]),
            "tokens": int(n),
        }
        for d, n in stats.dfm_sizes(dfm).items()
    ]


def keyness(dfm, era_of, contrast, eras) -> tuple[dict, dict]:
    """Keyness rows by term ({} without a contrast) and what the contrast was."""
    target, reference = contrast
    if target is None or reference is None:
        dated = [e for e in eras if e != UNDATED]
        held = "one dated era" if len(dated) == 1 else f"{len(dated)} dated eras"
        return {}, {"none": f"the corpus has {held} ({', '.join(dated) or 'none'})"}
    table = stats.textstat_keyness(dfm, era_of, target, reference, MIN_COUNT, eras)
    meta = {
        "target": target,
        "reference": reference,
        "min_count": MIN_COUNT,
        "tested": len(table),
        "target_tokens": stats.dfm_total(dfm, table.attrs["target_pieces"]),
        "reference_tokens": stats.dfm_total(dfm, table.attrs["reference_pieces"]),
    }
    rows = {r["term"]: key_row(r) for r in table.to_dict("records")}
    return rows, meta


def key_row(row: dict) -> list:
    """One keyness row as KEY_FIELDS values, rounded for display."""
    out = [int(row[f]) for f in KEY_FIELDS[:2]] + [row[f] for f in KEY_FIELDS[2:4]]
    out += [int(row[f]) for f in KEY_FIELDS[4:6]]
    out += [round(float(row["g2"]), 3), round(float(row["log_ratio"]), 3)]
    return out + [float(f"{row['p']:.4g}"), float(f"{row['q']:.4g}")]


def term_row(counts, dp: dict, key, found: list) -> dict:
    """A term's counts by piece index, DP, keyness row (or None) and its lines."""
    nonzero = [[i, int(c)] for i, c in enumerate(counts) if c]
    row = {"n": int(counts.sum()), "counts": nonzero}
    row |= {"dp": float(dp["dp"]), "dp_norm": float(dp["dp_norm"])}
    return row | {"key": key, "lines": found}


def spellings(texts: pd.Series, term: str) -> list[str]:
    """How the corpus writes `term` (content tokens are lower-cased: ai, AI, Ai)."""
    if term.isascii():
        found = texts.str.findall(re.escape(term), flags=re.IGNORECASE)
        return sorted({s for hits in found for s in hits}) or [term]
    return [term]


def lines(sentences: pd.DataFrame, term: str, index: dict, words=None) -> list[list]:
    """The first KWIC_LINES concordance lines per era (`stats.kwic`), piece by index."""
    forms = spellings(sentences["text"], term)
    found = [first_lines(sentences, f, words) for f in forms]
    table = pd.concat(found).groupby("era", sort=False).head(KWIC_LINES)
    return [[index[r.doc_id], r.left, r.keyword, r.right] for r in table.itertuples()]


def first_lines(sentences: pd.DataFrame, form: str, words=None) -> pd.DataFrame:
    """`stats.kwic` of one spelling, segmenting the fewest sentences that suffice."""
    near = sentences[sentences["text"].str.contains(form, regex=False)]
    first = near.groupby("era", sort=False).head(KWIC_LINES)
    found = stats.kwic(first, form, KWIC_WINDOW, words)
    # All of them only when an era's first sentences give too few lines (a word cut
    # across two tokens): the result is kwic's own first lines either way.
    held = near["era"].value_counts()
    have = found["era"].value_counts().reindex(held.index, fill_value=0)
    if ((have < KWIC_LINES) & (held > KWIC_LINES)).any():
        found = stats.kwic(near, form, KWIC_WINDOW, words)
    return found


def picks(named, terms: list[str], key: dict) -> list[str]:
    """Suggested terms: the corpus's named terms, else the strongest key terms."""
    offered_terms = set(terms)
    chosen = [t for t in dict.fromkeys(named) if t in offered_terms]
    if not chosen and key:
        ranked = sorted(key, key=lambda t: -key[t][KEY_FIELDS.index("g2")])
        half = PICKS // 2
        chosen = ranked[:half] + ranked[::-1][:half]
    return list(dict.fromkeys(chosen or terms))[:PICKS]


def script_json(data: dict) -> str:
    """Data as JSON fit for a script element: <, > and & as \\u escapes."""
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return re.sub("[<>&]", lambda m: ESCAPES[m.group()], raw)


def explorer_page(data: dict, title: str = "Term explorer") -> str:
    """The page: form, empty panels, the data and the script that fills them."""
    script = (DATA / "explorer.js").read_text(encoding="utf-8")
    body = (
        f"<h1>{text(title)}</h1>"
        '<p id="summary"></p>'
        '<form id="pick" autocomplete="off"><label for="term">Term</label> '
        '<input id="term" list="terms" size="24" placeholder="type or pick a term">'
        ' <button type="submit">Show</button><datalist id="terms"></datalist></form>'
        '<p id="picks"></p><p id="status" role="status"></p>'
        '<div id="panels" hidden>'
        '<h2>Rate in each piece</h2><div id="plot"></div><table id="rates"></table>'
        '<h2>Keyness</h2><div id="keyness"></div>'
        '<h2>Dispersion</h2><p id="dispersion"></p>'
        '<h2>In context</h2><div id="contexts"></div></div>'
        "<noscript>The explorer needs JavaScript.</noscript>"
        f'<script type="application/json" id="explorer-data">{script_json(data)}'
        f"</script><script>{script}</script>"
    )
    return (
        '<!DOCTYPE html>\n<html lang="zh-Hans"><head><meta charset="utf-8">'
        f"<title>{text(title)}</title>{STYLE}{EXPLORER_STYLE}</head><body>{NAV}"
        f'<div class="site-page explorer">{body}</div></body></html>\n'
    )
