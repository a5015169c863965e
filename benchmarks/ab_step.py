"""A/B: one training step of the helper MLP from two copies of the course, interleaved.

For a change to ``helpers`` that must not cost speed: export the old version somewhere
(``git archive OLD_COMMIT | tar -x -C /tmp/old``) and time both in one run, so that the
machine's load hits them alike::

    .venv/bin/python benchmarks/ab_step.py /tmp/old . --rounds 15 --threads 1

Each version runs in its own worker process (``PYTHONPATH`` set to its root); every round
times both at batch sizes 10, 100 and 1000, alternating which goes first. Network, optimizer
and data: [40, 100, 100, 10] ReLU, SGD(lr=0.01, momentum=0.9), float32, 4000 random examples.
Prints the median microseconds per step and new/old.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time

BATCH_SIZES = (10, 100, 1000)


def worker() -> None:
    """Read batch sizes from stdin, answer with the mean time of one step in microseconds."""
    import numpy as np

    from helpers.mlp import MLP
    from helpers.optim import SGD

    rng = np.random.default_rng(0)
    X = rng.normal(size=(4000, 40)).astype(np.float32)
    y = rng.integers(0, 10, 4000)
    net = MLP([40, 100, 100, 10])
    opt = SGD(net.params, lr=0.01, momentum=0.9)
    for line in sys.stdin:
        bs = int(line)
        Xb, yb = X[:bs], y[:bs]
        steps = max(20, 20000 // bs)
        for _ in range(10):  # warm-up: buffers allocated, caches filled
            net.loss_and_grads(Xb, yb)
            opt.step(net.grads)
        start = time.perf_counter()
        for _ in range(steps):
            net.loss_and_grads(Xb, yb)
            opt.step(net.grads)
        print(json.dumps((time.perf_counter() - start) / steps * 1e6), flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("old", help="root of the old copy of the course")
    ap.add_argument("new", help="root of the new copy of the course")
    ap.add_argument("--rounds", type=int, default=9)
    ap.add_argument("--threads", type=int, default=1, help="BLAS threads per worker")
    ap.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        worker()
        return
    threads = str(args.threads)
    env = dict(os.environ, OPENBLAS_NUM_THREADS=threads, OMP_NUM_THREADS=threads, MKL_NUM_THREADS=threads)
    procs = {
        name: subprocess.Popen([sys.executable, os.path.abspath(__file__), root, root, "--worker"],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                               env=dict(env, PYTHONPATH=os.path.abspath(root)), cwd=os.path.abspath(root))
        for name, root in (("old", args.old), ("new", args.new))
    }
    times: dict[str, dict[int, list[float]]] = {n: {bs: [] for bs in BATCH_SIZES} for n in procs}
    print(f"load average before: {os.getloadavg()[0]:.2f}", flush=True)
    for r in range(args.rounds):
        order = list(procs.items()) if r % 2 == 0 else list(reversed(procs.items()))
        for bs in BATCH_SIZES:
            for name, proc in order:
                assert proc.stdin is not None and proc.stdout is not None
                time.sleep(0.1)  # let the other worker's BLAS threads go idle
                proc.stdin.write(f"{bs}\n")
                proc.stdin.flush()
                times[name][bs].append(json.loads(proc.stdout.readline()))
    for proc in procs.values():
        assert proc.stdin is not None
        proc.stdin.close()
        proc.wait(timeout=60)
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    print(f"median µs per step over {args.rounds} rounds, {args.threads} BLAS thread(s)")
    print(" batch   old µs   new µs   new/old")
    for bs in BATCH_SIZES:
        old, new = statistics.median(times["old"][bs]), statistics.median(times["new"][bs])
        print(f"{bs:6d} {old:8.0f} {new:8.0f}   {new / old:7.2f}")


if __name__ == "__main__":
    main()
