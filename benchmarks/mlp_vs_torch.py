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
  the machine's load hits all of them alike.

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
import importlib
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

import numpy as np

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
THREAD_VARS = ["OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS",
               "VECLIB_MAXIMUM_THREADS", "NUMEXPR_NUM_THREADS"]
# Steps per measurement, per batch size: each measurement takes roughly 0.05-0.2 s.
STEPS = {10: 400, 100: 200, 1000: 40}


def steps_for(batch_size: int, quick: bool) -> int:
    k = STEPS.get(batch_size, max(10, 40_000 // batch_size))
    return max(5, k // 4) if quick else k


# --------------------------------------------------------------------------- data


def make_data(path: Path) -> None:
    """MNIST-1D from the package's generator (no download), saved as float32/int64 arrays."""
    from mnist1d.data import get_dataset_args, make_dataset

    data = make_dataset(get_dataset_args())  # generated in code; nothing is downloaded
    np.savez(path, X=data["x"].astype(np.float32), y=data["y"].astype(np.int64))


def repeat_to(X: np.ndarray, y: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """The first n rows of X, y repeated as often as needed."""
    idx = np.arange(n) % len(y)
    return np.ascontiguousarray(X[idx]), y[idx]


# --------------------------------------------------------------------------- contenders
# Each returns run(k) -> (seconds for k training steps, the last batch's loss).


def setup_helper(X, y, bs, k, quick, optimizer="sgd"):
    from helpers.mlp import MLP
    from helpers.optim import OPTIMIZERS

    net = MLP(LAYERS, "relu", seed=0, dtype=np.float32)
    opt = OPTIMIZERS[optimizer](net.params, **OPTIMIZER_SETTINGS[optimizer][0])
    batches = [(X[i:i + bs], y[i:i + bs]) for i in range(0, len(y) - bs + 1, bs)]

    def run(k):
        t0 = time.perf_counter()
        for i in range(k):
            Xb, yb = batches[i % len(batches)]
            loss, grads = net.loss_and_grads(Xb, yb)
            opt.step(grads)
        return time.perf_counter() - t0, loss

    return run


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
    loss_fn = torch.nn.CrossEntropyLoss()
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


def worker(name: str, data_path: str, batch_sizes: list[int], quick: bool) -> None:
    """Serve measurements over stdin/stdout: 'bs' -> one JSON line {'us': ..., 'loss': ...}."""
    data = np.load(data_path)
    X, y = data["X"], data["y"]
    runs = {}
    for bs in batch_sizes:
        k = steps_for(bs, quick)
        base, _, optimizer = name.partition(":")
        runs[bs] = SETUPS[base](X, y, bs, k, quick, **({"optimizer": optimizer} if optimizer else {}))
        runs[bs](k)  # warm-up
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        if line.strip() == "quit":
            break
        bs = int(line)
        k = steps_for(bs, quick)
        seconds, loss = runs[bs](k)
        print(json.dumps({"us": seconds / k * 1e6, "loss": float(loss)}), flush=True)


# --------------------------------------------------------------------------- driver


def available(name: str) -> bool:
    """Whether the contender's library imports (a broken install counts as missing)."""
    module = {"torch": "torch", "sklearn": "sklearn.neural_network"}.get(name.partition(":")[0])
    if module is None:
        return True
    try:
        importlib.import_module(module)
    except ImportError:
        return False
    return True


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
    if available("torch"):
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


def measure(contenders: list[str], args: argparse.Namespace) -> tuple[dict, dict]:
    """Start one worker process per contender and collect interleaved measurements (µs per step)."""
    env = dict(os.environ, **{v: str(args.threads) for v in THREAD_VARS})
    root = Path(__file__).resolve().parent.parent
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(root), env.get("PYTHONPATH")]))

    with tempfile.TemporaryDirectory() as tmp:
        data_path = Path(tmp) / "mnist1d.npz"
        t0 = time.perf_counter()
        make_data(data_path)
        print(f"data generated in {time.perf_counter() - t0:.1f} s; starting workers ...", flush=True)
        procs = {}
        for c in contenders:
            cmd = [sys.executable, __file__, "--worker", c, "--data", str(data_path),
                   "--batch-sizes", *map(str, args.batch_sizes)] + ["--quick"] * args.quick
            procs[c] = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        text=True, env=env, cwd=root)
            reply = procs[c].stdout.readline()  # start one at a time: setups do not overlap
            if not reply:
                raise SystemExit(f"worker {c} failed to start")
        results = {c: {bs: [] for bs in args.batch_sizes} for c in contenders}
        losses = {c: {} for c in contenders}
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
    results, _ = measure(contenders, args)
    med = {c: {bs: statistics.median(v) for bs, v in results[c].items()} for c in contenders}
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
    print(f"load average before the run: {load_before:.2f}"
          + ("  -- other processes were busy: expect noisy numbers" if load_before > 1 else ""))
    if args.json:
        args.json.write_text(json.dumps({"median_us": med, "raw_us": results}, indent=1))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--batch-sizes", type=int, nargs="+", default=[10, 100, 1000])
    ap.add_argument("--rounds", type=int, default=11, help="interleaved measurements per contender")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--pause", type=float, default=0.2,
                    help="seconds between measurements, so idle BLAS/OpenMP threads stop spinning")
    ap.add_argument("--quick", action="store_true", help="few, short rounds (a smoke test)")
    ap.add_argument("--skip", nargs="+", default=[], choices=CONTENDERS, help="contenders to leave out")
    ap.add_argument("--json", type=Path, help="also write the raw measurements here")
    ap.add_argument("--optimizers", nargs="+", choices=[*OPTIMIZER_SETTINGS, "all"],
                    help="race these helpers.optim optimizers against torch.optim's instead")
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    ap.add_argument("--data", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        worker(args.worker, args.data, args.batch_sizes, args.quick)
        return
    if args.quick:
        args.rounds, args.pause = min(args.rounds, 3), min(args.pause, 0.05)

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
    results, losses = measure(contenders, args)
    med = {c: {bs: statistics.median(v) for bs, v in results[c].items()} for c in contenders}
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
    spread = {c: {bs: (np.percentile(v, 25), np.percentile(v, 75)) for bs, v in results[c].items()}
              for c in contenders}
    print("interquartile range (µs): " + "; ".join(
        f"{c} " + ", ".join(f"{bs}: {lo:.0f}-{hi:.0f}" for bs, (lo, hi) in spread[c].items())
        for c in contenders))
    print("loss of the last step/epoch: " + "; ".join(
        f"{c} " + ", ".join(f"{losses[c][bs]:.3f}" for bs in args.batch_sizes) for c in contenders))
    print(f"load average before the run: {load_before:.2f}"
          + ("  -- other processes were busy: expect noisy numbers" if load_before > 1 else ""))
    if missing:
        print(f"(not installed, left out: {', '.join(missing)}; no helper/torch ratio without torch)"
              if "torch" in missing else f"(not installed, left out: {', '.join(missing)})")
    if args.json:
        args.json.write_text(json.dumps({"median_us": med, "raw_us": results}, indent=1))


if __name__ == "__main__":
    main()
