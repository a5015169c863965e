"""How fast does ``helpers.mlp.MLP`` train, next to PyTorch and scikit-learn?

Trains the same network with three implementations and prints the median time of one
training step (forward, loss, backward, optimizer update) per batch size:

* network [40, 100, 100, 10], ReLU, softmax cross-entropy, SGD with momentum 0.9, float32;
* data: MNIST-1D from the ``mnist1d`` package's offline generator (4000 training examples);
* contenders: ``helper`` (``MLP.loss_and_grads`` + ``SGD.step`` on ready batches),
  ``helper-fit`` (the same network trained by ``MLP.fit``, per step, shuffling included),
  ``torch`` (``nn.Sequential`` + ``torch.optim.SGD``, CPU) and ``sklearn``
  (``MLPClassifier(solver="sgd")``, one epoch per ``fit`` call, per step);
* each contender runs in its own process with the same thread settings (numpy's and torch's
  thread pools slow each other down when they share a process), and the measurements are
  interleaved round by round (helper, helper-fit, torch, sklearn, helper, ...), so a change in
  the machine's load hits all of them alike (the processes and rounds are ``timing.py``'s).

With ``--optimizers`` (e.g. ``--optimizers all``) it races instead every optimizer of
``helpers.optim`` against PyTorch's counterpart on the same network and data: contenders
``helper-<name>`` (``loss_and_grads`` + ``step``) and ``torch-<name>`` (``zero_grad``, loss,
``backward``, ``step``), each in its own process, interleaved as above, with the settings of
``OPTIMIZER_SETTINGS``.

Usage (from the course root)::

    .venv/bin/python benchmarks/mlp_vs_torch.py              # about two minutes
    .venv/bin/python benchmarks/mlp_vs_torch.py --quick      # a smoke test, ~20 s
    .venv/bin/python benchmarks/mlp_vs_torch.py --optimizers all --rounds 7   # every optimizer

PyTorch is optional (``pip install -e .[bench]``); without it the others run and the table
says so.
"""

from __future__ import annotations

import argparse
import os
import time
import warnings

import numpy as np
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

LAYERS = [40, 100, 100, 10]
LR, MOMENTUM = 0.01, 0.9
CONTENDERS = ["helper", "helper-fit", "torch", "sklearn"]
# optimizer name -> (keyword arguments of the helpers.optim class, torch.optim class name, its kwargs)
OPTIMIZER_SETTINGS = {
    "sgd": (dict(lr=LR, momentum=MOMENTUM), "SGD", dict(lr=LR, momentum=MOMENTUM)),
    "nesterov": (dict(lr=LR, momentum=MOMENTUM), "SGD", dict(lr=LR, momentum=MOMENTUM, nesterov=True)),
    "adagrad": (dict(lr=LR), "Adagrad", dict(lr=LR)),
    "rmsprop": (dict(lr=1e-3), "RMSprop", dict(lr=1e-3)),
    "adam": (dict(lr=1e-3), "Adam", dict(lr=1e-3)),
    "nadam": (dict(lr=1e-3, momentum_decay=0.004), "NAdam", dict(lr=1e-3)),
}


# --------------------------------------------------------------------------- data


def repeat_to(X: np.ndarray, y: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """The first n rows of X, y repeated as often as needed."""
    idx = np.arange(n) % len(y)
    return np.ascontiguousarray(X[idx]), y[idx]


# --------------------------------------------------------------------------- contenders
# Each returns run(k) -> (seconds for k training steps, the last batch's loss).


def batches_of(X, y, bs):
    """The full batches of ``bs`` consecutive rows of X, y (numpy arrays or torch tensors)."""
    return [(X[i:i + bs], y[i:i + bs]) for i in range(0, len(y) - bs + 1, bs)]


def helper_steps(net, opt, X, y, bs):
    """run(k): k steps of ``net.loss_and_grads`` + ``opt.step`` on ready batches, cycling."""
    batches = batches_of(X, y, bs)

    def run(k):
        t0 = time.perf_counter()
        for i in range(k):
            Xb, yb = batches[i % len(batches)]
            loss, grads = net.loss_and_grads(Xb, yb)
            opt.step(grads)
        return time.perf_counter() - t0, loss

    return run


def torch_steps(model, opt, X, y, bs):
    """run(k): k steps of ``zero_grad``, cross-entropy, ``backward``, ``step`` on ready batches."""
    import torch

    loss_fn = torch.nn.CrossEntropyLoss()
    batches = batches_of(torch.from_numpy(X), torch.from_numpy(y), bs)

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


def setup_helper(X, y, bs, k, quick, optimizer="sgd"):
    from helpers.mlp import MLP
    from helpers.optim import OPTIMIZERS

    net = MLP(LAYERS, "relu", seed=0, dtype=np.float32)
    opt = OPTIMIZERS[optimizer](net.params, **OPTIMIZER_SETTINGS[optimizer][0])
    return helper_steps(net, opt, X, y, bs)


def setup_helper_fit(X, y, bs, k, quick):
    from helpers.mlp import MLP
    from helpers.optim import SGD

    net = MLP(LAYERS, "relu", seed=0, dtype=np.float32)
    opt = SGD(net.params, lr=LR, momentum=MOMENTUM)
    Xk, yk = repeat_to(X, y, k * bs)  # one epoch = k steps

    def run(k):
        t0 = time.perf_counter()
        history = net.fit(Xk, yk, optimizer=opt, epochs=1, batch_size=bs, progress=False)
        return time.perf_counter() - t0, history["loss"][-1]

    return run


def setup_torch(X, y, bs, k, quick, optimizer="sgd"):
    import torch

    torch.set_num_threads(int(os.environ["OMP_NUM_THREADS"]))
    torch.manual_seed(0)
    model = torch.nn.Sequential(
        torch.nn.Linear(LAYERS[0], LAYERS[1]), torch.nn.ReLU(),
        torch.nn.Linear(LAYERS[1], LAYERS[2]), torch.nn.ReLU(),
        torch.nn.Linear(LAYERS[2], LAYERS[3]),
    )
    _, torch_name, torch_kwargs = OPTIMIZER_SETTINGS[optimizer]
    opt = getattr(torch.optim, torch_name)(model.parameters(), **torch_kwargs)
    return torch_steps(model, opt, X, y, bs)


def setup_sklearn(X, y, bs, k, quick):
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.neural_network import MLPClassifier

    warnings.simplefilter("ignore", ConvergenceWarning)
    clf = MLPClassifier(
        hidden_layer_sizes=tuple(LAYERS[1:-1]), activation="relu", solver="sgd", alpha=0.0,
        batch_size=bs, learning_rate_init=LR, momentum=MOMENTUM, nesterovs_momentum=False,
        max_iter=1, warm_start=True, shuffle=True, random_state=0,
    )
    Xk, yk = repeat_to(X, y, k * bs)  # float32 data: sklearn trains in float32

    def run(k):
        t0 = time.perf_counter()
        clf.fit(Xk, yk)  # one epoch = k steps (input validation once per call)
        return time.perf_counter() - t0, clf.loss_

    return run


SETUPS = {"helper": setup_helper, "helper-fit": setup_helper_fit,
          "torch": setup_torch, "sklearn": setup_sklearn}


def make_run(name, X, y, bs, k, quick):
    """Contender ``name`` ("helper", "torch", ... or "helper:adam", "torch:adam") at batch size bs."""
    base, _, optimizer = name.partition(":")
    return SETUPS[base](X, y, bs, k, quick, **({"optimizer": optimizer} if optimizer else {}))


# --------------------------------------------------------------------------- driver


def available(name: str) -> bool:
    """Whether the contender's library imports (a broken install counts as missing)."""
    module = {"torch": "torch", "sklearn": "sklearn.neural_network"}.get(name.partition(":")[0])
    return module is None or importable(module)


def race_optimizers(args: argparse.Namespace) -> None:
    """Every chosen optimizer: helpers.optim against torch.optim, median µs per step and ratio."""
    names = list(OPTIMIZER_SETTINGS) if "all" in args.optimizers else args.optimizers
    if not available("torch"):
        raise SystemExit("the optimizer race needs torch: pip install -e .[bench] (or make bench)")
    contenders = [f"{lib}:{o}" for o in names for lib in ("helper", "torch")]
    print(f"MLP {LAYERS}, ReLU, softmax cross-entropy, float32, MNIST-1D; {args.threads} threads; "
          f"one training step (forward, loss, backward, optimizer step) per optimizer")
    print(f"{cpu_name()}, {os.cpu_count()} CPUs; {versions()}")
    load_before = os.getloadavg()[0]
    results, _ = measure(__file__, contenders, args, say_data=True)
    med = medians(results)
    goal = {bs: 0.5 if bs <= 100 else 0.8 for bs in args.batch_sizes}
    print("\nmedian time per training step (µs), helper / torch (goal: <= 0.5 at batch <= 100, "
          "<= 0.8 at 1000)")
    print(f"{'optimizer':>10} " + "".join(f"{'batch ' + str(bs):>26}" for bs in args.batch_sizes))
    for o in names:
        cells = []
        for bs in args.batch_sizes:
            h, t = med[f"helper:{o}"][bs], med[f"torch:{o}"][bs]
            mark = "" if h / t <= goal[bs] else " !"
            cells.append(f"{h:7.0f} /{t:7.0f} = {h / t:4.2f}{mark}")
        print(f"{o:>10} " + "".join(f"{c:>26}" for c in cells))
    print("(! = above the goal)")
    print(load_note(load_before))
    write_json(args.json, med, results)


def main() -> None:
    ap = parser(__doc__.split("\n\n")[0])
    ap.add_argument("--skip", nargs="+", default=[], choices=CONTENDERS, help="contenders to leave out")
    ap.add_argument("--optimizers", nargs="+", choices=[*OPTIMIZER_SETTINGS, "all"],
                    help="race these helpers.optim optimizers against torch.optim's instead")
    args = parse(ap, make_run)
    if args is None:  # a worker process: it has served its measurements
        return

    if args.optimizers:
        return race_optimizers(args)
    missing = [c for c in CONTENDERS if c not in args.skip and not available(c)]
    contenders = [c for c in CONTENDERS if c not in args.skip and c not in missing]
    print(f"MLP {LAYERS}, ReLU, softmax cross-entropy, SGD(lr={LR}, momentum={MOMENTUM}), float32, "
          f"MNIST-1D; {args.threads} threads")
    print(f"{cpu_name()}, {os.cpu_count()} CPUs; {versions()}")
    if missing:
        print(f"not installed, skipped: {', '.join(missing)}"
              + ("  (pip install -e .[bench] for torch)" if "torch" in missing else ""))
    load_before = os.getloadavg()[0]  # before our own workers add to it
    results, losses = measure(__file__, contenders, args, say_data=True)
    med = medians(results)
    header = f"{'batch':>6} " + "".join(f"{c:>12}" for c in contenders)
    if "torch" in contenders and "helper" in contenders:
        header += f"{'helper/torch':>14}"
    if "torch" in contenders and "helper-fit" in contenders:
        header += f"{'fit/torch':>11}"
    print("\nmedian time per training step (µs)")
    print(header)
    for bs in args.batch_sizes:
        row = f"{bs:>6} " + "".join(f"{med[c][bs]:>12.0f}" for c in contenders)
        if "torch" in contenders and "helper" in contenders:
            row += f"{med['helper'][bs] / med['torch'][bs]:>14.2f}"
        if "torch" in contenders and "helper-fit" in contenders:
            row += f"{med['helper-fit'][bs] / med['torch'][bs]:>11.2f}"
        print(row)
    print(spread(results))
    print("loss of the last step/epoch: " + "; ".join(
        f"{c} " + ", ".join(f"{losses[c][bs]:.3f}" for bs in args.batch_sizes) for c in contenders))
    print(load_note(load_before))
    if missing:
        print(f"(not installed, left out: {', '.join(missing)}; no helper/torch ratio without torch)"
              if "torch" in missing else f"(not installed, left out: {', '.join(missing)})")
    write_json(args.json, med, results)


if __name__ == "__main__":
    main()
