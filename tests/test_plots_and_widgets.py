"""Drawing helpers draw what they promise and explain bad input; the explorer redraws."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

from helpers import activations, data, plots, widgets


def teardown_function():
    plt.close("all")


def test_plot_function_draws_f_and_derivative():
    ax = plots.plot_function(activations.tanh, activations.tanh_derivative, title="tanh")
    labels = [line.get_label() for line in ax.get_lines()]
    assert labels[:2] == ["tanh", "tanh'"]
    np.testing.assert_allclose(ax.get_lines()[0].get_ydata(), np.tanh(np.linspace(-5, 5, 400)))


def test_decision_boundary_draws_surface_contour_and_data():
    X, y = data.make_blobs(60, seed=1)
    ax = plots.plot_decision_boundary(lambda P: activations.sigmoid(P @ [1.0, -1.0] + 0.3), X, y)
    assert len(ax.collections) >= 3  # filled surface, boundary, two scatters
    lo, hi = ax.get_xlim()
    assert lo < X[:, 0].min() and hi > X[:, 0].max()


def test_bad_inputs_are_explained():
    X, y = data.make_blobs(20)
    with pytest.raises(ValueError, match=r"X should have shape \(n, 2\)"):
        plots.plot_data(X[:, :1], y)
    with pytest.raises(ValueError, match="y should have shape"):
        plots.plot_data(X, y[:5])
    with pytest.raises(ValueError, match="one value per point"):
        plots.plot_decision_boundary(lambda P: P, X, y)


def test_neuron_output_is_the_activation_of_the_affine_map():
    X = np.array([[1.0, 2.0], [-1.0, 0.5]])
    np.testing.assert_allclose(widgets.neuron_output(X, [2.0, -1.0], 0.5, "relu"), [0.5, 0.0])


def test_neuron_explorer_builds_and_redraws():
    box = widgets.neuron_explorer(activation="relu")
    sliders = box.children[0].children[0].children
    sliders[0].value = 2.0  # redraws without error
    assert [s.description for s in sliders] == ["w1", "w2", "bias w0"]
    with pytest.raises(ValueError, match="unknown activation"):
        widgets.neuron_explorer(activation="swish")
