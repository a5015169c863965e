"""Demos that run before the exercise above them is solved.

A demo cell uses what the student wrote when it works, and the course's own version otherwise,
and says in one line which one it uses::

    relu_fn = student_or_reference("relu", helpers.relu, np.linspace(-2, 2, 5))
    beta = student_value_or_reference("beta_sep", -4.0, valid=lambda b: np.ndim(b) == 0)

"Works" means: the name is defined, calling it on the probe input neither raises nor warns, and
its result matches the reference's (same shape, close values). So a demo never crashes on an
unsolved exercise, and never draws a wrong picture from a half-solved one without saying so.

Where the probe is more than one call (a class, a training run), ``via(function)`` runs it and
returns what is compared: the student's and the reference's ``via`` results must match::

    Classic = student_or_reference("Momentum", optim.SGD, via=lambda cls: path_of(cls, momentum=0.9))
    split = student_or_reference("validation_split", capstone.validation_split,
                                 via=lambda f: [np.shape(part) for part in f(X, y, 0.2, 0)])

(the second compares shapes only: another valid random split is as good as the course's).
"""

from __future__ import annotations

import sys
import warnings
from collections.abc import Callable
from typing import Any

import numpy as np

__all__ = ["student_or_reference", "students_or_references", "student_value_or_reference", "same_values"]


def same_values(a: Any, b: Any, *, rtol: float = 1e-6, atol: float = 1e-8) -> bool:
    """True when ``a`` and ``b`` hold the same numbers (nested tuples/lists/arrays, same shapes)."""
    if isinstance(b, tuple | list) and not _is_numeric_sequence(b):
        if not isinstance(a, tuple | list) or len(a) != len(b):
            return False
        return all(same_values(x, y, rtol=rtol, atol=atol) for x, y in zip(a, b, strict=True))
    try:
        a_arr, b_arr = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    except (TypeError, ValueError):
        try:
            return bool(a == b)
        except Exception:  # noqa: BLE001 - an odd object compares as different
            return False
    if a_arr.shape != b_arr.shape:
        return False
    return bool(np.allclose(a_arr, b_arr, rtol=rtol, atol=atol, equal_nan=True))


def _is_numeric_sequence(value: Any) -> bool:
    try:
        np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        return False
    return True


def _reference_name(reference: Any) -> str:
    module = getattr(reference, "__module__", None)
    name = getattr(reference, "__qualname__", None) or getattr(reference, "__name__", None)
    if module and name and module.startswith("helpers") and "<" not in name:
        return f"`{module}.{name}`"
    return "the course's version"


def _caller_namespace(depth: int = 2) -> dict[str, Any]:
    return sys._getframe(depth).f_globals  # noqa: SLF001 - the notebook's namespace


def _choose(name: str, reference: Callable[..., Any] | None, probe_args: tuple, probe_kwargs: dict,
            ns: dict[str, Any], rtol: float, atol: float,
            via: Callable[[Any], Any] | None = None) -> tuple[Callable[..., Any] | None, str | None]:
    """(function to use, None) for a working student function, else (reference, the reason)."""
    fn = ns.get(name)
    if not callable(fn):
        return reference, "is not defined yet (run its answer cell)"
    if via is not None or probe_args or probe_kwargs:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error")
                # underflow (exp of a very negative number is 0) is never a slip; overflow is
                with np.errstate(all="raise", under="ignore"):
                    got = via(fn) if via is not None else fn(*probe_args, **probe_kwargs)
        except NotImplementedError:
            return reference, "is not written yet"
        except Exception as err:  # noqa: BLE001 - any failure of student code means: fall back
            return reference, f"raised {type(err).__name__} on a test input"
        expected = None if reference is None else (
            via(reference) if via is not None else reference(*probe_args, **probe_kwargs))
        if reference is not None and not same_values(got, expected, rtol=rtol, atol=atol):
            return reference, "gives other values than the course's on a test input (see its tests)"
    return fn, None


def student_or_reference(
    name: str,
    reference: Callable[..., Any] | None,
    *probe_args: Any,
    namespace: dict[str, Any] | None = None,
    via: Callable[[Any], Any] | None = None,
    rtol: float = 1e-6,
    atol: float = 1e-8,
    **probe_kwargs: Any,
) -> Callable[..., Any] | None:
    """The student's function ``name`` if it works on the probe input, else ``reference``.

    ``namespace`` is where to look ``name`` up (default: the calling notebook's globals). With
    probe arguments the student's result must match ``reference(*probe_args, **probe_kwargs)``;
    without them it only has to be defined. ``via(function)`` instead of probe arguments: a test
    of a class or of several calls, compared between the student's and the reference.
    Prints one line saying which function the demo uses.
    A ``reference`` of None: the course shows nothing of its own there (it would give the answer
    away); the demo gets None and leaves that part out. Bind the result to a new name
    (``relu_fn = ...``): rebinding ``relu`` itself would put the course's function where the
    test cell expects the student's.
    """
    ns = _caller_namespace() if namespace is None else namespace
    fn, reason = _choose(name, reference, probe_args, probe_kwargs, ns, rtol, atol, via)
    if reason is None:
        print(f"This demo uses your `{name}`.")
    elif reference is None:
        print(f"Your `{name}` {reason}: this demo shows only what does not need it.")
    else:
        print(f"Your `{name}` {reason}: this demo uses {_reference_name(reference)} instead.")
    return fn


def students_or_references(
    candidates: dict[str, tuple[Callable[..., Any] | None, tuple | Callable[[Any], Any]]],
    *,
    namespace: dict[str, Any] | None = None,
    rtol: float = 1e-6,
    atol: float = 1e-8,
) -> dict[str, Callable[..., Any] | None]:
    """Several functions at once: ``{name: (reference, probe)}`` -> ``{name: function to use}``.

    ``probe`` is a tuple of probe arguments, or a function ``via`` as in ``student_or_reference``.
    Prints one line: which of the student's functions the demo uses and which it replaces.
    """
    ns = _caller_namespace() if namespace is None else namespace
    chosen: dict[str, Callable[..., Any] | None] = {}
    yours: list[str] = []
    ours: list[str] = []
    for name, (reference, probe) in candidates.items():
        via = probe if callable(probe) else None
        args = () if callable(probe) else tuple(probe)
        chosen[name], reason = _choose(name, reference, args, {}, ns, rtol, atol, via)
        (yours if reason is None else ours).append(f"`{name}`")
    if not ours:
        print(f"This demo uses your {', '.join(yours)}.")
    elif not yours:
        print(f"This demo uses the course's {', '.join(ours)} (yours are not working yet).")
    else:
        print(f"This demo uses your {', '.join(yours)} and the course's {', '.join(ours)} "
              f"(yours are not working yet).")
    return chosen


def student_value_or_reference(
    name: str,
    reference: Any,
    *,
    valid: Callable[[Any], bool] | None = None,
    namespace: dict[str, Any] | None = None,
    lazy: bool = False,
) -> Any:
    """The student's value ``name`` when it is defined (and ``valid(value)`` holds), else ``reference``.

    Prints one line saying which value the demo uses. A ``reference`` of None means the demo
    has no value of its own to show (it would give the answer away) and leaves that part out.
    With ``lazy=True``, ``reference`` is a function of no arguments that makes the course's
    value (e.g. trains a model), called only when the student's value is not used.
    """
    ns = _caller_namespace() if namespace is None else namespace
    ours = "this demo uses the course's value" if reference is not None else "this demo leaves it out"
    if name not in ns:
        print(f"`{name}` is not set yet (run its answer cell): {ours}.")
    else:
        value = ns[name]
        try:
            ok = True if valid is None else bool(valid(value))
        except Exception:  # noqa: BLE001 - an invalid value falls back like a failing check
            ok = False
        if ok:
            print(f"This demo uses your `{name}`.")
            return value
        print(f"Your `{name}` does not pass its check yet: {ours}.")
    return reference() if lazy and reference is not None else reference
