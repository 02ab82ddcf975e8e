"""One pipeline stage on one benchmark corpus, in a fresh process.

`python -m antcorpus.project.bench_stages STAGE FOLDER WORK` reads the stage's inputs
from WORK (written there by the stages before it, untimed), times the stage itself,
writes its output to WORK and prints one JSON line: seconds, the RSS when the timed
part started (interpreter, libraries and inputs), and sizes. The caller wipes
$ANTCORPUS_CACHE before `tokenize`, so tokenizing is cold.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import pickle
import secrets
import sys
import time
from pathlib import Path

import psutil

from .. import stats, text
from ..corpus import yamlsafe
from ..corpus.catalog import UNDATED
from ..corpus.load import corpus_eras, load_corpus
from ..corpus.schema import read_catalog
from ..errors import CorpusError
from ..files import write_atomic
from ..stats.topics import MIN_TOKENS
from ..text.tokens import tokens_corpus

STAGES = ("catalog", "load", "tokenize", "dfm", "keyness", "units", "lda", "coherence")
NEEDS = {  # the stage whose output each stage reads
    "tokenize": "load",
    "dfm": "tokenize",
    "keyness": "dfm",
    "units": "load",
    "lda": "units",
    "coherence": "lda",
}
K, SEED, TOP_N = 6, 0, 10
LDA = stats.LdaSettings(passes=1)


class Clock:
    """Times the `with` block (added up over blocks); notes the RSS at its start."""

    def __init__(self):
        """No time yet."""
        self.seconds, self.base_mb, self.parts = 0.0, None, {}

    def part(self, name: str):
        """Name the next timed block (its seconds are also kept apart)."""
        self.name = name
        return self

    def __enter__(self):
        """Start timing (the first block notes the RSS)."""
        if self.base_mb is None:
            self.base_mb = psutil.Process().memory_info().rss / 2**20
        self.start = time.perf_counter()

    def __exit__(self, *exc):
        """Stop timing; add the block's seconds."""
        spent = time.perf_counter() - self.start
        self.seconds += spent
        self.parts[getattr(self, "name", "all")] = spent


def handover_key() -> bytes:
    """This benchmark run's secret ($ANTCORPUS_BENCH_KEY, made by the first caller)."""
    return os.environ.setdefault("ANTCORPUS_BENCH_KEY", secrets.token_hex(32)).encode()


def put(work: Path, name: str, value) -> None:
    """Hand a stage's output to the stages after it, signed with the run's key."""
    payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    tag = hmac.new(handover_key(), payload, hashlib.sha256).digest()
    write_atomic(work / f"{name}.pkl", tag + payload)


def get(work: Path, name: str):
    """An earlier stage's output; unpickled only if this run signed it."""
    data = (work / f"{name}.pkl").read_bytes()
    tag, payload = data[:32], data[32:]
    expected = hmac.new(handover_key(), payload, hashlib.sha256).digest()
    if not hmac.compare_digest(tag, expected):
        raise ValueError(f"{work / name}.pkl was not written by this run; not loaded")
    return pickle.loads(payload)


def stage_catalog(folder: Path, work: Path, clock: Clock) -> dict:
    """Parse and check the catalog (under the project's limits, if it fits them)."""
    note = ""
    try:
        with clock.part("default limits"):
            pieces, _ = read_catalog(folder)
    except CorpusError as err:
        note = f"refused under the default limits: {str(err)[-160:]}"
        lift_limits()
        clock.seconds = 0.0  # the stage's time is the parse that succeeded
        with clock.part("limits raised"):
            pieces, _ = read_catalog(folder)
    return {"pieces": len(pieces), "note": note}


def stage_load(folder: Path, work: Path, clock: Clock) -> dict:
    """load_corpus: read, check, cut and clean every piece."""
    with clock:
        corpus = load_corpus(folder)
    put(work, "corpus", corpus[["doc_id", "era", "date_start", "date_end", "text"]])
    eras = [e for e in corpus_eras(folder)["name"] if e != UNDATED]
    put(work, "eras", eras)
    return {"pieces": len(corpus), "chars": int(corpus["n_chars"].sum())}


def stage_tokenize(folder: Path, work: Path, clock: Clock) -> dict:
    """tokens_corpus on every piece, with an empty cache."""
    texts = get(work, "corpus")["text"].tolist()
    with clock:
        tokens = tokens_corpus(texts)
    put(work, "tokens", tokens)
    return {"tokens": sum(map(len, tokens))}


def stage_dfm(folder: Path, work: Path, clock: Clock) -> dict:
    """The document-term matrix (sparse: `SparseDfm`, scipy CSR)."""
    corpus, tokens = get(work, "corpus"), get(work, "tokens")
    with clock:
        dfm = stats.tokens_dfm(tokens, corpus["doc_id"].tolist(), sparse=True)
    put(work, "dfm", dfm)
    return {"terms": dfm.shape[1]}


def stage_keyness(folder: Path, work: Path, clock: Clock) -> dict:
    """Keyness of the last era against the first, with leave-one-out stability.

    On the sparse matrix of `stage_dfm`: the same table and flags as the dense one.
    """
    corpus, dfm, eras = get(work, "corpus"), get(work, "dfm"), get(work, "eras")
    era_of = corpus.set_index("doc_id")["era"]
    with clock:
        key = stats.textstat_keyness(dfm, era_of, eras[-1], eras[0], 3, eras)
        stable = stats.keyness_leave_one_out(dfm, key)
    return {"key_terms": len(key), "stable": int(stable.sum())}


def stage_units(folder: Path, work: Path, clock: Clock) -> dict:
    """Analysis units, their tokens (a second cold tokenization), packed units."""
    corpus = get(work, "corpus")
    with clock.part("reshape"):
        units = text.corpus_reshape(corpus, "units")
    with clock.part("tokenize units"):
        tokens = tokens_corpus(units["text"].tolist())
    with clock.part("pack"):
        packed, docs = text.units_pack(units, tokens, MIN_TOKENS)
    put(work, "docs", docs)
    return {"units": len(units), "packed": len(packed)}


def stage_lda(folder: Path, work: Path, clock: Clock) -> dict:
    """The filtered dictionary and one LDA fit (one pass)."""
    docs = get(work, "docs")
    with clock:
        dictionary = stats.topics_dictionary(docs, LDA)
        model = stats.topics_fit(docs, dictionary, K, SEED, LDA)
    model.save(str(work / "lda.model"))
    return {"types": len(dictionary)}


def stage_coherence(folder: Path, work: Path, clock: Clock) -> dict:
    """c_npmi coherence of the fitted model on the packed units."""
    from gensim.models import LdaModel

    docs, model = get(work, "docs"), LdaModel.load(str(work / "lda.model"))
    with clock:
        value = stats.coherence(model, docs, model.id2word, "c_npmi", TOP_N)
    return {"c_npmi": round(value, 4)}


def lift_limits() -> None:
    """Raise the catalog's size and node caps (recorded: the defaults refuse it)."""
    os.environ["ANTCORPUS_MAX_CATALOG_MB"] = "1000"
    yamlsafe.MAX_NODES = 10**9


def main(argv: list[str]) -> int:
    """Run one stage; print its JSON line."""
    stage, folder, work = argv[0], Path(argv[1]), Path(argv[2])
    if stage != "catalog" and (work / "limits-raised").exists():
        lift_limits()
    clock = Clock()
    info = globals()[f"stage_{stage}"](folder, work, clock)
    if info.get("note"):
        (work / "limits-raised").touch()
    peak = psutil.Process().memory_info().rss / 2**20
    result = {"seconds": clock.seconds, "base_mb": clock.base_mb, "end_mb": peak}
    print(json.dumps(result | {"parts": clock.parts} | info))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
