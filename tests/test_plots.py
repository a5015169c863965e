"""helpers.plots: the figures draw what they claim and explain bad input."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest

from helpers import activations, data, plots
from helpers.data import EXAMPLE_PHI, EXAMPLE_THETA
from helpers.networks import shallow_forward
from helpers.plots import plot_output_2d, plot_regions_2d, plot_shallow_pieces
from helpers.regions import count_activation_regions

# Three lines in general position through the square [-1, 1]^2: 7 regions.
BETAS = [np.array([0.1, -0.2, 0.3]), np.zeros(1)]
OMEGAS = [np.array([[1.0, 0.2], [-0.3, 1.0], [1.0, 1.0]]), np.array([[1.0, -2.0, 1.5]])]


@pytest.fixture(autouse=True)
def _close_figures():
    yield
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


def test_plot_shallow_pieces_draws_units_pieces_and_output():
    axes = plot_shallow_pieces(EXAMPLE_THETA, EXAMPLE_PHI)
    assert len(axes) == 3
    pre, pieces, out = axes
    assert len(pieces.get_legend().get_texts()) == 4  # three pieces and phi_0
    x, y = out.get_lines()[0].get_data()
    np.testing.assert_allclose(y, shallow_forward(x, EXAMPLE_THETA, EXAMPLE_PHI))
    assert "4 linear regions" in out.get_title()
    # the joints 0.3, 0.5, 0.77 are marked in every panel
    joints = sorted(ln.get_xdata()[0] for ln in out.get_lines()[1:] if ln.get_linestyle() == ":")
    np.testing.assert_allclose(joints, [0.3, 0.5, 0.5 / 0.65])


def test_plot_shallow_pieces_into_given_axes_and_custom_grid():
    _, axes = plt.subplots(1, 3)
    returned = plot_shallow_pieces([[0.0, 1.0]], [0.0, 1.0], x=np.linspace(-1, 1, 11), axes=axes)
    assert returned[0] is axes[0]
    assert "2 linear regions" in returned[2].get_title()


def test_plot_regions_2d_colours_one_region_per_pattern():
    ax = plot_regions_2d(BETAS, OMEGAS, grid=200)
    image = ax.get_images()[0].get_array()
    assert len(np.unique(image)) == 7 == count_activation_regions(
        np.column_stack([g.ravel() for g in np.meshgrid(*[np.linspace(-1, 1, 200)] * 2)]),
        BETAS, OMEGAS)
    assert ax.get_title() == "7 linear regions in view"
    assert len(ax.get_lines()) == 3  # one joint line per unit
    assert {t.get_text() for t in ax.texts} <= {f"{k:03b}" for k in range(8)}
    assert len(ax.texts) == 7


def test_plot_regions_2d_deep_network_and_errors():
    rng = np.random.default_rng(0)
    betas = [rng.normal(size=4), rng.normal(size=3), np.zeros(1)]
    omegas = [rng.normal(size=(4, 2)), rng.normal(size=(3, 4)), rng.normal(size=(1, 3))]
    ax = plot_regions_2d(betas, omegas, grid=100, show_joints=False, annotate=False)
    assert len(ax.get_lines()) == 0 and len(ax.texts) == 0
    with pytest.raises(ValueError, match="needs 2 inputs"):
        plot_regions_2d([np.zeros(2), np.zeros(1)], [np.ones((2, 3)), np.ones((1, 2))])


def test_plot_output_2d_shows_the_output_and_borders():
    ax = plot_output_2d(BETAS, OMEGAS, grid=50)
    surface, border = ax.get_images()[:2]
    g = np.linspace(-1, 1, 50)
    A, B = np.meshgrid(g, g)
    H = np.maximum(np.column_stack([A.ravel(), B.ravel()]) @ OMEGAS[0].T + BETAS[0], 0)
    np.testing.assert_allclose(surface.get_array(), (H @ OMEGAS[1].T).reshape(50, 50))
    assert np.isfinite(np.asarray(border.get_array(), dtype=float)).any()


def test_widget_subplots_have_fixed_margins_and_no_layout_engine() -> None:
    fig, axes = plots.widget_subplots(2, figsize=(10, 3.4), left=0.07, wspace=0.22)
    assert len(axes) == 2 and fig.get_layout_engine() is None
    assert (fig.subplotpars.left, fig.subplotpars.wspace) == (0.07, 0.22)
    fig_one, ax = plots.widget_subplots(figsize=(6, 3))
    assert not isinstance(ax, np.ndarray)
    plt.close(fig)
    plt.close(fig_one)
