"""Shallow and deep fully connected networks, in the book's notation, in plain numpy.

One representation for every network of the course: the book's lists ``(betas, omegas)``.
Deep network with K hidden layers (Prince, chapter 4)::

    h_1 = a[beta_0 + Omega_0 x],  h_{k+1} = a[beta_k + Omega_k h_k],  y = beta_K + Omega_K h_K

``omegas[k]`` has shape ``(D_{k+1}, D_k)`` (out x in) and ``betas[k]`` shape ``(D_{k+1},)``;
the argument order is always ``betas, omegas``, as the book writes beta_k + Omega_k h_k.
Data are batch-first: ``X`` has shape ``(n, D_in)`` and a layer computes ``X @ Omega.T + beta``
(the PyTorch ``nn.Linear`` convention, with ``W = Omega`` and ``b = beta``).
:func:`check_network` is the one validator of that form, :func:`deep_forward` its one forward
pass (``helpers.mlp.MLP`` computes the same, see ``MLP.from_parameters`` and ``net.betas``).

Shallow network with one input x, D hidden units and one output (chapter 3)::

    h_d = a[theta_d0 + theta_d1 x]          d = 1..D
    y   = phi_0 + sum_d phi_d h_d

``theta`` has shape ``(D, 2)`` (row d = [theta_d0, theta_d1]) and ``phi`` shape ``(D + 1,)``
(``[phi_0, phi_1, ..., phi_D]``): the same network as ``shallow_to_deep(theta, phi)``, which is
how it is evaluated.

Also here: initialisation (the vocabulary of ``helpers.layers``: ``"he"``, ``"glorot"`` or
``"xavier"``, a float std) and parameter counts. Linear regions are in ``helpers.regions``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, overload

import numpy as np
from numpy.typing import ArrayLike

from helpers.activations import Activation, as_activation, relu
from helpers.layers import init_weights

__all__ = [
    "Network",
    "check_network",
    "deep_forward",
    "init_network",
    "count_parameters",
    "layer_sizes",
    "check_theta",
    "check_phi",
    "shallow_to_deep",
    "shallow_hidden",
    "shallow_forward",
    "shallow_joints",
    "theta_from_joints",
    "fit_output_weights",
]

#: A network in the book's form: ``(betas, omegas)``.
Network = tuple[list[np.ndarray], list[np.ndarray]]
ActivationLike = Activation | str


def check_theta(theta: ArrayLike) -> np.ndarray:
    """A shallow network's hidden layer ``theta`` as a float array of shape ``(D, 2)``, or a ValueError."""
    theta = np.asarray(theta, dtype=float)
    if theta.ndim != 2 or theta.shape[1] != 2:
        raise ValueError(
            f"theta should have shape (D, 2), row d = [theta_d0, theta_d1]; got shape {theta.shape}"
        )
    return theta


def check_phi(phi: ArrayLike, D: int, name: str = "phi") -> np.ndarray:
    """A shallow network's output layer ``[phi_0, ..., phi_D]`` as floats ``(D + 1,)``, or a ValueError."""
    phi = np.asarray(phi, dtype=float).ravel()
    if phi.shape != (D + 1,):
        raise ValueError(
            f"{name} should have D + 1 = {D + 1} entries [{name}_0, ..., {name}_D] for "
            f"D = {D} hidden units; got {phi.size}"
        )
    return phi


# ---------------------------------------------------------------- deep networks: (betas, omegas)


def _input_name(k: int) -> str:
    return "x" if k == 0 else f"h_{k}"


def check_network(
    betas: Sequence[ArrayLike], omegas: Sequence[ArrayLike], *, dtype: type = np.float64
) -> Network:
    """Check a network ``(betas, omegas)`` and return it as lists of arrays of ``dtype``.

    Every message names the layer in the book's numbering (``Omega_k``, ``beta_k``, 0-based) and
    says what the shape should be. A bias given as the book's column vector ``(D_{k+1}, 1)`` is
    accepted and flattened.

    Raises:
        ValueError: e.g. "Omega_1 (layer 2) has shape (5, 4) but h_1 has 3 units (Omega is
            out x in: it needs 3 columns)".
    """
    if isinstance(betas, np.ndarray) or isinstance(omegas, np.ndarray):
        raise TypeError("betas and omegas should be lists with one array per layer "
                        "(betas first, as in beta_k + Omega_k h_k)")
    if len(betas) != len(omegas):
        raise ValueError(
            f"got {len(betas)} bias vectors but {len(omegas)} weight matrices: "
            "every layer needs one beta and one Omega"
        )
    if len(omegas) == 0:
        raise ValueError("the network has no layers (omegas is empty)")
    B: list[np.ndarray] = []
    W: list[np.ndarray] = []
    for k, (beta_k, omega_k) in enumerate(zip(betas, omegas, strict=True)):
        omega: np.ndarray = np.asarray(omega_k, dtype=dtype)
        beta: np.ndarray = np.asarray(beta_k, dtype=dtype)
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


def layer_sizes(betas: Sequence[ArrayLike], omegas: Sequence[ArrayLike]) -> list[int]:
    """``[D_in, D_1, ..., D_K, D_out]`` of a network ``(betas, omegas)``."""
    _, W = check_network(betas, omegas)
    return [W[0].shape[1]] + [w.shape[0] for w in W]


def _as_batch(X: ArrayLike, d_in: int) -> np.ndarray:
    X = np.asarray(X, dtype=float)
    if X.ndim <= 1 and d_in == 1:  # n scalar inputs
        X = X.reshape(-1, 1)
    if X.ndim != 2:
        raise ValueError(f"X should have shape (n, D_in) = (n, {d_in}); got shape {X.shape}")
    if X.shape[1] != d_in:
        raise ValueError(
            f"Omega_0 (layer 1) has {d_in} columns but x has {X.shape[1]} features "
            f"(X has shape {X.shape}; is it transposed? data are batch-first, (n, D_in))"
        )
    return X


@overload
def deep_forward(X: ArrayLike, betas: Sequence[ArrayLike], omegas: Sequence[ArrayLike],
                 activation: ActivationLike = ..., return_hidden: Literal[False] = ...) -> np.ndarray: ...
@overload
def deep_forward(X: ArrayLike, betas: Sequence[ArrayLike], omegas: Sequence[ArrayLike],
                 activation: ActivationLike = ..., *,
                 return_hidden: Literal[True]) -> tuple[np.ndarray, list[np.ndarray]]: ...


def deep_forward(
    X: ArrayLike,
    betas: Sequence[ArrayLike],
    omegas: Sequence[ArrayLike],
    activation: ActivationLike = relu,
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
        ValueError: on any shape mismatch, from :func:`check_network` or naming the input.
    """
    B, W = check_network(betas, omegas)
    act = as_activation(activation)
    h = _as_batch(X, W[0].shape[1])
    hidden: list[np.ndarray] = []
    for beta, omega in zip(B[:-1], W[:-1], strict=True):
        h = np.asarray(act(h @ omega.T + beta), dtype=float)
        hidden.append(h)
    out = h @ W[-1].T + B[-1]
    return (out, hidden) if return_hidden else out


def _sizes(layer_sizes: Sequence[int]) -> list[int]:
    sizes = [int(s) for s in layer_sizes]
    if len(sizes) < 2:
        raise ValueError(f"layer_sizes needs at least an input and an output size, got {sizes}")
    if any(s < 1 for s in sizes):
        raise ValueError(f"every layer needs at least one unit, got {sizes}")
    return sizes


def init_network(
    layer_sizes: Sequence[int], *, seed: int | np.random.Generator = 0, init: str | float = "he"
) -> Network:
    """Random parameters for a network with the given layer sizes.

    Args:
        layer_sizes: ``[D_in, D_1, ..., D_K, D_out]``, e.g. ``[1, 10, 10, 1]``.
        seed: seed (or ``np.random.Generator``) for ``np.random.default_rng``.
        init: ``"he"`` (normal, std ``sqrt(2 / D_k)``), ``"glorot"`` / ``"xavier"``
            (std ``sqrt(2 / (D_k + D_{k+1}))``) or a float std used for every weight: the
            vocabulary of ``helpers.layers.init_std``, which ``Dense`` and ``MLP`` share.

    Returns:
        ``(betas, omegas)``: zero biases of shape ``(D_{k+1},)`` and weights of shape
        ``(D_{k+1}, D_k)``, float64. ``MLP(layer_sizes, seed=s, init=i, dtype=np.float64)``
        starts from the very same weights.
    """
    sizes = _sizes(layer_sizes)
    rng = np.random.default_rng(seed)
    omegas = [init_weights(a, b, init, rng) for a, b in zip(sizes[:-1], sizes[1:], strict=True)]
    betas = [np.zeros(b) for b in sizes[1:]]
    return betas, omegas


def count_parameters(layer_sizes: Sequence[int]) -> int:
    """Number of weights and biases: ``sum_k (D_k + 1) D_{k+1}``.

    ``[1, 10, 10, 10, 10, 10, 1]`` has 471; a shallow ``[D_i, D, D_o]`` has
    ``(D_i + 1) D + (D + 1) D_o``.
    """
    sizes = _sizes(layer_sizes)
    return sum((a + 1) * b for a, b in zip(sizes[:-1], sizes[1:], strict=True))


# ---------------------------------------------------------------- shallow networks (1 input)


def shallow_to_deep(theta: ArrayLike, phi: ArrayLike) -> Network:
    """A shallow 1-input network as ``(betas, omegas)``, layer sizes ``[1, D, 1]``.

    Returns ``betas = [theta[:, 0] (D,), phi[:1] (1,)]`` and ``omegas = [theta[:, 1:] (D, 1),
    phi[1:] as a row (1, D)]`` (copies).
    """
    theta = check_theta(theta)
    phi = check_phi(phi, theta.shape[0])
    return [theta[:, 0].copy(), phi[:1].copy()], [theta[:, 1:].copy(), phi[None, 1:].copy()]


def _scalar_inputs(x: ArrayLike) -> np.ndarray:
    x = np.atleast_1d(np.asarray(x, dtype=float))
    if x.ndim != 1:
        raise ValueError(f"x should be a vector of scalar inputs, shape (n,); got shape {x.shape}")
    return x


def shallow_hidden(x: ArrayLike, theta: ArrayLike, activation: ActivationLike = relu) -> np.ndarray:
    """Hidden units of a shallow network with one input.

    Args:
        x: scalar inputs, shape ``(n,)`` (a list or a single number is fine).
        theta: shape ``(D, 2)``, row d = ``[theta_d0, theta_d1]``.
        activation: a function applied element-wise, or its name (default ReLU).

    Returns:
        H of shape ``(n, D)`` with ``H[:, d] = a[theta_d0 + theta_d1 x]``.
    """
    x = _scalar_inputs(x)
    theta = check_theta(theta)
    betas, omegas = shallow_to_deep(theta, np.zeros(theta.shape[0] + 1))
    _, (H,) = deep_forward(x, betas, omegas, activation, return_hidden=True)
    return H


def shallow_forward(
    x: ArrayLike, theta: ArrayLike, phi: ArrayLike, activation: ActivationLike = relu
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
    return deep_forward(_scalar_inputs(x), *shallow_to_deep(theta, phi), activation)[:, 0]


def shallow_joints(theta: ArrayLike) -> np.ndarray:
    """Where each hidden unit's pre-activation crosses zero: ``x_d = -theta_d0 / theta_d1``.

    Returns shape ``(D,)``; a unit with ``theta_d1 = 0`` never switches and gets NaN.
    """
    theta = check_theta(theta)
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
    x: ArrayLike, y: ArrayLike, theta: ArrayLike, activation: ActivationLike = relu
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
