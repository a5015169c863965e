"""Regularisation: penalties, max-norm, dropout, Gaussian noise and early stopping.

Penalties act on the weights Omega_k only (not on the biases beta_k), with the lectures' forms::

    L2:  (lam / 2) * sum_k ||Omega_k||^2      gradient  lam * Omega_k   (= weight decay lam)
    L1:  lam * sum_k sum |Omega_k|            gradient  lam * sign(Omega_k)

The 1/2 in L2 makes its gradient exactly the step of weight decay, ``g + lam * w``
(``helpers.optim``'s ``weight_decay``); some texts write lam * ||w||^2, whose lam is half ours.

``Dropout`` and ``GaussianNoise`` are layers (``helpers.layers.Layer``) with two modes:
``train()`` (random, the default) and ``eval()`` (they pass their input through).
``EarlyStopping`` is a callback of the training loop: ``on_epoch_end(epoch, history, model)``
returns True to stop.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from helpers.augment import add_noise
from helpers.layers import Layer

__all__ = [
    "l2_penalty",
    "l2_penalty_grad",
    "l1_penalty",
    "l1_penalty_grad",
    "max_norm_",
    "ModeLayer",
    "Dropout",
    "GaussianNoise",
    "EarlyStopping",
]


def _weights(omegas: np.ndarray | Sequence[np.ndarray]) -> list[np.ndarray]:
    return [omegas] if isinstance(omegas, np.ndarray) else [np.asarray(w) for w in omegas]


def _check_lam(lam: float) -> float:
    if not lam >= 0:
        raise ValueError(f"a penalty strength must be >= 0, got {lam!r}")
    return float(lam)


def l2_penalty(omegas: np.ndarray | Sequence[np.ndarray], lam: float) -> float:
    """(lam / 2) times the sum of the squares of every weight in ``omegas`` (arrays of any shape)."""
    lam = _check_lam(lam)
    return 0.5 * lam * sum(float(np.vdot(w, w)) for w in _weights(omegas))


def l2_penalty_grad(omegas: np.ndarray | Sequence[np.ndarray], lam: float) -> list[np.ndarray]:
    """Gradient of ``l2_penalty``: ``lam * Omega`` for each array (new arrays, same shapes)."""
    lam = _check_lam(lam)
    return [lam * w for w in _weights(omegas)]


def l1_penalty(omegas: np.ndarray | Sequence[np.ndarray], lam: float) -> float:
    """lam times the sum of the absolute values of every weight in ``omegas``."""
    lam = _check_lam(lam)
    return lam * sum(float(np.abs(w).sum()) for w in _weights(omegas))


def l1_penalty_grad(omegas: np.ndarray | Sequence[np.ndarray], lam: float) -> list[np.ndarray]:
    """(Sub)gradient of ``l1_penalty``: ``lam * sign(Omega)`` (0 where a weight is exactly 0)."""
    lam = _check_lam(lam)
    return [lam * np.sign(w) for w in _weights(omegas)]


def max_norm_(omega: np.ndarray, c: float) -> np.ndarray:
    """Max-norm constraint, in place: rescale every row of ``omega`` to Euclidean norm <= ``c``.

    Row k of ``Omega`` (shape ``(d_out, d_in)``) holds the weights *into* unit k, so this limits
    each unit's incoming weight vector (as Keras' ``MaxNorm``); rows already inside the ball
    are unchanged. Returns ``omega``. (Clamping each weight to ``c`` separately is a cruder
    simplification of the same idea.)
    """
    if not c > 0:
        raise ValueError(f"the max-norm c must be > 0, got {c!r}")
    norms = np.sqrt(np.einsum("ij,ij->i", omega, omega))
    scale = np.minimum(1.0, c / np.maximum(norms, 1e-300)).astype(omega.dtype)
    omega *= scale[:, None]
    return omega


class ModeLayer(Layer):
    """A layer that behaves differently in training and in evaluation (``self.training``)."""

    def __init__(self, *, inplace: bool = False) -> None:
        super().__init__(inplace=inplace)
        self.training = True

    def train(self) -> ModeLayer:
        """Training mode (random masks, batch statistics). Returns the layer."""
        self.training = True
        return self

    def eval(self) -> ModeLayer:
        """Evaluation mode (deterministic). Returns the layer."""
        self.training = False
        return self


class Dropout(ModeLayer):
    """Inverted dropout: in training, zero each entry with probability ``p``, scale the rest by 1/(1-p).

    ``out = X * mask`` with ``mask = (u >= p) / (1 - p)``, ``u`` uniform in [0, 1) (drawn as
    32-bit integers, so p is rounded to a multiple of 2^-32): the
    expected value of every output equals its input, so in ``eval()`` mode the layer is the
    identity and nothing has to be rescaled at test time. Shapes: ``(n, d) -> (n, d)``.

    Args:
        p: probability of dropping an entry, 0 <= p < 1.
        rng: seed or generator of the masks.
    """

    def __init__(self, p: float = 0.5, *, rng: np.random.Generator | int | None = 0,
                 inplace: bool = False) -> None:
        super().__init__(inplace=inplace)
        if not 0 <= p < 1:
            raise ValueError(f"dropout probability p must be in [0, 1), got {p!r}")
        self.p = float(p)
        self.rng = np.random.default_rng(rng)
        self._threshold = np.uint32(min(round(self.p * 2**32), 2**32 - 1))
        self._scale = 1.0 / (1.0 - self.p)
        self.mask: np.ndarray | None = None  # the scaled mask of the last training forward

    def forward(self, X: np.ndarray) -> np.ndarray:
        if not self.training or self.p == 0:
            self.mask = None
            return X if self.inplace else X.copy()
        dtype = X.dtype if X.dtype in (np.float32, np.float64) else np.dtype(np.float64)
        # u as raw 32-bit integers (a float draw per entry costs three times more): an entry is
        # kept when u >= p * 2^32, i.e. with probability 1 - p up to 2^-32
        n = X.size
        u = self.rng.bit_generator.random_raw((n + 1) // 2).view(np.uint32)[:n].reshape(X.shape)
        mask = np.greater_equal(u, self._threshold, out=self._array("mask", X.shape, dtype))
        mask *= self._scale
        self.mask = mask
        # never overwrite X: tanh and sigmoid layers keep their output to compute their slope
        return np.multiply(X, mask, out=self._array("out", X.shape, dtype) if self.inplace else None)

    def backward(self, dout: np.ndarray) -> np.ndarray:
        dX = dout if self.inplace else dout.copy()
        if self.mask is not None:
            dX *= self.mask
        return dX

    def __repr__(self) -> str:
        return f"Dropout(p={self.p})"


class GaussianNoise(ModeLayer):
    """Additive noise in training: ``out = X + std * N(0, 1)``; the identity in ``eval()`` mode.

    Its gradient with respect to ``X`` is the identity. Shapes: ``(n, d) -> (n, d)``.
    """

    def __init__(self, std: float = 0.1, *, rng: np.random.Generator | int | None = 0,
                 inplace: bool = False) -> None:
        super().__init__(inplace=inplace)
        if not std >= 0:
            raise ValueError(f"noise std must be >= 0, got {std!r}")
        self.std = float(std)
        self.rng = np.random.default_rng(rng)

    def forward(self, X: np.ndarray) -> np.ndarray:
        if not self.training or self.std == 0:
            return X if self.inplace else X.copy()
        # a new array: X may be what an earlier layer keeps for its backward pass
        return add_noise(X, self.rng, self.std)

    def backward(self, dout: np.ndarray) -> np.ndarray:
        return dout if self.inplace else dout.copy()

    def __repr__(self) -> str:
        return f"GaussianNoise(std={self.std})"


class EarlyStopping:
    """Stop when a validation metric has not improved for ``patience`` epochs; keep the best weights.

    A callback of the course's training loop: after each epoch the loop calls
    ``on_epoch_end(epoch, history, model)``; it returns True to stop. ``patience=1`` is the
    rule "stop as soon as the validation error is higher than the last time it was checked"
    (strictly: not lower than the best so far).

    Args:
        monitor: the history key to watch, e.g. ``"val_loss"`` or ``"val_accuracy"``.
        patience: epochs without improvement before stopping (>= 1); None never stops: the
            callback then only keeps the best epoch's weights (and restores them at the end).
        mode: ``"min"`` (losses) or ``"max"`` (accuracies); default: ``"max"`` for keys that
            contain "acc", else ``"min"``.
        min_delta: an improvement must beat the best by more than this.
        restore_best: copy the best epoch's parameters back into ``model.params`` when stopping
            (and in ``on_train_end``, which a loop that ran all its epochs should call).

    Attributes:
        best, best_epoch: the best value seen and its epoch (0-based); ``stopped_epoch``: the
        epoch at which training stopped, or None.
    """

    def __init__(self, monitor: str = "val_loss", patience: int | None = 5, *, mode: str | None = None,
                 min_delta: float = 0.0, restore_best: bool = True) -> None:
        if patience is not None and (int(patience) != patience or patience < 1):
            raise ValueError(f"patience must be an integer >= 1 or None, got {patience!r}")
        mode = mode or ("max" if "acc" in monitor else "min")
        if mode not in ("min", "max"):
            raise ValueError(f"mode must be 'min' or 'max', got {mode!r}")
        self.monitor, self.mode = monitor, mode
        self.patience = None if patience is None else int(patience)
        self.min_delta, self.restore_best = float(min_delta), restore_best
        self.best: float | None = None
        self.best_epoch: int | None = None
        self.stopped_epoch: int | None = None
        self.wait = 0
        self._best_params: list[np.ndarray] | None = None

    def _improved(self, value: float) -> bool:
        if self.best is None:
            return True
        if self.mode == "min":
            return value < self.best - self.min_delta
        return value > self.best + self.min_delta

    def on_epoch_end(self, epoch: int, history: dict[str, list[float]], model: Any) -> bool:
        """Record ``history[monitor][-1]``; True when ``patience`` epochs passed without improvement.

        With a patience, a value that is not finite (a diverged run) stops at once.
        """
        if not history.get(self.monitor):
            raise KeyError(f"EarlyStopping watches {self.monitor!r}, which the history does not have "
                           f"(keys: {sorted(history)}); pass validation data to fit")
        value = float(history[self.monitor][-1])
        if not np.isfinite(value):
            self.wait = self.patience if self.patience is not None else self.wait + 1
        elif self._improved(value):
            self.best, self.best_epoch, self.wait = value, epoch, 0
            if self.restore_best:
                self._best_params = [p.copy() for p in model.params]
            return False
        else:
            self.wait += 1
        if self.patience is not None and self.wait >= self.patience:
            self.stopped_epoch = epoch
            self.on_train_end(history, model)
            return True
        return False

    def on_train_end(self, history: dict[str, list[float]] | None, model: Any) -> None:
        """Copy the best epoch's parameters back into ``model.params`` (in place)."""
        if self.restore_best and self._best_params is not None:
            for p, best in zip(model.params, self._best_params, strict=True):
                p[...] = best

    def __repr__(self) -> str:
        return (f"EarlyStopping(monitor={self.monitor!r}, patience={self.patience}, "
                f"best={self.best}, best_epoch={self.best_epoch})")

