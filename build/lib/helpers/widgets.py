"""Interactive explorers for lectures and self-study (ipywidgets + matplotlib).

Nothing graded depends on a widget. Each function returns a widget to display as the last
expression of a cell; in a headless run (nbval, nbgrader) it draws once and never blocks.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from helpers.activations import ACTIVATIONS
from helpers.data import make_blobs

__all__ = ["neuron_explorer", "neuron_output"]


def neuron_output(X: np.ndarray, w: Any, b: float, activation: str = "sigmoid") -> np.ndarray:
    """A single neuron's output f(b + X w): ``X`` of shape ``(n, 2)``, ``w`` of shape ``(2,)``."""
    f, _ = ACTIVATIONS[activation]
    return np.asarray(f(np.asarray(X, dtype=float) @ np.asarray(w, dtype=float) + b))


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

    from helpers.plots import plot_decision_boundary

    if X is None or y is None:
        X, y = make_blobs(100, seed=0)
    names = [name for name in ACTIVATIONS if name != "linear"] + ["linear"]
    if activation not in names:
        raise ValueError(f"unknown activation {activation!r}; choose one of {names}")
    slider = dict(min=-5.0, max=5.0, step=0.1, continuous_update=False)
    w1 = widgets.FloatSlider(value=1.0, description="w1", **slider)
    w2 = widgets.FloatSlider(value=-1.0, description="w2", **slider)
    b = widgets.FloatSlider(value=0.0, description="bias w0", **slider)
    act = widgets.Dropdown(options=names, value=activation, description="activation")
    accuracy = widgets.HTML()

    def draw(w1: float, w2: float, b: float, activation: str) -> None:
        w = np.array([w1, w2])
        f, _ = ACTIVATIONS[activation]
        threshold = 0.5 if activation == "sigmoid" else 0.0
        fig, (left, right) = plt.subplots(1, 2, figsize=(10, 3.8), layout="constrained")
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
    controls = widgets.HBox([widgets.VBox([w1, w2, b]), widgets.VBox([act, accuracy])])
    return widgets.VBox([controls, out])
