"""Gradient descent by hand: one weight, one sigmoid neuron, a chain of units (notebook 06).

The course's versions of notebook 06's small exercises, for its demos to fall back on while an
exercise is unsolved (``helpers.fallback``). Gradients of whole networks come from
``helpers.mlp.MLP`` (:func:`mlp_gradients` only rearranges its ``params`` / ``grads``).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import ArrayLike

from helpers.activations import get_activation, sigmoid

__all__ = ["one_weight_step", "train_sigmoid_neuron", "chain_derivatives", "mlp_gradients"]


def one_weight_step(weight: float, x: float, goal: float, alpha: float) -> tuple[float, ...]:
    """One gradient step of ``pred = x * weight`` on ``(pred - goal)**2``.

    Returns ``(pred, error, delta, weight_delta, new_weight)``: the squared error, the node delta
    ``pred - goal``, the weight delta ``x * delta`` and ``weight - alpha * weight_delta``.
    """
    pred = x * weight
    delta = pred - goal
    return pred, delta**2, delta, x * delta, weight - alpha * x * delta


def train_sigmoid_neuron(X: ArrayLike, Y: ArrayLike, w: float, b: float, eta: float,
                         epochs: int) -> tuple[float, float]:
    """Full-batch gradient descent on ``E = sum_i (sigmoid(w x_i + b) - y_i)**2 / 2``: final ``(w, b)``.

    ``X`` and ``Y`` have shape ``(n,)``; the delta rule ``delta_i = (f_i - y_i) f_i (1 - f_i)``.
    """
    X, Y = np.asarray(X, dtype=float), np.asarray(Y, dtype=float)
    for _ in range(epochs):
        f = sigmoid(w * X + b)
        delta = (f - Y) * f * (1.0 - f)
        w, b = w - eta * float(np.sum(delta * X)), b - eta * float(np.sum(delta))
    return w, b


def chain_derivatives(x: float, weights: ArrayLike, biases: ArrayLike,
                      activation: str = "sigmoid") -> np.ndarray:
    """``du_k/dx`` for k = 1..K along ``u_k = a(w_k u_{k-1} + b_k)``, ``u_0 = x``: shape ``(K,)``."""
    act, act_prime = get_activation(activation)
    u, d, out = float(x), 1.0, []
    for w, b in zip(np.asarray(weights, dtype=float), np.asarray(biases, dtype=float), strict=True):
        z = w * u + b
        d = d * float(act_prime(z)) * w
        u = float(act(z))
        out.append(d)
    return np.array(out, dtype=float)


def mlp_gradients(X: ArrayLike, y: ArrayLike, betas: Sequence[ArrayLike], Omegas: Sequence[ArrayLike],
                  activation: str = "relu") -> tuple[float, list[np.ndarray], list[np.ndarray]]:
    """Mean softmax cross-entropy of an MLP and its gradients: ``(loss, dbetas, dOmegas)``.

    ``X`` is ``(n, D_0)``, ``y`` integer labels ``(n,)``, ``betas[k]`` of shape ``(D_{k+1},)`` and
    ``Omegas[k]`` of shape ``(D_{k+1}, D_k)`` (betas first, as everywhere in ``helpers``); the
    gradients have their shapes. Computed by ``helpers.mlp.MLP``.
    """
    from helpers.mlp import MLP

    net = MLP.from_parameters([np.asarray(b, dtype=np.float64) for b in betas],
                              [np.asarray(O, dtype=np.float64) for O in Omegas], activation=activation)
    loss, _ = net.loss_and_grads(np.asarray(X, dtype=np.float64), np.asarray(y))
    dbetas = [g.copy() for g in net.grads[1::2]]
    dOmegas = [g.copy() for g in net.grads[0::2]]
    return float(loss), dbetas, dOmegas
