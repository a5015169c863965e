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


def naive_sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def test_a_crash_keeps_the_tests_hint():
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        text = fails(check_call, naive_sigmoid, np.array([-1000.0]), expected=[0.0],
                     hint="compute with np.exp(-np.abs(z)).")
    assert "RuntimeWarning" in text and "Hint: compute with np.exp(-np.abs(z))." in text


def test_a_shape_crash_names_the_argument_shapes():
    def neuron(X, omega, beta):
        return omega @ X + beta

    text = fails(check_call, neuron, np.ones((3, 2)), np.ones(2), 0.0, expected=np.zeros(3))
    assert "X (3, 2), omega (2,)" in text and "`A @ B`" in text


def test_a_list_of_arrays_changed_in_place_is_caught():
    def grows(betas):
        betas.insert(0, np.zeros(2))
        return betas

    assert "modified its input argument in place" in fails(call, grows, [np.ones(2), np.ones(1)])


def test_check_shape_takes_a_hint():
    assert "Hint: use linspace" in fails(check_shape, np.zeros(16), (15,), hint="use linspace")


def test_short_traceback_shows_the_notebook_lines_and_the_message_only():
    import linecache

    from helpers.checks import short_traceback

    for name, text in (("answer", "def f(z):\n    return z.max()\n"),
                       ("test", "check_call(f, [1.0], expected=1.0)\n")):  # as ipykernel registers cells
        linecache.cache[f"/tmp/ipykernel_1/{name}.py"] = (len(text), None, text.splitlines(True), name)
    code = compile("def f(z):\n    return z.max()\n", "/tmp/ipykernel_1/answer.py", "exec")
    namespace: dict = {}
    exec(code, namespace)  # noqa: S102 - a student's answer cell, compiled as ipykernel does
    test = compile("check_call(f, [1.0], expected=1.0)\n", "/tmp/ipykernel_1/test.py", "exec")
    try:
        exec(test, {"check_call": check_call, "f": namespace["f"]})  # noqa: S102
    except CheckFailure as err:
        lines = short_traceback(err)
    assert lines[0] == "test cell, line 1:  check_call(f, [1.0], expected=1.0)"
    assert lines[1] == "your code, line 2 in f():  return z.max()"
    assert "AttributeError" in lines[-1] and len(lines) == 3
    assert not any("checks.py" in line for line in lines)


@pytest.mark.notebooks
def test_a_kernel_shows_passed_and_short_tracebacks():
    """In IPython: a passing test cell says so; a failing one shows the cell's line, not checks.py."""
    from jupyter_client.manager import start_new_kernel

    from helpers.checks import PASSED_ALL, PASSED_VISIBLE

    manager, client = start_new_kernel(kernel_name="python3")
    try:
        def run(code):
            out = []

            def hook(msg):
                if msg["msg_type"] == "stream":
                    out.append(msg["content"]["text"])
                elif msg["msg_type"] == "error":
                    out.append("\n".join(msg["content"]["traceback"]))
            reply = client.execute_interactive(code, output_hook=hook, store_history=False, timeout=60)
            return reply["content"]["status"], "".join(out)

        assert run("import numpy as np\nfrom helpers.checks import check_close, hidden")[0] == "ok"
        assert run("x = 1")[1] == ""  # no check ran: nothing printed
        assert run("check_close(1.0, 1.0)") == ("ok", PASSED_VISIBLE + "\n")
        both = "check_close(1.0, 1.0)\nwith hidden():\n    check_close(2, 2)"
        assert run(both) == ("ok", PASSED_ALL + "\n")
        status, text = run("check_close(1.0, 1.0)\ncheck_close(np.array([1.0]), [2.0], 'y')")
        assert status == "error" and "passed" not in text.lower()
        assert "test cell, line 2:  check_close(np.array([1.0]), [2.0], 'y')" in text
        assert "y has wrong values" in text and "checks.py" not in text and len(text.splitlines()) < 10
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
