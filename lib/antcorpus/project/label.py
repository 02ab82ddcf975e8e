"""Blind tone labels: draw a sheet and its key, label in the terminal, join afterwards.

    python -m antcorpus.project.label draw [--out FOLDER] [--n 160] [--seed 2026]
    python -m antcorpus.project.label label --annotator NAME [--sheet FOLDER/sheet.tsv]\
        [--out FOLDER/labels-NAME.tsv]
    python -m antcorpus.project.label join --out joined.tsv [--key FOLDER/key.tsv]\
        [--labels a.tsv b.tsv]

FOLDER defaults to the corpus folder's analysis/labels (the corpus: --corpus, else
$ANTCORPUS_SEEDS, else seeds/); join reads every FOLDER/labels-*.tsv by default. The
sheet holds only an item id and the sentence; which piece, era and sentence each item
is lives in the key, which annotators do not open until labelling is done.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

import numpy as np
import pandas as pd

from ..config import read_tsv
from ..corpus.knowledge import analysis_dir, resource_rows
from ..corpus.load import load_corpus
from ..stats.tone import LABELS
from ..text.units import corpus_reshape

MIN_ITEMS = 150
MIN_PER_PIECE = 8
MIN_CHARS = 15
KEYS = {"o": "optimistic", "n": "neutral", "c": "critical"}
LABELS_FOLDER = "labels"  # inside the corpus folder's analysis/
KEY_COLUMNS = ["item", "doc_id", "era", "sentence", "earlier_row", "drawn"]
LABEL_COLUMNS = ["item", "annotator", "label"]
EARLIER = ["doc_id", "era", "label", "text"]  # analysis/tone_labels.tsv
PROMPT = "o optimistic / n neutral / c critical / s skip / q quit > "


def allocate(sizes: pd.Series, n: int, minimum: int = MIN_PER_PIECE) -> pd.Series:
    """Split n over strata in proportion to size, at least `minimum` each, capped."""
    if n > sizes.sum() or sizes.clip(upper=minimum).sum() > n:
        raise ValueError(f"cannot draw {n} from strata of sizes {sizes.tolist()}")
    fixed, free = pd.Series(0, index=sizes.index[:0]), sizes.copy()
    while True:
        share = (n - fixed.sum()) * free / free.sum()
        floor = free.clip(upper=minimum)
        pinned = pd.concat([floor[share < floor], free[share > free]])
        if pinned.empty:
            break
        fixed, free = pd.concat([fixed, pinned]), free.drop(pinned.index)
    alloc = np.floor(share).astype(int)
    extra = int(n - fixed.sum() - alloc.sum())
    order = (share - alloc).sort_values(ascending=False, kind="stable").index
    alloc[order[:extra]] += 1
    return pd.concat([fixed, alloc]).astype(int).reindex(sizes.index)


def stratified_draw(
    sentences: pd.DataFrame, n: int, seed: int, minimum: int = MIN_PER_PIECE
) -> pd.DataFrame:
    """Sentences of dated pieces (>= MIN_CHARS), drawn per piece by `allocate`."""
    usable = sentences[
        sentences["date_start"].notna() & (sentences["text"].str.len() >= MIN_CHARS)
    ]
    sizes = usable.groupby("doc_id", sort=False).size()
    rng = np.random.default_rng(seed)
    parts = [
        usable[usable["doc_id"] == doc].sample(n=k, random_state=rng)
        for doc, k in allocate(sizes, n, minimum).items()
    ]
    return pd.concat(parts)


def earlier_rows(sentences: pd.DataFrame, earlier: pd.DataFrame) -> pd.Series:
    """Sentence index → 1-based row of the earlier sample (same piece and text)."""
    index = sentences.reset_index().set_index(["doc_id", "text"])["index"]
    pairs = list(zip(earlier["doc_id"], earlier["text"], strict=True))
    missing = [p for p in pairs if p not in index.index]
    if missing:
        raise ValueError(f"earlier sample sentences not in the corpus: {missing[:3]}")
    return pd.Series(range(1, len(pairs) + 1), index=index.loc[pairs].to_numpy())


def draw_items(
    sentences: pd.DataFrame, earlier: pd.DataFrame, n: int, seed: int
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(sheet, key): the stratified draw plus the earlier sample, shuffled by seed."""
    drawn = stratified_draw(sentences, n, seed).index
    rows = earlier_rows(sentences, earlier)
    chosen = drawn.union(rows.index)
    order = np.random.default_rng(seed).permutation(chosen.to_numpy())
    key = sentences.loc[order, ["doc_id", "era"]].rename_axis("sentence").reset_index()
    key.insert(0, "item", [f"b{i:03d}" for i in range(1, len(key) + 1)])
    key["drawn"] = key["sentence"].isin(drawn).astype(int)
    key["earlier_row"] = key["sentence"].map(rows).astype("Int64")
    text = sentences.loc[order, "text"].to_numpy()
    sheet = pd.DataFrame({"item": key["item"].to_numpy(), "text": text})
    return sheet.reset_index(drop=True), key[KEY_COLUMNS]


def sheet_header(n_items: int, n_earlier: int, seed: int) -> list[str]:
    """The sheet's comment lines: what it is and how to label it, nothing per item."""
    return [
        f"Blind tone labelling sheet: {n_items} sentences, random order (seed {seed}).",
        "Label each sentence on its own by the corpus's analysis/tone_guideline.md;",
        "piece, era, date and neighbouring sentences are not shown on purpose.",
        f"It includes every sentence of the earlier labelled sample ({n_earlier},",
        "analysis/tone_labels.tsv), so earlier and blind labels can be compared; the",
        f"others are stratified by piece (every dated piece, >= {MIN_PER_PIECE} each).",
        "Label: python -m antcorpus.project.label label --sheet sheet.tsv "
        "--out labels.tsv --annotator NAME",
    ]


def write_tsv(path: Path, table: pd.DataFrame, header: list[str]) -> None:
    """A tab-separated file with `#` comment lines above the column names."""
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.writelines(f"# {line}\n" for line in header)
        table.to_csv(fh, sep="\t", index=False, lineterminator="\n")


def labels_dir(corpus=None) -> Path:
    """The corpus folder's blind-label folder, analysis/labels (which may not exist)."""
    return analysis_dir(corpus) / LABELS_FOLDER


def draw(
    folder: Path, n: int = 160, seed: int = 2026, force: bool = False, corpus=None
) -> tuple[Path, Path]:
    """Draw from the corpus and write FOLDER/sheet.tsv and FOLDER/key.tsv.

    `corpus` is the corpus folder (default: $ANTCORPUS_SEEDS, else seeds/); its earlier
    hand-labelled sample (analysis/tone_labels.tsv), if any, is added to the draw.
    """
    if n < MIN_ITEMS:
        raise ValueError(f"draw at least {MIN_ITEMS} sentences, not {n}")
    if (folder / "sheet.tsv").exists() and not force:
        raise FileExistsError(f"{folder}/sheet.tsv exists (labels may rest on it)")
    sentences = corpus_reshape(load_corpus(corpus), "sentences")
    earlier = pd.DataFrame(resource_rows("tone_labels", corpus), columns=EARLIER)
    sheet, key = draw_items(sentences, earlier, n, seed)
    folder.mkdir(parents=True, exist_ok=True)
    write_tsv(folder / "sheet.tsv", sheet, sheet_header(len(sheet), len(earlier), seed))
    key_header = [
        f"Key to sheet.tsv (seed {seed}, n {n}): do not open before labelling is done.",
        "sentence: row of corpus_reshape(load_corpus(), 'sentences'); earlier_row: row",
        "of analysis/tone_labels.tsv, if in it; drawn: 1 if in the stratified draw.",
    ]
    write_tsv(folder / "key.tsv", key, key_header)
    return folder / "sheet.tsv", folder / "key.tsv"


def labelled_items(out: Path, annotator: str) -> set[str]:
    """Items `annotator` has already labelled in `out` (empty if it does not exist)."""
    if not out.exists():
        return set()
    return {r["item"] for r in read_tsv(out) if r["annotator"] == annotator}


def ask(stdin, stdout) -> str:
    """One valid answer: a label key, s or q (end of input counts as q)."""
    while True:
        stdout.write(PROMPT)
        stdout.flush()
        line = stdin.readline()
        if not line:
            return "q"
        answer = line.strip().lower()
        if answer in KEYS or answer in {"s", "q"}:
            return answer
        stdout.write("  please type o, n, c, s or q\n")


def label_loop(items, out: Path, annotator: str, stdin, stdout) -> int:
    """Show each unlabelled (item, text), append answers to `out`; labels written."""
    done = labelled_items(out, annotator)
    todo = [(item, text) for item, text in items if item not in done]
    stdout.write(f"{len(done)} labelled before, {len(todo)} to go.\n")
    written = 0
    with open(out, "a", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, delimiter="\t", lineterminator="\n")
        if fh.tell() == 0:
            writer.writerow(LABEL_COLUMNS)
        for k, (item, text) in enumerate(todo, 1):
            stdout.write(f"\n[{k}/{len(todo)}] {item}\n{text}\n")
            answer = ask(stdin, stdout)
            if answer == "q":
                break
            if answer in KEYS:
                writer.writerow([item, annotator, KEYS[answer]])
                fh.flush()
                written += 1
    stdout.write(f"\n{written} labels written to {out}.\n")
    return written


def join_labels(
    key: pd.DataFrame, labels: list[pd.DataFrame], earlier: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Key joined to labels: one row per item and annotator (last label counts)."""
    given = pd.concat(labels, ignore_index=True)[LABEL_COLUMNS]
    unknown = set(given["item"]) - set(key["item"]) | set(given["label"]) - set(LABELS)
    if unknown:
        raise ValueError(f"labels hold unknown items or labels: {sorted(unknown)[:5]}")
    given = given.drop_duplicates(["item", "annotator"], keep="last")
    if earlier is not None:
        rows = key.dropna(subset=["earlier_row"])
        old = earlier["label"].to_numpy()[rows["earlier_row"].astype(int) - 1]
        prior = pd.DataFrame({"item": rows["item"], "annotator": "earlier"})
        given = pd.concat([prior.assign(label=old), given], ignore_index=True)
    joined = key.merge(given, on="item", how="inner", validate="one_to_many")
    return joined.sort_values(["item", "annotator"], ignore_index=True)


def read_key(path: Path) -> pd.DataFrame:
    """A key.tsv with its integer columns typed (earlier_row may be empty)."""
    key = pd.DataFrame(read_tsv(path))
    key[["sentence", "drawn"]] = key[["sentence", "drawn"]].astype(int)
    rows = pd.to_numeric(key["earlier_row"].replace("", None))
    return key.assign(earlier_row=rows.astype("Int64"))[KEY_COLUMNS]


def main(argv: list[str] | None = None) -> int:
    """Command line: draw, label or join (paths default to the corpus's labels)."""
    parser = argparse.ArgumentParser(prog="python -m antcorpus.project.label")
    corpus = argparse.ArgumentParser(add_help=False)
    corpus.add_argument(
        "--corpus", type=Path, help="corpus folder (default: $ANTCORPUS_SEEDS, seeds/)"
    )
    sub = parser.add_subparsers(dest="command", required=True)
    d = sub.add_parser(
        "draw", parents=[corpus], help="write FOLDER/sheet.tsv and FOLDER/key.tsv"
    )
    d.add_argument("--out", type=Path, help="FOLDER (default: analysis/labels)")
    d.add_argument("--n", type=int, default=160)
    d.add_argument("--seed", type=int, default=2026)
    d.add_argument("--force", action="store_true", help="overwrite an existing draw")
    la = sub.add_parser("label", parents=[corpus], help="label a sheet in the terminal")
    la.add_argument("--sheet", type=Path, help="default: analysis/labels/sheet.tsv")
    la.add_argument("--out", type=Path, help="default: analysis/labels/labels-NAME.tsv")
    la.add_argument("--annotator", required=True)
    j = sub.add_parser("join", parents=[corpus], help="join labels to the key")
    j.add_argument("--key", type=Path, help="default: analysis/labels/key.tsv")
    j.add_argument(
        "--labels", type=Path, nargs="+", help="default: analysis/labels/labels-*.tsv"
    )
    j.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    folder = labels_dir(args.corpus)
    if args.command == "draw":
        try:
            paths = draw(args.out or folder, args.n, args.seed, args.force, args.corpus)
        except (ValueError, FileExistsError) as error:
            parser.exit(2, f"error: {error}\n")
        print(*paths, sep="\n")
    elif args.command == "label":
        sheet = args.sheet or folder / "sheet.tsv"
        out = args.out or folder / f"labels-{args.annotator}.tsv"
        items = [(r["item"], r["text"]) for r in read_tsv(sheet)]
        label_loop(items, out, args.annotator, sys.stdin, sys.stdout)
    else:
        paths = args.labels or sorted(folder.glob("labels-*.tsv"))
        if not paths:
            parser.exit(2, f"error: no labels given and none in {folder}\n")
        labels = [pd.DataFrame(read_tsv(p)) for p in paths]
        earlier = pd.DataFrame(resource_rows("tone_labels", args.corpus))
        key = read_key(args.key or folder / "key.tsv")
        joined = join_labels(key, labels, earlier if len(earlier) else None)
        joined.to_csv(args.out, sep="\t", index=False, lineterminator="\n")
        print(f"{len(joined)} rows ({joined['item'].nunique()} items) to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
