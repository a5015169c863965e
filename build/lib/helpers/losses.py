"""Loss functions and their gradients, numerically stable and batch-first.

Conventions (the same for every function here):

* Data is batch-first: ``n`` examples along axis 0.
* A loss is the **mean over the batch** and is returned as a Python ``float``.
* A gradient has the shape of the predictions (or logits) it is taken with respect to and
  already contains the ``1/n`` of the mean, so it can be passed straight to a network's
  ``backward``.
* Arrays keep their floating dtype (float32 stays float32); integers become float64.

Stability: ``softmax``, ``log_softmax`` and ``logsumexp`` subtract the row maximum before
exponentiating, and the logistic losses use ``log(1 + e^{-|z|})``, so logits of ±1000 give
finite losses and gradients, with no warning.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

__all__ = [
    "softmax",
    "log_softmax",
    "logsumexp",
    "one_hot",
    "check_labels",
    "mse",
    "mse_grad",
    "binary_cross_entropy_with_logits",
    "binary_cross_entropy_with_logits_grad",
    "softmax_cross_entropy",
]


def _float_array(z: ArrayLike) -> np.ndarray:
    """``z`` as an array of a floating dtype (float64 unless it already is floating)."""
    z = np.asarray(z)
    return z if z.dtype.kind == "f" else z.astype(np.float64)


# --------------------------------------------------------------------------- softmax family


def logsumexp(z: ArrayLike, axis: int = -1, keepdims: bool = False) -> np.ndarray:
    """log(sum(exp(z))) along ``axis``, without overflow.

    Args:
        z: array of any shape, e.g. logits ``(n, C)``.
        axis: the axis to reduce (the classes: last by default).
        keepdims: keep the reduced axis with length 1 (handy for broadcasting).

    Returns:
        ``z``'s shape without ``axis`` (or with length 1 there if ``keepdims``); e.g. ``(n,)``.
    """
    z = _float_array(z)
    m = np.max(z, axis=axis, keepdims=True)
    m = np.where(np.isfinite(m), m, 0.0)  # rows of -inf stay -inf, not NaN
    with np.errstate(divide="ignore"):  # log(0) = -inf for a row of -inf only
        out = np.log(np.sum(np.exp(z - m), axis=axis, keepdims=True)) + m
    return out if keepdims else np.squeeze(out, axis=axis)


def log_softmax(z: ArrayLike, axis: int = -1) -> np.ndarray:
    """log softmax(z) = z - logsumexp(z) along ``axis``; same shape as ``z``, all <= 0."""
    z = _float_array(z)
    return z - logsumexp(z, axis=axis, keepdims=True)


def softmax(z: ArrayLike, axis: int = -1) -> np.ndarray:
    """exp(z_c) / sum_c' exp(z_c') along ``axis`` (the classes: last by default).

    Args:
        z: logits, e.g. ``(n, C)``; any shape works.

    Returns:
        Same shape as ``z``; entries in [0, 1] that sum to 1 along ``axis``.
    """
    z = _float_array(z)
    e = np.exp(z - np.max(z, axis=axis, keepdims=True))
    return e / np.sum(e, axis=axis, keepdims=True)


# --------------------------------------------------------------------------- labels


def check_labels(y: ArrayLike, n: int | None = None, n_classes: int | None = None) -> np.ndarray:
    """Validate integer class labels and return them as an int array of shape ``(n,)``.

    Accepts any integer array, or floats that hold whole numbers (``1.0``). Raises a
    ``ValueError`` that says what is wrong: not 1-D, wrong length, not whole numbers, or a
    label outside ``0 .. n_classes - 1`` (labels are zero-indexed).
    """
    y = np.asarray(y)
    if y.ndim != 1:
        raise ValueError(f"labels y must be a 1-D array of shape (n,), got shape {y.shape}")
    if n is not None and y.shape[0] != n:
        raise ValueError(f"got {y.shape[0]} labels for {n} examples (logits/X have {n} rows)")
    if y.dtype.kind not in "iu":  # not an integer array: accept bools and whole floats
        if y.dtype.kind == "b" or (y.dtype.kind == "f" and np.all(y == np.round(y))):  # NaN fails
            y = y.astype(np.intp)
        else:
            raise ValueError(f"labels y must be whole numbers (class indices), got dtype {y.dtype}")
    if n_classes is not None and y.size and (y.min() < 0 or y.max() >= n_classes):
        bad = y[(y < 0) | (y >= n_classes)][0]
        raise ValueError(
            f"label {bad} is out of range: with {n_classes} classes labels must be in "
            f"0 .. {n_classes - 1} (zero-indexed)"
        )
    return y


def one_hot(y: ArrayLike, n_classes: int, dtype: type = np.float64) -> np.ndarray:
    """Rows of the identity: ``one_hot([2, 0], 3) == [[0, 0, 1], [1, 0, 0]]``.

    Args:
        y: integer labels ``(n,)`` in ``0 .. n_classes - 1``.
        n_classes: the number of classes ``C``.
        dtype: dtype of the result.

    Returns:
        ``(n, C)`` array with a single 1 per row, at column ``y[i]``.
    """
    y = check_labels(y, n_classes=n_classes)
    out = np.zeros((y.shape[0], n_classes), dtype=dtype)
    out[np.arange(y.shape[0]), y] = 1
    return out


# --------------------------------------------------------------------------- regression


def _match_targets(y_pred: np.ndarray, y: ArrayLike) -> np.ndarray:
    """``y`` in ``y_pred``'s shape; refuses shapes that would silently broadcast."""
    y = np.asarray(y, dtype=y_pred.dtype)
    if y.shape == y_pred.shape:
        return y
    if y.size == y_pred.size and y_pred.ndim >= 1 and y.ndim >= 1 and len(y) == len(y_pred):
        return y.reshape(y_pred.shape)  # (n,) against (n, 1) and the like
    raise ValueError(
        f"predictions of shape {y_pred.shape} and targets of shape {y.shape} do not match"
    )


def mse(y_pred: ArrayLike, y: ArrayLike) -> float:
    """Mean squared error: (1/n) sum_i ||y_pred_i - y_i||^2 (least squares, mean over the batch).

    Args:
        y_pred: predictions ``(n,)`` or ``(n, k)``.
        y: targets with the same number of entries (``(n,)`` against ``(n, 1)`` is accepted).

    Returns:
        The loss as a float. For one output per example this is the usual mean of the
        squared errors; with ``k`` outputs the squared errors of a row are summed.
    """
    y_pred = _float_array(y_pred)
    r = y_pred - _match_targets(y_pred, y)
    n = y_pred.shape[0] if y_pred.ndim else 1
    return float(np.sum(r * r) / n)


def mse_grad(y_pred: ArrayLike, y: ArrayLike) -> np.ndarray:
    """Gradient of ``mse`` with respect to ``y_pred``: 2 (y_pred - y) / n, shape of ``y_pred``."""
    y_pred = _float_array(y_pred)
    n = y_pred.shape[0] if y_pred.ndim else 1
    return (y_pred - _match_targets(y_pred, y)) * (2.0 / n)


# --------------------------------------------------------------------------- binary classification


def binary_cross_entropy_with_logits(logits: ArrayLike, y: ArrayLike) -> float:
    """Binary cross-entropy of sigmoid(logits) against targets y in [0, 1], mean over the batch.

    Per example: -[y log sigma(z) + (1 - y) log(1 - sigma(z))]
    = max(z, 0) - z y + log(1 + e^{-|z|}), which never overflows.

    Args:
        logits: ``z`` of shape ``(n,)`` or ``(n, 1)`` (the pre-sigmoid outputs).
        y: targets ``(n,)`` or ``(n, 1)``, 0/1 labels (or probabilities).

    Returns:
        The loss as a float.
    """
    z = _float_array(logits)
    y = _match_targets(z, y)
    n = z.shape[0] if z.ndim else 1
    return float(np.sum(np.maximum(z, 0) - z * y + np.log1p(np.exp(-np.abs(z)))) / n)


def binary_cross_entropy_with_logits_grad(logits: ArrayLike, y: ArrayLike) -> np.ndarray:
    """Gradient of the binary cross-entropy: (sigmoid(z) - y) / n, in the shape of ``logits``."""
    z = _float_array(logits)
    y = _match_targets(z, y)
    n = z.shape[0] if z.ndim else 1
    e = np.exp(-np.abs(z))  # in (0, 1]: no overflow
    sig = np.where(z >= 0, 1 / (1 + e), e / (1 + e))
    return (sig - y) / n


# --------------------------------------------------------------------------- multiclass


def softmax_cross_entropy(logits: ArrayLike, y: ArrayLike) -> tuple[float, np.ndarray]:
    """Softmax cross-entropy with integer labels: the loss and its gradient in one pass.

    L = (1/n) sum_i [logsumexp(z_i) - z_{i, y_i}]  (the negative log-likelihood of softmax)

    Args:
        logits: ``z`` of shape ``(n, C)``.
        y: integer labels ``(n,)`` in ``0 .. C - 1`` (zero-indexed).

    Returns:
        ``(loss, dlogits)``: the loss as a float and ``dL/dz = (softmax(z) - onehot(y)) / n``
        of shape ``(n, C)`` and the dtype of ``logits``.
    """
    z = _float_array(logits)
    if z.ndim != 2:
        raise ValueError(f"logits must have shape (n, C), got shape {z.shape}")
    n, C = z.shape
    y = check_labels(y, n=n, n_classes=C)
    # Work on the transpose (C, n): numpy reduces over the first axis of a few long rows much
    # faster than over each of n short rows (about 10x for C = 10).
    zT = z.T.copy()
    zT -= zT.max(axis=0)  # shift each example's logits so the largest is 0: exp cannot overflow
    e = np.exp(zT)
    s = e.sum(axis=0)  # (n,), in [1, C]: its log is safe
    correct = y * n + np.arange(n)  # flat positions of zT[y_i, i], the correct classes' logits
    loss = (float(np.log(s).sum()) - float(zT.ravel()[correct].sum())) / n
    e *= 1 / (n * s)  # softmax / n
    e.ravel()[correct] -= 1 / n  # minus onehot / n
    return loss, e.T
