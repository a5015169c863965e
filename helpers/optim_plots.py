"""Pictures and explorers of gradient descent and the optimizers (notebook 07).

matplotlib and ipywidgets are imported inside the functions. Plotting functions draw into the
axes they are given (or a new figure) and return them; explorers return a widget to show as
the last expression of a cell (headless, they draw once and never block).

Functions:
    plot_surface        contours of a ``helpers.surfaces.Surface`` with optimizer paths on top
    plot_loss_curves    loss against step (or epoch) for several runs, log scale
    gd_explorer         learning rate, start and steps of plain gradient descent, 1-D or 2-D
    optimizer_race      optimizer, learning rate and momentum on the valley, Rosenbrock, the
                        saddle point or a small network, against plain SGD
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import numpy as np

from helpers.optim import OPTIMIZERS, SGD, make_optimizer
from helpers.plots import widget_subplots
from helpers.surfaces import SURFACES, Surface, optimizer_path, quadratic_valley, rosenbrock

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["plot_surface", "plot_loss_curves", "gd_explorer", "optimizer_race", "ONE_D_LOSSES"]

#: 1-D losses for the explorer: name -> (E, dE/dw, window)
ONE_D_LOSSES: dict[str, tuple[Callable[[Any], Any], Callable[[Any], Any], tuple[float, float]]] = {
    "parabola E = 2 w^2": (lambda w: 2 * w**2, lambda w: 4 * w, (-3.0, 3.0)),
    "double well E = w^4 / 4 - w^2 + w / 2": (lambda w: w**4 / 4 - w**2 + w / 2,
                                              lambda w: w**3 - 2 * w + 0.5, (-2.6, 2.6)),
}


def plot_surface(
    surface: Surface,
    paths: Mapping[str, np.ndarray] | None = None,
    ax: Axes | None = None,
    *,
    grid: int = 100,
    title: str | None = None,
) -> Axes:
    """Log-spaced contours of ``surface`` and each path ``(steps + 1, 2)`` as a line of dots."""
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=(6, 3.6), layout="constrained")
    x0, x1, y0, y1 = surface.extent
    W1, W2 = np.meshgrid(np.linspace(x0, x1, grid), np.linspace(y0, y1, grid))
    E = surface.loss(np.stack([W1, W2], axis=-1))
    E_min = float(surface.loss(surface.minimum))
    ax.contourf(W1, W2, np.log10(E - min(E_min, E.min()) + 1e-3), levels=20, cmap="Greys_r", alpha=0.6)
    ax.plot(*surface.minimum, "*", color="gold", ms=14, mec="k", zorder=5)
    for label, path in (paths or {}).items():
        ok = np.isfinite(path).all(axis=1)
        ax.plot(path[ok, 0], path[ok, 1], ".-" if ok.sum() <= 200 else "-", ms=3, lw=1, label=label)
        ax.plot(*path[0], "o", color="k", ms=5)
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_xlabel("$w_1$")
    ax.set_ylabel("$w_2$")
    ax.set_title(title or surface.name)
    if paths:
        ax.legend(frameon=False, fontsize="small", loc="upper right")
    return ax


def plot_loss_curves(curves: Mapping[str, Any], ax: Axes | None = None, *, xlabel: str = "step",
                     log: bool = True, title: str | None = None) -> Axes:
    """Each curve (a sequence of losses) against its index; log-scaled y by default."""
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=(6, 3), layout="constrained")
    for label, values in curves.items():
        values = np.asarray(values, dtype=float)
        ax.plot(np.arange(len(values)), values, label=label)
    if log:
        ax.set_yscale("log")
    ax.set_xlabel(xlabel)
    ax.set_ylabel("loss")
    if title:
        ax.set_title(title)
    ax.legend(frameon=False, fontsize="small")
    return ax


def _log_slider(widgets: Any, value: float, lo: float, hi: float, description: str) -> Any:
    return widgets.FloatLogSlider(value=value, base=10, min=np.log10(lo), max=np.log10(hi), step=0.05,
                                  description=description, readout_format=".3g",
                                  continuous_update=False, style={"description_width": "90px"})


def gd_explorer() -> Any:
    """Plain gradient descent w <- w - eta grad E: choose the loss, eta, the start and the steps.

    1-D losses show the iterates on the curve; 2-D ones (the valley, Rosenbrock) on contours.
    The readout gives the final loss and, for the valley, 2 / lambda_max.
    """
    import ipywidgets as widgets
    import matplotlib.pyplot as plt

    names = list(ONE_D_LOSSES) + ["valley (condition 10)", "Rosenbrock"]
    loss = widgets.Dropdown(options=names, value=names[0], description="loss",
                            layout={"width": "380px"})
    eta = _log_slider(widgets, 0.1, 1e-3, 2.0, "eta")
    w1 = widgets.FloatSlider(value=-2.5, min=-3, max=3, step=0.1, description="start w1",
                             continuous_update=False)
    w2 = widgets.FloatSlider(value=1.5, min=-2, max=3, step=0.1, description="start w2 (2-D)",
                             continuous_update=False, style={"description_width": "90px"})
    steps = widgets.IntSlider(value=30, min=1, max=200, description="steps", continuous_update=False)
    readout = widgets.HTML()

    def draw(loss: str, eta: float, w1: float, w2: float, steps: int) -> None:
        _, (left, right) = widget_subplots(2, figsize=(8.4, 3.2), left=0.08, wspace=0.25)
        if loss in ONE_D_LOSSES:
            E, dE, (lo, hi) = ONE_D_LOSSES[loss]
            ws = [w1]
            for _ in range(steps):
                ws.append(float(ws[-1] - eta * dE(ws[-1])))
                if not abs(ws[-1]) < 1e6:
                    break
            path = np.array(ws)
            grid = np.linspace(lo, hi, 300)
            left.plot(grid, E(grid), color="k", lw=1)
            shown = path[np.abs(path) < 10 * hi]
            left.plot(shown, E(shown), "o-", ms=3, lw=0.8, color="C3")
            left.set_ylim(E(grid).min() - 0.5, E(grid).max())
            left.set_xlabel("w")
            left.set_ylabel("E(w)")
            left.set_title(loss)
            losses = E(path)
            extra = " (the stable limit 2 / 4 = 0.5)" if loss.startswith("parabola") else ""
        else:
            surface = quadratic_valley(10.0) if loss.startswith("valley") else rosenbrock()
            path = optimizer_path(surface, lambda p: SGD(p, lr=eta), (w1, w2), steps)
            plot_surface(surface, {f"eta = {eta:.3g}": path}, ax=left)
            losses = surface.loss(path[np.isfinite(path).all(axis=1)])
            extra = (f" (2 / lambda_max = {2 / np.linalg.eigvalsh(surface.hessian).max():.3g})"
                     if surface.hessian is not None else "")
        right.plot(np.arange(len(losses)), losses, ".-")
        right.set_yscale("log" if np.all(losses > 0) else "linear")
        right.set_xlabel("step")
        right.set_ylabel("E")
        right.set_title("loss along the path")
        plt.show()
        final = losses[-1]
        verdict = "diverged" if not np.isfinite(final) or len(losses) < steps + 1 else f"E = {final:.4g}"
        readout.value = f"<b>after {len(losses) - 1} steps:</b> {verdict}; eta = {eta:.3g}{extra}"

    out = widgets.interactive_output(draw, {"loss": loss, "eta": eta, "w1": w1, "w2": w2,
                                            "steps": steps})
    return widgets.VBox([widgets.HBox([widgets.VBox([loss, eta, steps]), widgets.VBox([w1, w2])]),
                         readout, out])


def _network_race(name: str, lr: float, momentum: float, epochs: int) -> dict[str, list[float]]:
    """Train the same small MLP on moons with ``name`` and with plain SGD (lr 0.1)."""
    from helpers.data import make_moons
    from helpers.mlp import MLP
    from helpers.training import fit

    X, y = make_moons(200, noise=0.25, seed=0)
    curves = {}
    for label, build in ((f"{name} (lr {lr:.3g})", lambda p: make_optimizer(name, p, lr, momentum)),
                         ("SGD (lr 0.1)", lambda p: SGD(p, lr=0.1))):
        net = MLP([2, 16, 16, 2], seed=0)
        curves[label] = fit(net, X, y, optimizer=build(net.params), epochs=epochs, batch_size=20,
                            seed=0, progress=False)["loss"]
    return curves


def optimizer_race() -> Any:
    """Race an optimizer against plain SGD: on the valley, Rosenbrock, the saddle, or a network.

    The "momentum" slider is mu for SGD, Nesterov and RMSprop and b1 for Adam and Nadam.
    """
    import ipywidgets as widgets
    import matplotlib.pyplot as plt

    where = widgets.Dropdown(options=["valley", "rosenbrock", "saddle", "network (moons)"],
                             value="valley", description="surface")
    name = widgets.Dropdown(options=list(OPTIMIZERS), value="adam", description="optimizer")
    lr = _log_slider(widgets, 0.1, 1e-3, 1.0, "learning rate")
    momentum = widgets.FloatSlider(value=0.9, min=0.0, max=0.99, step=0.01, description="momentum",
                                   continuous_update=False)
    readout = widgets.HTML()

    def draw(where: str, name: str, lr: float, momentum: float) -> None:
        if where.startswith("network"):
            trained = _network_race(name, lr, momentum, epochs=30)
            _, ax = widget_subplots(figsize=(6, 3), left=0.12, bottom=0.17)
            plot_loss_curves(trained, ax=ax, xlabel="epoch", title="MLP [2, 16, 16, 2] on 200 moons")
            plt.show()
            readout.value = "<b>final training loss:</b> " + "; ".join(
                f"{k}: {v[-1]:.3g}" for k, v in trained.items())
            return
        surface = SURFACES[where]()
        steps, base = surface.steps, surface.sgd_lr
        paths = {f"{name} (lr {lr:.3g})": optimizer_path(
                     surface, lambda p: make_optimizer(name, p, lr, momentum), surface.start, steps),
                 f"SGD (lr {base:.3g})": optimizer_path(surface, lambda p: SGD(p, lr=base),
                                                        surface.start, steps)}
        _, (left, right) = widget_subplots(2, figsize=(8.4, 3.2), left=0.08, wspace=0.25)
        plot_surface(surface, paths, ax=left)
        E_min = float(surface.loss(surface.minimum))
        curves: dict[str, Any] = {k: surface.loss(p) - E_min + 1e-12 for k, p in paths.items()}
        plot_loss_curves(curves, ax=right, title="E - E_min")
        plt.show()
        readout.value = f"<b>after {steps} steps, E - E_min:</b> " + "; ".join(
            f"{k}: {np.nanmin(v[-1:]):.3g}" for k, v in curves.items())

    out = widgets.interactive_output(draw, {"where": where, "name": name, "lr": lr, "momentum": momentum})
    return widgets.VBox([widgets.HBox([widgets.VBox([where, name]), widgets.VBox([lr, momentum])]),
                         readout, out])
