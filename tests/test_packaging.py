"""pyproject.toml, requirements.lock and environment.yml must agree.

Ranges in pyproject.toml, exact pins in requirements.lock.
"""

from __future__ import annotations

import tomllib

import yaml
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name

from antcorpus.config import REPO

PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))[
    "project"
]
ENV = yaml.safe_load((REPO / "environment.yml").read_text(encoding="utf-8"))


def pins() -> dict[str, str]:
    """{canonical name: exact version} from requirements.lock."""
    out = {}
    for line in (REPO / "requirements.lock").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            name, version = line.split("==")
            out[canonicalize_name(name)] = version.strip()
    return out


def declared() -> list[Requirement]:
    """Every requirement pyproject declares, core and optional."""
    groups = [PYPROJECT["dependencies"], *PYPROJECT["optional-dependencies"].values()]
    return [Requirement(r) for group in groups for r in group]


def test_every_declared_dependency_is_pinned_inside_its_range():
    locked = pins()
    for req in declared():
        name = canonicalize_name(req.name)
        assert name in locked, f"{req.name} is not pinned in requirements.lock"
        assert req.specifier.contains(locked[name]), (
            f"{req.name}=={locked[name]} is outside {req.specifier}"
        )


def test_lock_pins_everything_exactly_once():
    lines = [
        x for x in (REPO / "requirements.lock").read_text().splitlines() if x.strip()
    ]
    assert all(x.count("==") == 1 for x in lines)
    assert len({canonicalize_name(x.split("==")[0]) for x in lines}) == len(lines)


def test_environment_yml_uses_the_same_requirements():
    deps = ENV["dependencies"]
    python = next(d for d in deps if isinstance(d, str) and d.startswith("python="))
    assert SpecifierSet(PYPROJECT["requires-python"]).contains(
        python.split("=")[1] + ".0"
    )
    pip_section = next(d["pip"] for d in deps if isinstance(d, dict))
    assert "-c requirements.lock" in pip_section
    assert any(x.startswith("-e .") for x in pip_section)
