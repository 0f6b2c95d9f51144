"""``make bench``: training time, start-up, memory and REST latency of one Rasa server.

Prints the figures against the targets of a 2-core machine and writes
results/bench/bench.json and results/bench/latency.png. Not a test: it
measures, it does not judge (the exit status is 0 unless something broke).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Dict, List, Optional, Tuple

from bench.loadgen import LoadResult, percentile, rss_bytes, run_load
from deploy.servers import BIN, Assistant, assistant_env
from knowledge.settings import MODEL, ROOT

TARGETS = {  # figure: (target, "<" or ">=")
    "ready_s": (20, "<"),
    "rss_mib": (1200, "<"),
    "p95_ms_20": (100, "<"),
    "msgs_per_s_20": (50, ">="),
    "memory_growth_pct": (5, "<"),
}
TYPING_PAUSE_S = 3.0  # a fast patient: reads the answer and types the next question in 3 s


def train(folder: Path) -> float:
    """Seconds for a full `rasa train` (no cache) of the current data."""
    start = time.perf_counter()
    subprocess.run([str(BIN / "rasa"), "train", "--force", "--out", str(folder), "--fixed-model-name", "bench"],
                   cwd=ROOT, check=True, env=assistant_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def _wait_for_reply(webhook: str, process: "subprocess.Popen[bytes]", timeout: float = 300) -> None:
    """Waits until the server answers a real message (the model is loaded)."""
    import requests

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("the Rasa server exited during start-up")
        try:
            if requests.post(webhook, json={"sender": "bench-ready", "message": "hello"}, timeout=5).ok:
                return
        except requests.RequestException:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"no reply from {webhook} within {timeout} s")


def _latency_figures(result: LoadResult, suffix: str) -> Dict[str, float]:
    values = result.latencies()
    return {f"p50_ms_{suffix}": 1000 * percentile(values, 0.50), f"p95_ms_{suffix}": 1000 * percentile(values, 0.95),
            f"p99_ms_{suffix}": 1000 * percentile(values, 0.99), f"msgs_per_s_{suffix}": result.rate,
            f"errors_{suffix}": len(result.failures)}


def _histogram(runs: Dict[str, LoadResult], path: Path) -> None:
    """One panel per run: their scales differ by an order of magnitude."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, panels = plt.subplots(1, len(runs), figsize=(5 * len(runs), 4))
    for axes, (label, result) in zip(panels, runs.items()):
        values = [1000 * x for x in result.latencies()]
        axes.hist(values, bins=40, color="tab:blue")
        for fraction, style in ((0.5, "-"), (0.95, "--"), (0.99, ":")):
            mark = percentile(values, fraction)
            axes.axvline(mark, color="tab:red", linestyle=style, label=f"p{round(fraction * 100)} {mark:.0f} ms")
        axes.set_title(f"{label}: {len(values)} messages, {result.rate:.1f}/s")
        axes.set_xlabel("REST reply latency (ms)")
        axes.set_ylabel("messages")
        axes.legend()
    figure.suptitle("Microneedling assistant: REST latency")
    figure.tight_layout()
    figure.savefig(path, dpi=100)


def cluster_run(model: str, folder: Path) -> Dict[str, float]:
    """Two Rasa servers behind nginx (deploy/cluster.py) on this machine, 20 concurrent conversations."""
    from deploy.cluster import Cluster

    cluster = Cluster(folder / "cluster", Path(model), size=2).start()
    try:
        webhook = f"{cluster.url}/webhooks/rest/webhook"
        run_load([webhook], conversations=25, concurrency=10, prefix="bench-cluster-warm")
        return _latency_figures(run_load([webhook], conversations=250, concurrency=20, prefix="bench-cluster"),
                                "cluster")
    finally:
        cluster.stop()


def _rows(figures: Dict[str, float]) -> List[Tuple[str, str, str]]:
    return [
        ("training time (full, no cache)", "train_s", "s"),
        ("start to first reply", "ready_s", "s"),
        ("RSS after warm-up", "rss_mib", "MiB"),
        ("latency p50 / 1 conversation", "p50_ms_1", "ms"),
        ("latency p95 / 1 conversation", "p95_ms_1", "ms"),
        ("latency p99 / 1 conversation", "p99_ms_1", "ms"),
        ("messages/s / 1 conversation", "msgs_per_s_1", "/s"),
        ("latency p50 / 20 concurrent", "p50_ms_20", "ms"),
        ("latency p95 / 20 concurrent", "p95_ms_20", "ms"),
        ("latency p99 / 20 concurrent", "p99_ms_20", "ms"),
        ("messages/s / 20 concurrent", "msgs_per_s_20", "/s"),
        (f"latency p50 / 20 typing ({TYPING_PAUSE_S:g} s pauses)", "p50_ms_typing", "ms"),
        (f"latency p95 / 20 typing ({TYPING_PAUSE_S:g} s pauses)", "p95_ms_typing", "ms"),
        (f"latency p99 / 20 typing ({TYPING_PAUSE_S:g} s pauses)", "p99_ms_typing", "ms"),
        (f"memory growth over {int(figures.get('growth_messages', 0)):,} messages", "memory_growth_pct", "%"),
        ("2 servers behind nginx: p50 / 20 concurrent", "p50_ms_cluster", "ms"),
        ("2 servers behind nginx: p95 / 20 concurrent", "p95_ms_cluster", "ms"),
        ("2 servers behind nginx: messages/s", "msgs_per_s_cluster", "/s"),
    ]


def _line(figures: Dict[str, float], label: str, key: str, unit: str) -> str:
    verdict = ""
    if key in TARGETS:
        target, sense = TARGETS[key]
        met = figures[key] < target if sense == "<" else figures[key] >= target
        verdict = f"target {sense} {target:g} {unit}: {'met' if met else 'MISSED'}"
    return f"  {label:<44} {figures[key]:>9.1f} {unit:<4} {verdict}"


def _record(figures: Dict[str, float], out: Path, new: Dict[str, float]) -> None:
    """Keeps new figures: printed and saved to bench.json at once, so a later failure loses none."""
    figures.update(new)
    (out / "bench.json").write_text(json.dumps(figures, indent=2) + "\n")
    for label, key, unit in _rows(figures):
        if key in new:
            print(_line(figures, label, key, unit), flush=True)


def _report(figures: Dict[str, float]) -> str:
    lines = ["", "Benchmark (one Rasa server + action server, SQLite tracker store, REST channel)", ""]
    rows = _rows(figures)
    for label, key, unit in rows:
        if key in figures:
            lines.append(_line(figures, label, key, unit))
    return "\n".join(lines)


def measure_server(folder: Path, model: Path, growth_messages: int = 0, root: Path = ROOT,
                   bin_dir: Path = BIN, out: Optional[Path] = None) -> Dict[str, float]:
    """One action server and one Rasa server: start-up, memory, latency and throughput."""
    figures: Dict[str, float] = {}
    record = (lambda new: _record(figures, out, new)) if out else figures.update
    assistant = Assistant(folder, model, root=root, bin_dir=bin_dir)
    try:
        assistant.start(with_actions=True, with_rasa=False)
        start = time.perf_counter()
        assistant.start_rasa(wait=False)
        _wait_for_reply(assistant.webhook, assistant.rasa)
        record({"ready_s": time.perf_counter() - start})
        webhook, pid = assistant.webhook, assistant.rasa.pid
        run_load([webhook], conversations=50, concurrency=5, prefix="bench-warm")
        record({"rss_mib": rss_bytes(pid) / 2**20})
        runs = {"1 conversation": run_load([webhook], conversations=50, concurrency=1, prefix="bench-1"),
                "20 concurrent": run_load([webhook], conversations=250, concurrency=20, prefix="bench-20"),
                # The 20 above send back to back (the server's capacity); these wait as people do.
                "20 typing": run_load([webhook], conversations=60, concurrency=20, prefix="bench-typing",
                                      pause=TYPING_PAUSE_S)}
        record({**_latency_figures(runs["1 conversation"], "1"), **_latency_figures(runs["20 concurrent"], "20"),
                **_latency_figures(runs["20 typing"], "typing")})
        if out:
            _histogram(runs, out / "latency.png")
        if growth_messages:
            print(f"memory growth over {growth_messages:,} messages ...", flush=True)
            before = rss_bytes(pid)
            growth_run = run_load([webhook], conversations=growth_messages // 4, concurrency=20, prefix="bench-growth")
            after = rss_bytes(pid)
            record({"growth_messages": len(growth_run.exchanges), "memory_growth_pct": 100 * (after - before) / before,
                    "errors_growth": len(growth_run.failures)})
    finally:
        assistant.stop()
    return figures


def against_baseline(ref: str, model: Path, out: Path) -> int:
    """``make bench BASELINE=<ref>``: baseline, current, current, baseline; every figure, both, the ratio."""
    from bench.baseline import compare, prepare

    tree, bin_dir, base_model = prepare(ref)
    sides = {"baseline": (tree, bin_dir, base_model), "current": (ROOT, BIN, model)}
    runs: Dict[str, List[Dict[str, float]]] = {"baseline": [], "current": []}
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        for index, side in enumerate(("baseline", "current", "current", "baseline")):
            print(f"run {index + 1}/4: {side} ...", flush=True)
            root, bin_dir, side_model = sides[side]
            figures = measure_server(Path(tmp) / f"{index}-{side}", side_model, root=root, bin_dir=bin_dir)
            runs[side].append(figures)
            print("  " + ", ".join(f"{k} {v:.1f}" for k, v in figures.items() if not k.startswith("errors")),
                  flush=True)
    table, means = compare(runs)
    ratios = {k: means["current"][k] / means["baseline"][k] for k in means["current"]
              if means["baseline"].get(k)}
    (out / "bench.json").write_text(json.dumps({"baseline_ref": ref, "runs": runs, "means": means,
                                                "ratios": ratios}, indent=2) + "\n")
    print(f"\nBenchmark: current ({ROOT.name}) against {ref}, runs in the order A B B A, means of two\n{table}")
    print(f"\n  failed messages: {sum(v for rs in runs.values() for r in rs for k, v in r.items() if k.startswith('errors_')):.0f}; "
          f"figures in {out / 'bench.json'}")
    return 0


def main() -> int:
    """Runs the benchmark; see ``--help`` for sizes."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", default=str(MODEL))
    parser.add_argument("--baseline", help="a git ref to compare with in the same run (A B B A)")
    parser.add_argument("--no-train", action="store_true", help="skip the training-time measurement")
    parser.add_argument("--growth-messages", type=int, default=10_000)
    parser.add_argument("--no-cluster", action="store_true",
                        help="skip the two-server run (PostgreSQL, Redis, nginx: make cluster)")
    parser.add_argument("--out", default=str(ROOT / "results" / "bench"))
    options = parser.parse_args()
    out = Path(options.out)
    out.mkdir(parents=True, exist_ok=True)
    if options.baseline:
        return against_baseline(options.baseline, Path(options.model), out)
    figures: Dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        folder = Path(tmp)
        if not options.no_train:
            print("training (full, about 5-6 minutes) ...", flush=True)
            _record(figures, out, {"train_s": train(folder)})
        # Inherits the caller's environment as is (e.g. TF_* settings to compare).
        print("starting the servers; then warm-up, 1, 20 back-to-back and 20 typing conversations ...", flush=True)
        figures.update(measure_server(folder / "server", Path(options.model), options.growth_messages, out=out))
        if not options.no_cluster:
            print("two Rasa servers behind nginx (PostgreSQL + Redis), 20 concurrent ...", flush=True)
            _record(figures, out, cluster_run(options.model, folder))
    print(_report(figures))
    print(f"\n  failed messages: {sum(v for k, v in figures.items() if k.startswith('errors_')):.0f}; "
          f"figures in {out / 'bench.json'}, histogram in {out / 'latency.png'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
