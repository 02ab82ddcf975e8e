"""Robustness of text-level findings across analyst choices (notebook 06).

A specification is one combination of choices (segmenter, stopword list, masking of the
target text's format, reference set). For each, every feature (a term or
a concept group) is tested with pieces as the unit: Crawford–Howell when the target is
one piece, exact permutation otherwise (`textstat_evidence`). The rule for the mark is
fixed before looking. In each specification the features' two-sided p-values are
Holm-adjusted together (many features are tested at once), and a feature counts as
*significant* there when its adjusted p is below `alpha` **and** the target lies beyond
every reference piece (a distribution-free condition: the single-case t assumes roughly
normal reference rates, which a handful of texts cannot show). A specification is
*untestable* for a feature when the test is undefined there (every reference piece at
one rate, e.g. all zero, or a term the segmenter never produces). A feature is
**untestable** when fewer than half of the specifications are testable; otherwise its
difference is **robust** when significant, in one direction, in every testable
specification; **fragile** when in some; **not supported** when in none. With one target
text an exact permutation test over pieces cannot go below 1/(n+1), so a robust mark
rests on the single-case test's assumption; the floor is printed beside it.

The genre-matched reference needs a regular expression on the catalog's genre (a
corpus's `genre_matched` in analysis.yaml); without one (`genre=None`) that reference
choice is left out of the grid (`usable_grid`), and the curve's attrs say so.
"""

from __future__ import annotations

import itertools
from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd

from ..text import variants
from .counts import tokens_dfm
from .evidence import textstat_evidence
from .keyness import keyness_table
from .smallcounts import small_count_keyness
from .sparse import dfm_docs, dfm_select, dfm_total

ALPHA = 0.05
# The default grid: 4 segmenters x 2 stopword lists x masking x 2 references = 32.
DEFAULT_GRID = {
    "segmenter": list(variants.SEGMENTERS),
    "stoplist": ["iso+project", "project"],
    "masked": [False, True],
    "reference": ["era", "genre-matched"],
}
MARKS = ("robust", "fragile", "not supported", "untestable")
GENRE_MATCHED = "genre-matched"


@dataclass(frozen=True)
class Spec:
    """One combination of analyst choices."""

    segmenter: str
    stoplist: str
    masked: bool
    reference: str


def spec_grid(**choices) -> list[Spec]:
    """Every combination of the given choices (keyword: list of values), in order."""
    names = list(Spec.__dataclass_fields__)
    values = [choices[n] for n in names]
    return [Spec(*combo) for combo in itertools.product(*values)]


def usable_grid(grid: dict[str, list], genre: str | None) -> dict[str, list]:
    """`grid` without the genre-matched reference when there is no genre regex."""
    if genre is not None or GENRE_MATCHED not in grid.get("reference", []):
        return dict(grid)
    return grid | {"reference": [r for r in grid["reference"] if r != GENRE_MATCHED]}


def spec_tokens(
    corpus: pd.DataFrame, spec: Spec, target: str, reference: str, genre: str | None
) -> tuple[list[list[str]], pd.Series]:
    """Tokens of every piece under `spec`, and each piece's side (target/reference/era).

    `genre` is a regular expression on the catalog's genre field that selects the
    genre-matched reference set (required by a genre-matched `spec`); the target's
    format is masked when `spec.masked`.
    """
    if spec.reference == GENRE_MATCHED and genre is None:
        raise ValueError("a genre-matched reference needs a genre regular expression")
    is_target = (corpus["era"] == target).to_numpy()
    texts = [
        variants.text_mask(t)[0] if spec.masked and hit else t
        for t, hit in zip(corpus["text"], is_target, strict=True)
    ]
    tokens = variants.tokens_variant(texts, spec.segmenter, spec.stoplist)
    ref = corpus["era"] == reference
    if spec.reference == GENRE_MATCHED:
        ref = corpus["genre"].str.contains(genre, regex=True)
    side = corpus["era"].where(~ref, "reference").where(~is_target, target)
    return tokens, pd.Series(side.to_numpy(), index=corpus["doc_id"].to_numpy())


def robustness_curve(
    corpus: pd.DataFrame,
    features: dict[str, set[str]],
    target: str,
    reference: str,
    grid: dict[str, list],
    genre: str | None = None,
) -> pd.DataFrame:
    """Long table: every specification of `grid` x every feature, direction and p.

    Without a genre regex (`genre=None`) the genre-matched reference is skipped;
    `attrs["skipped"]` names what was left out (empty when nothing was).
    """
    rows = []
    doc_ids = corpus["doc_id"].tolist()
    usable = usable_grid(grid, genre)
    for spec in spec_grid(**usable):
        tokens, side = spec_tokens(corpus, spec, target, reference, genre)
        found = spec_evidence(tokens, doc_ids, side, target, features)
        rows += spec_row(spec, found)
    curve = pd.DataFrame(rows)
    skipped = [r for r in grid.get("reference", []) if r not in usable["reference"]]
    curve.attrs = {
        "target": target,
        "reference": reference,
        "unit": "piece",
        "skipped": [f"{r} reference" for r in skipped],
    }
    return curve


def spec_evidence(
    tokens: list[list[str]],
    doc_ids: list[str],
    groups: pd.Series,
    target: str,
    features: dict[str, set[str]],
) -> pd.DataFrame:
    """Text-level evidence for each feature in one specification's tokens."""
    dfm = tokens_dfm(tokens, doc_ids, sparse=True)
    return textstat_evidence(dfm, groups, target, "reference", features)


def spec_row(spec: Spec, evidence: pd.DataFrame) -> list[dict]:
    """Long rows: the specification's choices plus each feature's direction and p."""
    rows, n_ref = [], evidence.attrs["n_reference"]
    for feature, r in evidence.iterrows():
        up = r["target_rate"] >= r["reference_mean"]
        rows.append(
            asdict(spec)
            | {
                "feature": feature,
                "direction": "higher" if up else "lower",
                "target_rate": r["target_rate"],
                "reference_min": r["reference_min"],
                "reference_max": r["reference_max"],
                "p_one_sided": r["p_one_sided"],
                "p_two_sided": r["p_two_sided"],
                "beyond_all": r["n_reference_below"] in (0, n_ref),
                "p_floor": r["p_floor"],
            }
        )
    return rows


def robustness_marks(curve: pd.DataFrame, alpha: float = ALPHA) -> pd.DataFrame:
    """Per feature: testable specifications, significant ones each way, and the mark."""
    curve = holm_within_specs(curve)
    rows = [
        _feature_mark(f, part, alpha)
        for f, part in curve.groupby("feature", sort=False)
    ]
    table = pd.DataFrame(rows)
    table.attrs = {"alpha": alpha, "rule": __doc__.split("before looking.")[1].strip()}
    return table


def holm_within_specs(curve: pd.DataFrame) -> pd.DataFrame:
    """Add `p_holm`: two-sided p, Holm-adjusted over the features of each spec."""
    specs = [c for c in Spec.__dataclass_fields__ if c in curve.columns]
    adjusted = pd.Series(np.nan, index=curve.index)
    for _, part in curve.groupby(specs, sort=False) if specs else [(None, curve)]:
        tested = part["p_two_sided"].dropna()
        if len(tested):
            adjusted[tested.index] = _holm(tested.to_numpy())
    return curve.assign(p_holm=adjusted)


def _holm(p: np.ndarray) -> np.ndarray:
    """Holm's step-down adjusted p-values (monotone, capped at 1)."""
    order = np.argsort(p)
    steps = (len(p) - np.arange(len(p))) * p[order]
    adjusted = np.empty_like(p)
    adjusted[order] = np.minimum(np.maximum.accumulate(steps), 1.0)
    return adjusted


def _feature_mark(feature: str, part: pd.DataFrame, alpha: float) -> dict:
    """One feature's row of the marks table (see the module docstring for the rule)."""
    testable = part[part["p_holm"].notna()]
    hits = testable[(testable["p_holm"] < alpha) & testable["beyond_all"]]
    ways = hits["direction"].value_counts()
    direction = ways.index[0] if len(ways) else part["direction"].mode()[0]
    same = int(ways.get(direction, 0))
    if 2 * len(testable) < len(part):
        mark = MARKS[3]
    elif same and same == len(testable) and len(ways) == 1:
        mark = MARKS[0]
    else:
        mark = MARKS[1] if same else MARKS[2]
    return {
        "feature": feature,
        "specifications": len(part),
        "testable": len(testable),
        "direction": direction,
        "significant_same_direction": same,
        "p_holm_median": testable["p_holm"].median(),
        "p_holm_max": testable["p_holm"].max(),
        "mark": mark,
    }


def keyness_measures(
    dfm,
    target: list,
    reference: list,
    min_count: int,
    alpha: float = ALPHA,
) -> pd.DataFrame:
    """Per term (>= min_count): G² (BH, Bonferroni) beside the small-count measures.

    `dfm` is a dense frame or a `SparseDfm`.
    """
    g = keyness_table(dfm, target, reference, min_count).set_index("term")
    terms = dfm_select(dfm, g.index)  # dense for the tested terms only
    a, b = terms.loc[target].sum(), terms.loc[reference].sum()
    n_a, n_b = dfm_total(dfm, target), dfm_total(dfm, reference)
    total = dfm_total(dfm, dfm_docs(dfm))
    table = small_count_keyness(
        a, b, n_a, n_b, list(g.index), terms.sum(), alpha, total
    )
    table.insert(0, "g2", g["g2"])
    key_g2 = {"key_g2_bh": g["q"] < alpha, "key_g2_bonferroni": g["p"] < alpha / len(g)}
    for name, flags in reversed(key_g2.items()):
        table.insert(table.columns.get_loc("odds_ratio"), name, flags)
    table.attrs = {"min_count": min_count, "alpha": alpha, "unit": "token"}
    return table
