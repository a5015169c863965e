"""Pictures and explorers of shallow networks: pieces, joints, linear regions.

matplotlib and ipywidgets are imported inside the functions, so importing this module is cheap.
Every plotting function draws into the axes it is given (or a new figure) and returns them;
the explorers return an ipywidgets widget to show as the last expression of a cell (in a
headless run they draw once and never block).

Functions:
    plot_shallow_pieces       hidden units, weighted pieces and their sum (1 input, 1 output)
    plot_regions_2d           a 2-input ReLU network's linear regions, coloured by pattern
    plot_output_2d            a 2-input network's output over the plane, region borders on top
    shallow_network_explorer  sliders for the ten parameters of a 1-3-1 network
    approximation_explorer    a slider for the number of units approximating a curve
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import ArrayLike

from helpers.activations import relu
from helpers.networks import (
    activation_patterns,
    count_linear_regions_1d,
    deep_forward,
    fit_output_weights,
    shallow_forward,
    shallow_hidden,
    shallow_joints,
    theta_from_joints,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = [
    "UNIT_COLORS",
    "EXAMPLE_THETA",
    "EXAMPLE_PHI",
    "plot_shallow_pieces",
    "plot_regions_2d",
    "plot_output_2d",
    "shallow_network_explorer",
    "approximation_explorer",
    "default_target",
]

#: One colour per hidden unit (colour-blind friendly), cycled for more units.
UNIT_COLORS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2")

#: The running example: three hidden units with joints at 0.3, 0.5 and 0.77 in [0, 2].
EXAMPLE_THETA = np.array([[0.3, -1.0], [-1.0, 2.0], [-0.5, 0.65]])
EXAMPLE_PHI = np.array([-0.3, 2.0, -1.0, 7.0])


def _unit_color(d: int) -> str:
    return UNIT_COLORS[d % len(UNIT_COLORS)]


def _mark_joints(ax: Axes, joints: np.ndarray, lo: float, hi: float) -> None:
    for j in joints:
        if np.isfinite(j) and lo < j < hi:
            ax.axvline(j, color="0.6", lw=0.8, ls=":", zorder=0)


def plot_shallow_pieces(
    theta: ArrayLike,
    phi: ArrayLike,
    *,
    x: ArrayLike | None = None,
    activation: Callable[[ArrayLike], Any] = relu,
    axes: Sequence[Axes] | None = None,
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
        fig, axes = plt.subplots(1, 3, figsize=(10, 3), layout="constrained", sharex=True)
        if title:
            fig.suptitle(title)
    axes = np.asarray(axes)
    pre_ax, piece_ax, out_ax = axes
    for d in range(theta.shape[0]):
        color = _unit_color(d)
        pre_ax.plot(x, theta[d, 0] + theta[d, 1] * x, ls="--", lw=0.9, color=color, alpha=0.6)
        pre_ax.plot(x, H[:, d], color=color, lw=1.8, label=f"$h_{d + 1}$")
        piece_ax.plot(x, phi[d + 1] * H[:, d], color=color, lw=1.8,
                      label=rf"$\phi_{d + 1} h_{d + 1}$")
    piece_ax.axhline(phi[0], color="k", ls=":", lw=1.2, label=r"$\phi_0$")
    out_ax.plot(x, y, color="k", lw=2)
    regions = count_linear_regions_1d(y, x)
    for ax in axes:
        _mark_joints(ax, joints, lo, hi)
        ax.axhline(0.0, color="0.85", lw=0.8, zorder=0)
        ax.set_xlabel("input x")
        ax.set_xlim(lo, hi)
    top = max(1.0, float(np.abs(H).max()))
    pre_ax.set_ylim(-0.5 * top, 1.1 * top)
    pre_ax.set_title("hidden units $h_d$ (dashed: before $a[\\cdot]$)", fontsize=10)
    piece_ax.set_title(r"weighted pieces $\phi_d h_d$", fontsize=10)
    out_ax.set_title(f"output y: {regions} linear region{'s' * (regions != 1)}", fontsize=10)
    pre_ax.legend(frameon=False, fontsize=8)
    piece_ax.legend(frameon=False, fontsize=8)
    return axes


# ---------------------------------------------------------------- two inputs


def _plane(xlim: tuple[float, float], ylim: tuple[float, float], grid: int) -> tuple:
    g1 = np.linspace(xlim[0], xlim[1], grid)
    g2 = np.linspace(ylim[0], ylim[1], grid)
    A, B = np.meshgrid(g1, g2)
    return np.column_stack([A.ravel(), B.ravel()]), A.shape


def _pattern_labels(P: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distinct rows of the pattern matrix and each row's label (index into them)."""
    if P.shape[1] == 0:
        return np.zeros((1, 0), dtype=bool), np.zeros(P.shape[0], dtype=int)
    unique, labels = np.unique(P, axis=0, return_inverse=True)
    return unique, labels.ravel()


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

    if np.asarray(omegas[0]).shape[1:] != (2,):
        raise ValueError(f"plot_regions_2d needs 2 inputs; omegas[0] has shape "
                         f"{np.asarray(omegas[0]).shape}")
    X, shape = _plane(xlim, ylim, grid)
    P = activation_patterns(X, betas, omegas)
    unique, labels = _pattern_labels(P)
    if ax is None:
        _, ax = plt.subplots(figsize=(4, 3.6), layout="constrained")
    palette = plt.get_cmap("tab20").colors + plt.get_cmap("Pastel1").colors
    order = np.random.default_rng(0).permutation(max(len(unique), len(palette)))
    colors = [palette[order[k] % len(palette)] for k in range(len(unique))]
    ax.imshow(labels.reshape(shape), origin="lower", extent=(*xlim, *ylim), aspect="auto",
              cmap=ListedColormap(colors), vmin=-0.5, vmax=len(unique) - 0.5,
              interpolation="nearest", alpha=0.75)
    if show_joints:
        _first_layer_lines(ax, np.asarray(betas[0], dtype=float).ravel(),
                           np.asarray(omegas[0], dtype=float), xlim, ylim)
    if annotate is None:
        annotate = P.shape[1] <= 6
    if annotate and P.shape[1] > 0:
        for k, pattern in enumerate(unique):
            inside = X[labels == k]
            if len(inside) > grid * grid // 400:  # skip slivers
                cx, cy = inside.mean(axis=0)
                ax.text(cx, cy, "".join("1" if p else "0" for p in pattern), ha="center",
                        va="center", fontsize=8, family="monospace")
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
    _, labels = _pattern_labels(activation_patterns(X, betas, omegas))
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


# ---------------------------------------------------------------- explorers


def shallow_network_explorer(
    theta: ArrayLike | None = None,
    phi: ArrayLike | None = None,
    *,
    x_range: tuple[float, float] = (0.0, 2.0),
) -> Any:
    """Ten sliders (theta_10 ... theta_31, phi_0 ... phi_3) driving a 1-3-1 ReLU network.

    Shows :func:`plot_shallow_pieces` live, and below it the joints and the region count.
    Starts from ``theta`` (shape ``(3, 2)``) and ``phi`` (shape ``(4,)``), by default the
    running example. Returns a VBox.
    """
    import ipywidgets as widgets
    import matplotlib.pyplot as plt

    theta = EXAMPLE_THETA if theta is None else np.asarray(theta, dtype=float)
    phi = EXAMPLE_PHI if phi is None else np.asarray(phi, dtype=float)
    if theta.shape != (3, 2) or phi.shape != (4,):
        raise ValueError(f"the explorer shows a 1-3-1 network: theta (3, 2) and phi (4,); "
                         f"got {theta.shape} and {phi.shape}")
    common = dict(step=0.05, continuous_update=False, readout_format=".2f",
                  layout=widgets.Layout(width="230px"), style={"description_width": "40px"})
    sliders: dict[str, Any] = {}
    columns = []
    for d in range(3):
        box = []
        for i in range(2):
            name = f"t{d + 1}{i}"
            sliders[name] = widgets.FloatSlider(value=float(theta[d, i]), min=-3.0, max=3.0,
                                                description=f"θ{d + 1}{i}", **common)
            box.append(sliders[name])
        columns.append(widgets.VBox(box))
    phi_box = []
    for i in range(4):
        name = f"p{i}"
        bound = max(10.0, abs(float(phi[i])))
        sliders[name] = widgets.FloatSlider(value=float(phi[i]), min=-bound, max=bound,
                                            description=f"φ{i}", **common)
        phi_box.append(sliders[name])
    columns.append(widgets.VBox(phi_box[:2]))
    columns.append(widgets.VBox(phi_box[2:]))
    info = widgets.HTML()
    x = np.linspace(x_range[0], x_range[1], 801)

    def draw(**values: float) -> None:
        th = np.array([[values[f"t{d + 1}{i}"] for i in range(2)] for d in range(3)])
        ph = np.array([values[f"p{i}"] for i in range(4)])
        plot_shallow_pieces(th, ph, x=x)
        plt.show()
        joints = shallow_joints(th)
        text = ", ".join("never" if not np.isfinite(j) else f"{j:.2f}" for j in joints)
        info.value = (f"<b>joints</b> x = −θ<sub>d0</sub>/θ<sub>d1</sub>: {text} &nbsp; "
                      f"<b>regions on [{x_range[0]:g}, {x_range[1]:g}]:</b> "
                      f"{count_linear_regions_1d(shallow_forward(x, th, ph), x)} (at most 4)")

    out = widgets.interactive_output(draw, sliders)
    return widgets.VBox([widgets.HBox(columns), info, out])


def default_target(x: ArrayLike) -> np.ndarray:
    """The curve the approximation demos use: a damped wave on [0, 2]."""
    x = np.asarray(x, dtype=float)
    return np.exp(-x) * np.sin(6.0 * x) + 0.3 * x


def approximation_explorer(
    target: Callable[[np.ndarray], np.ndarray] | None = None,
    *,
    x_range: tuple[float, float] = (0.0, 2.0),
    max_units: int = 40,
) -> Any:
    """A slider for D: a shallow ReLU network with D evenly spaced joints fitted to ``target``.

    The joints sit at ``np.linspace(lo, hi, D, endpoint=False)`` (slope +1 units); the output
    weights are the least-squares fit on 400 points. Draws the target, the fit and its joints,
    and reports the largest error. Returns a VBox.
    """
    import ipywidgets as widgets
    import matplotlib.pyplot as plt

    target = default_target if target is None else target
    lo, hi = x_range
    x = np.linspace(lo, hi, 400)
    y = np.asarray(target(x), dtype=float)
    units = widgets.IntSlider(value=3, min=1, max=max_units, description="units D",
                              continuous_update=False)

    def draw(D: int) -> None:
        theta = theta_from_joints(np.linspace(lo, hi, D, endpoint=False))
        phi = fit_output_weights(x, y, theta)
        fit = shallow_forward(x, theta, phi)
        fig, ax = plt.subplots(figsize=(8, 3), layout="constrained")
        ax.plot(x, y, color="0.6", lw=4, label="target")
        ax.plot(x, fit, color="C3", lw=1.5, label=f"network, D = {D}")
        _mark_joints(ax, shallow_joints(theta), lo - 1, hi)
        ax.set_xlabel("input x")
        ax.set_title(f"largest error {np.abs(fit - y).max():.3g}", fontsize=10)
        ax.legend(frameon=False, loc="upper right")
        plt.show()

    out = widgets.interactive_output(draw, {"D": units})
    return widgets.VBox([units, out])
