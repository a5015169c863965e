"""Learning-rate schedules: the learning rate as a function of the epoch t = 0, 1, 2, ...

    opt = SGD(net.params, lr=0.1, momentum=0.9)
    schedule = CosineDecay(opt, epochs=20)
    history = fit(net, X, y, optimizer=opt, epochs=20, batch_size=32, seed=0,
                  callbacks=[schedule])          # history["lr"] shows the decay

A schedule reads the optimizer's learning rate when it is built (lr0) and, after every epoch,
sets ``optimizer.lr = lr_at(t)`` for the next one. ``lr_at`` is a pure function of t, so a
schedule can also be drawn without training anything. As a callback of ``helpers.training.fit``
(``on_epoch_end``) it never stops training.

The four decays (all match PyTorch's ``lr_scheduler`` of the same name or ``LambdaLR``):

    StepDecay         lr0 * gamma^floor(t / step_size)          (StepLR)
    ExponentialDecay  lr0 * gamma^t                             (ExponentialLR)
    InverseTimeDecay  lr0 / (1 + decay * t)                     (the "1/t" decay, LambdaLR)
    CosineDecay       lr_min + (lr0 - lr_min) (1 + cos(pi t / T)) / 2, t <= T  (CosineAnnealingLR)
"""

from __future__ import annotations

import math
from typing import Any

from helpers.optim import Optimizer

__all__ = ["Schedule", "StepDecay", "ExponentialDecay", "InverseTimeDecay", "CosineDecay",
           "SCHEDULES"]


class Schedule:
    """Base class: ``lr_at(t)`` gives the rate of epoch t; ``step()`` moves to the next epoch."""

    def __init__(self, optimizer: Optimizer) -> None:
        if not hasattr(optimizer, "lr"):
            raise TypeError(f"a schedule needs an optimizer with an `lr`, got {type(optimizer).__name__}")
        self.optimizer = optimizer
        self.lr0 = float(optimizer.lr)
        self.epoch = 0

    def lr_at(self, t: int) -> float:
        """The learning rate of epoch ``t`` (t = 0 is the optimizer's initial rate)."""
        raise NotImplementedError

    def step(self) -> float:
        """End of an epoch: set the optimizer's rate for the next one, and return it."""
        self.epoch += 1
        self.optimizer.lr = self.lr_at(self.epoch)
        return self.optimizer.lr

    def on_epoch_end(self, epoch: int, history: dict[str, list[float]], model: Any) -> bool:
        """The callback protocol of ``helpers.training.fit``: step, never stop."""
        self.step()
        return False

    def __repr__(self) -> str:
        return f"{type(self).__name__}(lr0={self.lr0})"


def _check_positive(name: str, value: float) -> None:
    if not value > 0:
        raise ValueError(f"{name} must be > 0, got {value}")


class StepDecay(Schedule):
    """Multiply the rate by ``gamma`` every ``step_size`` epochs."""

    def __init__(self, optimizer: Optimizer, step_size: int, gamma: float = 0.1) -> None:
        super().__init__(optimizer)
        if int(step_size) != step_size or step_size < 1:
            raise ValueError(f"step_size must be a positive integer, got {step_size}")
        _check_positive("gamma", gamma)
        self.step_size, self.gamma = int(step_size), float(gamma)

    def lr_at(self, t: int) -> float:
        return self.lr0 * self.gamma ** (t // self.step_size)


class ExponentialDecay(Schedule):
    """Multiply the rate by ``gamma`` every epoch."""

    def __init__(self, optimizer: Optimizer, gamma: float) -> None:
        super().__init__(optimizer)
        _check_positive("gamma", gamma)
        self.gamma = float(gamma)

    def lr_at(self, t: int) -> float:
        return self.lr0 * self.gamma**t


class InverseTimeDecay(Schedule):
    """The "1/t" decay lr0 / (1 + decay t): halves the rate at t = 1 / decay."""

    def __init__(self, optimizer: Optimizer, decay: float) -> None:
        super().__init__(optimizer)
        if not decay >= 0:
            raise ValueError(f"decay must be >= 0, got {decay}")
        self.decay = float(decay)

    def lr_at(self, t: int) -> float:
        return self.lr0 / (1 + self.decay * t)


class CosineDecay(Schedule):
    """Half a cosine from lr0 at t = 0 down to ``lr_min`` at t = ``epochs``, then ``lr_min``."""

    def __init__(self, optimizer: Optimizer, epochs: int, lr_min: float = 0.0) -> None:
        super().__init__(optimizer)
        if int(epochs) != epochs or epochs < 1:
            raise ValueError(f"epochs must be a positive integer, got {epochs}")
        if not 0 <= lr_min <= self.lr0:
            raise ValueError(f"lr_min must be in [0, lr0 = {self.lr0}], got {lr_min}")
        self.epochs, self.lr_min = int(epochs), float(lr_min)

    def lr_at(self, t: int) -> float:
        t = min(t, self.epochs)
        return self.lr_min + (self.lr0 - self.lr_min) * (1 + math.cos(math.pi * t / self.epochs)) / 2


#: name -> class
SCHEDULES: dict[str, type[Schedule]] = {
    "step": StepDecay, "exponential": ExponentialDecay, "inverse-time": InverseTimeDecay,
    "cosine": CosineDecay,
}
