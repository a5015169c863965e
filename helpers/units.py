"""One neuron unit h = a[beta + omega^T x] and a layer's health, batch-first (notebook 01).

The course's versions of notebook 01's exercises, for its demos to fall back on while an
exercise is unsolved (``helpers.fallback``). ``X`` has shape ``(n, D)``, one input per row;
a layer's weights ``Omega`` have shape ``(H, D)`` (out x in) and its biases ``beta`` ``(H,)``.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import ArrayLike

from helpers.activations import sigmoid_derivative

__all__ = ["neuron", "fit_linear_neuron", "saturated_fraction", "dead_fraction", "predict"]


def neuron(X: ArrayLike, omega: ArrayLike, beta: float, activation: Callable) -> np.ndarray:
    """Outputs ``activation(beta + X @ omega)`` of one neuron for every row: shape ``(n,)``."""
    return activation(np.asarray(X, dtype=float) @ np.asarray(omega, dtype=float) + beta)


def fit_linear_neuron(X: ArrayLike, y: ArrayLike) -> tuple[np.ndarray, float]:
    """Least-squares ``(omega (D,), beta)`` of ``y ~ beta + X @ omega`` for ``X (n, D)``, ``y (n,)``."""
    X = np.asarray(X, dtype=float)
    theta = np.linalg.lstsq(np.column_stack([X, np.ones(len(X))]), np.asarray(y, dtype=float), rcond=None)[0]
    return theta[:-1], float(theta[-1])


def saturated_fraction(X: ArrayLike, Omega: ArrayLike, beta: ArrayLike, threshold: float = 0.01) -> float:
    """Fraction of the ``n * H`` sigmoid pre-activations ``X @ Omega.T + beta`` with sigma' < threshold."""
    Z = np.asarray(X, dtype=float) @ np.asarray(Omega, dtype=float).T + beta
    return float(np.mean(sigmoid_derivative(Z) < threshold))


def dead_fraction(X: ArrayLike, Omega: ArrayLike, beta: ArrayLike) -> float:
    """Fraction of the ``H`` ReLU units whose pre-activation is <= 0 on every row of ``X``."""
    Z = np.asarray(X, dtype=float) @ np.asarray(Omega, dtype=float).T + beta
    return float(np.mean(np.all(Z <= 0, axis=0)))


def predict(X: ArrayLike, omega: ArrayLike, beta: float) -> np.ndarray:
    """Class labels ``(n,)`` of a sigmoid neuron: 1 where ``sigmoid(beta + X @ omega) >= 0.5``."""
    return (np.asarray(X, dtype=float) @ np.asarray(omega, dtype=float) + beta >= 0).astype(int)
