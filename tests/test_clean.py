"""Each cleaning rule on its own, then properties of the whole chain (hypothesis)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from antcorpus.corpus.clean import (
    HAN_DROPPING,
    HAN_FOLDING,
    clean_text,
    dedupe_paragraphs,
    drop_page_numbers,
    fold_invisible,
    han_count,
    normalise_punctuation,
    normalise_whitespace,
    normalise_width,
    repair_word_roundtrip,
    run_step,
    strip_pinyin,
)
from antcorpus.corpus.convert import to_simplified
from antcorpus.corpus.pieces import drop_spans, mask_years, restore_runs, unwrap_lines


def test_strip_pinyin_removes_tone_marked_pinyin_only():
    assert strip_pinyin("網(wǎng)經(jīng)社訊") == ("網經社訊", 2)
    kept = "美腕(美one)、元安(花名)、方案(A)、的(de)、AI(zǎo)"
    assert strip_pinyin(kept) == (kept, 0)


def test_strip_pinyin_takes_repeated_and_fullwidth_parentheses():
    assert strip_pinyin("網(wǎng)(wǎng)與（yǔ）") == ("網與", 2)


def test_to_simplified_by_script():
    assert to_simplified("螞蟻集團(tuán)隨著", "traditional")[0] == "蚂蚁集团(tuán)随着"
    assert to_simplified("顯著", "traditional")[0] == "显著"
    assert to_simplified("取得了显著的成功", "simplified") == ("取得了显著的成功", 0)
    assert to_simplified("蚂蟻聚宝", "simplified") == ("蚂蚁聚宝", 1)


@pytest.mark.parametrize(
    "raw, fixed",
    [
        ("提供金融效劳", "提供金融服务"),
        ("“功夫在诗外〞", "“功夫在诗外”"),
        ("根底设施", "基础设施"),
        ("本钱的降低", "成本的降低"),
        ("局部技术支持", "部分技术支持"),
        ("假设想开展壮大", "假设想发展壮大"),
        ("高级原那么。", "高级原则。"),
        ("其背后那么是强大", "其背后则是强大"),
        ("比方说清算", "比如说清算"),
        ("峰值到达每秒12万笔", "峰值达到每秒12万笔"),
    ],
)
def test_word_roundtrip_rules(raw, fixed):
    assert repair_word_roundtrip(raw) == (fixed, 1)


@pytest.mark.parametrize(
    "genuine", ["所以世界那么大，主动走出去", "笔者有幸参加培训", "终于到达杭州"]
)
def test_word_roundtrip_leaves_genuine_words(genuine):
    assert repair_word_roundtrip(genuine) == (genuine, 0)


@pytest.mark.parametrize(
    "raw, plain, n",
    [
        ("蚂\u200d蚁金服", "蚂蚁金服", 1),  # zero-width joiner
        ("蚂\u200b蚁\u200c金服", "蚂蚁金服", 2),  # zero-width space and non-joiner
        ("余额\u2060宝", "余额宝", 1),  # word joiner
        ("花\ufeff呗", "花呗", 1),  # BOM inside text
        ("蚂蚁\u2fa6服", "蚂蚁金服", 1),  # Kangxi radical ⾦
        ("\u2e9f亲", "母亲", 1),  # CJK radicals supplement, compatibility form of 母
        ("\uf900", "\u8c48", 1),  # CJK compatibility ideograph 豈
        ("\u202e服金蚁蚂\u202c", "服金蚁蚂", 2),  # right-to-left override, pop
        ("\u2067蚂蚁\u2069", "蚂蚁", 2),  # right-to-left isolate
        ("花\x00呗\x1b", "花呗", 2),  # NUL, ESC
        ("\u200e蚂蚁\u200f", "蚂蚁", 2),  # left-to-right and right-to-left marks
    ],
)
def test_fold_invisible(raw, plain, n):
    assert fold_invisible(raw) == (plain, n)
    assert clean_text(raw)[1][0].step == "fold_invisible"


def test_fold_invisible_keeps_text_and_folds_line_breaks():
    plain = "蚂蚁金服\t2020年\nIPO 暂缓。\u3000⺀⻊"  # ⺀ ⻊ have no NFKC form
    assert fold_invisible(plain) == (plain, 0)
    assert fold_invisible("第一页\x0c第二页\u2028第三行") == (
        "第一页\n第二页\n第三行",
        2,
    )


def test_normalise_width():
    assert normalise_width("ＡＩ与５Ｇ") == ("AI与5G", 4)


def test_drop_page_numbers():
    assert drop_page_numbers("不断提升\n2\n自身实力\n02.\n2020年") == (
        "不断提升\n自身实力\n2020年",
        2,
    )


def test_normalise_whitespace():
    text, n = normalise_whitespace(
        "合作关 系 。\n\n\u3000自 2020 年 IPO 暂缓\n  AI 与区块链 "
    )
    assert text == "合作关系。\n自2020年 IPO 暂缓\nAI 与区块链"
    assert n == 4
    assert normalise_whitespace("2019 2020 年")[0] == "2019 2020年"


def test_normalise_punctuation():
    assert (
        normalise_punctuation("业务(7)1、境内,如(A)公司:")[0]
        == "业务（7）1、境内，如（A）公司："
    )
    assert normalise_punctuation("1,000 and (x), 1.5%") == ("1,000 and (x), 1.5%", 0)


def test_dedupe_paragraphs_keeps_first():
    assert dedupe_paragraphs("案例分析\n正文一\n案例 分析\n正文二") == (
        "案例分析\n正文一\n正文二",
        1,
    )


def test_unwrap_lines_joins_wraps_not_headings():
    text = (
        "(一)公司简介\n浙江阿里巴巴电子商务有限公司,宣\n布筹建。\n截至2016年4月28日,\n完成B轮融资。\n"
        "②招财宝两大创新功能:“变现”:即投资者可以通过“变现”功能\n在平台发布借款产品获得资金。\n(1)支付宝业务模式\n2)支付宝盈利点"
    )
    out, joins = unwrap_lines(text)
    assert joins == 3
    assert out.split("\n") == [
        "(一)公司简介",
        "浙江阿里巴巴电子商务有限公司,宣布筹建。",
        "截至2016年4月28日,完成B轮融资。",
        "②招财宝两大创新功能:“变现”:即投资者可以通过“变现”功能在平台发布借款产品获得资金。",
        "(1)支付宝业务模式",
        "2)支付宝盈利点",
    ]


def test_mask_years_whole_numbers_only():
    rules = [{"pattern": "202223"}, {"pattern": "2023"}]
    assert mask_years("202223年起，2023年6月，1.2023%，12023，20230", rules) == (
        "####年起，####年6月，1.####%，12023，20230",
        3,
    )


def test_drop_and_restore_by_anchor():
    assert drop_spans(
        "正文（详见链接http://x）。出品|甲\n配图|乙\n正文",
        [{"start": "（详见", "end": "x）"}, {"start": "出品", "end": "配图|乙\n"}],
        Path("a.txt"),
        "d",
    ) == ("正文。正文", 2)
    assert restore_runs(
        "與當(dāng)?shù)貦C(jī)構",
        [{"from": "?shù)貦C(jī)", "to": "地機"}],
        Path("a.txt"),
        "d",
    ) == ("與當(dāng)地機構", 1)


def test_run_step_refuses_unnamed_loss_of_han():
    with pytest.raises(RuntimeError, match="lose_han"):
        run_step("lose_han", lambda t: (t[1:], 1), "蚂蚁", [])
    with pytest.raises(RuntimeError, match="fold_invisible"):
        run_step("fold_invisible", lambda t: (t[1:], 1), "蚂蚁", [])
    with pytest.raises(RuntimeError, match="gain_han"):
        run_step("gain_han", fold_invisible, "\u2fa6", [])
    assert run_step("fold_invisible", fold_invisible, "\u2fa6", []) == "金"
    log = []
    assert run_step("dedupe_paragraphs", dedupe_paragraphs, "蚂蚁\n蚂蚁", log) == "蚂蚁"
    assert log[0].han_removed == 2


# --- properties of the whole chain ------------------------------------------------
ALPHABET = (
    list("網經社螞蟻集團隨著顯著显着金融蚂蚁服务效劳那么是世界大開展局部本钱原则注")
    + list("(（)）,，:：;；!?。“”〞 \u3000\n\t")
    + list("abcnüwǎāngjī")
    + list("0123456789.#%")
    + list("ＡＢ１２")
    + list("\u200b\u200d\u2060\ufeff\u202e\u2067\x00\x0c\u2fa6\u2f3a\uf900")
)
texts = st.text(alphabet=ALPHABET, max_size=80)
options = st.tuples(st.sampled_from(["traditional", "simplified"]), st.booleans())


@settings(deadline=None)
@given(texts, options)
def test_clean_text_is_idempotent(text, opts):
    once, _ = clean_text(text, *opts)
    assert clean_text(once, *opts)[0] == once


@settings(deadline=None)
@given(texts, options)
def test_han_characters_only_leave_through_named_counted_rules(text, opts):
    out, log = clean_text(text, *opts)
    assert han_count(text) - han_count(out) == sum(s.han_removed for s in log)
    named = HAN_DROPPING | HAN_FOLDING
    assert all(s.han_removed == 0 for s in log if s.step not in named)
    assert all(s.han_removed <= 0 for s in log if s.step in HAN_FOLDING)
