"""The checks explain failures: the call, the input, expected vs got, and the likely slip."""

import numpy as np
import pytest

from helpers.checks import (
    CheckFailure,
    call,
    check_call,
    check_close,
    check_equal,
    check_shape,
    check_true,
    describe,
    hidden,
)


def relu(z):
    return np.maximum(0.0, z)


def fails(fn, *args, **kwargs) -> str:
    with pytest.raises(CheckFailure) as info:
        fn(*args, **kwargs)
    assert isinstance(info.value, AssertionError)  # nbgrader counts it as a failed test
    return str(info.value)


def test_passing_checks_return_quietly():
    assert check_call(relu, np.array([-1.0, 2.0]), expected=[0.0, 2.0]).tolist() == [0.0, 2.0]
    check_close([1.0, 2.0], np.array([1.0, 2.0]))  # a list is fine where an array is expected
    check_close(3, 3.0)
    check_equal(np.int64(3), 3)
    check_equal(["a", "b"], ("a", "b"))
    check_shape(np.zeros((2, 3)), (2, 3))
    check_true(True, "never shown")


def test_wrong_values_show_call_expected_and_got():
    text = fails(check_call, relu, np.array([-1.0, 2.0]), expected=[1.0, 2.0])
    assert "relu(array([-1., 2.]))" in text and "expected" in text and "got" in text
    assert "index (0,)" in text


def test_tiny_values_stay_visible_in_messages():
    text = fails(check_close, np.array([2e-7, 0.5]), np.array([1e-7, 0.5]))
    assert "2e-07" in text and "1e-07" in text


def test_slips_are_named():
    assert "wrong sign" in fails(check_close, [-1.0, -2.0], [1.0, 2.0])
    assert "transposed" in fails(check_close, np.zeros((2, 3)), np.zeros((3, 2)))
    assert "transposed" in fails(check_close, np.array([[1.0, 2.0], [3.0, 4.0]]), [[1.0, 3.0], [2.0, 4.0]])
    assert "(3, 1)" in fails(check_close, np.zeros(3), np.zeros((3, 1)))
    assert "flat vector" in fails(check_close, np.zeros(3), np.zeros((3, 1)))
    assert "NaN" in fails(check_close, [np.nan, 1.0], [0.0, 1.0])
    assert "forget `return`" in fails(check_close, None, 1.0)
    assert "should be a number" in fails(check_close, "0.5", 0.5)
    assert "reverse order" in fails(check_close, [3.0, 2.0, 1.0], [1.0, 2.0, 3.0])


def test_unimplemented_and_crashing_functions():
    def todo(z):
        raise NotImplementedError()

    def crash(z):
        return z.nonexistent

    assert "not implemented yet" in fails(check_call, todo, 1.0, expected=1.0)
    assert "raised AttributeError" in fails(call, crash, 1.0)
    assert "expected a function" in fails(call, 3.0)


def test_in_place_modification_is_caught():
    def clobber(z):
        z[0] = 0.0
        return z

    assert "modified its input" in fails(check_call, clobber, np.array([1.0, 2.0]), expected=[0.0, 2.0])


def test_equal_and_shape_messages():
    assert "expected 7, got 6" in fails(check_equal, 6, 7, "regions")
    assert "should be a number" in fails(check_equal, "7", 7)
    assert "differs in 1 of 3" in fails(check_equal, [1, 2, 4], [1, 2, 3])
    assert "has shape (3,), expected (1, 3)" in fails(check_shape, np.zeros(3), (1, 3))
    assert "Hint: think again" in fails(check_true, False, "nope", hint="think again")


def test_hidden_checks_reveal_neither_inputs_nor_expected_values():
    with hidden():
        text = fails(check_call, relu, np.array([-7.25, 4.5]), expected=[0.0, 4.5123])
        eq = fails(check_equal, 6, 12345, "regions")
    assert "[hidden test]" in text and "<array of shape (2,)>" in text
    assert "7.25" not in text and "4.5123" not in text
    assert "12345" not in eq
    # and the flag is restored afterwards
    assert "4.5123" in fails(check_close, 0.0, 4.5123)


def test_describe_is_short():
    assert describe(np.zeros((100, 3))) == "array of shape (100, 3), dtype float64"
    assert describe(list(range(50))) == "list of length 50"
    assert describe(relu) == "relu"
