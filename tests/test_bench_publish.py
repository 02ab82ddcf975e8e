"""Publishing helpers (the benchmark's tests are in test_bench.py)."""

from antcorpus.project import publish


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
