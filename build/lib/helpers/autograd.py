"""A scalar reverse-mode automatic differentiation engine: ``Value``.

Each ``Value`` holds a number (``data``), the derivative of the final output with respect to
it (``grad``, filled in by ``backward()``), the values it was computed from (``_prev``) and a
function ``_backward`` that passes its own ``grad`` on to them by the chain rule. Building an
expression out of ``Value`` objects records the computational graph; ``backward()`` walks it
from the output to the leaves in reverse topological order, so every unit's gradient is
complete before it is passed on (back-propagation by induction)::

    x = Value(2.0, label="x")
    y = Value(-3.0, label="y")
    u = (x * y + x).tanh()
    u.backward()
    x.grad, y.grad          # du/dx = (y + 1)(1 - u^2), du/dy = x (1 - u^2)

The protocol every node follows (the notebook's own ``Value`` class uses the same one):

* ``_prev``: tuple of the nodes this one was computed from (a node may appear twice, as in
  ``x * x``);
* ``_backward()``: **adds** ``d(node)/d(child) * node.grad`` to each child's ``grad``
  (``+=``, never ``=``: a node used twice collects a contribution from each use);
* ``grad``: 0.0 until a backward pass; ``backward()`` sets the output's to 1.0.

Operations: ``+ - * / **`` (with numbers on either side; the exponent of ``**`` is a number),
unary ``-``, ``exp``, ``log``, ``tanh``, ``sigmoid``, ``relu`` (derivative 0 at 0, as in
``helpers.activations``). A deliberately small teaching tool, in the spirit of micrograd.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from numbers import Real

__all__ = ["Value", "topological_order"]


def _noop() -> None:
    return None


class Value:
    """A scalar that remembers how it was computed, for reverse-mode differentiation.

    Args:
        data: the number.
        _children: the ``Value``s it was computed from (set by the operations).
        _op: a short name of the operation that produced it (``"*"``, ``"tanh"``, ...).
        label: an optional name shown by ``repr`` (``"u3"``, ``"w"``).
    """

    def __init__(self, data: float, _children: tuple[Value, ...] = (), _op: str = "",
                 label: str = "") -> None:
        self.data = float(data)
        self.grad = 0.0
        self._prev: tuple[Value, ...] = tuple(_children)
        self._op = _op
        self.label = label
        self._backward: Callable[[], None] = _noop

    def __repr__(self) -> str:
        name = f", label={self.label!r}" if self.label else ""
        return f"Value(data={self.data:.6g}, grad={self.grad:.6g}{name})"

    # ------------------------------------------------------------------ binary operations
    @staticmethod
    def _wrap(other: Value | float) -> Value:
        if isinstance(other, Value):
            return other
        if isinstance(other, Real):
            return Value(other)
        raise TypeError(f"cannot combine a Value with {type(other).__name__}")

    def __add__(self, other: Value | float) -> Value:
        other = self._wrap(other)
        out = Value(self.data + other.data, (self, other), "+")

        def _backward() -> None:  # d(a + b)/da = 1, d(a + b)/db = 1
            self.grad += out.grad
            other.grad += out.grad

        out._backward = _backward
        return out

    def __mul__(self, other: Value | float) -> Value:
        other = self._wrap(other)
        out = Value(self.data * other.data, (self, other), "*")

        def _backward() -> None:  # d(ab)/da = b, d(ab)/db = a
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad

        out._backward = _backward
        return out

    def __pow__(self, exponent: float) -> Value:
        if not isinstance(exponent, Real):
            raise TypeError("only a number exponent is supported: Value ** 2, not Value ** Value")
        exponent = float(exponent)
        out = Value(self.data ** exponent, (self,), f"**{exponent:g}")

        def _backward() -> None:  # d(a^n)/da = n a^(n-1)
            self.grad += exponent * self.data ** (exponent - 1) * out.grad

        out._backward = _backward
        return out

    def __neg__(self) -> Value:
        return self * -1.0

    def __sub__(self, other: Value | float) -> Value:
        return self + (-self._wrap(other))

    def __truediv__(self, other: Value | float) -> Value:
        return self * self._wrap(other) ** -1

    def __radd__(self, other: float) -> Value:
        return self + other

    def __rmul__(self, other: float) -> Value:
        return self * other

    def __rsub__(self, other: float) -> Value:
        return self._wrap(other) - self

    def __rtruediv__(self, other: float) -> Value:
        return self._wrap(other) / self

    # ------------------------------------------------------------------ unary functions
    def exp(self) -> Value:
        """e^x; its derivative is e^x itself (the output)."""
        out = Value(math.exp(self.data), (self,), "exp")

        def _backward() -> None:
            self.grad += out.data * out.grad

        out._backward = _backward
        return out

    def log(self) -> Value:
        """Natural logarithm (x > 0); derivative 1/x."""
        if self.data <= 0:
            raise ValueError(f"log of a non-positive number: {self.data}")
        out = Value(math.log(self.data), (self,), "log")

        def _backward() -> None:
            self.grad += out.grad / self.data

        out._backward = _backward
        return out

    def tanh(self) -> Value:
        """tanh(x); derivative 1 - tanh(x)^2, computed from the output."""
        out = Value(math.tanh(self.data), (self,), "tanh")

        def _backward() -> None:
            self.grad += (1.0 - out.data**2) * out.grad

        out._backward = _backward
        return out

    def sigmoid(self) -> Value:
        """1 / (1 + e^-x) without overflow; derivative s (1 - s), from the output s."""
        x = self.data
        s = 1.0 / (1.0 + math.exp(-x)) if x >= 0 else math.exp(x) / (1.0 + math.exp(x))
        out = Value(s, (self,), "sigmoid")

        def _backward() -> None:
            self.grad += out.data * (1.0 - out.data) * out.grad

        out._backward = _backward
        return out

    def relu(self) -> Value:
        """max(0, x); derivative 1 where x > 0, else 0."""
        out = Value(max(0.0, self.data), (self,), "relu")

        def _backward() -> None:
            self.grad += (1.0 if self.data > 0 else 0.0) * out.grad

        out._backward = _backward
        return out

    # ------------------------------------------------------------------ back-propagation
    def backward(self) -> None:
        """Fill in ``grad`` of every node this one depends on: d(self)/d(node).

        Sets ``self.grad = 1`` and calls each node's ``_backward`` in reverse topological
        order, so a node passes its gradient on only once every use of it has contributed.
        Gradients accumulate: call it once per freshly built graph (or reset ``grad`` to 0
        on every node first).
        """
        order = topological_order(self)
        self.grad = 1.0
        for node in reversed(order):
            node._backward()


def topological_order(root: Value) -> list[Value]:
    """Every node ``root`` depends on, each once, children before the nodes built from them.

    Iterative depth-first search (no recursion limit for deep graphs); the last entry is
    ``root``. Works for any object with a ``_prev`` tuple.
    """
    order: list[Value] = []
    visited: set[int] = set()
    stack: list[tuple[Value, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        if children_done:
            order.append(node)
            continue
        if id(node) in visited:
            continue
        visited.add(id(node))
        stack.append((node, True))
        for child in reversed(node._prev):
            if id(child) not in visited:
                stack.append((child, False))
    return order
