"""The site's term explorer: its data is the package's numbers; the page draws them.

The data (embedded in explorer.html) is checked against the dfm, `stats.piece_rates`,
`stats.textstat_keyness`, `stats.dispersion_dp` and `stats.kwic` for the repository's
corpus and the poetry corpus; a one-era corpus has no contrast; a corpus whose doc_ids,
eras, titles and text are markup shows them as text in a browser and runs nothing.
"""

from __future__ import annotations

import contextlib
import json
import re

import numpy as np
import pandas as pd
import pytest
from fontTools.ttLib import TTFont

import antcorpus
from antcorpus import stats
from antcorpus.config import REPO
from antcorpus.corpus import corpus_eras
from antcorpus.plots.base import font_path
from antcorpus.project import explorer, publish
from antcorpus.text import corpus_reshape
from conftest import PIECE, write_corpus
from test_site import (
    MARK_HAN,
    SCREENSHOTS,
    chromium,
    is_cjk,
    need_browser,
    platform_fonts,
)

POETRY = REPO / "corpora" / "tang-song-shi"
EMBEDDED = re.compile(
    r'<script type="application/json" id="explorer-data">(.*?)</script>', re.S
)
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
MARKUP = '<img src=x onerror="window.__pwned=1">'
CLOSER = "</script><script>window.__pwned=1</script>"


@contextlib.contextmanager
def corpus_env(folder):
    """ANTCORPUS_SEEDS set to `folder` (None: left as it is) for the block."""
    with pytest.MonkeyPatch.context() as mp:
        if folder is not None:
            mp.setenv("ANTCORPUS_SEEDS", str(folder))
        yield


def built(root, name, folder=None) -> tuple:
    """publish.site_write (no notebooks) for a corpus: the folder and explorer data."""
    out = root / name
    with corpus_env(folder):
        publish.site_write(out, root / "no-figures", [])
    page = (out / "explorer.html").read_text(encoding="utf-8")
    return out, json.loads(EMBEDDED.search(page).group(1))


def package(folder=None) -> dict:
    """What the notebooks compute for the corpus: knowledge, corpus, dfm, eras."""
    with corpus_env(folder):
        corpus = antcorpus.load_corpus()
        tokens = antcorpus.tokens_corpus(corpus["text"].tolist())
        return {
            "kb": antcorpus.corpus_knowledge(),
            "corpus": corpus,
            "dfm": stats.tokens_dfm(tokens, corpus["doc_id"].tolist()),
            "eras": corpus_eras()["name"].tolist(),
        }


@pytest.fixture(scope="module")
def root(tmp_path_factory):
    return tmp_path_factory.mktemp("explorer-sites")


@pytest.fixture(scope="module")
def ant(root):
    out, data = built(root, "ant")
    return out, data, package()


@pytest.fixture(scope="module")
def poetry(root):
    out, data = built(root, "poetry", POETRY)
    return out, data, package(POETRY)


@pytest.fixture(scope="module")
def one_era(root):
    text = "正文开始，监管部门说监管要加强，风险要防范。风险很大，监管很严。正文结束。"
    files = {name: text.encode() for name in ("a.txt", "b.txt")}
    second = dict(PIECE, doc_id="toy-2018", source_file="b.txt", date="2018-05")
    folder = write_corpus(root / "one-era-corpus", files, [dict(PIECE), second])
    return built(root, "one-era", folder)


def hostile_corpus() -> pd.DataFrame:
    """Two pieces whose doc_id, era, title and text are markup."""
    body = f"监管说{MARKUP}。监管 {CLOSER} 监管 <b>bold</b> & more。"
    return pd.DataFrame(
        {
            "doc_id": [MARKUP, CLOSER],
            "era": ["<img src=x onerror=alert(1)>", "</script><b>era</b>"],
            "title": [CLOSER, MARKUP],
            "date_start": pd.to_datetime(["2017-01-01", "2025-01-01"]),
            "text": [body, body + body],
        }
    )


@pytest.fixture(scope="module")
def hostile(root):
    corpus = hostile_corpus()
    tokens = antcorpus.tokens_corpus(corpus["text"].tolist())
    eras = list(corpus["era"])
    data = explorer.corpus_data(corpus, tokens, eras, (eras[1], eras[0]))
    out = root / "hostile"
    page = explorer.explorer_page(data)
    (out / "fonts").mkdir(parents=True)
    (out / "explorer.html").write_text(page, encoding="utf-8")
    publish.font_subset(page, out / "fonts" / "cjk-subset.otf")
    return out, data, page


def rates_from(data: dict) -> pd.DataFrame:
    """Rate per 10k of every offered term in every piece, from the embedded counts."""
    ids = [p["id"] for p in data["pieces"]]
    tokens = np.array([p["tokens"] for p in data["pieces"]], float)
    counts = pd.DataFrame(0, index=ids, columns=list(data["terms"]))
    for term, row in data["terms"].items():
        for i, n in row["counts"]:
            counts.iat[i, counts.columns.get_loc(term)] = n
    return counts.div(tokens, axis=0) * 10_000, counts


def check_against_the_package(data: dict, ref: dict) -> None:
    """Terms, counts, rates, keyness and DP of the data equal the package's."""
    dfm, kb = ref["dfm"], ref["kb"]
    total = dfm.sum()
    assert set(data["terms"]) == set(total.index[total >= explorer.MIN_TERM])
    assert [p["id"] for p in data["pieces"]] == list(dfm.index)
    assert [p["tokens"] for p in data["pieces"]] == dfm.sum(axis=1).tolist()
    rates, counts = rates_from(data)
    pd.testing.assert_frame_equal(counts, dfm[counts.columns], check_dtype=False)
    expected = stats.piece_rates(dfm, list(counts.columns))
    pd.testing.assert_frame_equal(rates, expected, check_dtype=False)
    era_of = ref["corpus"].set_index("doc_id")["era"]
    key = stats.textstat_keyness(
        dfm, era_of, kb.target, kb.reference, explorer.MIN_COUNT, ref["eras"]
    ).set_index("term")
    assert data["contrast"]["tested"] == len(key)
    for term, row in data["terms"].items():
        if term not in key.index:
            assert row["key"] is None
            continue
        got = dict(zip(explorer.KEY_FIELDS, row["key"], strict=True))
        want = key.loc[term, explorer.KEY_FIELDS]
        assert got == pytest.approx(want.to_dict(), rel=1e-3, abs=1e-3), term
    dp = stats.dispersion_dp(dfm[list(counts.columns)], dfm.sum(axis=1))
    got = [[r["dp"], r["dp_norm"]] for r in data["terms"].values()]
    np.testing.assert_allclose(got, dp.loc[list(data["terms"])], atol=5e-4)


def test_the_ant_data_is_the_packages(ant):
    _, data, ref = ant
    check_against_the_package(data, ref)
    assert (data["contrast"]["target"], data["contrast"]["reference"]) == (
        ref["kb"].target,
        ref["kb"].reference,
    )
    named = [t for terms in ref["kb"].terms.values() for t in terms]
    offered = [t for t in dict.fromkeys(named) if t in data["terms"]]
    assert data["picks"] == offered[: explorer.PICKS]


def test_the_poetry_data_is_the_packages(poetry):
    out, data, ref = poetry
    check_against_the_package(data, ref)
    assert data["eras"] == ["盛唐", "中晚唐", "宋"] and data["corpus"] == POETRY.name
    assert (data["contrast"]["target"], data["contrast"]["reference"]) == ("宋", "盛唐")
    assert all(row["lines"] for row in data["terms"].values())
    size = (out / "explorer.html").stat().st_size
    assert size < 2_000_000, f"explorer.html is {size:,} bytes"


def test_concordance_lines_are_kwic_first_lines_per_era(ant):
    _, data, ref = ant
    sentences = corpus_reshape(ref["corpus"], "sentences")
    terms = [t for t in data["terms"] if not t.isascii()]
    ids = [p["id"] for p in data["pieces"]]
    for term in list(dict.fromkeys(data["picks"] + terms[::20])):
        found = stats.kwic(sentences, term, explorer.KWIC_WINDOW)
        first = found.groupby("era", sort=False).head(explorer.KWIC_LINES)
        want = first[["doc_id", "left", "keyword", "right"]].values.tolist()
        got = [[ids[i], *rest] for i, *rest in data["terms"][term]["lines"]]
        assert got == want, term


def test_a_one_era_corpus_has_no_contrast(one_era):
    _, data = one_era
    assert data["contrast"] == {"none": "the corpus has one dated era (2016–2018)"}
    assert "监管" in data["terms"] and data["terms"]["监管"]["key"] is None


def test_a_large_vocabulary_is_capped_and_the_page_says_so(monkeypatch):
    corpus = antcorpus.load_corpus()
    tokens = antcorpus.tokens_corpus(corpus["text"].tolist())
    eras = corpus_eras()["name"].tolist()
    full = explorer.corpus_data(corpus, tokens, eras, (None, None))
    assert full["max_terms"] is None
    monkeypatch.setattr(explorer, "MAX_TERMS", 50)
    capped = explorer.corpus_data(corpus, tokens, eras, (None, None))
    assert capped["max_terms"] == 50
    assert list(capped["terms"]) == list(full["terms"])[:50]


def test_the_embedded_json_cannot_close_its_script(hostile):
    _, data, page = hostile
    raw = explorer.script_json(data)
    assert not re.search("[<>&]", raw) and json.loads(raw) == json.loads(
        json.dumps(data)
    )
    assert page.count("</script") == 2 and "<img" not in page
    assert json.loads(EMBEDDED.search(page).group(1)) == json.loads(raw)


def test_the_font_subset_covers_the_explorers_text(ant):
    out, data, _ = ant
    page = (out / "explorer.html").read_text(encoding="utf-8")
    used = set(HAN.findall(json.dumps(data, ensure_ascii=False)))
    have = set(map(chr, TTFont(font_path(), fontNumber=0).getBestCmap()))
    subset = set(map(chr, TTFont(out / "fonts" / "cjk-subset.otf").getBestCmap()))
    assert used and not (used & have) - subset
    assert 'href="explorer.html"' in (out / "index.html").read_text(encoding="utf-8")
    assert 'href="explorer.html"' in page  # the navigation bar


@pytest.fixture(scope="module")
def browser(root, tmp_path_factory):
    need_browser()
    with chromium(root, tmp_path_factory.mktemp("chrome")) as opened:
        opened[0].execute_cdp_cmd(
            "Page.addScriptToEvaluateOnNewDocument",
            {"source": "window.alert = () => { window.__pwned = 'alert'; };"},
        )
        yield opened


def opened(browser, path: str):
    """The driver with `path` loaded, fonts ready, the earlier log dropped."""
    driver, base = browser
    driver.get_log("browser")
    driver.get(f"{base}/{path}")
    driver.execute_async_script("document.fonts.ready.then(() => arguments[0]())")
    return driver


def typed(driver, term: str) -> None:
    """Type `term` into the explorer's box and press Enter."""
    box = driver.find_element("id", "term")
    box.clear()
    box.send_keys(term + "\n")


def drawn_well(driver) -> None:
    """No SEVERE console message; every visible Chinese text drawn with a CJK font."""
    errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    assert not errors, errors
    assert driver.execute_script(MARK_HAN), "no visible Chinese text"
    bad = [
        i
        for i, fonts in enumerate(platform_fonts(driver, "[data-han]"))
        if not [f for f in fonts if is_cjk(f)]
    ]
    assert not bad, f"{len(bad)} Chinese text nodes drawn without a CJK font"


def cells(driver, selector: str) -> list[list[str]]:
    """The text of each cell of each row matching `selector`."""
    return driver.execute_script(
        "return [...document.querySelectorAll(arguments[0])]"
        ".map(r => [...r.cells].map(c => c.textContent));",
        selector,
    )


def test_typing_a_term_shows_the_packages_numbers(browser, ant):
    _, data, ref = ant
    dfm, kb = ref["dfm"], ref["kb"]
    candidates = kb.term_list("contexts") + data["picks"] + list(data["terms"])
    term = next(
        t
        for t in candidates
        if t in data["terms"]
        and t != data["picks"][0]
        and data["terms"][t]["key"]
        and len(data["terms"][t]["counts"]) > 1
    )
    driver = opened(browser, "ant/explorer.html")
    typed(driver, term)
    status = driver.find_element("id", "status").text
    assert status.startswith(f"{term}: {int(dfm[term].sum())} occurrence"), status
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(SCREENSHOTS / "explorer-typed.png"))
    rates = stats.piece_rates(dfm, term)[term]
    rows = cells(driver, "#rates tr[data-doc]")
    era_of = ref["corpus"].set_index("doc_id")["era"]
    by_era = [d for e in data["eras"] for d in dfm.index if era_of[d] == e]
    assert [r[1] for r in rows] == by_era
    for _, doc, count, tokens, rate in rows:
        assert int(count) == dfm.at[doc, term]
        assert int(tokens.replace(",", "")) == dfm.loc[doc].sum()
        assert float(rate) == pytest.approx(rates[doc], abs=0.051)
    key = stats.textstat_keyness(dfm, era_of, kb.target, kb.reference)
    row = key.set_index("term").loc[term]
    shown = dict(cells(driver, "#keyness table.key tr"))
    g2 = next(v for k, v in shown.items() if k.startswith("G²"))
    assert float(g2) == pytest.approx(row["g2"], abs=0.006)
    assert shown[f"{kb.target} (target)"].startswith(f"{int(row['target'])} in ")
    assert len(driver.find_elements("css selector", "#plot circle.dot")) == len(dfm)
    drawn_well(driver)


@pytest.mark.parametrize("site", ["poetry", "one-era"])
def test_other_corpora_draw_without_errors(browser, site, request):
    _, data = request.getfixturevalue(site.replace("-", "_"))[:2]
    driver = opened(browser, f"{site}/explorer.html")
    keyness = driver.find_element("id", "keyness").text
    if site == "one-era":
        assert keyness.startswith("No contrast: the corpus has one dated era")
    else:
        term = data["picks"][-1]
        typed(driver, term)
        assert driver.find_element("id", "status").text.startswith(term)
        assert "tested terms" in driver.find_element("id", "keyness").text
    drawn_well(driver)


def test_hostile_corpus_text_shows_as_text_and_runs_nothing(browser, hostile):
    _, data, _ = hostile
    driver = opened(browser, "hostile/explorer.html")
    typed(driver, "监管")
    driver.execute_async_script("setTimeout(arguments[0], 300)")
    lines = ["".join(r[:3]) for r in cells(driver, "#contexts table.kwic tr")]
    assert lines and any(CLOSER[:9] in line for line in lines), lines
    pieces = {r[3] for r in cells(driver, "#contexts table.kwic tr")}
    assert pieces == {MARKUP, CLOSER}
    rates = {r[0] for r in cells(driver, "#rates tr[data-doc]")}
    assert rates == set(data["eras"])
    assert "</script><b>era</b> (target)" in driver.find_element("id", "keyness").text
    assert driver.execute_script("return window.__pwned || null") is None
    assert not driver.find_elements("css selector", "img, b, #contexts script")
    assert not [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]


def test_the_page_fetches_nothing_and_parses_no_markup(ant):
    out, _, _ = ant
    page = EMBEDDED.sub("", (out / "explorer.html").read_text(encoding="utf-8"))
    assert not re.search(r"src=|https?://(?!www\.w3\.org/2000/svg\b)", page)
    assert not re.search(r"innerHTML|outerHTML|insertAdjacentHTML|fetch\(", page)
    assert (out / "explorer.html").stat().st_size < 1_500_000


def test_concordances_use_the_folders_dictionary_whatever_the_environment(
    monkeypatch,
):
    """Built for seeds/ while $ANTCORPUS_SEEDS names the poetry corpus."""
    from antcorpus.config import REPO, SEEDS

    monkeypatch.setenv("ANTCORPUS_SEEDS", str(REPO / "corpora" / "tang-song-shi"))
    data = explorer.explorer_data(SEEDS)
    keywords = {line[2] for line in data["terms"]["蚂蚁金服"]["lines"]}
    assert keywords and all("蚂蚁金服" in k for k in keywords)
