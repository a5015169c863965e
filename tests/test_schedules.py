"""helpers.schedules: closed forms, the optimizer's lr after each epoch, PyTorch's schedulers."""

from __future__ import annotations

import math

import numpy as np
import pytest

from helpers.optim import SGD
from helpers.schedules import (
    SCHEDULES,
    CosineDecay,
    ExponentialDecay,
    InverseTimeDecay,
    StepDecay,
)


def opt(lr=0.1):
    return SGD([np.zeros(2)], lr=lr)


# the rate of epochs 0..6, written out from each formula by hand
EXPECTED = {
    "step": (lambda o: StepDecay(o, step_size=3, gamma=0.5), [0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025]),
    "exponential": (lambda o: ExponentialDecay(o, gamma=0.5),
                    [0.1, 0.05, 0.025, 0.0125, 0.00625, 0.003125, 0.0015625]),
    "inverse-time": (lambda o: InverseTimeDecay(o, decay=1.0),
                     [0.1, 0.1 / 2, 0.1 / 3, 0.1 / 4, 0.1 / 5, 0.1 / 6, 0.1 / 7]),
    "cosine": (lambda o: CosineDecay(o, epochs=4, lr_min=0.02),
               [0.1, 0.02 + 0.08 * (1 + math.sqrt(0.5)) / 2, 0.06, 0.02 + 0.08 * (1 - math.sqrt(0.5)) / 2,
                0.02, 0.02, 0.02]),
}


@pytest.mark.parametrize("name", EXPECTED)
def test_closed_form_and_steps(name):
    make, rates = EXPECTED[name]
    o = opt()
    s = make(o)
    assert [s.lr_at(t) for t in range(7)] == pytest.approx(rates, rel=1e-12)
    seen = [o.lr] + [s.step() for _ in range(6)]
    assert seen == pytest.approx(rates, rel=1e-12)
    assert o.lr == pytest.approx(rates[-1])
    assert s.on_epoch_end(6, {}, None) is False  # a callback that never stops training
    assert isinstance(s, SCHEDULES[name])


def test_matches_pytorch_schedulers():
    torch = pytest.importorskip("torch")
    pairs = [
        (lambda o: StepDecay(o, 3, 0.5), lambda t: torch.optim.lr_scheduler.StepLR(t, 3, 0.5)),
        (lambda o: ExponentialDecay(o, 0.8), lambda t: torch.optim.lr_scheduler.ExponentialLR(t, 0.8)),
        (lambda o: InverseTimeDecay(o, 0.3),
         lambda t: torch.optim.lr_scheduler.LambdaLR(t, lambda e: 1 / (1 + 0.3 * e))),
        (lambda o: CosineDecay(o, 10, lr_min=0.01),
         lambda t: torch.optim.lr_scheduler.CosineAnnealingLR(t, T_max=10, eta_min=0.01)),
    ]
    for ours, theirs in pairs:
        o = opt(0.1)
        s = ours(o)
        topt = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1)
        ts = theirs(topt)
        for _ in range(10):
            topt.step()
            ts.step()
            assert s.step() == pytest.approx(topt.param_groups[0]["lr"], rel=1e-9, abs=1e-12)


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda o: StepDecay(o, 0), "step_size"),
        (lambda o: StepDecay(o, 2, gamma=0), "gamma"),
        (lambda o: ExponentialDecay(o, -1), "gamma"),
        (lambda o: InverseTimeDecay(o, -0.1), "decay"),
        (lambda o: CosineDecay(o, 0), "epochs"),
        (lambda o: CosineDecay(o, 5, lr_min=1.0), "lr_min"),
    ],
)
def test_bad_settings(make, message):
    with pytest.raises(ValueError, match=message):
        make(opt())


def test_needs_an_optimizer():
    with pytest.raises(TypeError, match="optimizer with an `lr`"):
        StepDecay(object(), 2)
