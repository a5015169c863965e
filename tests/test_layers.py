"""helpers.layers: forward values, backward against finite differences, the in-place variants."""

from __future__ import annotations

import numpy as np
import pytest

from helpers import activations
from helpers.gradcheck import numerical_gradient, relative_error
from helpers.layers import ACTIVATION_LAYERS, Dense, LeakyReLU, ReLU, init_std

RNG = np.random.default_rng(2)


def test_dense_forward_is_the_affine_map():
    layer = Dense(3, 2, dtype=np.float64)
    layer.omega[:] = [[1, 2, 3], [0, -1, 0]]
    layer.beta[:] = [10, 20]
    out = layer.forward(np.array([[1.0, 1.0, 1.0], [0.0, 1.0, 0.0]]))
    np.testing.assert_allclose(out, [[16, 19], [12, 19]])  # X @ omega.T + beta


def test_dense_shapes_dtype_and_init():
    layer = Dense(50, 200, rng=0)
    assert layer.omega.shape == (200, 50) and layer.beta.shape == (200,)
    assert layer.omega.dtype == np.float32
    assert layer.params[0] is layer.omega and layer.grads[1] is layer.d_beta
    assert np.all(layer.beta == 0)
    assert layer.omega.std() == pytest.approx(np.sqrt(2 / 50), rel=0.05)  # He
    assert Dense(50, 200, init="xavier").omega.std() == pytest.approx(np.sqrt(2 / 250), rel=0.05)
    assert Dense(5, 4, init=0.0).omega.std() == 0
    np.testing.assert_array_equal(Dense(3, 2, rng=7).omega, Dense(3, 2, rng=7).omega)
    with pytest.raises(ValueError, match="unknown init"):
        init_std(3, 2, "glorious")
    assert repr(layer) == "Dense(50, 200)"


def test_dense_backward_finite_differences():
    layer = Dense(4, 3, dtype=np.float64, rng=1)
    layer.beta[:] = RNG.normal(size=3)
    X = RNG.normal(size=(5, 4))
    G = RNG.normal(size=(5, 3))  # L = sum(G * out): dL/dout = G

    def loss(_):
        return float(np.sum(G * layer.forward(X)))

    layer.forward(X)
    dX = layer.backward(G)
    d_omega, d_beta = layer.d_omega.copy(), layer.d_beta.copy()
    assert relative_error(d_omega, numerical_gradient(loss, layer.omega)) < 1e-8
    assert relative_error(d_beta, numerical_gradient(loss, layer.beta)) < 1e-8
    assert relative_error(dX, numerical_gradient(loss, X)) < 1e-8
    layer.d_omega[...] = 0
    assert layer.param_backward(G) is X  # the parameters' gradients only
    np.testing.assert_allclose(layer.d_omega, d_omega)


def test_dense_gradients_are_filled_in_place():
    layer = Dense(2, 2, dtype=np.float64)
    ids = [id(g) for g in layer.grads]
    for n in (3, 7):  # another batch size too
        layer.forward(RNG.normal(size=(n, 2)))
        layer.backward(np.ones((n, 2)))
        assert [id(g) for g in layer.grads] == ids
        np.testing.assert_allclose(layer.d_beta, [n, n])


def test_dense_errors():
    layer = Dense(3, 2)
    with pytest.raises(ValueError, match=r"expects input of shape \(n, 3\), got \(4, 2\)"):
        layer.forward(np.zeros((4, 2), np.float32))
    with pytest.raises(RuntimeError, match="forward before backward"):
        Dense(3, 2).backward(np.zeros((1, 2)))
    with pytest.raises(RuntimeError, match="forward before backward"):
        ReLU().backward(np.zeros((1, 2)))


@pytest.mark.parametrize("name", ["relu", "leaky_relu", "sigmoid", "tanh", "linear"])
def test_activation_forward_matches_helpers_activations(name):
    z = RNG.normal(size=(6, 4)) * 3
    f, df = activations.get_activation(name)
    layer = ACTIVATION_LAYERS[name]()
    np.testing.assert_allclose(layer.forward(z.copy()), f(z), rtol=1e-12, atol=1e-15)
    dout = RNG.normal(size=z.shape)
    np.testing.assert_allclose(layer.backward(dout), dout * df(z), rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("name", ["relu", "leaky_relu", "sigmoid", "tanh", "linear"])
def test_activation_backward_finite_differences(name):
    z = RNG.normal(size=(5, 3))
    z[np.abs(z) < 1e-3] = 0.5  # stay off the kink of ReLU
    G = RNG.normal(size=z.shape)
    layer = ACTIVATION_LAYERS[name]()
    layer.forward(z.copy())
    dz = layer.backward(G)
    num = numerical_gradient(lambda v: float(np.sum(G * ACTIVATION_LAYERS[name]().forward(v))), z)
    assert relative_error(dz, num) < 1e-8


@pytest.mark.parametrize("name", ["relu", "leaky_relu", "sigmoid", "tanh", "linear"])
def test_inplace_gives_the_same_numbers_and_reuses_arrays(name):
    z = RNG.normal(size=(4, 3)).astype(np.float32)
    dout = RNG.normal(size=(4, 3)).astype(np.float32)
    plain, inplace = ACTIVATION_LAYERS[name](), ACTIVATION_LAYERS[name](inplace=True)
    z_copy, dout_copy = z.copy(), dout.copy()
    h = plain.forward(z)
    dz = plain.backward(dout)
    np.testing.assert_array_equal(z, z_copy)  # not in place: inputs untouched
    np.testing.assert_array_equal(dout, dout_copy)
    h2 = inplace.forward(z_copy)
    dz2 = inplace.backward(dout_copy)
    assert h2 is z_copy and dz2 is dout_copy
    np.testing.assert_allclose(h2, h, rtol=1e-6)
    np.testing.assert_allclose(dz2, dz, rtol=1e-6)
    assert h.dtype == dz.dtype == np.float32


def test_relu_at_zero_and_sigmoid_extremes():
    relu = ReLU()
    np.testing.assert_array_equal(relu.forward(np.array([[-1.0, 0.0, 2.0]])), [[0, 0, 2]])
    np.testing.assert_array_equal(relu.backward(np.ones((1, 3))), [[0, 0, 1]])  # 0 at z = 0
    sig = ACTIVATION_LAYERS["sigmoid"]()
    with np.errstate(over="raise", invalid="raise"):
        np.testing.assert_allclose(sig.forward(np.array([[-1000.0, 1000.0]])), [[0, 1]])
    assert LeakyReLU(0.2).forward(np.array([[-10.0]]))[0, 0] == pytest.approx(-2.0)
    with pytest.raises(ValueError, match="alpha"):
        LeakyReLU(1.5)


def test_dense_inplace_reuses_its_arrays_and_gives_the_same_numbers():
    plain, fast = Dense(3, 4, rng=0), Dense(3, 4, rng=0, inplace=True)
    X = RNG.normal(size=(5, 3)).astype(np.float32)
    G = RNG.normal(size=(5, 4)).astype(np.float32)
    out1 = fast.forward(X)
    np.testing.assert_allclose(out1, plain.forward(X), rtol=1e-6)
    dX1 = fast.backward(G)
    np.testing.assert_allclose(dX1, plain.backward(G), rtol=1e-6)
    np.testing.assert_allclose(fast.d_omega, plain.d_omega, rtol=1e-6)
    assert fast.forward(X * 2) is out1  # the same array, overwritten by the next call
    assert fast.backward(G) is dX1
    assert fast.forward(X[:2]).shape == (2, 4)  # another batch size gets its own array
    assert plain.forward(X) is not plain.forward(X)  # the default allocates new arrays
