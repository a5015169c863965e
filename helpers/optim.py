"""Optimizers with one interface: ``opt = SGD(net.params, lr=0.1); opt.step(net.grads)``.

SGD (with momentum), Nesterov, Adagrad, RMSprop, Adam and Nadam; learning-rate schedules that
change ``opt.lr`` between epochs are in ``helpers.schedules``.

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

__all__ = ["Optimizer", "SGD", "Nesterov", "Adagrad", "RMSprop", "Adam", "Nadam", "OPTIMIZERS",
           "make_optimizer"]


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

    def _state(self) -> list[np.ndarray]:
        """A zero array per parameter array (velocities, running means)."""
        return [np.zeros_like(p) for p in self.params]


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
        self.velocity = self._state()

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


class Nesterov(SGD):
    """SGD with Nesterov's accelerated momentum: ``SGD(..., momentum, nesterov=True)``.

    The lecture's look-ahead form evaluates the gradient at w + mu v:

        v <- mu v - lr grad E(w + mu v),      w <- w + v.

    Tracking the look-ahead point p = w + mu v instead (the gradient ``step`` receives is taken
    at the parameters) gives the same path with the gradient at p:

        v <- mu v - lr g,      p <- p + mu v - lr g

    which is PyTorch's ``SGD(nesterov=True)`` with its velocity scaled by -lr.
    """

    def __init__(self, params: Sequence[np.ndarray], lr: float = 0.01, momentum: float = 0.9,
                 weight_decay: float = 0.0) -> None:
        super().__init__(params, lr, momentum=momentum, nesterov=True, weight_decay=weight_decay)

    def __repr__(self) -> str:
        return f"Nesterov(lr={self.lr}, momentum={self.momentum})"


class Adagrad(Optimizer):
    """Adagrad: each parameter's step shrinks with the sum of its squared gradients.

        s <- s + g^2
        p <- p - lr g / (sqrt(s) + eps)

    Args:
        params: the parameter arrays, updated in place.
        lr: learning rate.
        eps: keeps the division finite (PyTorch's default 1e-10).
        weight_decay: L2 penalty coefficient added to the gradient.
    """

    def __init__(self, params: Sequence[np.ndarray], lr: float = 0.01, eps: float = 1e-10,
                 weight_decay: float = 0.0) -> None:
        super().__init__(params, lr, weight_decay)
        self.eps = eps
        self.sum_sq = self._state()

    def step(self, grads: Sequence[np.ndarray]) -> None:
        """Update every parameter in place from its gradient (same order as ``params``)."""
        self._check(grads)
        self.t += 1
        lr, eps = float(self.lr), float(self.eps)
        for p, g, s in zip(self.params, grads, self.sum_sq, strict=True):
            g = self._decayed(p, g)
            s += g * g
            denom = np.sqrt(s)
            denom += eps
            p -= lr * g / denom

    def __repr__(self) -> str:
        return f"Adagrad(lr={self.lr}, eps={self.eps})"


class RMSprop(Optimizer):
    """RMSprop: the step is divided by a running root-mean-square of the gradient.

        v <- alpha v + (1 - alpha) g^2
        p <- p - lr g / (sqrt(v) + eps)

    With ``momentum`` mu > 0 (PyTorch's form): b <- mu b + g / (sqrt(v) + eps), p <- p - lr b.

    Args:
        params: the parameter arrays, updated in place.
        lr: learning rate.
        alpha: decay rate of the running mean of g^2 (PyTorch's default 0.99).
        eps: keeps the division finite.
        momentum: mu in [0, 1).
        weight_decay: L2 penalty coefficient added to the gradient.
    """

    def __init__(self, params: Sequence[np.ndarray], lr: float = 0.01, alpha: float = 0.99,
                 eps: float = 1e-8, momentum: float = 0.0, weight_decay: float = 0.0) -> None:
        super().__init__(params, lr, weight_decay)
        if not 0 <= alpha < 1:
            raise ValueError(f"alpha must be in [0, 1), got {alpha}")
        if not 0 <= momentum < 1:
            raise ValueError(f"momentum must be in [0, 1), got {momentum}")
        self.alpha, self.eps, self.momentum = alpha, eps, momentum
        self.v = self._state()
        self.buf = self._state() if momentum else []

    def step(self, grads: Sequence[np.ndarray]) -> None:
        """Update every parameter in place from its gradient (same order as ``params``)."""
        self._check(grads)
        self.t += 1
        lr, a, eps, mu = float(self.lr), float(self.alpha), float(self.eps), float(self.momentum)
        for i, (p, g, v) in enumerate(zip(self.params, grads, self.v, strict=True)):
            g = self._decayed(p, g)
            v *= a
            v += (1 - a) * (g * g)
            denom = np.sqrt(v)
            denom += eps
            if mu:
                b = self.buf[i]
                b *= mu
                b += g / denom
                p -= lr * b
            else:
                p -= lr * g / denom

    def __repr__(self) -> str:
        extra = f", momentum={self.momentum}" if self.momentum else ""
        return f"RMSprop(lr={self.lr}, alpha={self.alpha}{extra})"


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
        self.m = self._state()
        self.v = self._state()

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
            denom = self._update_moments(g, m, v, b1, b2, c2, eps)
            p -= step_size * m / denom

    @staticmethod
    def _update_moments(g: np.ndarray, m: np.ndarray, v: np.ndarray, b1: float, b2: float, c2: float,
                        eps: float) -> np.ndarray:
        """Update the running means ``m`` and ``v`` in place (shape of ``g``); return sqrt(v / c2) + eps."""
        m *= b1
        m += (1 - b1) * g
        v *= b2
        v += (1 - b2) * (g * g)
        denom = np.sqrt(v / c2)
        denom += eps
        return denom

    def __repr__(self) -> str:
        return f"Adam(lr={self.lr}, betas={self.betas}, eps={self.eps})"


class Nadam(Adam):
    """Nadam: Adam whose first moment takes Nesterov's look-ahead (Dozat 2016).

    With a constant momentum b1 (the default, ``momentum_decay=None``; the textbook form)::

        m <- b1 m + (1 - b1) g                  v <- b2 v + (1 - b2) g^2
        m_hat = b1 m / (1 - b1^(t+1)) + (1 - b1) g / (1 - b1^t)
        p <- p - lr m_hat / (sqrt(v / (1 - b2^t)) + eps)

    ``momentum_decay=psi`` (e.g. PyTorch's default 0.004) replaces b1 at step t by Dozat's
    warming-up schedule mu_t = b1 (1 - 0.5 * 0.96^(t psi)), the products of the mu's taking
    the place of b1^t and b1^(t+1): that is ``torch.optim.NAdam``.

    Args:
        params: the parameter arrays, updated in place.
        lr: learning rate.
        betas: (b1, b2).
        eps: keeps the division finite.
        weight_decay: L2 penalty coefficient added to the gradient.
        momentum_decay: None for a constant b1, else psi of the schedule above.
    """

    def __init__(self, params: Sequence[np.ndarray], lr: float = 2e-3,
                 betas: tuple[float, float] = (0.9, 0.999), eps: float = 1e-8,
                 weight_decay: float = 0.0, momentum_decay: float | None = None) -> None:
        super().__init__(params, lr, betas, eps, weight_decay)
        if momentum_decay is not None and not momentum_decay >= 0:
            raise ValueError(f"momentum_decay must be >= 0 or None, got {momentum_decay}")
        self.momentum_decay = momentum_decay
        self.mu_product = 1.0  # product of the mu's up to step t

    def _mu(self, t: int) -> float:
        b1 = float(self.betas[0])
        if self.momentum_decay is None:
            return b1
        return b1 * (1 - 0.5 * 0.96 ** (t * float(self.momentum_decay)))

    def step(self, grads: Sequence[np.ndarray]) -> None:
        """Update every parameter in place from its gradient (same order as ``params``)."""
        self._check(grads)
        self.t += 1
        b1, b2 = (float(b) for b in self.betas)
        mu, mu_next = self._mu(self.t), self._mu(self.t + 1)
        self.mu_product *= mu
        c_grad = float(self.lr) * (1 - mu) / (1 - self.mu_product)
        c_mom = float(self.lr) * mu_next / (1 - self.mu_product * mu_next)
        c2 = 1 - b2**self.t
        eps = float(self.eps)
        for p, g, m, v in zip(self.params, grads, self.m, self.v, strict=True):
            g = self._decayed(p, g)
            denom = self._update_moments(g, m, v, b1, b2, c2, eps)
            p -= (c_grad * g + c_mom * m) / denom

    def __repr__(self) -> str:
        extra = f", momentum_decay={self.momentum_decay}" if self.momentum_decay is not None else ""
        return f"Nadam(lr={self.lr}, betas={self.betas}{extra})"


#: name -> class, for widgets and benchmarks that choose an optimizer by name
OPTIMIZERS: dict[str, type[Optimizer]] = {
    "sgd": SGD, "nesterov": Nesterov, "adagrad": Adagrad, "rmsprop": RMSprop,
    "adam": Adam, "nadam": Nadam,
}


def make_optimizer(name: str, params: Sequence[np.ndarray], lr: float, momentum: float = 0.0) -> Optimizer:
    """An optimizer by name with one "momentum" knob, for widgets and races.

    ``momentum`` is mu for ``"sgd"``, ``"nesterov"`` and ``"rmsprop"``, and b1 (the first
    moment's decay) for ``"adam"`` and ``"nadam"``; ``"adagrad"`` has none and ignores it.
    ``"nesterov"`` with momentum 0 is plain SGD.
    """
    if name not in OPTIMIZERS:
        raise ValueError(f"unknown optimizer {name!r}; choose one of {sorted(OPTIMIZERS)}")
    if name in ("sgd", "rmsprop"):
        return OPTIMIZERS[name](params, lr=lr, momentum=momentum)  # type: ignore[call-arg]
    if name == "nesterov":
        return Nesterov(params, lr=lr, momentum=momentum) if momentum else SGD(params, lr=lr)
    if name in ("adam", "nadam"):
        return OPTIMIZERS[name](params, lr=lr, betas=(momentum, 0.999))  # type: ignore[call-arg]
    return Adagrad(params, lr=lr)
