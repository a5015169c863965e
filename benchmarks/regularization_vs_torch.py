"""Dropout and batch norm in ``helpers.mlp.MLP``, next to PyTorch's ``nn.Dropout`` and ``nn.BatchNorm1d``.

The network of ``mlp_vs_torch.py`` ([40, 100, 100, 10], ReLU, softmax cross-entropy, SGD with
momentum 0.9, float32, MNIST-1D from the ``mnist1d`` generator), in two variants:

* ``dropout``: ``MLP(..., dropout=0.2)`` against ``Linear, ReLU, Dropout(0.2)`` per hidden layer;
* ``batchnorm``: ``MLP(..., batchnorm=True)`` against ``Linear, BatchNorm1d, ReLU`` per hidden layer.

One training step is forward, loss, backward and the optimizer update on a ready batch, in
training mode. As in ``mlp_vs_torch.py`` (both use ``timing.py``), every contender runs in its own
process with the same thread settings and the measurements are interleaved round by round; the
table shows medians and the helper/torch ratio per batch size (goal: at most 0.8 at batch <= 1000).

Usage (from the course root)::

    .venv/bin/python benchmarks/regularization_vs_torch.py            # about two minutes
    .venv/bin/python benchmarks/regularization_vs_torch.py --quick    # a smoke test
"""

from __future__ import annotations

import os

import numpy as np
from mlp_vs_torch import LAYERS, LR, MOMENTUM, helper_steps, torch_steps
from timing import (
    cpu_name,
    importable,
    load_note,
    measure,
    medians,
    parse,
    parser,
    spread,
    versions,
    write_json,
)

DROPOUT = 0.2
VARIANTS = ["dropout", "batchnorm"]
CONTENDERS = [f"{lib}-{v}" for v in VARIANTS for lib in ("helper", "torch")]


def setup_helper(variant: str, X: np.ndarray, y: np.ndarray, bs: int):
    from helpers.mlp import MLP
    from helpers.optim import SGD

    options = {"dropout": DROPOUT} if variant == "dropout" else {"batchnorm": True}
    net = MLP(LAYERS, "relu", seed=0, dtype=np.float32, **options)
    return helper_steps(net, SGD(net.params, lr=LR, momentum=MOMENTUM), X, y, bs)


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
    return torch_steps(model, torch.optim.SGD(model.parameters(), lr=LR, momentum=MOMENTUM), X, y, bs)


def make_run(name: str, X: np.ndarray, y: np.ndarray, bs: int, k: int, quick: bool):
    """Contender ``name`` ("helper-dropout", "torch-batchnorm", ...) at batch size ``bs``."""
    lib, variant = name.split("-")
    return (setup_helper if lib == "helper" else setup_torch)(variant, X, y, bs)


def main() -> None:
    args = parse(parser(__doc__.split("\n\n")[0]), make_run)
    if args is None:  # a worker process: it has served its measurements
        return
    if not importable("torch"):
        raise SystemExit("torch is not installed: pip install -e .[bench] (it is what this compares with)")

    print(f"MLP {LAYERS}, ReLU, softmax cross-entropy, SGD(lr={LR}, momentum={MOMENTUM}), float32, MNIST-1D; "
          f"dropout p={DROPOUT} / batch norm in every hidden layer, training mode; {args.threads} threads")
    print(f"{cpu_name()}, {os.cpu_count()} CPUs; {versions()}")
    load_before = os.getloadavg()[0]
    results, _ = measure(__file__, CONTENDERS, args)

    med = medians(results)
    print("\nmedian time per training step (µs)")
    print(f"{'batch':>6}" + "".join(f"{c:>17}" for c in CONTENDERS)
          + "".join(f"{v + ' ratio':>17}" for v in VARIANTS))
    for bs in args.batch_sizes:
        row = f"{bs:>6}" + "".join(f"{med[c][bs]:>17.0f}" for c in CONTENDERS)
        row += "".join(f"{med[f'helper-{v}'][bs] / med[f'torch-{v}'][bs]:>17.2f}" for v in VARIANTS)
        print(row)
    print(spread(results))
    print(load_note(load_before))
    write_json(args.json, med, results)


if __name__ == "__main__":
    main()
