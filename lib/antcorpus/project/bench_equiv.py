"""Does the compiled segmenter (rjieba) reproduce jieba's segmentation?

Measured token for token on the real corpus: the project's `tokens_segment` (rjieba
with the domain words added, frequencies left to it as jieba's `add_word` does, HMM
off) against jieba with the same words. tests/test_segmenter.py holds the same check
on both corpora and lists the one kind of difference found on other text.
"""

from __future__ import annotations

from difflib import SequenceMatcher
from importlib.metadata import version

from ..corpus.load import load_corpus
from ..text.tokens import _tokenizer, domain_terms


def compiled_tokenizer():
    """rjieba with the domain words, or None when it is not installed."""
    try:
        import rjieba
    except ImportError:
        return None
    tk = rjieba.Jieba()
    for word in domain_terms()["word"]:
        tk.add_word(word, None, None)
    return tk


def jieba_segment(text: str) -> list[str]:
    """jieba's own segmentation with the domain words, HMM off (whitespace dropped)."""
    words = tuple(domain_terms()["word"])
    return [t for t in _tokenizer(words).lcut(text, HMM=False) if t.strip()]


def differences(ours: list[str], theirs: list[str]) -> list[tuple[list, list]]:
    """The runs where two token lists disagree, as (ours, theirs)."""
    ops = SequenceMatcher(None, ours, theirs, autojunk=False).get_opcodes()
    return [(ours[i1:i2], theirs[j1:j2]) for op, i1, i2, j1, j2 in ops if op != "equal"]


def segmentation_equivalence(root=None, shown: int = 5) -> dict:
    """Tokens compared, tokens differing and a few examples, on the real corpus."""
    tk = compiled_tokenizer()
    if tk is None:
        return {"tokenizer": None}
    texts = load_corpus(root)["text"].tolist()
    total, runs = 0, []
    for text in texts:
        ours = jieba_segment(text)
        total += len(ours)
        runs += differences(ours, [t for t in tk.cut(text, hmm=False) if t.strip()])
    differing = sum(max(len(a), len(b)) for a, b in runs)
    return {
        "tokenizer": f"rjieba {version('rjieba')}",
        "pieces": len(texts),
        "tokens": total,
        "differing": differing,
        "examples": [(" ".join(a), " ".join(b)) for a, b in runs[:shown]],
    }
