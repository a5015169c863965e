"""helpers.regions: bounds vs the lectures' numbers and each other; exact counts vs grids."""

from __future__ import annotations

from math import comb

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.data import EXAMPLE_PHI as PHI
from helpers.data import EXAMPLE_THETA as THETA
from helpers.networks import count_parameters, deep_forward, init_network, shallow_forward, theta_from_joints
from helpers.regions import (
    activation_patterns,
    breakpoints_1d,
    count_activation_regions,
    count_linear_regions_1d,
    count_regions_1d_exact,
    folding_network_1d,
    layerwise_upper_bound,
    max_regions_deep_1d,
    max_regions_shallow,
    montufar_lower_bound,
    random_relu_network,
    serra_lower_bound,
)

SUM_50_10 = sum(comb(50, j) for j in range(11))  # regions of 50 hyperplanes in R^10


# ------------------------------------------------------------------ the lectures' numbers


def test_471_parameter_network_has_at_most_161051_regions():
    assert count_parameters([1] + [10] * 5 + [1]) == 471
    assert max_regions_deep_1d(10, 5) == 161_051  # the slide's "161,501" is a typo
    assert layerwise_upper_bound(1, [10] * 5) == 161_051


def test_10801_parameter_network_bounds():
    assert count_parameters([10] + [50] * 5 + [1]) == 10_801
    upper = layerwise_upper_bound(10, [50] * 5)
    assert upper == SUM_50_10**5
    assert 4.3e50 < upper < 4.4e50
    montufar = montufar_lower_bound(10, 50, 5)
    assert montufar == 5**40 * SUM_50_10
    assert 1.2e38 < montufar < 1.23e38 < 1e40  # Montufar's construction alone does not reach 1e40
    serra = serra_lower_bound(10, [50] * 5)
    assert serra == 6**40 * SUM_50_10
    assert 1e40 < 1.79e41 < serra < 1.8e41  # Serra et al.'s does
    assert montufar < serra < upper


def test_bounds_are_exact_python_ints():
    for value in (max_regions_deep_1d(50, 40), layerwise_upper_bound(10, [50] * 5),
                  montufar_lower_bound(10, 50, 5), serra_lower_bound(10, [50] * 5)):
        assert type(value) is int


# ------------------------------------------------------------------ bounds vs each other


def test_shallow_special_cases():
    assert max_regions_shallow(1, 7) == 8  # D + 1 pieces on a line
    assert max_regions_shallow(2, 3) == 7  # three lines in general position
    assert max_regions_shallow(5, 4) == 2**4  # as many inputs as units: every pattern
    assert layerwise_upper_bound(2, [3]) == 7


def test_narrow_layer_is_a_bottleneck():
    # the 2-unit layer leaves an image of dimension <= 2 for the next layer
    assert layerwise_upper_bound(5, [2, 10]) == 4 * (1 + 10 + 45)
    assert layerwise_upper_bound(5, [10, 2]) == max_regions_shallow(5, 10) * 4


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 4), st.lists(st.integers(1, 12), min_size=1, max_size=5))
def test_layerwise_bound_properties(d_in, widths):
    bound = layerwise_upper_bound(d_in, widths)
    assert bound >= 1
    assert bound == max_regions_shallow(d_in, widths[0]) * (
        layerwise_upper_bound(min(d_in, widths[0]), widths[1:]) if len(widths) > 1 else 1)
    assert bound <= 2 ** sum(widths)  # never more than the number of activation patterns
    if d_in == 1:
        assert bound == np.prod([w + 1 for w in widths], dtype=object)


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 4), st.integers(1, 5), st.integers(0, 8), st.integers(1, 5))
def test_lower_bounds_below_upper_bound(d_in, factor, extra, depth):
    width = 3 * d_in * factor + extra
    upper = layerwise_upper_bound(d_in, [width] * depth)
    serra = serra_lower_bound(d_in, [width] * depth)
    montufar = montufar_lower_bound(d_in, width, depth)
    assert montufar <= serra <= upper
    if d_in == 1:
        assert serra == upper == max_regions_deep_1d(width, depth)  # exact in 1-D
    if depth == 1:
        assert montufar == serra == upper == max_regions_shallow(d_in, width)


def test_bad_arguments_raise():
    with pytest.raises(ValueError, match="d >= d_in"):
        montufar_lower_bound(10, 5, 2)
    with pytest.raises(ValueError, match="3 d_in"):
        serra_lower_bound(2, [5, 5])
    with pytest.raises(ValueError, match="positive"):
        max_regions_deep_1d(0, 3)
    with pytest.raises(ValueError, match="at least one"):
        layerwise_upper_bound(2, [])


# ------------------------------------------------------------------ networks that reach the bound


@pytest.mark.parametrize("d", [3, 4, 5, 6, 9])
@pytest.mark.parametrize("k", [1, 2, 3])
def test_folding_network_reaches_the_1d_maximum(d, k):
    betas, omegas = folding_network_1d(d, k)
    sizes = [1] + [d] * k + [1]
    assert [w.shape for w in omegas] == list(zip(sizes[1:], sizes[:-1], strict=True))
    assert [b.shape for b in betas] == [(s,) for s in sizes[1:]]
    assert count_regions_1d_exact(betas, omegas) == (d + 1) ** k
    x = np.linspace(0.0, 1.0, 100_001)
    y = deep_forward(x, betas, omegas)[:, 0]
    assert count_linear_regions_1d(y, x) == (d + 1) ** k  # a fine grid agrees
    assert -1e-9 < y.min() and y.max() < 1 + 1e-9  # maps [0, 1] onto [0, 1]
    assert y.max() > 1 - 1e-4


def test_folding_network_with_471_parameters_makes_161051_regions():
    betas, omegas = folding_network_1d(10, 5)
    assert sum(b.size + w.size for b, w in zip(betas, omegas, strict=True)) == 471
    assert count_regions_1d_exact(betas, omegas) == 161_051


def test_folding_network_needs_three_units():
    with pytest.raises(ValueError, match="d >= 3"):
        folding_network_1d(2, 3)


# ------------------------------------------------------------------ exact 1-D counts


def test_breakpoints_of_a_shallow_network_are_its_joints():
    theta0 = np.array([0.5, -0.2, 3.0, 0.1])
    theta1 = np.array([-1.0, 1.0, 1.0, 0.0])  # joints 0.5, 0.2, -3 (outside), none
    betas = [theta0, np.array([0.3])]
    omegas = [theta1[:, None], np.array([[1.0, 2.0, -1.0, 4.0]])]
    np.testing.assert_allclose(breakpoints_1d(betas, omegas, 0.0, 1.0), [0.0, 0.2, 0.5, 1.0])
    assert count_regions_1d_exact(betas, omegas) == 3


def test_a_switch_that_does_not_change_the_output_is_merged():
    betas = [np.array([-0.5, -0.25]), np.array([0.0])]
    omegas = [np.array([[1.0], [1.0]]), np.array([[1.0, 0.0]])]  # unit 2 has weight 0
    assert breakpoints_1d(betas, omegas).size == 4  # two switches inside [0, 1]
    assert count_regions_1d_exact(betas, omegas) == 2  # one visible joint


@pytest.mark.parametrize("seed", range(5))
def test_exact_count_matches_a_fine_grid(seed):
    betas, omegas = random_relu_network([1, 6, 6, 6, 1], seed=seed, bias_std=1.0)
    x = np.linspace(-3.0, 3.0, 400_001)
    y = deep_forward(x, betas, omegas)[:, 0]
    exact = count_regions_1d_exact(betas, omegas, -3.0, 3.0)
    assert exact == count_linear_regions_1d(y, x)
    assert exact <= max_regions_deep_1d(6, 3)


def test_random_network_shapes_and_seed():
    betas, omegas = random_relu_network([2, 5, 3, 1], seed=7)
    assert [w.shape for w in omegas] == [(5, 2), (3, 5), (1, 3)]
    assert [b.shape for b in betas] == [(5,), (3,), (1,)]
    again, _ = random_relu_network([2, 5, 3, 1], seed=7)
    assert all(np.array_equal(a, b) for a, b in zip(betas, again, strict=True))
    assert all(np.any(b != 0) for b in betas)


def test_exact_count_rejects_wrong_networks():
    betas, omegas = random_relu_network([2, 4, 1], seed=0)
    with pytest.raises(ValueError, match="one input"):
        count_regions_1d_exact(betas, omegas)
    betas, omegas = random_relu_network([1, 4, 1], seed=0)
    with pytest.raises(ValueError, match="layer 2"):
        breakpoints_1d(betas, [omegas[0], np.ones((1, 3))])
    with pytest.raises(ValueError, match="lo < hi"):
        breakpoints_1d(betas, omegas, 1.0, 0.0)


# ---------------------------------------------------------------- counts on a grid


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
        betas, omegas = init_network([2, 6, 1], seed=seed, init=1.0)
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


def test_distinct_patterns_match_numpys_unique_rows():
    rng = np.random.default_rng(3)
    P = rng.random((500, 11)) < 0.3
    from helpers import regions

    unique, labels = regions.distinct_patterns(P)
    expected, inverse = np.unique(P, axis=0, return_inverse=True)
    assert np.array_equal(unique, expected)
    assert np.array_equal(labels, inverse.ravel())
    assert np.array_equal(unique[labels], P)
    empty, zeros = regions.distinct_patterns(np.zeros((4, 0), dtype=bool))
    assert empty.shape == (1, 0) and zeros.tolist() == [0, 0, 0, 0]
