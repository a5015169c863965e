"""Gradient checking: compare analytic gradients with centred finite differences.

The centred difference (f(x + eps) - f(x - eps)) / (2 eps) has an error of order eps^2, so
in float64 with ``eps = 1e-6`` it agrees with a correct analytic gradient to about seven
digits. How to read ``relative_error`` (float64):

* about 1e-7 or less: correct;
* around 1e-4: suspicious (a kink of ReLU hit by the perturbation, or a subtle bug);
* above 1e-2: a bug.

Do it in float64: in float32 the differences drown in rounding error (``numerical_gradient``
refuses float32 arrays for that reason). ReLU-like kinks can give a large error for a single
entry when an input sits within ``eps`` of 0; check the worst entry the report shows.

Example::

    net = MLP([2, 5, 3], dtype=np.float64)
    loss, grads = net.loss_and_grads(X, y)
    report = gradcheck(lambda: net.loss_and_grads(X, y)[0], net.params, grads)
    print(report)      # one line per parameter; report.ok is True or False
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

__all__ = ["numerical_gradient", "relative_error", "gradcheck", "GradcheckReport", "ParamCheck"]

_TINY = 1e-300  # floor of the denominator, so two zero gradients give 0, not NaN


def numerical_gradient(
    f: Callable[[np.ndarray], float], x: np.ndarray, eps: float = 1e-6
) -> np.ndarray:
    """Centred finite-difference gradient of a scalar function ``f`` at ``x``.

    Each entry ``x[i]`` is perturbed **in place** to ``x[i] + eps`` and ``x[i] - eps`` and then
    restored exactly, so ``f`` may read ``x`` itself or any array that shares it (a network's
    weights).

    Args:
        f: maps an array of ``x``'s shape to a float (it may ignore its argument).
        x: a float64 array (any shape), modified during the call and restored afterwards.
        eps: the step.

    Returns:
        ``(f(x + eps e_i) - f(x - eps e_i)) / (2 eps)`` for every entry ``i``: an array of
        ``x``'s shape, float64.
    """
    if not isinstance(x, np.ndarray):
        raise TypeError(
            f"x must be a numpy array (it is perturbed in place), got {type(x).__name__}"
        )
    if x.dtype != np.float64:
        raise TypeError(
            f"x has dtype {x.dtype}: finite differences need float64 (in float32 the rounding "
            "error swamps the difference); build the arrays/network with dtype=np.float64"
        )
    grad = np.zeros(x.shape, dtype=np.float64)
    for i in np.ndindex(x.shape):
        old = x[i]
        x[i] = old + eps
        f_plus = float(f(x))
        x[i] = old - eps
        f_minus = float(f(x))
        x[i] = old  # restore exactly
        grad[i] = (f_plus - f_minus) / (2 * eps)
    return grad


def relative_error(a: np.ndarray, b: np.ndarray) -> float:
    """max |a - b| / max(|a| + |b|): one number for how far two gradients are apart.

    Scale-free: 0 when equal, 1 when ``b = -a`` or one of them is zero and the other not.
    In float64 a correct gradient against centred differences gives about 1e-7 or less;
    1e-4 is suspicious; above 1e-2 there is a bug. Two all-zero arrays give 0.
    """
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    if a.shape != b.shape:
        raise ValueError(f"cannot compare arrays of shapes {a.shape} and {b.shape}")
    if a.size == 0:
        return 0.0
    return float(np.max(np.abs(a - b)) / max(float(np.max(np.abs(a) + np.abs(b))), _TINY))


@dataclass
class ParamCheck:
    """The check of one parameter array: its relative error and its worst entry."""

    name: str
    shape: tuple[int, ...]
    rel_error: float
    worst_index: tuple[int, ...]
    analytic: float  # the analytic gradient at the worst entry
    numeric: float  # the finite-difference gradient at the worst entry

    def __repr__(self) -> str:
        idx = ", ".join(map(str, self.worst_index))
        return (
            f"{self.name:<10} {str(self.shape):<12} rel. error {self.rel_error:.1e}   "
            f"worst [{idx}]: analytic {self.analytic:+.6e}, numeric {self.numeric:+.6e}"
        )


@dataclass
class GradcheckReport:
    """Result of ``gradcheck``: ``ok`` plus one ``ParamCheck`` per parameter, worst first."""

    ok: bool
    tol: float
    max_rel_error: float
    checks: list[ParamCheck] = field(default_factory=list)

    def __repr__(self) -> str:
        verdict = "OK" if self.ok else "FAILED"
        lines = [
            f"gradcheck {verdict}: max relative error {self.max_rel_error:.1e} "
            f"(tolerance {self.tol:.0e})"
        ]
        lines += [("  " if c.rel_error <= self.tol else "! ") + repr(c) for c in self.checks]
        return "\n".join(lines)

    def __bool__(self) -> bool:
        return self.ok


Params = Sequence[np.ndarray] | Mapping[str, np.ndarray]


def _as_named(items: Params, what: str) -> dict[str, np.ndarray]:
    if isinstance(items, Mapping):
        return dict(items)
    if isinstance(items, np.ndarray):
        items = [items]
    return {f"{what}[{i}]": a for i, a in enumerate(items)}


def _takes_argument(f: Callable) -> bool:
    try:
        params = inspect.signature(f).parameters.values()
    except (TypeError, ValueError):  # builtins without a signature
        return True
    return any(
        p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD, p.VAR_POSITIONAL) for p in params
    )


def gradcheck(
    f: Callable[[], float] | Callable[[np.ndarray], float],
    params: Params,
    grads: Params,
    eps: float = 1e-6,
    tol: float = 1e-6,
) -> GradcheckReport:
    """Check analytic gradients of every parameter array against centred differences.

    Args:
        f: recomputes the loss (a float) from the *current* values of ``params``; called with
            no argument, or with the array being perturbed if it takes one.
        params: the parameter arrays (float64), as a list or a dict name -> array. They are
            perturbed in place and restored.
        grads: the analytic gradients, same structure, order and shapes as ``params``.
        eps: finite-difference step.
        tol: largest relative error accepted as correct (float64: about 1e-7 is typical).

    Returns:
        A ``GradcheckReport``: ``.ok``, ``.max_rel_error`` and one line per parameter with its
        worst entry, sorted worst first; ``print(report)`` shows it as a table.
    """
    P = _as_named(params, "params")
    G = _as_named(grads, "grads")
    if isinstance(params, Mapping) != isinstance(grads, Mapping) or (
        isinstance(params, Mapping) and set(P) != set(G)
    ):
        raise ValueError(
            "params and grads must have the same structure (lists, or dicts with the same keys)"
        )
    if not isinstance(params, Mapping):
        G = dict(zip(P, G.values(), strict=False))
        if len(P) != len(G):
            raise ValueError(f"got {len(P)} parameter arrays but {len(G)} gradients")
    f1 = f if _takes_argument(f) else (lambda _x: f())
    checks = []
    for name, p in P.items():
        g = np.asarray(G[name], dtype=np.float64)
        if g.shape != p.shape:
            raise ValueError(f"{name}: parameter has shape {p.shape} but its gradient {g.shape}")
        num = numerical_gradient(f1, p, eps)
        err = relative_error(g, num)
        worst = np.unravel_index(int(np.argmax(np.abs(g - num))), p.shape) if p.size else ()
        worst = tuple(int(i) for i in worst)
        checks.append(ParamCheck(name, tuple(p.shape), err, worst,
                                 float(g[worst]) if p.size else 0.0,
                                 float(num[worst]) if p.size else 0.0))
    worst_err = max((c.rel_error for c in checks), default=0.0)
    checks.sort(key=lambda c: -c.rel_error)
    return GradcheckReport(
        ok=bool(worst_err <= tol), tol=tol, max_rel_error=worst_err, checks=checks
    )
