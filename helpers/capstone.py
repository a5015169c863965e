"""The course's own pieces for the capstone (notebook 09): what its demos fall back on.

    X_tr, y_tr, X_val, y_val = validation_split(X, y, fraction=0.2, seed=0)
    model, history = train_model(X_tr, y_tr, X_val, y_val, epochs=80)   # MNIST-1D: about 0.86
    C = confusion_matrix(y_val, model.predict(X_val))                    # (10, 10) counts
    curves = random_label_fits([[298], [100, 100], [75, 75, 75], [63, 63, 63, 63]], X)
    epoch = first_epoch_reaching(curves["75-75-75"])                     # first epoch at 100 %, or None

``train_model`` is the model solution's recipe, assembled from the course's parts: a ReLU MLP
with He initialisation, Adam with L2 weight decay, ``helpers.schedules.CosineDecay``, a freshly
shifted and noised copy of the training inputs every epoch (``helpers.augment``), and
``helpers.regularization.EarlyStopping`` on the validation accuracy (the best epoch's weights
restored at the end), all through ``helpers.training.fit``. The notebook's exercises ask for
these very functions: an answer that calls them earns nothing (``integrity.toml``). The demos
fall back on them through ``helpers.fallback``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from helpers.augment import shift_and_noise
from helpers.mlp import MLP
from helpers.optim import SGD, Adam
from helpers.regularization import EarlyStopping
from helpers.schedules import CosineDecay
from helpers.training import LiveCurves, fit

# LiveCurves is helpers.training's, named here too: notebook 09 tells students to use capstone.LiveCurves
__all__ = ["validation_split", "confusion_matrix", "train_model", "LiveCurves", "random_label_fits",
           "first_epoch_reaching"]


def validation_split(
    X: np.ndarray, y: np.ndarray, fraction: float = 0.2, seed: int = 0
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """A seeded random split: ``round(fraction * n)`` rows for validation, the rest for training.

    ``X`` (n, D), ``y`` (n,); returns ``X_train, y_train, X_val, y_val`` with rows of ``X`` and
    ``y`` kept together, every row in exactly one part.
    """
    X, y = np.asarray(X), np.asarray(y)
    if len(X) != len(y):
        raise ValueError(f"X has {len(X)} rows but y has {len(y)} labels")
    order = np.random.default_rng(seed).permutation(len(y))
    n_val = int(round(fraction * len(y)))
    val, train = order[:n_val], order[n_val:]
    return X[train], y[train], X[val], y[val]


def confusion_matrix(y_true: np.ndarray, y_pred: np.ndarray, n_classes: int = 10) -> np.ndarray:
    """Counts ``C[i, j]`` of examples with true class ``i`` predicted as ``j``: (n_classes, n_classes)."""
    C = np.zeros((n_classes, n_classes), dtype=np.int64)
    np.add.at(C, (np.asarray(y_true, dtype=int), np.asarray(y_pred, dtype=int)), 1)
    return C


def train_model(
    X_train: np.ndarray,
    y_train: np.ndarray,
    X_val: np.ndarray,
    y_val: np.ndarray,
    *,
    hidden: Sequence[int] = (256, 256, 256),
    epochs: int = 80,
    lr: float = 4e-3,
    weight_decay: float = 5e-4,
    batch_size: int = 100,
    max_shift: int = 5,
    noise: float = 0.1,
    patience: int | None = None,
    seed: int = 0,
    progress: bool = True,
    live: bool = False,
) -> tuple[MLP, dict[str, list[float]]]:
    """Train the model solution's MLP; return it (at its best validation epoch) and its history.

    ``X_train`` (n, D) and ``y_train`` (n,) are augmented afresh every epoch (``max_shift``
    samples of shift, Gaussian ``noise``; set both to 0 for 2-D inputs such as images);
    ``X_val``, ``y_val`` never are. The learning rate follows a cosine from ``lr`` to 0 over
    ``epochs``. With ``patience``, training stops after that many epochs without a better
    validation accuracy. History per epoch: "loss", "accuracy" (on the augmented training data,
    after the epoch), "val_loss", "val_accuracy", "lr".
    """
    X_train = np.asarray(X_train, dtype=np.float32)
    n_classes = int(max(np.max(y_train), np.max(y_val))) + 1
    net = MLP([X_train.shape[1], *hidden, n_classes], activation="relu", init="he", seed=seed)
    opt = Adam(net.params, lr=lr, weight_decay=weight_decay)
    rng = np.random.default_rng([seed, 1])  # the augmentation's own stream; fit shuffles with seed
    augment = ((lambda X: shift_and_noise(X, rng, max_shift=max_shift, noise=noise))
               if max_shift > 0 or noise > 0 else None)
    callbacks: list[Any] = [CosineDecay(opt, epochs=max(epochs, 1)),
                            EarlyStopping("val_accuracy", patience=patience)]
    if live:  # a redraw every 2 s at most: the full run is about 80 fast epochs
        callbacks.append(LiveCurves(every=2.0, labels={"loss": "training (augmented)",
                                                       "accuracy": "training (augmented)"}))
    history = fit(net, X_train, y_train, optimizer=opt, epochs=epochs, batch_size=batch_size, seed=seed,
                  X_val=X_val, y_val=y_val, callbacks=callbacks, augment=augment, progress=progress)
    return net, history


def first_epoch_reaching(accuracies: Sequence[float] | np.ndarray, target: float = 1.0) -> int | None:
    """The first epoch (counted from 1) after which the accuracy is at least ``target``, else None.

    ``accuracies`` holds one accuracy per epoch, measured after it (a training history's
    ``"accuracy"``), shape ``(epochs,)``.
    """
    reached = np.flatnonzero(np.asarray(accuracies, dtype=float) >= target)
    return int(reached[0]) + 1 if reached.size else None


def random_label_fits(
    hidden_layers: Sequence[Sequence[int]],
    X: np.ndarray,
    *,
    n: int = 256,
    steps: int = 250,
    lr: float = 0.1,
    seed: int = 1,
) -> dict[str, list[float]]:
    """Full-batch gradient descent on ``n`` inputs of ``X`` with random labels 0..9.

    One network ``[D, *hidden, 10]`` per entry of ``hidden_layers`` (ReLU, He initialisation,
    seeded alike); returns, per network (keyed by its hidden widths, e.g. "75-75-75"), the
    training accuracy after each of the ``steps`` steps (entry 0: after step 1).
    """
    rng = np.random.default_rng(seed)
    Xs = np.asarray(X[:n], dtype=np.float32)
    ys = rng.integers(0, 10, size=len(Xs))
    fits = {}
    for hidden in hidden_layers:
        net = MLP([Xs.shape[1], *hidden, 10], activation="relu", init="he", seed=seed)
        h = net.fit(Xs, ys, optimizer=SGD(net.params, lr=lr), epochs=steps, batch_size=len(Xs),
                    seed=seed, progress=False)
        fits["-".join(map(str, hidden))] = h["accuracy"]
    return fits
