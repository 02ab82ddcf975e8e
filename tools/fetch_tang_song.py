"""Rebuild `corpora/tang-song-shi/` from the chinese-poetry npm package (MIT).

    npm pack chinese-poetry@2.0.1 && tar xzf chinese-poetry-2.0.1.tgz
    python tools/fetch_tang_song.py package/dist/quantangshi corpora/tang-song-shi

Each poet's poems are taken in the package's order until the piece holds at least
`HAN_PER_PIECE` Han characters; the text is written as the package gives it
(traditional characters), one poem per paragraph (title line, then the poem).
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
import sys
from pathlib import Path

HAN_PER_PIECE = 3000
# (doc_id, poet as the package spells them, file prefix, floruit year, era)
POETS = [
    ("meng-haoran", "孟浩然", "tang", 729, "盛唐"),
    ("li-bai", "李白", "tang", 741, "盛唐"),
    ("wang-wei", "王維", "tang", 741, "盛唐"),
    ("du-fu", "杜甫", "tang", 752, "盛唐"),
    ("bai-juyi", "白居易", "tang", 812, "中晚唐"),
    ("du-mu", "杜牧", "tang", 843, "中晚唐"),
    ("li-shangyin", "李商隱", "tang", 853, "中晚唐"),
    ("wang-anshi", "王安石", "song", 1061, "宋"),
    ("su-shi", "蘇軾", "song", 1077, "宋"),
    ("huang-tingjian", "黄庭堅", "song", 1085, "宋"),
    ("lu-you", "陸游", "song", 1165, "宋"),
    ("yang-wanli", "楊萬里", "song", 1167, "宋"),
]
ERAS = [
    ("盛唐", "0713-01-01", "0765-12-31"),
    ("中晚唐", "0766-01-01", "0907-12-31"),
    ("宋", "0960-01-01", "1279-12-31"),
]
OUTLET = {"tang": "全唐詩 (Quan Tang Shi)", "song": "全宋詩 (Quan Song Shi)"}
HAN = re.compile(r"[\u4e00-\u9fff]")


def poems(source: Path, kind: str):
    """Every poem of one dynasty's files, in the package's file order."""
    files = sorted(
        source.glob(f"poet.{kind}.*.json"), key=lambda p: int(p.name.split(".")[2])
    )
    for path in files:
        yield from json.loads(path.read_text(encoding="utf-8"))


def piece(source: Path, poet: str, kind: str) -> str:
    """The poet's first poems, up to HAN_PER_PIECE Han characters, as paragraphs."""
    out, han = [], 0
    for poem in poems(source, kind):
        if poem["author"] != poet:
            continue
        body = "".join(poem["paragraphs"]).strip()
        out.append(f"{poem['title'].strip()}\n{body}")
        han += len(HAN.findall(body))
        if han >= HAN_PER_PIECE:
            break
    return "\n\n".join(out) + "\n"


def main(source: Path, target: Path) -> None:
    target.mkdir(parents=True, exist_ok=True)
    rows = []
    for doc_id, poet, kind, year, era in POETS:
        name = f"{doc_id}.txt"
        (target / name).write_text(piece(source, poet, kind), encoding="utf-8")
        rows.append(
            [
                name,
                doc_id,
                f"{poet}詩選",
                poet,
                f"{year:04d}",
                "human",
                OUTLET[kind],
                "shi poetry",
                "traditional",
                f"dated by floruit (age 40); era {era}",
            ]
        )
    with open(target / "metadata.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(
            [
                "file",
                "doc_id",
                "title",
                "author",
                "date",
                "author_type",
                "outlet",
                "genre",
                "script",
                "notes",
            ]
        )
        w.writerows(rows)
    with open(target / "eras.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["name", "start", "end"])
        w.writerows(ERAS)
    sums = [
        f"{hashlib.sha256((target / r[0]).read_bytes()).hexdigest()}  {r[0]}"
        for r in rows
    ]
    (target / "SHA256SUMS").write_text("\n".join(sums) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
