"""``make bench BASELINE=<ref>``: this checkout against another commit, in the same run.

The baseline is checked out in its own git worktree (var/bench/<sha>), with its
own venv only when its locked dependencies differ from this one's (otherwise it
shares .venv), and its own model trained by its own ``make train``. Then one
server of each is started and loaded by the same client, in the order
baseline, current, current, baseline, so that a machine that gets busier or
quieter during the run weighs on both alike. Every figure is printed for both
with the ratio (current / baseline); bench.json keeps every run.
"""

from __future__ import annotations

import filecmp
import os
import subprocess
import time
from pathlib import Path
from statistics import mean
from typing import Callable, Dict, List, Tuple

from knowledge.settings import MODEL, ROOT

LOCK_FILES = ("requirements.in", "requirements.lock", "requirements.models.txt")
# Per run: figure key, label, unit, and whether more is better.
FIGURES: List[Tuple[str, str, str, bool]] = [
    ("ready_s", "start to first reply", "s", False),
    ("rss_mib", "RSS after warm-up", "MiB", False),
    ("p50_ms_1", "p50, 1 conversation", "ms", False),
    ("p95_ms_1", "p95, 1 conversation", "ms", False),
    ("msgs_per_s_1", "messages/s, 1 conversation", "/s", True),
    ("p50_ms_20", "p50, 20 conversations at once", "ms", False),
    ("p95_ms_20", "p95, 20 conversations at once", "ms", False),
    ("msgs_per_s_20", "messages/s, 20 conversations at once", "/s", True),
    ("p50_ms_typing", "p50, 20 typing (3 s pauses)", "ms", False),
    ("p95_ms_typing", "p95, 20 typing (3 s pauses)", "ms", False),
]


def _git(*args: str, cwd: Path = ROOT) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout.strip()


def prepare(ref: str, log: Callable[[str], None] = print) -> Tuple[Path, Path, Path]:
    """(worktree, its venv's bin, its trained model) for ``ref``; reused when already made."""
    sha = _git("rev-parse", "--verify", f"{ref}^{{commit}}")
    tree = ROOT / "var" / "bench" / sha[:12]
    if not (tree / ".git").exists():
        log(f"checking out {ref} ({sha[:12]}) in {tree} ...")
        tree.parent.mkdir(parents=True, exist_ok=True)
        _git("worktree", "add", "--detach", "--force", str(tree), sha)
    same_lock = all((tree / f).is_file() and filecmp.cmp(ROOT / f, tree / f, shallow=False) for f in LOCK_FILES)
    if same_lock and not (tree / ".venv").exists():
        os.symlink(ROOT / ".venv", tree / ".venv")  # the same locked set: share the venv
    if same_lock:
        # Make would rebuild a venv older than the files it was made from (a fresh checkout's).
        for name in LOCK_FILES:
            os.utime(tree / name, (0, 0))
    log(f"{'sharing .venv' if same_lock else 'its own venv (its lock differs)'}; make train in {tree} "
        f"(about 6-10 minutes the first time) ...")
    started = time.perf_counter()
    subprocess.run(["make", "train"], cwd=tree, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
                   env={**os.environ, "MAKEFLAGS": ""})
    log(f"baseline ready in {time.perf_counter() - started:.0f} s")
    return tree, tree / ".venv" / "bin", tree / MODEL.relative_to(ROOT)


def compare(runs: Dict[str, List[Dict[str, float]]]) -> Tuple[str, Dict[str, Dict[str, float]]]:
    """The table (figure, baseline, current, ratio) and the means behind it."""
    means = {side: {key: mean(r[key] for r in rs if key in r) for key, *_ in FIGURES if any(key in r for r in rs)}
             for side, rs in runs.items()}
    lines = [f"  {'figure':<40} {'baseline':>10} {'current':>10} {'ratio':>7}"]
    for key, label, unit, _ in FIGURES:
        if key in means["baseline"] and key in means["current"]:
            base, now = means["baseline"][key], means["current"][key]
            ratio = now / base if base else float("nan")
            lines.append(f"  {label + ' (' + unit + ')':<40} {base:>10.1f} {now:>10.1f} {ratio:>6.2f}x")
    return "\n".join(lines), means
