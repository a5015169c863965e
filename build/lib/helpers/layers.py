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

The activations have no parameters.

With ``inplace=True`` (what ``helpers.mlp.MLP`` uses) no layer allocates new arrays per call:
activations overwrite their input in ``forward`` and the incoming gradient in ``backward``;
``Dense`` writes its results into arrays it keeps for the next call. Leave it off (the
default) when you still need those arrays.
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
    """Base class: no parameters; subclasses define ``forward`` and ``backward``.

    ``inplace=True`` makes a layer allocate no new arrays per call: an activation overwrites
    the arrays it is given, a ``Dense`` layer writes into output arrays it keeps and reuses
    at the next call with the same batch size. A result is then valid only until the next
    call. ``helpers.mlp.MLP`` builds its layers this way (allocating fresh large arrays at every
    step costs numpy more than the arithmetic) and copies what it returns to the caller.
    """

    params: list[np.ndarray]
    grads: list[np.ndarray]

    def __init__(self, *, inplace: bool = False) -> None:
        self.params, self.grads = [], []
        self.inplace = inplace
        self._buffers: dict[str, np.ndarray] = {}

    def forward(self, X: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def backward(self, dout: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def __call__(self, X: np.ndarray) -> np.ndarray:
        return self.forward(X)

    def _array(self, name: str, shape: tuple[int, ...], dtype: np.dtype) -> np.ndarray:
        """A work array: new, or with ``inplace`` the one kept under ``name`` if it fits."""
        if not self.inplace:
            return np.empty(shape, dtype)
        buf = self._buffers.get(name)
        if buf is None or buf.shape != shape or buf.dtype != dtype:
            buf = self._buffers[name] = np.empty(shape, dtype)
        return buf

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
        inplace: bool = False,
    ) -> None:
        super().__init__(inplace=inplace)
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
        out = self._array("out", (X.shape[0], self.d_out), np.result_type(X, self.omega))
        np.matmul(X, self.omega.T, out=out)
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
        # the column sums of dout, as ones @ dout: BLAS does it several times faster than np.sum
        ones = self._buffers.get("ones")
        if ones is None or ones.shape[0] != dout.shape[0]:
            ones = self._buffers["ones"] = np.ones(dout.shape[0], dtype=self.omega.dtype)
        np.matmul(ones, dout, out=self.d_beta)
        if not input_grad:
            return None
        dX = self._array("dX", self.X.shape, np.result_type(dout, self.omega))
        return np.matmul(dout, self.omega, out=dX)

    def __repr__(self) -> str:
        return f"Dense({self.d_in}, {self.d_out})"


class _Activation(Layer):
    """An elementwise activation; ``inplace`` overwrites the arrays it is given."""

    def __init__(self, *, inplace: bool = False) -> None:
        super().__init__(inplace=inplace)
        self.cache: np.ndarray | None = None

    def _grad_out(self, dout: np.ndarray) -> np.ndarray:
        """The array backward writes dL/dX into: ``dout`` itself, or a copy."""
        if self.cache is None:
            raise RuntimeError("call forward before backward")
        return dout if self.inplace else dout.copy()


class ReLU(_Activation):
    """max(0, z); backward passes the gradient where z > 0 (the derivative at 0 is taken as 0)."""

    def forward(self, X: np.ndarray) -> np.ndarray:
        # 1.0 where the unit is active, else 0.0; multiplying by this float mask is numpy's
        # fastest ReLU (faster than np.maximum(X, 0) or a bool mask), forward and backward
        self.cache = np.greater(X, 0, out=self._array("mask", X.shape, X.dtype))
        return np.multiply(X, self.cache, out=X if self.inplace else None)

    def backward(self, dout: np.ndarray) -> np.ndarray:
        dX = self._grad_out(dout)
        dX *= self.cache
        return dX


class LeakyReLU(_Activation):
    """z where z > 0, else alpha z (0 <= alpha < 1)."""

    def __init__(self, alpha: float = 0.01, *, inplace: bool = False) -> None:
        super().__init__(inplace=inplace)
        if not 0 <= alpha < 1:
            raise ValueError(f"alpha must be in [0, 1), got {alpha}")
        self.alpha = float(alpha)

    def forward(self, X: np.ndarray) -> np.ndarray:
        slope = np.greater(X, 0, out=self._array("slope", X.shape, X.dtype))  # 1 or 0
        slope *= 1 - self.alpha
        slope += self.alpha  # 1 where z > 0, else alpha: the derivative
        self.cache = slope
        return np.multiply(X, slope, out=X if self.inplace else None)

    def backward(self, dout: np.ndarray) -> np.ndarray:
        dX = self._grad_out(dout)
        dX *= self.cache
        return dX

    def __repr__(self) -> str:
        return f"LeakyReLU(alpha={self.alpha})"


class Sigmoid(_Activation):
    """1 / (1 + e^-z), computed as (1 + tanh(z / 2)) / 2 (no overflow); sigma' = h (1 - h)."""

    def forward(self, X: np.ndarray) -> np.ndarray:
        h = np.multiply(X, 0.5, out=X if self.inplace else None)
        np.tanh(h, out=h)
        h += 1
        h *= 0.5
        self.cache = h
        return h

    def backward(self, dout: np.ndarray) -> np.ndarray:
        dX = self._grad_out(dout)
        h = self.cache
        slope = np.subtract(1, h, out=self._array("slope", h.shape, h.dtype))
        slope *= h  # h (1 - h)
        dX *= slope
        return dX


class Tanh(_Activation):
    """tanh(z); tanh' = 1 - h^2."""

    def forward(self, X: np.ndarray) -> np.ndarray:
        h = np.tanh(X, out=X if self.inplace else None)
        self.cache = h
        return h

    def backward(self, dout: np.ndarray) -> np.ndarray:
        dX = self._grad_out(dout)
        h = self.cache
        slope = np.multiply(h, h, out=self._array("slope", h.shape, h.dtype))
        np.subtract(1, slope, out=slope)  # 1 - h^2
        dX *= slope
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
