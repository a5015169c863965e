"""Shallow and deep fully connected networks, in the book's notation, in plain numpy.

Shallow network with one input x, D hidden units and one output (Prince, chapter 3)::

    h_d = a[theta_d0 + theta_d1 x]          d = 1..D
    y   = phi_0 + sum_d phi_d h_d

``theta`` has shape ``(D, 2)`` (row d = [theta_d0, theta_d1]) and ``phi`` shape ``(D + 1,)``
(``[phi_0, phi_1, ..., phi_D]``).

Deep network with K hidden layers (chapter 4)::

    h_1 = a[beta_0 + Omega_0 x],  h_{k+1} = a[beta_k + Omega_k h_k],  y = beta_K + Omega_K h_K

``omegas[k]`` has shape ``(D_{k+1}, D_k)`` (out x in) and ``betas[k]`` shape ``(D_{k+1},)``.
Data are batch-first: ``X`` has shape ``(n, D_in)`` and a layer computes ``X @ Omega.T + beta``
(the PyTorch ``nn.Linear`` convention, with ``W = Omega`` and ``b = beta``).

Also here: initialisation, parameter counts, and counting linear regions (1-D by slope changes,
any dimension by distinct ReLU activation patterns).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from math import comb

import numpy as np
from numpy.typing import ArrayLike

from helpers.activations import get_activation, relu

__all__ = [
    "shallow_hidden",
    "shallow_forward",
    "shallow_joints",
    "theta_from_joints",
    "fit_output_weights",
    "deep_forward",
    "init_network",
    "count_parameters",
    "max_regions_shallow",
    "count_linear_regions_1d",
    "activation_patterns",
    "count_activation_regions",
]

Activation = Callable[[ArrayLike], "np.ndarray | float"] | str


def _activation(activation: Activation) -> Callable[[ArrayLike], np.ndarray | float]:
    """A callable activation from a callable or a name ("relu", "sigmoid", ...)."""
    if isinstance(activation, str):
        return get_activation(activation)[0]
    if not callable(activation):
        raise TypeError(
            f"activation should be a function or a name, got {type(activation).__name__}"
        )
    return activation


def _theta(theta: ArrayLike) -> np.ndarray:
    theta = np.asarray(theta, dtype=float)
    if theta.ndim != 2 or theta.shape[1] != 2:
        raise ValueError(
            f"theta should have shape (D, 2), row d = [theta_d0, theta_d1]; got shape {theta.shape}"
        )
    return theta


# ---------------------------------------------------------------- shallow networks (1 input)


def shallow_hidden(x: ArrayLike, theta: ArrayLike, activation: Activation = relu) -> np.ndarray:
    """Hidden units of a shallow network with one input.

    Args:
        x: scalar inputs, shape ``(n,)`` (a list or a single number is fine).
        theta: shape ``(D, 2)``, row d = ``[theta_d0, theta_d1]``.
        activation: a function applied element-wise, or its name (default ReLU).

    Returns:
        H of shape ``(n, D)`` with ``H[:, d] = a[theta_d0 + theta_d1 x]``.
    """
    x = np.atleast_1d(np.asarray(x, dtype=float))
    if x.ndim != 1:
        raise ValueError(f"x should be a vector of scalar inputs, shape (n,); got shape {x.shape}")
    theta = _theta(theta)
    pre = theta[:, 0][None, :] + x[:, None] * theta[:, 1][None, :]
    return np.asarray(_activation(activation)(pre), dtype=float)


def shallow_forward(
    x: ArrayLike, theta: ArrayLike, phi: ArrayLike, activation: Activation = relu
) -> np.ndarray:
    """Output of a shallow network with one input and one output.

    Args:
        x: scalar inputs, shape ``(n,)``.
        theta: hidden-layer parameters, shape ``(D, 2)``.
        phi: output parameters ``[phi_0, phi_1, ..., phi_D]``, shape ``(D + 1,)``.
        activation: the hidden units' activation (default ReLU).

    Returns:
        y of shape ``(n,)``: ``y = phi_0 + sum_d phi_d h_d``.
    """
    theta = _theta(theta)
    phi = np.asarray(phi, dtype=float).ravel()
    if phi.shape != (theta.shape[0] + 1,):
        raise ValueError(
            f"phi should have D + 1 = {theta.shape[0] + 1} entries [phi_0, ..., phi_D] for "
            f"D = {theta.shape[0]} hidden units; got {phi.size}"
        )
    H = shallow_hidden(x, theta, activation)
    return phi[0] + H @ phi[1:]


def shallow_joints(theta: ArrayLike) -> np.ndarray:
    """Where each hidden unit's pre-activation crosses zero: ``x_d = -theta_d0 / theta_d1``.

    Returns shape ``(D,)``; a unit with ``theta_d1 = 0`` never switches and gets NaN.
    """
    theta = _theta(theta)
    with np.errstate(divide="ignore", invalid="ignore"):
        joints = -theta[:, 0] / theta[:, 1]
    return np.where(theta[:, 1] == 0, np.nan, joints)


def theta_from_joints(joints: ArrayLike, slopes: ArrayLike = 1.0) -> np.ndarray:
    """Hidden-layer parameters whose units switch on at ``joints``.

    Unit d is ``a[slope_d (x - joint_d)]``: ``theta_d1 = slope_d``, ``theta_d0 = -slope_d joint_d``.
    A positive slope switches the ReLU on to the right of the joint. Returns shape ``(D, 2)``.
    """
    joints = np.atleast_1d(np.asarray(joints, dtype=float))
    slopes = np.broadcast_to(np.asarray(slopes, dtype=float), joints.shape)
    return np.stack([-slopes * joints, slopes], axis=1)


def fit_output_weights(
    x: ArrayLike, y: ArrayLike, theta: ArrayLike, activation: Activation = relu
) -> np.ndarray:
    """Least-squares output parameters ``phi`` (shape ``(D + 1,)``) for fixed hidden units.

    Minimises ``sum_i (y_i - phi_0 - sum_d phi_d h_d(x_i))^2``: a linear problem once ``theta``
    is fixed. Uses ``np.linalg.lstsq`` (minimum-norm solution when it is not unique).
    """
    H = shallow_hidden(x, theta, activation)
    y = np.asarray(y, dtype=float).ravel()
    if y.shape[0] != H.shape[0]:
        raise ValueError(f"x has {H.shape[0]} points but y has {y.shape[0]}")
    A = np.hstack([np.ones((H.shape[0], 1)), H])
    phi, *_ = np.linalg.lstsq(A, y, rcond=None)
    return phi


# ---------------------------------------------------------------- deep networks


def _input_name(k: int) -> str:
    return "x" if k == 0 else f"h_{k}"


def _check_layers(betas: Sequence[ArrayLike], omegas: Sequence[ArrayLike]) -> tuple[list, list]:
    if len(betas) != len(omegas):
        raise ValueError(
            f"got {len(betas)} bias vectors but {len(omegas)} weight matrices: "
            "every layer needs one beta and one Omega"
        )
    if len(omegas) == 0:
        raise ValueError("the network has no layers (omegas is empty)")
    B, W = [], []
    for k, (beta, omega) in enumerate(zip(betas, omegas, strict=True)):
        omega = np.asarray(omega, dtype=float)
        beta = np.asarray(beta, dtype=float)
        if omega.ndim != 2:
            raise ValueError(
                f"Omega_{k} (layer {k + 1}) should be a matrix of shape (out, in); "
                f"got shape {omega.shape}"
            )
        if k > 0 and omega.shape[1] != W[-1].shape[0]:
            raise ValueError(
                f"Omega_{k} (layer {k + 1}) has shape {omega.shape} but {_input_name(k)} has "
                f"{W[-1].shape[0]} units (Omega is out x in: it needs {W[-1].shape[0]} columns)"
            )
        if beta.ndim == 2 and beta.shape[1] == 1:  # the book's column vector
            beta = beta[:, 0]
        if beta.shape != (omega.shape[0],):
            raise ValueError(
                f"beta_{k} (layer {k + 1}) has shape {beta.shape} but Omega_{k} has shape {omega.shape}: "
                f"beta should have shape ({omega.shape[0]},), one bias per output unit"
            )
        B.append(beta)
        W.append(omega)
    return B, W


def _as_batch(X: ArrayLike, d_in: int) -> np.ndarray:
    X = np.asarray(X, dtype=float)
    if X.ndim <= 1 and d_in == 1:  # n scalar inputs
        X = X.reshape(-1, 1)
    if X.ndim != 2:
        raise ValueError(f"X should have shape (n, D_in) = (n, {d_in}); got shape {X.shape}")
    if X.shape[1] != d_in:
        raise ValueError(
            f"layer 1: Omega has {d_in} columns but x has {X.shape[1]} features "
            f"(X has shape {X.shape}; is it transposed? data are batch-first, (n, D_in))"
        )
    return X


def deep_forward(
    X: ArrayLike,
    betas: Sequence[ArrayLike],
    omegas: Sequence[ArrayLike],
    activation: Activation = relu,
    return_hidden: bool = False,
) -> np.ndarray | tuple[np.ndarray, list[np.ndarray]]:
    """Forward pass of a fully connected network.

    ``h_{k+1} = a[beta_k + Omega_k h_k]`` for every layer but the last, which is linear.

    Args:
        X: inputs, shape ``(n, D_in)`` (a vector of shape ``(n,)`` is read as n scalar inputs
            when ``D_in = 1``).
        betas: ``betas[k]`` of shape ``(D_{k+1},)`` (a column ``(D_{k+1}, 1)`` is accepted).
        omegas: ``omegas[k]`` of shape ``(D_{k+1}, D_k)``.
        activation: function or name applied in every hidden layer (default ReLU).
        return_hidden: also return the hidden layers' activations.

    Returns:
        The output, shape ``(n, D_out)``; with ``return_hidden``, ``(output, [h_1, ..., h_K])``
        where ``h_k`` has shape ``(n, D_k)`` (an empty list for a network with no hidden layer).

    Raises:
        ValueError: on any shape mismatch, naming the layer, e.g.
            "layer 2: Omega has shape (5, 4) but h_1 has 3 units".
    """
    B, W = _check_layers(betas, omegas)
    act = _activation(activation)
    h = _as_batch(X, W[0].shape[1])
    hidden: list[np.ndarray] = []
    for k, (beta, omega) in enumerate(zip(B, W, strict=True)):
        z = h @ omega.T + beta
        if k == len(W) - 1:
            return (z, hidden) if return_hidden else z
        h = np.asarray(act(z), dtype=float)
        hidden.append(h)
    raise AssertionError("unreachable")  # pragma: no cover


def init_network(
    layer_sizes: Sequence[int], *, seed: int | np.random.Generator = 0, scale: str | float = "he"
) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Random parameters for a network with the given layer sizes.

    Args:
        layer_sizes: ``[D_in, D_1, ..., D_K, D_out]``, e.g. ``[1, 10, 10, 1]``.
        seed: seed (or ``np.random.Generator``) for ``np.random.default_rng``.
        scale: ``"he"`` for He initialisation (normal, std ``sqrt(2 / fan_in)``) or a float std
            used for every weight.

    Returns:
        ``(betas, omegas)``: zero biases of shape ``(D_{k+1},)`` and weights of shape
        ``(D_{k+1}, D_k)``.
    """
    sizes = _sizes(layer_sizes)
    rng = np.random.default_rng(seed)
    betas, omegas = [], []
    for d_in, d_out in zip(sizes[:-1], sizes[1:], strict=True):
        if isinstance(scale, str):
            if scale != "he":
                raise ValueError(f"scale should be 'he' or a float std, got {scale!r}")
            std = np.sqrt(2.0 / d_in)
        else:
            std = float(scale)
        omegas.append(rng.normal(0.0, std, size=(d_out, d_in)))
        betas.append(np.zeros(d_out))
    return betas, omegas


def _sizes(layer_sizes: Sequence[int]) -> list[int]:
    sizes = [int(s) for s in layer_sizes]
    if len(sizes) < 2:
        raise ValueError(f"layer_sizes needs at least an input and an output size, got {sizes}")
    if any(s < 1 for s in sizes):
        raise ValueError(f"every layer needs at least one unit, got {sizes}")
    return sizes


def count_parameters(layer_sizes: Sequence[int]) -> int:
    """Number of weights and biases: ``sum_k (D_k + 1) D_{k+1}``.

    ``[1, 10, 10, 10, 10, 10, 1]`` has 471; a shallow ``[D_i, D, D_o]`` has
    ``(D_i + 1) D + (D + 1) D_o``.
    """
    sizes = _sizes(layer_sizes)
    return sum((a + 1) * b for a, b in zip(sizes[:-1], sizes[1:], strict=True))


def max_regions_shallow(d_in: int, d_hidden: int) -> int:
    """Most linear regions a shallow ReLU network with ``d_in`` inputs and ``d_hidden`` units makes.

    Zaslavsky's count for ``d_hidden`` hyperplanes in general position in ``d_in`` dimensions:
    ``sum_{j=0}^{d_in} C(d_hidden, j)``; ``d_hidden + 1`` for one input, ``2**d_hidden`` when
    ``d_hidden <= d_in``.
    """
    return sum(comb(int(d_hidden), j) for j in range(int(d_in) + 1))


# ---------------------------------------------------------------- linear regions


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
    x = np.asarray(x, dtype=float).ravel()
    y = np.asarray(y, dtype=float).ravel()
    if x.shape != y.shape:
        raise ValueError(f"x and y should have the same shape, got {x.shape} and {y.shape}")
    order = np.argsort(x, kind="stable")
    x, y = x[order], y[order]
    keep = np.concatenate([[True], np.diff(x) > 0])  # drop repeated grid points
    x, y = x[keep], y[keep]
    if x.size < 3:
        return 1
    slopes = np.diff(y) / np.diff(x)
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
        betas, omegas: a ReLU network as in :func:`deep_forward`.

    Returns:
        Boolean array of shape ``(n, D_1 + ... + D_K)``: the hidden units of layer 1, then
        layer 2, and so on (the linear output layer has no pattern). Shape ``(n, 0)`` for a
        network without hidden layers.
    """
    B, W = _check_layers(betas, omegas)
    h = _as_batch(X, W[0].shape[1])
    patterns = []
    for beta, omega in zip(B[:-1], W[:-1], strict=True):
        z = h @ omega.T + beta
        patterns.append(z > 0)
        h = np.maximum(z, 0.0)
    if not patterns:
        return np.zeros((h.shape[0], 0), dtype=bool)
    return np.concatenate(patterns, axis=1)


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
    if patterns.shape[1] == 0:
        return 1
    # pack each row's bits into bytes and compare rows as opaque blobs: much faster than
    # np.unique(patterns, axis=0) on large grids
    packed = np.ascontiguousarray(np.packbits(patterns, axis=1))
    rows = packed.view(np.dtype((np.void, packed.shape[1]))).ravel()
    return int(np.unique(rows).shape[0])
