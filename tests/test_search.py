"""helpers.search: grid and random search on linear and log scales."""

from __future__ import annotations

import numpy as np
import pytest

from helpers.search import grid_search, grid_values, log_uniform, random_search, sample


def test_log_uniform_covers_every_decade_equally():
    x = log_uniform(1e-4, 1e0, size=20000, rng=0)
    assert x.min() >= 1e-4 and x.max() <= 1
    counts = np.histogram(np.log10(x), bins=4, range=(-4, 0))[0]
    assert np.all(np.abs(counts / 20000 - 0.25) < 0.02)
    with pytest.raises(ValueError):
        log_uniform(0.0, 1.0)


def test_sample_kinds():
    rng = np.random.default_rng(0)
    space = {"lr": (1e-3, 1e-1, "log"), "p": (0.0, 0.5, "linear"), "width": [8, 16]}
    for _ in range(50):
        s = sample(space, rng)
        assert 1e-3 <= s["lr"] <= 1e-1 and 0 <= s["p"] <= 0.5 and s["width"] in (8, 16)
    with pytest.raises(ValueError):
        sample({"lr": (0.0, 1.0, "log")}, rng)
    with pytest.raises(ValueError):
        sample({"lr": []}, rng)


def test_grid_search_tries_every_combination():
    calls = []

    def objective(a, b):
        calls.append((a, b))
        return (a - 2) ** 2 + (b - 1) ** 2

    best, trials = grid_search(objective, {"a": [1, 2, 3], "b": [0, 1]})
    assert len(calls) == 6 and len(trials) == 6
    assert best.params == {"a": 2, "b": 1} and best.score == 0


def test_random_search_keeps_the_best_and_skips_nan():
    def objective(x):
        return float("nan") if x > 0.9 else (x - 0.3) ** 2

    best, trials = random_search(objective, {"x": (0.0, 1.0, "linear")}, 40, rng=1)
    assert len(trials) == 40
    finite = [t.score for t in trials if np.isfinite(t.score)]
    assert best.score == min(finite)
    again, _ = random_search(objective, {"x": (0.0, 1.0, "linear")}, 40, rng=1)
    assert again == best  # seeded
    with pytest.raises(ValueError):
        random_search(objective, {"x": (0.0, 1.0, "linear")}, 0)


def test_grid_values():
    np.testing.assert_allclose(grid_values(1e-3, 1e-1, 3), [1e-3, 1e-2, 1e-1])
    np.testing.assert_allclose(grid_values(0, 1, 3, "linear"), [0, 0.5, 1])
