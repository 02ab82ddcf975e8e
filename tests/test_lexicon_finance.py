"""The vendored financial sentiment dictionary: bytes, counts and how it is read."""

import hashlib

import yaml

from antcorpus.stats import tone

SHA256 = "eebee4b05d61d916b82fa3f0b65f381626447caca32afaa91f5673874e033556"


def test_vendored_file_is_byte_for_byte_the_cntext_copy():
    digest = hashlib.sha256(tone.FINANCE.read_bytes()).hexdigest()
    assert digest == SHA256, "zh_common_FinanceSenti.yaml changed: see its NOTICE.md"
    assert (tone.FINANCE.parent / "NOTICE.md").exists()


def test_raw_counts_match_the_notice():
    raw = yaml.safe_load(tone.FINANCE.read_text(encoding="utf-8"))
    assert set(raw) == {"Refer", "Desc", "Category", "Name", "Dictionary"}
    pos, neg = raw["Dictionary"]["pos"], raw["Dictionary"]["neg"]
    assert (len(pos), len(neg)) == (3338, 5890)
    assert sum(w != w.strip() for w in pos) == 304
    assert sum(w != w.strip() for w in neg) == 536
    stripped = {w.strip() for w in pos}, {w.strip() for w in neg}
    assert tuple(map(len, stripped)) == (3194, 5621)
    assert len(stripped[0] & stripped[1]) == 21


def test_finance_lexicon_is_stripped_and_drops_words_on_both_sides():
    fin = tone.lexicons()["finance"]
    assert (len(fin["positive"]), len(fin["negative"])) == (3173, 5600)
    assert not fin["positive"] & fin["negative"]
    assert "冷静" not in fin["positive"] | fin["negative"]
    assert {"成功", "创新"} <= fin["positive"] and {"风险", "亏损"} <= fin["negative"]
    assert all(w == w.strip() and w for w in fin["positive"] | fin["negative"])
