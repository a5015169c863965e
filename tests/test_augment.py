"""Augmentation: shifts move each row by a whole number of samples, noise has the stated size."""

import numpy as np
import pytest

from helpers import augment


def ramp(n=50, L=20):
    return np.tile(np.arange(L, dtype=np.float32), (n, 1))


def test_shift_moves_rows_by_integers_and_pads_with_the_edge():
    X = ramp()
    out = augment.shift(X, np.random.default_rng(0), max_shift=3)
    assert out.shape == X.shape and out.dtype == np.float32
    diffs = set()
    for row in out:
        # the interior of a ramp shifted by s reads j - s: one constant offset per row
        s = int(row[10] - 10) * -1
        diffs.add(s)
        np.testing.assert_array_equal(row, np.clip(np.arange(20) - s, 0, 19))
    assert diffs == {-3, -2, -1, 0, 1, 2, 3}  # all shifts occur, none beyond max_shift


def test_shift_never_wraps_around():
    X = np.zeros((200, 10))
    X[:, 0] = 1.0  # a spike at the start
    out = augment.shift(X, np.random.default_rng(1), max_shift=4)
    assert np.all(out[:, -1] == 0.0)  # wrap-around would bring the spike to the end


def test_shift_is_seeded_fresh_and_leaves_the_input_alone():
    X = np.random.default_rng(2).normal(size=(30, 40))
    keep = X.copy()
    a = augment.shift(X, np.random.default_rng(5), 2)
    b = augment.shift(X, np.random.default_rng(5), 2)
    np.testing.assert_array_equal(a, b)
    np.testing.assert_array_equal(X, keep)
    assert not np.array_equal(augment.shift(X, np.random.default_rng(6), 2), a)
    np.testing.assert_array_equal(augment.shift(X, np.random.default_rng(0), 0), X)


def test_noise_has_the_stated_standard_deviation_on_any_shape():
    rng = np.random.default_rng(3)
    points = np.zeros((20000, 2))
    out = augment.add_noise(points, rng, noise=0.3)
    assert out.shape == (20000, 2)
    assert abs(out.std() - 0.3) < 0.01 and abs(out.mean()) < 0.01
    X = np.ones((4, 5), dtype=np.float32)
    assert augment.add_noise(X, rng, 0.1).dtype == np.float32
    np.testing.assert_array_equal(augment.add_noise(X, rng, 0.0), X)
    assert augment.add_noise([[1, 2]], rng, 0.1).dtype == np.float64  # ints become floats


def test_shift_and_noise_combines_both():
    X = ramp(1000)
    out = augment.shift_and_noise(X, np.random.default_rng(4), max_shift=2, noise=0.05)
    residual = out - np.rint(out)  # the shifted ramp is integer-valued; the rest is the noise
    assert 0.04 < residual.std() < 0.06
    offsets = np.rint(out[:, 10] - 10)
    assert set(offsets) == {-2.0, -1.0, 0.0, 1.0, 2.0}


@pytest.mark.parametrize(
    "call, match",
    [
        (lambda r: augment.shift(np.zeros(5), r, 1), "shape"),
        (lambda r: augment.shift(np.zeros((2, 5)), r, 1.5), "max_shift"),
        (lambda r: augment.shift(np.zeros((2, 5)), r, -1), "max_shift"),
        (lambda r: augment.add_noise(np.zeros((2, 5)), r, -0.1), "noise"),
        (lambda r: augment.add_noise(np.zeros((2, 5)), r, float("nan")), "noise"),
    ],
)
def test_bad_arguments_are_explained(call, match):
    with pytest.raises(ValueError, match=match):
        call(np.random.default_rng(0))
