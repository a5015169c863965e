"""Tests of helpers.information: scipy, hand-worked values and the identities of the theory."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from helpers.information import cross_entropy, entropy, information, kl_divergence


@pytest.fixture(autouse=True)
def _warnings_are_errors():
    """0 log 0 and log 0 must be handled, not warned about."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        yield


@st.composite
def distributions(draw, k: int | None = None, with_zeros: bool = True):
    """A probability vector of length k (2..8), possibly with exact zeros."""
    k = k or draw(st.integers(2, 8))
    weights = np.array(draw(st.lists(st.floats(0.0, 10.0) if with_zeros else st.floats(0.01, 10.0),
                                     min_size=k, max_size=k)))
    if weights.sum() == 0:
        weights[0] = 1.0
    return weights / weights.sum()


@st.composite
def pairs(draw):
    k = draw(st.integers(2, 8))
    return draw(distributions(k)), draw(distributions(k, with_zeros=False))


# --------------------------------------------------------------------------- information


def test_information_known_values():
    assert information(0.5) == 1.0  # one bit: a fair coin flip
    assert information(0.25) == 2.0
    assert information(1.0) == 0.0  # a certain event tells nothing
    assert information(0.0) == np.inf
    assert information(np.exp(-1), base=np.e) == pytest.approx(1.0)
    np.testing.assert_allclose(information([0.5, 0.125]), [1.0, 3.0])


@given(st.floats(1e-6, 1.0), st.floats(1e-6, 1.0))
def test_information_is_additive_and_decreasing(p1, p2):
    total = information(p1) + information(p2)
    assert information(p1 * p2) == pytest.approx(total, rel=1e-9, abs=1e-12)
    assert information(min(p1, p2)) >= information(max(p1, p2)) >= 0.0


def test_information_rejects_non_probabilities():
    with pytest.raises(ValueError):
        information(1.5)
    with pytest.raises(ValueError):
        information(-0.1)


# --------------------------------------------------------------------------- entropy


def test_entropy_known_values():
    assert entropy([0.5, 0.5]) == pytest.approx(1.0)
    assert entropy([0.25] * 4) == pytest.approx(2.0)  # two fair coins: 2 bits
    assert entropy([1.0, 0.0, 0.0]) == 0.0  # 0 log 0 = 0, no NaN
    assert entropy([0.5, 0.5], base=np.e) == pytest.approx(np.log(2))
    assert isinstance(entropy([0.5, 0.5]), float)


def test_entropy_batches_along_last_axis():
    P = np.array([[0.5, 0.5, 0.0, 0.0], [0.25, 0.25, 0.25, 0.25], [1.0, 0.0, 0.0, 0.0]])
    np.testing.assert_allclose(entropy(P), [1.0, 2.0, 0.0])
    assert entropy(P[None]).shape == (1, 3)


@given(distributions())
def test_entropy_matches_scipy_and_is_at_most_log_k(p):
    assert entropy(p) == pytest.approx(stats.entropy(p, base=2), abs=1e-12)
    assert 0.0 <= entropy(p) <= np.log2(len(p)) + 1e-12
    assert entropy(p, base=np.e) == pytest.approx(entropy(p) * np.log(2), abs=1e-12)


@pytest.mark.parametrize("k", [2, 3, 10, 256])
def test_uniform_has_maximal_entropy(k):
    uniform = np.full(k, 1.0 / k)
    assert entropy(uniform) == pytest.approx(np.log2(k))
    rng = np.random.default_rng(k)
    others = rng.dirichlet(np.ones(k), size=200)
    assert np.all(entropy(others) < entropy(uniform))


@pytest.mark.parametrize("bad", [[0.5, 0.6], [1.2, -0.2], [0.5, np.nan], 0.5])
def test_entropy_rejects_non_distributions(bad):
    with pytest.raises(ValueError):
        entropy(bad)


# --------------------------------------------------------------------------- cross-entropy and KL


def test_cross_entropy_and_kl_known_values():
    p, q = [0.5, 0.5], [0.25, 0.75]
    assert cross_entropy(p, q) == pytest.approx(-0.5 * np.log2(0.25) - 0.5 * np.log2(0.75))
    assert kl_divergence(p, q) == pytest.approx(0.5 * np.log2(2.0) + 0.5 * np.log2(0.5 / 0.75))
    # one-hot truth: cross-entropy = KL = -log q_y (the categorical cross-entropy loss)
    assert cross_entropy([0.0, 1.0], [0.2, 0.8], base=np.e) == pytest.approx(0.2231435513)
    assert kl_divergence([0.0, 1.0], [0.2, 0.8], base=np.e) == pytest.approx(0.2231435513)


def test_zeros_follow_the_conventions():
    # p = 0 terms count 0, even where q = 0
    assert cross_entropy([1.0, 0.0], [1.0, 0.0]) == 0.0
    assert kl_divergence([1.0, 0.0], [1.0, 0.0]) == 0.0
    assert kl_divergence([0.5, 0.5, 0.0], [0.25, 0.25, 0.5]) == pytest.approx(1.0)
    # q = 0 where p > 0: infinite
    assert cross_entropy([0.5, 0.5], [1.0, 0.0]) == np.inf
    assert kl_divergence([0.5, 0.5], [1.0, 0.0]) == np.inf
    # the reverse direction is finite: KL is not symmetric
    assert np.isfinite(kl_divergence([1.0, 0.0], [0.5, 0.5]))


@settings(max_examples=200)
@given(pairs())
def test_cross_entropy_is_entropy_plus_kl(pq):
    p, q = pq
    for base in (2.0, np.e):
        decomposed = entropy(p, base) + kl_divergence(p, q, base)
        assert cross_entropy(p, q, base) == pytest.approx(decomposed, rel=1e-9, abs=1e-12)
    assert kl_divergence(p, q, base=np.e) == pytest.approx(stats.entropy(p, q), rel=1e-9, abs=1e-12)
    assert kl_divergence(p, q) >= 0.0
    assert cross_entropy(p, q) >= entropy(p) - 1e-12


@given(distributions())
def test_kl_of_a_distribution_with_itself_is_zero(p):
    assert kl_divergence(p, p) == pytest.approx(0.0, abs=1e-12)
    assert cross_entropy(p, p) == pytest.approx(entropy(p), abs=1e-12)


def test_batched_pairs_and_broadcasting():
    P = np.array([[0.5, 0.5], [1.0, 0.0]])
    Q = np.array([0.25, 0.75])
    rows = [kl_divergence(P[0], Q), kl_divergence(P[1], Q)]
    np.testing.assert_allclose(kl_divergence(P, Q), rows)
    assert cross_entropy(P, P).shape == (2,)


def test_cross_entropy_over_q_is_minimised_at_p():
    """Minimising H(P, Q) over Q lands on Q = P: H(P) does not depend on Q."""
    p = np.array([0.7, 0.3])
    grid = np.linspace(0.001, 0.999, 999)
    values = [cross_entropy(p, [t, 1 - t]) for t in grid]
    assert grid[int(np.argmin(values))] == pytest.approx(0.7, abs=1e-3)


def test_bad_base_is_refused():
    with pytest.raises(ValueError):
        entropy([0.5, 0.5], base=1.0)
