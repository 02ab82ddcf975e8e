"""`python -m antcorpus [FOLDER]`: print the corpus table and the cleaning report.

`python -m antcorpus init FOLDER [--force]` drafts catalog.yaml and SHA256SUMS for a
folder of plain text files.
"""

from __future__ import annotations

import argparse
import sys

import pandas as pd

from .corpus import cleaning_report, draft_catalog, load_corpus, source_report
from .corpus.init import summary
from .errors import CorpusError


def init(argv: list[str]) -> int:
    """Draft catalog.yaml and SHA256SUMS for a folder, then print what to review."""
    parser = argparse.ArgumentParser(
        prog="python -m antcorpus init",
        description="Draft catalog.yaml and SHA256SUMS for a folder of text files.",
    )
    parser.add_argument("folder")
    parser.add_argument("--force", action="store_true", help="overwrite existing ones")
    args = parser.parse_args(argv)
    try:
        draft = draft_catalog(args.folder, force=args.force)
    except CorpusError as err:
        print(f"corpus error: {err}", file=sys.stderr)
        return 2
    print(summary(draft))
    return 0


def main(argv: list[str]) -> int:
    """Print the corpus table, the per-file summary and the cleaning report."""
    if argv and argv[0] == "init":
        return init(argv[1:])
    root = argv[0] if argv else None
    try:
        corpus = load_corpus(root)
    except CorpusError as err:
        print(f"corpus error: {err}", file=sys.stderr)
        return 2
    with pd.option_context(
        "display.width", 200, "display.max_columns", 30, "display.max_colwidth", 40
    ):
        print("Corpus: one row per piece\n")
        print(
            corpus[
                [
                    "doc_id",
                    "era",
                    "date",
                    "date_precision",
                    "author_type",
                    "genre",
                    "n_chars",
                ]
            ].to_string(index=False)
        )
        print(
            "\nSource files: characters left outside every piece are page chrome"
            " and repeated blocks\n"
        )
        print(source_report(root).to_string(index=False))
        print("\nCleaning report: instances each step changed, per piece\n")
        print(cleaning_report(root, wide=True).to_string())
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
