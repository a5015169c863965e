"""helpers.optim_checks: what a student's optimizer is told when its steps are wrong."""

from __future__ import annotations

import numpy as np
import pytest

from helpers.checks import CheckFailure, hidden
from helpers.optim import SGD, Optimizer
from helpers.optim_checks import check_steps, reference_steps

GRADS = [[0.5, -1.0], [0.1, 0.2]]
EXPECTED = [[0.95, -1.9], [0.895, -1.83]]  # SGD(lr=0.1, momentum=0.9)


def momentum_class(update):
    class Momentum(Optimizer):
        def __init__(self, params, lr=0.01, momentum=0.9):
            super().__init__(params, lr)
            self.momentum = momentum
            self.velocity = [np.zeros_like(p) for p in self.params]

        def step(self, grads):
            for i, (p, g, v) in enumerate(zip(self.params, grads, self.velocity, strict=True)):
                update(self, i, p, g, v)

    return Momentum


def good(opt, i, p, g, v):
    v *= opt.momentum
    v -= opt.lr * g
    p += v


def rebinds(opt, i, p, g, v):
    v *= opt.momentum
    v -= opt.lr * g
    p = p + v  # noqa: F841 - the slip under test


def unfinished(opt, i, p, g, v):
    raise NotImplementedError()


def crashes(opt, i, p, g, v):
    raise ValueError("shapes do not match")


def changes_grad(opt, i, p, g, v):
    g *= 2
    good(opt, i, p, g / 2, v)


def replaces_params(opt, i, p, g, v):
    opt.params[i] = p - opt.lr * g


def wrong_sign(opt, i, p, g, v):
    v *= opt.momentum
    v += opt.lr * g
    p += v


def run(update):
    check_steps(momentum_class(update), dict(lr=0.1, momentum=0.9), p0=[1.0, -2.0], grads=GRADS,
                expected=EXPECTED)


def test_reference_steps_and_a_correct_class_pass():
    ref = reference_steps(lambda p: SGD(p, lr=0.1, momentum=0.9), [[1.0, -2.0]], [[g] for g in GRADS])
    np.testing.assert_allclose([r[0] for r in ref], EXPECTED)
    run(good)


@pytest.mark.parametrize("update, message", [
    (rebinds, "have not changed"),
    (unfinished, "not implemented yet"),
    (crashes, "raised ValueError at step 1: shapes do not match"),
    (changes_grad, "modified the gradient arrays"),
    (replaces_params, "replaced the parameter arrays"),
    (wrong_sign, "after step 1"),
])
def test_slips_are_named(update, message):
    with pytest.raises(CheckFailure, match=message):
        run(update)


def test_hidden_mode_shows_neither_settings_nor_values():
    with hidden(), pytest.raises(CheckFailure) as err:
        run(wrong_sign)
    text = str(err.value)
    assert "[hidden test]" in text and "lr=0.1" not in text and "0.95" not in text


def test_several_arrays():
    check_steps(momentum_class(good), dict(lr=0.5, momentum=0.0), several=True,
                p0=[np.zeros((2, 2)), np.zeros(3)], grads=[[np.ones((2, 2)), np.ones(3)]],
                expected=[[-0.5 * np.ones((2, 2)), -0.5 * np.ones(3)]])
