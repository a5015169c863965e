"""Student-facing checks: the assertions every test cell of the course uses.

A failed check raises :class:`CheckFailure` (a subclass of ``AssertionError``, so nbgrader
counts it as a failed test) whose message says what was called, on what input, what was
expected and what came back, and names the likely slip: a missing ``return``, a function
that is still unimplemented, a wrong type, a ``(3,)`` vs ``(3, 1)`` shape, a transposed
matrix, a NaN, a wrong sign.

Inside ``with hidden():`` (the hidden tests of a notebook) the messages keep the diagnosis
but leave out the inputs and the expected values, so feedback never reveals a hidden test.

Typical use in a test cell::

    from helpers.checks import check_call, check_close, hidden
    check_call(relu, np.array([-2.0, 0.0, 3.0]), expected=[0.0, 0.0, 3.0])
"""

from __future__ import annotations

import copy
import inspect
import numbers
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import numpy as np

__all__ = [
    "CheckFailure",
    "hidden",
    "check_close",
    "check_call",
    "check_equal",
    "check_shape",
    "check_true",
    "call",
    "describe",
]

_state = {"hidden": False, "checks": 0, "hidden_checks": 0}


class CheckFailure(AssertionError):  # noqa: N818 - reads better in a student's traceback
    """A test of the course failed; the message explains what and, where it can, why."""


@contextmanager
def hidden() -> Iterator[None]:
    """Run the checks inside without revealing their inputs or expected values."""
    previous = _state["hidden"]
    _state["hidden"] = True
    try:
        yield
    finally:
        _state["hidden"] = previous


def _is_hidden() -> bool:
    return bool(_state["hidden"])


def _count() -> None:
    """Note that a check ran (the test cell then says whether all of its checks passed)."""
    _state["checks"] += 1
    if _is_hidden():
        _state["hidden_checks"] += 1


def _fail(message: str, hint: str | None = None) -> CheckFailure:
    if hint:
        message = f"{message}\nHint: {hint}"
    if _is_hidden():
        message = f"[hidden test] {message}"
    return CheckFailure(message)


def _short_float(v: float) -> str:
    """4 significant digits; a float that prints as an integer keeps numpy's trailing dot (2.)."""
    text = f"{v:.4g}"
    return text + "." if text.lstrip("-").isdigit() else text


def describe(value: Any, *, max_items: int = 8) -> str:
    """A short, readable description of ``value`` for a message (arrays: values or shape)."""
    if isinstance(value, np.ndarray):
        if value.size <= max_items:
            # %g keeps tiny values visible (1e-07, not 0.) and short ones short (0.5, not 0.5000)
            text = np.array2string(value, separator=", ", formatter={"float_kind": _short_float})
            return f"array({text}, shape={value.shape})" if value.ndim > 1 else f"array({text})"
        return f"array of shape {value.shape}, dtype {value.dtype}"
    if isinstance(value, float | np.floating):
        return f"{float(value):.6g}"
    if isinstance(value, list | tuple) and len(value) > max_items:
        return f"{type(value).__name__} of length {len(value)}"
    if callable(value):
        return getattr(value, "__name__", repr(value))
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def _describe_call(fn: Callable[..., Any], args: tuple, kwargs: dict) -> str:
    name = getattr(fn, "__name__", "your function")
    if _is_hidden():
        parts = [_shape_only(a) for a in args] + [f"{k}=..." for k in kwargs]
    else:
        parts = [describe(a) for a in args] + [f"{k}={describe(v)}" for k, v in kwargs.items()]
    return f"{name}({', '.join(parts)})"


def _shape_only(value: Any) -> str:
    if isinstance(value, np.ndarray):
        return f"<array of shape {value.shape}>"
    return "<…>"


def _as_numeric_array(got: Any, what: str) -> np.ndarray:
    """Turn ``got`` into a float array or explain why it cannot be one."""
    if got is None:
        raise _fail(
            f"{what} returned None.",
            "did you forget `return`? A function that ends without `return` gives None.",
        )
    if isinstance(got, str) or callable(got) or isinstance(got, dict | set):
        raise _fail(f"{what} should be a number or an array of numbers, got {type(got).__name__}.")
    try:
        arr = np.asarray(got, dtype=float)
    except (TypeError, ValueError) as err:
        raise _fail(
            f"{what} should be a number or an array of numbers, got {type(got).__name__} "
            f"that numpy cannot read as numbers ({err})."
        ) from None
    return arr


def _shape_hint(got: tuple, expected: tuple) -> str | None:
    if got == expected[::-1] and len(got) == 2:
        return "the shape is transposed: check the order of a matrix product or a missing `.T`."
    if len(got) + 1 == len(expected) and 1 in expected:
        return ("you return a flat vector where a column or row with an explicit axis of size 1 "
                "is expected (use reshape or keepdims=True).")
    if len(got) == len(expected) + 1 and 1 in got:
        return ("you return an extra axis of size 1: flatten it (e.g. `.ravel()`), "
                "or sum/average with keepdims=False.")
    if len(got) == len(expected) - 1:
        return "an axis is missing: did you sum or average over an axis that should stay?"
    if got == () and expected != ():
        return "you return a single number: did you sum over everything instead of one axis?"
    return None


def check_shape(got: Any, shape: tuple[int, ...], what: str = "the result", *,
                hint: str | None = None) -> None:
    """Check that ``np.shape(got) == shape``, explaining the usual shape slips."""
    _count()
    got_shape = np.shape(got)
    if tuple(got_shape) != tuple(shape):
        raise _fail(
            f"{what} has shape {got_shape}, expected {tuple(shape)}.",
            hint or _shape_hint(tuple(got_shape), tuple(shape)),
        )


def check_close(
    got: Any,
    expected: Any,
    what: str = "the result",
    *,
    rtol: float = 1e-6,
    atol: float = 1e-9,
    hint: str | None = None,
) -> None:
    """Check that ``got`` equals ``expected`` numerically (same shape, close values).

    ``got`` may be a Python number, a list or an array wherever ``expected`` is; the
    shapes must match exactly, so a ``(3,)`` answer fails against a ``(3, 1)`` expectation.
    """
    _count()
    exp = np.asarray(expected, dtype=float)
    arr = _as_numeric_array(got, what)
    if arr.shape != exp.shape:
        raise _fail(
            f"{what} has shape {arr.shape}, expected {exp.shape}.",
            hint or _shape_hint(arr.shape, exp.shape),
        )
    bad = ~np.isfinite(arr) & np.isfinite(exp)
    if bad.any():
        raise _fail(
            f"{what} contains {int(bad.sum())} NaN or infinite value(s) where finite numbers "
            f"are expected.",
            hint or "look for a division by zero, a log of 0, or an exp that overflows.",
        )
    if np.allclose(arr, exp, rtol=rtol, atol=atol, equal_nan=True):
        return
    err = np.abs(arr - exp)
    err = np.where(np.isnan(err), np.inf, err)
    worst = np.unravel_index(int(np.argmax(err)), err.shape) if err.ndim else ()
    slip = _value_slip(arr, exp, rtol, atol)
    if _is_hidden():
        message = f"{what} has wrong values (largest error {float(err.max()):.3g})."
    else:
        where = f" at index {tuple(int(i) for i in worst)}" if worst else ""
        message = (
            f"{what} has wrong values.\n"
            f"  expected: {describe(exp)}\n"
            f"  got:      {describe(arr)}\n"
            f"  largest error {float(err.max()):.3g}{where}: "
            f"expected {float(exp[worst]):.6g}, got {float(arr[worst]):.6g}."
        )
    raise _fail(message, hint or slip)


def _value_slip(arr: np.ndarray, exp: np.ndarray, rtol: float, atol: float) -> str | None:
    def close(a: np.ndarray) -> bool:
        return a.shape == exp.shape and np.allclose(a, exp, rtol=rtol, atol=atol)

    if np.any(exp != 0) and close(-arr):
        return "the values have the wrong sign."
    if arr.ndim == 2 and arr.shape[0] == arr.shape[1] and close(arr.T):
        return "the values look transposed."
    if arr.size > 1 and (close(arr[::-1]) or (arr.ndim == 2 and close(arr[:, ::-1]))):
        return "the values come in reverse order."
    return None


def check_equal(got: Any, expected: Any, what: str = "the result", *, hint: str | None = None) -> None:
    """Check exact equality, for counts, labels, strings and booleans.

    Numbers compare by value (``np.int64(3)`` equals ``3``); arrays compare element-wise.
    """
    _count()
    if got is None and expected is not None:
        raise _fail(f"{what} is None.", "did you forget `return` or to assign the answer?")
    if isinstance(expected, numbers.Number) and not isinstance(expected, bool):
        if isinstance(got, bool) or not isinstance(got, numbers.Number | np.number):
            raise _fail(f"{what} should be a number, got {type(got).__name__}: {describe(got)}.")
    if isinstance(expected, np.ndarray | list | tuple) and not isinstance(expected, str):
        exp = np.asarray(expected)
        got_arr = np.asarray(got)
        if got_arr.shape != exp.shape:
            raise _fail(
                f"{what} has shape {got_arr.shape}, expected {exp.shape}.",
                hint or _shape_hint(got_arr.shape, exp.shape),
            )
        if np.array_equal(got_arr, exp):
            return
        n_wrong = int(np.sum(got_arr != exp))
        detail = "" if _is_hidden() else f"\n  expected: {describe(exp)}\n  got:      {describe(got_arr)}"
        raise _fail(f"{what} differs in {n_wrong} of {exp.size} entries.{detail}", hint)
    if got != expected:
        detail = "" if _is_hidden() else f" expected {describe(expected)}, got {describe(got)}."
        raise _fail(f"{what} is wrong:{detail}" if detail else f"{what} is wrong.", hint)


def check_true(condition: Any, message: str, *, hint: str | None = None) -> None:
    """Fail with ``message`` unless ``condition`` is truthy."""
    _count()
    if not bool(condition):
        raise _fail(message, hint)


def call(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Call a student's ``fn(*args, **kwargs)`` and return its result.

    Turns a still-unimplemented function, a crash, or a function that modifies its inputs
    into a :class:`CheckFailure` that says which call it was (and, for a crash on arrays,
    the shapes of the array arguments).
    """
    _count()
    return _call(fn, args, kwargs)


def _argument_shapes(fn: Callable[..., Any], args: tuple, kwargs: dict) -> str:
    """``X (3, 2), omega (3,)``: the shapes of the array arguments, by parameter name."""
    try:
        bound = inspect.signature(fn).bind(*args, **kwargs).arguments
    except (TypeError, ValueError):
        bound = {f"argument {i + 1}": a for i, a in enumerate(args)} | kwargs
    return ", ".join(f"{k} {np.shape(v)}" for k, v in bound.items() if isinstance(v, np.ndarray))


def _call(fn: Callable[..., Any], args: tuple, kwargs: dict, hint: str | None = None) -> Any:
    described = _describe_call(fn, args, kwargs)
    if not callable(fn):
        raise _fail(f"expected a function, got {type(fn).__name__}: {describe(fn)}.", hint)
    originals = [copy.deepcopy(a) if isinstance(a, np.ndarray | list) else None for a in args]
    try:
        result = fn(*args, **kwargs)
    except NotImplementedError:
        raise _fail(
            f"{described} is not implemented yet.",
            "replace `raise NotImplementedError()` with your code, then run the cell again.",
        ) from None
    except Exception as err:  # noqa: BLE001 - any crash of student code becomes a message
        message = f"{described} raised {type(err).__name__}: {err}"
        shapes = _argument_shapes(fn, args, kwargs)
        shape_error = isinstance(err, ValueError | IndexError) and any(
            word in str(err) for word in ("matmul", "shape", "broadcast", "dimension", "index"))
        if shapes and shape_error:
            message += f"\n  your function was given arrays of shapes: {shapes}."
            hint = hint or ("`A @ B` needs A's last axis to match B's first axis (its second-to-last "
                            "if B is a matrix): check the order of the product, or a missing `.T`.")
        if isinstance(err, Warning):
            hint = hint or "numpy warned about this input; the test counts a warning as a failure."
        raise _fail(message, hint) from err
    for arg, original in zip(args, originals, strict=True):
        if original is not None and not _same(arg, original):
            raise _fail(
                f"{described} modified its input argument in place.",
                "work on a copy (e.g. `z = np.array(z, dtype=float)`) or build a new array.",
            )
    return result


def _same(a: Any, b: Any) -> bool:
    if isinstance(b, list | tuple):  # a list of arrays (e.g. betas): compare entry by entry
        return isinstance(a, list | tuple) and len(a) == len(b) and all(
            _same(x, y) for x, y in zip(a, b, strict=True))
    try:
        return bool(np.array_equal(np.asarray(a), np.asarray(b), equal_nan=True))
    except (TypeError, ValueError):
        return True


def check_call(
    fn: Callable[..., Any],
    *args: Any,
    expected: Any,
    rtol: float = 1e-6,
    atol: float = 1e-9,
    hint: str | None = None,
    **kwargs: Any,
) -> Any:
    """Call ``fn(*args, **kwargs)`` and check its result is close to ``expected``.

    Returns the result, so a test can go on checking other properties of it.
    """
    _count()
    result = _call(fn, args, kwargs, hint)
    check_close(result, expected, _describe_call(fn, args, kwargs), rtol=rtol, atol=atol, hint=hint)
    return result


# --- What a student sees in Jupyter --------------------------------------------------------
# A failed check shows the test cell's line (and, when the student's function crashed, the
# line of the student's code) above the message, instead of the checker's own source; a test
# cell whose checks all pass says so. Both work through IPython's hooks, so they hold in
# JupyterLab, in nbgrader's autograded notebooks and (one-line messages) in its feedback.

PASSED_VISIBLE = ("✔ Passed: all visible tests of this cell. More tests (other inputs, edge "
                  "cases) run when your notebook is graded.")
PASSED_ALL = "✔ Passed: all tests of this cell."


def _in_notebook_cell(filename: str) -> bool:
    """True for code typed in a notebook cell (ipykernel compiles cells to such file names)."""
    return "ipykernel_" in filename or filename.startswith(("<ipython-input", "<cell"))


def short_traceback(error: BaseException) -> list[str]:
    """The lines a student sees for a failed check: where in the notebook, then the message.

    Frames of ``helpers`` and numpy are left out; inside a hidden test the source line is
    left out too (it could reveal the test).
    """
    import traceback

    text = str(error)
    secret = text.startswith("[hidden test]")
    lines = []
    for frame in traceback.extract_tb(error.__traceback__):
        if _in_notebook_cell(frame.filename) and frame.name == "<module>":
            where = f"test cell, line {frame.lineno}"
        elif _in_notebook_cell(frame.filename):
            where = f"test cell, line {frame.lineno} in {frame.name}()"
        else:
            continue
        lines.append(where if secret or not frame.line else f"{where}:  {frame.line}")
    cause = error.__cause__
    if cause is not None:
        own = [f for f in traceback.extract_tb(cause.__traceback__) if _in_notebook_cell(f.filename)]
        if own:
            f = own[-1]
            lines.append(f"your code, line {f.lineno} in {f.name}():  {f.line}")
    red, reset = "\x1b[0;31m", "\x1b[0m"
    return [*lines, f"{red}{type(error).__name__}{reset}: {text}"]


def _show_check_failure(shell: Any, etype: type, value: BaseException, tb: Any,
                        tb_offset: Any = None) -> list[str]:
    stb = short_traceback(value)
    shell._showtraceback(etype, value, stb)  # noqa: SLF001 - the kernel's way to send an error
    return stb


def _reset_counts(*_: Any) -> None:
    _state["checks"] = _state["hidden_checks"] = 0


def _say_passed(result: Any) -> None:
    if _state["checks"] and getattr(result, "success", False):
        print(PASSED_ALL if _state["hidden_checks"] else PASSED_VISIBLE)
    _reset_counts()


def install_notebook_display() -> bool:
    """In an IPython kernel: short tracebacks for failed checks, and "passed" for passing cells.

    Called when this module is imported; returns False outside IPython. Importing again (or
    reloading the module) replaces the hooks instead of adding a second set.
    """
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython is a dependency of the course
        return False
    shell = get_ipython()
    if shell is None or not hasattr(shell, "events"):
        return False
    for event, hook in getattr(shell, "_course_check_hooks", ()):
        try:
            shell.events.unregister(event, hook)
        except ValueError:
            pass
    hooks = [("pre_run_cell", _reset_counts), ("post_run_cell", _say_passed)]
    for event, hook in hooks:
        shell.events.register(event, hook)
    shell._course_check_hooks = hooks
    shell.set_custom_exc((CheckFailure,), _show_check_failure)
    return True


install_notebook_display()
