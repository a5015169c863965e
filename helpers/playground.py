"""A TensorFlow-playground-like explorer in JupyterLab: ``helpers.playground()``.

Pick a data set, input features, layers, units, activation, learning rate, regularization,
batch size, noise and train/test split; press play, pause, step or reset, and watch the
decision boundary (training points filled, test points ringed), each hidden neuron's output
over the plane, and the training and test loss curves.

The numpy core (data, features, training) is ``helpers.features.PlaygroundRun``; this module
only draws. Frames are composed as numpy RGB arrays and sent as PNGs to ``ipywidgets.Image``s (no
matplotlib figure per frame: that is what makes 20+ frames per second possible). Play runs
in a background thread that exists only while the play button is down, so a headless run
(nbval, nbgrader) draws one frame and never blocks.
"""

from __future__ import annotations

import io
import sys
import threading
import time
import types
from typing import Any

import numpy as np

from helpers.features import DATASETS, FEATURES, REGULARIZERS, SCALE, PlaygroundRun

__all__ = ["playground", "PlaygroundView"]

LEARNING_RATES = (0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0)
REG_RATES = (0.0, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0)
ACTIVATIONS = ("relu", "tanh", "sigmoid", "linear")
_CMAP = "RdBu"  # class 0 red, class 1 blue


class PlaygroundView:
    """Draws a ``PlaygroundRun`` as three RGB images, composed in numpy (no figure per frame).

    ``frame()`` returns ``{"boundary": (H, H, 3), "neurons": (h, w, 3), "curves": (hc, wc, 3)}``
    uint8 arrays: the probability of class 1 over the plane (red class 0, blue class 1) with
    training points as filled squares and test points as hollow ones; every hidden unit's
    output on a small grid (one column per layer, each unit in its own range, sign kept:
    blue positive, red negative); train (black) and test (orange) loss per drawn frame.
    ``render()`` encodes them as PNG bytes. Matplotlib is used only once, for the colour map.
    """

    def __init__(self, run: PlaygroundRun, resolution: int = 40, zoom: int = 6, thumb: int = 20,
                 thumb_zoom: int = 3, curve_size: tuple[int, int] = (150, 240)) -> None:
        from matplotlib import colormaps

        self.run, self.resolution, self.zoom = run, resolution, zoom
        self.thumb, self.thumb_zoom, self.curve_size = thumb, thumb_zoom, curve_size
        self.lut = (colormaps[_CMAP](np.linspace(0, 1, 256))[:, :3] * 255).astype(np.uint8)
        size = resolution * zoom
        lim = 1.2 * SCALE
        # pixel positions of the points (row 0 at the top is the largest x2)
        def pixels(X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
            col = np.clip(((X[:, 0] + lim) / (2 * lim) * size).astype(int), 2, size - 3)
            row = np.clip(((lim - X[:, 1]) / (2 * lim) * size).astype(int), 2, size - 3)
            return row, col
        self._train_px, self._test_px = pixels(run.X_train), pixels(run.X_test)
        dark = np.array([[150, 0, 20], [10, 40, 130]], dtype=np.uint8)
        self._train_rgb, self._test_rgb = dark[run.y_train], dark[run.y_test]

    def _colour(self, values: np.ndarray, zoom: int) -> np.ndarray:
        """Values in [0, 1] (rows = x2 from low to high) as an upscaled RGB image, x2 up."""
        idx = np.clip((values[::-1] * 255).astype(int), 0, 255)
        return np.repeat(np.repeat(self.lut[idx], zoom, axis=0), zoom, axis=1)

    def frame(self) -> dict[str, np.ndarray]:
        """The current state as uint8 RGB arrays (see the class docstring)."""
        run = self.run
        p, neurons = run.grid_outputs(self.resolution)
        board = self._colour(0.15 + 0.7 * p, self.zoom)  # pale, so the points stand out
        for (rows, cols), rgb, filled in ((self._train_px, self._train_rgb, True),
                                          (self._test_px, self._test_rgb, False)):
            for dr in range(-2, 3):
                for dc in range(-2, 3):
                    if filled or max(abs(dr), abs(dc)) == 2:
                        board[rows + dr, cols + dc] = rgb
        t, z = self.thumb, self.thumb_zoom
        step = max(self.resolution // t, 1)
        n_rows = max((len(out) for out in neurons), default=1)
        cell = t * z + 4
        panel = np.full((n_rows * cell, max(len(neurons), 1) * cell, 3), 255, dtype=np.uint8)
        for k, outputs in enumerate(neurons):
            for u, out in enumerate(outputs):
                shown = out[::step, ::step]
                scale = max(float(np.abs(shown).max()), 1e-6)
                img = self._colour(0.5 + 0.5 * shown / scale, z)
                r0, c0 = u * cell + 2, k * cell + 2
                panel[r0:r0 + img.shape[0], c0:c0 + img.shape[1]] = img
        return {"boundary": board, "neurons": panel, "curves": self._curves()}

    def _curves(self) -> np.ndarray:
        h, w = self.curve_size
        canvas = np.full((h, w, 3), 255, dtype=np.uint8)
        canvas[-1, :] = canvas[:, 0] = 0  # axes
        run = self.run
        if not run.train_loss:
            return canvas
        top = max(max(run.train_loss), max(run.test_loss), 1e-9) * 1.05
        for values, rgb in ((run.test_loss, (230, 120, 0)), (run.train_loss, (0, 0, 0))):
            v = np.asarray(values, dtype=float)
            x = np.linspace(0, len(v) - 1, w - 1) if len(v) > 1 else np.zeros(w - 1)
            ys = np.interp(x, np.arange(len(v)), v)
            rows = np.clip(((1 - ys / top) * (h - 2)).astype(int), 0, h - 2)
            nxt = np.append(rows[1:], rows[-1])  # join each column to the next: a connected line
            lo, hi = np.minimum(rows, nxt), np.maximum(rows, nxt)
            r = np.arange(h)[:, None]
            canvas[:, 1:][(r >= lo) & (r <= hi)] = rgb
        return canvas

    def render(self) -> dict[str, bytes]:
        """``frame()`` encoded as PNG bytes per image."""
        from PIL import Image

        out = {}
        for name, rgb in self.frame().items():
            buf = io.BytesIO()
            Image.fromarray(rgb).save(buf, format="png", compress_level=1)
            out[name] = buf.getvalue()
        return out


def playground(dataset: str = "circle", *, seed: int = 0, steps_per_frame: int = 1, **settings: Any) -> Any:
    """The playground widget (an ``ipywidgets.VBox``): display it as the last line of a cell.

    ``dataset`` and ``settings`` (any ``PlaygroundRun`` argument: features, hidden, activation,
    lr, regularization, reg_rate, batch_size, noise, train_ratio) set the starting values of
    the controls. ``steps_per_frame`` training steps are taken between two drawn frames.
    """
    import ipywidgets as widgets

    start: dict[str, Any] = dict(features=("x1", "x2"), hidden=(4, 2), activation="tanh", lr=0.03,
                                 regularization="none", reg_rate=0.0, batch_size=10, noise=0.0,
                                 train_ratio=0.5)
    unknown = set(settings) - set(start)
    if unknown:
        raise TypeError(f"unknown settings {sorted(unknown)}; choose from {sorted(start)}")
    start.update(settings)
    hidden = list(start["hidden"])
    style = {"description_width": "110px"}
    layout = widgets.Layout(width="400px")  # room for the readouts on a 1280x720 projector

    def dropdown(options: Any, value: Any, description: str) -> Any:
        return widgets.Dropdown(options=options, value=value, description=description,
                                style=style, layout=layout)

    c_data = dropdown(DATASETS, dataset, "data")
    c_noise = widgets.FloatSlider(value=start["noise"], min=0, max=1, step=0.05, description="noise",
                                  style=style, layout=layout, continuous_update=False)
    c_ratio = widgets.FloatSlider(value=start["train_ratio"], min=0.1, max=0.9, step=0.1,
                                  description="train fraction", style=style, layout=layout,
                                  continuous_update=False)
    c_features = [widgets.Checkbox(value=f in start["features"], description=f, indent=False,
                                   layout=widgets.Layout(width="80px")) for f in FEATURES]
    c_layers = widgets.IntSlider(value=len(hidden), min=0, max=4, description="hidden layers",
                                 style=style, layout=layout, continuous_update=False)
    c_units = widgets.IntSlider(value=max(hidden, default=4), min=1, max=8, description="units per layer",
                                style=style, layout=layout, continuous_update=False)
    c_act = dropdown(ACTIVATIONS, start["activation"], "activation")
    c_lr = dropdown(LEARNING_RATES, start["lr"], "learning rate")
    c_reg = dropdown(REGULARIZERS, start["regularization"], "regularization")
    c_rate = dropdown(REG_RATES, start["reg_rate"], "reg. rate")
    c_batch = widgets.IntSlider(value=start["batch_size"], min=1, max=30, description="batch size",
                                style=style, layout=layout, continuous_update=False)
    b_play = widgets.ToggleButton(value=False, description="play", icon="play")
    b_step = widgets.Button(description="step", icon="step-forward")
    b_reset = widgets.Button(description="reset", icon="refresh")
    images = {name: widgets.Image(format="png") for name in ("boundary", "neurons", "curves")}
    status = widgets.HTML()
    state: dict[str, Any] = {"thread": None, "resets": -1}
    lock = threading.Lock()
    explicit_hidden = {"value": hidden}  # the starting shape, until the sliders are moved

    def build() -> None:
        state["resets"] += 1  # every reset draws new initial weights (the data stay the same)
        features = [f for f, box in zip(FEATURES, c_features, strict=True) if box.value] or ["x1"]
        shape = explicit_hidden["value"] or [c_units.value] * c_layers.value
        run = PlaygroundRun(dataset=c_data.value, features=features, hidden=shape, activation=c_act.value,
                            lr=c_lr.value, regularization=c_reg.value, reg_rate=c_rate.value,
                            batch_size=c_batch.value, noise=c_noise.value, train_ratio=c_ratio.value,
                            seed=seed, init_seed=seed + 1000 * state["resets"])
        state["run"], state["view"] = run, PlaygroundView(run)
        status.value = f"network {[len(features), *shape, 1]}, {run.net.n_params} parameters"

    def draw() -> None:
        for name, png in state["view"].render().items():
            images[name].value = png

    def live_settings(_: Any = None) -> None:
        run = state["run"]
        with lock:
            run.optimizer.lr = c_lr.value
            run.regularization, run.reg_rate = c_reg.value, c_rate.value
            run.batch_size = c_batch.value

    def reset(_: Any = None) -> None:
        with lock:
            build()
            draw()

    def shape_changed(_: Any) -> None:
        explicit_hidden["value"] = []
        reset()

    def one_step(_: Any = None) -> None:
        with lock:
            state["run"].step(steps_per_frame)
            draw()

    def loop() -> None:
        while b_play.value:
            started = time.perf_counter()
            one_step()
            time.sleep(max(0.0, 0.02 - (time.perf_counter() - started)))  # leave the kernel room

    def play(change: Any) -> None:
        b_play.description, b_play.icon = ("pause", "pause") if change["new"] else ("play", "play")
        if change["new"] and (state["thread"] is None or not state["thread"].is_alive()):
            state["thread"] = threading.Thread(target=loop, daemon=True)
            state["thread"].start()

    for control in (c_data, c_noise, c_ratio, c_act, *c_features):
        control.observe(reset, names="value")
    for control in (c_layers, c_units):
        control.observe(shape_changed, names="value")
    for control in (c_lr, c_reg, c_rate, c_batch):
        control.observe(live_settings, names="value")
    b_play.observe(play, names="value")
    b_step.on_click(one_step)
    b_reset.on_click(reset)
    reset()
    controls = widgets.VBox([c_data, c_noise, c_ratio, c_layers, c_units, c_act, c_lr, c_reg, c_rate,
                             c_batch], layout=widgets.Layout(flex="0 0 auto"))
    features_box = widgets.HBox([widgets.Label("features"), *c_features])

    def titled(title: str, image: Any) -> Any:
        return widgets.VBox([widgets.HTML(f"<b>{title}</b>"), image])

    pictures = widgets.HBox([
        titled("neurons (one column per layer)", images["neurons"]),
        titled("output: P(blue) · train ■ test □", images["boundary"]),
        titled("loss: train (black), test (orange)", images["curves"]),
    ])
    box = widgets.VBox([widgets.HBox([b_play, b_step, b_reset, status]), features_box,
                        widgets.HBox([controls, pictures], layout=widgets.Layout(flex_flow="row wrap"))])
    box.run = lambda: state["run"]  # for tests and curious students
    return box


class _CallableModule(types.ModuleType):
    """Lets ``helpers.playground()`` open the widget while ``helpers.playground`` stays this module."""

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return playground(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
