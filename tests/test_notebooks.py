"""Committed notebooks read cleanly.

Executed 1..n, no errors or tofu, no machine paths, clean metadata.
"""

import json
import re

import nbformat
import pytest

from antcorpus.project import runner as build

NOTEBOOKS = build.notebooks()
MACHINE_PATH = re.compile(r"/(work|root|tmp|home|Users)/")
SECTIONS = ("## Findings", "## Caveats")


def test_strip_metadata_strips_machine_state():
    nb = nbformat.v4.new_notebook(
        metadata={
            "kernelspec": {"name": "x", "display_name": "X"},
            "language_info": {"name": "python", "version": "3.11"},
            "widgets": {"path": "/home/me"},
        }
    )
    nb.cells = [
        nbformat.v4.new_code_cell(
            "1", metadata={"execution": {"iopub.status.busy": "2026"}, "tags": ["p"]}
        )
    ]
    build.strip_metadata(nb)
    assert nb.metadata == {
        "kernelspec": build.KERNELSPEC,
        "language_info": {"name": "python"},
    }
    assert nb.cells[0].metadata == {"tags": ["p"]}


def test_notebooks_are_numbered_verb_object():
    assert NOTEBOOKS, "no notebooks found"
    assert all(re.match(r"^\d\d-[a-z]+-[a-z-]+\.ipynb$", p.name) for p in NOTEBOOKS)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_committed_notebook_is_clean(path):
    nb = nbformat.read(path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code" and c.source.strip()]
    assert [c.execution_count for c in code] == list(range(1, len(code) + 1)), (
        "rebuild with `make`"
    )
    outputs = [o for c in code for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    text = "".join(o.get("text", "") for o in outputs)
    assert not re.search(r"missing from (current )?font|Glyph \d+", text)
    assert not MACHINE_PATH.search(json.dumps(nb.metadata) + text)
    assert nb.metadata == {
        "kernelspec": build.KERNELSPEC,
        "language_info": {"name": "python"},
    }
    assert not [c for c in nb.cells if {"execution", "ExecuteTime"} & set(c.metadata)]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_reads_as_a_document(path):
    nb = nbformat.read(path, as_version=4)
    prose = [c.source for c in nb.cells if c.cell_type == "markdown"]
    assert prose[0].startswith("# ") and "will not" in prose[0].lower()
    assert all(any(s in p for p in prose) for s in SECTIONS)
    kinds = [c.cell_type for c in nb.cells]
    assert "code" not in {
        a for a, b in zip(kinds, kinds[1:], strict=False) if a == b == "code"
    }, "prose between code cells"


def test_readme_findings_are_the_robustness_notebooks_output():
    """The README's findings block is notebook 06's Findings output, never typed."""
    from antcorpus.project import publish, readme

    text = readme.README.read_text(encoding="utf-8")
    summaries = [publish.notebook_summary(p) for p in NOTEBOOKS]
    block = readme.findings_block(summaries)
    assert block and block in text, "README findings block is stale; run `make`"
    assert "p = " in block and "robust" in block
