"""Checks for optimizers that students write (notebook 07): golden values step by step.

    check_steps(Momentum, dict(lr=0.1, momentum=0.9), p0=[1.0, -2.0],
                grads=[[0.5, -1.0], [0.1, 0.2]], expected=[[0.95, -1.9], [0.895, -1.83]])

builds the optimizer on a float copy of ``p0``, calls ``step`` with each gradient and compares
the parameter array after every step with ``expected`` (same array object: the update must be
in place). ``reference_steps`` gives the expected values of a ``helpers.optim`` optimizer, for
hidden tests on random inputs. Failures are ``helpers.checks.CheckFailure`` messages that name
the step, and the likely slip (a name rebound instead of an in-place update, a wrong sign).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from helpers.checks import _fail, _is_hidden, call, check_close, describe

__all__ = ["check_steps", "reference_steps"]


def reference_steps(make: Callable[[list[np.ndarray]], Any], p0: Sequence[ArrayLike],
                    grads: Sequence[Sequence[ArrayLike]]) -> list[list[np.ndarray]]:
    """Parameter values after each step of ``make(params)``: ``[[array per param] per step]``."""
    params = [np.array(p, dtype=float) for p in p0]
    opt = make(params)
    out = []
    for g in grads:
        opt.step([np.array(gi, dtype=float) for gi in g])
        out.append([p.copy() for p in params])
    return out


def check_steps(
    cls: Any,
    kwargs: dict[str, Any],
    *,
    p0: Any,
    grads: Sequence[Any],
    expected: Sequence[Any],
    several: bool = False,
    rtol: float = 1e-7,
    atol: float = 1e-10,
) -> None:
    """Run ``cls(params, **kwargs)`` for ``len(grads)`` steps and compare after each one.

    Args:
        cls: the student's optimizer class (``cls(params, **kwargs)``, then ``.step(grads)``).
        kwargs: its settings, e.g. ``dict(lr=0.1, momentum=0.9)``.
        p0: the start: one array (``several=False``) or a list of arrays (``several=True``).
        grads: one gradient per step (an array, or a list of arrays when ``several``).
        expected: the parameters after each step, same structure as ``grads``.
    """
    starts = [np.array(p, dtype=float) for p in (p0 if several else [p0])]
    params = [p.copy() for p in starts]
    name = getattr(cls, "__name__", "your optimizer")
    settings = "..." if _is_hidden() else ", ".join(f"{k}={v}" for k, v in kwargs.items())
    opt = call(cls, params, **kwargs)
    if not callable(getattr(opt, "step", None)):
        raise _fail(f"{name}(...) has no step method.")
    ids = [id(p) for p in params]
    for t, (g, e) in enumerate(zip(grads, expected, strict=True), start=1):
        g_list = [np.array(gi, dtype=float) for gi in (g if several else [g])]
        g_copy = [gi.copy() for gi in g_list]
        try:
            opt.step(g_list)
        except NotImplementedError:
            raise _fail(f"{name}.step is not implemented yet.",
                        "replace `raise NotImplementedError()` with your code, then run the cell "
                        "again.") from None
        except Exception as err:  # noqa: BLE001 - student code
            raise _fail(f"{name}({settings}).step raised {type(err).__name__} at step {t}: {err}") from err
        if [id(p) for p in params] != ids or opt_params_replaced(opt, params):
            raise _fail(f"{name}.step replaced the parameter arrays instead of updating them.",
                        "update in place (`p -= ...` or `p[...] = ...`): the network holds those "
                        "very arrays.")
        if any(not np.array_equal(a, b) for a, b in zip(g_list, g_copy, strict=True)):
            raise _fail(f"{name}.step modified the gradient arrays it was given.",
                        "compute new arrays from g (e.g. `g * g`), do not change g in place.")
        if t == 1 and all(np.array_equal(p, s) for p, s in zip(params, starts, strict=True)):
            raise _fail(f"{name}({settings}): after step 1 the parameters have not changed.",
                        "`p = p - ...` only rebinds the name p inside the loop: write `p -= ...` "
                        "to change the array itself.")
        for k, (p, ek) in enumerate(zip(params, e if several else [e], strict=True)):
            where = f"params[{k}] " if several else "the parameters "
            what = f"{name}({settings}): {where}after step {t}"
            if not _is_hidden():
                what += f" (gradient {describe(g_list[k])})"
            check_close(p, ek, what, rtol=rtol, atol=atol)


def opt_params_replaced(opt: Any, params: list[np.ndarray]) -> bool:
    """Whether the optimizer's own ``params`` list no longer holds the caller's arrays."""
    own = getattr(opt, "params", None)
    if not isinstance(own, list) or len(own) != len(params):
        return False
    return any(a is not b for a, b in zip(own, params, strict=True))
