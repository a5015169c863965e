"""The course's data, generated in code: toy classification sets, a target curve, an example network.

Every ``make_*`` function returns ``(X, y)``: ``X`` of shape ``(n, 2)`` (float) and ``y`` of
shape ``(n,)`` (int labels ``0 .. n_classes - 1``). The same ``seed`` gives the same data.

Also here: :func:`default_target`, the curve that notebook 02's approximation demos fit, and
the running example of a shallow network, :data:`EXAMPLE_THETA` and :data:`EXAMPLE_PHI`
(three hidden units, in the ``theta``/``phi`` form of ``helpers.networks``).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

__all__ = [
    "make_blobs",
    "make_xor",
    "make_circles",
    "make_rings",
    "make_moons",
    "make_spirals",
    "default_target",
    "EXAMPLE_THETA",
    "EXAMPLE_PHI",
]

#: The running example: three hidden units with joints at 0.3, 0.5 and 0.77 in [0, 2]
#: (row d = [theta_d0, theta_d1]); the output layer ``[phi_0, phi_1, phi_2, phi_3]``.
EXAMPLE_THETA = np.array([[0.3, -1.0], [-1.0, 2.0], [-0.5, 0.65]])
EXAMPLE_PHI = np.array([-0.3, 2.0, -1.0, 7.0])
EXAMPLE_THETA.flags.writeable = False
EXAMPLE_PHI.flags.writeable = False


def default_target(x: ArrayLike) -> np.ndarray:
    """The curve the approximation demos fit: a damped wave on [0, 2], ``e^-x sin 6x + 0.3 x``.

    ``x`` of any shape; returns float64 of the same shape.
    """
    x = np.asarray(x, dtype=float)
    return np.exp(-x) * np.sin(6.0 * x) + 0.3 * x

Dataset = tuple[np.ndarray, np.ndarray]


def _check_n(n: int) -> None:
    if int(n) != n or n < 2:
        raise ValueError(f"n must be an integer >= 2, got {n!r}")


def _shuffle(X: np.ndarray, y: np.ndarray, rng: np.random.Generator) -> Dataset:
    order = rng.permutation(len(y))
    return X[order], y[order].astype(int)


def make_blobs(
    n: int = 200,
    *,
    centers: tuple[tuple[float, float], tuple[float, float]] = ((1.0, 1.5), (3.0, 4.5)),
    spread: float = 0.5,
    seed: int = 0,
) -> Dataset:
    """Two Gaussian blobs, linearly separable for the default ``spread``.

    The default centres lie on one ray from the origin, one behind the other, so no line
    *through the origin* (a neuron without bias) can split them, while an offset line can.
    """
    _check_n(n)
    rng = np.random.default_rng(seed)
    sizes = (n // 2, n - n // 2)
    X = np.vstack([rng.normal(c, spread, size=(k, 2)) for c, k in zip(centers, sizes, strict=True)])
    y = np.repeat([0, 1], sizes)
    return _shuffle(X, y, rng)


def make_xor(n: int = 200, *, noise: float = 0.15, seed: int = 0) -> Dataset:
    """Four clusters at (±1, ±1); label 1 where the signs of the two coordinates differ."""
    _check_n(n)
    rng = np.random.default_rng(seed)
    corners = rng.choice([-1.0, 1.0], size=(n, 2))
    X = corners + rng.normal(0.0, noise, size=(n, 2))
    y = (corners[:, 0] * corners[:, 1] < 0).astype(int)
    return X, y


def make_circles(n: int = 200, *, factor: float = 0.5, noise: float = 0.05, seed: int = 0) -> Dataset:
    """Two concentric rings: label 0 on the unit circle, label 1 on radius ``factor``."""
    _check_n(n)
    rng = np.random.default_rng(seed)
    sizes = (n // 2, n - n // 2)
    rings = []
    for radius, k in zip((1.0, factor), sizes, strict=True):
        angle = rng.uniform(0.0, 2.0 * np.pi, size=k)
        rings.append(radius * np.column_stack([np.cos(angle), np.sin(angle)]))
    X = np.vstack(rings) + rng.normal(0.0, noise, size=(n, 2))
    y = np.repeat([0, 1], sizes)
    return _shuffle(X, y, rng)


def make_rings(n: int = 600, *, n_rings: int = 3, seed: int = 0) -> Dataset:
    """Points spread uniformly over the unit disk, labelled by ring: the class depends on the radius only.

    Label k for radius in [k / n_rings, (k + 1) / n_rings); outer rings hold more points (their
    share is proportional to their area). No noise: the rings touch.
    """
    _check_n(n)
    if n_rings < 1:
        raise ValueError(f"n_rings should be at least 1, got {n_rings}")
    rng = np.random.default_rng(seed)
    radius = np.sqrt(rng.uniform(0.0, 1.0, size=n))  # uniform over the disk's area
    angle = rng.uniform(0.0, 2.0 * np.pi, size=n)
    X = radius[:, None] * np.column_stack([np.cos(angle), np.sin(angle)])
    y = np.minimum((radius * n_rings).astype(int), n_rings - 1)
    return X, y


def make_moons(n: int = 200, *, noise: float = 0.1, seed: int = 0) -> Dataset:
    """Two interleaving half circles."""
    _check_n(n)
    rng = np.random.default_rng(seed)
    sizes = (n // 2, n - n // 2)
    t0 = rng.uniform(0.0, np.pi, size=sizes[0])
    t1 = rng.uniform(0.0, np.pi, size=sizes[1])
    upper = np.column_stack([np.cos(t0), np.sin(t0)])
    lower = np.column_stack([1.0 - np.cos(t1), 0.5 - np.sin(t1)])
    X = np.vstack([upper, lower]) + rng.normal(0.0, noise, size=(n, 2))
    y = np.repeat([0, 1], sizes)
    return _shuffle(X, y, rng)


def make_spirals(n: int = 300, *, n_classes: int = 3, noise: float = 0.2, seed: int = 0) -> Dataset:
    """``n_classes`` interleaved spiral arms around the origin (radius up to 1)."""
    _check_n(n)
    if n_classes < 2:
        raise ValueError(f"n_classes must be at least 2, got {n_classes}")
    rng = np.random.default_rng(seed)
    sizes = [n // n_classes + (1 if k < n % n_classes else 0) for k in range(n_classes)]
    parts, labels = [], []
    for k, size in enumerate(sizes):
        radius = np.linspace(0.05, 1.0, size)
        angle = np.linspace(0.0, 4.0, size) + 2.0 * np.pi * k / n_classes
        angle = angle + rng.normal(0.0, noise, size=size)
        parts.append(np.column_stack([radius * np.cos(angle), radius * np.sin(angle)]))
        labels.append(np.full(size, k))
    return _shuffle(np.vstack(parts), np.concatenate(labels), rng)


# --- Real (small) data sets for the capstone: MNIST-1D and scikit-learn's digits ----------------
# Both return ``(X_train, y_train, X_test, y_test)``: float32 inputs, int64 labels 0..9.

_MNIST1D_CACHE: dict[int, tuple[np.ndarray, ...]] = {}


def load_mnist1d(seed: int = 42) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """MNIST-1D (Greydanus 2020), generated offline by the ``mnist1d`` package.

    Returns ``X_train`` (4000, 40), ``y_train`` (4000,), ``X_test`` (1000, 40), ``y_test`` (1000,)
    with the package's default settings (5000 signals of length 40, 80/20 split, ``seed``).
    ``seed=42`` is the package's default data set. Nothing is downloaded or written to disk.
    The generator seeds numpy's and Python's global random state; that state is restored
    afterwards, so loading the data does not change anyone else's random numbers. The result
    is cached per process (about 1 s to generate); each call returns fresh copies.
    """
    if seed not in _MNIST1D_CACHE:
        import random

        from mnist1d.data import get_dataset_args, make_dataset

        np_state, py_state = np.random.get_state(), random.getstate()
        try:
            args = get_dataset_args()
            args.seed = int(seed)
            d = make_dataset(args)
        finally:
            np.random.set_state(np_state)
            random.setstate(py_state)
        _MNIST1D_CACHE[seed] = (
            np.asarray(d["x"], dtype=np.float32),
            np.asarray(d["y"], dtype=np.int64),
            np.asarray(d["x_test"], dtype=np.float32),
            np.asarray(d["y_test"], dtype=np.int64),
        )
    return tuple(a.copy() for a in _MNIST1D_CACHE[seed])  # type: ignore[return-value]


def load_digits(
    seed: int = 0, n_test: int = 450
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """scikit-learn's bundled 8x8 handwritten digits (1797 images), split into train and test.

    Returns ``X_train`` (1797 - n_test, 64), ``y_train``, ``X_test`` (n_test, 64), ``y_test``:
    pixels scaled from 0..16 to [0, 1] (float32), rows are images read row by row, labels 0..9.
    The split is a seeded permutation, stratified so every digit appears in the test set in
    proportion. Nothing is downloaded: the images ship with scikit-learn.
    """
    from sklearn.datasets import load_digits as _sk_load_digits

    if not 10 <= n_test <= 1787:
        raise ValueError(f"n_test must be between 10 and 1787, got {n_test!r}")
    bunch = _sk_load_digits()
    X = (np.asarray(bunch.data, dtype=np.float32) / 16.0).astype(np.float32)
    y = np.asarray(bunch.target, dtype=np.int64)
    rng = np.random.default_rng(seed)
    # stratified: take each class's share of the test set from a shuffled copy of that class
    test_idx: list[np.ndarray] = []
    per_class = np.bincount(y, minlength=10)
    quota = np.floor(per_class * n_test / len(y)).astype(int)
    for k in np.argsort(-(per_class * n_test / len(y) - quota))[: n_test - quota.sum()]:
        quota[k] += 1  # largest remainders get the leftover test slots
    for k in range(10):
        members = rng.permutation(np.flatnonzero(y == k))
        test_idx.append(members[: quota[k]])
    test = np.zeros(len(y), dtype=bool)
    test[np.concatenate(test_idx)] = True
    train_order = rng.permutation(np.flatnonzero(~test))
    test_order = rng.permutation(np.flatnonzero(test))
    return X[train_order], y[train_order], X[test_order], y[test_order]


__all__ += ["load_mnist1d", "load_digits"]
