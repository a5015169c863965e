"""Batch normalisation and layer normalisation, as layers with forward and backward passes.

Both standardise, then scale and shift with learned gamma and delta (the book's notation,
Prince section 11.4)::

    x_hat = (x - m) / sqrt(s2 + eps)          out = gamma * x_hat + delta

``BatchNorm`` takes m and s2 per feature over the batch (axis 0) in training and, in
``eval()`` mode, running averages of them collected while training; ``LayerNorm`` takes them
per example over its features (axis 1), the same in both modes. Shapes: ``(n, d) -> (n, d)``,
``gamma`` and ``delta`` of shape ``(d,)``.

The backward pass (x_hat depends on every x of its group through m and s2), for a group of
N values along the normalised axis::

    dx = (gamma / sqrt(s2 + eps)) * (dout - mean(dout) - x_hat * mean(dout * x_hat))
"""

from __future__ import annotations

import numpy as np
from numpy.typing import DTypeLike

from helpers.regularization import ModeLayer

__all__ = ["BatchNorm", "LayerNorm"]


class _Norm(ModeLayer):
    """Shared parameters and the backward formula; ``axis`` is the axis of the statistics."""

    axis = 0

    def __init__(self, d: int, *, eps: float = 1e-5, dtype: DTypeLike = np.float32,
                 inplace: bool = False) -> None:
        super().__init__(inplace=inplace)
        if int(d) != d or d < 1:
            raise ValueError(f"number of features must be a positive integer, got {d!r}")
        if not eps > 0:
            raise ValueError(f"eps must be > 0, got {eps!r}")
        self.d, self.eps = int(d), float(eps)
        self.gamma: np.ndarray = np.ones(self.d, dtype=dtype)
        self.delta: np.ndarray = np.zeros(self.d, dtype=dtype)
        self.d_gamma = np.zeros_like(self.gamma)
        self.d_delta = np.zeros_like(self.delta)
        self.params = [self.gamma, self.delta]
        self.grads = [self.d_gamma, self.d_delta]
        self.x_hat: np.ndarray | None = None
        self.inv_std: np.ndarray | None = None  # 1 / sqrt(s2 + eps): (d,) or (n, 1)

    def _check(self, X: np.ndarray) -> None:
        if X.ndim != 2 or X.shape[1] != self.d:
            raise ValueError(f"{type(self).__name__}({self.d}) expects input of shape (n, {self.d}), "
                             f"got {X.shape}")

    def _scale_shift(self, X: np.ndarray, mean: np.ndarray, inv_std: np.ndarray) -> np.ndarray:
        x_hat = np.subtract(X, mean, out=self._array("x_hat", X.shape, np.result_type(X, self.gamma)))
        x_hat *= inv_std
        self.x_hat, self.inv_std = x_hat, inv_std
        out = np.multiply(x_hat, self.gamma, out=X if self.inplace else None)
        out += self.delta
        return out

    def backward(self, dout: np.ndarray) -> np.ndarray:
        """Fill ``d_gamma``, ``d_delta``; return dL/dX (same shape as ``dout``)."""
        if self.x_hat is None or self.inv_std is None:
            raise RuntimeError("call forward (in training mode) before backward")
        x_hat = self.x_hat
        g = self._array("g", dout.shape, dout.dtype)
        np.multiply(dout, x_hat, out=g)
        self.d_gamma[...] = g.sum(axis=0)
        self.d_delta[...] = dout.sum(axis=0)
        dxhat = np.multiply(dout, self.gamma, out=self._array("dxhat", dout.shape, dout.dtype))
        mean_dxhat = dxhat.mean(axis=1, keepdims=True)
        mean_dxhat_xhat = np.multiply(dxhat, x_hat, out=g).mean(axis=1, keepdims=True)
        dX = dout if self.inplace else np.empty_like(dout)
        np.multiply(x_hat, mean_dxhat_xhat, out=dX)
        np.subtract(dxhat, dX, out=dX)
        dX -= mean_dxhat
        dX *= self.inv_std
        return dX


class BatchNorm(_Norm):
    """Batch normalisation of ``d`` features: (n, d) -> (n, d).

    Training: statistics of the batch (the biased variance, as the formula), and the running
    averages ``running = (1 - momentum) * running + momentum * batch`` (the variance unbiased,
    n / (n - 1), as PyTorch's ``nn.BatchNorm1d``). ``eval()``: the running averages.

    Attributes:
        gamma, delta: scale and shift ``(d,)``; ``d_gamma``, ``d_delta`` their gradients.
        running_mean, running_var: ``(d,)``, start at 0 and 1.
    """

    axis = 0

    def __init__(self, d: int, *, momentum: float = 0.1, eps: float = 1e-5,
                 dtype: DTypeLike = np.float32, inplace: bool = False) -> None:
        super().__init__(d, eps=eps, dtype=dtype, inplace=inplace)
        if not 0 <= momentum <= 1:
            raise ValueError(f"momentum must be in [0, 1], got {momentum!r}")
        self.momentum = float(momentum)
        self.running_mean: np.ndarray = np.zeros(self.d, dtype=dtype)
        self.running_var: np.ndarray = np.ones(self.d, dtype=dtype)

    def _ones(self, n: int, dtype: np.dtype) -> np.ndarray:
        """A vector of n ones: ``ones @ A`` sums the columns of A, several times faster than A.sum(0)."""
        ones = self._buffers.get("ones")
        if ones is None or ones.shape[0] != n or ones.dtype != dtype:
            ones = self._buffers["ones"] = np.ones(n, dtype=dtype)
        return ones

    def forward(self, X: np.ndarray) -> np.ndarray:
        self._check(X)
        if not self.training:
            inv_std = (1.0 / np.sqrt(self.running_var + self.eps)).astype(self.gamma.dtype)
            return self._scale_shift(X, self.running_mean, inv_std)
        n = X.shape[0]
        if n < 2:
            raise ValueError("batch normalisation in training mode needs a batch of at least 2 examples")
        ones = self._ones(n, X.dtype)
        mean = (ones @ X) * (1.0 / n)
        x_hat = np.subtract(X, mean, out=self._array("x_hat", X.shape, X.dtype))  # centred for now
        sq = np.multiply(x_hat, x_hat, out=self._array("g", X.shape, X.dtype))
        var = (ones @ sq) * (1.0 / n)
        inv_std = 1.0 / np.sqrt(var + self.eps)
        x_hat *= inv_std
        self.x_hat, self.inv_std = x_hat, inv_std
        m = self.momentum
        self.running_mean *= 1 - m
        self.running_mean += m * mean
        self.running_var *= 1 - m
        self.running_var += (m * n / (n - 1)) * var
        out = np.multiply(x_hat, self.gamma, out=X if self.inplace else None)
        out += self.delta
        return out

    def backward(self, dout: np.ndarray) -> np.ndarray:
        """Fill ``d_gamma``, ``d_delta``; return dL/dX (same shape as ``dout``).

        Training: ``dX = (gamma / sigma) * (dout - d_delta / n - x_hat * d_gamma / n)`` (the
        module's formula with gamma taken out of the means); eval: ``(gamma / sigma) * dout``.
        """
        if self.x_hat is None or self.inv_std is None:
            raise RuntimeError("call forward before backward")
        n = dout.shape[0]
        ones = self._ones(n, dout.dtype)
        g = np.multiply(dout, self.x_hat, out=self._array("g", dout.shape, dout.dtype))
        np.matmul(ones, g, out=self.d_gamma)
        np.matmul(ones, dout, out=self.d_delta)
        c = self.gamma * self.inv_std
        dX = dout if self.inplace else np.empty_like(dout)
        np.multiply(dout, c, out=dX)
        if self.training:  # the terms through the batch mean and variance
            np.multiply(self.x_hat, self.d_gamma * c * (1.0 / n), out=g)
            dX -= g
            dX -= self.d_delta * c * (1.0 / n)
        return dX

    def __repr__(self) -> str:
        return f"BatchNorm({self.d}, momentum={self.momentum})"


class LayerNorm(_Norm):
    """Layer normalisation: each example standardised over its ``d`` features, (n, d) -> (n, d).

    No running statistics: training and evaluation compute the same thing.
    """

    axis = 1

    def forward(self, X: np.ndarray) -> np.ndarray:
        self._check(X)
        mean = X.mean(axis=1, keepdims=True)
        var = X.var(axis=1, keepdims=True)
        return self._scale_shift(X, mean, 1.0 / np.sqrt(var + self.eps))

    def __repr__(self) -> str:
        return f"LayerNorm({self.d})"
