"""Layers with one interface: ``forward`` caches what ``backward`` needs.

Every layer has

* ``forward(X) -> out``: batch-first, ``X`` of shape ``(n, d_in)``; it remembers what the
  backward pass needs (its input, or its output);
* ``backward(dout) -> dX``: takes dL/d(out), same shape as ``out``, returns dL/dX, same shape
  as ``X``, and fills the gradients of the layer's parameters;
* ``params`` and ``grads``: lists of arrays in the same order (empty for activations). The
  gradient arrays are allocated once and overwritten in place by every ``backward``, so an
  optimizer can hold on to them.

``Dense`` is the book's affine map ``beta + Omega x`` applied to every row of ``X``
(``Omega`` of shape ``(d_out, d_in)``, the PyTorch ``nn.Linear`` convention; in W, b notation
``W = Omega.T`` and ``b = beta``)::

    out = X @ omega.T + beta        # (n, d_in) -> (n, d_out)

The activations have no parameters. With ``inplace=True`` (what ``helpers.mlp.MLP`` uses)
they overwrite their input in ``forward`` and the incoming gradient in ``backward``, which
saves memory traffic; leave it off when you still need those arrays.
"""

from __future__ import annotations

import numpy as np

__all__ = ["Layer", "Dense", "ReLU", "LeakyReLU", "Sigmoid", "Tanh", "Identity", "ACTIVATION_LAYERS"]


def init_std(d_in: int, d_out: int, init: str | float) -> float:
    """Standard deviation of the initial weights.

    ``"he"``: sqrt(2 / d_in), which keeps the size of ReLU activations constant through depth;
    ``"xavier"`` (Glorot): sqrt(2 / (d_in + d_out)), for tanh/sigmoid; a number: that std.
    """
    if isinstance(init, str):
        if init == "he":
            return float(np.sqrt(2.0 / d_in))
        if init in ("xavier", "glorot"):
            return float(np.sqrt(2.0 / (d_in + d_out)))
        raise ValueError(f"unknown init {init!r}; use 'he', 'xavier' or a standard deviation")
    if not init >= 0:
        raise ValueError(f"init as a standard deviation must be >= 0, got {init!r}")
    return float(init)


class Layer:
    """Base class: no parameters; subclasses define ``forward`` and ``backward``."""

    params: list[np.ndarray]
    grads: list[np.ndarray]

    def __init__(self) -> None:
        self.params, self.grads = [], []

    def forward(self, X: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def backward(self, dout: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def __call__(self, X: np.ndarray) -> np.ndarray:
        return self.forward(X)

    def __repr__(self) -> str:
        return f"{type(self).__name__}()"


class Dense(Layer):
    """Affine layer ``out = X @ omega.T + beta``: (n, d_in) -> (n, d_out).

    Attributes:
        omega: weights Omega, shape ``(d_out, d_in)``; ``beta``: biases, shape ``(d_out,)``.
        d_omega, d_beta: their gradients (same shapes), filled by ``backward``.
        params: ``[omega, beta]``; grads: ``[d_omega, d_beta]``.
    """

    def __init__(
        self,
        d_in: int,
        d_out: int,
        *,
        init: str | float = "he",
        rng: np.random.Generator | int | None = 0,
        dtype: type = np.float32,
    ) -> None:
        super().__init__()
        rng = np.random.default_rng(rng)
        std = init_std(d_in, d_out, init)
        self.omega = (rng.standard_normal((d_out, d_in)) * std).astype(dtype)
        self.beta = np.zeros(d_out, dtype=dtype)
        self.d_omega = np.zeros_like(self.omega)
        self.d_beta = np.zeros_like(self.beta)
        self.params = [self.omega, self.beta]
        self.grads = [self.d_omega, self.d_beta]
        self.X: np.ndarray | None = None  # the input, cached by forward

    @property
    def d_in(self) -> int:
        return self.omega.shape[1]

    @property
    def d_out(self) -> int:
        return self.omega.shape[0]

    def forward(self, X: np.ndarray) -> np.ndarray:
        """(n, d_in) -> (n, d_out); caches ``X`` for the backward pass."""
        if X.ndim != 2 or X.shape[1] != self.d_in:
            raise ValueError(f"Dense({self.d_in}, {self.d_out}) expects input of shape "
                             f"(n, {self.d_in}), got {X.shape}")
        self.X = X
        out = X @ self.omega.T  # a new (n, d_out) array
        out += self.beta
        return out

    def backward(self, dout: np.ndarray, *, input_grad: bool = True) -> np.ndarray | None:
        """Fill ``d_omega = dout.T @ X`` and ``d_beta = sum of dout's rows``; return ``dout @ omega``.

        Args:
            dout: dL/d(out), shape ``(n, d_out)``.
            input_grad: compute dL/dX; a network's first layer can skip it (returns ``None``).

        Returns:
            dL/dX of shape ``(n, d_in)``, or ``None``.
        """
        if self.X is None:
            raise RuntimeError("call forward before backward")
        np.matmul(dout.T, self.X, out=self.d_omega)
        np.sum(dout, axis=0, out=self.d_beta)
        return dout @ self.omega if input_grad else None

    def __repr__(self) -> str:
        return f"Dense({self.d_in}, {self.d_out})"


class _Activation(Layer):
    """An elementwise activation; ``inplace`` reuses the arrays it is given."""

    def __init__(self, *, inplace: bool = False) -> None:
        super().__init__()
        self.inplace = inplace
        self.cache: np.ndarray | None = None

    def _grad_out(self, dout: np.ndarray) -> np.ndarray:
        if self.cache is None:
            raise RuntimeError("call forward before backward")
        return dout if self.inplace else dout.copy()

    def __repr__(self) -> str:
        return f"{type(self).__name__}()"


class ReLU(_Activation):
    """max(0, z); backward passes the gradient where the output is positive (0 at z = 0)."""

    def forward(self, X: np.ndarray) -> np.ndarray:
        h = np.maximum(X, 0, out=X if self.inplace else None)
        self.cache = h  # h > 0 exactly where z > 0
        return h

    def backward(self, dout: np.ndarray) -> np.ndarray:
        dX = self._grad_out(dout)
        dX[self.cache <= 0] = 0
        return dX


class LeakyReLU(_Activation):
    """z where z > 0, else alpha z (0 <= alpha < 1)."""

    def __init__(self, alpha: float = 0.01, *, inplace: bool = False) -> None:
        super().__init__(inplace=inplace)
        if not 0 <= alpha < 1:
            raise ValueError(f"alpha must be in [0, 1), got {alpha}")
        self.alpha = alpha

    def forward(self, X: np.ndarray) -> np.ndarray:
        self.cache = X > 0
        return np.maximum(X, self.alpha * X, out=X if self.inplace else None)

    def backward(self, dout: np.ndarray) -> np.ndarray:
        dX = self._grad_out(dout)
        dX[~self.cache] *= self.alpha
        return dX

    def __repr__(self) -> str:
        return f"LeakyReLU(alpha={self.alpha})"


class Sigmoid(_Activation):
    """1 / (1 + e^-z), computed as (1 + tanh(z / 2)) / 2 (no overflow); sigma' = h (1 - h)."""

    def forward(self, X: np.ndarray) -> np.ndarray:
        out = X if self.inplace else None
        h = np.tanh(X * 0.5, out=out)
        h += 1
        h *= 0.5
        self.cache = h
        return h

    def backward(self, dout: np.ndarray) -> np.ndarray:
        h = self.cache
        dX = self._grad_out(dout)
        dX *= h * (1 - h)
        return dX


class Tanh(_Activation):
    """tanh(z); tanh' = 1 - h^2."""

    def forward(self, X: np.ndarray) -> np.ndarray:
        h = np.tanh(X, out=X if self.inplace else None)
        self.cache = h
        return h

    def backward(self, dout: np.ndarray) -> np.ndarray:
        h = self.cache
        dX = self._grad_out(dout)
        dX *= 1 - h * h
        return dX


class Identity(_Activation):
    """No activation (a linear network): forward and backward pass arrays through."""

    def forward(self, X: np.ndarray) -> np.ndarray:
        self.cache = X
        return X if self.inplace else X.copy()

    def backward(self, dout: np.ndarray) -> np.ndarray:
        return self._grad_out(dout)


#: activation name -> layer class (the names of ``helpers.activations``)
ACTIVATION_LAYERS: dict[str, type[_Activation]] = {
    "relu": ReLU,
    "leaky_relu": LeakyReLU,
    "sigmoid": Sigmoid,
    "tanh": Tanh,
    "linear": Identity,
}
