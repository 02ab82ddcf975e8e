"""seeds/ is raw and immutable; per-document knowledge lives only in its catalog."""

from __future__ import annotations

import hashlib
import re
import shutil

import yaml

import antcorpus
from antcorpus.config import REPO, SEEDS
from antcorpus.corpus.sources import read_sums
from antcorpus.text.tokens import _tokenizer

SHARED = REPO.parent / "shared" / "seeds"
CATALOG = yaml.safe_load((SEEDS / "catalog.yaml").read_text(encoding="utf-8"))


def test_seed_checksums_hold():
    sums = read_sums(SEEDS)
    assert len(sums) == 5
    for name, digest in sums.items():
        assert hashlib.sha256((SEEDS / name).read_bytes()).hexdigest() == digest, name


def test_seeds_match_the_shared_originals_where_present():
    if not SHARED.is_dir():
        return  # a clone used outside this workplace has no shared/ beside it
    for original in SHARED.iterdir():
        assert (SEEDS / original.name).read_bytes() == original.read_bytes(), (
            original.name
        )


def test_no_code_names_a_seed_file_or_piece():
    names = [re.escape(n) for n in read_sums(SEEDS)] + [
        re.escape(p["doc_id"]) for p in CATALOG["pieces"]
    ]
    names += [r"\d{3}_[0-9a-f]{16}"]
    pattern = re.compile("|".join(names))
    for path in sorted((REPO / "lib").rglob("*.py")):
        assert not pattern.search(path.read_text(encoding="utf-8")), path.name


def test_loading_writes_nothing_into_the_corpus_folder(tmp_path, monkeypatch):
    copy = tmp_path / "seeds"
    shutil.copytree(SEEDS, copy)
    before = sorted(
        (str(p), p.stat().st_mtime_ns, p.read_bytes())
        for p in copy.rglob("*")
        if p.is_file()
    )
    monkeypatch.setenv("ANTCORPUS_CACHE", str(tmp_path / "cache"))
    corpus = antcorpus.load_corpus(copy)
    antcorpus.cleaning_report(copy)
    antcorpus.tokens_corpus(list(corpus.text))
    files = [p for p in copy.rglob("*") if p.is_file()]
    assert (
        sorted((str(p), p.stat().st_mtime_ns, p.read_bytes()) for p in files) == before
    )
    _tokenizer.cache_clear()  # it was built with the temporary cache folder


def test_data_card_era_table_matches_the_corpus(corpus):
    """The data card's per-era characters and tokens match what the catalog gives."""
    import re

    import antcorpus
    from antcorpus.config import SEEDS

    card = (SEEDS / "README.md").read_text(encoding="utf-8")
    rows = re.findall(
        r"^\| (2016–2018|2020|2025|undated) \| (\d+)[^|]*\| ([\d,]+) \| ([\d,]+) \|$",
        card,
        re.M,
    )
    assert len(rows) == 4, "the data card's era table changed shape"
    tokens = antcorpus.tokens_corpus(corpus["text"].tolist())
    frame = corpus.assign(n_tokens=[len(t) for t in tokens]).groupby("era")
    for era, pieces, chars, toks in rows:
        assert (
            int(pieces),
            int(chars.replace(",", "")),
            int(toks.replace(",", "")),
        ) == (
            len(frame.get_group(era)),
            frame.get_group(era)["n_chars"].sum(),
            frame.get_group(era)["n_tokens"].sum(),
        ), era
