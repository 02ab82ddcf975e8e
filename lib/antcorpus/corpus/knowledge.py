"""What a corpus folder knows about itself: the files in its `analysis/` folder.

Everything specific to one corpus lives beside its catalog, never in code: the
contrast to draw, terms the notebooks quote, aliases, concept groups, domain
dictionary, glossary, frame lexicon and hand labels. A missing file means the corpus
lacks that resource; the notebook section that needs it says so and skips.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..config import read_tsv, seeds_dir
from ..errors import CorpusError
from .yamlsafe import load_yaml

ANALYSIS = "analysis"
SETTINGS = "analysis.yaml"
# Resource -> file (or folder) inside analysis/.
RESOURCES = {
    "concepts": "concepts.tsv",
    "dictionary": "domain_dict.tsv",
    "glossary": "glossary.tsv",
    "frames": "frames.tsv",
    "tone_labels": "tone_labels.tsv",
    "topic_labels": "topic_labels.tsv",
    "blind_labels": "labels",
}
# analysis.yaml's fields. `concept_groups` (optional) says how concepts.tsv's groups
# become features: `unsummed: [group, ...]` are tracked term by term, never summed;
# `merged: {name: [group, ...]}` adds a group uniting those groups' terms (e.g. a group
# as it was before a split), reported beside its parts (`stats.concept_features`).
FIELDS = (
    "contrast",
    "terms",
    "aliases",
    "genre_matched",
    "recent_year",
    "concept_groups",
)
ROLES = ("target", "reference", "middle")


@dataclass(frozen=True)
class Knowledge:
    """A corpus's own analysis settings and resources (see `corpus_knowledge`)."""

    folder: Path
    eras: tuple[str, ...]
    target: str | None
    reference: str | None
    middle: str | None
    terms: dict[str, list[str]] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)
    genre_matched: str | None = None
    recent_year: int | None = None
    concept_groups: dict = field(default_factory=dict)

    def path(self, resource: str) -> Path | None:
        """The resource's file or folder in analysis/; None when the corpus lacks it."""
        path = analysis_dir(self.folder) / RESOURCES[resource]
        return path if path.exists() else None

    def lacks(self, resource: str, what: str) -> str:
        """One sentence for a notebook section that skips for want of a resource."""
        name = f"{ANALYSIS}/{RESOURCES[resource]}"
        return f"This corpus has no `{name}`, so {what} is skipped."

    @property
    def contrast(self) -> bool:
        """Whether there are two eras to contrast."""
        return self.target is not None and self.reference is not None

    def term_list(self, name: str) -> list[str]:
        """A named term list from analysis.yaml (empty when not given)."""
        return list(self.terms.get(name, []))


def analysis_dir(folder=None) -> Path:
    """The corpus folder's analysis/ folder (which may not exist)."""
    return seeds_dir(folder) / ANALYSIS


def read_settings(folder: Path) -> dict:
    """analysis.yaml as a mapping, every field checked; {} when absent."""
    path = analysis_dir(folder) / SETTINGS
    if not path.is_file():
        return {}
    data, problems = load_yaml(path)
    data = {} if data is None else data
    if not isinstance(data, dict):
        raise CorpusError(path, "must be a mapping of fields")
    problems = [p.message for p in problems]
    problems += [
        f"unknown field {k!r} (known: {', '.join(FIELDS)})"
        for k in data
        if k not in FIELDS
    ]
    problems += _check_types(data)
    if problems:
        raise CorpusError(path, "; ".join(problems))
    return data


def _check_types(data: dict) -> list[str]:
    """Type problems of analysis.yaml's fields, one message each."""
    found = []
    for key in ("contrast", "terms", "aliases"):
        if key in data and not isinstance(data[key], dict):
            found.append(f"field {key!r} must be a mapping")
            data[key] = {}
    for role, name in (data.get("contrast") or {}).items():
        if role not in ROLES or not (name is None or isinstance(name, str)):
            found.append(f"contrast.{role}: roles are {ROLES}, each an era name")
    for name, terms in (data.get("terms") or {}).items():
        if not isinstance(terms, list) or not all(isinstance(t, str) for t in terms):
            found.append(f"terms.{name} must be a list of strings")
    for old, new in (data.get("aliases") or {}).items():
        if not (isinstance(old, str) and isinstance(new, str)):
            found.append("aliases must map a string to a string")
    found += _check_genre(data.get("genre_matched"))
    year = data.get("recent_year") or 0
    if not isinstance(year, int) or isinstance(year, bool):
        found.append("recent_year must be a year (an integer)")
    return found + _check_concept_groups(data.get("concept_groups") or {})


def _check_concept_groups(value) -> list[str]:
    """Type problems of the `concept_groups` field (see FIELDS)."""
    if not isinstance(value, dict) or set(value) - {"unsummed", "merged"}:
        return ["concept_groups must be a mapping with `unsummed` and/or `merged`"]
    found = []
    unsummed = value.get("unsummed", [])
    if not isinstance(unsummed, list) or not all(isinstance(g, str) for g in unsummed):
        found.append("concept_groups.unsummed must be a list of group names")
    merged = value.get("merged", {})
    if not isinstance(merged, dict) or not all(
        isinstance(name, str)
        and isinstance(parts, list)
        and parts
        and all(isinstance(g, str) for g in parts)
        for name, parts in merged.items()
    ):
        found.append("concept_groups.merged must map a name to a list of group names")
    return found


def _check_genre(pattern) -> list[str]:
    """Problems of `genre_matched`: it must be a regular expression that compiles."""
    if pattern is None:
        return []
    if not isinstance(pattern, str):
        return ["genre_matched must be a regular expression (a string)"]
    try:
        re.compile(pattern)
    except re.error as err:
        return [f"genre_matched is not a valid regular expression ({err})"]
    return []


def default_contrast(eras: list[str]) -> dict[str, str | None]:
    """Latest era against the earliest; the middle is the era before the latest."""
    if len(eras) < 2:
        return dict.fromkeys(ROLES)
    middle = eras[-2] if len(eras) > 2 else None
    return {"target": eras[-1], "reference": eras[0], "middle": middle}


def contrast_of(settings: dict, eras: list[str], path: Path) -> dict[str, str | None]:
    """The contrast analysis.yaml names (each era checked), else the default."""
    given = settings.get("contrast") or {}
    chosen = default_contrast(eras) | given
    for role in ROLES:
        name = chosen.get(role)
        if role in given and name is not None and name not in eras:
            raise CorpusError(
                path,
                f"contrast.{role}: {name!r} is not an era with pieces"
                f" (eras: {', '.join(eras) or 'none'})",
            )
    named = [chosen[r] for r in ROLES if chosen[r] is not None]
    if len(named) != len(set(named)):
        raise CorpusError(path, "contrast: target, reference and middle must differ")
    return chosen


def corpus_knowledge(folder=None) -> Knowledge:
    """The corpus folder's knowledge: analysis.yaml's settings and its resources."""
    from .load import process_folder  # loading imports this module's readers

    root = seeds_dir(folder)
    processed = process_folder(root)
    held = set(processed.corpus["era"])
    eras = [e.name for e in processed.eras if e.name in held]
    settings = read_settings(root)
    contrast = contrast_of(settings, eras, analysis_dir(root) / SETTINGS)
    aliases = settings.get("aliases") or {}
    return Knowledge(
        folder=root,
        eras=tuple(eras),
        **contrast,
        terms=dict(settings.get("terms") or {}),
        # Tokens are lower-cased before aliases apply, so the aliases are too.
        aliases={k.lower(): v.lower() for k, v in aliases.items()},
        genre_matched=settings.get("genre_matched"),
        recent_year=settings.get("recent_year"),
        concept_groups=dict(settings.get("concept_groups") or {}),
    )


def resource_rows(resource: str, folder=None) -> list[dict]:
    """Rows of a TSV resource of the corpus folder ([] when the corpus lacks it)."""
    path = analysis_dir(folder) / RESOURCES[resource]
    if not path.is_file():
        return []
    stat = path.stat()
    return list(_rows(path, stat.st_mtime_ns, stat.st_size))


@lru_cache(maxsize=32)
def _rows(path: Path, mtime_ns: int, size: int) -> tuple[dict, ...]:
    """Rows of a TSV file, cached on its path, modification time and size."""
    return tuple(read_tsv(path))


def domain_words(folder=None) -> tuple[str, ...]:
    """The corpus's domain-dictionary words, in file order (() when it has none)."""
    return tuple(row["word"] for row in resource_rows("dictionary", folder))
