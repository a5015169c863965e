"""The course's training loop, written once: forward, loss, backward, step.

    from helpers.training import fit
    history = fit(net, X, y, optimizer=SGD(net.params, lr=0.1, momentum=0.9),
                  epochs=20, batch_size=32, seed=0, X_val=Xv, y_val=yv)

Every epoch shuffles the training set (its own seeded generator), cuts it into
ceil(n / batch_size) mini-batches and takes one optimizer step per batch. After the epoch the
history gets one entry per key; then every callback's ``on_epoch_end(epoch, history, model)``
is called (a ``True`` from any of them stops training: early stopping; learning-rate schedules
from ``helpers.schedules`` are callbacks too).

What a model needs: ``params`` and ``grads`` (lists of arrays, the optimizer's order),
``loss_and_grads(X, y) -> (loss, grads)``, ``forward(X)``; optionally ``train()`` / ``eval()``
(switched around evaluations, for dropout or batch norm), ``accuracy(X, y)`` and a ``loss``
attribute (``"mse"`` means regression: no accuracy is recorded). ``helpers.mlp.MLP`` has all.
"""

from __future__ import annotations

import math
import time
import warnings
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Protocol

import numpy as np
from numpy.typing import ArrayLike

__all__ = ["fit", "minibatches", "Callback", "LiveCurves"]


class Callback(Protocol):
    """Anything with this method: called after every epoch; ``True`` stops training."""

    def on_epoch_end(self, epoch: int, history: dict[str, list[float]], model: Any) -> bool: ...


def minibatches(n: int, batch_size: int, rng: np.random.Generator) -> Iterator[np.ndarray]:
    """Index arrays of one epoch: a fresh permutation of ``range(n)`` cut into batches.

    Yields ceil(n / batch_size) arrays, all of ``batch_size`` indices except possibly the last.
    """
    order = rng.permutation(n)
    for start in range(0, n, batch_size):
        yield order[start:start + batch_size]


def _mode(model: Any, name: str) -> None:
    switch = getattr(model, name, None)
    if callable(switch):
        switch()


def _check_args(model: Any, X: ArrayLike, y: ArrayLike, optimizer: Any, epochs: int,
                batch_size: int) -> tuple[np.ndarray, np.ndarray]:
    for attr in ("params", "grads", "loss_and_grads"):
        if not hasattr(model, attr):
            raise TypeError(f"fit needs a model with `{attr}`, got {type(model).__name__}")
    params = getattr(optimizer, "params", None)
    if params is None or not callable(getattr(optimizer, "step", None)):
        raise TypeError(f"optimizer must be a helpers.optim optimizer, got {type(optimizer).__name__}")
    if len(params) != len(model.params) or any(p is not q for p, q in zip(params, model.params,
                                                                          strict=False)):
        raise ValueError("the optimizer was not built on this network's parameters: "
                         "create it with e.g. SGD(net.params, lr=0.1)")
    for name, value, low in (("epochs", epochs, 0), ("batch_size", batch_size, 1)):
        if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < low:
            raise ValueError(f"{name} must be an integer >= {low}, got {value!r}")
    X, y = np.asarray(X), np.asarray(y)
    if X.ndim == 0 or len(X) == 0:
        raise ValueError(f"X must hold at least one example (rows), got shape {X.shape}")
    if y.ndim == 0 or len(y) != len(X):
        raise ValueError(f"X has {len(X)} examples but y has shape {y.shape}: give one target per row")
    dtype = getattr(model, "dtype", None)
    if dtype is not None and X.dtype.kind in "fiub":
        X = np.ascontiguousarray(X, dtype=dtype)  # once, not per batch
    return X, y


def fit(
    model: Any,
    X: ArrayLike,
    y: ArrayLike,
    *,
    optimizer: Any,
    epochs: int,
    batch_size: int,
    seed: int = 0,
    X_val: ArrayLike | None = None,
    y_val: ArrayLike | None = None,
    callbacks: Iterable[Callback] = (),
    augment: Callable[[np.ndarray], np.ndarray] | None = None,
    progress: bool = True,
    live: bool = False,
) -> dict[str, list[float]]:
    """Train ``model`` by mini-batch gradient descent; return the history per epoch.

    Args:
        model: see the module docstring (e.g. ``helpers.mlp.MLP``).
        X: training inputs, shape ``(n, ...)`` (the model checks the rest).
        y: targets, one per row of ``X``: labels ``(n,)`` or values ``(n, d)``.
        optimizer: built on ``model.params`` (e.g. ``Adam(net.params, lr=1e-3)``).
        epochs: passes over the training set (0 is allowed: nothing happens).
        batch_size: examples per step; ``batch_size >= n`` is full-batch gradient descent,
            1 is stochastic gradient descent. An epoch takes ceil(n / batch_size) steps.
        seed: seed of the shuffling.
        X_val, y_val: optional validation data, evaluated after every epoch.
        callbacks: objects with ``on_epoch_end(epoch, history, model) -> bool``.
        augment: data augmentation, ``augment(X) -> X_new`` (a new array of the same shape,
            e.g. ``lambda X: shift_and_noise(X, rng)``): called at the start of every epoch,
            which then trains on ``X_new`` (and measures "accuracy" on it); ``X`` itself and
            the validation data are never augmented.
        progress: a ``tqdm.auto`` progress bar over the epochs (notebook or terminal).
        live: redraw loss (and accuracy) curves in the notebook as training goes (a
            ``LiveCurves``: at most about three times a second, and once at the end); does
            nothing outside a notebook kernel.

    Returns:
        ``history``: ``"loss"`` (mean of the epoch's batch losses, weighted by batch size),
        ``"accuracy"`` (on the training set after the epoch; classification models only),
        ``"val_loss"`` and ``"val_accuracy"`` (with validation data), and ``"lr"`` (the
        optimizer's learning rate during the epoch). One float per epoch each. Training stops
        early, with a warning, if the loss becomes NaN or infinite (a learning rate too high).
    """
    from tqdm.auto import tqdm

    X, y = _check_args(model, X, y, optimizer, epochs, batch_size)
    validate = X_val is not None or y_val is not None
    if validate and (X_val is None or y_val is None):
        raise ValueError("give both X_val and y_val")
    classify = callable(getattr(model, "accuracy", None)) and getattr(model, "loss", None) != "mse"
    callbacks = list(callbacks)
    for cb in callbacks:
        if not callable(getattr(cb, "on_epoch_end", None)):
            raise TypeError(f"a callback needs an on_epoch_end(epoch, history, model) method, "
                            f"got {type(cb).__name__}")
    keys = ["loss"] + ["accuracy"] * classify
    if validate:
        keys += ["val_loss"] + ["val_accuracy"] * classify
    history: dict[str, list[float]] = {k: [] for k in keys + ["lr"]}

    n = len(X)
    rng = np.random.default_rng(seed)
    if live:
        callbacks.append(LiveCurves())
    bar = tqdm(range(int(epochs)), desc="epochs", disable=not progress, leave=False)
    for epoch in bar:
        _mode(model, "train")
        lr = float(optimizer.lr)
        total = 0.0
        X_epoch = X if augment is None else _augmented(augment, X)
        for idx in minibatches(n, int(batch_size), rng):
            value, grads = model.loss_and_grads(X_epoch[idx], y[idx])
            optimizer.step(grads)
            total += float(value) * len(idx)
        history["loss"].append(total / n)
        history["lr"].append(lr)
        _mode(model, "eval")
        chunk = max(int(batch_size), EVAL_CHUNK)
        if classify:
            history["accuracy"].append(_chunked(model.accuracy, X_epoch, y, chunk))
        if validate:
            history["val_loss"].append(_chunked(lambda a, b: model.loss_and_grads(a, b)[0],
                                                X_val, y_val, chunk))
            if classify:
                history["val_accuracy"].append(_chunked(model.accuracy, X_val, y_val, chunk))
        _mode(model, "train")
        bar.set_postfix({k: f"{history[k][-1]:.4g}" for k in keys}, refresh=False)
        if not math.isfinite(history["loss"][-1]):
            warnings.warn(f"the training loss became {history['loss'][-1]} in epoch {epoch}: "
                          f"training stopped (is the learning rate {lr:g} too high?)",
                          RuntimeWarning, stacklevel=2)
            break
        stop = [bool(cb.on_epoch_end(epoch, history, model)) for cb in callbacks]
        if any(stop):
            break
    for cb in callbacks:  # e.g. EarlyStopping restores its best weights after a full run too
        end = getattr(cb, "on_train_end", None)
        if callable(end):
            end(history, model)
    bar.close()
    return history


def _augmented(augment: Callable[[np.ndarray], np.ndarray], X: np.ndarray) -> np.ndarray:
    """``augment(X)``, checked to keep the shape, in ``X``'s dtype (the model's)."""
    X_new = np.asarray(augment(X))
    if X_new.shape != X.shape:
        raise ValueError(f"augment changed the shape of the inputs: {X.shape} -> {X_new.shape}")
    return np.ascontiguousarray(X_new, dtype=X.dtype)


# Evaluations run in chunks of max(batch_size, EVAL_CHUNK) rows: a layer that keeps its work
# arrays (helpers.layers, inplace=True) then reuses them, or reallocates small ones, instead of
# allocating arrays for the whole data set after every epoch and again for the next batch (which
# made an epoch at batch 100 about 50 % slower, in page faults).
EVAL_CHUNK = 256


def _chunked(metric: Any, X: Any, y: Any, chunk: int) -> float:
    """The mean of ``metric(X_part, y_part)`` over row chunks, weighted by their sizes."""
    X, y = np.asarray(X), np.asarray(y)
    n = len(X)
    total = 0.0
    for start in range(0, n, chunk):
        part = slice(start, start + chunk)
        total += float(metric(X[part], y[part])) * len(X[part])
    return total / n


class LiveCurves:
    """Loss and accuracy curves of a training run, redrawn in place in a notebook.

    A callback of ``fit`` (``fit(..., live=True)`` adds one; ``callbacks=[LiveCurves()]`` is
    the same): after every epoch ``update(history)`` draws "loss" and "val_loss" on the left
    and, when the history has them, "accuracy" and "val_accuracy" on the right (one point per
    epoch), at most once every ``every`` seconds, and once more at the end (``final``).
    ``labels`` renames curves (e.g. ``{"loss": "training (augmented)"}``). Outside a notebook
    kernel (a terminal, pytest) it draws nothing unless ``always`` (then the figure is simply
    made, for a test or a headless run to look at).
    """

    LABELS = {"loss": "training", "val_loss": "validation", "accuracy": "training",
              "val_accuracy": "validation"}

    def __init__(self, every: float = 0.3, *, labels: dict[str, str] | None = None,
                 always: bool = False) -> None:
        self.every, self.last = every, -math.inf
        self.labels = {**self.LABELS, **(labels or {})}
        self.enabled = always or _in_kernel()
        self.handle: Any = None
        self.fig: Any = None
        self.ax_loss: Any = None
        self.ax_acc: Any = None

    def update(self, history: dict[str, list[float]], final: bool = False) -> None:
        """Redraw from ``history`` (lists, one entry per epoch) if ``every`` seconds have passed."""
        if not self.enabled or (not final and time.perf_counter() - self.last < self.every):
            return
        import matplotlib.pyplot as plt

        accuracies = bool(history.get("accuracy") or history.get("val_accuracy"))
        if self.fig is None:
            self.fig, axes = plt.subplots(1, 1 + accuracies, figsize=(9 if accuracies else 6, 2.8),
                                          layout="constrained", squeeze=False)
            self.ax_loss, self.ax_acc = axes[0, 0], (axes[0, 1] if accuracies else None)
            plt.close(self.fig)  # shown through the display handle only
        for ax, keys, name in ((self.ax_loss, ("loss", "val_loss"), "loss"),
                               (self.ax_acc, ("accuracy", "val_accuracy"), "accuracy")):
            if ax is None:
                continue
            ax.clear()
            for key in keys:
                if history.get(key):
                    ax.plot(np.arange(1, len(history[key]) + 1), history[key], label=self.labels[key])
            ax.set_xlabel("epoch")
            ax.set_ylabel(name)
            if ax.lines:
                ax.legend(fontsize=9, frameon=False)
        self._show()
        self.last = time.perf_counter()

    def _show(self) -> None:
        if not _in_kernel() and self.handle is None:
            return  # made, not shown: nothing to show it in
        from IPython.display import display

        if self.handle is None:
            self.handle = display(self.fig, display_id=True)
        else:
            self.handle.update(self.fig)

    def on_epoch_end(self, epoch: int, history: dict[str, list[float]], model: Any) -> bool:
        """The callback protocol: redraw (when due), never stop."""
        self.update(history)
        return False

    def on_train_end(self, history: dict[str, list[float]], model: Any) -> None:
        self.update(history, final=True)


def _in_kernel() -> bool:
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    return shell is not None and hasattr(shell, "kernel")
