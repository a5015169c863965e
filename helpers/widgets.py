"""Interactive explorers for lectures and self-study (ipywidgets + matplotlib).

The drawing modules split by kind: this one builds explorers, ``helpers.plots`` draws the
static figures they show. Nothing graded depends on a widget. Each function returns a widget
to display as the last expression of a cell; in a headless run (nbgrader, the tests) it draws
once and never blocks. ipywidgets and matplotlib are imported when a function is called.

Functions:
    neuron_explorer           sliders for a neuron's weights and bias, and its activation
    shallow_network_explorer  sliders for the ten parameters of a 1-3-1 network
    approximation_explorer    a slider for the number of units approximating a curve
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from helpers.activations import ACTIVATIONS
from helpers.data import EXAMPLE_PHI, EXAMPLE_THETA, default_target, make_blobs
from helpers.networks import fit_output_weights, shallow_forward, shallow_joints, theta_from_joints
from helpers.neurons import neuron_output
from helpers.plots import mark_joints, plot_decision_boundary, plot_shallow_pieces
from helpers.regions import count_linear_regions_1d

__all__ = ["neuron_explorer", "shallow_network_explorer", "approximation_explorer"]


def neuron_explorer(
    X: np.ndarray | None = None,
    y: np.ndarray | None = None,
    *,
    activation: str = "sigmoid",
) -> Any:
    """Sliders for w1, w2 and the bias, and an activation menu, driving a neuron's picture.

    Left: the neuron's output f(b + w1 x1 + w2 x2) over the plane, its decision boundary
    (the line b + w·x = 0) and the data ``(X, y)`` (default: two seeded blobs). Right: the
    activation function with the data's pre-activations marked on it. Returns a VBox.
    """
    import ipywidgets as widgets
    import matplotlib.pyplot as plt

    if X is None or y is None:
        X, y = make_blobs(100, seed=0)
    names = [name for name in ACTIVATIONS if name != "linear"] + ["linear"]
    if activation not in names:
        raise ValueError(f"unknown activation {activation!r}; choose one of {names}")
    # A 300 px track: 30 px of drag per unit (a 124 px default track crossed the range in 120 px).
    slider = dict(min=-5.0, max=5.0, step=0.1, continuous_update=False,
                  layout=widgets.Layout(width="440px"), style={"description_width": "60px"})
    w1 = widgets.FloatSlider(value=1.0, description="w1", **slider)
    w2 = widgets.FloatSlider(value=-1.0, description="w2", **slider)
    b = widgets.FloatSlider(value=0.0, description="bias w0", **slider)
    act = widgets.Dropdown(options=names, value=activation, description="activation")
    accuracy = widgets.HTML()

    def draw(w1: float, w2: float, b: float, activation: str) -> None:
        w = np.array([w1, w2])
        f, _ = ACTIVATIONS[activation]
        threshold = 0.5 if activation == "sigmoid" else 0.0
        # 8.4 in at 100 dpi: shown full size at 1280 px wide (10 pt text stays 10 pt)
        fig, (left, right) = plt.subplots(1, 2, figsize=(8.4, 3.4), layout="constrained")
        plot_decision_boundary(lambda P: neuron_output(P, w, b, activation), X, y, ax=left,
                               threshold=threshold, grid=120,
                               title=f"u = {activation}({b:+.1f} {w1:+.1f} x1 {w2:+.1f} x2)")
        z = X @ w + b
        grid = np.linspace(min(-5.0, z.min()), max(5.0, z.max()), 300)
        right.plot(grid, f(grid), color="k", lw=1)
        for label in np.unique(y):
            right.scatter(z[y == label], f(z[y == label]), s=10, label=f"class {label}")
        right.set_xlabel("pre-activation  w0 + w·x")
        right.set_ylabel("output u")
        right.legend(frameon=False)
        plt.show()
        predicted = (z > 0).astype(int)
        acc = max(np.mean(predicted == y), np.mean(predicted != y))
        accuracy.value = f"<b>training accuracy of the line w0 + w·x = 0:</b> {acc:.0%}"

    out = widgets.interactive_output(draw, {"w1": w1, "w2": w2, "b": b, "activation": act})
    controls = widgets.HBox([widgets.VBox([w1, w2, b]), widgets.VBox([act, accuracy])],
                            layout=widgets.Layout(flex_flow="row wrap"))
    return widgets.VBox([controls, out])


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
    # 400 px per slider (a 260 px track) in rows that wrap: at 1280 x 720 two columns fit and
    # every readout stays in view.
    common = dict(step=0.05, continuous_update=False, readout_format=".2f",
                  layout=widgets.Layout(width="400px"), style={"description_width": "40px"})
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
    return widgets.VBox([widgets.HBox(columns, layout=widgets.Layout(flex_flow="row wrap")), info, out])


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
        mark_joints(ax, shallow_joints(theta), lo - 1, hi)
        ax.set_xlabel("input x")
        ax.set_title(f"largest error {np.abs(fit - y).max():.3g}", fontsize=10)
        ax.legend(frameon=False, loc="upper right")
        plt.show()

    out = widgets.interactive_output(draw, {"D": units})
    return widgets.VBox([units, out])
