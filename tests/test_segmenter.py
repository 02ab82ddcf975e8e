"""The compiled segmenter (rjieba) against jieba: where they agree, and how they differ.

The project segments with rjieba when it is installed (issue "Scale": adopt it only if
tokens are identical on the corpus, or the differences are listed and accepted in a
test). This file is that list.
"""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

import pytest

from antcorpus import load_corpus, text
from antcorpus.corpus.knowledge import domain_words
from antcorpus.text import tokens

ROOT = Path(__file__).resolve().parents[1]
CORPORA = [ROOT / "seeds", ROOT / "corpora" / "tang-song-shi"]


def both(words: tuple[str, ...]):
    """rjieba and jieba, each with `words` added, HMM off."""
    fast = tokens._compiled(words)
    assert fast is not None, "rjieba is a dependency: it must be installed"
    slow = tokens._tokenizer(words)
    return (lambda s: fast.cut(s, False)), (lambda s: slow.lcut(s, HMM=False))


def test_the_project_segments_with_rjieba():
    assert tokens.segmenter_version().startswith("rjieba ")


@pytest.mark.parametrize("folder", CORPORA, ids=lambda p: p.name)
def test_identical_on_every_piece_and_unit(folder):
    corpus = load_corpus(folder)
    fast, slow = both(tuple(domain_words(folder)))
    texts = (
        corpus["text"].tolist() + text.corpus_reshape(corpus, "units")["text"].tolist()
    )
    differing = [t[:40] for t in texts if fast(t) != slow(t)]
    assert not differing, differing[:3]


def stress_strings(vocabulary: list[str], n: int, seed: int = 17) -> list[str]:
    """Strings of dictionary words, a third with a run of one repeated character."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        parts = [rng.choice(vocabulary) for _ in range(rng.randint(1, 12))]
        if rng.random() < 0.33:
            run = rng.choice(vocabulary)[0] * rng.randint(2, 5)
            parts.insert(rng.randrange(len(parts) + 1), run)
        out.append("".join(parts))
    return out


def test_the_only_difference_is_the_order_of_tied_segmentations():
    words = tuple(domain_words(ROOT / "seeds"))
    fast, slow = both(words)
    known = "险险险."  # 险险 is a word; 险险/险 and 险/险险 score the same
    assert slow(known) == ["险险", "险", "."]
    assert fast(known) == ["险", "险险", "."]
    vocabulary = sorted(w for w, f in tokens._tokenizer(words).FREQ.items() if f > 0)
    differing = 0
    for s in stress_strings(vocabulary, 4000):
        a, b = slow(s), fast(s)
        if a != b:
            differing += 1
            assert Counter(a) == Counter(b) and "".join(b) == s, (s, a, b)
    assert differing < 100  # about 1 in 110 of these strings; none in either corpus


def test_jieba_can_be_forced(monkeypatch):
    monkeypatch.setattr(tokens, "SEGMENTER", "jieba")
    tokens._compiled.cache_clear()
    try:
        assert tokens.segmenter_version().startswith("jieba ")
        assert tokens.tokens_segment("险险险.") == ["险险", "险", "."]
    finally:
        monkeypatch.undo()
        tokens._compiled.cache_clear()
    assert tokens.tokens_segment("险险险.") == ["险", "险险", "."]
