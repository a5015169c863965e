"""Data augmentation: random shifts and Gaussian noise, drawn fresh for every batch.

Augmentation makes new training inputs from old ones by changes that keep the label: a
MNIST-1D signal shifted by a few samples, or with a little noise on top, is still the same
digit. Training on a freshly augmented copy every epoch (never on the validation or test set)
acts as a regularizer. All functions take an explicit ``np.random.Generator`` and return a
new array (the input is never modified).

    shift(X, rng, max_shift)        each row of X (n, L) moved by its own integer shift
    add_noise(X, rng, noise)        X plus N(0, noise^2) noise; any shape (1-D signals, 2-D points)
    shift_and_noise(X, rng, ...)    both, the usual augmentation for MNIST-1D
"""

from __future__ import annotations

import numpy as np

from helpers.activations import as_float_array

__all__ = ["shift", "add_noise", "shift_and_noise"]


def shift(X: np.ndarray, rng: np.random.Generator, max_shift: int = 3) -> np.ndarray:
    """Move each row of ``X`` (n, L) right by its own random integer in ``[-max_shift, max_shift]``.

    Negative shifts move left. The sample that enters at an edge repeats the edge value
    (no wrap-around: the end of a signal does not reappear at its start). Returns (n, L),
    same dtype as ``X`` (float).
    """
    X = as_float_array(X)
    if X.ndim != 2:
        raise ValueError(f"shift expects X of shape (n, L), got shape {X.shape}")
    if int(max_shift) != max_shift or max_shift < 0:
        raise ValueError(f"max_shift must be a non-negative integer, got {max_shift!r}")
    n, L = X.shape
    if max_shift == 0 or n == 0:
        return X.copy()
    s = np.asarray(rng.integers(-int(max_shift), int(max_shift) + 1, size=n))
    # output sample j of row i reads input sample j - s_i, clipped to the signal's ends
    idx = np.clip(np.arange(L)[None, :] - s[:, None], 0, L - 1)
    return np.take_along_axis(X, idx, axis=1)


def add_noise(X: np.ndarray, rng: np.random.Generator, noise: float = 0.1) -> np.ndarray:
    """``X`` plus independent Gaussian noise of standard deviation ``noise``, any shape.

    For 2-D point sets (n, 2) this jitters every point; for signals (n, L) every sample.
    Returns an array of the same shape and (float) dtype as ``X``.
    """
    X = as_float_array(X)
    if not np.isfinite(noise) or noise < 0:
        raise ValueError(f"noise must be a finite standard deviation >= 0, got {noise!r}")
    if noise == 0:
        return X.copy()
    return (X + noise * rng.standard_normal(X.shape)).astype(X.dtype)


def shift_and_noise(
    X: np.ndarray, rng: np.random.Generator, max_shift: int = 3, noise: float = 0.1
) -> np.ndarray:
    """A random shift of each row (see ``shift``) followed by Gaussian noise (``add_noise``).

    ``X`` has shape (n, L); returns a new (n, L) array. Call it once per epoch (or batch) on
    the training inputs only, with labels unchanged.
    """
    return add_noise(shift(X, rng, max_shift), rng, noise)
