"""helpers.losses: values against independent references, gradients against finite differences."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.special
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from helpers.gradcheck import numerical_gradient, relative_error
from helpers.losses import (
    binary_cross_entropy_with_logits,
    binary_cross_entropy_with_logits_grad,
    check_labels,
    log_softmax,
    logsumexp,
    mse,
    mse_grad,
    one_hot,
    softmax,
    softmax_cross_entropy,
)

RNG = np.random.default_rng(0)
finite = st.floats(-50, 50, allow_nan=False, width=64)


# ------------------------------------------------------------------ softmax family


@settings(max_examples=50, deadline=None)
@given(arrays(np.float64, st.tuples(st.integers(1, 5), st.integers(1, 6)), elements=finite))
def test_softmax_family_matches_scipy(z):
    np.testing.assert_allclose(softmax(z), scipy.special.softmax(z, axis=-1), rtol=1e-12)
    np.testing.assert_allclose(logsumexp(z), scipy.special.logsumexp(z, axis=-1), atol=1e-12)
    np.testing.assert_allclose(log_softmax(z), scipy.special.log_softmax(z, axis=-1), atol=1e-12)
    np.testing.assert_allclose(softmax(z).sum(axis=-1), 1.0, rtol=1e-12)


def test_softmax_known_values_and_axis():
    np.testing.assert_allclose(softmax([0.0, 0.0]), [0.5, 0.5])
    np.testing.assert_allclose(softmax(np.log([[1.0, 3.0]])), [[0.25, 0.75]])
    z = RNG.normal(size=(3, 4))
    np.testing.assert_allclose(softmax(z, axis=0).sum(axis=0), 1.0)
    assert logsumexp(z, axis=0).shape == (4,)
    assert logsumexp(z, keepdims=True).shape == (3, 1)
    assert np.isclose(logsumexp([0.0, 0.0]), np.log(2))


def test_softmax_extreme_logits_are_finite():
    z = np.array([[1000.0, -1000.0, 0.0], [-1000.0, -1000.0, -1000.0]])
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        p = softmax(z)
        ls = log_softmax(z)
        lse = logsumexp(z)
    np.testing.assert_allclose(p, [[1, 0, 0], [1 / 3, 1 / 3, 1 / 3]])
    assert np.all(np.isfinite(ls)) and np.all(np.isfinite(lse))
    np.testing.assert_allclose(lse, [1000.0, -1000.0 + np.log(3)])
    assert logsumexp(np.array([-np.inf, -np.inf])) == -np.inf


def test_softmax_keeps_float32_and_promotes_ints():
    assert softmax(np.zeros((2, 3), np.float32)).dtype == np.float32
    assert softmax([1, 2, 3]).dtype == np.float64


# ------------------------------------------------------------------ labels


def test_one_hot():
    np.testing.assert_array_equal(one_hot([2, 0], 3), [[0, 0, 1], [1, 0, 0]])
    assert one_hot(np.array([1, 1]), 4).shape == (2, 4)
    assert one_hot([0], 2, dtype=np.float32).dtype == np.float32
    np.testing.assert_array_equal(one_hot(np.array([1.0, 0.0]), 2), [[0, 1], [1, 0]])


@pytest.mark.parametrize(
    "y, n, C, message",
    [
        ([0, 3], 2, 3, "label 3 is out of range"),
        ([0, -1], 2, 3, "label -1 is out of range"),
        ([[0, 1]], None, 3, "1-D"),
        ([0, 1, 1], 2, 3, "3 labels for 2 examples"),
        ([0.5, 1.0], 2, 3, "whole numbers"),
    ],
)
def test_check_labels_messages(y, n, C, message):
    with pytest.raises(ValueError, match=message):
        check_labels(y, n=n, n_classes=C)


# ------------------------------------------------------------------ mse


def test_mse_known_values():
    assert mse([1.0, 2.0], [1.0, 4.0]) == pytest.approx(2.0)  # (0 + 4) / 2
    np.testing.assert_allclose(mse_grad([1.0, 2.0], [1.0, 4.0]), [0.0, -2.0])
    # k outputs: the squared errors of a row are summed, then averaged over rows
    assert mse([[1.0, 1.0], [0.0, 0.0]], [[0.0, 0.0], [0.0, 0.0]]) == pytest.approx(1.0)


def test_mse_accepts_column_against_flat_targets_but_not_mismatch():
    y_pred = np.array([[1.0], [2.0], [3.0]])
    assert mse(y_pred, [1.0, 2.0, 5.0]) == pytest.approx(4 / 3)  # not a (3, 3) broadcast
    assert mse_grad(y_pred, [1.0, 2.0, 5.0]).shape == (3, 1)
    with pytest.raises(ValueError, match="do not match"):
        mse(y_pred, [1.0, 2.0])


@pytest.mark.parametrize("shape", [(5,), (4, 1), (3, 2)])
def test_mse_grad_finite_differences(shape):
    y_pred, y = RNG.normal(size=shape), RNG.normal(size=shape)
    num = numerical_gradient(lambda p: mse(p, y), y_pred)
    assert relative_error(mse_grad(y_pred, y), num) < 1e-7


# ------------------------------------------------------------------ binary cross-entropy


def test_bce_matches_definition():
    z = RNG.normal(size=7) * 3
    y = RNG.integers(0, 2, size=7).astype(float)
    p = 1 / (1 + np.exp(-z))
    expected = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
    assert binary_cross_entropy_with_logits(z, y) == pytest.approx(expected, rel=1e-12)
    assert binary_cross_entropy_with_logits([0.0], [1.0]) == pytest.approx(np.log(2))


@pytest.mark.parametrize("shape", [(6,), (6, 1)])
def test_bce_grad_finite_differences(shape):
    z = RNG.normal(size=shape) * 2
    y = RNG.uniform(size=shape)  # soft targets work too
    num = numerical_gradient(lambda p: binary_cross_entropy_with_logits(p, y), z)
    g = binary_cross_entropy_with_logits_grad(z, y)
    assert g.shape == shape
    assert relative_error(g, num) < 1e-7


def test_bce_extreme_logits():
    z = np.array([1000.0, -1000.0, 1000.0, -1000.0])
    y = np.array([1.0, 0.0, 0.0, 1.0])
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        loss = binary_cross_entropy_with_logits(z, y)
        g = binary_cross_entropy_with_logits_grad(z, y)
    assert loss == pytest.approx(2000 / 4)  # two confident mistakes of 1000 each
    np.testing.assert_allclose(g, [0, 0, 0.25, -0.25])


# ------------------------------------------------------------------ softmax cross-entropy


def test_softmax_cross_entropy_known_values():
    loss, d = softmax_cross_entropy(np.zeros((2, 4)), [0, 3])
    assert loss == pytest.approx(np.log(4))
    np.testing.assert_allclose(d, [[-0.375, 0.125, 0.125, 0.125], [0.125, 0.125, 0.125, -0.375]])
    assert isinstance(loss, float)


def test_softmax_cross_entropy_matches_reference():
    z = RNG.normal(size=(8, 5)) * 3
    y = RNG.integers(0, 5, size=8)
    loss, d = softmax_cross_entropy(z, y)
    ref = -np.mean(scipy.special.log_softmax(z, axis=1)[np.arange(8), y])
    assert loss == pytest.approx(ref, rel=1e-12)
    np.testing.assert_allclose(d, (scipy.special.softmax(z, axis=1) - np.eye(5)[y]) / 8, atol=1e-15)
    np.testing.assert_allclose(d.sum(axis=1), 0.0, atol=1e-15)  # each row of the gradient sums to 0


def test_softmax_cross_entropy_finite_differences():
    z = RNG.normal(size=(6, 3))
    y = RNG.integers(0, 3, size=6)
    num = numerical_gradient(lambda p: softmax_cross_entropy(p, y)[0], z)
    assert relative_error(softmax_cross_entropy(z, y)[1], num) < 1e-7


def test_softmax_cross_entropy_extreme_logits():
    z = np.array([[1000.0, -1000.0], [-1000.0, 1000.0], [1000.0, 1000.0]])
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        loss, d = softmax_cross_entropy(z, [0, 0, 1])
    assert np.isfinite(loss) and np.all(np.isfinite(d))
    assert loss == pytest.approx((0 + 2000 + np.log(2)) / 3)
    np.testing.assert_allclose(d, [[0, 0], [-1 / 3, 1 / 3], [1 / 6, -1 / 6]], atol=1e-15)


def test_softmax_cross_entropy_keeps_dtype_and_does_not_modify_input():
    z = RNG.normal(size=(4, 3)).astype(np.float32)
    z0 = z.copy()
    loss, d = softmax_cross_entropy(z, [0, 1, 2, 0])
    assert d.dtype == np.float32
    np.testing.assert_array_equal(z, z0)


@pytest.mark.parametrize(
    "z, y, message",
    [
        (np.zeros((2, 3)), [0, 3], "out of range"),
        (np.zeros((2, 3)), [0, 1, 2], "3 labels for 2 examples"),
        (np.zeros(3), [0], r"shape \(n, C\)"),
        (np.zeros((2, 3)), [[0, 1]], "1-D"),
    ],
)
def test_softmax_cross_entropy_errors(z, y, message):
    with pytest.raises(ValueError, match=message):
        softmax_cross_entropy(z, y)
