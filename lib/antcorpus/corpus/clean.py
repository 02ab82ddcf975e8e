"""Generic cleaning steps: small pure functions returning (text, instances changed).

`clean_text` chains them in a fixed order and is idempotent (tested with hypothesis).
Only the steps in HAN_DROPPING may change the number of Han characters, and those in
HAN_FOLDING may raise it (never lower it); the runner checks this on every call, so a
silent loss of text is an error, not a surprise.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from ..config import DATA, read_tsv
from .convert import to_simplified

HAN_CLASS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ebef"
HAN = re.compile(f"[{HAN_CLASS}]")
HAN_RUN = re.compile(f"[{HAN_CLASS}]+")
CJK_PUNCT = (
    "\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65"
    "\u2018-\u201f\u2026\u2014"
)
TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
# One or more tone-marked pinyin syllables in parentheses right after a Han character.
PINYIN = re.compile(rf"(?<=[{HAN_CLASS}])(?:[(（][a-zü]*[{TONED}][a-zü]*[)）])+")
TONE_MARK = re.compile(f"[{TONED}]")  # PINYIN needs one; most texts have none
PAGE_NUMBER = re.compile(r"^[^\S\n]*\d{1,3}[^\S\n]*[.．]?[^\S\n]*(?:\n|$)", re.M)
FULLWIDTH_ALNUM = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")
SPACES = re.compile(r"[ \t\u00a0\u3000\u2002-\u200b]+")
ASCII_TO_CJK_PUNCT = {
    ",": "，",
    ":": "：",
    ";": "；",
    "!": "！",
    "?": "？",
    "(": "（",
    ")": "）",
}
ASCII_PUNCT = re.compile("[,:;!?()]")  # the keys of ASCII_TO_CJK_PUNCT
PARENS = re.compile("[(（)）]")
CJK_CONTEXT = re.compile(f"[{HAN_CLASS}{CJK_PUNCT}]")
# A space between Chinese text and anything but a Latin letter carries no meaning.
# The space comes first (the lookbehinds look back past it), so re scans for spaces.
INNER_SPACE = re.compile(
    f" (?:(?<=[{HAN_CLASS}{CJK_PUNCT}] )(?=[^A-Za-z\\s])"
    f"|(?<=[^A-Za-z\\s] )(?=[{HAN_CLASS}{CJK_PUNCT}]))"
)
# Line and paragraph separators other than \n (CR, VT, FF, FS, GS, RS, NEL, U+2028/9).
LINE_BREAKS = re.compile("[\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
# Invisible characters: other C0 and C1 controls (not \n, \t), DEL, soft hyphen,
# zero-width characters, word joiner and invisible operators, BOM inside text, and
# bidi marks, embeddings, overrides and isolates.
INVISIBLE = re.compile(
    "[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f\u00ad\u061c\u180e"
    "\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)
# CJK radicals supplement, Kangxi radicals, CJK compatibility ideographs: NFKC-folded
# to the unified ideograph they stand for (⾦ U+2F26 -> 金); nothing else is NFKC'd.
COMPAT_HAN = re.compile("[\u2e80-\u2eff\u2f00-\u2fdf\uf900-\ufaff]")
# Any character one of the three classes above holds: one scan finds a text needs none.
FOLDABLE = re.compile(
    "[" + "".join(p.pattern[1:-1] for p in (LINE_BREAKS, INVISIBLE, COMPAT_HAN)) + "]"
)
# The only steps allowed to lower the Han count: catalog drops and restorations,
# round-trip repairs, duplicates.
HAN_DROPPING = frozenset(
    {"drop_spans", "restore_garbled", "repair_word_roundtrip", "dedupe_paragraphs"}
)
# The only step allowed to raise it: radicals folded to the ideographs they stand for.
HAN_FOLDING = frozenset({"fold_invisible"})
MAX_PASSES = 4


@dataclass(frozen=True)
class Step:
    """What one cleaning step did to one text."""

    step: str
    instances: int
    chars_removed: int
    han_removed: int


def han_count(text: str) -> int:
    """Number of Han characters in `text` (summed over runs: one match per run)."""
    return sum(map(len, HAN_RUN.findall(text)))


def run_step(name: str, fn, text: str, log: list[Step], *args) -> str:
    """Apply one step, append its Step to `log`; refuse unnamed Han count changes."""
    out, instances = fn(text, *args)
    han = 0 if out == text else han_count(text) - han_count(out)
    step = Step(name, instances, len(text) - len(out), han)
    folds = step.han_removed < 0 and name in HAN_FOLDING
    if step.han_removed and name not in HAN_DROPPING and not folds:
        raise RuntimeError(
            f"cleaning step {name} changed the Han character count"
            f" by {step.han_removed}"
        )
    log.append(step)
    return out


def fold_invisible(text: str) -> tuple[str, int]:
    """Drop invisible and control characters; fold odd line breaks and radicals."""
    if not FOLDABLE.search(text):
        return text, 0
    text, breaks = LINE_BREAKS.subn("\n", text)
    text, hidden = INVISIBLE.subn("", text)
    folded = sum(nfkc(c) != c for c in COMPAT_HAN.findall(text))
    return COMPAT_HAN.sub(lambda m: nfkc(m.group()), text), breaks + hidden + folded


def nfkc(char: str) -> str:
    """NFKC of one character (a radical or compatibility ideograph -> its ideograph)."""
    return unicodedata.normalize("NFKC", char)


def normalise_whitespace(text: str) -> tuple[str, int]:
    """Fold space variants; drop spaces in Chinese text; trim lines, drop empty ones."""
    # Neither pattern matches or looks across a newline: both run on the whole text.
    before, spaced = text.split("\n"), INNER_SPACE.sub("", SPACES.sub(" ", text))
    after = [line.strip() for line in spaced.split("\n")]
    changed = sum(
        1 for old, new in zip(before, after, strict=True) if old != new or not new
    )
    return "\n".join(line for line in after if line), changed


def normalise_width(text: str) -> tuple[str, int]:
    """Turn full-width Latin letters and digits into ASCII."""
    return FULLWIDTH_ALNUM.subn(lambda m: chr(ord(m.group()) - 0xFEE0), text)


def drop_page_numbers(text: str) -> tuple[str, int]:
    """Remove lines that hold only a page or slide number (like `2` or `02.`)."""
    return PAGE_NUMBER.subn("", text)


def strip_pinyin(text: str) -> tuple[str, int]:
    """Remove tone-marked pinyin in parentheses after Han characters: 網(wǎng) -> 網."""
    if not TONE_MARK.search(text):
        return text, 0
    return PINYIN.subn("", text)


@lru_cache(maxsize=1)
def roundtrip_rules() -> tuple[tuple[re.Pattern, str, str], ...]:
    """The Word round-trip repair table: (pattern, replacement, note) rows."""
    rows = read_tsv(DATA / "word_roundtrip.tsv")
    return tuple((re.compile(r["pattern"]), r["replacement"], r["note"]) for r in rows)


def repair_word_roundtrip(text: str) -> tuple[str, int]:
    """Undo Word traditional/simplified round-trip substitutions.

    For example 效劳 -> 服务, 〞 -> ”.
    """
    total = 0
    for pattern, replacement, _ in roundtrip_rules():
        text, n = pattern.subn(replacement, text)
        total += n
    return text, total


def normalise_punctuation(text: str) -> tuple[str, int]:
    """Make ASCII , : ; ! ? ( ) full-width where they touch Chinese text.

    Parentheses go as pairs.
    """
    total = 0
    while True:
        text, n = _punctuation_pass(text)
        total += n
        if not n:
            return text, total


def _punctuation_pass(text: str) -> tuple[str, int]:
    """One left-to-right sweep over the ASCII marks (earlier changes count as CJK)."""
    hits = [m.start() for m in ASCII_PUNCT.finditer(text)]
    if not hits:
        return text, 0
    chars, partner, n = list(text), _paren_partners(text), 0
    for i in hits:
        j = partner.get(i)
        pair_cjk = j is not None and (chars[j] in "（）" or _touches_cjk(chars, j))
        if _touches_cjk(chars, i) or pair_cjk:
            chars[i] = ASCII_TO_CJK_PUNCT[chars[i]]
            n += 1
    return ("".join(chars) if n else text), n


def _paren_partners(text: str) -> dict[int, int]:
    """Index of each matched parenthesis's partner (ASCII or full-width)."""
    stack, partner = [], {}
    for m in PARENS.finditer(text):
        if m.group() in "(（":
            stack.append(m.start())
        elif stack:
            j = stack.pop()
            partner[m.start()], partner[j] = j, m.start()
    return partner


def _touches_cjk(chars: list[str], i: int) -> bool:
    """Whether position i has a Han character or CJK punctuation next to it."""
    before = chars[i - 1] if i else ""
    after = chars[i + 1] if i + 1 < len(chars) else ""
    return bool(CJK_CONTEXT.match(before) or CJK_CONTEXT.match(after))


def dedupe_paragraphs(text: str) -> tuple[str, int]:
    """Drop a paragraph repeating an earlier one (ignoring spaces); keep the first."""
    seen: set[str] = set()
    kept = []
    for para in text.split("\n"):
        key = "".join(para.split())  # str.split's whitespace is exactly re's \s
        if key and key in seen:
            continue
        seen.add(key)
        kept.append(para)
    return "\n".join(kept), text.count("\n") + 1 - len(kept)


def clean_text(
    text: str, script: str = "simplified", word_roundtrip: bool = False
) -> tuple[str, list[Step]]:
    """Run the generic chain until it changes nothing (at most MAX_PASSES passes).

    Return the text and the summed log.
    """
    passes: list[Step] = []
    for _ in range(MAX_PASSES):
        out, log = _clean_pass(text, script, word_roundtrip)
        passes += log
        if out == text:
            break
        text = out
    else:
        raise RuntimeError(f"cleaning did not settle in {MAX_PASSES} passes")
    return text, _sum_steps(passes)


def _clean_pass(text: str, script: str, word_roundtrip: bool) -> tuple[str, list[Step]]:
    """One pass of the generic chain, in its fixed order."""
    log: list[Step] = []
    text = run_step("fold_invisible", fold_invisible, text, log)
    text = run_step("normalise_width", normalise_width, text, log)
    text = run_step("drop_page_numbers", drop_page_numbers, text, log)
    text = run_step("normalise_whitespace", normalise_whitespace, text, log)
    text = run_step("strip_pinyin", strip_pinyin, text, log)
    text = run_step("to_simplified", to_simplified, text, log, script)
    if word_roundtrip:
        text = run_step("repair_word_roundtrip", repair_word_roundtrip, text, log)
    text = run_step("normalise_punctuation", normalise_punctuation, text, log)
    text = run_step("dedupe_paragraphs", dedupe_paragraphs, text, log)
    return text, log


def _sum_steps(steps: list[Step]) -> list[Step]:
    """Add up the passes' logs step by step, keeping the chain's order."""
    order = list(dict.fromkeys(s.step for s in steps))
    return [
        Step(
            name,
            *(
                sum(getattr(s, f) for s in steps if s.step == name)
                for f in ("instances", "chars_removed", "han_removed")
            ),
        )
        for name in order
    ]
