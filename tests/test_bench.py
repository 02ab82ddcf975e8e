"""The benchmark's parts: generated corpora, the memory measurement, the report."""

from __future__ import annotations

import sys
from collections import Counter

import pytest

import antcorpus
from antcorpus.project import bench_corpus, bench_report
from antcorpus.project.bench_measure import measure
from antcorpus.project.bench_stages import STAGES
from antcorpus.text.units import split_paragraphs, split_sentences


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """Scale 2 of the benchmark corpus, written as a corpus folder."""
    return bench_corpus.write_corpus(tmp_path_factory.mktemp("bench") / "2", 2)


def sentence_pairs(texts) -> Counter:
    """Adjacent sentence pairs within paragraphs."""
    pairs = Counter()
    for text in texts:
        for para in split_paragraphs(text):
            sents = split_sentences(para)
            pairs.update(zip(sents, sents[1:], strict=False))
    return pairs


def test_generated_folder_loads_and_keeps_the_eras(generated, corpus):
    loaded = antcorpus.load_corpus(generated)
    assert len(loaded) == 2 * len(corpus)
    assert loaded["era"].value_counts().to_dict() == {
        era: 2 * n for era, n in corpus["era"].value_counts().items()
    }
    assert (loaded["n_chars"] > 0).all()


def test_generated_text_is_resampled_not_replicated(generated, corpus):
    texts = [p.read_text(encoding="utf-8") for p in sorted(generated.glob("*.txt"))]
    assert len(set(texts)) == len(texts)
    seed_pairs = sentence_pairs(corpus["text"])
    pairs = sentence_pairs(texts)
    copied = sum(n for pair, n in pairs.items() if pair in seed_pairs)
    # drawing sentences at random copies a real adjacent pair about once in 100
    assert copied / sum(pairs.values()) < 0.05
    long = [
        p for t in texts for p in split_paragraphs(t) if len(split_sentences(p)) > 2
    ]
    assert len(set(long)) == len(long)


def test_generation_is_seeded():
    assert bench_corpus.generate(1)[1] == bench_corpus.generate(1)[1]


def test_peak_memory_is_the_childs_not_the_parents():
    ballast = b"\x01" * (300 << 20)  # the parent holds 300 MB while it measures
    grow = "b = b'\\x01' * (200 << 20); import time; time.sleep(0.2); print('{}')"
    big = measure([sys.executable, "-c", grow], timeout=60)
    idle = measure([sys.executable, "-c", "print('{}')"], timeout=60)
    assert big["status"] == idle["status"] == "ok" and len(ballast)
    assert 150 <= big["peak_mb"] < 290
    assert idle["peak_mb"] < 100


def test_a_stage_over_its_timeout_is_killed_and_marked():
    row = measure([sys.executable, "-c", "import time; time.sleep(30)"], timeout=1)
    assert row["status"] == "timed out" and row["wall_s"] < 10


def point(scale: int, seconds: float, plain: float, floor: float) -> dict:
    """One scale of results, every stage taking `seconds`."""
    made = {"tokens": 10 * scale, "terms": 5, "c_npmi": 0.1}
    stages = {
        name: {"status": "ok", "peak_mb": 200.0, "wall_s": seconds + 1.5}
        | {"result": {"seconds": seconds, "base_mb": 170.0} | made}
        for name in STAGES
    }
    if scale > 100:
        stages["keyness"] = {"status": "timed out", "peak_mb": 300.0, "wall_s": 600.0}
    plain_times = dict.fromkeys(STAGES, plain / len(STAGES))
    return {
        "scale": scale,
        "pieces": 11 * scale,
        "chars": 24_000 * scale,
        "stages": stages,
        "plain": {"status": "ok", "result": {"seconds": plain_times} | made},
        "floor": {"status": "ok", "result": {"seconds": {"floor": floor}}},
    }


def test_report_renders_from_a_fixture(tmp_path):
    results = {
        "date": "2026-11-25",
        "cpus": 2,
        "python": "3.11.7",
        "timeout": 600,
        "floor_tokenizer": "rjieba",
        "equivalence": {
            "tokenizer": "rjieba 0.2.2",
            "pieces": 11,
            "tokens": 100,
            "differing": 2,
            "examples": [("蚂蚁金服", "蚂蚁 金服")],
        },
        "scales": [point(10, 0.1, 0.4, 0.1), point(100, 1.0, 4.0, 0.5)],
    }
    text = bench_report.report(results)
    assert "| 100×: no slower than plain | 2.0× | MISSES |" in text
    assert "| time per piece: ≤ +10% | 100× vs 10× (1000× not run): +0% |" in text
    assert "2 of 100 tokens differ" in text and "蚂蚁金服 → 蚂蚁 金服" in text
    assert "about 80 s extrapolated" in text
    results["scales"].append(point(1000, 10.0, 40.0, 5.0))
    text = bench_report.report(results)
    assert "| keyness + leave-one-out |" in text and "timed out" in text
    assert "| 1000×: whole pipeline ≤ 5 min | ≥ 670.0 s | MISSES |" in text
    assert "1000× vs 100×: ≥ +738% | MISSES |" in text
    from antcorpus.project.bench_plot import plot

    assert plot(results, tmp_path / "bench.png").stat().st_size > 10_000


def test_stage_handovers_load_only_what_this_run_signed(tmp_path, monkeypatch):
    """A pickle planted in the work folder is refused, never unpickled."""
    import pickle

    from antcorpus.project import bench_stages

    monkeypatch.setenv("ANTCORPUS_BENCH_KEY", "k" * 64)
    bench_stages.put(tmp_path, "tokens", [["监管"]])
    assert bench_stages.get(tmp_path, "tokens") == [["监管"]]
    planted = pickle.dumps(["planted"])
    (tmp_path / "tokens.pkl").write_bytes(b"\0" * 32 + planted)
    with pytest.raises(ValueError, match="not written by this run"):
        bench_stages.get(tmp_path, "tokens")
