"""The capstone's reference pieces: split, confusion matrix, the training recipe, random labels."""

import numpy as np
import pytest

from helpers import capstone
from helpers.data import load_mnist1d


def test_validation_split_partitions_rows_with_their_labels():
    X = np.arange(100, dtype=float).reshape(50, 2)
    y = np.arange(50) * 3
    X_tr, y_tr, X_val, y_val = capstone.validation_split(X, y, 0.2, seed=4)
    assert X_tr.shape == (40, 2) and X_val.shape == (10, 2)
    np.testing.assert_array_equal(np.sort(np.concatenate([X_tr[:, 0], X_val[:, 0]])), X[:, 0])
    np.testing.assert_array_equal(y_val, X_val[:, 0] / 2 * 3)
    again = capstone.validation_split(X, y, 0.2, seed=4)[2]
    np.testing.assert_array_equal(again, X_val)
    assert not np.array_equal(capstone.validation_split(X, y, 0.2, seed=5)[2], X_val)
    with pytest.raises(ValueError, match="rows"):
        capstone.validation_split(X, y[:-1])


def test_confusion_matrix_counts_true_rows_predicted_columns():
    rng = np.random.default_rng(0)
    t, p = rng.integers(0, 4, 300), rng.integers(0, 4, 300)
    C = capstone.confusion_matrix(t, p, 5)
    assert C.shape == (5, 5) and C.sum() == 300 and C[4].sum() == 0
    for i in range(4):
        for j in range(4):
            assert C[i, j] == np.sum((t == i) & (p == j))
    assert capstone.confusion_matrix([2], [0], 3)[2, 0] == 1


@pytest.fixture(scope="module")
def small_mnist1d():
    X, y, _, _ = load_mnist1d()
    return X[:600], y[:600], X[600:800], y[600:800]


def test_train_model_returns_its_best_validation_epoch(small_mnist1d):
    X, y, Xv, yv = small_mnist1d
    keep = X.copy()
    noise_labels = np.random.default_rng(1).integers(0, 10, len(yv))  # a val accuracy that wanders
    net, h = capstone.train_model(X, y, Xv, noise_labels, hidden=(32,), epochs=6, progress=False)
    np.testing.assert_array_equal(X, keep)
    assert set(h) == {"loss", "accuracy", "val_loss", "val_accuracy", "lr"}
    assert all(len(v) == 6 for v in h.values())
    assert net.accuracy(Xv, noise_labels) == pytest.approx(max(h["val_accuracy"]))
    assert h["lr"][0] == pytest.approx(4e-3) and h["lr"][-1] < h["lr"][0] / 10  # cosine to ~0


def test_train_model_learns_is_seeded_and_stops_early(small_mnist1d):
    X, y, Xv, yv = small_mnist1d
    net, h = capstone.train_model(X, y, Xv, yv, hidden=(64,), epochs=20, progress=False, seed=3)
    assert max(h["val_accuracy"]) > 0.25  # chance is 0.1
    _, h2 = capstone.train_model(X, y, Xv, yv, hidden=(64,), epochs=20, progress=False, seed=3)
    assert h2["val_accuracy"] == h["val_accuracy"]
    noise_labels = np.random.default_rng(2).integers(0, 10, len(yv))
    _, h3 = capstone.train_model(X, y, Xv, noise_labels, hidden=(16,), epochs=30, patience=2, progress=False)
    assert len(h3["val_accuracy"]) < 30


def test_random_label_fits_memorise(small_mnist1d):
    X = small_mnist1d[0]
    fits = capstone.random_label_fits([[40], [20, 20]], X, n=32, steps=100, lr=0.1)
    assert list(fits) == ["40", "20-20"]
    for acc in fits.values():
        assert len(acc) == 100 and acc[-1] > acc[0] and acc[-1] >= 0.9


def test_live_curves_are_the_training_loops():
    from helpers import training

    assert capstone.LiveCurves is training.LiveCurves  # notebook 09 says capstone.LiveCurves


@pytest.mark.parametrize(("accuracies", "target", "expected"), [
    ([0.2, 0.6, 1.0, 1.0], 1.0, 3), ([0.5, 0.9], 0.9, 2), ([0.3, 0.97, 0.96], 0.95, 2),
    ([0.1, 0.99], 1.0, None), ([], 1.0, None), (np.array([1.0]), 1.0, 1),
])
def test_first_epoch_reaching_counts_from_one(accuracies, target, expected):
    got = capstone.first_epoch_reaching(accuracies, target)
    assert got == expected and (got is None or type(got) is int)
