"""Toy data sets: shapes, labels, determinism, and the geometry each one promises."""

import numpy as np
import pytest

from helpers import data

MAKERS = [data.make_blobs, data.make_xor, data.make_circles, data.make_moons, data.make_spirals]


@pytest.mark.parametrize("make", MAKERS, ids=lambda m: m.__name__)
def test_shapes_labels_and_seeding(make):
    X, y = make(101, seed=3)
    assert X.shape == (101, 2) and X.dtype == float
    assert y.shape == (101,) and np.issubdtype(y.dtype, np.integer)
    assert set(np.unique(y)) == set(range(y.max() + 1)) and y.max() >= 1
    X2, y2 = make(101, seed=3)
    np.testing.assert_array_equal(X, X2)
    np.testing.assert_array_equal(y, y2)
    assert not np.array_equal(make(101, seed=4)[0], X)


@pytest.mark.parametrize("make", MAKERS, ids=lambda m: m.__name__)
def test_bad_size_is_explained(make):
    with pytest.raises(ValueError, match="n must be an integer"):
        make(1)


def test_blobs_are_separable_but_not_through_the_origin():
    X, y = data.make_blobs(400, seed=0)
    # the line through (2, 3) perpendicular to the centres' ray separates the default blobs ...
    assert np.all(((X - [2.0, 3.0]) @ [2.0, 3.0] > 0) == (y == 1))
    # ... but no line through the origin does (try every direction)
    best = 0.0
    for angle in np.linspace(0, np.pi, 721):
        side = X @ np.array([np.cos(angle), np.sin(angle)]) > 0
        best = max(best, np.mean(side == y), np.mean(side != y))
    assert best < 0.9


def test_xor_labels_follow_the_quadrant_signs():
    X, y = data.make_xor(400, noise=0.05, seed=1)
    np.testing.assert_array_equal(y, (X[:, 0] * X[:, 1] < 0).astype(int))


def test_circles_have_two_radii():
    X, y = data.make_circles(400, noise=0.0, factor=0.3)
    r = np.hypot(X[:, 0], X[:, 1])
    np.testing.assert_allclose(r[y == 0], 1.0)
    np.testing.assert_allclose(r[y == 1], 0.3)


def test_spirals_balance_the_classes():
    _, y = data.make_spirals(301, n_classes=3)
    assert sorted(np.bincount(y)) == [100, 100, 101]
    with pytest.raises(ValueError, match="n_classes"):
        data.make_spirals(10, n_classes=1)


def test_default_target_and_the_example_network():
    from helpers.data import EXAMPLE_PHI, EXAMPLE_THETA, default_target

    x = np.linspace(0, 2, 5)
    np.testing.assert_allclose(default_target(x), np.exp(-x) * np.sin(6 * x) + 0.3 * x)
    assert default_target([[0.0]]).shape == (1, 1)
    assert EXAMPLE_THETA.shape == (3, 2) and EXAMPLE_PHI.shape == (4,)
    np.testing.assert_allclose(-EXAMPLE_THETA[:, 0] / EXAMPLE_THETA[:, 1], [0.3, 0.5, 0.5 / 0.65])
    with pytest.raises(ValueError, match="read-only"):
        EXAMPLE_THETA[0, 0] = 1.0  # shared by every notebook: nobody changes it by accident
