"""Static pictures (matplotlib): functions, data sets, decision boundaries, shallow and 2-D networks.

The drawing modules split by kind: this one draws figures, ``helpers.widgets`` builds the
interactive explorers (which draw with these functions). Neither computes anything a notebook
or a test needs: the numbers come from the numpy modules (``networks``, ``regions``, ...).

matplotlib is imported when a function is first called, not when ``helpers`` is imported.
Every function draws into the axes it is given (else a new figure) and returns them.

Functions:
    plot_function           a function (solid) and its derivative (dashed)
    plot_data               a 2-D data set, coloured by class
    plot_decision_boundary  a predictor's output over the plane, its contour, and the data
    plot_shallow_pieces     hidden units, weighted pieces and their sum (1 input, 1 output)
    plot_regions_2d         a 2-input ReLU network's linear regions, coloured by pattern
    plot_output_2d          a 2-input network's output over the plane, region borders on top
    widget_subplots         plt.subplots with fixed margins, for a figure a widget redraws
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import ArrayLike

from helpers.activations import relu
from helpers.networks import check_network, deep_forward, shallow_forward, shallow_hidden, shallow_joints
from helpers.regions import activation_patterns, count_linear_regions_1d, distinct_patterns

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = [
    "CLASS_COLORS",
    "UNIT_COLORS",
    "plot_function",
    "plot_data",
    "plot_decision_boundary",
    "mark_joints",
    "plot_shallow_pieces",
    "plot_regions_2d",
    "plot_output_2d",
    "widget_subplots",
]

#: Colours of class labels 0, 1, 2, ... (colour-blind friendly).
CLASS_COLORS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b")


def _axes(ax: Axes | None, figsize: tuple[float, float] = (5, 3.5)) -> Axes:
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=figsize, layout="constrained")
    return ax


def widget_subplots(ncols: int = 1, *, figsize: tuple[float, float], left: float = 0.08,
                    right: float = 0.98, bottom: float = 0.16, top: float = 0.88,
                    wspace: float = 0.28) -> tuple[Any, Any]:
    """``plt.subplots(1, ncols)`` with fixed margins (fractions of the figure), for widgets.

    A widget redraws its figure on every slider change. Constrained layout measures every label
    again each time, which was about 40 % of a redraw (notebook 06's descent explorer: 0.47 s of
    CPU with it, 0.29 s with fixed margins), so widgets' figures use this instead. Returns
    ``(figure, axes)``: one Axes for ``ncols == 1``, else an array of ``ncols``.
    """
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, ncols, figsize=figsize)
    fig.subplots_adjust(left=left, right=right, bottom=bottom, top=top, wspace=wspace)
    return fig, axes


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


# ---------------------------------------------------------------- shallow networks, 1 input


#: One colour per hidden unit (colour-blind friendly), cycled for more units.
UNIT_COLORS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2")

def _unit_color(d: int) -> str:
    return UNIT_COLORS[d % len(UNIT_COLORS)]


def mark_joints(ax: Axes, joints: np.ndarray, lo: float, hi: float) -> None:
    """Dotted vertical lines at the finite joints strictly inside (lo, hi)."""
    for j in joints:
        if np.isfinite(j) and lo < j < hi:
            ax.axvline(j, color="0.6", lw=0.8, ls=":", zorder=0)


def plot_shallow_pieces(
    theta: ArrayLike,
    phi: ArrayLike,
    *,
    x: ArrayLike | None = None,
    activation: Callable[[ArrayLike], Any] = relu,
    axes: Sequence[Axes] | np.ndarray | None = None,
    title: str | None = None,
) -> np.ndarray:
    """Draw a shallow network (one input, one output) piece by piece, in three panels.

    1. each unit's pre-activation ``theta_d0 + theta_d1 x`` (dashed) and hidden unit ``h_d``
       (solid): a line clipped at zero;
    2. the weighted pieces ``phi_d h_d`` and the offset ``phi_0`` (dotted);
    3. the output ``y = phi_0 + sum_d phi_d h_d``: joints marked, the number of linear regions
       (counted on the grid) in the title.

    Args:
        theta: shape ``(D, 2)``; phi: shape ``(D + 1,)``.
        x: grid of inputs (default 801 points on [0, 2]).
        activation: the hidden units' activation (default ReLU).
        axes: three Axes to draw into (default: a new 1 x 3 figure).
        title: a title over the figure.

    Returns:
        The array of three Axes.
    """
    import matplotlib.pyplot as plt

    theta = np.asarray(theta, dtype=float)
    phi = np.asarray(phi, dtype=float)
    x = np.linspace(0.0, 2.0, 801) if x is None else np.asarray(x, dtype=float)
    H = shallow_hidden(x, theta, activation)
    y = shallow_forward(x, theta, phi, activation)
    joints = shallow_joints(theta)
    lo, hi = float(x.min()), float(x.max())
    if axes is None:
        # 8.4 in at 100 dpi: full size in a notebook at 1280 px wide, so 10 pt stays 10 pt
        fig, axes = plt.subplots(1, 3, figsize=(8.4, 3), layout="constrained", sharex=True)
        if title:
            fig.suptitle(title)
    panels = np.asarray(axes)
    pre_ax, piece_ax, out_ax = panels
    for d in range(theta.shape[0]):
        color = _unit_color(d)
        pre_ax.plot(x, theta[d, 0] + theta[d, 1] * x, ls="--", lw=0.9, color=color, alpha=0.6)
        pre_ax.plot(x, H[:, d], color=color, lw=1.8, label=f"$h_{d + 1}$")
        piece_ax.plot(x, phi[d + 1] * H[:, d], color=color, lw=1.8,
                      label=rf"$\phi_{d + 1} h_{d + 1}$")
    piece_ax.axhline(phi[0], color="k", ls=":", lw=1.2, label=r"$\phi_0$")
    out_ax.plot(x, y, color="k", lw=2)
    regions = count_linear_regions_1d(y, x)
    for ax in panels:
        mark_joints(ax, joints, lo, hi)
        ax.axhline(0.0, color="0.85", lw=0.8, zorder=0)
        ax.set_xlabel("input x")
        ax.set_xlim(lo, hi)
    top = max(1.0, float(np.abs(H).max()))
    pre_ax.set_ylim(-0.5 * top, 1.1 * top)
    pre_ax.set_title("hidden units $h_d$ (dashed: before $a[\\cdot]$)", fontsize=10)
    piece_ax.set_title(r"weighted pieces $\phi_d h_d$", fontsize=10)
    out_ax.set_title(f"output y: {regions} linear region{'s' * (regions != 1)}", fontsize=10)
    pre_ax.legend(frameon=False)
    piece_ax.legend(frameon=False)
    return panels


# ---------------------------------------------------------------- two inputs


def _plane(xlim: tuple[float, float], ylim: tuple[float, float], grid: int) -> tuple:
    g1 = np.linspace(xlim[0], xlim[1], grid)
    g2 = np.linspace(ylim[0], ylim[1], grid)
    A, B = np.meshgrid(g1, g2)
    return np.column_stack([A.ravel(), B.ravel()]), A.shape


def _first_layer_lines(ax: Axes, beta: np.ndarray, omega: np.ndarray, xlim, ylim) -> None:
    """Draw the lines beta_d + omega_d1 x1 + omega_d2 x2 = 0 of the first layer's units."""
    t = np.linspace(xlim[0], xlim[1], 2)
    s = np.linspace(ylim[0], ylim[1], 2)
    for d in range(omega.shape[0]):
        b, (w1, w2) = beta[d], omega[d]
        color = _unit_color(d)
        if abs(w2) >= abs(w1) and w2 != 0:
            ax.plot(t, -(b + w1 * t) / w2, color=color, lw=1.5)
        elif w1 != 0:
            ax.plot(-(b + w2 * s) / w1, s, color=color, lw=1.5)


def plot_regions_2d(
    betas: Sequence[ArrayLike],
    omegas: Sequence[ArrayLike],
    *,
    xlim: tuple[float, float] = (-1.0, 1.0),
    ylim: tuple[float, float] = (-1.0, 1.0),
    grid: int = 300,
    ax: Axes | None = None,
    show_joints: bool = True,
    annotate: bool | None = None,
    title: str | None = None,
) -> Axes:
    """Colour the plane by the ReLU activation pattern of a 2-input network.

    Each colour is one linear region (one pattern of on/off hidden units); for a shallow
    network the regions are the convex polygons cut out by the units' joint lines
    ``beta_d + Omega_d1 x1 + Omega_d2 x2 = 0``, drawn in the units' colours.

    Args:
        betas, omegas: the network, as in :func:`helpers.networks.deep_forward`; the input
            layer must have 2 inputs (``omegas[0]`` of shape ``(D, 2)``).
        xlim, ylim: the window; grid: points per axis.
        ax: Axes to draw into (default: a new figure).
        show_joints: draw the first layer's joint lines.
        annotate: write each region's pattern (e.g. "101") at its centre; default when the
            network has at most 6 hidden units.
        title: default "N linear regions in view".

    Returns:
        The Axes.
    """
    import matplotlib.pyplot as plt
    from matplotlib.colors import ListedColormap

    betas, omegas = check_network(betas, omegas)
    if omegas[0].shape[1] != 2:
        raise ValueError(f"plot_regions_2d needs 2 inputs; Omega_0 has shape {omegas[0].shape}")
    X, shape = _plane(xlim, ylim, grid)
    P = activation_patterns(X, betas, omegas)
    unique, labels = distinct_patterns(P)
    if ax is None:
        _, ax = plt.subplots(figsize=(4, 3.6), layout="constrained")
    palette = [*plt.get_cmap("tab20")(np.arange(20)), *plt.get_cmap("Pastel1")(np.arange(9))]
    order = np.random.default_rng(0).permutation(max(len(unique), len(palette)))
    colors = [palette[order[k] % len(palette)] for k in range(len(unique))]
    ax.imshow(labels.reshape(shape), origin="lower", extent=(*xlim, *ylim), aspect="auto",
              cmap=ListedColormap(colors), vmin=-0.5, vmax=len(unique) - 0.5,
              interpolation="nearest", alpha=0.75)
    if show_joints:
        _first_layer_lines(ax, betas[0], omegas[0], xlim, ylim)
    if annotate is None:
        annotate = P.shape[1] <= 6
    if annotate and P.shape[1] > 0:
        for k, pattern in enumerate(unique):
            inside = X[labels == k]
            if len(inside) > grid * grid // 400:  # skip slivers
                cx, cy = inside.mean(axis=0)
                ax.text(cx, cy, "".join("1" if p else "0" for p in pattern), ha="center",
                        va="center", fontsize=10, family="monospace")
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    n = len(unique)
    ax.set_title(title or f"{n} linear region{'s' * (n != 1)} in view", fontsize=10)
    return ax


def plot_output_2d(
    betas: Sequence[ArrayLike],
    omegas: Sequence[ArrayLike],
    *,
    output: int = 0,
    xlim: tuple[float, float] = (-1.0, 1.0),
    ylim: tuple[float, float] = (-1.0, 1.0),
    grid: int = 300,
    ax: Axes | None = None,
    title: str | None = None,
) -> Axes:
    """A 2-input ReLU network's output ``output`` as a heat map, region borders drawn in black.

    Inside each region the output is a plane (an affine function of x1, x2): the colour
    changes linearly there and the slope changes only across a border. Returns the Axes.
    """
    import matplotlib.pyplot as plt
    from matplotlib.colors import ListedColormap

    X, shape = _plane(xlim, ylim, grid)
    y = deep_forward(X, betas, omegas)[:, output].reshape(shape)
    _, labels = distinct_patterns(activation_patterns(X, betas, omegas))
    L = labels.reshape(shape)
    border = np.zeros(shape, dtype=bool)
    border[:, 1:] |= L[:, 1:] != L[:, :-1]
    border[1:, :] |= L[1:, :] != L[:-1, :]
    if ax is None:
        _, ax = plt.subplots(figsize=(4.4, 3.6), layout="constrained")
    image = ax.imshow(y, origin="lower", extent=(*xlim, *ylim), aspect="auto", cmap="viridis")
    ax.imshow(np.where(border, 1.0, np.nan), origin="lower", extent=(*xlim, *ylim),
              aspect="auto", cmap=ListedColormap(["k"]), interpolation="nearest")
    ax.figure.colorbar(image, ax=ax, shrink=0.85, label=f"output $y_{output + 1}$")
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.set_title(title or "network output (borders: region edges)", fontsize=10)
    return ax
