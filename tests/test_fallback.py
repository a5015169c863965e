"""Demos fall back to the course's function when the student's does not work, and say so."""

import numpy as np

from helpers import activations
from helpers.fallback import (
    same_values,
    student_or_reference,
    student_value_or_reference,
    students_or_references,
)


def unsolved(z):
    raise NotImplementedError()


def good_relu(z):
    return np.where(np.asarray(z) > 0, z, 0.0)


def wrong_relu(z):
    return np.abs(z)


def test_a_working_student_function_is_used(capsys):
    fn = student_or_reference("relu", activations.relu, np.linspace(-1, 1, 5), namespace={"relu": good_relu})
    assert fn is good_relu
    assert capsys.readouterr().out == "This demo uses your `relu`.\n"


def test_unsolved_wrong_missing_or_warning_functions_fall_back(capsys):
    def overflows(z):
        return 1.0 / (1.0 + np.exp(-z))

    for namespace, reason in [({"f": unsolved}, "is not written yet"),
                              ({"f": wrong_relu}, "gives other values"),
                              ({}, "is not defined yet"),
                              ({"f": lambda z: z[10]}, "raised IndexError"),
                              ({"f": overflows}, "raised FloatingPointError")]:
        probe = np.array([-1000.0, 1.0]) if namespace.get("f") is overflows else np.array([-1.0, 1.0])
        reference = activations.sigmoid if namespace.get("f") is overflows else activations.relu
        assert student_or_reference("f", reference, probe, namespace=namespace) is reference
        out = capsys.readouterr().out
        assert reason in out and "helpers.activations." in out and out.count("\n") == 1


def test_the_callers_globals_are_the_default_namespace(capsys):
    relu = good_relu  # noqa: F841 - found through the caller's frame only if it is a global
    assert student_or_reference("good_relu", activations.relu, np.ones(2)) is good_relu
    assert "your `good_relu`" in capsys.readouterr().out


def test_several_functions_make_one_line(capsys):
    chosen = students_or_references({"relu": (activations.relu, (np.ones(3),)),
                                     "tanh": (activations.tanh, (np.ones(3),))},
                                    namespace={"relu": good_relu, "tanh": unsolved})
    assert chosen == {"relu": good_relu, "tanh": activations.tanh}
    out = capsys.readouterr().out
    assert out.count("\n") == 1 and "your `relu`" in out and "course's `tanh`" in out


def test_several_functions_may_each_be_probed_through_via(capsys):
    def via_call(f):
        return f(np.linspace(-1, 1, 4)), f(np.ones(2))

    chosen = students_or_references({"relu": (activations.relu, via_call),
                                     "tanh": (activations.tanh, via_call)},
                                    namespace={"relu": good_relu, "tanh": wrong_relu})
    assert chosen == {"relu": good_relu, "tanh": activations.tanh}
    assert capsys.readouterr().out.count("\n") == 1


def test_underflow_is_not_a_failure_but_overflow_is(capsys):
    def softmax_by_exp(z):
        e = np.exp(np.asarray(z, dtype=float))  # exp(-800) underflows to 0, harmlessly
        return e / e.sum()

    z = np.array([-800.0, 0.0])
    assert student_or_reference("f", softmax_by_exp, z, namespace={"f": softmax_by_exp}) is softmax_by_exp
    assert student_or_reference("f", activations.relu, np.array([800.0]),
                                namespace={"f": np.exp}) is activations.relu
    assert "raised FloatingPointError" in capsys.readouterr().out.splitlines()[-1]


def test_no_reference_means_none_and_via_compares_a_class(capsys):
    assert student_or_reference("f", None, 1.0, namespace={"f": unsolved}) is None
    assert "shows only what does not need it" in capsys.readouterr().out

    class Good:
        def __init__(self, v):
            self.v = 2 * v

    class Bad(Good):
        def __init__(self, v):
            self.v = v

    def via(cls):
        return cls(3.0).v

    assert student_or_reference("C", Good, namespace={"C": Bad}, via=via) is Good
    assert student_or_reference("C", Bad, namespace={"C": Bad}, via=via) is Bad


def test_values_fall_back_or_are_left_out(capsys):
    assert student_value_or_reference("b", -4.0, namespace={}) == -4.0
    assert student_value_or_reference("b", None, valid=np.isfinite, namespace={"b": np.nan}) is None
    assert student_value_or_reference("b", None, valid=np.isfinite, namespace={"b": 2.0}) == 2.0
    out = capsys.readouterr().out.splitlines()
    assert "course's value" in out[0] and "leaves it out" in out[1] and "your `b`" in out[2]


def test_a_lazy_reference_is_made_only_when_needed(capsys):
    made = []

    def make():
        made.append(1)
        return "course"

    assert student_value_or_reference("m", make, lazy=True, valid=lambda m: m == "mine",
                                      namespace={"m": "mine"}) == "mine"
    assert made == []
    assert student_value_or_reference("m", make, lazy=True, valid=lambda m: m == "mine",
                                      namespace={"m": "broken"}) == "course"
    assert student_value_or_reference("m", make, lazy=True, namespace={}) == "course"
    assert made == [1, 1]
    out = capsys.readouterr().out.splitlines()
    assert "your `m`" in out[0] and "course's value" in out[1] and "not set yet" in out[2]


def test_same_values_compares_nested_results():
    assert same_values((np.ones(2), 3.0), [np.ones(2), 3])
    assert not same_values((np.ones(2), 3.0), (np.ones(3), 3.0))
    assert not same_values(np.ones((2, 1)), np.ones(2))
    assert same_values([np.ones((2, 2)), np.zeros(3)], [np.ones((2, 2)), np.zeros(3)])
