"""Benchmark corpora: the seeds' sentences resampled into new pieces, as corpus folders.

Scale s makes s pieces for every real piece. Generated piece i copies the paragraph
shape (sentences per paragraph) of real piece i mod n and fills every slot with a
sentence drawn, with replacement and a fixed seed, from all the sentences of that
piece's era; its date is drawn from the real pieces of the same era. No text is
replicated: a generated paragraph of two or more sentences repeats a real one only
by chance. The vocabulary is still the seeds' (drawing sentences adds no new words).
Each piece is one file whose span is the whole file; the eras are copied from the
seeds' catalog, so every generated folder loads with `load_corpus`.
"""

from __future__ import annotations

import hashlib
import random
import shutil
from pathlib import Path

import yaml

from ..config import CATALOG_NAME, SEEDS, SUMS_NAME
from ..corpus.load import load_corpus
from ..text.units import split_paragraphs, split_sentences

SEED = 20261125
ANCHOR = 12  # characters in a span's start anchor (the end anchor grows until unique)
Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def seed_shapes(seeds: Path = SEEDS) -> tuple[list[dict], dict[str, list[str]]]:
    """Each real piece's era, date and sentences per paragraph; sentences by era."""
    shapes, pools = [], {}
    for piece in load_corpus(seeds).itertuples():
        paragraphs = [split_sentences(p) for p in split_paragraphs(piece.text)]
        paragraphs = [p for p in paragraphs if p]
        pools.setdefault(piece.era, []).extend(s for p in paragraphs for s in p)
        shapes.append(
            {
                "doc_id": piece.doc_id,
                "era": piece.era,
                "date": piece.date if isinstance(piece.date, str) else None,
                "date_precision": piece.date_precision,
                "sizes": [len(p) for p in paragraphs],
            }
        )
    return shapes, pools


def piece_text(sizes: list[int], pool: list[str], rng: random.Random) -> str:
    """Paragraphs of the given sizes, each sentence drawn from `pool`."""
    return "\n".join("".join(rng.choices(pool, k=n)) for n in sizes)


def whole_span(text: str) -> dict:
    """Anchors whose span is the whole text: its first characters, a unique tail."""
    size = ANCHOR
    while text.find(text[-size:]) != len(text) - size and size < len(text):
        size *= 2
    end = text[-size:] if size < len(text) else text
    return {"start": text[:ANCHOR], "end": end, "occurrence": 1}


def catalog_entry(name: str, text: str, shape: dict, dated: dict) -> dict:
    """The catalog entry of one generated piece (one file, its span the whole file)."""
    return {
        "doc_id": name,
        "source_file": f"{name}.txt",
        "spans": [whole_span(text)],
        "script": "simplified",
        "title": f"resampled {shape['doc_id']}",
        "author": "bench generator",
        "author_type": "unknown",
        "outlet": "bench",
        "genre": "sentences resampled within an era",
        "date": dated["date"],
        "date_precision": dated["date_precision"],
        "date_evidence": f"drawn from {dated['doc_id']}",
        "notes": f"shape of {shape['doc_id']}, seed {SEED}",
    }


def generate(scale: int, seeds: Path = SEEDS) -> tuple[list[dict], dict[str, str]]:
    """The catalog entries and file texts of one scale (seeded, so repeatable)."""
    shapes, pools = seed_shapes(seeds)
    rng = random.Random(f"{SEED}-{scale}")
    by_era = {}
    for shape in shapes:
        by_era.setdefault(shape["era"], []).append(shape)
    entries, texts = [], {}
    for i in range(scale * len(shapes)):
        shape = shapes[i % len(shapes)]
        name = f"g{i:06d}"
        text = piece_text(shape["sizes"], pools[shape["era"]], rng)
        dated = rng.choice(by_era[shape["era"]])
        entries.append(catalog_entry(name, text, shape, dated))
        texts[f"{name}.txt"] = text
    return entries, texts


def write_corpus(folder: Path, scale: int, seeds: Path = SEEDS) -> Path:
    """Write one scale as a corpus folder (files, SHA256SUMS, catalog.yaml)."""
    entries, texts = generate(scale, seeds)
    staging = folder.with_name(f".{folder.name}.tmp")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    sums = []
    for name, text in texts.items():
        data = text.encode("utf-8")
        (staging / name).write_bytes(data)
        sums.append(f"{hashlib.sha256(data).hexdigest()}  {name}\n")
    (staging / SUMS_NAME).write_text("".join(sums), encoding="utf-8")
    catalog = {"version": 1, "eras": seed_eras(seeds), "pieces": entries}
    with open(staging / CATALOG_NAME, "w", encoding="utf-8") as fh:
        yaml.dump(catalog, fh, Dumper=Dumper, allow_unicode=True, sort_keys=False)
    shutil.rmtree(folder, ignore_errors=True)
    staging.rename(folder)
    return folder


def seed_eras(seeds: Path = SEEDS) -> list[dict]:
    """The eras of the seeds' catalog, copied as written."""
    with open(seeds / CATALOG_NAME, encoding="utf-8") as fh:
        return yaml.safe_load(fh)["eras"]
