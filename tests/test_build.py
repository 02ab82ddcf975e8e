"""The build: loud failures, atomic writes, one build at a time, outputs kept apart.

Synthetic notebooks run through the real runner (a fresh kernel each, a few seconds).
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import nbformat
import pytest

from antcorpus import config
from antcorpus.project import atomic, compare, hygiene, runner
from antcorpus.project.lock import build_lock

SAVE = (
    "import os, pathlib\n"
    "folder = pathlib.Path(os.environ['ANTCORPUS_FIGURES'])\n"
    "folder.mkdir(parents=True, exist_ok=True)\n"
    "(folder / '{name}.csv').write_text('x\\n1\\n')\n"
    "print('saved {name}')"
)
NOISE = (
    "import sys, warnings\n"
    "print('Matplotlib is building the font cache; this may take a moment.',"
    " file=sys.stderr)\n"
    "warnings.warn('findfont: Font family Foo not found.')\n"
    "print('kept on stderr', file=sys.stderr)"
)
BROKEN = "x = 1\ny = 2\nraise ValueError('bad era \\x1b[31m2025\\x07')"


def notebook(path: Path, *sources: str) -> Path:
    """A notebook of code cells with prose between them, written to `path`."""
    nb = nbformat.v4.new_notebook()
    for i, source in enumerate(sources):
        nb.cells += [
            nbformat.v4.new_markdown_cell(f"Step {i}"),
            nbformat.v4.new_code_cell(source),
        ]
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path


@pytest.fixture
def out(tmp_path, monkeypatch):
    """Output folders in tmp_path, with an old figure and a figures README."""
    monkeypatch.setenv("ANTCORPUS_BUILD", str(tmp_path / "build"))
    figures = tmp_path / "figures"
    figures.mkdir()
    (figures / "01-gone.csv").write_text("old\n")
    (figures / "README.md").write_text("# Figures\n")
    (figures / ".gitkeep").write_text("")
    return config.Outputs(
        "test", tmp_path / "nb", figures, tmp_path / "site", tmp_path / "failed"
    )


def test_a_failing_cell_is_loud_and_leaves_committed_outputs(out, capsys):
    good = notebook(out.notebooks / "01-fine-one.ipynb", SAVE.format(name="01-new"))
    bad = notebook(out.notebooks / "02-broken-two.ipynb", "pass", BROKEN)
    before = {p: p.read_bytes() for p in (good, bad)}
    with pytest.raises(runner.BuildFailed) as failed:
        runner.build([(good, good), (bad, bad)], out)
    report = str(failed.value)
    assert "FAILED 02-broken-two.ipynb, code cell 2: ValueError: bad era" in report
    assert "    | raise ValueError" in report and "    | y = 2" in report
    assert str(out.failed / "02-broken-two.ipynb") in report
    assert not any(ch in report for ch in "\x1b\x07")
    assert {p: p.read_bytes() for p in (good, bad)} == before
    saved = nbformat.read(out.failed / "02-broken-two.ipynb", as_version=4)
    assert runner.failing_cell(saved) == 2
    assert sorted(p.name for p in out.figures.iterdir()) == [
        ".gitkeep",
        "01-gone.csv",
        "README.md",
    ]
    assert not list(out.figures.parent.glob(".figures.*"))


def test_a_full_run_writes_notebooks_and_rebuilds_figures(out):
    good = notebook(out.notebooks / "01-fine-one.ipynb", SAVE.format(name="01-new"))
    runner.build([(good, good)], out)
    nb = nbformat.read(good, as_version=4)
    assert nb.cells[1].execution_count == 1
    assert sorted(p.name for p in out.figures.iterdir()) == [
        ".gitkeep",
        "01-new.csv",
        "README.md",
    ]
    assert not [p for p in out.notebooks.iterdir() if p.suffix == ".tmp"]


def test_machine_noise_stays_out_of_outputs_and_the_build_log(tmp_path):
    path = notebook(tmp_path / "01-noisy-cell.ipynb", NOISE)
    env = {
        **os.environ,
        "ANTCORPUS_BUILD": str(tmp_path / "build"),
        "ANTCORPUS_FIGURES": str(tmp_path / "figs"),
    }
    done = subprocess.run(
        [sys.executable, "-m", "antcorpus.project.runner", str(path)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "TCP without encryption" not in done.stderr + done.stdout
    streams = [o for o in nbformat.read(path, 4).cells[1].outputs]
    assert [o.text for o in streams] == ["kept on stderr\n"]


def test_machine_noise_patterns():
    text = (
        "/x/font_manager.py:1: UserWarning: findfont: Font family X not found.\n"
        "  warnings.warn(msg)\n"
        "Matplotlib is building the font cache; this may take a moment.\n"
        "a real warning\n"
    )
    assert hygiene.drop_machine_noise(text) == "a real warning\n"


def test_terminal_safe_strips_control_characters():
    raw = "蚂蚁\x1b[2J\x1b]0;title\x07集团\u202e\x00\n\tok"
    assert hygiene.terminal_safe(raw) == "蚂蚁集团\n\tok"


def test_another_corpus_builds_under_build_corpora(tmp_path, monkeypatch):
    monkeypatch.setenv("ANTCORPUS_BUILD", str(tmp_path / "build"))
    monkeypatch.setenv("ANTCORPUS_SEEDS", str(tmp_path / "my corpus"))
    monkeypatch.delenv("ANTCORPUS_FIGURES", raising=False)
    out = config.corpus_outputs()
    root = tmp_path / "build" / "corpora" / "my_corpus"
    assert (out.notebooks, out.figures, out.site) == (
        root / "notebooks",
        root / "figures",
        root / "site",
    )
    assert config.figures_dir() == out.figures and not out.committed
    source = notebook(tmp_path / "src" / "01-fine-one.ipynb", SAVE.format(name="01-a"))
    before = source.read_bytes()
    runner.build(runner.plan([source], out), out)
    assert source.read_bytes() == before
    assert (out.notebooks / source.name).is_file()
    assert (out.figures / "01-a.csv").is_file()


def test_default_corpus_outputs_are_the_committed_folders(monkeypatch):
    monkeypatch.delenv("ANTCORPUS_SEEDS", raising=False)
    out = config.corpus_outputs()
    assert out.committed and out.figures == config.FIGURES


HOLD = textwrap.dedent(
    """
    import sys, time
    from antcorpus.project.lock import build_lock
    with build_lock(sys.argv[1], wait=float(sys.argv[2])):
        print("held", flush=True)
        time.sleep(float(sys.argv[3]))
    """
)


def hold(tmp_path, step, wait, seconds):
    """Another process taking the build lock."""
    env = {**os.environ, "ANTCORPUS_BUILD": str(tmp_path)}
    return subprocess.Popen(
        [sys.executable, "-c", HOLD, step, str(wait), str(seconds)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def test_a_second_build_waits_then_fails_clearly(tmp_path):
    first = hold(tmp_path, "notebooks", 1, 4)
    assert first.stdout.readline() == "held\n"
    second = hold(tmp_path, "site", 0.5, 0)
    out, err = second.communicate(timeout=30)
    assert second.returncode != 0 and "held" not in out
    assert f"waiting for another build (pid {first.pid}, notebooks)" in out
    assert f"another build (pid {first.pid}, notebooks) still holds" in err
    third = hold(tmp_path, "site", 30, 0)
    out, _ = third.communicate(timeout=60)
    assert third.returncode == 0 and "waiting for another build" in out
    assert out.endswith("held\n")
    first.communicate(timeout=30)


def test_the_lock_is_free_after_a_build(tmp_path, monkeypatch):
    monkeypatch.setenv("ANTCORPUS_BUILD", str(tmp_path))
    with build_lock("notebooks", wait=0):
        pass
    start = time.monotonic()
    with build_lock("site", wait=0):
        assert time.monotonic() - start < 1


def test_atomic_write_keeps_the_old_file_when_writing_fails(tmp_path, monkeypatch):
    path = tmp_path / "a.txt"
    atomic.write_atomic(path, "old")
    monkeypatch.setattr(atomic.os, "replace", lambda *a: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        atomic.write_atomic(path, "new")
    assert path.read_text() == "old" and [p.name for p in tmp_path.iterdir()] == [
        "a.txt"
    ]


def test_a_failed_staged_build_leaves_the_folder(tmp_path):
    target = tmp_path / "site"
    target.mkdir()
    (target / "index.html").write_text("old")
    with pytest.raises(RuntimeError), atomic.staged(target) as stage:
        (stage / "index.html").write_text("new")
        raise RuntimeError
    assert (target / "index.html").read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["site"]


def test_freshness_message_names_notebook_cell_and_line():
    old, new = nbformat.v4.new_notebook(), nbformat.v4.new_notebook()
    for nb, value in ((old, "a\nb\nc\n"), (new, "a\nB\nc\n")):
        cell = nbformat.v4.new_code_cell("print()")
        cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=value)]
        nb.cells = [nbformat.v4.new_code_cell("1"), cell]
    message = compare.first_difference("01-x-y.ipynb", old, new)
    assert message.startswith("01-x-y.ipynb, code cell 2, output 1, line 2 differs")
    assert "-b" in message and "+B" in message
    assert compare.first_difference("01-x-y.ipynb", old, old) is None
