"""helpers.gradcheck: finite differences, relative error, and the report."""

from __future__ import annotations

import numpy as np
import pytest

from helpers.gradcheck import GradcheckReport, gradcheck, numerical_gradient, relative_error

RNG = np.random.default_rng(1)


def test_numerical_gradient_of_known_functions():
    x = RNG.normal(size=(3, 2))
    np.testing.assert_allclose(numerical_gradient(lambda v: np.sum(v**2), x), 2 * x, atol=1e-8)
    g = numerical_gradient(lambda v: np.sum(np.sin(v)), x)
    np.testing.assert_allclose(g, np.cos(x), atol=1e-8)
    # a scalar (0-d) array works as well
    s = np.array(2.0)
    assert numerical_gradient(lambda v: float(v**3), s) == pytest.approx(12.0, rel=1e-8)


def test_numerical_gradient_is_centred():
    # f(x) = x^3 at 1: a one-sided difference is off by about 3 eps; a centred one by eps^2
    x = np.array([1.0])
    g = numerical_gradient(lambda v: float(v[0] ** 3), x, eps=1e-3)
    assert abs(g[0] - 3.0) < 2e-6


def test_numerical_gradient_restores_x_exactly():
    x = RNG.normal(size=(4, 3))
    x0 = x.copy()
    numerical_gradient(lambda v: float(np.sum(np.exp(v))), x)
    np.testing.assert_array_equal(x, x0)


def test_numerical_gradient_refuses_float32_and_lists():
    with pytest.raises(TypeError, match="float64"):
        numerical_gradient(lambda v: float(v.sum()), np.zeros(3, np.float32))
    with pytest.raises(TypeError, match="numpy array"):
        numerical_gradient(lambda v: float(sum(v)), [1.0, 2.0])


def test_relative_error_values():
    a = np.array([1.0, -2.0])
    assert relative_error(a, a) == 0.0
    assert relative_error(a, -a) == pytest.approx(1.0)
    assert relative_error(a, np.zeros(2)) == pytest.approx(1.0)
    assert relative_error(np.zeros(3), np.zeros(3)) == 0.0  # no 0/0
    assert relative_error([1.0], [1.0 + 2e-7]) == pytest.approx(1e-7, rel=1e-3)
    with pytest.raises(ValueError, match="shapes"):
        relative_error(np.zeros(2), np.zeros(3))


def _quadratic_problem():
    """L(A, b) = sum((A x + b)^2) with its correct gradients."""
    A, b, x = RNG.normal(size=(3, 4)), RNG.normal(size=3), RNG.normal(size=4)

    def loss():
        r = A @ x + b
        return float(r @ r)

    r = A @ x + b
    return A, b, loss, 2 * np.outer(r, x), 2 * r


def test_gradcheck_passes_correct_gradients_list_and_dict():
    A, b, loss, dA, db = _quadratic_problem()
    report = gradcheck(loss, [A, b], [dA, db])
    assert isinstance(report, GradcheckReport)
    assert report.ok and bool(report)
    assert report.max_rel_error < 1e-7
    assert "OK" in repr(report) and "params[0]" in repr(report)

    report = gradcheck(loss, {"A": A, "b": b}, {"b": db, "A": dA})
    assert report.ok
    assert {c.name for c in report.checks} == {"A", "b"}


def test_gradcheck_accepts_function_of_the_array():
    x = RNG.normal(size=5)
    assert gradcheck(lambda v: float(np.sum(v**2)), [x], [2 * x]).ok


def test_gradcheck_finds_the_wrong_entry():
    A, b, loss, dA, db = _quadratic_problem()
    bad = dA.copy()
    bad[1, 2] += 0.5
    report = gradcheck(loss, {"A": A, "b": b}, {"A": bad, "b": db})
    assert not report.ok
    worst = report.checks[0]
    assert worst.name == "A" and worst.worst_index == (1, 2)
    assert worst.rel_error > 1e-2
    text = repr(report)
    assert "FAILED" in text and "[1, 2]" in text and "! A" in text


def test_gradcheck_mismatched_inputs():
    A, b, loss, dA, db = _quadratic_problem()
    with pytest.raises(ValueError, match="shape"):
        gradcheck(loss, [A, b], [dA.T, db])
    with pytest.raises(ValueError, match="2 parameter arrays but 1"):
        gradcheck(loss, [A, b], [dA])
    with pytest.raises(ValueError, match="same structure"):
        gradcheck(loss, {"A": A}, [dA])
