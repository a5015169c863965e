"""helpers.regularization: penalties and their gradients, max-norm, dropout, noise, early stopping."""

from __future__ import annotations

import numpy as np
import pytest

from helpers.gradcheck import numerical_gradient, relative_error
from helpers.regularization import (
    Dropout,
    EarlyStopping,
    GaussianNoise,
    l1_penalty,
    l1_penalty_grad,
    l2_penalty,
    l2_penalty_grad,
    max_norm_,
)

RNG = np.random.default_rng(8)


def test_penalty_values_by_hand():
    W = [np.array([[1.0, -2.0]]), np.array([[3.0], [0.0]])]
    assert l2_penalty(W, 0.5) == pytest.approx(0.5 / 2 * (1 + 4 + 9))
    assert l1_penalty(W, 0.5) == pytest.approx(0.5 * 6)
    assert l2_penalty(W[0], 2.0) == pytest.approx(5.0)  # one array works too
    assert l2_penalty(W, 0.0) == 0 and l1_penalty(W, 0.0) == 0
    with pytest.raises(ValueError, match=">= 0"):
        l2_penalty(W, -1.0)


@pytest.mark.parametrize("which", ["l1", "l2"])
def test_penalty_gradients_finite_differences(which):
    value, grad = {"l1": (l1_penalty, l1_penalty_grad), "l2": (l2_penalty, l2_penalty_grad)}[which]
    W = [RNG.normal(size=(3, 4)), RNG.normal(size=(2, 3))]
    for k, w in enumerate(W):
        num = numerical_gradient(lambda _x: value(W, 0.3), w)
        assert relative_error(grad(W, 0.3)[k], num) <= 1e-6


def test_max_norm_rescales_rows_only_when_too_long():
    W = np.array([[3.0, 4.0], [0.3, 0.4], [0.0, 0.0]])
    out = max_norm_(W, 1.0)
    assert out is W
    np.testing.assert_allclose(W, [[0.6, 0.8], [0.3, 0.4], [0.0, 0.0]])  # direction kept
    with pytest.raises(ValueError):
        max_norm_(W, 0.0)


def test_dropout_train_eval_and_expectation():
    X = np.ones((2000, 50))
    drop = Dropout(0.3, rng=0)
    out = drop.forward(X)
    assert set(np.unique(out)) <= {0.0, 1 / 0.7}
    assert np.mean(out == 0) == pytest.approx(0.3, abs=0.01)
    assert out.mean() == pytest.approx(1.0, abs=0.01)  # the expectation is preserved
    G = RNG.normal(size=X.shape)
    np.testing.assert_array_equal(drop.backward(G), G * out)  # the same mask, scaled
    drop.eval()
    np.testing.assert_array_equal(drop.forward(X), X)
    np.testing.assert_array_equal(drop.backward(G), G)
    assert np.all(X == 1)  # the input is never modified
    with pytest.raises(ValueError):
        Dropout(1.0)


def test_dropout_backward_finite_differences_with_a_fixed_mask():
    drop = Dropout(0.5, rng=3)
    X, G = RNG.normal(size=(5, 4)), RNG.normal(size=(5, 4))
    state = drop.rng.bit_generator.state

    def loss(x):
        drop.rng.bit_generator.state = state
        return float(np.sum(G * drop.forward(x)))

    loss(X)
    dX = drop.backward(G)
    assert relative_error(dX, numerical_gradient(loss, X.copy())) <= 1e-6


def test_gaussian_noise_modes():
    noise = GaussianNoise(0.5, rng=1)
    X = np.zeros((4000, 3))
    out = noise.forward(X)
    assert out.std() == pytest.approx(0.5, rel=0.05) and np.all(X == 0)
    np.testing.assert_array_equal(noise.backward(np.ones(3)), np.ones(3))
    np.testing.assert_array_equal(noise.eval().forward(X), X)


class _Model:
    def __init__(self) -> None:
        self.params = [np.zeros(3)]


def _run(stopper: EarlyStopping, values: list[float], model: _Model) -> int | None:
    history: dict[str, list[float]] = {"val_loss": []}
    for epoch, v in enumerate(values):
        model.params[0][:] = epoch  # the weights "of" this epoch
        history["val_loss"].append(v)
        if stopper.on_epoch_end(epoch, history, model):
            return epoch
    stopper.on_train_end(history, model)
    return None


def test_early_stopping_patience_and_restore():
    model = _Model()
    stopper = EarlyStopping("val_loss", patience=2)
    assert _run(stopper, [1.0, 0.8, 0.9, 0.7, 0.75, 0.76, 0.5], model) == 5
    assert stopper.best_epoch == 3 and stopper.best == 0.7 and stopper.stopped_epoch == 5
    np.testing.assert_array_equal(model.params[0], 3)  # the best epoch's weights are back


def test_early_stopping_patience_one_is_the_lecture_rule():
    model = _Model()
    stopper = EarlyStopping(patience=1)
    assert _run(stopper, [1.0, 0.8, 0.9, 0.5], model) == 2  # stops the first time it rises
    # all epochs run: on_train_end still restores the best
    stopper = EarlyStopping(patience=3)
    assert _run(stopper, [1.0, 0.5, 0.6, 0.7], model) is None
    np.testing.assert_array_equal(model.params[0], 1)


def test_early_stopping_accuracy_mode_nan_and_missing_key():
    model = _Model()
    acc = EarlyStopping("val_accuracy", patience=1)
    assert acc.mode == "max"
    assert not acc.on_epoch_end(0, {"val_accuracy": [0.5]}, model)
    assert not acc.on_epoch_end(1, {"val_accuracy": [0.5, 0.6]}, model)
    assert acc.on_epoch_end(2, {"val_accuracy": [0.5, 0.6, 0.6]}, model)  # equal is no progress
    assert EarlyStopping(patience=5).on_epoch_end(0, {"val_loss": [float("nan")]}, model)
    with pytest.raises(KeyError, match="validation data"):
        EarlyStopping().on_epoch_end(0, {"loss": [1.0]}, model)
    with pytest.raises(ValueError):
        EarlyStopping(patience=0)


def test_early_stopping_without_patience_never_stops_but_keeps_the_best():
    model = _Model()
    keeper = EarlyStopping("val_loss", patience=None)
    assert _run(keeper, [1.0, 0.4, 0.9, 0.8, 0.7, 0.6, 0.5, float("nan")], model) is None
    assert keeper.best_epoch == 1 and keeper.stopped_epoch is None
    np.testing.assert_array_equal(model.params[0], 1)  # restored at the end of training
    with pytest.raises(ValueError, match="None"):
        EarlyStopping(patience=1.5)
