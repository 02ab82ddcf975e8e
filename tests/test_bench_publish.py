"""Benchmark report and publishing helpers."""

from antcorpus.project import bench, publish


def test_bench_report_marks_targets():
    load = {"load_cold_s": 0.1, "warm_load_s": 0.5}
    tok = {"chars": 100, "tokenize_s": 1.0, "jieba_lcut_s": 1.0, "tokenize_ratio": 1.0}
    scale = [
        {
            "factor": f,
            "units": f,
            "tokens": f,
            "seconds": f,
            "work_seconds": w,
            "peak_mb": 100,
        }
        for f, w in ((1, 0.1), (10, 1.0), (100, 12.0))
    ]
    text = bench.report(load, tok, {"01-x.ipynb": 1.0}, scale)
    assert "≤ 0.3 s: MISSES target" in text  # warm load 0.5 s
    assert "+20.0% | at most +10% above linear: MISSES target" in text
    assert "≤ 1.3x: meets target" in text


def test_scale_point_runs_and_reports_memory():
    row = bench.scale_run(1)
    assert (
        row["units"] > 100
        and row["tokens"] > 5000
        and 0 < row["work_seconds"] <= row["seconds"]
    )
    assert row["peak_mb"] > 0


def test_plain_caption_keeps_identifiers_and_masks():
    assert (
        publish.plain(
            "The **rule** uses `c_npmi`; years masked as `####`.\n\nSecond paragraph."
        )
        == "The rule uses c_npmi; years masked as ####."
    )


def test_figure_patterns_never_double_count_literal_names(tmp_path):
    for name in ("02-cloud-2020", "02-cloud-compare"):
        (tmp_path / f"{name}.png").write_bytes(b"")
    summaries = [
        {
            "stem": "02-count-terms",
            "figures": [("02-cloud-*", "per era"), ("02-cloud-compare", "compare")],
        }
    ]
    got = publish.figure_entries(summaries, tmp_path)
    assert [(e["name"], e["caption"]) for e in got] == [
        ("02-cloud-2020", "per era"),
        ("02-cloud-compare", "compare"),
    ]
