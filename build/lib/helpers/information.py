"""Information theory for discrete distributions: information, entropy, cross-entropy, KL.

A discrete distribution is an array of probabilities along its **last axis** (shape ``(K,)``,
or ``(..., K)`` for several distributions at once): non-negative entries that sum to 1. Each
function returns a Python ``float`` for one distribution and an array of shape ``(...)`` for
a batch of them.

``base`` picks the unit: 2 gives bits (the default, as in Shannon's examples), ``np.e`` gives
nats (the unit of the cross-entropy losses of ``helpers.losses``, which use the natural log).

Zeros follow the conventions of information theory, with no warning:

* ``0 log 0 = 0``: an impossible outcome adds nothing to an entropy, and outcomes with
  ``p = 0`` add nothing to a cross-entropy or a KL divergence, whatever ``q`` says;
* ``q = 0`` where ``p > 0`` makes ``cross_entropy(p, q)`` and ``kl_divergence(p, q)``
  infinite: the model calls impossible something that happens;
* ``information(0)`` is infinite.

Identities (tested in ``tests/test_information.py``): ``entropy(uniform K) = log K`` is the
largest entropy on ``K`` outcomes; ``cross_entropy(p, q) = entropy(p) + kl_divergence(p, q)``;
``kl_divergence(p, q) >= 0`` with equality only when ``p == q``.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

__all__ = ["information", "entropy", "cross_entropy", "kl_divergence"]

_SUM_TOL = 1e-6  # how far from 1 the sum of a distribution may be


def _log(x: np.ndarray, base: float) -> np.ndarray:
    """log_base(x) with log(0) = -inf and no warning."""
    if not base > 0 or base == 1:
        raise ValueError(f"the base of a logarithm must be positive and not 1, got {base}")
    with np.errstate(divide="ignore"):
        return np.log(x) / np.log(base)


def _out(result: np.ndarray) -> np.ndarray | float:
    return float(result) if np.ndim(result) == 0 else result


def _distribution(p: ArrayLike, name: str) -> np.ndarray:
    """``p`` as a float array of distributions along its last axis; a ValueError if it is not."""
    p = np.asarray(p, dtype=float)
    if p.ndim == 0:
        raise ValueError(f"{name} must be an array of probabilities of shape (K,) or (..., K), "
                         "got a scalar")
    if not np.all(np.isfinite(p)) or np.any(p < 0):
        raise ValueError(f"{name} must hold finite, non-negative probabilities")
    sums = p.sum(axis=-1)
    if not np.allclose(sums, 1.0, rtol=0.0, atol=_SUM_TOL):
        worst = float(np.ravel(sums)[np.argmax(np.abs(np.ravel(sums) - 1.0))])
        raise ValueError(f"{name} must sum to 1 along its last axis (a sum is {worst:.6g})")
    return p


def information(p: ArrayLike, base: float = 2.0) -> np.ndarray | float:
    """Information (surprise) of an event of probability ``p``: -log_base(p).

    Args:
        p: a probability or an array of them, in [0, 1].
        base: 2 for bits, ``np.e`` for nats.

    Returns:
        Same shape as ``p`` (a float for a scalar): 0 for a certain event, ``inf`` for
        ``p = 0``, and ``I(p1 p2) = I(p1) + I(p2)``.
    """
    p = np.asarray(p, dtype=float)
    if not np.all((p >= 0) & (p <= 1)):
        raise ValueError("probabilities must lie in [0, 1]")
    return _out(-_log(p, base) + 0.0)  # + 0.0 turns -0.0 (for p = 1) into 0.0


def entropy(p: ArrayLike, base: float = 2.0) -> np.ndarray | float:
    """Entropy H(P) = -sum_k p_k log p_k, the average information of an outcome of P.

    Args:
        p: a distribution ``(K,)`` or a batch of them ``(..., K)`` (last axis sums to 1).
        base: 2 for bits, ``np.e`` for nats.

    Returns:
        A float for one distribution, else an array of shape ``(...)``. Terms with
        ``p_k = 0`` count as 0; the result lies in [0, log K].
    """
    p = _distribution(p, "p")
    terms = np.where(p > 0, -p * _log(np.where(p > 0, p, 1.0), base), 0.0)
    return _out(np.maximum(terms.sum(axis=-1), 0.0))


def cross_entropy(p: ArrayLike, q: ArrayLike, base: float = 2.0) -> np.ndarray | float:
    """Cross-entropy H(P, Q) = -sum_k p_k log q_k: the cost of coding P's outcomes with Q's code.

    Args:
        p: the true distribution, ``(K,)`` or ``(..., K)``.
        q: the model's distribution, same shape as ``p`` (or broadcastable to it).
        base: 2 for bits, ``np.e`` for nats.

    Returns:
        A float for one pair, else an array of shape ``(...)``. Terms with ``p_k = 0`` count
        as 0; ``q_k = 0`` where ``p_k > 0`` gives ``inf``. With a one-hot ``p`` (class ``y``)
        this is ``-log q_y``, the categorical cross-entropy loss (use ``base=np.e``).
    """
    p, q = np.broadcast_arrays(_distribution(p, "p"), _distribution(q, "q"))
    log_q = _log(np.where(q > 0, q, 0.0), base)  # -inf where q = 0
    terms = np.where(p > 0, -p * np.where(p > 0, log_q, 0.0), 0.0)
    return _out(terms.sum(axis=-1))


def kl_divergence(p: ArrayLike, q: ArrayLike, base: float = 2.0) -> np.ndarray | float:
    """Kullback-Leibler divergence KL(P || Q) = sum_k p_k log(p_k / q_k) = H(P, Q) - H(P).

    Args:
        p: the true distribution, ``(K,)`` or ``(..., K)``.
        q: the model's distribution, same shape as ``p`` (or broadcastable to it).
        base: 2 for bits, ``np.e`` for nats.

    Returns:
        A float for one pair, else an array of shape ``(...)``: >= 0, 0 exactly when
        ``p == q``, ``inf`` when ``q_k = 0`` for some ``p_k > 0``. Not symmetric in p and q.
    """
    p, q = np.broadcast_arrays(_distribution(p, "p"), _distribution(q, "q"))
    safe_p = np.where(p > 0, p, 1.0)
    log_ratio = _log(safe_p, base) - _log(np.where(p > 0, q, 1.0), base)  # +inf where q = 0 < p
    terms = np.where(p > 0, p * log_ratio, 0.0)
    return _out(np.maximum(terms.sum(axis=-1), 0.0))
