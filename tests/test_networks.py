"""Tests of helpers.networks: shallow and deep forward passes, parameter counts, regions."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.activations import sigmoid
from helpers.networks import (
    activation_patterns,
    count_activation_regions,
    count_linear_regions_1d,
    count_parameters,
    deep_forward,
    fit_output_weights,
    init_network,
    max_regions_shallow,
    shallow_forward,
    shallow_hidden,
    shallow_joints,
    theta_from_joints,
)

# The book's example network (Figure 3.3 style): three joints in [0, 2].
THETA = np.array([[0.3, -1.0], [-1.0, 2.0], [-0.5, 0.65]])
PHI = np.array([-0.3, 2.0, -1.0, 7.0])


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
         r"x has 2 features"),
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
    small = init_network([400, 300], seed=3, scale=0.1)[1][0]
    assert abs(small.std() - 0.1) < 0.005
    with pytest.raises(ValueError, match="'he' or a float"):
        init_network([2, 2], scale="xavier")


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


def test_max_regions_shallow():
    assert [max_regions_shallow(1, d) for d in (1, 3, 10)] == [2, 4, 11]
    assert max_regions_shallow(2, 3) == 7
    assert max_regions_shallow(5, 3) == 8  # D <= D_i: 2^D
    assert max_regions_shallow(2, 10) == 56


# ---------------------------------------------------------------- counting regions in 1-D


def test_count_linear_regions_1d_simple_functions():
    x = np.linspace(-1, 1, 101)
    assert count_linear_regions_1d(3 * x + 1, x) == 1
    assert count_linear_regions_1d(np.abs(x), x) == 2  # joint on a grid point
    assert count_linear_regions_1d(np.abs(x - 0.013), x) == 2  # joint inside an interval
    assert count_linear_regions_1d(np.maximum(np.abs(x) - 0.5, 0), x) == 3
    assert count_linear_regions_1d([1.0, 2.0], [0.0, 1.0]) == 1


def test_count_linear_regions_1d_of_the_book_network():
    for n in (1000, 1001, 2000, 2003, 5000):  # joints on and between grid points
        x = np.linspace(0, 2, n)
        assert count_linear_regions_1d(shallow_forward(x, THETA, PHI), x) == 4


def test_count_linear_regions_1d_unsorted_input_and_joints_outside():
    x = np.random.default_rng(0).permutation(np.linspace(0, 2, 1001))
    assert count_linear_regions_1d(shallow_forward(x, THETA, PHI), x) == 4
    x = np.linspace(0.55, 2, 500)  # only the third joint is inside
    assert count_linear_regions_1d(shallow_forward(x, THETA, PHI), x) == 2


def test_count_linear_regions_1d_coinciding_joints_count_once():
    theta = theta_from_joints([0.25, 0.25, 0.6])
    x = np.linspace(0, 1, 777)
    assert count_linear_regions_1d(shallow_forward(x, theta, [0, 1, 1, -1]), x) == 3
    # two units whose effects cancel leave no joint at all
    assert count_linear_regions_1d(shallow_forward(x, theta, [0, 1, -1, 0]), x) == 1


def test_count_linear_regions_1d_shape_error():
    with pytest.raises(ValueError, match="same shape"):
        count_linear_regions_1d([1.0, 2.0, 3.0], [0.0, 1.0])


@settings(max_examples=60, deadline=None)
@given(
    joints=st.lists(st.floats(-0.95, 0.95), min_size=1, max_size=8),
    signs=st.lists(st.sampled_from([-1.0, 1.0]), min_size=8, max_size=8),
    weights=st.lists(st.floats(0.2, 3.0), min_size=8, max_size=8),
    offset=st.floats(0.0, 1.0),
)
def test_count_linear_regions_1d_counts_separated_joints(joints, signs, weights, offset):
    joints = np.array(sorted(joints))
    if np.any(np.diff(joints) < 0.02):  # keep joints several grid intervals apart
        joints = np.linspace(-0.9, 0.9, len(joints))
    D = len(joints)
    theta = theta_from_joints(joints, signs[:D])
    phi = np.concatenate([[0.5], np.array(weights[:D]) * np.array(signs[:D])])
    x = np.linspace(-1, 1, 1001) + offset * 0.002  # shift so joints fall anywhere
    y = shallow_forward(x, theta, phi)
    assert count_linear_regions_1d(y, x) == D + 1


# ---------------------------------------------------------------- activation patterns


def _grid(lo: float = -1.0, hi: float = 1.0, n: int = 201) -> np.ndarray:
    g = np.linspace(lo, hi, n)
    a, b = np.meshgrid(g, g)
    return np.column_stack([a.ravel(), b.ravel()])


def test_activation_patterns_shape_and_values():
    betas = [np.array([0.0, -0.5]), np.zeros(1)]
    omegas = [np.array([[1.0, 0.0], [0.0, 1.0]]), np.ones((1, 2))]
    X = np.array([[1.0, 1.0], [-1.0, 1.0], [1.0, 0.0], [-1.0, -1.0]])
    P = activation_patterns(X, betas, omegas)
    assert P.dtype == bool and P.shape == (4, 2)
    np.testing.assert_array_equal(P, [[1, 1], [0, 1], [1, 0], [0, 0]])
    b3, o3 = init_network([2, 3, 4, 1])
    assert activation_patterns(X, b3, o3).shape == (4, 7)
    assert activation_patterns(X, [np.zeros(1)], [np.ones((1, 2))]).shape == (4, 0)


def test_count_activation_regions_of_lines_in_the_plane():
    X = _grid()
    head = np.ones((1, 2))
    crossing = [np.array([0.0, 0.1]), np.zeros(1)], [np.eye(2), head]
    assert count_activation_regions(X, *crossing) == 4
    parallel = [np.array([0.0, -0.5]), np.zeros(1)], [np.array([[1.0, 0.0], [1.0, 0.0]]), head]
    assert count_activation_regions(X, *parallel) == 3
    # three lines in general position through the square: the maximum 7
    normals = np.array([[1.0, 0.2], [-0.3, 1.0], [1.0, 1.0]])
    general = [np.array([0.1, -0.2, 0.3]), np.zeros(1)], [normals, np.ones((1, 3))]
    assert count_activation_regions(X, *general) == 7 == max_regions_shallow(2, 3)


def test_count_activation_regions_shallow_random_never_exceeds_the_bound():
    X = _grid(-3, 3, 151)
    for seed in range(5):
        betas, omegas = init_network([2, 6, 1], seed=seed, scale=1.0)
        betas[0] = np.random.default_rng(seed).normal(size=6)
        assert 1 <= count_activation_regions(X, betas, omegas) <= max_regions_shallow(2, 6)


def test_count_activation_regions_1d_agrees_with_slope_count():
    x = np.linspace(0, 2, 4001)
    betas = [THETA[:, 0], PHI[:1]]
    omegas = [THETA[:, 1:], PHI[None, 1:]]
    assert count_activation_regions(x[:, None], betas, omegas) == 4
    y = deep_forward(x[:, None], betas, omegas)[:, 0]
    assert count_linear_regions_1d(y, x) == 4


def test_count_activation_regions_matches_unique_rows_and_edge_cases():
    rng = np.random.default_rng(5)
    X = rng.uniform(-2, 2, size=(4000, 2))
    for sizes in ([2, 3, 1], [2, 9, 1], [2, 12, 7, 1]):  # 1 and 2 bytes per packed row
        betas, omegas = init_network(sizes, seed=1)
        betas = [rng.normal(size=b.shape) for b in betas]
        expected = np.unique(activation_patterns(X, betas, omegas), axis=0).shape[0]
        assert count_activation_regions(X, betas, omegas) == expected
    no_hidden = [np.zeros(1)], [np.ones((1, 2))]
    assert count_activation_regions(X, *no_hidden) == 1
    assert count_activation_regions(X[:0], *no_hidden) == 0
