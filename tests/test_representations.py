"""helpers.representations: the correlation ratio, radius bins, pieces per unit, the ring network."""

import numpy as np
import pytest

from helpers.networks import deep_forward
from helpers.regions import activation_patterns, random_relu_network
from helpers.representations import (
    RING_WIDTHS,
    explained_variance,
    radial_groups,
    train_ring_classifier,
    unit_pieces,
)


def eta_squared_by_loops(H, groups):
    """Between-group sum of squares over total sum of squares, column by column, with loops."""
    H = np.asarray(H, dtype=float)
    out = []
    for column in H.T:
        mean = column.mean()
        total = sum((v - mean) ** 2 for v in column)
        between = 0.0
        for g in set(groups):
            members = [v for v, label in zip(column, groups, strict=True) if label == g]
            between += len(members) * (np.mean(members) - mean) ** 2
        out.append(between / total if total > 0 else np.nan)
    return np.array(out)


def test_explained_variance_known_values():
    # group 0 = rows 0, 1 (2 rows), group 1 = rows 2-5 (4 rows): unequal sizes on purpose
    H = np.array([[0.0, 3.0, 0.0, 5.0],
                  [4.0, 3.0, 2.0, 5.0],
                  [4.0, -1.0, 1.0, 5.0],
                  [6.0, -1.0, 1.0, 5.0],
                  [4.0, -1.0, 0.0, 5.0],
                  [6.0, -1.0, 2.0, 5.0]])
    groups = [0, 0, 1, 1, 1, 1]
    np.testing.assert_allclose(explained_variance(H, groups), [0.5, 1.0, 0.0, np.nan])
    # order of rows and values of labels do not matter; lists work
    perm = [3, 0, 5, 1, 2, 4]
    np.testing.assert_allclose(explained_variance(H[perm].tolist(), [7 * groups[i] - 2 for i in perm]),
                               [0.5, 1.0, 0.0, np.nan])


def test_explained_variance_against_loops_and_edge_cases():
    rng = np.random.default_rng(0)
    H = rng.normal(size=(60, 5)) + np.repeat(rng.normal(size=(6, 5)), [1, 4, 7, 10, 15, 23], axis=0)
    groups = np.repeat(np.arange(6), [1, 4, 7, 10, 15, 23])
    np.testing.assert_allclose(explained_variance(H, groups), eta_squared_by_loops(H, list(groups)))
    np.testing.assert_allclose(explained_variance(H, np.zeros(60, int)), 0.0, atol=1e-12)  # one group
    np.testing.assert_allclose(explained_variance(H, np.arange(60)), 1.0)  # every row its own group
    assert explained_variance(H[:, 0], groups).shape == ()
    with pytest.raises(ValueError, match="one label per row"):
        explained_variance(H, groups[:-1])


def test_radial_groups():
    X = np.array([[0.0, 0.0], [0.3, 0.4], [0.0, -0.99], [3.0, 4.0]])
    np.testing.assert_array_equal(radial_groups(X, n_bins=10), [0, 5, 9, 9])
    np.testing.assert_array_equal(radial_groups(X, n_bins=2, radius=10.0), [0, 0, 0, 1])
    with pytest.raises(ValueError, match="shape"):
        radial_groups(np.zeros((3, 3)))


def test_unit_pieces_first_layer_and_against_patterns():
    g = np.linspace(-2, 2, 61)
    grid = np.stack(np.meshgrid(g, g), axis=-1).reshape(-1, 2)
    betas, omegas = random_relu_network([2, 5, 4, 3, 1], seed=2)
    _, hidden = deep_forward(grid, betas, omegas, return_hidden=True)
    pieces = unit_pieces(hidden)
    assert [p.shape for p in pieces] == [(5,), (4,), (3,)]
    on = [h > 0 for h in hidden]
    # layer 1: 2 pieces if the unit switches in the window, 1 if it is always on or off
    np.testing.assert_array_equal(pieces[0], [2 if 0 < o.sum() < o.size else 1 for o in on[0].T])
    # a deeper unit: count distinct patterns of the layers below by np.unique, independently
    patterns = activation_patterns(grid, betas, omegas)
    below = patterns[:, :9]
    for j in range(3):
        active = on[2][:, j]
        expected = (np.unique(below[active], axis=0).shape[0] if active.any() else 0) + int(not active.all())
        assert pieces[2][j] == expected
    assert unit_pieces([]) == []


def test_ring_classifier_units_become_radial_with_depth():
    """The notebook's claim, for its seed: the median eta^2 rises layer by layer."""
    net, X, y = train_ring_classifier(seed=0)
    assert net.layer_sizes == [2, *RING_WIDTHS, 3]
    assert net.accuracy(X, y) > 0.95
    g = np.linspace(-1, 1, 81)
    grid = np.stack(np.meshgrid(g, g), axis=-1).reshape(-1, 2)
    grid = grid[np.hypot(grid[:, 0], grid[:, 1]) <= 1]
    _, hidden = deep_forward(grid, net.betas, net.omegas, return_hidden=True)
    medians = [np.nanmedian(explained_variance(h, radial_groups(grid))) for h in hidden]
    assert medians[0] < 0.2 < 0.7 < medians[-1]
    assert all(a < b for a, b in zip(medians[:-1], medians[1:], strict=True))
