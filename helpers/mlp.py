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
    net.betas, net.omegas                           # the book's lists: the same arrays

numbered as in the book: for ``layer_sizes = [D_i, D_1, ..., D_K, D_o]`` (inputs, K hidden
layers, outputs), ``Omega_k`` has shape ``(D_{k+1}, D_k)`` and ``beta_k`` shape ``(D_{k+1},)``
with ``D_0 = D_i`` and ``D_{K+1} = D_o``; ``y = beta_K + Omega_K h_K``. The arrays are
allocated once; training updates them in place, and ``backward`` overwrites the gradient
arrays (copy them to keep them).

Losses (``loss=`` in the constructor, or per call): ``"softmax_cross_entropy"`` (integer
labels ``(n,)``), ``"bce"`` (binary cross-entropy with logits, one output, labels 0/1) and
``"mse"`` (regression, targets ``(n,)`` or ``(n, d_K)``). All are means over the batch.

The bridge to the list form ``(betas, omegas)`` of ``helpers.networks`` (the notebooks' form):
``MLP.from_parameters(betas, omegas, activation=...)`` builds a network holding copies of those
arrays, and ``net.betas`` / ``net.omegas`` give a network's own arrays back in that form, so
``helpers.networks.deep_forward(X, net.betas, net.omegas, net.activation)`` equals
``net.forward(X)`` (``tests/test_mlp.py`` checks it for every activation).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, DTypeLike

from helpers import activations, losses, networks
from helpers.layers import ACTIVATION_LAYERS, Dense, Layer
from helpers.normalization import BatchNorm
from helpers.optim import Optimizer
from helpers.regularization import Dropout, ModeLayer, l1_penalty, l2_penalty

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
        init: ``"he"`` (std sqrt(2 / d_in)), ``"glorot"`` or its alias ``"xavier"``
            (sqrt(2 / (d_in + d_out))) or a number (that standard deviation for every weight);
            see ``helpers.layers.init_std``.
        loss: the default loss of ``loss_and_grads`` and ``fit``; also decides what
            ``predict`` returns.
        dropout: probability of dropping each hidden unit in training (inverted dropout after
            every hidden activation, ``helpers.regularization.Dropout``); 0 for none.
        batchnorm: a ``helpers.normalization.BatchNorm`` between every hidden ``Dense`` and its
            activation; its ``gamma, delta`` are appended to ``params`` after all the dense ones.
        l1, l2: penalty strengths on the weights Omega_k (not the biases): the loss gains
            ``l1 * sum |Omega| + (l2 / 2) * sum Omega^2`` and the gradients ``l1 sign(Omega) + l2 Omega``.

    Dropout and batch norm behave differently in training and evaluation: ``train()`` (the
    mode after construction) and ``eval()`` switch; ``predict``, ``predict_proba`` and
    ``accuracy`` always evaluate in ``eval`` mode.

    Attributes:
        layers: ``[Dense, (BatchNorm), activation, (Dropout), Dense, ..., Dense]``.
        dense: the ``Dense`` layers only.
        params, grads: see the module docstring for their order.
        betas, omegas: ``[beta_0, ..., beta_K]`` and ``[Omega_0, ..., Omega_K]``, the very
            arrays of ``params`` (writing into them changes the network).
    """

    def __init__(
        self,
        layer_sizes: Sequence[int],
        activation: str = "relu",
        *,
        seed: int = 0,
        dtype: DTypeLike = np.float32,
        init: str | float = "he",
        loss: str = "softmax_cross_entropy",
        dropout: float = 0.0,
        batchnorm: bool = False,
        l1: float = 0.0,
        l2: float = 0.0,
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
        self._set_regularization(dropout, batchnorm, l1, l2, rng)
        for k, layer in enumerate(self.dense):
            self.layers.append(layer)
            if k < len(self.dense) - 1:
                if batchnorm:
                    self.layers.append(BatchNorm(layer.d_out, dtype=self.dtype, inplace=True))
                self.layers.append(ACTIVATION_LAYERS[activation](inplace=True))
                if self.dropout:
                    self.layers.append(Dropout(self.dropout, rng=self._dropout_rng, inplace=True))
        self.params = [p for layer in self.dense for p in layer.params]
        self.grads = [g for layer in self.dense for g in layer.grads]
        # batch-norm scales and shifts come after all the dense parameters, so that
        # params[:2 * len(dense)] stays [Omega_0, beta_0, Omega_1, beta_1, ...]
        self.norms = [layer for layer in self.layers if isinstance(layer, BatchNorm)]
        self.params += [p for layer in self.norms for p in layer.params]
        self.grads += [g for layer in self.norms for g in layer.grads]

    # ----------------------------------------------------------------- regularisation

    def _set_regularization(self, dropout: float, batchnorm: bool, l1: float, l2: float,
                            rng: np.random.Generator) -> None:
        """Check and store the options of ``helpers.regularization`` / ``helpers.normalization``."""
        if not 0 <= dropout < 1:
            raise ValueError(f"dropout (a probability) must be in [0, 1), got {dropout!r}")
        if not (l1 >= 0 and l2 >= 0):
            raise ValueError(f"penalty strengths l1 and l2 must be >= 0, got {l1!r} and {l2!r}")
        self.dropout, self.batchnorm = float(dropout), bool(batchnorm)
        self.l1, self.l2 = float(l1), float(l2)
        self._dropout_rng = np.random.default_rng(rng.integers(2**63))
        self.training = True

    def train(self) -> MLP:
        """Training mode: dropout draws masks, batch norm uses batch statistics. Returns the network."""
        self.training = True
        for layer in self.layers:
            if isinstance(layer, ModeLayer):
                layer.train()
        return self

    def eval(self) -> MLP:
        """Evaluation mode: no dropout, batch norm with its running statistics. Returns the network.

        ``predict``, ``predict_proba`` and ``accuracy`` always evaluate in this mode.
        """
        self.training = False
        for layer in self.layers:
            if isinstance(layer, ModeLayer):
                layer.eval()
        return self

    def _eval_forward(self, X: ArrayLike) -> np.ndarray:
        """``forward`` in evaluation mode, restoring the mode the network was in."""
        was_training = self.training
        self.eval()
        try:
            return self.forward(X)
        finally:
            if was_training:
                self.train()

    def penalty(self) -> float:
        """The penalty added to the loss: (l2 / 2) sum ||Omega_k||^2 + l1 sum |Omega_k| (no biases)."""
        omegas = [layer.omega for layer in self.dense]
        return l2_penalty(omegas, self.l2) + l1_penalty(omegas, self.l1)

    def _add_penalty_grads(self) -> None:
        """Add the penalties' gradients l2 Omega_k + l1 sign(Omega_k) to the weight gradients."""
        for layer in self.dense:
            if self.l2:
                layer.d_omega += self.l2 * layer.omega
            if self.l1:
                layer.d_omega += self.l1 * np.sign(layer.omega)

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

    # ----------------------------------------------------------------- the list form (betas, omegas)

    @classmethod
    def from_parameters(
        cls,
        betas: Sequence[ArrayLike],
        omegas: Sequence[ArrayLike],
        activation: str = "relu",
        *,
        dtype: DTypeLike | None = None,
        loss: str = "softmax_cross_entropy",
    ) -> MLP:
        """The network ``(betas, omegas)`` of ``helpers.networks`` as an ``MLP`` (copies of the arrays).

        Args:
            betas: ``betas[k]`` of shape ``(D_{k+1},)`` (a column ``(D_{k+1}, 1)`` is accepted).
            omegas: ``omegas[k]`` of shape ``(D_{k+1}, D_k)``: out x in, as in the book.
            activation: the hidden layers' activation (see the constructor).
            dtype: default float32 if every given array is float32, else float64, so the
                numbers are kept exactly.
            loss: as in the constructor.

        Raises:
            ValueError: from ``helpers.networks.check_network`` if the shapes do not fit.
        """
        if dtype is None:
            given = [np.asarray(a) for a in (*betas, *omegas)]
            dtype = np.float32 if given and all(a.dtype == np.float32 for a in given) else np.float64
        B, W = networks.check_network(betas, omegas, dtype=np.dtype(dtype).type)
        net = cls([W[0].shape[1]] + [w.shape[0] for w in W], activation, dtype=dtype, loss=loss)
        for layer, beta, omega in zip(net.dense, B, W, strict=True):
            layer.beta[...] = beta
            layer.omega[...] = omega
        return net

    @property
    def betas(self) -> list[np.ndarray]:
        """``[beta_0, ..., beta_K]``: the network's own bias arrays (``params[1:2 * (K + 1):2]``)."""
        return [layer.beta for layer in self.dense]

    @property
    def omegas(self) -> list[np.ndarray]:
        """``[Omega_0, ..., Omega_K]``, Omega_k of shape ``(D_{k+1}, D_k)`` (``params[0:2 * (K + 1):2]``)."""
        return [layer.omega for layer in self.dense]

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
        if input_grad:
            return self.dense[0].backward(d).copy()
        self.dense[0].param_backward(d)  # the input needs no gradient: skip dL/dX
        return None

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
        if self.l1 or self.l2:
            value += self.penalty()
            self._add_penalty_grads()
        return value, logits

    # ----------------------------------------------------------------- predictions

    def predict(self, X: ArrayLike) -> np.ndarray:
        """Class labels ``(n,)`` for the classification losses; outputs ``(n,)`` or ``(n, d_K)``
        (one output is flattened) for ``mse``."""
        logits = self._eval_forward(X)
        if self.loss == "softmax_cross_entropy":
            return np.argmax(logits, axis=1)
        if self.loss == "bce":
            return (logits[:, 0] > 0).astype(np.intp)
        return logits[:, 0].copy() if logits.shape[1] == 1 else logits

    def predict_proba(self, X: ArrayLike) -> np.ndarray:
        """Class probabilities ``(n, C)``: softmax of the logits (``bce``: ``[1 - p, p]``)."""
        logits = self._eval_forward(X)
        if self.loss == "softmax_cross_entropy":
            return losses.softmax(logits, axis=1)
        if self.loss == "bce":
            p = np.asarray(activations.sigmoid(logits))
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
        callbacks: Iterable[Any] = (),
        augment: Callable[[np.ndarray], np.ndarray] | None = None,
        progress: bool = True,
        live: bool = False,
    ) -> dict[str, list[float]]:
        """Mini-batch training with ``helpers.training.fit`` (the course's one training loop).

        Each epoch shuffles the data and takes one ``optimizer`` step per batch; see
        ``helpers.training.fit`` for the arguments and the history it returns (``"loss"``,
        ``"accuracy"``, ``"val_loss"``, ``"val_accuracy"``, ``"lr"``, one float per epoch).
        """
        from helpers.training import fit

        return fit(self, X, y, optimizer=optimizer, epochs=epochs, batch_size=batch_size,
                   seed=seed, X_val=X_val, y_val=y_val, callbacks=callbacks, augment=augment,
                   progress=progress, live=live)

    # ----------------------------------------------------------------- display

    @property
    def n_params(self) -> int:
        """Number of trainable numbers (weights and biases)."""
        return sum(p.size for p in self.params)

    def __repr__(self) -> str:
        return (f"MLP({self.layer_sizes}, activation={self.activation!r}, loss={self.loss!r}, "
                f"dtype={self.dtype.name}, {self.n_params} parameters)")
