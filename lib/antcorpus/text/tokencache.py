"""Tokens cached per text, and cache misses tokenized in worker processes.

Entries live in JSON shards under .cache/tokens/, one per (settings, first two hex
digits of the text's SHA-256), each mapping text hashes to token lists: a changed text
costs one tokenization and one shard rewrite, and a warm corpus of any size reads at
most 256 files. Misses of PARALLEL_MIN_CHARS characters or more (a limit per
segmenter) go to WORKERS spawned processes, each building its own private tokenizer
with the same words; results come back in input order, identical to the in-process
path.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import sys
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager

from ..cache import cache_key, read_cached, store_cached


def available_cpus() -> int:
    """Processors this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


KIND = "tokens"
WORKERS = min(2, available_cpus())
# Two spawned workers cost about 1 s of CPU each (imports, the dictionary) plus sending
# the tokens back. With jieba (pure Python) they pay from about 1 M characters of
# misses; with rjieba (compiled) they were slower at every size measured (to 9.2 M
# characters): rjieba tokenizes in this process. Measured in docs/scaling.md.
PARALLEL_MIN_CHARS = {"jieba": 1_000_000, "rjieba": 10**12}
PROGRESS_MIN = 500  # misses before a progress bar is shown (on the process's stderr)
CHUNKS_PER_WORKER = 8
BROKEN = (
    "antcorpus: tokenizing in worker processes failed (a script calling"
    " tokens_corpus needs `if __name__ == '__main__':`); tokenizing here instead"
)
_WORKER: dict = {}  # a worker process's words and aliases


def text_hash(text: str) -> str:
    """SHA-256 of a text (32 hex digits): its entry's key within a shard."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def read_shard(settings: str, prefix: str) -> dict:
    """One shard's entries ({} when missing or unreadable: it is rebuilt)."""
    try:
        found = read_cached(KIND, cache_key([settings, prefix]), {})
    except (json.JSONDecodeError, UnicodeDecodeError):
        return {}
    return found if isinstance(found, dict) else {}


def cached_tokens(
    texts: list[str], settings: str, job: tuple, serial: Callable[[str], list]
) -> list[list[str]]:
    """Tokens of each text, from the shards, tokenizing (and storing) only misses.

    `job` is (words, aliases, hmm, segmenter) for the workers; `serial` tokenizes one
    text here.
    """
    hashes = [text_hash(t) for t in texts]
    shards = {p: read_shard(settings, p) for p in dict.fromkeys(h[:2] for h in hashes)}
    pairs = zip(hashes, texts, strict=True)
    misses = {h: t for h, t in pairs if h not in shards[h[:2]]}
    if misses:
        done = tokenize_misses(list(misses.values()), job, serial)
        for h, tokens in zip(misses, done, strict=True):
            shards[h[:2]][h] = tokens
        for prefix in dict.fromkeys(h[:2] for h in misses):
            store_cached(KIND, cache_key([settings, prefix]), shards[prefix])
    return [list(shards[h[:2]][h]) for h in hashes]


def tokenize_misses(texts: list[str], job: tuple, serial: Callable) -> list[list]:
    """Tokenize texts in order: in worker processes when they are long enough."""
    with progress(len(texts)) as bar:
        limit = PARALLEL_MIN_CHARS.get(job[3], PARALLEL_MIN_CHARS["jieba"])
        if WORKERS < 2 or sum(map(len, texts)) < limit:
            return [_tick(bar, 1, serial(t)) for t in texts]
        try:
            return in_workers(texts, job, bar)
        except BrokenProcessPool:  # e.g. a script without a __main__ guard
            print(BROKEN, file=sys.stderr)
            return [serial(t) for t in texts]


def in_workers(texts: list[str], job: tuple, bar) -> list[list[str]]:
    """Tokenize in WORKERS spawned processes, chunk by chunk, in input order."""
    size = max(1, -(-len(texts) // (WORKERS * CHUNKS_PER_WORKER)))
    chunks = [texts[i : i + size] for i in range(0, len(texts), size)]
    spawn = multiprocessing.get_context("spawn")
    out = []
    with ProcessPoolExecutor(
        WORKERS, mp_context=spawn, initializer=_start_worker, initargs=job
    ) as pool:
        for part in pool.map(_work, chunks):
            out += _tick(bar, len(part), part)
    return out


def _start_worker(words: tuple, aliases: dict | None, hmm: bool, seg: str) -> None:
    """Build this worker's private segmenter for `words` once, as the parent's."""
    from . import tokens

    tokens.HMM, tokens.SEGMENTER = hmm, seg  # the cache key records the parent's
    _WORKER.update(words=words, aliases=aliases)
    tokens.tokens_segment("", True, words)


def _work(chunk: list[str]) -> list[list[str]]:
    """Tokenize one chunk in a worker."""
    from .tokens import tokenize

    return [tokenize(t, _WORKER["aliases"], _WORKER["words"]) for t in chunk]


def _tick(bar, n: int, value):
    """Advance the progress bar (if any) by n; return value."""
    if bar is not None:
        bar.update(n)
    return value


@contextmanager
def progress(total: int):
    """A tqdm bar for PROGRESS_MIN misses or more (else None), on the process's stderr.

    It writes to sys.__stderr__, never a notebook's captured stream, so notebook
    outputs stay free of it; a run shorter than a second shows nothing.
    """
    if total < PROGRESS_MIN:
        yield None
        return
    from tqdm import tqdm

    stream = sys.__stderr__ or sys.stderr
    bar = tqdm(total=total, desc="tokenizing", file=stream, delay=1)
    try:
        yield bar
    finally:
        bar.close()
