"""Toy data sets: shapes, labels, determinism, and the geometry each one promises."""

import numpy as np
import pytest

from helpers import data

MAKERS = [data.make_blobs, data.make_xor, data.make_circles, data.make_rings, data.make_moons,
          data.make_spirals]


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


def test_rings_label_the_radius_only():
    X, y = data.make_rings(3000, n_rings=3, seed=1)
    r = np.hypot(X[:, 0], X[:, 1])
    assert r.max() <= 1.0
    np.testing.assert_array_equal(y, np.floor(r * 3).astype(int))
    # uniform over the area: the rings hold 1/9, 3/9 and 5/9 of the points
    np.testing.assert_allclose(np.bincount(y) / y.size, [1 / 9, 3 / 9, 5 / 9], atol=0.03)
    with pytest.raises(ValueError, match="n_rings"):
        data.make_rings(10, n_rings=0)


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


# --- MNIST-1D and digits loaders -------------------------------------------------------------


def test_mnist1d_shapes_types_and_determinism():
    import random

    np.random.seed(7)
    random.seed(7)
    before_np, before_py = np.random.get_state()[1].copy(), random.getstate()
    X, y, Xt, yt = data.load_mnist1d()
    # the package seeds the global generators: the loader puts them back
    np.testing.assert_array_equal(np.random.get_state()[1], before_np)
    assert random.getstate() == before_py
    assert X.shape == (4000, 40) and Xt.shape == (1000, 40)
    assert X.dtype == np.float32 and Xt.dtype == np.float32
    assert y.shape == (4000,) and yt.shape == (1000,) and y.dtype == np.int64
    assert set(np.unique(y)) == set(range(10)) and set(np.unique(yt)) == set(range(10))
    assert np.all(np.bincount(y) > 300)  # 500 per class overall, shuffled before the split
    assert abs(float(np.concatenate([X, Xt]).mean())) < 1e-3  # the package standardises
    X2, y2, _, _ = data.load_mnist1d()
    np.testing.assert_array_equal(X, X2)
    np.testing.assert_array_equal(y, y2)
    X2[:] = 0.0  # a caller that edits its copy does not edit the cache
    assert not np.all(data.load_mnist1d()[0] == 0.0)


def test_mnist1d_other_seed_gives_other_data():
    X, _, _, _ = data.load_mnist1d(seed=42)
    X1, _, _, _ = data.load_mnist1d(seed=1)
    assert X1.shape == X.shape and not np.allclose(X1, X)


def test_mnist1d_needs_no_network(monkeypatch):
    import socket

    def refuse(*args, **kwargs):
        raise AssertionError("load_mnist1d tried to open a network connection")

    monkeypatch.setattr(socket, "socket", refuse)
    data._MNIST1D_CACHE.pop(3, None)
    X, _, _, _ = data.load_mnist1d(seed=3)
    assert X.shape == (4000, 40)


def test_digits_split_is_stratified_disjoint_and_complete():
    from sklearn.datasets import load_digits as sk_digits

    X, y, Xt, yt = data.load_digits()
    assert X.shape == (1347, 64) and Xt.shape == (450, 64)
    assert X.dtype == np.float32 and y.dtype == np.int64
    assert X.min() == 0.0 and X.max() == 1.0
    full = sk_digits()
    # together they are the whole set, each image once (compare as sorted rows with labels)
    ours = np.column_stack([np.vstack([X, Xt]) * 16, np.concatenate([y, yt])])
    theirs = np.column_stack([full.data, full.target])
    np.testing.assert_array_equal(np.unique(ours, axis=0), np.unique(theirs, axis=0))
    assert len(np.unique(ours, axis=0)) == len(np.unique(theirs, axis=0))
    # stratified: every class's share of the test set matches its share of the data within one image
    expected = np.bincount(full.target) * 450 / len(full.target)
    assert np.all(np.abs(np.bincount(yt, minlength=10) - expected) < 1.0)
    # seeded
    X2, _, Xt2, _ = data.load_digits()
    np.testing.assert_array_equal(Xt, Xt2)
    assert not np.array_equal(data.load_digits(seed=1)[2], Xt)
    assert data.load_digits(n_test=100)[2].shape == (100, 64)
    with pytest.raises(ValueError, match="n_test"):
        data.load_digits(n_test=0)
