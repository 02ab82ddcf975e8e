"""One topic model per (method, k, seed): fitted, scored, cached as JSON (notebook 04).

Each fit is cached on its own, keyed on the units, the settings, the method, k, the seed
and the source of the modules that fit and score it, so adding a seed fits only that
seed. Missing fits run in a pool of worker processes; each fit is deterministic (fixed
random_state), so a pool and a single process give the same records (a test checks).
"""

from __future__ import annotations

import hashlib
import json
import logging
import multiprocessing
import warnings
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict
from pathlib import Path

from threadpoolctl import threadpool_limits

from ..cache import cache_key, cached_json
from . import topic_nmf, topic_npmi, topics
from .topic_nmf import NmfSettings
from .topics import LdaSettings

LOG = logging.getLogger("antcorpus")
KIND = "topic-fit"
METHODS = ("lda", "nmf")
CODE = [Path(m.__file__) for m in (topics, topic_npmi, topic_nmf)] + [Path(__file__)]
_STATE: dict = {}  # per process: units, dictionary, TF-IDF and contexts, built once


def _code_hash() -> str:
    """SHA-256 (first 16 hex digits) of the modules that fit and score a model."""
    digest = hashlib.sha256()
    for path in CODE:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def fit_key(docs, lda: LdaSettings, nmf: NmfSettings, method, k, seed) -> str:
    """The cache key of one fit: units, settings, schedule, method, k, seed, code."""
    parts = [
        json.dumps(docs, ensure_ascii=False),
        json.dumps(asdict(lda)),
        json.dumps(asdict(nmf)),
        method,
        str(k),
        str(seed),
        _code_hash(),
    ]
    if method == "lda":  # the (passes, chunksize) the size rule gives these units
        parts.append(json.dumps(topics.lda_schedule(len(docs), lda)))
    return cache_key(parts)


def _prepare(docs, lda: LdaSettings, nmf: NmfSettings) -> None:
    """Build this process's shared inputs once (also the pool's initializer)."""
    dictionary = topics.topics_dictionary(docs, lda)
    tfidf, words = topic_nmf.nmf_matrix(docs, list(dictionary.token2id))
    _STATE.update(
        docs=docs,
        lda=lda,
        nmf=nmf,
        dictionary=dictionary,
        tfidf=tfidf,
        words=words,
        windows=topic_npmi.contexts_windows(docs),
        units=topic_npmi.contexts_units(docs),
    )


def _worker_init(docs, lda: LdaSettings, nmf: NmfSettings) -> None:
    """A pool worker: one BLAS thread (the pool is the parallelism), shared inputs."""
    threadpool_limits(1)
    _prepare(docs, lda, nmf)


def _fit(method: str, k: int, seed: int):
    """(top words, units x topics proportions) of one model on the prepared inputs."""
    s = _STATE
    if method == "nmf":
        return topic_nmf.nmf_fit(s["tfidf"], s["words"], k, seed, s["nmf"])
    model = topics.topics_fit(s["docs"], s["dictionary"], k, seed, s["lda"])
    theta = topics.topic_matrix(model, s["dictionary"], s["docs"])
    return topics.topics_top(model, s["lda"].top_n), theta


def _fit_record(method: str, k: int, seed: int) -> dict:
    """One fitted and scored model as a JSON-ready dict, its numeric warnings counted.

    Warnings are recorded in the record (not printed), so a cold and a cached run give
    the same notebook outputs and a reader can still see that a fit warned.
    """
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", RuntimeWarning)
        tops, theta = _fit(method, k, seed)
    return {
        "numeric_warnings": sorted({str(w.message) for w in caught}),
        "method": method,
        "k": k,
        "seed": seed,
        "top": tops,
        "c_npmi": topic_npmi.textstat_npmi(tops, _STATE["windows"]),
        "npmi_units": topic_npmi.textstat_npmi(tops, _STATE["units"]),
        "theta": theta.tolist(),
    }


def _cached_fit(job: tuple[str, int, int, str]) -> dict:
    """A record from the cache, fitted on a miss (runs in a worker)."""
    method, k, seed, key = job
    return cached_json(KIND, key, lambda: _fit_record(method, k, seed))


class _Missing(Exception):
    """Raised inside `cached_json` to look a key up without computing it."""


def _lookup(key: str) -> dict | None:
    """The cached record for `key`, or None on a miss (nothing is written)."""

    def miss():
        """Signal a miss."""
        raise _Missing

    try:
        return cached_json(KIND, key, miss)
    except _Missing:
        return None


def _run(jobs, docs, lda, nmf, workers: int):
    """Records of the missing jobs, in a pool of `workers` processes (or in process)."""
    if workers <= 1 or len(jobs) < 2:
        _prepare(docs, lda, nmf)
        with threadpool_limits(1):  # as in the workers, so the floats are the same
            return [_cached_fit(job) for job in jobs]
    with ProcessPoolExecutor(
        workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_worker_init,
        initargs=(docs, lda, nmf),
    ) as pool:
        return list(pool.map(_cached_fit, jobs))


def topics_fits(
    docs,
    ks,
    seeds,
    lda: LdaSettings,
    nmf: NmfSettings,
    workers: int = 2,
    methods=METHODS,
    progress=LOG.info,
) -> list[dict]:
    """A record per (method, k, seed): top words, c_npmi, npmi_units, proportions.

    Cached fits are read; only missing ones are fitted, in `workers` processes.
    """
    jobs = [
        (method, k, seed, fit_key(docs, lda, nmf, method, k, seed))
        for method in methods
        for k in ks
        for seed in seeds
    ]
    found = {job: _lookup(job[3]) for job in jobs}
    missing = [job for job in jobs if found[job] is None]
    if missing:
        progress(f"topic fits: {len(missing)} of {len(jobs)} to fit")
        found.update(zip(missing, _run(missing, docs, lda, nmf, workers), strict=True))
    return [found[job] for job in jobs]
