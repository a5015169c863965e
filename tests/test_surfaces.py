"""helpers.surfaces and helpers.optim_plots: gradients, paths, and the explorers build headless."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

from helpers import optim_plots  # noqa: E402
from helpers.optim import OPTIMIZERS, SGD, make_optimizer  # noqa: E402
from helpers.surfaces import SURFACES, optimizer_path, quadratic_valley  # noqa: E402


@pytest.mark.parametrize("name", SURFACES)
def test_gradients_match_finite_differences_and_minimum(name):
    s = SURFACES[name]()
    rng = np.random.default_rng(0)
    for w in rng.uniform(-1.5, 1.5, size=(5, 2)):
        num = np.array([(s.loss(w + e) - s.loss(w - e)) / 2e-6 for e in np.eye(2) * 1e-6])
        np.testing.assert_allclose(s.grad(w), num, rtol=1e-6, atol=1e-6)
    np.testing.assert_allclose(s.grad(s.minimum), 0.0, atol=1e-12)
    grid = np.stack(np.meshgrid(np.linspace(-1, 1, 4), np.linspace(-1, 1, 3)), axis=-1)
    assert s.loss(grid).shape == (3, 4) and s.grad(grid).shape == (3, 4, 2)
    assert s.loss(grid).min() >= s.loss(s.minimum) - 1e-12


def test_valley_hessian_sets_the_stable_learning_rate():
    s = quadratic_valley(condition=25, angle=0.4)
    np.testing.assert_allclose(np.linalg.eigvalsh(s.hessian), [1.0, 25.0])
    below = optimizer_path(s, lambda p: SGD(p, lr=0.99 * 2 / 25), s.start, 400)
    above = optimizer_path(s, lambda p: SGD(p, lr=1.01 * 2 / 25), s.start, 400)
    assert np.linalg.norm(below[-1]) < 1e-2
    assert np.linalg.norm(above[-1]) > np.linalg.norm(above[0])


def test_path_of_a_diverging_optimizer_ends_in_nan():
    s = quadratic_valley(condition=10)
    path = optimizer_path(s, lambda p: SGD(p, lr=1.0), s.start, 400)
    assert path.shape == (401, 2)
    assert np.isnan(path[-1]).all() and np.isfinite(path[:5]).all()


def test_make_optimizer_maps_the_momentum_knob():
    p = [np.zeros(2)]
    assert make_optimizer("sgd", p, 0.1, 0.5).momentum == 0.5
    assert make_optimizer("nesterov", p, 0.1, 0.0).momentum == 0.0  # plain SGD
    assert make_optimizer("adam", p, 0.1, 0.8).betas == (0.8, 0.999)
    assert type(make_optimizer("adagrad", p, 0.1, 0.9)).__name__ == "Adagrad"
    assert {type(make_optimizer(n, p, 0.1, 0.9)) for n in OPTIMIZERS} == set(OPTIMIZERS.values())
    with pytest.raises(ValueError, match="unknown optimizer"):
        make_optimizer("lbfgs", p, 0.1)


def test_plots_and_explorers_build():
    s = SURFACES["saddle"]()
    ax = optim_plots.plot_surface(s, {"sgd": optimizer_path(s, lambda p: SGD(p, lr=0.1), s.start, 20)})
    assert ax.get_title() == "saddle point"
    ax = optim_plots.plot_loss_curves({"a": [3.0, 2.0, 1.0]})
    assert ax.get_yscale() == "log"
    assert optim_plots.gd_explorer().children
    race = optim_plots.optimizer_race()
    where = race.children[0].children[0].children[0]
    for choice in where.options:  # every surface, and the network, draws without error
        where.value = choice
    assert "final training loss" in race.children[1].value
