"""Seeded toy data sets for two-dimensional classification, generated in code.

Every function returns ``(X, y)``: ``X`` of shape ``(n, 2)`` (float) and ``y`` of shape
``(n,)`` (int labels ``0 .. n_classes - 1``). The same ``seed`` gives the same data.
"""

from __future__ import annotations

import numpy as np

__all__ = ["make_blobs", "make_xor", "make_circles", "make_moons", "make_spirals"]

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
