"""Tests of helpers.networks: the validator, shallow and deep forward passes, init, parameter counts."""

from __future__ import annotations

import numpy as np
import pytest

from helpers.activations import sigmoid
from helpers.data import EXAMPLE_PHI as PHI
from helpers.data import EXAMPLE_THETA as THETA
from helpers.layers import init_weights
from helpers.networks import (
    check_network,
    count_parameters,
    deep_forward,
    fit_output_weights,
    init_network,
    layer_sizes,
    shallow_forward,
    shallow_hidden,
    shallow_joints,
    shallow_to_deep,
    theta_from_joints,
)

# ---------------------------------------------------------------- shallow networks


def test_shallow_hidden_known_values():
    H = shallow_hidden([0.0, 1.0], THETA)
    # x = 0: [relu(0.3), relu(-1), relu(-0.5)]; x = 1: [relu(-0.7), relu(1), relu(0.15)]
    np.testing.assert_allclose(H, [[0.3, 0.0, 0.0], [0.0, 1.0, 0.15]])


def test_shallow_hidden_shapes_and_scalar_input():
    assert shallow_hidden(np.linspace(0, 1, 7), THETA).shape == (7, 3)
    assert shallow_hidden(0.5, THETA).shape == (1, 3)
    assert shallow_hidden([0.5], THETA[:1]).shape == (1, 1)


def test_shallow_hidden_other_activation_by_function_and_name():
    x = np.array([-1.0, 0.0, 2.0])
    expected = sigmoid(THETA[:, 0][None, :] + x[:, None] * THETA[:, 1][None, :])
    np.testing.assert_allclose(shallow_hidden(x, THETA, sigmoid), expected)
    np.testing.assert_allclose(shallow_hidden(x, THETA, "sigmoid"), expected)


def test_shallow_hidden_rejects_transposed_theta():
    with pytest.raises(ValueError, match=r"theta should have shape \(D, 2\)"):
        shallow_hidden([0.0], THETA.T)


def test_shallow_forward_known_values():
    # x = 0: -0.3 + 2 * 0.3 = 0.3 ; x = 1: -0.3 - 1 * 1 + 7 * 0.15 = -0.25
    np.testing.assert_allclose(shallow_forward([0.0, 1.0], THETA, PHI), [0.3, -0.25])


def test_shallow_forward_matches_loop():
    rng = np.random.default_rng(0)
    theta, phi, x = rng.normal(size=(5, 2)), rng.normal(size=6), rng.normal(size=11)
    expected = [phi[0] + sum(phi[d + 1] * max(0.0, theta[d, 0] + theta[d, 1] * xi)
                             for d in range(5)) for xi in x]
    np.testing.assert_allclose(shallow_forward(x, theta, phi), expected)


def test_shallow_forward_rejects_wrong_phi_length():
    with pytest.raises(ValueError, match=r"phi should have D \+ 1 = 4 entries"):
        shallow_forward([0.0], THETA, PHI[1:])


def test_shallow_joints():
    np.testing.assert_allclose(shallow_joints(THETA), [0.3, 0.5, 0.5 / 0.65])
    assert np.isnan(shallow_joints([[1.0, 0.0]])[0])


def test_theta_from_joints_switches_on_at_the_joints():
    joints = np.array([-1.0, 0.0, 2.5])
    theta = theta_from_joints(joints, slopes=[1.0, -2.0, 0.5])
    assert theta.shape == (3, 2)
    np.testing.assert_allclose(shallow_joints(theta), joints)
    H = shallow_hidden(joints + 0.1, theta)
    assert H[0, 0] > 0 and H[1, 1] == 0 and H[2, 2] > 0  # slope -2 switches on to the left


def test_fit_output_weights_recovers_a_network():
    x = np.linspace(-1, 3, 200)
    phi = fit_output_weights(x, shallow_forward(x, THETA, PHI), THETA)
    np.testing.assert_allclose(phi, PHI, atol=1e-9)
    with pytest.raises(ValueError, match="200 points but y has 3"):
        fit_output_weights(x, [1.0, 2.0, 3.0], THETA)


# ---------------------------------------------------------------- deep networks


def test_deep_forward_absolute_value():
    betas = [np.zeros(2), np.zeros(1)]
    omegas = [np.array([[1.0], [-1.0]]), np.array([[1.0, 1.0]])]
    X = np.array([[-2.0], [0.5], [3.0]])
    out, hidden = deep_forward(X, betas, omegas, return_hidden=True)
    np.testing.assert_allclose(out, [[2.0], [0.5], [3.0]])
    assert len(hidden) == 1
    np.testing.assert_allclose(hidden[0], [[0.0, 2.0], [0.5, 0.0], [3.0, 0.0]])
    # a vector of n scalar inputs is read as (n, 1)
    np.testing.assert_allclose(deep_forward(X[:, 0], betas, omegas), out)


def test_deep_forward_equals_shallow_forward():
    x = np.linspace(-1, 3, 50)
    betas = [THETA[:, 0], PHI[:1]]
    omegas = [THETA[:, 1:], PHI[None, 1:]]
    np.testing.assert_allclose(deep_forward(x[:, None], betas, omegas)[:, 0],
                               shallow_forward(x, THETA, PHI))
    # the sum over units written out, the book's eq. 3.1
    by_hand = PHI[0] + sum(PHI[d + 1] * np.maximum(THETA[d, 0] + THETA[d, 1] * x, 0) for d in range(3))
    np.testing.assert_allclose(shallow_forward(x, THETA, PHI), by_hand)
    b, o = shallow_to_deep(THETA, PHI)
    assert [a.shape for a in b] == [(3,), (1,)] and [a.shape for a in o] == [(3, 1), (1, 3)]


def test_deep_forward_is_batch_first_and_last_layer_linear():
    rng = np.random.default_rng(1)
    betas, omegas = init_network([3, 4, 5, 2], seed=2)
    betas = [rng.normal(size=b.shape) for b in betas]
    X = rng.normal(size=(6, 3))
    out, hidden = deep_forward(X, betas, omegas, return_hidden=True)
    h = X
    for k, (b, W) in enumerate(zip(betas, omegas, strict=True)):
        z = np.array([W @ xi + b for xi in h])  # one example at a time, the book's way
        h = z if k == 2 else np.maximum(z, 0)
        if k < 2:
            np.testing.assert_allclose(hidden[k], h)
    assert out.shape == (6, 2)
    assert np.any(out < 0)  # no ReLU on the output
    np.testing.assert_allclose(out, h)


def test_deep_forward_accepts_column_biases_and_activation_names():
    betas, omegas = init_network([2, 3, 1], seed=0)
    X = np.ones((4, 2))
    np.testing.assert_allclose(
        deep_forward(X, [b[:, None] for b in betas], omegas, activation="tanh"),
        deep_forward(X, betas, omegas, activation=np.tanh),
    )


def test_deep_forward_no_hidden_layer_is_affine():
    out, hidden = deep_forward(np.eye(2), [np.array([1.0])], [np.array([[2.0, 3.0]])],
                               return_hidden=True)
    np.testing.assert_allclose(out, [[3.0], [4.0]])
    assert hidden == []


@pytest.mark.parametrize(
    ("X", "betas", "omegas", "message"),
    [
        (np.ones((2, 1)), [np.zeros(3), np.zeros(5), np.zeros(1)],
         [np.ones((3, 1)), np.ones((5, 4)), np.ones((1, 5))],
         r"Omega_1 \(layer 2\) has shape \(5, 4\) but h_1 has 3 units"),
        (np.ones((2, 1)), [np.zeros(3), np.zeros(1)], [np.ones((3, 1)), np.ones((1, 3)),
                                                      np.ones((1, 1))],
         r"2 bias vectors but 3 weight matrices"),
        (np.ones((1, 2)), [np.zeros(3), np.zeros(1)], [np.ones((3, 1)), np.ones((1, 3))],
         r"Omega_0 \(layer 1\) has 1 columns but x has 2 features"),
        (np.ones((2, 1)), [np.zeros(4), np.zeros(1)], [np.ones((3, 1)), np.ones((1, 3))],
         r"beta_0 \(layer 1\) has shape \(4,\) but Omega_0 has shape \(3, 1\)"),
        (np.ones((2, 1)), [np.zeros(3), np.zeros(1)], [np.ones((3, 1)), np.ones(3)],
         r"Omega_1 \(layer 2\) should be a matrix"),
        (np.ones((2, 1)), [], [], r"no layers"),
    ],
)
def test_deep_forward_shape_errors(X, betas, omegas, message):
    with pytest.raises(ValueError, match=message):
        deep_forward(X, betas, omegas)


def test_check_network_returns_float_lists_and_refuses_arrays():
    B, W = check_network([[1, 2]], [[[1, 0], [0, 1]]])
    assert B[0].dtype == np.float64 and W[0].shape == (2, 2)
    B, _ = check_network([np.zeros((2, 1))], [np.ones((2, 3))], dtype=np.float32)
    assert B[0].shape == (2,) and B[0].dtype == np.float32
    with pytest.raises(TypeError, match="lists with one array per layer"):
        check_network(np.zeros(2), [np.ones((2, 3))])
    assert layer_sizes(*init_network([3, 4, 5, 2])) == [3, 4, 5, 2]


def test_init_network_shapes_seed_and_scale():
    betas, omegas = init_network([1, 10, 10, 1])
    assert [W.shape for W in omegas] == [(10, 1), (10, 10), (1, 10)]
    assert [b.shape for b in betas] == [(10,), (10,), (1,)]
    assert all(np.all(b == 0) for b in betas)
    again = init_network([1, 10, 10, 1], seed=0)[1]
    other = init_network([1, 10, 10, 1], seed=1)[1]
    assert all(np.array_equal(a, b) for a, b in zip(omegas, again, strict=True))
    assert not np.array_equal(omegas[1], other[1])
    big = init_network([400, 300], seed=3)[1][0]
    assert abs(big.std() - np.sqrt(2 / 400)) < 0.01 * np.sqrt(2 / 400) * 5
    small = init_network([400, 300], seed=3, init=0.1)[1][0]
    assert abs(small.std() - 0.1) < 0.005
    glorot = init_network([400, 300], seed=3, init="glorot")[1][0]
    assert abs(glorot.std() - np.sqrt(2 / 700)) < 0.05 * np.sqrt(2 / 700)
    np.testing.assert_array_equal(init_network([400, 300], seed=3, init="xavier")[1][0], glorot)
    with pytest.raises(ValueError, match="'he', 'glorot'"):
        init_network([2, 2], init="lecun")


def test_init_network_draws_what_init_weights_draws():
    """One initialiser: the list form and the layers (hence the MLP) start from the same weights."""
    rng = np.random.default_rng(5)
    expected = [init_weights(3, 4, "glorot", rng), init_weights(4, 2, "glorot", rng)]
    _, omegas = init_network([3, 4, 2], seed=5, init="glorot")
    for a, b in zip(omegas, expected, strict=True):
        np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize(
    ("sizes", "expected"),
    [([1, 10, 10, 10, 10, 10, 1], 471), ([10, 50, 50, 50, 50, 50, 1], 10801),
     ([1, 3, 1], 10), ([2, 3, 1], 13), ([5, 1], 6)],
)
def test_count_parameters(sizes, expected):
    assert count_parameters(sizes) == expected
    betas, omegas = init_network(sizes)
    assert sum(b.size + W.size for b, W in zip(betas, omegas, strict=True)) == expected


def test_count_parameters_rejects_bad_sizes():
    with pytest.raises(ValueError, match="at least an input and an output"):
        count_parameters([3])
    with pytest.raises(ValueError, match="at least one unit"):
        count_parameters([3, 0, 1])
