"""helpers.autograd.Value: values and gradients against plain floats and centred differences."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.autograd import Value, topological_order


def numeric_grad(f, xs, eps=1e-6):
    """Centred differences of a float function f(*xs) with respect to each argument."""
    grads = []
    for i in range(len(xs)):
        up = list(xs)
        down = list(xs)
        up[i] += eps
        down[i] -= eps
        grads.append((f(*up) - f(*down)) / (2 * eps))
    return grads


def check_against_floats(expr, xs, tol=1e-6):
    """expr works on floats and on Values: compare the value and every gradient."""
    vals = [Value(x) for x in xs]
    out = expr(*vals)
    out.backward()
    assert out.data == pytest.approx(expr(*xs), rel=1e-12, abs=1e-12)
    for v, g in zip(vals, numeric_grad(expr, xs), strict=True):
        assert v.grad == pytest.approx(g, rel=tol, abs=tol)


# floats need math.* and Values need methods: one expression for both
def _exp(x):
    return x.exp() if isinstance(x, Value) else math.exp(x)


def _log(x):
    return x.log() if isinstance(x, Value) else math.log(x)


def _tanh(x):
    return x.tanh() if isinstance(x, Value) else math.tanh(x)


def _sigmoid(x):
    return x.sigmoid() if isinstance(x, Value) else 1 / (1 + math.exp(-x))


def _relu(x):
    return x.relu() if isinstance(x, Value) else max(0.0, x)


@pytest.mark.parametrize(
    "expr, xs",
    [
        (lambda a, b: a + b, [1.5, -2.0]),
        (lambda a, b: a - b, [1.5, -2.0]),
        (lambda a, b: a * b, [1.5, -2.0]),
        (lambda a, b: a / b, [1.5, -2.0]),
        (lambda a: a**3, [1.3]),
        (lambda a: a**-0.5, [2.0]),
        (lambda a: -a, [0.7]),
        (lambda a: 2 + a, [0.7]),
        (lambda a: 2 - a, [0.7]),
        (lambda a: 3 * a, [0.7]),
        (lambda a: 3 / a, [0.7]),
        (lambda a: _exp(a), [0.4]),
        (lambda a: _log(a), [0.4]),
        (lambda a: _tanh(a), [0.4]),
        (lambda a: _sigmoid(a), [-1.2]),
        (lambda a: _relu(a), [0.8]),
        (lambda a: _relu(a), [-0.8]),
    ],
)
def test_each_operation_matches_floats_and_finite_differences(expr, xs):
    check_against_floats(expr, xs)


def test_node_used_twice_collects_both_contributions():
    x = Value(3.0)
    y = x * x  # the same node on both sides of *
    y.backward()
    assert x.grad == pytest.approx(6.0)

    a = Value(-1.5)
    b = a + a
    b.backward()
    assert a.grad == pytest.approx(2.0)


def test_diamond_graph_with_shared_nodes():
    """x feeds two branches that meet again; the shared node h is used three times."""

    def f(x, w):
        h = _tanh(x * w)
        left = h * h
        right = _exp(h * -0.5) + h
        return left * right + _sigmoid(left - w)

    check_against_floats(f, [0.8, -1.3])


def test_skip_connection_needs_topological_order():
    """a reaches the output by a long path and a short one (a naive BFS gets this wrong)."""

    def f(a):
        b = _tanh(a)
        c = b * 2.0
        d = _exp(c * 0.3)
        return d + a * a

    check_against_floats(f, [0.6])


def test_lecture_style_graph():
    """A 14-unit graph in the shape of the lecture's example, loss of squared errors."""

    def e(u1, u2, u3):
        u4 = _tanh(u1 * u3 + u2)
        u5 = _sigmoid(u1 - u2 * u3)
        u6, u7, u8 = _tanh(u4), u4 * u4, _exp(-u4)
        u9, u10, u11 = _tanh(u4 + u5), u4 * u5, _relu(u4 - 2 * u5 + 1)
        u12 = u6 + u9 * u7 - u10
        u13 = u8 * u11 + u5
        u14 = u5 + 0.2 * u10 + 0.7 * u11 + 0.3 * u9
        return (u12 - 0.5) ** 2 + (u13 + 1.0) ** 2 + (u14 - 2.0) ** 2

    check_against_floats(e, [0.3, -0.7, 1.1])


@settings(max_examples=60, deadline=None)
@given(
    st.floats(-2, 2, allow_nan=False),
    st.floats(-2, 2, allow_nan=False),
    st.floats(0.2, 3, allow_nan=False),
)
def test_random_points_of_a_mixed_expression(x, y, z):
    def f(x, y, z):
        return _tanh(x * y - z) * _exp(y / z) + (x - y) ** 2 / z + _log(z) * _sigmoid(x)

    check_against_floats(f, [x, y, z], tol=1e-5)


def test_backward_of_a_deep_chain_does_not_hit_the_recursion_limit():
    x = Value(0.5)
    u = x
    for _ in range(5000):
        u = u * 1.0 + 0.0
    u.backward()
    assert x.grad == pytest.approx(1.0)


def test_topological_order_lists_each_node_once_children_first():
    a, b = Value(1.0, label="a"), Value(2.0, label="b")
    c = a * b
    d = c + a
    e = d * c
    order = topological_order(e)
    assert order[-1] is e
    assert len(order) == len({id(n) for n in order}) == 5
    pos = {id(n): i for i, n in enumerate(order)}
    for node in order:
        for child in node._prev:
            assert pos[id(child)] < pos[id(node)]


def test_repr_is_readable():
    v = Value(0.5, label="u3")
    assert repr(v) == "Value(data=0.5, grad=0, label='u3')"
    w = v * 2
    w.backward()
    assert repr(w) == "Value(data=1, grad=1)"
    assert "grad=2" in repr(v)


def test_errors_are_clear():
    with pytest.raises(ValueError, match="non-positive"):
        Value(0.0).log()
    with pytest.raises(TypeError, match="number exponent"):
        Value(2.0) ** Value(2.0)
    with pytest.raises(TypeError, match="cannot combine"):
        Value(1.0) + "a"
