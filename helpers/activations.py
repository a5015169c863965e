"""Activation functions and their derivatives.

Every function takes a scalar or an array of any shape and returns the same shape (a Python
float for a scalar input). Floating arrays keep their dtype (float32 stays float32, which the
network layers of ``helpers.layers`` rely on); anything else becomes float64. This is the
course's only implementation of each activation: the layers, the losses and the MLP call these.
``sigmoid`` never overflows: ``sigmoid(-1000)`` is 0.0 and
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
    "linear",
    "linear_derivative",
    "ACTIVATIONS",
    "get_activation",
    "as_activation",
    "as_float_array",
]


def as_float_array(z: ArrayLike) -> np.ndarray:
    """``z`` as an array of a floating dtype: its own if it has one, else float64."""
    z = np.asarray(z)
    return z if z.dtype.kind == "f" else z.astype(np.float64)


def _out(z: ArrayLike, result: np.ndarray) -> np.ndarray | float:
    return float(result) if np.ndim(z) == 0 else result


def sigmoid(z: ArrayLike) -> np.ndarray | float:
    """Logistic sigmoid 1 / (1 + e^(-z)), computed without overflow."""
    z = as_float_array(z)
    e = np.exp(-np.abs(z))  # in (0, 1]: never overflows
    return _out(z, np.where(z >= 0, 1 / (1 + e), e / (1 + e)))


def sigmoid_derivative(z: ArrayLike) -> np.ndarray | float:
    """sigma'(z) = sigma(z) (1 - sigma(z))."""
    s = np.asarray(sigmoid(z))
    return _out(z, s * (1.0 - s))


def tanh(z: ArrayLike) -> np.ndarray | float:
    """Hyperbolic tangent, in (-1, 1)."""
    return _out(z, np.tanh(as_float_array(z)))


def tanh_derivative(z: ArrayLike) -> np.ndarray | float:
    """tanh'(z) = 1 - tanh(z)^2."""
    t = np.tanh(as_float_array(z))
    return _out(z, 1 - t * t)


def relu(z: ArrayLike) -> np.ndarray | float:
    """Rectified linear unit max(0, z)."""
    z = as_float_array(z)
    return _out(z, np.maximum(z, 0))


def relu_derivative(z: ArrayLike) -> np.ndarray | float:
    """1 where z > 0, else 0 (the derivative at 0 is taken as 0)."""
    z = as_float_array(z)
    return _out(z, (z > 0).astype(z.dtype))


def leaky_relu(z: ArrayLike, alpha: float = 0.01) -> np.ndarray | float:
    """z where z > 0, else alpha * z."""
    z = as_float_array(z)
    return _out(z, np.where(z > 0, z, alpha * z).astype(z.dtype))


def leaky_relu_derivative(z: ArrayLike, alpha: float = 0.01) -> np.ndarray | float:
    """1 where z > 0, else alpha."""
    z = as_float_array(z)
    return _out(z, np.where(z > 0, 1, alpha).astype(z.dtype))


def linear(z: ArrayLike) -> np.ndarray | float:
    """The identity (no activation): a copy of ``z``."""
    return _out(z, as_float_array(z).copy())


def linear_derivative(z: ArrayLike) -> np.ndarray | float:
    """1 everywhere."""
    return _out(z, np.ones_like(as_float_array(z)))


Activation = Callable[[ArrayLike], "np.ndarray | float"]

#: name -> (function, derivative); "linear" is the identity (no activation).
ACTIVATIONS: dict[str, tuple[Activation, Activation]] = {
    "sigmoid": (sigmoid, sigmoid_derivative),
    "tanh": (tanh, tanh_derivative),
    "relu": (relu, relu_derivative),
    "leaky_relu": (leaky_relu, leaky_relu_derivative),
    "linear": (linear, linear_derivative),
}


def get_activation(name: str) -> tuple[Activation, Activation]:
    """The ``(function, derivative)`` pair called ``name`` (see ``ACTIVATIONS``)."""
    try:
        return ACTIVATIONS[name]
    except (KeyError, TypeError):
        raise ValueError(f"unknown activation {name!r}; choose one of {sorted(ACTIVATIONS)}") from None


def as_activation(activation: str | Activation) -> Activation:
    """A callable activation from a callable or a name (``"relu"``, ``"sigmoid"``, ...)."""
    if isinstance(activation, str):
        return get_activation(activation)[0]
    if not callable(activation):
        raise TypeError(f"activation should be a function or a name, got {type(activation).__name__}")
    return activation
