"""Time a command and the peak memory of its own process tree, in a fresh wrapper.

`measure(cmd)` starts this file as a small wrapper process (by path, so the package
and its libraries are not imported into it); the wrapper starts the command in a new
session, polls the memory of the command's process tree every 50 ms with psutil
(when installed: the RSS of a lone process; with children, their proportional set
sizes summed, so the pages a fork shares with its parent count once), kills the
whole session after the timeout, and reads `getrusage(RUSAGE_CHILDREN)`. A process
forked from a large parent inherits the parent's peak RSS through exec, so a peak
read in the parent, or by the command itself, can be the parent's; the wrapper is
small, so its children's peak is theirs. The peak reported is the larger of the
polled tree total and the children's ru_maxrss (the largest single process).
"""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

POLL = 0.05
MB = 1024 * 1024


def tree_rss(pid: int) -> int:
    """Bytes held by `pid` and its descendants: RSS alone, else their PSS summed."""
    try:
        import psutil
    except ImportError:
        return 0
    try:
        root = psutil.Process(pid)
        kids = root.children(recursive=True)
        if not kids:
            return root.memory_info().rss
    except psutil.Error:
        return 0
    return sum(proportional(proc) for proc in [root, *kids])


def proportional(proc) -> int:
    """A process's proportional set size (its RSS where PSS is not available)."""
    import psutil

    try:
        info = proc.memory_full_info()
    except psutil.Error:
        return 0
    return getattr(info, "pss", info.rss)


def watch(proc: subprocess.Popen, timeout: float) -> tuple[int, bool]:
    """Poll the tree's RSS until the process ends or the timeout kills its session."""
    start, peak = time.monotonic(), 0
    while proc.poll() is None:
        peak = max(peak, tree_rss(proc.pid))
        if time.monotonic() - start > timeout:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            return peak, True
        time.sleep(POLL)
    return peak, False


def last_line(path: Path) -> str:
    """The last non-empty line of a file ('' if none)."""
    lines = [x for x in path.read_text(errors="replace").splitlines() if x.strip()]
    return lines[-1] if lines else ""


def wrap(timeout: float, cmd: list[str]) -> dict:
    """Run `cmd` (this process being the fresh wrapper); what happened, as a dict."""
    with tempfile.TemporaryDirectory() as tmp:
        out, err = Path(tmp, "out"), Path(tmp, "err")
        with open(out, "w") as fo, open(err, "w") as fe:
            start = time.perf_counter()
            proc = subprocess.Popen(cmd, stdout=fo, stderr=fe, start_new_session=True)
            polled, timed_out = watch(proc, timeout)
            wall = time.perf_counter() - start
        usage = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
        ok = "ok" if proc.returncode == 0 else "failed"
        status = "timed out" if timed_out else ok
        return {
            "status": status,
            "returncode": proc.returncode,
            "wall_s": wall,
            "peak_mb": max(polled, usage) / MB,
            "polled_mb": polled / MB,
            "rusage_mb": usage / MB,
            "stdout": last_line(out),
            "stderr": err.read_text(errors="replace")[-2000:],
        }


def measure(cmd: list[str], timeout: float = 600, env: dict | None = None) -> dict:
    """Run `cmd` through a fresh wrapper; status, wall time, peak MB, its JSON line."""
    wrapper = [sys.executable, "-P", str(Path(__file__).resolve()), str(timeout)]
    done = subprocess.run(
        [*wrapper, "--", *cmd],
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout + 120,
        check=False,
    )
    if done.returncode:
        return {"status": "failed", "stderr": done.stderr[-2000:], "peak_mb": None}
    row = json.loads(done.stdout.strip().splitlines()[-1])
    try:
        row["result"] = json.loads(row["stdout"]) if row["status"] == "ok" else None
    except json.JSONDecodeError:
        row["status"], row["result"] = "failed", None
    return row


if __name__ == "__main__":
    print(json.dumps(wrap(float(sys.argv[1]), sys.argv[3:])))
