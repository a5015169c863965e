"""Where does a training step of ``helpers.mlp.MLP`` spend its time? Per-layer timings.

Times every piece of one step (each layer's forward, the loss, each layer's backward, the
optimizer update) separately, many times, and prints the median and the minimum in µs.
At small batches the step is a few dozen numpy calls of about a microsecond each: Python
overhead, not arithmetic. At large batches the matrix products dominate.

Usage::

    OPENBLAS_NUM_THREADS=2 .venv/bin/python benchmarks/profile_step.py --batch-size 10
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from helpers import losses
from helpers.mlp import MLP
from helpers.optim import SGD


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--batch-size", type=int, default=10)
    ap.add_argument("--layers", type=int, nargs="+", default=[40, 100, 100, 10])
    ap.add_argument("--steps", type=int, default=1000)
    args = ap.parse_args()

    rng = np.random.default_rng(0)
    n, sizes = args.batch_size, args.layers
    X = rng.normal(size=(n, sizes[0])).astype(np.float32)
    y = rng.integers(0, sizes[-1], size=n)
    net = MLP(sizes)
    opt = SGD(net.params, lr=0.01, momentum=0.9)
    clock = time.perf_counter

    labels = ([f"forward  {layer!r}" for layer in net.layers] + ["loss (softmax_cross_entropy)"]
              + [f"backward {layer!r}" for layer in reversed(net.layers)] + ["optimizer step"])
    rows = []
    for it in range(args.steps + 50):
        times = []
        h = X
        for layer in net.layers:
            t = clock()
            h = layer.forward(h)
            times.append(clock() - t)
        t = clock()
        _, d = losses.softmax_cross_entropy(h, y)
        times.append(clock() - t)
        for k in range(len(net.layers) - 1, -1, -1):
            t = clock()
            if k == 0:  # the input needs no gradient: the first layer fills its parameters' only
                net.dense[0].param_backward(d)
            else:
                d = net.layers[k].backward(d)
            times.append(clock() - t)
        t = clock()
        opt.step(net.grads)
        times.append(clock() - t)
        if it >= 50:  # warm-up
            rows.append(times)
    T = np.array(rows) * 1e6

    whole = []
    for _ in range(args.steps):
        t = clock()
        net.loss_and_grads(X, y)
        opt.step(net.grads)
        whole.append(clock() - t)

    print(f"MLP {sizes}, batch {n}: time per piece of a training step (µs)")
    print(f"{'':34s}{'median':>9s}{'min':>9s}")
    for label, col in zip(labels, T.T, strict=True):
        print(f"{label:34s}{np.median(col):9.1f}{col.min():9.1f}")
    print(f"{'sum of the pieces':34s}{np.median(T, axis=0).sum():9.1f}{T.min(axis=0).sum():9.1f}")
    whole_us = np.array(whole) * 1e6
    print(f"{'whole step (checks included)':34s}{np.median(whole_us):9.1f}{whole_us.min():9.1f}")


if __name__ == "__main__":
    main()
