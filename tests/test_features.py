"""The playground's numpy core: features, data sets, and what training with them promises."""

import numpy as np
import pytest

from helpers import features
from helpers.features import PlaygroundRun, feature_matrix, playground_data


def test_feature_matrix_columns():
    X = np.array([[1.0, 2.0], [-0.5, 3.0]])
    Phi = feature_matrix(X, list(features.FEATURES))
    expected = np.array([[1, 2, 1, 4, 2, np.sin(1), np.sin(2)],
                         [-0.5, 3, 0.25, 9, -1.5, np.sin(-0.5), np.sin(3)]])
    np.testing.assert_allclose(Phi, expected)
    np.testing.assert_allclose(feature_matrix(X, ["x2"]), X[:, 1:])
    with pytest.raises(ValueError, match="choose one or more"):
        feature_matrix(X, ["x3"])
    with pytest.raises(ValueError, match="choose one or more"):
        feature_matrix(X, [])
    with pytest.raises(ValueError, match="shape"):
        feature_matrix(X[:, :1], ["x1"])


@pytest.mark.parametrize("name", features.DATASETS)
def test_data_sets_are_two_class_seeded_and_scaled(name):
    X, y = playground_data(name, n=200, noise=0.5, seed=1)
    assert X.shape == (200, 2) and set(np.unique(y)) == {0, 1}
    assert np.abs(X).max() < 2 * features.SCALE and np.abs(X).max() > 0.5 * features.SCALE
    np.testing.assert_array_equal(playground_data(name, n=200, noise=0.5, seed=1)[0], X)
    assert not np.array_equal(playground_data(name, n=200, noise=0.5, seed=2)[0], X)
    with pytest.raises(ValueError, match="noise"):
        playground_data(name, noise=2.0)


def test_circle_puts_class_one_inside():
    X, y = playground_data("circle", n=400)
    r = np.hypot(*X.T)
    assert r[y == 1].max() < r[y == 0].min()


def test_unknown_settings_are_explained():
    with pytest.raises(ValueError, match="data set"):
        playground_data("moons")
    with pytest.raises(ValueError, match="regularization"):
        PlaygroundRun(regularization="L3")
    with pytest.raises(ValueError, match="train_ratio"):
        PlaygroundRun(train_ratio=1.0)
    with pytest.raises(ValueError, match="batch_size"):
        PlaygroundRun(batch_size=0)


def accuracy(run):
    return float(np.mean(run.net.predict(run._P_test) == run.y_test))


def test_split_and_loss_curves():
    run = PlaygroundRun("xor", hidden=[8, 8], train_ratio=0.3, n=300)
    assert len(run.y_train) == 90 and len(run.y_test) == 210
    run.step(5)
    run.step()
    assert run.steps == 6 and len(run.train_loss) == len(run.test_loss) == 2
    assert run.epochs == pytest.approx(6 * 10 / 90)


def test_a_hidden_layer_solves_xor_a_linear_network_cannot():
    deep = PlaygroundRun("xor", hidden=[8, 8], activation="tanh", lr=0.03)
    deep.step(1500)
    assert deep.test_loss[-1] < 0.2 and accuracy(deep) > 0.95
    linear = PlaygroundRun("xor", hidden=[8, 8], activation="linear", lr=0.03)
    linear.step(1500)
    assert accuracy(linear) < 0.75  # a linear unit cannot solve an entangled problem
    # ... unless the input already holds the product x1 x2
    product = PlaygroundRun("xor", features=["x1x2"], hidden=[], lr=0.03)
    product.step(1500)
    assert accuracy(product) > 0.95


def test_penalties_act_on_weights_only_with_the_stated_gradient():
    for reg in ("L1", "L2"):
        run = PlaygroundRun("gauss", hidden=[3], regularization=reg, reg_rate=0.5, lr=0.1, seed=2)
        plain = PlaygroundRun("gauss", hidden=[3], regularization="none", lr=0.1, seed=2)
        before = [p.copy() for p in run.net.params]
        run.step()
        plain.step()
        for k, (new, ref, old) in enumerate(zip(run.net.params, plain.net.params, before, strict=True)):
            if k % 2 == 1:  # beta_k: no penalty
                np.testing.assert_allclose(new, ref, rtol=1e-6, atol=1e-7)
            else:
                penalty = np.sign(old) if reg == "L1" else old
                np.testing.assert_allclose(new, ref - 0.1 * 0.5 * penalty, rtol=1e-5, atol=1e-6)


def test_l1_drives_weights_to_zero_more_than_none():
    def small_weights(reg):
        run = PlaygroundRun("gauss", features=list(features.FEATURES), hidden=[4],
                            regularization=reg, reg_rate=0.01, lr=0.03)
        run.step(800)
        return np.mean(np.abs(run.net.dense[0].omega) < 0.01)

    assert small_weights("L1") > small_weights("none") + 0.2


def test_grid_outputs_shapes_and_probabilities():
    run = PlaygroundRun("spiral", hidden=[5, 3])
    p, neurons = run.grid_outputs(16)
    assert p.shape == (16, 16) and np.all((p > 0) & (p < 1))
    assert [a.shape for a in neurons] == [(5, 16, 16), (3, 16, 16)]
    assert np.all(np.abs(neurons[0]) <= 1)  # tanh units
    p2, _ = run.grid_outputs(16)
    np.testing.assert_array_equal(p, p2)
    # the grid pass does not disturb training (the next step's gradients are computed afresh)
    run.step(3)
    assert np.isfinite(run.train_loss[-1])


def test_spiral_arms_wind_one_and_a_half_turns():
    X, y = playground_data("spiral", n=400)
    r = np.hypot(*X.T) / features.SCALE
    unwound = np.mod(np.arctan2(X[:, 1], X[:, 0]) - 3 * np.pi * r, 2 * np.pi)  # the arm's phase
    arm = (np.abs(unwound - np.pi) < np.pi / 2).astype(int)  # phase near pi: the second arm
    assert np.mean(arm == y) > 0.95  # arm k sits at angle 3 pi r + k pi: 1.5 turns
