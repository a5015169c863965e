"""A multi-layer perceptron built from ``helpers.layers``, trained with ``helpers.optim``.

    net = MLP([40, 100, 100, 10])                 # 40 inputs, two hidden layers, 10 classes
    opt = SGD(net.params, lr=0.05, momentum=0.9)
    history = net.fit(X, y, optimizer=opt, epochs=20, batch_size=100, seed=0)
    net.accuracy(X_test, y_test)

The network is ``Dense -> activation -> Dense -> activation -> ... -> Dense``: the book's
h_k = a[beta_{k-1} + Omega_{k-1} h_{k-1}], batch-first, with no activation after the last
layer (it outputs logits, or the regression values).

Parameters and gradients are lists in a fixed order, layer by layer::

    net.params == [Omega_0, beta_0, Omega_1, beta_1, ..., Omega_K, beta_K]
    net.grads  == [dOmega_0, dbeta_0, ...]          # same order and shapes

numbered as in the book: for ``layer_sizes = [D_i, D_1, ..., D_K, D_o]`` (inputs, K hidden
layers, outputs), ``Omega_k`` has shape ``(D_{k+1}, D_k)`` and ``beta_k`` shape ``(D_{k+1},)``
with ``D_0 = D_i`` and ``D_{K+1} = D_o``; ``y = beta_K + Omega_K h_K``. The arrays are
allocated once; training updates them in place, and ``backward`` overwrites the gradient
arrays (copy them to keep them).

Losses (``loss=`` in the constructor, or per call): ``"softmax_cross_entropy"`` (integer
labels ``(n,)``), ``"bce"`` (binary cross-entropy with logits, one output, labels 0/1) and
``"mse"`` (regression, targets ``(n,)`` or ``(n, d_K)``). All are means over the batch.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import ArrayLike

from helpers import losses
from helpers.layers import ACTIVATION_LAYERS, Dense, Layer
from helpers.optim import Optimizer

__all__ = ["MLP", "LOSSES"]

LOSSES = ("softmax_cross_entropy", "bce", "mse")


class MLP:
    """A fully connected network: ``layer_sizes = [d_in, hidden..., d_out]``.

    Args:
        layer_sizes: widths ``[d_0, d_1, ..., d_K]``, at least two entries.
        activation: ``"relu"``, ``"leaky_relu"``, ``"tanh"``, ``"sigmoid"`` or ``"linear"``,
            applied after every layer but the last.
        seed: seed of the weight initialisation (biases start at 0).
        dtype: ``np.float32`` (fast, the default) or ``np.float64`` (for gradient checks).
        init: ``"he"`` (std sqrt(2 / d_in)), ``"xavier"`` (sqrt(2 / (d_in + d_out))) or a number
            (that standard deviation for every weight).
        loss: the default loss of ``loss_and_grads`` and ``fit``; also decides what
            ``predict`` returns.

    Attributes:
        layers: ``[Dense, activation, Dense, ..., Dense]``.
        dense: the ``Dense`` layers only.
        params, grads: see the module docstring for their order.
    """

    def __init__(
        self,
        layer_sizes: Sequence[int],
        activation: str = "relu",
        *,
        seed: int = 0,
        dtype: type = np.float32,
        init: str | float = "he",
        loss: str = "softmax_cross_entropy",
    ) -> None:
        sizes = [int(d) for d in layer_sizes]
        if len(sizes) < 2 or min(sizes) < 1:
            raise ValueError(f"layer_sizes needs at least two positive widths, got {layer_sizes}")
        if activation not in ACTIVATION_LAYERS:
            raise ValueError(f"unknown activation {activation!r}; choose one of {sorted(ACTIVATION_LAYERS)}")
        self.dtype = np.dtype(dtype)
        if self.dtype not in (np.float32, np.float64):
            raise ValueError(f"dtype must be np.float32 or np.float64, got {dtype}")
        self.layer_sizes = sizes
        self.activation = activation
        self.loss = self._check_loss(loss)
        rng = np.random.default_rng(seed)
        # inplace layers: no new arrays per step (see helpers.layers); what the public methods
        # return is copied, so the caller never sees an array the next step overwrites
        self.dense = [Dense(a, b, init=init, rng=rng, dtype=self.dtype, inplace=True)
                      for a, b in zip(sizes[:-1], sizes[1:], strict=True)]
        self.layers: list[Layer] = []
        for k, layer in enumerate(self.dense):
            self.layers.append(layer)
            if k < len(self.dense) - 1:
                self.layers.append(ACTIVATION_LAYERS[activation](inplace=True))
        self.params = [p for layer in self.dense for p in layer.params]
        self.grads = [g for layer in self.dense for g in layer.grads]

    # ----------------------------------------------------------------- checks

    def _check_loss(self, loss: str | None) -> str:
        loss = self.loss if loss is None else loss
        if loss not in LOSSES:
            raise ValueError(f"unknown loss {loss!r}; choose one of {LOSSES}")
        if loss == "bce" and self.layer_sizes[-1] != 1:
            raise ValueError(f"loss 'bce' needs one output, the network has {self.layer_sizes[-1]}")
        return loss

    def _check_inputs(self, X: ArrayLike) -> np.ndarray:
        """``X`` as a C-contiguous array of the network's dtype, shape ``(n, d_0)``."""
        X = np.asarray(X)
        if X.ndim == 1 and self.layer_sizes[0] == 1:
            X = X[:, None]  # n scalar inputs
        if X.ndim != 2 or X.shape[1] != self.layer_sizes[0]:
            raise ValueError(f"X must have shape (n, {self.layer_sizes[0]}) for this network "
                             f"(layer_sizes {self.layer_sizes}), got {X.shape}")
        if X.dtype.kind not in "fiub":
            raise TypeError(f"X must hold real numbers, got dtype {X.dtype}")
        X = np.ascontiguousarray(X, dtype=self.dtype)
        if not np.isfinite(X).all():
            raise ValueError("X contains NaN or infinite values")
        return X

    def _check_targets(self, y: ArrayLike, n: int, loss: str) -> np.ndarray:
        """Targets in the form the loss takes: labels ``(n,)`` or values ``(n, d_K)``."""
        d_out = self.layer_sizes[-1]
        if loss == "softmax_cross_entropy":
            return losses.check_labels(y, n=n, n_classes=d_out)
        if loss == "bce":
            y = losses.check_labels(y, n=n, n_classes=2)
            return y.astype(self.dtype).reshape(n, 1)
        y = np.asarray(y, dtype=self.dtype)
        if y.shape[:1] != (n,) or y.size != n * d_out:
            raise ValueError(f"targets must have shape (n, {d_out}) (or (n,) for one output) "
                             f"with n = {n}, got {y.shape}")
        if not np.isfinite(y).all():
            raise ValueError("targets y contain NaN or infinite values")
        return y.reshape(n, d_out)

    # ----------------------------------------------------------------- forward / backward

    def forward(self, X: ArrayLike) -> np.ndarray:
        """The network's outputs (logits) ``(n, d_K)`` for inputs ``X`` of shape ``(n, d_0)``.

        Caches what ``backward`` needs.
        """
        return self._forward(self._check_inputs(X)).copy()

    def _forward(self, X: np.ndarray) -> np.ndarray:
        for layer in self.layers:
            X = layer.forward(X)
        return X

    def backward(self, dlogits: np.ndarray, *, input_grad: bool = False) -> np.ndarray | None:
        """Backpropagate dL/d(logits) ``(n, d_K)`` through the last ``forward``; fills ``grads``.

        Returns dL/dX ``(n, d_0)`` if ``input_grad`` (else ``None``: the first layer skips it).
        """
        d = dlogits
        for layer in reversed(self.layers[1:]):
            d = layer.backward(d)
        dX = self.layers[0].backward(d, input_grad=input_grad)
        return None if dX is None else dX.copy()

    def loss_and_grads(
        self, X: ArrayLike, y: ArrayLike, loss: str | None = None
    ) -> tuple[float, list[np.ndarray]]:
        """Forward, loss (mean over the batch) and backward in one call.

        Args:
            X: inputs ``(n, d_0)``.
            y: integer labels ``(n,)`` (classification) or targets ``(n, d_K)`` / ``(n,)`` (mse).
            loss: one of ``LOSSES``; default: the network's ``loss``.

        Returns:
            ``(loss, grads)``: the loss as a float and ``self.grads`` (same order as ``params``),
            freshly filled.
        """
        loss = self._check_loss(loss)
        X = self._check_inputs(X)
        value, _ = self._loss_and_grads(X, self._check_targets(y, X.shape[0], loss), loss)
        return value, self.grads

    def _loss_and_grads(self, X: np.ndarray, y: np.ndarray, loss: str) -> tuple[float, np.ndarray]:
        """The unchecked core of a training step; also returns the logits."""
        logits = self._forward(X)
        if loss == "softmax_cross_entropy":
            value, dlogits = losses.softmax_cross_entropy(logits, y)
        elif loss == "bce":
            value = losses.binary_cross_entropy_with_logits(logits, y)
            dlogits = losses.binary_cross_entropy_with_logits_grad(logits, y)
        else:
            value, dlogits = losses.mse(logits, y), losses.mse_grad(logits, y)
        self.backward(dlogits)
        return value, logits

    # ----------------------------------------------------------------- predictions

    def predict(self, X: ArrayLike) -> np.ndarray:
        """Class labels ``(n,)`` for the classification losses; outputs ``(n,)`` or ``(n, d_K)``
        (one output is flattened) for ``mse``."""
        logits = self.forward(X)
        if self.loss == "softmax_cross_entropy":
            return np.argmax(logits, axis=1)
        if self.loss == "bce":
            return (logits[:, 0] > 0).astype(np.intp)
        return logits[:, 0].copy() if logits.shape[1] == 1 else logits

    def predict_proba(self, X: ArrayLike) -> np.ndarray:
        """Class probabilities ``(n, C)``: softmax of the logits (``bce``: ``[1 - p, p]``)."""
        logits = self.forward(X)
        if self.loss == "softmax_cross_entropy":
            return losses.softmax(logits, axis=1)
        if self.loss == "bce":
            p = 0.5 * (1 + np.tanh(0.5 * logits))  # sigmoid without overflow
            return np.hstack([1 - p, p])
        raise ValueError("predict_proba needs a classification loss, the network's loss is 'mse'")

    def accuracy(self, X: ArrayLike, y: ArrayLike) -> float:
        """Fraction of examples whose predicted class equals the label ``y`` ``(n,)``."""
        if self.loss == "mse":
            raise ValueError("accuracy needs a classification loss, the network's loss is 'mse'")
        pred = self.predict(X)
        y = losses.check_labels(y, n=pred.shape[0], n_classes=max(self.layer_sizes[-1], 2))
        return float(np.mean(pred == y))

    # ----------------------------------------------------------------- training

    def fit(
        self,
        X: ArrayLike,
        y: ArrayLike,
        *,
        optimizer: Optimizer,
        epochs: int = 10,
        batch_size: int = 32,
        seed: int = 0,
        X_val: ArrayLike | None = None,
        y_val: ArrayLike | None = None,
        loss: str | None = None,
        progress: bool = True,
    ) -> dict[str, list[float]]:
        """Minibatch training: each epoch shuffles the data and takes one step per batch.

        Args:
            X, y: training inputs ``(n, d_0)`` and labels/targets (see ``loss_and_grads``).
            optimizer: built on this network's ``params`` (e.g. ``SGD(net.params, lr=0.1)``).
            epochs: passes over the data.
            batch_size: examples per step (the last batch of an epoch may be smaller).
            seed: seed of the shuffling.
            X_val, y_val: optional validation data, evaluated after every epoch.
            loss: default: the network's ``loss``.
            progress: show a progress bar over the epochs.

        Returns:
            History, one entry per epoch: ``"loss"`` (mean of the batch losses in the epoch) and,
            for classification, ``"accuracy"`` (fraction of the epoch's examples classified
            correctly while training); with validation data also ``"val_loss"`` and
            ``"val_accuracy"`` (computed after the epoch).
        """
        from tqdm.auto import tqdm

        loss = self._check_loss(loss)
        if len(optimizer.params) != len(self.params) or any(
            p is not q for p, q in zip(optimizer.params, self.params, strict=False)
        ):
            raise ValueError("the optimizer was not built on this network's parameters: "
                             "create it with e.g. SGD(net.params, lr=0.1)")
        if int(epochs) != epochs or epochs < 0 or int(batch_size) != batch_size or batch_size < 1:
            raise ValueError(f"epochs >= 0 and batch_size >= 1 must be integers, "
                             f"got {epochs} and {batch_size}")
        X = self._check_inputs(X)
        n = X.shape[0]
        y = self._check_targets(y, n, loss)
        validate = X_val is not None or y_val is not None
        if validate:
            if X_val is None or y_val is None:
                raise ValueError("give both X_val and y_val")
            X_val = self._check_inputs(X_val)
            y_val = self._check_targets(y_val, X_val.shape[0], loss)
        classify = loss != "mse"
        keys = ["loss"] + ["accuracy"] * classify
        if validate:
            keys += ["val_loss"] + ["val_accuracy"] * classify
        history: dict[str, list[float]] = {k: [] for k in keys}

        rng = np.random.default_rng(seed)
        bar = tqdm(range(int(epochs)), desc="epochs", disable=not progress, leave=False)
        for _ in bar:
            order = rng.permutation(n)
            total_loss, correct = 0.0, 0
            for start in range(0, n, batch_size):
                idx = order[start:start + batch_size]
                yb = y[idx]
                value, logits = self._loss_and_grads(X[idx], yb, loss)
                optimizer.step(self.grads)
                total_loss += value * len(idx)
                if classify:
                    correct += int(np.count_nonzero(self._classes(logits, loss) == yb.reshape(-1)))
            history["loss"].append(total_loss / n)
            if classify:
                history["accuracy"].append(correct / n)
            if validate:
                logits = self._forward(X_val)
                history["val_loss"].append(self._loss_value(logits, y_val, loss))
                if classify:
                    history["val_accuracy"].append(
                        float(np.mean(self._classes(logits, loss) == y_val.reshape(-1))))
            bar.set_postfix({k: f"{v[-1]:.4g}" for k, v in history.items()}, refresh=False)
        bar.close()
        return history

    @staticmethod
    def _classes(logits: np.ndarray, loss: str) -> np.ndarray:
        return np.argmax(logits, axis=1) if loss == "softmax_cross_entropy" else logits[:, 0] > 0

    @staticmethod
    def _loss_value(logits: np.ndarray, y: np.ndarray, loss: str) -> float:
        if loss == "softmax_cross_entropy":
            return losses.softmax_cross_entropy(logits, y)[0]
        if loss == "bce":
            return losses.binary_cross_entropy_with_logits(logits, y)
        return losses.mse(logits, y)

    # ----------------------------------------------------------------- display

    @property
    def n_params(self) -> int:
        """Number of trainable numbers (weights and biases)."""
        return sum(p.size for p in self.params)

    def __repr__(self) -> str:
        return (f"MLP({self.layer_sizes}, activation={self.activation!r}, loss={self.loss!r}, "
                f"dtype={self.dtype.name}, {self.n_params} parameters)")
