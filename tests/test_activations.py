"""Activations: values, shapes, stability, and derivatives against centred finite differences."""

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import array_shapes, arrays

from helpers import activations as act

PAIRS = [
    (act.sigmoid, act.sigmoid_derivative),
    (act.tanh, act.tanh_derivative),
    (act.relu, act.relu_derivative),
    (act.leaky_relu, act.leaky_relu_derivative),
]
IDS = [f.__name__ for f, _ in PAIRS]


@pytest.mark.parametrize(("f", "df"), PAIRS, ids=IDS)
@settings(max_examples=40, deadline=None)
@given(z=arrays(np.float64, array_shapes(max_dims=3, max_side=5),
                elements=st.floats(-20, 20).filter(lambda v: abs(v) > 1e-3)))
def test_derivative_matches_centred_differences(f, df, z):
    h = 1e-6
    numeric = (np.asarray(f(z + h)) - np.asarray(f(z - h))) / (2 * h)
    np.testing.assert_allclose(df(z), numeric, rtol=1e-5, atol=1e-8)


@pytest.mark.parametrize(("f", "df"), PAIRS, ids=IDS)
def test_shapes_and_scalars(f, df):
    for shape in [(), (3,), (3, 1), (2, 3, 4)]:
        z = np.linspace(-2, 2, int(np.prod(shape))).reshape(shape)
        assert np.shape(f(z)) == shape and np.shape(df(z)) == shape
    assert isinstance(f(0.5), float) and isinstance(df(0.5), float)
    assert np.shape(f([1.0, -1.0])) == (2,)


def test_known_values():
    assert act.sigmoid(0.0) == 0.5
    assert act.sigmoid_derivative(0.0) == 0.25
    assert act.tanh_derivative(0.0) == 1.0
    np.testing.assert_array_equal(act.relu(np.array([-1.0, 0.0, 2.0])), [0.0, 0.0, 2.0])
    np.testing.assert_array_equal(act.relu_derivative(np.array([-1.0, 0.0, 2.0])), [0.0, 0.0, 1.0])
    np.testing.assert_allclose(act.leaky_relu(np.array([-2.0, 3.0]), alpha=0.1), [-0.2, 3.0])
    np.testing.assert_allclose(act.leaky_relu_derivative(np.array([-2.0, 3.0])), [0.01, 1.0])


def test_sigmoid_is_stable_at_extremes():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out = act.sigmoid(np.array([-1000.0, 1000.0]))
        d = act.sigmoid_derivative(np.array([-1000.0, 1000.0]))
    np.testing.assert_array_equal(out, [0.0, 1.0])
    np.testing.assert_array_equal(d, [0.0, 0.0])
    assert act.sigmoid(-1000) == 0.0 and act.sigmoid(1000) == 1.0


def test_get_activation():
    f, df = act.get_activation("tanh")
    assert f is act.tanh and df is act.tanh_derivative
    assert act.get_activation("linear")[0](3.0) == 3.0
    with pytest.raises(ValueError, match="unknown activation 'softplus'"):
        act.get_activation("softplus")
