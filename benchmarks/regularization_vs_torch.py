"""Dropout and batch norm in ``helpers.mlp.MLP``, next to PyTorch's ``nn.Dropout`` and ``nn.BatchNorm1d``.

The network of ``mlp_vs_torch.py`` ([40, 100, 100, 10], ReLU, softmax cross-entropy, SGD with
momentum 0.9, float32, MNIST-1D from the ``mnist1d`` generator), in two variants:

* ``dropout``: ``MLP(..., dropout=0.2)`` against ``Linear, ReLU, Dropout(0.2)`` per hidden layer;
* ``batchnorm``: ``MLP(..., batchnorm=True)`` against ``Linear, BatchNorm1d, ReLU`` per hidden layer.

One training step is forward, loss, backward and the optimizer update on a ready batch, in
training mode. As in ``mlp_vs_torch.py``, every contender runs in its own process with the same
thread settings and the measurements are interleaved round by round; the table shows medians
and the helper/torch ratio per batch size (goal: at most 0.8 at batch <= 1000).

Usage (from the course root)::

    .venv/bin/python benchmarks/regularization_vs_torch.py            # about two minutes
    .venv/bin/python benchmarks/regularization_vs_torch.py --quick    # a smoke test
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from mlp_vs_torch import (
    LAYERS,
    LR,
    MOMENTUM,
    THREAD_VARS,
    available,
    cpu_name,
    make_data,
    steps_for,
    versions,
)

DROPOUT = 0.2
VARIANTS = ["dropout", "batchnorm"]
CONTENDERS = [f"{lib}-{v}" for v in VARIANTS for lib in ("helper", "torch")]


def setup_helper(variant: str, X: np.ndarray, y: np.ndarray, bs: int):
    from helpers.mlp import MLP
    from helpers.optim import SGD

    options = {"dropout": DROPOUT} if variant == "dropout" else {"batchnorm": True}
    net = MLP(LAYERS, "relu", seed=0, dtype=np.float32, **options)
    opt = SGD(net.params, lr=LR, momentum=MOMENTUM)
    batches = [(X[i:i + bs], y[i:i + bs]) for i in range(0, len(y) - bs + 1, bs)]

    def run(k):
        t0 = time.perf_counter()
        for i in range(k):
            Xb, yb = batches[i % len(batches)]
            loss, grads = net.loss_and_grads(Xb, yb)
            opt.step(grads)
        return time.perf_counter() - t0, loss

    return run


def setup_torch(variant: str, X: np.ndarray, y: np.ndarray, bs: int):
    import torch

    torch.set_num_threads(int(os.environ["OMP_NUM_THREADS"]))
    torch.manual_seed(0)
    nn = torch.nn
    layers: list = []
    for d_in, d_out in zip(LAYERS[:-2], LAYERS[1:-1], strict=True):
        if variant == "dropout":
            layers += [nn.Linear(d_in, d_out), nn.ReLU(), nn.Dropout(DROPOUT)]
        else:
            layers += [nn.Linear(d_in, d_out), nn.BatchNorm1d(d_out), nn.ReLU()]
    model = nn.Sequential(*layers, nn.Linear(LAYERS[-2], LAYERS[-1]))
    model.train()
    opt = torch.optim.SGD(model.parameters(), lr=LR, momentum=MOMENTUM)
    loss_fn = nn.CrossEntropyLoss()
    Xt, yt = torch.from_numpy(X), torch.from_numpy(y)
    batches = [(Xt[i:i + bs], yt[i:i + bs]) for i in range(0, len(y) - bs + 1, bs)]

    def run(k):
        t0 = time.perf_counter()
        for i in range(k):
            Xb, yb = batches[i % len(batches)]
            opt.zero_grad(set_to_none=True)
            loss = loss_fn(model(Xb), yb)
            loss.backward()
            opt.step()
        return time.perf_counter() - t0, loss.item()

    return run


def worker(name: str, data_path: str, batch_sizes: list[int], quick: bool) -> None:
    """Serve measurements over stdin/stdout: 'bs' -> one JSON line {'us': ..., 'loss': ...}."""
    lib, variant = name.split("-")
    setup = setup_helper if lib == "helper" else setup_torch
    data = np.load(data_path)
    X, y = data["X"], data["y"]
    runs = {}
    for bs in batch_sizes:
        runs[bs] = setup(variant, X, y, bs)
        runs[bs](steps_for(bs, quick))  # warm-up
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        if line.strip() == "quit":
            break
        bs = int(line)
        k = steps_for(bs, quick)
        seconds, loss = runs[bs](k)
        print(json.dumps({"us": seconds / k * 1e6, "loss": float(loss)}), flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--batch-sizes", type=int, nargs="+", default=[10, 100, 1000])
    ap.add_argument("--rounds", type=int, default=11)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--pause", type=float, default=0.2)
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--json", type=Path, help="also write the raw measurements here")
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    ap.add_argument("--data", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        worker(args.worker, args.data, args.batch_sizes, args.quick)
        return
    if args.quick:
        args.rounds, args.pause = min(args.rounds, 3), min(args.pause, 0.05)
    if not available("torch"):
        raise SystemExit("torch is not installed: pip install -e .[bench] (it is what this compares with)")

    env = dict(os.environ, **{v: str(args.threads) for v in THREAD_VARS})
    root = Path(__file__).resolve().parent.parent
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(root), env.get("PYTHONPATH")]))
    print(f"MLP {LAYERS}, ReLU, softmax cross-entropy, SGD(lr={LR}, momentum={MOMENTUM}), float32, MNIST-1D; "
          f"dropout p={DROPOUT} / batch norm in every hidden layer, training mode; {args.threads} threads")
    print(f"{cpu_name()}, {os.cpu_count()} CPUs; {versions()}")
    load_before = os.getloadavg()[0]

    with tempfile.TemporaryDirectory() as tmp:
        data_path = Path(tmp) / "mnist1d.npz"
        make_data(data_path)
        procs = {}
        for c in CONTENDERS:
            cmd = [sys.executable, __file__, "--worker", c, "--data", str(data_path),
                   "--batch-sizes", *map(str, args.batch_sizes)] + ["--quick"] * args.quick
            procs[c] = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        text=True, env=env, cwd=root)
            if not procs[c].stdout.readline():
                raise SystemExit(f"worker {c} failed to start")
        results = {c: {bs: [] for bs in args.batch_sizes} for c in CONTENDERS}
        try:
            for r in range(args.rounds):
                for bs in args.batch_sizes:
                    for c in CONTENDERS:
                        time.sleep(args.pause)
                        procs[c].stdin.write(f"{bs}\n")
                        procs[c].stdin.flush()
                        results[c][bs].append(json.loads(procs[c].stdout.readline())["us"])
                print(f"\rround {r + 1}/{args.rounds}", end="", flush=True)
            print()
        finally:
            for p in procs.values():
                if p.poll() is None:
                    p.stdin.write("quit\n")
                    p.stdin.close()
                    p.wait(timeout=30)

    med = {c: {bs: statistics.median(v) for bs, v in results[c].items()} for c in CONTENDERS}
    print("\nmedian time per training step (µs)")
    print(f"{'batch':>6}" + "".join(f"{c:>17}" for c in CONTENDERS)
          + "".join(f"{v + ' ratio':>17}" for v in VARIANTS))
    for bs in args.batch_sizes:
        row = f"{bs:>6}" + "".join(f"{med[c][bs]:>17.0f}" for c in CONTENDERS)
        row += "".join(f"{med[f'helper-{v}'][bs] / med[f'torch-{v}'][bs]:>17.2f}" for v in VARIANTS)
        print(row)
    print("interquartile range (µs): " + "; ".join(
        f"{c} " + ", ".join(f"{bs}: {np.percentile(v, 25):.0f}-{np.percentile(v, 75):.0f}"
                            for bs, v in results[c].items()) for c in CONTENDERS))
    print(f"load average before the run: {load_before:.2f}"
          + ("  -- other processes were busy: expect noisy numbers" if load_before > 1 else ""))
    if args.json:
        args.json.write_text(json.dumps({"median_us": med, "raw_us": results}, indent=1))


if __name__ == "__main__":
    main()
