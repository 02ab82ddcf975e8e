"""Corpus-owned knowledge: analysis/ beside the catalog, defaults, checks, resources."""

from __future__ import annotations

import pytest

import antcorpus
from antcorpus import stats
from antcorpus.config import REPO
from antcorpus.corpus.knowledge import RESOURCES, default_contrast
from antcorpus.errors import CorpusError
from test_plain import write_plain

POETRY = REPO / "corpora" / "tang-song-shi"


@pytest.fixture
def plain(tmp_path):
    """A plain folder with eras 2016–2018 and 2020, and an empty analysis/ folder."""
    folder = write_plain(tmp_path / "plain")
    (folder / "analysis").mkdir()
    return folder


def settings(folder, text: str):
    """Write analysis.yaml and read the folder's knowledge."""
    (folder / "analysis" / "analysis.yaml").write_text(text, encoding="utf-8")
    return antcorpus.corpus_knowledge(folder)


def test_the_ant_corpus_declares_its_contrast_and_resources():
    kb = antcorpus.corpus_knowledge()
    assert (kb.target, kb.reference, kb.middle) == ("2025", "2016–2018", "2020")
    assert all(kb.path(r) is not None for r in RESOURCES)
    assert kb.term_list("claims") and kb.aliases and kb.recent_year == 2019


def test_default_is_the_latest_era_against_the_earliest():
    assert default_contrast(["a", "b", "c", "d"]) == {
        "target": "d",
        "reference": "a",
        "middle": "c",
    }
    assert default_contrast(["a", "b"])["middle"] is None
    assert set(default_contrast(["a"]).values()) == {None}


def test_a_corpus_without_analysis_lacks_every_resource():
    kb = antcorpus.corpus_knowledge(POETRY)
    assert (kb.target, kb.reference, kb.middle) == ("宋", "盛唐", "中晚唐")
    assert all(kb.path(r) is None for r in RESOURCES)
    assert kb.term_list("claims") == [] and kb.aliases == {}
    assert kb.lacks("concepts", "the concept panel") == (
        "This corpus has no `analysis/concepts.tsv`, so the concept panel is skipped."
    )
    assert stats.concept_groups(POETRY).empty


def test_contrast_names_must_be_eras_with_pieces(plain):
    kb = settings(plain, "contrast: {target: '2016–2018', reference: '2020'}\n")
    assert (kb.target, kb.reference, kb.middle) == ("2016–2018", "2020", None)
    with pytest.raises(CorpusError, match="contrast.target: '2030' is not an era"):
        settings(plain, "contrast: {target: '2030'}\n")
    with pytest.raises(CorpusError, match="must differ"):
        settings(plain, "contrast: {target: '2020', reference: '2020'}\n")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("contrst: {}\n", "unknown field 'contrst'"),
        ("terms: [a, b]\n", "field 'terms' must be a mapping"),
        ("terms: {claims: 监管}\n", "terms.claims must be a list of strings"),
        ("aliases: {a: [b]}\n", "aliases must map a string to a string"),
        ("recent_year: '2019'\n", "recent_year must be a year"),
        ("contrast: {pivot: '2020'}\n", "roles are"),
        ("- a\n- b\n", "must be a mapping"),
        ("terms: {a: [x]}\nterms: {b: [y]}\n", "terms"),
    ],
)
def test_every_bad_field_is_named(plain, text, message):
    with pytest.raises(CorpusError, match=message) as err:
        settings(plain, text)
    assert "analysis.yaml" in str(err.value)


def test_the_poetry_corpus_is_licensed_dated_and_not_about_ant():
    readme = (POETRY / "README.md").read_text(encoding="utf-8")
    assert "MIT" in readme and "public domain" in readme
    corpus = antcorpus.load_corpus(POETRY)
    assert len(corpus) == 12 and corpus["date_start"].notna().all()
    assert not corpus["text"].str.contains("蚂蚁|支付宝").any()


def test_optional_fields_may_be_empty_and_a_regex_must_compile(plain):
    kb = settings(plain, "genre_matched:\nrecent_year:\naliases: {AI: 人工智能}\n")
    assert kb.genre_matched is None and kb.recent_year is None
    assert kb.aliases == {"ai": "人工智能"}  # tokens are lower-cased first
    with pytest.raises(CorpusError, match="not a valid regular expression"):
        settings(plain, "genre_matched: '(news'\n")
    with pytest.raises(CorpusError, match="must differ"):
        settings(
            plain,
            "contrast: {target: '2020', reference: '2016–2018', middle: '2020'}\n",
        )
