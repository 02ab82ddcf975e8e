"""Does a compiled tokenizer (rjieba) reproduce the project's segmentation?

Measured token for token on the real corpus: rjieba with the domain words added (the
frequencies left to it, as jieba's `add_word` does) and HMM off, against
`tokens_segment`. Measurement only: the project keeps jieba.
"""

from __future__ import annotations

from difflib import SequenceMatcher
from importlib.metadata import version

from ..corpus.load import load_corpus
from ..text.tokens import domain_terms, tokens_segment


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
        ours = tokens_segment(text)
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
