"""The numpy core of the playground (``helpers.playground``): data, input features, training.

A small network learns to tell two classes of 2-D points apart, as in the TensorFlow
playground. Everything here is numpy (no drawing), so it is tested and timed headless.

    X, y = playground_data("spiral", n=200, noise=0.1, seed=0)   # X (n, 2) in about [-3, 3]
    Phi = feature_matrix(X, ["x1", "x2", "x1x2"])                # (n, 3) network inputs
    run = PlaygroundRun(dataset="xor", features=["x1", "x2"], hidden=[8, 8])
    run.step()                        # one minibatch step; run.train_loss, run.test_loss grow
    run.grid_outputs()                # the network's P(class 1) on a grid, and each neuron's output

Labels are 0/1 and the network has one output with binary cross-entropy
(``helpers.mlp.MLP(loss="bce")``), trained by plain SGD (``helpers.optim.SGD``). The L1 and L2
penalties act on the weights Omega_k only, not on the biases beta_k:
L1 adds ``rate * sign(Omega)`` to the gradient, L2 adds ``rate * Omega``
(the gradient of ``rate / 2 * ||Omega||^2``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from helpers import data
from helpers.mlp import MLP
from helpers.optim import SGD

__all__ = ["FEATURES", "DATASETS", "REGULARIZERS", "feature_matrix", "playground_data", "PlaygroundRun"]

#: name -> the feature as a function of the two coordinates
FEATURES: dict[str, Callable[[np.ndarray, np.ndarray], np.ndarray]] = {
    "x1": lambda a, b: a,
    "x2": lambda a, b: b,
    "x1^2": lambda a, b: a * a,
    "x2^2": lambda a, b: b * b,
    "x1x2": lambda a, b: a * b,
    "sin x1": lambda a, b: np.sin(a),
    "sin x2": lambda a, b: np.sin(b),
}

DATASETS = ("circle", "xor", "gauss", "spiral")
REGULARIZERS = ("none", "L1", "L2")
SCALE = 3.0  # the points lie in about [-SCALE, SCALE]^2, where sin x and x^2 bend visibly


def feature_matrix(X: np.ndarray, names: Sequence[str]) -> np.ndarray:
    """The network's inputs: one column per feature name, for points ``X`` of shape ``(n, 2)``.

    Returns ``(n, len(names))`` (float64). Names come from ``FEATURES``.
    """
    X = np.asarray(X, dtype=float)
    if X.ndim != 2 or X.shape[1] != 2:
        raise ValueError(f"X must have shape (n, 2), got {X.shape}")
    unknown = [f for f in names if f not in FEATURES]
    if unknown or not names:
        raise ValueError(f"choose one or more features of {list(FEATURES)}, got {list(names)}")
    return np.column_stack([FEATURES[f](X[:, 0], X[:, 1]) for f in names])


def playground_data(
    name: str, n: int = 200, noise: float = 0.0, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """A two-class data set of ``n`` points, ``X`` (n, 2) in about [-3, 3]^2, ``y`` (n,) in {0, 1}.

    ``noise`` (0 to 1, like the TensorFlow playground's 0-50 %) scales each set's jitter:
    circle (a disc inside a ring), xor (the four quadrants), gauss (two Gaussian clusters),
    spiral (two interleaved arms, 1.5 turns). All but the spiral come from ``helpers.data``.
    """
    if name not in DATASETS:
        raise ValueError(f"unknown data set {name!r}; choose one of {DATASETS}")
    if not 0.0 <= noise <= 1.0:
        raise ValueError(f"noise must be between 0 and 1, got {noise!r}")
    if name == "circle":
        X, y = data.make_circles(n, factor=0.45, noise=0.03 + 0.12 * noise, seed=seed)  # inner: 1
    elif name == "xor":
        X, y = data.make_xor(n, noise=0.2 + 0.3 * noise, seed=seed)
        X = X / 1.5
    elif name == "gauss":
        X, y = data.make_blobs(n, centers=((-0.5, -0.5), (0.5, 0.5)), spread=0.15 + 0.3 * noise, seed=seed)
    else:
        X, y = _two_spirals(n, noise=0.02 + 0.08 * noise, seed=seed)
    return SCALE * X, y.astype(int)


def _two_spirals(n: int, noise: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Two arms winding 1.5 turns around the origin (radius up to 1), as in the TF playground.

    ``helpers.data.make_spirals`` winds its arms less than a turn, which one hidden layer
    untangles easily; the playground's task "the spiral needs two layers" needs more turns.
    """
    rng = np.random.default_rng(seed)
    t = np.sqrt(rng.uniform(0.02, 1.0, size=n))  # denser towards the rim, as the area grows
    y = np.arange(n) % 2
    angle = 3.0 * np.pi * t + np.pi * y
    X = t[:, None] * np.column_stack([np.cos(angle), np.sin(angle)]) + rng.normal(0.0, noise, size=(n, 2))
    order = rng.permutation(n)
    return X[order], y[order]


class PlaygroundRun:
    """One training run of the playground: data split, network, optimizer and loss curves.

    Args:
        dataset: one of ``DATASETS``; ``n`` points with ``noise`` (0..1), split ``train_ratio``.
        features: input feature names (``FEATURES``).
        hidden: units per hidden layer, e.g. ``[8, 8]`` (``[]``: no hidden layer).
        activation: ``"relu"``, ``"tanh"``, ``"sigmoid"`` or ``"linear"``.
        lr: SGD learning rate; ``batch_size``: points per step.
        regularization: ``"none"``, ``"L1"`` or ``"L2"`` on the weights, with ``reg_rate``.
        seed: seeds the data, the split and the batches; ``init_seed`` (default ``seed``) the
            initial weights (hidden biases start at 0.1, as in the TensorFlow playground).

    Attributes:
        net: the ``helpers.mlp.MLP``; ``steps``: steps taken;
        train_loss, test_loss: the loss after every step (lists of floats).
    """

    def __init__(
        self,
        dataset: str = "circle",
        features: Sequence[str] = ("x1", "x2"),
        hidden: Sequence[int] = (4, 2),
        activation: str = "tanh",
        lr: float = 0.03,
        regularization: str = "none",
        reg_rate: float = 0.0,
        batch_size: int = 10,
        noise: float = 0.0,
        train_ratio: float = 0.5,
        n: int = 300,
        seed: int = 0,
        init_seed: int | None = None,
    ) -> None:
        if regularization not in REGULARIZERS:
            raise ValueError(f"regularization must be one of {REGULARIZERS}, got {regularization!r}")
        if not 0.1 <= train_ratio <= 0.9:
            raise ValueError(f"train_ratio must be between 0.1 and 0.9, got {train_ratio!r}")
        if int(batch_size) != batch_size or batch_size < 1:
            raise ValueError(f"batch_size must be a positive integer, got {batch_size!r}")
        self.features = list(features)
        self.regularization, self.reg_rate = regularization, float(reg_rate)
        self.batch_size = int(batch_size)
        X, y = playground_data(dataset, n=n, noise=noise, seed=seed)
        n_train = int(round(train_ratio * len(y)))
        self.X_train, self.y_train = X[:n_train], y[:n_train]  # the generators already shuffled
        self.X_test, self.y_test = X[n_train:], y[n_train:]
        self._P_train = feature_matrix(self.X_train, self.features).astype(np.float32)
        self._P_test = feature_matrix(self.X_test, self.features).astype(np.float32)
        self.net = MLP([len(self.features), *[int(h) for h in hidden], 1], activation=activation,
                       seed=seed if init_seed is None else init_seed, loss="bce",
                       init="glorot" if activation != "relu" else "he")
        for layer in self.net.dense[:-1]:
            layer.beta[...] = 0.1  # small positive biases, as the TF playground: fewer dead ReLUs
        self.optimizer = SGD(self.net.params, lr=lr)
        self._rng = np.random.default_rng(seed + 1)
        self._order = np.empty(0, dtype=int)
        self.steps = 0
        self.train_loss: list[float] = []
        self.test_loss: list[float] = []
        self._grid_cache: tuple[int, np.ndarray] | None = None

    def _next_batch(self) -> np.ndarray:
        if len(self._order) < self.batch_size:  # a fresh shuffle once the epoch is used up
            self._order = np.concatenate([self._order, self._rng.permutation(len(self.y_train))])
        idx, self._order = self._order[: self.batch_size], self._order[self.batch_size :]
        return idx

    def _loss(self, P: np.ndarray, y: np.ndarray) -> float:
        logits = self.net.forward(P)[:, 0]
        # binary cross-entropy with logits, written stably: softplus(z) - y z
        return float(np.mean(np.logaddexp(0.0, logits) - y * logits))

    def step(self, n_steps: int = 1) -> None:
        """Take ``n_steps`` SGD steps on minibatches; record train and test loss after them."""
        for _ in range(int(n_steps)):
            idx = self._next_batch()
            self.net.loss_and_grads(self._P_train[idx], self.y_train[idx])
            if self.regularization != "none" and self.reg_rate > 0:
                for layer in self.net.dense:  # weights only: beta_k is not penalised
                    penalty = np.sign(layer.omega) if self.regularization == "L1" else layer.omega
                    layer.grads[0] += self.reg_rate * penalty
            self.optimizer.step(self.net.grads)
            self.steps += 1
        self.train_loss.append(self._loss(self._P_train, self.y_train))
        self.test_loss.append(self._loss(self._P_test, self.y_test))

    @property
    def epochs(self) -> float:
        """Passes over the training set so far."""
        return self.steps * self.batch_size / len(self.y_train)

    def grid_outputs(self, resolution: int = 40) -> tuple[np.ndarray, list[np.ndarray]]:
        """The network on a ``resolution`` x ``resolution`` grid over [-SCALE*1.2, SCALE*1.2]^2.

        Returns ``(p, neurons)``: ``p`` (resolution, resolution) the probability of class 1
        (row i is x2 from low to high, column j is x1), and ``neurons``, one array per hidden
        layer of shape (units, resolution, resolution): each unit's output on the grid.
        """
        if self._grid_cache is None or self._grid_cache[0] != resolution:
            t = np.linspace(-1.2 * SCALE, 1.2 * SCALE, resolution)
            g1, g2 = np.meshgrid(t, t)
            pts = np.column_stack([g1.ravel(), g2.ravel()])
            self._grid_cache = (resolution, feature_matrix(pts, self.features).astype(np.float32))
        Z = self._grid_cache[1]
        neurons = []
        for k, layer in enumerate(self.net.layers):
            Z = layer.forward(Z)
            if k % 2 == 1:  # after an activation: a hidden layer's outputs
                neurons.append(Z.T.reshape(-1, resolution, resolution).copy())
        p = 0.5 * (1.0 + np.tanh(0.5 * Z[:, 0]))  # sigmoid of the logit, without overflow
        return p.reshape(resolution, resolution), neurons
