"""The timing machinery of the ``*_vs_torch.py`` benchmarks, written once.

A benchmark script names its contenders and gives ``make_run(name, X, y, bs, k, quick)``, which
builds one contender at batch size ``bs`` and returns ``run(k) -> (seconds for k training steps,
the last loss)``. This module does the rest:

* ``make_data``: MNIST-1D from the ``mnist1d`` generator (nothing is downloaded), as float32
  inputs and int64 labels;
* ``measure``: one worker process per contender (the script itself, started with ``--worker``),
  all with the same thread settings (``THREAD_VARS``: numpy's and torch's thread pools slow
  each other down when they share a process), started one at a time, then measured
  round by round, interleaved (contender a, b, c, a, b, c, ...) so that a change in the
  machine's load hits all of them alike;
* ``worker``: the worker's side, one JSON line ``{"us": ..., "loss": ...}`` per request;
* ``parser`` / ``parse``: the shared command line (``--batch-sizes``, ``--rounds``,
  ``--threads``, ``--pause``, ``--quick``, ``--json``);
* ``medians``, ``spread``, ``load_note``, ``write_json``, ``cpu_name``, ``versions``: the report.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

THREAD_VARS = ["OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS",
               "VECLIB_MAXIMUM_THREADS", "NUMEXPR_NUM_THREADS"]
# Steps per measurement, per batch size: each measurement takes roughly 0.05-0.2 s.
STEPS = {10: 400, 100: 200, 1000: 40}

Run = Callable[[int], tuple[float, float]]
MakeRun = Callable[[str, np.ndarray, np.ndarray, int, int, bool], Run]
Results = dict[str, dict[int, list[float]]]


def steps_for(batch_size: int, quick: bool) -> int:
    """Training steps per measurement at this batch size (a quarter of them with ``quick``)."""
    k = STEPS.get(batch_size, max(10, 40_000 // batch_size))
    return max(5, k // 4) if quick else k


def make_data(path: Path) -> None:
    """MNIST-1D from the package's generator (no download), saved as float32/int64 arrays."""
    from mnist1d.data import get_dataset_args, make_dataset

    data = make_dataset(get_dataset_args())  # generated in code; nothing is downloaded
    np.savez(path, X=data["x"].astype(np.float32), y=data["y"].astype(np.int64))


# --------------------------------------------------------------------------- worker side


def worker(make_run: MakeRun, name: str, data_path: str, batch_sizes: list[int], quick: bool) -> None:
    """Serve measurements over stdin/stdout: 'bs' -> one JSON line {'us': ..., 'loss': ...}."""
    data = np.load(data_path)
    X, y = data["X"], data["y"]
    runs = {}
    for bs in batch_sizes:
        k = steps_for(bs, quick)
        runs[bs] = make_run(name, X, y, bs, k, quick)
        runs[bs](k)  # warm-up
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        if line.strip() == "quit":
            break
        bs = int(line)
        k = steps_for(bs, quick)
        seconds, loss = runs[bs](k)
        print(json.dumps({"us": seconds / k * 1e6, "loss": float(loss)}), flush=True)


# --------------------------------------------------------------------------- driver side


def parser(description: str) -> argparse.ArgumentParser:
    """The command line every timing benchmark shares; add a script's own options to it."""
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("--batch-sizes", type=int, nargs="+", default=[10, 100, 1000])
    ap.add_argument("--rounds", type=int, default=11, help="interleaved measurements per contender")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--pause", type=float, default=0.2,
                    help="seconds between measurements, so idle BLAS/OpenMP threads stop spinning")
    ap.add_argument("--quick", action="store_true", help="few, short rounds (a smoke test)")
    ap.add_argument("--json", type=Path, help="also write the raw measurements here")
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    ap.add_argument("--data", help=argparse.SUPPRESS)
    return ap


def parse(ap: argparse.ArgumentParser, make_run: MakeRun) -> argparse.Namespace | None:
    """The parsed arguments; None in a worker process, which has then served its measurements."""
    args = ap.parse_args()
    if args.worker:
        worker(make_run, args.worker, args.data, args.batch_sizes, args.quick)
        return None
    if args.quick:
        args.rounds, args.pause = min(args.rounds, 3), min(args.pause, 0.05)
    return args


def importable(module: str) -> bool:
    """Whether ``module`` imports (a broken install counts as missing)."""
    try:
        importlib.import_module(module)
    except ImportError:
        return False
    return True


def measure(script: str, contenders: list[str], args: argparse.Namespace, *,
            say_data: bool = False) -> tuple[Results, dict[str, dict[int, float]]]:
    """One worker process of ``script`` per contender; interleaved measurements (µs per step).

    Returns ``results[contender][batch size]`` (one time per round) and the last loss of each.
    """
    env = dict(os.environ, **{v: str(args.threads) for v in THREAD_VARS})
    root = Path(__file__).resolve().parent.parent
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(root), env.get("PYTHONPATH")]))

    with tempfile.TemporaryDirectory() as tmp:
        data_path = Path(tmp) / "mnist1d.npz"
        t0 = time.perf_counter()
        make_data(data_path)
        if say_data:
            print(f"data generated in {time.perf_counter() - t0:.1f} s; starting workers ...", flush=True)
        procs: dict[str, subprocess.Popen] = {}
        for c in contenders:
            cmd = [sys.executable, script, "--worker", c, "--data", str(data_path),
                   "--batch-sizes", *map(str, args.batch_sizes)] + ["--quick"] * args.quick
            procs[c] = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        text=True, env=env, cwd=root)
            if not procs[c].stdout.readline():  # start one at a time: setups do not overlap
                raise SystemExit(f"worker {c} failed to start")
        results: Results = {c: {bs: [] for bs in args.batch_sizes} for c in contenders}
        losses: dict[str, dict[int, float]] = {c: {} for c in contenders}
        try:
            for r in range(args.rounds):
                for bs in args.batch_sizes:
                    for c in contenders:
                        time.sleep(args.pause)
                        procs[c].stdin.write(f"{bs}\n")
                        procs[c].stdin.flush()
                        reply = json.loads(procs[c].stdout.readline())
                        results[c][bs].append(reply["us"])
                        losses[c][bs] = reply["loss"]
                print(f"\rround {r + 1}/{args.rounds}", end="", flush=True)
            print()
        finally:
            for p in procs.values():
                if p.poll() is None:
                    p.stdin.write("quit\n")
                    p.stdin.close()
                    p.wait(timeout=30)
    return results, losses


# --------------------------------------------------------------------------- report


def medians(results: Results) -> dict[str, dict[int, float]]:
    """The median time per step of every contender and batch size."""
    return {c: {bs: statistics.median(v) for bs, v in per_bs.items()} for c, per_bs in results.items()}


def spread(results: Results) -> str:
    """One line: the interquartile range of every contender's times, per batch size."""
    return "interquartile range (µs): " + "; ".join(
        f"{c} " + ", ".join(f"{bs}: {np.percentile(v, 25):.0f}-{np.percentile(v, 75):.0f}"
                            for bs, v in per_bs.items()) for c, per_bs in results.items())


def load_note(load_before: float) -> str:
    """The load average before the run, with a warning when other work was running."""
    return (f"load average before the run: {load_before:.2f}"
            + ("  -- other processes were busy: expect noisy numbers" if load_before > 1 else ""))


def write_json(path: Path | None, med: dict, results: Results) -> None:
    """With ``--json``: the medians and every measurement."""
    if path:
        path.write_text(json.dumps({"median_us": med, "raw_us": results}, indent=1))


def versions() -> str:
    import sklearn

    parts = [f"python {platform.python_version()}", f"numpy {np.__version__}"]
    try:
        from threadpoolctl import threadpool_info

        blas = [f"{i['internal_api']} {i['version']}" for i in threadpool_info() if i["user_api"] == "blas"]
        parts[-1] += f" ({', '.join(blas)})" if blas else ""
    except ImportError:
        pass
    parts.append(f"scikit-learn {sklearn.__version__}")
    if importable("torch"):
        import torch

        parts.append(f"torch {torch.__version__}")
    return ", ".join(parts)


def cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"
