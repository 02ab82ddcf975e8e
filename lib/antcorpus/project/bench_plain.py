"""The baselines: a minimal plain script making the same outputs, and the floor.

Run by path (`python -P bench_plain.py plain|floor FOLDER WORK`), so nothing of
antcorpus is imported: the plain script is pandas + jieba + Counter + gensim with the
same domain dictionary, stopwords and settings (HMM off, the same unit and packing
rules, one LDA pass); the floor is read, decode, OpenCC t2s, a compiled tokenizer
(rjieba, when installed, else jieba) with the domain words and HMM off, then Counter.
Each prints one JSON line with the seconds of every stage and what it made.
"""

from __future__ import annotations

import json
import re
import sys
import time
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import opencc

DATA = Path(__file__).resolve().parents[1] / "data"
HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ebef]")
LATIN = re.compile(r"^[a-z][a-z0-9]+$")
SENTENCE_END = re.compile(
    r"(?<=[。！？!?；;])(?![”’」』）)])|(?<=[。！？!?；;][”’」』）)])"
)
MIN_TOKENS, MIN_PARAGRAPHS, CHUNK_CHARS, K = 30, 5, 300, 6


@contextmanager
def timed(times: dict, name: str):
    """Add the seconds of the `with` block to times[name]."""
    start = time.perf_counter()
    yield
    times[name] = times.get(name, 0.0) + time.perf_counter() - start


def domain_words() -> list[str]:
    """The words of the project's domain dictionary."""
    path = (
        Path(__file__).resolve().parents[3] / "seeds" / "analysis" / "domain_dict.tsv"
    )
    lines = path.read_text(encoding="utf-8").splitlines()
    rows = [x.split("\t")[0] for x in lines if x and not x.startswith("#")]
    return rows[1:]


def stopword_set(domain: list[str]) -> set[str]:
    """stopwords-iso zh and the project list, minus the domain words."""
    import stopwordsiso

    text = (DATA / "stopwords_project.txt").read_text(encoding="utf-8")
    own = {
        x.split("\t")[0].strip()
        for x in text.splitlines()
        if x.strip() and not x.startswith("#")
    }
    return (set(stopwordsiso.stopwords("zh")) | own) - set(domain)


def piece_units(text: str) -> list[str]:
    """Paragraphs, or sentence chunks of >= 300 characters for a short piece."""
    paragraphs = [p for p in text.split("\n") if p.strip()]
    if len(paragraphs) >= MIN_PARAGRAPHS:
        return paragraphs
    chunks, current = [], ""
    for s in (s.strip() for p in paragraphs for s in SENTENCE_END.split(p)):
        current += s
        if len(current) >= CHUNK_CHARS:
            chunks, current = chunks + [current], ""
    return chunks + [current] if current else chunks


def parse_catalog(folder: Path) -> dict:
    """The catalog, parsed with PyYAML's C loader when there is one."""
    import yaml

    with open(folder / "catalog.yaml", encoding="utf-8") as fh:
        return yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def read_pieces(folder: Path, catalog: dict) -> tuple[list[str], list[str], list]:
    """doc_ids, texts (t2s, repeated paragraphs dropped) and eras; pieces are files."""
    t2s = opencc.OpenCC("t2s")
    ids, texts, eras = [], [], []
    for p in catalog["pieces"]:
        raw = (folder / p["source_file"]).read_bytes().decode("utf-8")
        lines = t2s.convert(raw.replace("\r\n", "\n")).split("\n")
        ids.append(p["doc_id"])
        texts.append("\n".join(dict.fromkeys(x.strip() for x in lines if x.strip())))
        eras.append(era_of(p["date"], catalog["eras"]))
    return ids, texts, eras


def era_of(date, eras: list[dict]):
    """The era a content date falls in (None when undated)."""
    if not date:
        return None
    n = len(date)
    return next(e["name"] for e in eras if e["start"][:n] <= date <= e["end"][:n])


def g2(a, b, n_a, n_b) -> np.ndarray:
    """Signed four-cell G² (the same formula as the project's)."""
    n = n_a + n_b
    obs = [a, b, n_a - a, n_b - b]
    exp = [n_a * (a + b) / n, n_b * (a + b) / n]
    exp += [n_a * (n - a - b) / n, n_b * (n - a - b) / n]
    with np.errstate(divide="ignore", invalid="ignore"):
        total = sum(
            np.where(o > 0, o * np.log(o / e), 0.0)
            for o, e in zip(obs, exp, strict=True)
        )
    return np.where(a / n_a >= b / n_b, 2 * total, -2 * total)


def keyness(target: np.ndarray, reference: np.ndarray) -> tuple[int, int]:
    """Terms tested and terms stable when any one piece is left out (by subtraction)."""
    a, b = target.sum(0), reference.sum(0)
    keep = (a + b) >= 3
    full = g2(a[keep], b[keep], a.sum(), b.sum())
    stable = np.ones(keep.sum(), bool)
    for side, rows in ((0, target), (1, reference)):
        for row in rows if len(rows) > 1 else ():
            a2, b2 = (a - row, b) if side == 0 else (a, b - row)
            loo = g2(a2[keep], b2[keep], a2.sum(), b2.sum())
            stable &= (np.sign(loo) == np.sign(full)) & (np.abs(loo) >= 3.84)
    return int(keep.sum()), int(stable.sum())


def pack(units: list[list[str]]) -> list[list[str]]:
    """Join a piece's consecutive units until each has 30 tokens; a tail joins back."""
    packed, current = [], []
    for toks in units:
        current = current + toks
        if len(current) >= MIN_TOKENS:
            packed, current = packed + [current], []
    if current and packed:
        packed[-1] = packed[-1] + current
    elif current:
        packed.append(current)
    return packed


def tokenize(texts: list[str], work: Path) -> list[list[list[str]]]:
    """Content tokens of every unit of every piece (jieba, domain words, HMM off)."""
    import jieba

    words = domain_words()
    tk, stop = jieba.Tokenizer(), stopword_set(words)
    tk.tmp_dir = str(work)
    for w in words:
        tk.add_word(w)
    return [
        [
            [w for w in (x.lower() for x in tk.lcut(u, HMM=False)) if content(w, stop)]
            for u in piece_units(text)
        ]
        for text in texts
    ]


def fit_lda(docs: list[list[str]]):
    """The filtered dictionary and one LDA pass, with the project's settings."""
    from gensim.corpora import Dictionary
    from gensim.models import LdaModel

    dictionary = Dictionary(docs)
    dictionary.filter_extremes(no_below=2, no_above=0.5, keep_n=None)
    bow = [dictionary.doc2bow(d) for d in docs]
    model = LdaModel(
        bow,
        id2word=dictionary,
        num_topics=K,
        random_state=0,
        passes=1,
        iterations=400,
        chunksize=len(bow),
        update_every=1,
        alpha="auto",
        eval_every=None,
    )
    return model, dictionary


def npmi(model, docs: list[list[str]], dictionary) -> float:
    """Mean c_npmi of the model's top-10 words on the packed units."""
    from gensim.models import CoherenceModel

    cm = CoherenceModel(
        model=model,
        texts=docs,
        dictionary=dictionary,
        coherence="c_npmi",
        topn=10,
        processes=1,
    )
    return float(cm.get_coherence())


def preload():
    """Import the libraries before any clock starts; pandas, for the caller."""
    import gensim.models  # noqa: F401
    import jieba  # noqa: F401
    import pandas
    import stopwordsiso  # noqa: F401
    import yaml  # noqa: F401

    return pandas


def plain(folder: Path, work: Path) -> dict:
    """The pipeline's outputs, plainly; seconds per stage and what was made."""
    pd, t = preload(), {}
    with timed(t, "catalog"):
        catalog = parse_catalog(folder)
    with timed(t, "load"):
        ids, texts, eras = read_pieces(folder, catalog)
    with timed(t, "tokenize"):
        units = tokenize(texts, work)
    with timed(t, "dfm"):
        counts = [Counter(w for u in p for w in u) for p in units]
        dfm = pd.DataFrame(counts, index=ids).fillna(0).astype(int)
    with timed(t, "keyness"):
        names, side = [e["name"] for e in catalog["eras"]], np.array(eras, object)
        matrix = dfm.to_numpy()
        terms, stable = keyness(matrix[side == names[-1]], matrix[side == names[0]])
    with timed(t, "units"):
        docs = [d for p in units for d in pack(p)]
    with timed(t, "lda"):
        model, dictionary = fit_lda(docs)
    with timed(t, "coherence"):
        value = npmi(model, docs, dictionary)
    made = {"tokens": int(matrix.sum()), "terms": dfm.shape[1], "key_terms": terms}
    made |= {"stable": stable, "packed": len(docs), "types": len(dictionary)}
    return {"seconds": t, "pieces": len(ids), **made, "c_npmi": round(value, 4)}


def content(token: str, stop: set[str]) -> bool:
    """A Han word or a 2+ letter Latin word that is not a stopword."""
    return token not in stop and bool(HAN.search(token) or LATIN.match(token))


def floor(folder: Path, work: Path) -> dict:
    """Read, decode, t2s, tokenize (compiled when installed), Counter: seconds."""
    t = {}
    with timed(t, "floor"):
        cut, name = floor_tokenizer(work)
        t2s, counts = opencc.OpenCC("t2s"), []
        for path in sorted(folder.glob("*.txt")):
            text = t2s.convert(path.read_bytes().decode("utf-8"))
            counts.append(Counter(w for w in cut(text) if w.strip()))
    return {"seconds": t, "tokenizer": name, "tokens": sum(c.total() for c in counts)}


def floor_tokenizer(work: Path):
    """rjieba with the domain words (HMM off) if installed, else jieba (HMM off)."""
    try:
        import rjieba
    except ImportError:
        import jieba

        tk = jieba.Tokenizer()
        tk.tmp_dir = str(work)
        for w in domain_words():
            tk.add_word(w)
        return (lambda text: tk.lcut(text, HMM=False)), "jieba (rjieba not installed)"
    rj = rjieba.Jieba()
    for w in domain_words():
        rj.add_word(w, None, None)
    return (lambda text: rj.cut(text, hmm=False)), "rjieba"


if __name__ == "__main__":
    kind, folder, work = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    work.mkdir(parents=True, exist_ok=True)
    print(json.dumps({"plain": plain, "floor": floor}[kind](folder, work)))
