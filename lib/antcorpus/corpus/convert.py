"""Traditional to mainland simplified conversion with OpenCC.

The OpenCC config is chosen by measurement.

Measured on this corpus (notebook 01 reruns `opencc_compare`):
- tw2sp rewrites mainland vocabulary that is already right: 核心 -> 内核, 建立 -> 创建,
  执行 -> 运行, 指标 -> 指针, 智慧 -> 智能. Rejected.
- tw2s turns 本著 / 經歷著 / 隨著 into 着 where t2s leaves 著 (wrong in mainland usage),
  but on text that is already simplified it turns 显著 into 显着. So:
- traditional pieces use tw2s; simplified pieces use t2s, which on the four simplified
  files changes one character only (the stray 蟻 in 蚂蟻聚宝).
"""

from __future__ import annotations

from collections.abc import Mapping
from difflib import SequenceMatcher
from functools import cache

import opencc
import pandas as pd

OPENCC_CONFIG = {"traditional": "tw2s", "simplified": "t2s"}
CANDIDATES = ("t2s", "tw2s", "tw2sp")


@cache
def converter(config: str) -> opencc.OpenCC:
    """One OpenCC converter per config, built once."""
    return opencc.OpenCC(config)


def chars_changed(before: str, after: str) -> int:
    """How many characters a conversion replaced, inserted or deleted."""
    if before == after:
        return 0
    if len(before) == len(after):
        return sum(a != b for a, b in zip(before, after, strict=True))
    ops = SequenceMatcher(None, before, after, autojunk=False).get_opcodes()
    return sum(max(i2 - i1, j2 - j1) for op, i1, i2, j1, j2 in ops if op != "equal")


def to_simplified(text: str, script: str) -> tuple[str, int]:
    """Convert to mainland simplified with the config chosen for the piece's script.

    In traditional pieces tw2s runs only on lines that t2s would still change, so a
    line already simplified (显著) is never pushed through tw2s (显着): the step is
    idempotent.
    """
    t2s = converter(OPENCC_CONFIG["simplified"])
    if script == "simplified":
        out = t2s.convert(text)
    else:
        tw2s = converter(OPENCC_CONFIG["traditional"])
        out = "\n".join(
            tw2s.convert(line) if t2s.convert(line) != line else line
            for line in text.split("\n")
        )
    return out, chars_changed(text, out)


def opencc_compare(texts: Mapping[str, str]) -> pd.DataFrame:
    """Characters each candidate config changes per text.

    Also where each candidate disagrees with t2s (`differs_from_t2s`).
    """
    rows = []
    for name, text in texts.items():
        outs = {c: converter(c).convert(text) for c in CANDIDATES}
        for c in CANDIDATES:
            rows.append(
                {
                    "text": name,
                    "config": c,
                    "chars_changed": chars_changed(text, outs[c]),
                    "differs_from_t2s": chars_changed(outs["t2s"], outs[c]),
                }
            )
    return pd.DataFrame(rows)
