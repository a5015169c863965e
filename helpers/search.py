"""Hyperparameter search: grid search and random search, on linear or log scales.

A search space maps a name to a range::

    space = {"lr": (1e-4, 1e-1, "log"), "dropout": (0.0, 0.5, "linear"), "width": [32, 64, 128]}

``(low, high, "log")`` samples log-uniformly (every factor of ten equally often: right for
learning rates and penalty strengths), ``(low, high, "linear")`` uniformly, and a list picks
one of its values. ``objective(**params) -> float`` is minimised (return a validation loss or
error rate); ``Trial`` records what was tried.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

__all__ = ["Trial", "log_uniform", "sample", "grid_values", "grid_search", "random_search"]

Space = Mapping[str, Any]


@dataclass(frozen=True)
class Trial:
    """One evaluated setting: its parameters and the objective's value."""

    params: dict[str, Any]
    score: float


def log_uniform(low: float, high: float, size: int | None = None,
                rng: np.random.Generator | int | None = None) -> Any:
    """Samples whose logarithm is uniform between log(low) and log(high) (0 < low <= high)."""
    if not 0 < low <= high:
        raise ValueError(f"a log scale needs 0 < low <= high, got {low!r}, {high!r}")
    rng = np.random.default_rng(rng)
    return np.exp(rng.uniform(math.log(low), math.log(high), size))


def _check_range(name: str, spec: Any) -> None:
    if isinstance(spec, tuple) and len(spec) == 3 and spec[2] in ("log", "linear"):
        low, high, scale = spec
        if not low <= high or (scale == "log" and not low > 0):
            raise ValueError(f"{name}: bad range {spec!r}")
    elif not (isinstance(spec, Sequence) and not isinstance(spec, str | tuple) and len(spec) > 0):
        raise ValueError(f"{name}: give (low, high, 'log'|'linear') or a non-empty list, got {spec!r}")


def sample(space: Space, rng: np.random.Generator) -> dict[str, Any]:
    """One random setting of every parameter in ``space`` (see the module docstring)."""
    out: dict[str, Any] = {}
    for name, spec in space.items():
        _check_range(name, spec)
        if isinstance(spec, tuple):
            low, high, scale = spec
            value = log_uniform(low, high, rng=rng) if scale == "log" else rng.uniform(low, high)
            out[name] = float(value)
        else:
            out[name] = spec[int(rng.integers(len(spec)))]
    return out


def _run(objective: Callable[..., float], settings: Sequence[dict[str, Any]]) -> tuple[Trial, list[Trial]]:
    trials = [Trial(dict(s), float(objective(**s))) for s in settings]
    if not trials:
        raise ValueError("nothing to try: the search has no settings")
    finite = [t for t in trials if math.isfinite(t.score)]
    best = min(finite, key=lambda t: t.score) if finite else trials[0]
    return best, trials


def grid_search(objective: Callable[..., float],
                grid: Mapping[str, Sequence[Any]]) -> tuple[Trial, list[Trial]]:
    """Try every combination of the values in ``grid`` (name -> list of values).

    Returns ``(best, trials)``: the trial with the smallest finite score and all trials.
    """
    names = list(grid)
    settings = [dict(zip(names, values, strict=True)) for values in itertools.product(*grid.values())]
    return _run(objective, settings)


def random_search(objective: Callable[..., float], space: Space, n_trials: int,
                  rng: np.random.Generator | int | None = 0) -> tuple[Trial, list[Trial]]:
    """Try ``n_trials`` settings drawn independently from ``space``; ``(best, trials)`` as ``grid_search``."""
    if int(n_trials) != n_trials or n_trials < 1:
        raise ValueError(f"n_trials must be an integer >= 1, got {n_trials!r}")
    rng = np.random.default_rng(rng)
    return _run(objective, [sample(space, rng) for _ in range(int(n_trials))])


def grid_values(low: float, high: float, n: int, scale: str = "log") -> np.ndarray:
    """``n`` evenly spaced values from ``low`` to ``high``, on a log or linear scale."""
    if scale == "log":
        if not 0 < low <= high:
            raise ValueError(f"a log scale needs 0 < low <= high, got {low!r}, {high!r}")
        return np.geomspace(low, high, n)
    return np.linspace(low, high, n)

