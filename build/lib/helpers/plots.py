"""One-line plots for the notebooks: a function with its derivative, data sets, decision boundaries.

matplotlib is imported when a function is first called, not when ``helpers`` is imported.
Every function draws into ``ax`` if given (else a new figure) and returns the Axes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["plot_function", "plot_data", "plot_decision_boundary", "CLASS_COLORS"]

#: Colours of class labels 0, 1, 2, ... (colour-blind friendly).
CLASS_COLORS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b")


def _axes(ax: Axes | None, figsize: tuple[float, float] = (5, 3.5)) -> Axes:
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=figsize, layout="constrained")
    return ax


def plot_function(
    f: Callable[[np.ndarray], Any],
    df: Callable[[np.ndarray], Any] | None = None,
    *,
    x: np.ndarray | None = None,
    ax: Axes | None = None,
    label: str | None = None,
    title: str | None = None,
) -> Axes:
    """Plot ``f`` (solid) and, if given, its derivative ``df`` (dashed) over ``x``.

    ``x`` defaults to 400 points on [-5, 5]; ``f`` and ``df`` take and return arrays of
    the shape of ``x``.
    """
    ax = _axes(ax)
    x = np.linspace(-5.0, 5.0, 400) if x is None else np.asarray(x, dtype=float)
    name = label or getattr(f, "__name__", "f")
    (line,) = ax.plot(x, np.broadcast_to(f(x), x.shape), label=name)
    if df is not None:
        ax.plot(x, np.broadcast_to(df(x), x.shape), "--", color=line.get_color(), label=f"{name}'")
    ax.axhline(0.0, color="0.8", lw=0.8, zorder=0)
    ax.axvline(0.0, color="0.8", lw=0.8, zorder=0)
    ax.set_xlabel("z")
    ax.legend(frameon=False)
    if title:
        ax.set_title(title)
    return ax


def plot_data(X: np.ndarray, y: np.ndarray, *, ax: Axes | None = None, title: str | None = None) -> Axes:
    """Scatter a 2-D data set: ``X`` of shape ``(n, 2)``, integer labels ``y`` of shape ``(n,)``."""
    X, y = _check_xy(X, y)
    ax = _axes(ax)
    for label in np.unique(y):
        pts = X[y == label]
        ax.scatter(pts[:, 0], pts[:, 1], s=14, color=CLASS_COLORS[int(label) % len(CLASS_COLORS)],
                   edgecolor="white", linewidth=0.4, label=f"class {label}")
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.set_aspect("equal", adjustable="datalim")
    ax.legend(frameon=False, loc="best", fontsize="small")
    if title:
        ax.set_title(title)
    return ax


def plot_decision_boundary(
    predict: Callable[[np.ndarray], Any],
    X: np.ndarray,
    y: np.ndarray,
    *,
    ax: Axes | None = None,
    threshold: float = 0.5,
    title: str | None = None,
    grid: int = 200,
) -> Axes:
    """Draw ``predict``'s output over the plane, its contour at ``threshold``, and the data.

    ``predict`` maps an ``(m, 2)`` array of points to ``(m,)`` outputs (a probability, a
    score, or a label). The view covers the data with a margin.
    """
    X, y = _check_xy(X, y)
    ax = _axes(ax)
    pad = 0.15 * (X.max(axis=0) - X.min(axis=0)) + 0.1
    lo, hi = X.min(axis=0) - pad, X.max(axis=0) + pad
    g1, g2 = np.meshgrid(np.linspace(lo[0], hi[0], grid), np.linspace(lo[1], hi[1], grid))
    points = np.column_stack([g1.ravel(), g2.ravel()])
    out = np.asarray(predict(points), dtype=float)
    if out.size != len(points):
        raise ValueError(f"predict should return one value per point: got shape {out.shape} "
                         f"for {len(points)} points of shape {points.shape}")
    surface = out.reshape(g1.shape)
    filled = ax.contourf(g1, g2, surface, levels=20, cmap="RdBu_r", alpha=0.35)
    if surface.min() < threshold < surface.max():
        ax.contour(g1, g2, surface, levels=[threshold], colors="k", linewidths=1.5)
    ax.figure.colorbar(filled, ax=ax, shrink=0.8, label="output")
    plot_data(X, y, ax=ax, title=title)
    ax.set_aspect("equal", adjustable="box")
    ax.set_xlim(lo[0], hi[0])
    ax.set_ylim(lo[1], hi[1])
    return ax


def _check_xy(X: Any, y: Any) -> tuple[np.ndarray, np.ndarray]:
    X = np.asarray(X, dtype=float)
    y = np.asarray(y)
    if X.ndim != 2 or X.shape[1] != 2:
        raise ValueError(f"X should have shape (n, 2), got {X.shape}")
    if y.shape != (len(X),):
        raise ValueError(f"y should have shape ({len(X)},) to match X, got {y.shape}")
    return X, y.astype(int)
