"""Optimizers with one interface: ``opt = SGD(net.params, lr=0.1); opt.step(net.grads)``.

An optimizer is built on a list of parameter arrays (e.g. ``MLP.params``: Omega_0, beta_0, ...)
and keeps its state (velocities, moments) in arrays of the same shapes. ``step(grads)`` takes
the gradients in the same order and updates the parameter arrays **in place**, so a network
that holds them sees the new values at once.

Conventions are PyTorch's (``torch.optim.SGD`` and ``torch.optim.Adam`` give the same numbers).
The book (Prince, eq. 6.11) writes momentum as an average, m <- beta m + (1 - beta) g and
phi <- phi - alpha m; that is the ``SGD`` below with ``lr = alpha (1 - beta)`` and
``momentum = beta``.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

__all__ = ["Optimizer", "SGD", "Adam"]


class Optimizer:
    """Base class: holds ``params`` and checks what ``step`` is given."""

    def __init__(self, params: Sequence[np.ndarray], lr: float, weight_decay: float = 0.0) -> None:
        params = [params] if isinstance(params, np.ndarray) else list(params)
        for i, p in enumerate(params):
            if not isinstance(p, np.ndarray) or p.dtype.kind != "f":
                raise TypeError(f"params[{i}] must be a floating numpy array, got {type(p).__name__}")
        if not lr > 0:
            raise ValueError(f"learning rate must be > 0, got {lr}")
        if not weight_decay >= 0:
            raise ValueError(f"weight_decay must be >= 0, got {weight_decay}")
        self.params = params
        self.lr = lr
        self.weight_decay = weight_decay
        self.t = 0  # number of steps taken

    def _check(self, grads: Sequence[np.ndarray]) -> None:
        if len(grads) != len(self.params):
            raise ValueError(f"got {len(grads)} gradients for {len(self.params)} parameter arrays")
        for i, (p, g) in enumerate(zip(self.params, grads, strict=True)):
            if g.shape != p.shape:
                raise ValueError(f"grads[{i}] has shape {g.shape} but params[{i}] {p.shape}")

    def _decayed(self, p: np.ndarray, g: np.ndarray) -> np.ndarray:
        """The gradient of loss + (weight_decay / 2) ||p||^2 (L2 regularisation)."""
        return g + float(self.weight_decay) * p if self.weight_decay else g

    def step(self, grads: Sequence[np.ndarray]) -> None:
        raise NotImplementedError


class SGD(Optimizer):
    """Stochastic gradient descent, optionally with (Nesterov) momentum.

    Without momentum: p <- p - lr g. With momentum mu (PyTorch's form):

        v <- mu v + g
        p <- p - lr v                  (nesterov: p <- p - lr (g + mu v))

    Args:
        params: the parameter arrays, updated in place.
        lr: learning rate (the book's alpha).
        momentum: mu in [0, 1); 0 is plain SGD.
        nesterov: Nesterov's accelerated form (needs momentum > 0).
        weight_decay: L2 penalty coefficient added to the gradient (g + weight_decay p).
    """

    def __init__(
        self,
        params: Sequence[np.ndarray],
        lr: float = 0.01,
        momentum: float = 0.0,
        nesterov: bool = False,
        weight_decay: float = 0.0,
    ) -> None:
        super().__init__(params, lr, weight_decay)
        if not 0 <= momentum < 1:
            raise ValueError(f"momentum must be in [0, 1), got {momentum}")
        if nesterov and momentum == 0:
            raise ValueError("nesterov momentum needs momentum > 0")
        self.momentum = momentum
        self.nesterov = nesterov
        self.velocity = [np.zeros_like(p) for p in self.params]

    def step(self, grads: Sequence[np.ndarray]) -> None:
        """Update every parameter in place from its gradient (same order as ``params``)."""
        self._check(grads)
        self.t += 1
        mu, lr = float(self.momentum), float(self.lr)  # Python floats keep float32 float32
        for p, g, v in zip(self.params, grads, self.velocity, strict=True):
            g = self._decayed(p, g)
            if mu:
                v *= mu
                v += g
                g = g + mu * v if self.nesterov else v
            p -= lr * g

    def __repr__(self) -> str:
        extra = f", momentum={self.momentum}" + (", nesterov=True" if self.nesterov else "")
        return f"SGD(lr={self.lr}{extra if self.momentum else ''})"


class Adam(Optimizer):
    """Adam: SGD on bias-corrected running means of the gradient and its square.

        m <- b1 m + (1 - b1) g            m_hat = m / (1 - b1^t)
        v <- b2 v + (1 - b2) g^2          v_hat = v / (1 - b2^t)
        p <- p - lr m_hat / (sqrt(v_hat) + eps)

    Args:
        params: the parameter arrays, updated in place.
        lr: learning rate (the book's alpha).
        betas: (b1, b2), the decay rates of the two running means.
        eps: keeps the division finite where v_hat is 0.
        weight_decay: L2 penalty coefficient added to the gradient (as in ``torch.optim.Adam``).
    """

    def __init__(
        self,
        params: Sequence[np.ndarray],
        lr: float = 1e-3,
        betas: tuple[float, float] = (0.9, 0.999),
        eps: float = 1e-8,
        weight_decay: float = 0.0,
    ) -> None:
        super().__init__(params, lr, weight_decay)
        b1, b2 = betas
        if not (0 <= b1 < 1 and 0 <= b2 < 1):
            raise ValueError(f"betas must be in [0, 1), got {betas}")
        self.betas = (b1, b2)
        self.eps = eps
        self.m = [np.zeros_like(p) for p in self.params]
        self.v = [np.zeros_like(p) for p in self.params]

    def step(self, grads: Sequence[np.ndarray]) -> None:
        """Update every parameter in place from its gradient (same order as ``params``)."""
        self._check(grads)
        self.t += 1
        # Python floats, not numpy scalars: a float32 array times a numpy float64 scalar becomes
        # float64 (NEP 50), which is slower and then has to be cast back
        b1, b2 = (float(b) for b in self.betas)
        step_size = float(self.lr) / (1 - b1**self.t)  # lr with m's bias correction
        c2 = 1 - b2**self.t  # v's bias correction
        eps = float(self.eps)
        for p, g, m, v in zip(self.params, grads, self.m, self.v, strict=True):
            g = self._decayed(p, g)
            m *= b1
            m += (1 - b1) * g
            v *= b2
            v += (1 - b2) * (g * g)
            denom = np.sqrt(v / c2)
            denom += eps
            p -= step_size * m / denom

    def __repr__(self) -> str:
        return f"Adam(lr={self.lr}, betas={self.betas}, eps={self.eps})"
