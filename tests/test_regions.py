"""helpers.regions: bounds vs the lectures' numbers and each other; exact counts vs grids."""

from __future__ import annotations

from math import comb

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.networks import count_linear_regions_1d, count_parameters, deep_forward
from helpers.regions import (
    breakpoints_1d,
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
