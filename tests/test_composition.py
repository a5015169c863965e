"""Tests of helpers.composition: composing shallow networks, the two-layer form, the folds."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.activations import tanh
from helpers.composition import (
    combine_to_two_layer,
    compose_deep,
    compose_shallow,
    piece_index,
    piece_slopes,
    shallow_to_deep,
    sorted_joints,
    two_layer_forward,
    two_layer_to_deep,
)
from helpers.networks import deep_forward, shallow_forward
from helpers.regions import count_linear_regions_1d, count_regions_1d_exact, random_relu_network

# The folding pair of notebook 03: network 1 sweeps [-1, 1] three times, network 2 has 3 pieces.
THETA1 = np.array([[1.5, 1.0], [1 / 3, 1.0], [-1 / 3, 1.0]])
PHI1 = np.array([-2.5, 3.0, -6.0, 6.0])
THETA2 = np.array([[1.5, 1.0], [0.2, 1.0], [-0.6, 1.0]])
PHI2 = np.array([-1.25, 1.5, -2.5, 3.0])


def _shallow(rng: np.random.Generator, d: int) -> tuple[np.ndarray, np.ndarray]:
    return rng.normal(size=(d, 2)), rng.normal(size=d + 1)


def _relu_shallow(x: np.ndarray, theta: np.ndarray, phi: np.ndarray) -> np.ndarray:
    """Independent reference: a loop over the hidden units."""
    out = np.full(x.shape, phi[0])
    for d, (t0, t1) in enumerate(theta):
        out = out + phi[d + 1] * np.maximum(0.0, t0 + t1 * x)
    return out


def test_compose_shallow_known_values():
    x = np.array([-1.0, -1 / 3, 0.0, 1 / 3, 1.0])
    np.testing.assert_allclose(shallow_forward(x, THETA1, PHI1), [-1, 1, 0, -1, 1], atol=1e-12)
    np.testing.assert_allclose(compose_shallow(x, (THETA1, PHI1), (THETA2, PHI2)),
                               [-0.5, 0.7, 0.5, -0.5, 0.7], atol=1e-12)


def test_compose_shallow_other_activation():
    rng = np.random.default_rng(0)
    net1, net2 = _shallow(rng, 3), _shallow(rng, 4)
    x = rng.normal(size=20)
    y = net1[1][0] + tanh(net1[0][:, 0] + np.outer(x, net1[0][:, 1])) @ net1[1][1:]
    want = net2[1][0] + tanh(net2[0][:, 0] + np.outer(y, net2[0][:, 1])) @ net2[1][1:]
    np.testing.assert_allclose(compose_shallow(x, net1, net2, activation="tanh"), want)
    np.testing.assert_allclose(compose_shallow(x, net1, net2, activation=tanh), want)


def test_combine_known_values():
    theta, psi, phi2 = combine_to_two_layer(np.array([[0.0, 1.0], [1.0, -1.0]]), [1.0, 3.0, -2.0],
                                            np.array([[0.5, 2.0], [-1.0, -1.0]]), [0.0, 1.0, 1.0])
    np.testing.assert_allclose(psi, [[2.5, 6.0, -4.0], [-2.0, -3.0, 2.0]])
    np.testing.assert_allclose(theta, [[0.0, 1.0], [1.0, -1.0]])
    np.testing.assert_allclose(phi2, [0.0, 1.0, 1.0])


@settings(max_examples=40, deadline=None)
@given(d1=st.integers(1, 6), d2=st.integers(1, 6), seed=st.integers(0, 10_000))
def test_two_layer_network_equals_composition(d1, d2, seed):
    rng = np.random.default_rng(seed)
    (t1, p1), (t2, p2) = _shallow(rng, d1), _shallow(rng, d2)
    x = rng.uniform(-4, 4, size=50)
    params = combine_to_two_layer(t1, p1, t2, p2)
    want = _relu_shallow(_relu_shallow(x, t1, p1), t2, p2)
    np.testing.assert_allclose(two_layer_forward(x, *params), want, atol=1e-10)
    np.testing.assert_allclose(deep_forward(x, *two_layer_to_deep(*params))[:, 0], want, atol=1e-10)
    # the weights of a composition form a rank-one matrix
    assert np.linalg.matrix_rank(params[1][:, 1:]) <= 1


def test_two_layer_forward_against_loops():
    rng = np.random.default_rng(3)
    theta, psi, phi2 = rng.normal(size=(3, 2)), rng.normal(size=(4, 4)), rng.normal(size=5)
    x = rng.normal(size=7)
    h = [np.maximum(0, t0 + t1 * x) for t0, t1 in theta]
    want = np.full(x.shape, phi2[0])
    for i, row in enumerate(psi):
        want += phi2[i + 1] * np.maximum(0, row[0] + sum(row[j + 1] * h[j] for j in range(3)))
    np.testing.assert_allclose(two_layer_forward(x, theta, psi, phi2), want)


def test_shapes_are_checked():
    with pytest.raises(ValueError, match="theta"):
        combine_to_two_layer(np.ones((3, 3)), np.ones(4), THETA2, PHI2)
    with pytest.raises(ValueError, match="phi"):
        combine_to_two_layer(THETA1, np.ones(3), THETA2, PHI2)
    with pytest.raises(ValueError, match="psi"):
        two_layer_forward(np.zeros(2), THETA1, np.ones((3, 3)), PHI2)


def test_shallow_to_deep_matches_shallow_forward():
    rng = np.random.default_rng(4)
    theta, phi = _shallow(rng, 5)
    x = rng.normal(size=30)
    betas, omegas = shallow_to_deep(theta, phi)
    assert [w.shape for w in omegas] == [(5, 1), (1, 5)]
    assert [b.shape for b in betas] == [(5,), (1,)]
    np.testing.assert_allclose(deep_forward(x, betas, omegas)[:, 0], shallow_forward(x, theta, phi))


@settings(max_examples=30, deadline=None)
@given(sizes1=st.lists(st.integers(1, 5), min_size=2, max_size=4),
       sizes2=st.lists(st.integers(1, 5), min_size=1, max_size=3), seed=st.integers(0, 10_000))
def test_compose_deep_equals_sequential(sizes1, sizes2, seed):
    sizes2 = [sizes1[-1]] + sizes2
    rng = np.random.default_rng(seed)
    net1 = random_relu_network(sizes1, seed=rng)
    net2 = random_relu_network(sizes2, seed=rng)
    betas, omegas = compose_deep(net1, net2)
    assert len(omegas) == len(sizes1) + len(sizes2) - 3
    X = rng.normal(size=(20, sizes1[0]))
    np.testing.assert_allclose(deep_forward(X, betas, omegas),
                               deep_forward(deep_forward(X, *net1), *net2), atol=1e-10)


def test_compose_deep_rejects_mismatch():
    with pytest.raises(ValueError, match="outputs"):
        compose_deep(random_relu_network([2, 3, 2]), random_relu_network([1, 3, 1]))


def test_composition_region_counts_of_the_lecture():
    """Two 3-unit networks: 9 regions on [-1, 1]; a better network 2 reaches 12."""
    net1 = shallow_to_deep(THETA1, PHI1)
    assert count_regions_1d_exact(*compose_deep(net1, shallow_to_deep(THETA2, PHI2)), -1, 1) == 9
    theta_design = np.array([[-0.5, -1.0], [0.0, 1.0], [-0.5, 1.0]])
    phi_design = np.array([0.0, 1.0, -1.0, 2.0])
    composed = compose_deep(net1, shallow_to_deep(theta_design, phi_design))
    assert count_regions_1d_exact(*composed, -1, 1) == 12
    x = np.linspace(-1, 1, 20001)
    assert count_linear_regions_1d(deep_forward(x, *composed)[:, 0], x) == 12


def test_sorted_joints_and_piece_index():
    theta = np.array([[-1.0, 2.0], [0.5, 0.0], [1.0, -1.0], [1.5, 1.0]])  # joints 0.5, none, 1, -1.5
    np.testing.assert_allclose(sorted_joints(theta), [-1.5, 0.5, 1.0])
    x = np.array([-2.0, -1.5, 0.0, 0.5, 0.99, 1.0, 3.0])
    np.testing.assert_array_equal(piece_index(x, theta), [0, 1, 1, 2, 2, 3, 3])
    assert piece_index(np.zeros((2, 3)), theta).shape == (2, 3)


@settings(max_examples=30, deadline=None)
@given(d=st.integers(1, 6), seed=st.integers(0, 10_000))
def test_piece_slopes_match_centred_differences(d, seed):
    rng = np.random.default_rng(seed)
    theta, phi = _shallow(rng, d)
    joints = sorted_joints(theta)
    slopes = piece_slopes(theta, phi)
    assert slopes.shape == (joints.size + 1,)
    if np.any(np.diff(joints) < 1e-4):
        return  # pieces too thin to probe with finite differences
    probes = np.concatenate([[joints[0] - 3], (joints[:-1] + joints[1:]) / 2, [joints[-1] + 3]])
    eps = 1e-6
    numeric = (shallow_forward(probes + eps, theta, phi) - shallow_forward(probes - eps, theta, phi))
    np.testing.assert_allclose(slopes, numeric / (2 * eps), rtol=1e-5, atol=1e-6)


def test_piece_slopes_of_the_folding_network():
    np.testing.assert_allclose(piece_slopes(THETA1, PHI1), [0.0, 3.0, -3.0, 3.0])
    # no joints at all: one piece, slope 0 (units that never switch are constants)
    np.testing.assert_allclose(piece_slopes(np.array([[1.0, 0.0]]), [0.0, 5.0]), [0.0])
