"""helpers.widgets: the explorers build, and redraw what the sliders say."""

from __future__ import annotations

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
import pytest

from helpers.data import default_target
from helpers.widgets import approximation_explorer, neuron_explorer, shallow_network_explorer


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _latest_axes() -> list:
    return plt.figure(plt.get_fignums()[-1]).axes


def test_neuron_explorer_builds_and_redraws():
    box = neuron_explorer(activation="relu")
    sliders = box.children[0].children[0].children
    assert [s.description for s in sliders] == ["w1", "w2", "bias w0"]
    figures = len(plt.get_fignums())
    sliders[0].value = 2.0
    assert len(plt.get_fignums()) == figures + 1  # one new picture per change
    left = _latest_axes()[0]
    assert left.get_title() == "u = relu(+0.0 +2.0 x1 -1.0 x2)"
    accuracy = box.children[0].children[1].children[1]
    assert "training accuracy" in accuracy.value and "%" in accuracy.value
    with pytest.raises(ValueError, match="unknown activation"):
        neuron_explorer(activation="swish")


def test_shallow_network_explorer_has_ten_sliders_and_redraws():
    box = shallow_network_explorer()
    sliders = [w for col in box.children[0].children for w in col.children]
    assert len(sliders) == 10
    assert all(isinstance(s, widgets.FloatSlider) for s in sliders)
    info = box.children[1]
    assert "4 (at most 4)" in info.value
    sliders[1].value = 0.0  # theta_11 = 0: unit 1 never switches
    assert "never" in info.value
    with pytest.raises(ValueError, match="1-3-1 network"):
        shallow_network_explorer(theta=np.ones((2, 2)))


def _largest_error() -> float:
    return float(_latest_axes()[0].get_title().removeprefix("largest error "))


def test_approximation_explorer_responds_to_the_slider():
    box = approximation_explorer(max_units=20)
    slider = box.children[0]
    assert slider.max == 20 and slider.value == 3
    error_3 = _largest_error()
    slider.value = 12
    ax = _latest_axes()[0]
    target, fit = ax.get_lines()[:2]
    assert fit.get_label() == "network, D = 12"
    np.testing.assert_allclose(target.get_ydata(), default_target(target.get_xdata()))
    assert _largest_error() < error_3 / 2  # more units, a closer fit
    assert _largest_error() == pytest.approx(np.abs(fit.get_ydata() - target.get_ydata()).max(), rel=1e-2)
