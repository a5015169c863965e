"""What the hidden units of a trained network represent, layer by layer.

Notebook 04 trains a deep ReLU network on concentric rings (the class depends on the radius
only) and measures how *abstract* each hidden unit is:

* :func:`explained_variance` the correlation ratio eta^2 of every unit: the fraction of its
  variance over the inputs that a grouping of the inputs (here: radius bins) explains. A unit
  that depends on the radius only scores 1; one that ignores it, 0.
* :func:`radial_groups` integer radius bins of 2-D points, the grouping used for it.
* :func:`unit_pieces` how many linear pieces every hidden unit has over a set of inputs
  (from the activation patterns of the layers below it, as in :mod:`helpers.regions`).
* :func:`train_ring_classifier` the seeded network and data of the notebook (and of
  ``benchmarks/depth_abstraction.py``).

Hidden activations come from ``helpers.networks.deep_forward(X, betas, omegas,
return_hidden=True)``: a list ``[h_1, ..., h_K]``, ``h_k`` of shape ``(n, D_k)``.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import ArrayLike

from helpers.data import make_rings
from helpers.mlp import MLP
from helpers.optim import Adam
from helpers.regions import distinct_patterns

__all__ = ["explained_variance", "radial_groups", "unit_pieces", "train_ring_classifier", "RING_WIDTHS"]

#: The hidden widths of the notebook's ring classifier: four layers of 12 ReLUs.
RING_WIDTHS = (12, 12, 12, 12)


def explained_variance(H: ArrayLike, groups: ArrayLike) -> np.ndarray:
    """Fraction of each column's variance explained by its group means (the correlation ratio).

    eta^2_d = 1 - sum_i (H_id - mean of H_d over i's group)^2 / sum_i (H_id - mean of H_d)^2.

    Args:
        H: values, shape ``(N, D)`` (e.g. N inputs, D hidden units), or a 1-D array ``(N,)``.
        groups: integer group labels, shape ``(N,)`` (any integers, in any order).

    Returns:
        Shape ``(D,)`` (a 0-d array for 1-D ``H``), each in [0, 1]: 1 where a column is constant
        within every group, 0 where all group means are equal. ``nan`` for a constant column
        (no variance to explain).

    Raises:
        ValueError: if ``groups`` does not have one label per row of ``H``.
    """
    values = np.asarray(H, dtype=float)
    labels = np.asarray(groups)
    if values.ndim not in (1, 2) or labels.shape != values.shape[:1]:
        raise ValueError(f"groups should have shape ({values.shape[0] if values.ndim else '?'},), one "
                         f"label per row of H {values.shape}; got {labels.shape}")
    _, index = np.unique(labels, return_inverse=True)
    index = index.ravel()
    counts = np.bincount(index)
    flat = values.reshape(values.shape[0], -1)
    sums = np.zeros((counts.size, flat.shape[1]))
    np.add.at(sums, index, flat)
    group_means = sums / counts[:, None]
    within = ((flat - group_means[index]) ** 2).sum(axis=0)
    total = ((flat - flat.mean(axis=0)) ** 2).sum(axis=0)
    result = np.full(flat.shape[1], np.nan)
    varies = total > 0
    result[varies] = 1.0 - within[varies] / total[varies]
    result = np.clip(result, 0.0, 1.0)
    return result.reshape(values.shape[1:])


def radial_groups(X: ArrayLike, n_bins: int = 20, radius: float = 1.0) -> np.ndarray:
    """Radius bin of every 2-D point: ``n_bins`` equal-width bins of |x| on [0, radius].

    Args:
        X: points, shape ``(n, 2)``.
        n_bins: number of bins (points beyond ``radius`` go into the last one).
        radius: the outer edge of the last bin.

    Returns:
        Integer labels ``0 .. n_bins - 1``, shape ``(n,)``.
    """
    points = np.asarray(X, dtype=float)
    if points.ndim != 2 or points.shape[1] != 2:
        raise ValueError(f"X should have shape (n, 2), got {points.shape}")
    if n_bins < 1 or radius <= 0:
        raise ValueError(f"need n_bins >= 1 and radius > 0, got {n_bins} and {radius}")
    r = np.hypot(points[:, 0], points[:, 1])
    return np.minimum((r / radius * n_bins).astype(int), n_bins - 1)


def unit_pieces(hidden: Sequence[ArrayLike]) -> list[np.ndarray]:
    """Number of linear pieces of every hidden unit over the inputs that produced ``hidden``.

    Unit j of layer k is ReLU(z) with z affine on each activation region of layers 1..k-1;
    its pieces are the distinct patterns of those layers among the inputs where the unit is on,
    plus one (the flat zero) if it is off anywhere. On a grid this counts the pieces the grid
    touches (neighbouring regions that share one affine function count twice).

    Args:
        hidden: ``[h_1, ..., h_K]``, ``h_k`` of shape ``(n, D_k)`` (ReLU outputs, >= 0).

    Returns:
        ``[p_1, ..., p_K]``, ``p_k`` of shape ``(D_k,)`` (ints; every first-layer unit that
        switches inside the inputs has 2 pieces, a dead unit 1).
    """
    layers = [np.asarray(h) for h in hidden]
    if not layers:
        return []
    n = layers[0].shape[0]
    below = np.zeros((n, 0), dtype=bool)
    result = []
    for h in layers:
        on = h > 0
        counts = np.empty(h.shape[1], dtype=int)
        for j in range(h.shape[1]):
            active = on[:, j]
            pieces = distinct_patterns(below[active])[0].shape[0] if active.any() else 0
            counts[j] = pieces + int(not active.all())
        result.append(counts)
        below = np.concatenate([below, on], axis=1)
    return result


def train_ring_classifier(
    seed: int = 0,
    *,
    widths: Sequence[int] = RING_WIDTHS,
    n: int = 600,
    n_rings: int = 3,
    epochs: int = 200,
    lr: float = 0.005,
    batch_size: int = 32,
) -> tuple[MLP, np.ndarray, np.ndarray]:
    """A ReLU MLP trained on ``helpers.data.make_rings`` (Adam, softmax cross-entropy).

    Args:
        seed: seeds the data, the initial weights and the shuffling.
        widths: hidden widths; the network is ``[2, *widths, n_rings]``.
        n, n_rings: the data set (``n`` points in the unit disk, class = ring).
        epochs, lr, batch_size: the training run.

    Returns:
        ``(net, X (n, 2), y (n,))``; about a second on one core for the defaults.
    """
    X, y = make_rings(n, n_rings=n_rings, seed=seed)
    net = MLP([2, *[int(w) for w in widths], n_rings], seed=seed)
    net.fit(X, y, optimizer=Adam(net.params, lr=lr), epochs=epochs, batch_size=batch_size, seed=seed,
            progress=False)
    return net, X, y
