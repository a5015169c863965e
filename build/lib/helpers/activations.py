"""Activation functions and their derivatives.

Every function takes a scalar or an array of any shape and returns the same shape (a Python
float for a scalar input). ``sigmoid`` never overflows: ``sigmoid(-1000)`` is 0.0 and
``sigmoid(1000)`` is 1.0, with no warning. At the kink of ReLU (z = 0) the derivative is taken
as 0, the usual convention.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import ArrayLike

__all__ = [
    "sigmoid",
    "sigmoid_derivative",
    "tanh",
    "tanh_derivative",
    "relu",
    "relu_derivative",
    "leaky_relu",
    "leaky_relu_derivative",
    "ACTIVATIONS",
    "get_activation",
]


def _out(z: ArrayLike, result: np.ndarray) -> np.ndarray | float:
    return float(result) if np.ndim(z) == 0 else result


def sigmoid(z: ArrayLike) -> np.ndarray | float:
    """Logistic sigmoid 1 / (1 + e^(-z)), computed without overflow."""
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))  # in (0, 1]: never overflows
    return _out(z, np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e)))


def sigmoid_derivative(z: ArrayLike) -> np.ndarray | float:
    """sigma'(z) = sigma(z) (1 - sigma(z))."""
    s = np.asarray(sigmoid(z))
    return _out(z, s * (1.0 - s))


def tanh(z: ArrayLike) -> np.ndarray | float:
    """Hyperbolic tangent, in (-1, 1)."""
    return _out(z, np.tanh(np.asarray(z, dtype=float)))


def tanh_derivative(z: ArrayLike) -> np.ndarray | float:
    """tanh'(z) = 1 - tanh(z)^2."""
    t = np.tanh(np.asarray(z, dtype=float))
    return _out(z, 1.0 - t * t)


def relu(z: ArrayLike) -> np.ndarray | float:
    """Rectified linear unit max(0, z)."""
    return _out(z, np.maximum(0.0, np.asarray(z, dtype=float)))


def relu_derivative(z: ArrayLike) -> np.ndarray | float:
    """1 where z > 0, else 0 (the derivative at 0 is taken as 0)."""
    return _out(z, (np.asarray(z, dtype=float) > 0).astype(float))


def leaky_relu(z: ArrayLike, alpha: float = 0.01) -> np.ndarray | float:
    """z where z > 0, else alpha * z."""
    z = np.asarray(z, dtype=float)
    return _out(z, np.where(z > 0, z, alpha * z))


def leaky_relu_derivative(z: ArrayLike, alpha: float = 0.01) -> np.ndarray | float:
    """1 where z > 0, else alpha."""
    z = np.asarray(z, dtype=float)
    return _out(z, np.where(z > 0, 1.0, alpha))


Activation = Callable[[ArrayLike], "np.ndarray | float"]

#: name -> (function, derivative); "linear" is the identity (no activation).
ACTIVATIONS: dict[str, tuple[Activation, Activation]] = {
    "sigmoid": (sigmoid, sigmoid_derivative),
    "tanh": (tanh, tanh_derivative),
    "relu": (relu, relu_derivative),
    "leaky_relu": (leaky_relu, leaky_relu_derivative),
    "linear": (lambda z: _out(z, np.asarray(z, dtype=float) * 1.0),
               lambda z: _out(z, np.ones_like(np.asarray(z, dtype=float)))),
}


def get_activation(name: str) -> tuple[Activation, Activation]:
    """The ``(function, derivative)`` pair called ``name`` (see ``ACTIVATIONS``)."""
    try:
        return ACTIVATIONS[name]
    except KeyError:
        raise ValueError(f"unknown activation {name!r}; choose one of {sorted(ACTIVATIONS)}") from None
