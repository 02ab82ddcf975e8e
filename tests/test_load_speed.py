"""The faster loader gives what the slower one gave: old and new side by side.

The `old_*` functions are the corpus layer's code before it was made faster (issue
"Scale"); every fast path is compared with them on random text (hypothesis) and on
the seeds. The YAML tests check that libyaml's parser, where the loader uses it, reads
exactly what the pure-Python loader reads.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from difflib import SequenceMatcher

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

import antcorpus
from antcorpus.config import SEEDS
from antcorpus.corpus import clean, yamlsafe
from antcorpus.corpus.catalog import date_range
from antcorpus.corpus.convert import chars_changed, to_simplified

HC = f"{clean.HAN_CLASS}{clean.CJK_PUNCT}"
OLD_INNER_SPACE = re.compile(
    f"(?<=[{HC}]) (?=[^A-Za-z\\s])|(?<=[^A-Za-z\\s]) (?=[{HC}])"
)


def old_han_count(text):
    return len(clean.HAN.findall(text))


def old_fold_invisible(text):
    text, breaks = clean.LINE_BREAKS.subn("\n", text)
    text, hidden = clean.INVISIBLE.subn("", text)
    nfkc = lambda c: unicodedata.normalize("NFKC", c)  # noqa: E731
    folded = sum(nfkc(c) != c for c in clean.COMPAT_HAN.findall(text))
    return clean.COMPAT_HAN.sub(
        lambda m: nfkc(m.group()), text
    ), breaks + hidden + folded


def old_normalise_whitespace(text):
    before = text.split("\n")
    after = [OLD_INNER_SPACE.sub("", clean.SPACES.sub(" ", x)).strip() for x in before]
    changed = sum(
        1 for old, new in zip(before, after, strict=True) if old != new or not new
    )
    return "\n".join(line for line in after if line), changed


def old_strip_pinyin(text):
    return clean.PINYIN.subn("", text)


def old_normalise_punctuation(text):
    total = 0
    while True:
        chars = list(text)
        stack, partner = [], {}
        for i, ch in enumerate(chars):
            if ch in "(（":
                stack.append(i)
            elif ch in ")）" and stack:
                j = stack.pop()
                partner[i], partner[j] = j, i
        n = 0
        for i, ch in enumerate(chars):
            j = partner.get(i)
            pair = j is not None and (
                chars[j] in "（）" or clean._touches_cjk(chars, j)
            )
            if ch in clean.ASCII_TO_CJK_PUNCT and (
                clean._touches_cjk(chars, i) or pair
            ):
                chars[i] = clean.ASCII_TO_CJK_PUNCT[ch]
                n += 1
        text = "".join(chars)
        total += n
        if not n:
            return text, total


def old_dedupe_paragraphs(text):
    seen, kept = set(), []
    for para in text.split("\n"):
        key = re.sub(r"\s+", "", para)
        if key and key in seen:
            continue
        seen.add(key)
        kept.append(para)
    return "\n".join(kept), text.count("\n") + 1 - len(kept)


def old_chars_changed(before, after):
    if len(before) == len(after):
        return sum(a != b for a, b in zip(before, after, strict=True))
    ops = SequenceMatcher(None, before, after, autojunk=False).get_opcodes()
    return sum(max(i2 - i1, j2 - j1) for op, i1, i2, j1, j2 in ops if op != "equal")


def old_to_simplified(text, script):
    out = to_simplified(text, script)[0]
    return out, old_chars_changed(text, out)


def old_run_step(name, fn, text, log, *args):
    out, n = fn(text, *args)
    han = old_han_count(text) - old_han_count(out)
    if (
        han
        and name not in clean.HAN_DROPPING
        and not (han < 0 and name in clean.HAN_FOLDING)
    ):
        raise RuntimeError(f"cleaning step {name} changed the Han character count")
    log.append(clean.Step(name, n, len(text) - len(out), han))
    return out


OLD_CHAIN = [
    ("fold_invisible", old_fold_invisible),
    ("normalise_width", clean.normalise_width),
    ("drop_page_numbers", clean.drop_page_numbers),
    ("normalise_whitespace", old_normalise_whitespace),
    ("strip_pinyin", old_strip_pinyin),
    ("to_simplified", old_to_simplified),
    ("repair_word_roundtrip", clean.repair_word_roundtrip),
    ("normalise_punctuation", old_normalise_punctuation),
    ("dedupe_paragraphs", old_dedupe_paragraphs),
]


def old_clean_text(text, script="simplified", word_roundtrip=False):
    """The chain to its fixed point, every step counting Han before and after."""
    passes = []
    for _ in range(clean.MAX_PASSES):
        out, log = text, []
        for name, fn in OLD_CHAIN:
            if name == "repair_word_roundtrip" and not word_roundtrip:
                continue
            args = (script,) if name == "to_simplified" else ()
            out = old_run_step(name, fn, out, log, *args)
        passes += log
        if out == text:
            return text, clean._sum_steps(passes)
        text = out
    raise RuntimeError("cleaning did not settle")


ALPHABET = (
    list("網經社螞蟻集團隨著顯著显着金融蚂蚁服务效劳那么是世界大開展局部本钱原则注")
    + list("(（)）(()),，:：;；!?！？。、“”〞【】 \u3000\u00a0\u2003\n\n\n\t")
    + list("abcnüwǎāngjīAZ")
    + ["(wǎng)", "（jī）", "网(wǎng)", " 2 \n", "\n02.\n"]
    + list("0123456789.#%ＡＢ１２")
    + list("\u200b\u200d\u2060\ufeff\u202e\u2067\x00\x0c\r\x85\u2028\u2fa6\u2f3a\uf900")
)
texts = st.lists(st.sampled_from(ALPHABET), max_size=60).map("".join)
scripts = st.sampled_from(["traditional", "simplified"])

STEPS = [
    (clean.fold_invisible, old_fold_invisible),
    (clean.normalise_whitespace, old_normalise_whitespace),
    (clean.strip_pinyin, old_strip_pinyin),
    (clean.normalise_punctuation, old_normalise_punctuation),
    (clean.dedupe_paragraphs, old_dedupe_paragraphs),
]


@settings(deadline=None, max_examples=300)
@given(texts)
def test_each_faster_step_matches_the_old_one(text):
    for new, old in STEPS:
        assert new(text) == old(text), new.__name__
    assert clean.han_count(text) == old_han_count(text)
    assert clean.INNER_SPACE.findall(text) == OLD_INNER_SPACE.findall(text)


@settings(deadline=None, max_examples=200)
@given(texts, texts)
def test_chars_changed_matches(a, b):
    assert chars_changed(a, b) == old_chars_changed(a, b)
    assert chars_changed(a, a) == 0


@settings(deadline=None, max_examples=300)
@given(texts, scripts, st.booleans())
def test_clean_text_matches_the_old_fixed_point(text, script, roundtrip):
    assert clean.clean_text(text, script, roundtrip) == old_clean_text(
        text, script, roundtrip
    )


def test_seed_pieces_clean_as_before():
    corpus = antcorpus.load_corpus(SEEDS)
    for piece in corpus.itertuples():
        new = clean.clean_text(piece.raw_text, piece.script)
        assert new == old_clean_text(piece.raw_text, piece.script)


def test_a_second_pass_is_needed_even_when_only_dedupe_changed_the_first():
    """Why the chain runs to its fixed point: no single-pass shortcut is safe."""
    # Dropping the repeated paragraph re-pairs `(` with a full-width `）` two lines on.
    text = "p)q\na(b\np)q\nc）d"
    once, log = clean._clean_pass(text, "simplified", False)
    assert [s.step for s in log if s.instances] == ["dedupe_paragraphs"]
    assert clean.clean_text(text)[0] == "p)q\na（b\nc）d" != once


def test_str_split_whitespace_is_re_whitespace():
    """dedupe_paragraphs keys on str.split(), the old code on re's \\s: the same set."""
    ws = re.compile(r"\s")
    assert all(
        bool(ws.match(chr(c))) == chr(c).isspace() for c in range(sys.maxunicode + 1)
    )


def test_memoised_dates_keep_their_errors():
    assert date_range("2017-03", "month") == date_range("2017-03", "month")
    for bad in (["2017-03"], "2017-02-30", 2017):
        with pytest.raises(ValueError):
            date_range(bad, "day")


# --- YAML: libyaml's parser reads what the pure loader reads -----------------------
needs_libyaml = pytest.mark.skipif(len(yamlsafe.LOADERS) < 2, reason="no libyaml")


def outcome(parse, text):
    """What parsing returns, or the type and message of what it raises."""
    try:
        return parse(text)
    except Exception as err:  # noqa: BLE001
        return type(err), str(err)


def both(text):
    """What the loader gives (libyaml when it may), and what the pure loader gives."""
    pure = lambda t: yamlsafe.parse_with(yamlsafe.StrictLoader, t)  # noqa: E731
    return outcome(yamlsafe.parse, text), outcome(pure, text)


@needs_libyaml
@pytest.mark.parametrize("name", ["catalog.yaml", "analysis/analysis.yaml"])
def test_real_yaml_reads_the_same(name):
    text = (SEEDS / name).read_text(encoding="utf-8")
    fast = yamlsafe.parse_with(yamlsafe.LOADERS[0], text)
    assert fast == yamlsafe.parse_with(yamlsafe.StrictLoader, text)


scalars = st.one_of(
    st.lists(st.sampled_from(ALPHABET + list("'\"\\#&*|>-: {}[]")), max_size=20).map(
        "".join
    ),
    st.integers(),
    st.booleans(),
    st.none(),
    st.sampled_from(["2017-02-30", "yes", "1e3"]),
)
documents = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(alphabet="abc_中文 ", max_size=5), inner, max_size=4)
    ),
    max_leaves=20,
)


@needs_libyaml
@settings(deadline=None, max_examples=300)
@given(
    documents, st.sampled_from([None, "'", '"', "|"]), st.sampled_from([False, None])
)
def test_dumped_yaml_reads_the_same(data, style, flow):
    text = yaml.safe_dump(
        data, allow_unicode=True, default_style=style, default_flow_style=flow
    )
    fast, pure = both(text)
    assert fast == pure


YAMLISH = list("ab:- []{},'\"\n\n  #&*|>?%@1.\\~=中\r\x85\u3000") + [
    "a: ",
    "- ",
    "&x ",
    "*x",
    "---\n",
    "...\n",
    "    ",
    "\\u4e2d",
    "2017-02-30",
    "yes",
    "null",
    "<<: *x",
    "? ",
    "%YAML 1.1\n",
    "'it''s'",
    "{a: 1, b: [2]}",
    "a:b",
    "|\n  l\n",
    ">-\n  f\n\n  g\n",
    "|+\n x\n\n",
    " #c",
    "\t",
    "\ufeff",
    "!!str ",
    "!",
    "|#",
    "[l?]",
]


@needs_libyaml
@settings(deadline=None, max_examples=1000)
@given(st.lists(st.sampled_from(YAMLISH), max_size=30).map("".join))
def test_yamlish_text_reads_the_same(text):
    """The loader returns or raises exactly what the pure loader does."""
    fast, pure = both(text)
    assert fast == pure
