"""Linear regions of ReLU networks: how many there can be, and how many there are.

A ReLU network computes a continuous piecewise-linear function; its *linear regions* are the
pieces of input space on which it is one affine function. This module holds

* bounds on the largest number of regions a network of a given architecture can make
  (exact Python integers, however large):

  - :func:`max_regions_shallow` one hidden layer (Zaslavsky's count of a hyperplane arrangement);
  - :func:`max_regions_deep_1d` ``(D + 1)**K`` for one input and K layers of D units;
  - :func:`layerwise_upper_bound` an upper bound for any widths (a product over layers);
  - :func:`montufar_lower_bound` and :func:`serra_lower_bound` lower bounds: constructions
    that reach at least that many regions;

* counts for given parameters, on a grid and exactly:

  - :func:`count_linear_regions_1d` linear pieces of sampled values of a 1-D function (by
    slope changes);
  - :func:`activation_patterns` / :func:`count_activation_regions` the distinct on/off patterns
    of the ReLUs over a set of inputs, in any dimension;
  - :func:`breakpoints_1d` / :func:`count_regions_1d_exact` every joint of a 1-input network
    on an interval, found layer by layer (no grid, so no region is missed);
  - :func:`folding_network_1d` a 1-input network with K layers of D units that makes exactly
    ``(D + 1)**K`` regions on [0, 1], so the 1-D bound is reached;
  - :func:`random_relu_network` random parameters with non-zero biases, to count regions of
    "typical" networks.

Networks are ``(betas, omegas)`` as in :mod:`helpers.networks` (checked by its
``check_network``, evaluated by its ``deep_forward``): ``omegas[k]`` of shape
``(D_{k+1}, D_k)``, ``betas[k]`` of shape ``(D_{k+1},)``, ReLU on every layer but the last.
This module is the course's one home for region counting.

References: T. Zaslavsky (1975), Facing up to arrangements; G. Montúfar, R. Pascanu, K. Cho,
Y. Bengio (2014), On the number of linear regions of deep neural networks; T. Serra,
C. Tjandraatmadja, S. Ramalingam (2018), Bounding and counting linear regions of deep neural
networks; G. Montúfar (2017), Notes on the number of linear regions of deep neural networks.
"""

from __future__ import annotations

from collections.abc import Sequence
from math import comb, prod

import numpy as np
from numpy.typing import ArrayLike

from helpers.networks import Network, check_network, deep_forward, init_network

__all__ = [
    "max_regions_shallow",
    "count_linear_regions_1d",
    "activation_patterns",
    "count_activation_regions",
    "distinct_patterns",
    "max_regions_deep_1d",
    "layerwise_upper_bound",
    "montufar_lower_bound",
    "serra_lower_bound",
    "folding_network_1d",
    "random_relu_network",
    "breakpoints_1d",
    "count_regions_1d_exact",
]


def _positive(name: str, value: int) -> int:
    value = int(value)
    if value < 1:
        raise ValueError(f"{name} should be a positive integer, got {value}")
    return value


def _widths(widths: Sequence[int]) -> list[int]:
    widths = [_positive("every width", w) for w in widths]
    if not widths:
        raise ValueError("widths should list at least one hidden layer")
    return widths


# ---------------------------------------------------------------- bounds


def max_regions_shallow(d_in: int, d_hidden: int) -> int:
    """Most linear regions a shallow ReLU network with ``d_in`` inputs and ``d_hidden`` units makes.

    Zaslavsky's count for ``d_hidden`` hyperplanes in general position in ``d_in`` dimensions:
    ``sum_{j=0}^{d_in} C(d_hidden, j)``; ``d_hidden + 1`` for one input, ``2**d_hidden`` when
    ``d_hidden <= d_in``.
    """
    return sum(comb(int(d_hidden), j) for j in range(int(d_in) + 1))



def max_regions_deep_1d(d: int, k: int) -> int:
    """Largest number of linear regions of a 1-input ReLU network with K layers of D units.

    ``(D + 1)**K``: each layer's D joints cut each piece of its input line into at most D + 1
    pieces. It is :func:`layerwise_upper_bound` with one input, and it is reached for D >= 3
    (Serra et al. 2018; :func:`folding_network_1d` builds such a network). For K = 5, D = 10
    (471 parameters) it is 161,051.
    """
    return (_positive("d", d) + 1) ** _positive("k", k)


def layerwise_upper_bound(d_in: int, widths: Sequence[int]) -> int:
    """An upper bound on the number of linear regions of a ReLU network, layer by layer.

    ``prod_{l=1}^{K} sum_{j=0}^{m_l} C(D_l, j)`` with ``m_l = min(D_in, D_1, ..., D_{l-1})``.

    Why: inside one region of the first l - 1 layers the map ``x -> h_{l-1}`` is affine, so its
    image is an affine space of dimension at most ``m_l``; the D_l units of layer l cut it by D_l
    hyperplanes, into at most ``sum_{j<=m_l} C(D_l, j)`` pieces (Zaslavsky). Multiply over the
    layers. (Montúfar 2017; Serra et al. 2018 tighten it for narrow layers, which does
    not change it when every width is at least twice the input size.)

    Args:
        d_in: number of inputs D_in.
        widths: hidden-layer widths ``[D_1, ..., D_K]`` (the output layer adds no regions).

    Returns:
        The bound as an exact Python ``int``: ``(D + 1)**K`` for one input,
        ``max_regions_shallow(d_in, D_1)`` for one layer, about 4.37e50 for
        ``d_in=10, widths=[50] * 5``.
    """
    m = _positive("d_in", d_in)
    total = 1
    for width in _widths(widths):
        total *= sum(comb(width, j) for j in range(min(m, width) + 1))
        m = min(m, width)
    return total


def montufar_lower_bound(d_in: int, d: int, k: int) -> int:
    """Regions reached by the construction of Montúfar et al. (2014), K layers of D >= D_in units.

    ``floor(D / D_in)**(D_in (K - 1)) * sum_{j=0}^{D_in} C(D, j)``: each of the first K - 1 layers
    folds every input axis ``floor(D / D_in)`` times onto itself, and the last layer cuts the
    folded cube with D hyperplanes in general position. A lower bound on the *maximum*: some
    parameters make at least this many regions. About 1.2e38 for ``d_in=10, d=50, k=5``.
    """
    d_in, d, k = _positive("d_in", d_in), _positive("d", d), _positive("k", k)
    if d < d_in:
        raise ValueError(f"the construction needs d >= d_in, got d={d}, d_in={d_in}")
    return (d // d_in) ** (d_in * (k - 1)) * max_regions_shallow(d_in, d)


def serra_lower_bound(d_in: int, widths: Sequence[int]) -> int:
    """Regions reached by the construction of Serra et al. (2018), every width >= 3 D_in.

    ``prod_{l=1}^{K-1} (floor(D_l / D_in) + 1)**D_in * sum_{j=0}^{D_in} C(D_K, j)``. It improves
    on :func:`montufar_lower_bound` by folding each axis into ``floor(D_l / D_in) + 1`` pieces
    instead of ``floor(D_l / D_in)`` (one unit points left, see :func:`folding_network_1d`). With
    one input it equals ``prod_l (D_l + 1)``, the upper bound, so the 1-D maximum is exact.
    About 1.8e41 for ``d_in=10, widths=[50] * 5``.
    """
    d_in = _positive("d_in", d_in)
    widths = _widths(widths)
    if any(w < 3 * d_in for w in widths):
        raise ValueError(f"the construction needs every width >= 3 d_in = {3 * d_in}, got {widths}")
    folds = prod((w // d_in + 1) ** d_in for w in widths[:-1])
    return folds * max_regions_shallow(d_in, widths[-1])


# ---------------------------------------------------------------- networks to count


def folding_network_1d(d: int, k: int) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """A 1-input ReLU network with K layers of D units and ``(D + 1)**K`` regions on [0, 1].

    Every layer computes the same zigzag ``f: [0, 1] -> [0, 1]`` with D + 1 monotone pieces, each
    mapping onto all of [0, 1]; composed K times it has ``(D + 1)**K`` pieces. D joints make D + 1
    pieces only if the slope of the first piece comes from the units as well: units pointing
    right (``relu(x - t)``) leave the first piece flat, so one or two units point left
    (``relu(t - x)``), and the piece widths are chosen so that this works (needs D >= 3).

    Returns:
        ``(betas, omegas)`` with layer sizes ``[1, D, ..., D, 1]``: ``3D + 1 + (K - 1)(D**2 + D)``
        parameters (471 for D = 10, K = 5).
    """
    d, k = _positive("d", d), _positive("k", k)
    if d < 3:
        raise ValueError(f"D + 1 pieces from D units needs d >= 3, got d={d}")
    # Piece widths: all 2a except one of width a, with a = 1 / (2d + 1) so they sum to 1.
    # d odd: units 1..d-1 point right, unit d left; needs 1/w_0 = 1/w_{d-1} + 1/w_d.
    # d even: units d-1, d point left; needs 1/w_{d-2} = 1/w_0 + 1/w_d.
    a = 1.0 / (2 * d + 1)
    widths = np.full(d + 1, 2 * a)
    widths[0 if d % 2 else d - 2] = a
    left = {d} if d % 2 else {d - 1, d}
    joints = np.cumsum(widths)[:-1]  # t_1..t_d
    slopes = np.array([(-1) ** i / w for i, w in enumerate(widths)])  # zigzag 0 -> 1 -> 0 ...
    c = np.diff(slopes)  # the slope changes at the joints = output weights
    sign = np.array([-1.0 if i + 1 in left else 1.0 for i in range(d)])
    # unit i: relu(sign_i (x - t_i)); f(x) = b + sum_i c_i unit_i, and f(0) = 0
    b = -float(np.sum(c[sign < 0] * joints[sign < 0]))
    betas = [-sign * joints]
    omegas = [sign[:, None]]
    for _ in range(k - 1):  # next layer's pre-activation: sign_i (f - t_i) with f = b + c . h
        betas.append(sign * (b - joints))
        omegas.append(np.outer(sign, c))
    betas.append(np.array([b]))
    omegas.append(c[None, :])
    return betas, omegas


def random_relu_network(
    layer_sizes: Sequence[int], *, seed: int | np.random.Generator = 0, bias_std: float = 0.5
) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Random ReLU network: He-normal weights (std ``sqrt(2 / fan_in)``), normal biases.

    The biases must not be zero for region counts: with zero biases every unit of a 1-input
    network switches at x = 0 and the whole network has only two linear pieces.

    Returns:
        ``(betas, omegas)`` with ``betas[k]`` of shape ``(D_{k+1},)`` and ``omegas[k]`` of shape
        ``(D_{k+1}, D_k)``.
    """
    sizes = [_positive("every layer size", s) for s in layer_sizes]
    if len(sizes) < 2:
        raise ValueError(f"layer_sizes needs an input and an output size, got {sizes}")
    rng = np.random.default_rng(seed)
    _, omegas = init_network(sizes, seed=rng, init="he")  # draws the weights first, then:
    betas = [rng.normal(0.0, bias_std, size=b) for b in sizes[1:]]
    return betas, omegas


# ---------------------------------------------------------------- counts on a grid


def count_linear_regions_1d(y: ArrayLike, x: ArrayLike, *, tol: float = 1e-6) -> int:
    """Number of linear pieces of a continuous piecewise-linear function sampled on a grid.

    The slope of each grid interval is compared with the next one; a change larger than
    ``tol * max(1, max |slope|)`` is a joint. A joint strictly inside an interval gives that
    interval a slope in between its neighbours': two changes in a row, which count as ONE joint.
    In general a run of r consecutive changes counts as ceil(r / 2) joints (the fewest joints
    that explain it), so joints must be at least two grid intervals apart to be told apart:
    sample finely.

    Args:
        y: function values, shape ``(n,)``.
        x: grid, shape ``(n,)`` (sorted here if it is not).
        tol: relative tolerance on slope changes.

    Returns:
        The number of linear regions (joints + 1) seen on the grid; 1 for fewer than 3 points.
    """
    xs: np.ndarray = np.asarray(x, dtype=float).ravel()
    ys: np.ndarray = np.asarray(y, dtype=float).ravel()
    if xs.shape != ys.shape:
        raise ValueError(f"x and y should have the same shape, got {xs.shape} and {ys.shape}")
    order = np.argsort(xs, kind="stable")
    xs, ys = xs[order], ys[order]
    keep = np.concatenate([[True], np.diff(xs) > 0])  # drop repeated grid points
    xs, ys = xs[keep], ys[keep]
    if xs.size < 3:
        return 1
    slopes = np.diff(ys) / np.diff(xs)
    threshold = tol * max(1.0, float(np.max(np.abs(slopes))))
    changed = np.abs(np.diff(slopes)) > threshold
    edges = np.diff(np.concatenate([[0], changed.astype(np.int8), [0]]))
    runs = np.flatnonzero(edges == -1) - np.flatnonzero(edges == 1)  # lengths of runs
    return int(np.sum((runs + 1) // 2)) + 1


def activation_patterns(
    X: ArrayLike, betas: Sequence[ArrayLike], omegas: Sequence[ArrayLike]
) -> np.ndarray:
    """Which ReLUs are on (pre-activation > 0) at each input.

    Args:
        X: inputs, shape ``(n, D_in)``.
        betas, omegas: a ReLU network as in :func:`helpers.networks.deep_forward`.

    Returns:
        Boolean array of shape ``(n, D_1 + ... + D_K)``: the hidden units of layer 1, then
        layer 2, and so on (the linear output layer has no pattern). Shape ``(n, 0)`` for a
        network without hidden layers.
    """
    out, hidden = deep_forward(X, betas, omegas, return_hidden=True)
    if not hidden:
        return np.zeros((out.shape[0], 0), dtype=bool)
    return np.concatenate(hidden, axis=1) > 0  # relu(z) > 0 exactly where z > 0


def count_activation_regions(
    X: ArrayLike, betas: Sequence[ArrayLike], omegas: Sequence[ArrayLike]
) -> int:
    """Number of distinct activation patterns among the inputs ``X`` (shape ``(n, D_in)``).

    The inputs sharing one pattern form a convex region on which the network is a single
    affine function, so on a fine grid this counts the regions the grid touches. (It can
    exceed the number of distinct linear pieces when neighbouring regions happen to share
    the same affine function, e.g. through a unit with zero outgoing weight.)
    """
    patterns = activation_patterns(X, betas, omegas)
    if patterns.shape[0] == 0:
        return 0
    return int(distinct_patterns(patterns)[0].shape[0])


def distinct_patterns(patterns: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct rows of a boolean pattern matrix ``(n, H)`` and each row's index into them.

    Returns ``(unique (m, H), labels (n,))`` with ``unique[labels] == patterns``, rows in the
    order of ``np.unique(patterns, axis=0)``; much faster than that on large grids, because each
    row's bits are packed into bytes and rows are compared as opaque blobs.
    """
    P = np.asarray(patterns, dtype=bool)
    if P.shape[1] == 0:
        return np.zeros((1, 0), dtype=bool), np.zeros(P.shape[0], dtype=int)
    packed = np.ascontiguousarray(np.packbits(P, axis=1))
    rows = packed.view(np.dtype((np.void, packed.shape[1]))).ravel()
    _, first, labels = np.unique(rows, return_index=True, return_inverse=True)
    return P[first], labels.ravel()


# ---------------------------------------------------------------- exact counts in 1-D


def _one_input(betas: Sequence[ArrayLike], omegas: Sequence[ArrayLike]) -> Network:
    B, W = check_network(betas, omegas)
    if W[0].shape[1] != 1:
        raise ValueError(f"a 1-D count needs one input, the network has {W[0].shape[1]}")
    return B, W


def _hidden_and_slope(x: np.ndarray, B: list, W: list, layers: int) -> tuple[np.ndarray, np.ndarray]:
    """Hidden layer ``layers`` (0 = the input) and its derivative in x, at points x: (n, D) each.

    The values come from ``deep_forward``; the derivative follows the chain rule through the
    same on/off pattern: dh_{k+1}/dx = [h_{k+1} > 0] * (dh_k/dx @ Omega_k.T).
    """
    h, dh = x[:, None], np.ones((x.size, 1))
    if layers == 0:
        return h, dh
    _, hidden = deep_forward(h, B[:layers + 1], W[:layers + 1], return_hidden=True)
    for k in range(layers):
        dh = np.where(hidden[k] > 0, dh @ W[k].T, 0.0)
    return hidden[-1], dh


def breakpoints_1d(
    betas: Sequence[ArrayLike], omegas: Sequence[ArrayLike], lo: float = 0.0, hi: float = 1.0
) -> np.ndarray:
    """Every point of ``[lo, hi]`` where some ReLU of a 1-input network switches, exactly.

    Layer by layer: between two known breakpoints the previous layers are affine in x, so each
    unit's pre-activation is affine there too and crosses zero at most once, at
    ``x* = m - z(m) / z'(m)`` for the interval's midpoint m. No grid, so no thin region is missed.

    Returns:
        Sorted array ``[lo, joints..., hi]`` of shape ``(J + 2,)``; the network is affine between
        neighbours (the activation pattern is constant there).
    """
    B, W = _one_input(betas, omegas)
    points = np.array([float(lo), float(hi)])
    if not points[0] < points[1]:
        raise ValueError(f"need lo < hi, got lo={lo}, hi={hi}")
    eps = 1e-12 * max(1.0, abs(points[0]), abs(points[1]))
    for layer in range(len(W) - 1):
        left, right = points[:-1], points[1:]
        mid = (left + right) / 2
        h, dh = _hidden_and_slope(mid, B, W, layer)
        z = h @ W[layer].T + B[layer]
        dz = dh @ W[layer].T
        with np.errstate(divide="ignore", invalid="ignore"):
            cross = mid[:, None] - z / dz
        inside = (dz != 0) & (cross > left[:, None] + eps) & (cross < right[:, None] - eps)
        points = np.unique(np.concatenate([points, cross[inside]]))
        keep = np.concatenate([[True], np.diff(points) > eps])  # merge near-duplicates
        points = points[keep]
    return points


def count_regions_1d_exact(
    betas: Sequence[ArrayLike],
    omegas: Sequence[ArrayLike],
    lo: float = 0.0,
    hi: float = 1.0,
    *,
    tol: float = 1e-9,
) -> int:
    """Number of linear regions of a 1-input, 1-output ReLU network on ``[lo, hi]``.

    The intervals of :func:`breakpoints_1d`, with neighbours merged when the network has the same
    slope on both (a unit can switch without changing the output, e.g. if its outgoing weight
    is 0). Slopes count as equal when they differ by at most ``tol * max(1, max |slope|)``.
    """
    B, W = _one_input(betas, omegas)
    if W[-1].shape[0] != 1:
        raise ValueError(f"count regions of one output at a time; the network has {W[-1].shape[0]}")
    points = breakpoints_1d(B, W, lo, hi)
    mid = (points[:-1] + points[1:]) / 2
    _, dh = _hidden_and_slope(mid, B, W, len(W) - 1)
    slope = (dh @ W[-1].T)[:, 0]
    threshold = tol * max(1.0, float(np.max(np.abs(slope))))
    return int(1 + np.count_nonzero(np.abs(np.diff(slope)) > threshold))
