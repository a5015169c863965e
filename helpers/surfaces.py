"""Two-parameter loss surfaces with their gradients, and optimizer paths across them.

    valley = quadratic_valley(condition=25)
    path = optimizer_path(valley, lambda p: SGD(p, lr=0.05, momentum=0.9), start=(-4, 1), steps=100)
    path.shape == (101, 2);  valley.loss(path).shape == (101,)

A ``Surface`` evaluates its loss on points of shape ``(..., 2)`` (one point, a path, or a
grid), so the same function draws contours and scores a path. Surfaces:

    quadratic_valley  E = (lam1 w1^2 + lam2 w2^2) / 2, rotated: the Hessian's eigenvalues set
                      the largest stable learning rate 2 / lam_max and the zig-zag
    rosenbrock        E = (a - w1)^2 + b (w2 - w1^2)^2: a curved, flat-bottomed valley
    saddle            E = w1^2 / 2 + w2^4 / 4 - w2^2 / 2: a saddle point at 0, minima at (0, +-1)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import ArrayLike

from helpers.optim import Optimizer

__all__ = ["Surface", "quadratic_valley", "rosenbrock", "saddle", "optimizer_path", "SURFACES"]


@dataclass(frozen=True)
class Surface:
    """A loss E(w) of two parameters.

    Attributes:
        name: for titles.
        loss: points ``(..., 2)`` -> losses ``(...)``.
        grad: points ``(..., 2)`` -> gradients ``(..., 2)``.
        minimum: a global minimiser ``(2,)``.
        extent: ``(w1_min, w1_max, w2_min, w2_max)``, a good window to draw.
        start: a start point that shows the surface's difficulty.
        sgd_lr: a learning rate at which plain gradient descent is stable from ``start``.
        steps: enough steps to see how optimizers differ on it.
        hessian: the constant Hessian ``(2, 2)`` of a quadratic, else None.
    """

    name: str
    loss: Callable[[np.ndarray], np.ndarray]
    grad: Callable[[np.ndarray], np.ndarray]
    minimum: np.ndarray
    extent: tuple[float, float, float, float]
    start: tuple[float, float]
    sgd_lr: float
    steps: int
    hessian: np.ndarray | None = field(default=None)


def quadratic_valley(condition: float = 20.0, lam_min: float = 1.0, angle: float = 0.0) -> Surface:
    """E(w) = w^T H w / 2 with eigenvalues ``lam_min`` and ``condition * lam_min``.

    ``angle`` (radians) rotates the valley; at 0 the steep direction is w2.
    """
    if not condition >= 1 or not lam_min > 0:
        raise ValueError(f"need condition >= 1 and lam_min > 0, got {condition} and {lam_min}")
    c, s = np.cos(angle), np.sin(angle)
    R = np.array([[c, -s], [s, c]])
    H = R @ np.diag([lam_min, condition * lam_min]) @ R.T

    def loss(w: np.ndarray) -> np.ndarray:
        w = np.asarray(w, dtype=float)
        return 0.5 * np.einsum("...i,ij,...j->...", w, H, w)

    def grad(w: np.ndarray) -> np.ndarray:
        return np.asarray(w, dtype=float) @ H  # H is symmetric

    return Surface(f"quadratic valley (condition number {condition:g})", loss, grad,
                   np.zeros(2), (-5.0, 5.0, -2.5, 2.5), (-4.5, 1.5),
                   1.0 / (condition * lam_min), 100, H)


def rosenbrock(a: float = 1.0, b: float = 100.0) -> Surface:
    """E(w) = (a - w1)^2 + b (w2 - w1^2)^2, minimum 0 at (a, a^2)."""

    def loss(w: np.ndarray) -> np.ndarray:
        w = np.asarray(w, dtype=float)
        x, y = w[..., 0], w[..., 1]
        return (a - x) ** 2 + b * (y - x**2) ** 2

    def grad(w: np.ndarray) -> np.ndarray:
        w = np.asarray(w, dtype=float)
        x, y = w[..., 0], w[..., 1]
        return np.stack([-2 * (a - x) - 4 * b * x * (y - x**2), 2 * b * (y - x**2)], axis=-1)

    return Surface("Rosenbrock", loss, grad, np.array([a, a * a]), (-2.0, 2.0, -1.0, 3.0),
                   (-1.2, 1.0), 1e-3, 2000)


def saddle() -> Surface:
    """E(w) = w1^2 / 2 + w2^4 / 4 - w2^2 / 2: a saddle point at the origin, minima (0, +-1)."""

    def loss(w: np.ndarray) -> np.ndarray:
        w = np.asarray(w, dtype=float)
        x, y = w[..., 0], w[..., 1]
        return 0.5 * x**2 + 0.25 * y**4 - 0.5 * y**2

    def grad(w: np.ndarray) -> np.ndarray:
        w = np.asarray(w, dtype=float)
        x, y = w[..., 0], w[..., 1]
        return np.stack([x, y**3 - y], axis=-1)

    return Surface("saddle point", loss, grad, np.array([0.0, 1.0]), (-2.0, 2.0, -1.6, 1.6),
                   (1.8, 1e-3), 0.1, 150)


SURFACES: dict[str, Callable[[], Surface]] = {
    "valley": quadratic_valley, "rosenbrock": rosenbrock, "saddle": saddle,
}


def optimizer_path(
    surface: Surface | Callable[[np.ndarray], np.ndarray],
    make_optimizer: Callable[[list[np.ndarray]], Optimizer],
    start: ArrayLike,
    steps: int,
    *,
    bound: float = 1e6,
) -> np.ndarray:
    """The points ``(steps + 1, *start.shape)`` an optimizer visits from ``start``.

    ``surface`` is a ``Surface`` or any gradient function ``grad(w) -> array of w's shape``.
    ``make_optimizer([w])`` builds the optimizer on the one parameter array ``w``, e.g.
    ``lambda p: Adam(p, lr=0.1)``. A path that leaves ``|w| < bound`` (divergence) stops
    there; the remaining rows are NaN.
    """
    grad = surface.grad if isinstance(surface, Surface) else surface
    w = np.array(start, dtype=float)
    opt = make_optimizer([w])
    path = np.full((int(steps) + 1, *w.shape), np.nan)
    path[0] = w
    for t in range(1, int(steps) + 1):
        with np.errstate(over="ignore", invalid="ignore"):
            opt.step([np.asarray(grad(w), dtype=float).reshape(w.shape)])
        if not (np.all(np.isfinite(w)) and np.max(np.abs(w)) < bound):
            break
        path[t] = w
    return path
