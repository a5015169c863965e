"""Composing networks: one network's output fed into another, and the two-layer network it equals.

Two shallow networks with one input and one output each (Prince, section 4.1), in the notation
of :mod:`helpers.networks` (``theta`` of shape ``(D, 2)`` with row d = ``[theta_d0, theta_d1]``,
``phi`` of shape ``(D + 1,)`` = ``[phi_0, phi_1, ..., phi_D]``)::

    network 1:  h_d  = a[theta_d0 + theta_d1 x],     y  = phi_0 + sum_d phi_d h_d
    network 2:  h'_i = a[theta'_i0 + theta'_i1 y],   y' = phi'_0 + sum_i phi'_i h'_i

Substituting y into network 2 gives a network with two hidden layers::

    h'_i = a[psi_i0 + sum_j psi_ij h_j]
    psi_ij = theta'_i1 phi_j   (j >= 1),      psi_i0 = theta'_i0 + theta'_i1 phi_0

Here ``psi`` is stored like ``theta``: shape ``(D2, D1 + 1)``, row i = ``[psi_i0, psi_i1, ...,
psi_iD1]``, so ``psi[i - 1, j] = psi_ij`` in the book's 1-based unit numbering.

Also here: the same merge for deep networks in matrix form (:func:`compose_deep`), and the
pieces of the folding picture: which linear piece of network 1 an input falls in
(:func:`piece_index`) and network 1's slope on each piece (:func:`piece_slopes`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
from numpy.typing import ArrayLike

from helpers.activations import get_activation, relu
from helpers.networks import shallow_forward

__all__ = [
    "compose_shallow",
    "combine_to_two_layer",
    "two_layer_forward",
    "shallow_to_deep",
    "two_layer_to_deep",
    "compose_deep",
    "sorted_joints",
    "piece_index",
    "piece_slopes",
]

Activation = Callable[[ArrayLike], "np.ndarray | float"] | str
Shallow = tuple[ArrayLike, ArrayLike]  # (theta (D, 2), phi (D + 1,))
Deep = tuple[Sequence[ArrayLike], Sequence[ArrayLike]]  # (betas, omegas)


def _activation(activation: Activation) -> Callable[[ArrayLike], np.ndarray | float]:
    return get_activation(activation)[0] if isinstance(activation, str) else activation


def _theta(theta: ArrayLike) -> np.ndarray:
    theta = np.asarray(theta, dtype=float)
    if theta.ndim != 2 or theta.shape[1] != 2:
        raise ValueError(f"theta should have shape (D, 2), row d = [theta_d0, theta_d1]; "
                         f"got shape {theta.shape}")
    return theta


def _phi(phi: ArrayLike, D: int, name: str = "phi") -> np.ndarray:
    phi = np.asarray(phi, dtype=float).ravel()
    if phi.shape != (D + 1,):
        raise ValueError(f"{name} should have D + 1 = {D + 1} entries, got {phi.size}")
    return phi


# ---------------------------------------------------------------- two shallow networks


def compose_shallow(
    x: ArrayLike, net1: Shallow, net2: Shallow, activation: Activation = relu
) -> np.ndarray:
    """Network 2 applied to network 1's output: ``y' = net2(net1(x))``.

    Args:
        x: scalar inputs, shape ``(n,)``.
        net1, net2: ``(theta, phi)`` pairs, ``theta`` of shape ``(D, 2)``, ``phi`` ``(D + 1,)``.
        activation: hidden-unit activation of both networks (default ReLU).

    Returns:
        y' of shape ``(n,)``.
    """
    y = shallow_forward(x, *net1, activation=activation)
    return shallow_forward(y, *net2, activation=activation)


def combine_to_two_layer(
    theta: ArrayLike, phi: ArrayLike, theta2: ArrayLike, phi2: ArrayLike
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The two-layer network equal to ``net2(net1(x))``.

    Args:
        theta, phi: network 1, shapes ``(D1, 2)`` and ``(D1 + 1,)``.
        theta2, phi2: network 2, shapes ``(D2, 2)`` and ``(D2 + 1,)``.

    Returns:
        ``(theta, psi, phi2)`` ready for :func:`two_layer_forward`: network 1's hidden layer
        unchanged, ``psi`` of shape ``(D2, D1 + 1)`` with ``psi[:, 0] = theta2[:, 0] +
        theta2[:, 1] phi_0`` and ``psi[:, 1:] = outer(theta2[:, 1], phi[1:])`` (rank one),
        and network 2's output layer unchanged.
    """
    theta = _theta(theta)
    theta2 = _theta(theta2)
    phi = _phi(phi, theta.shape[0])
    phi2 = _phi(phi2, theta2.shape[0], "phi2")
    psi = np.empty((theta2.shape[0], theta.shape[0] + 1))
    psi[:, 0] = theta2[:, 0] + theta2[:, 1] * phi[0]
    psi[:, 1:] = np.outer(theta2[:, 1], phi[1:])
    return theta.copy(), psi, phi2.copy()


def two_layer_forward(
    x: ArrayLike, theta: ArrayLike, psi: ArrayLike, phi2: ArrayLike, activation: Activation = relu
) -> np.ndarray:
    """A network with one input, two hidden layers and one output.

    ``h = a[theta_0 + theta_1 x]``, ``h' = a[psi_0 + Psi h]``, ``y' = phi'_0 + phi' . h'``.

    Args:
        x: scalar inputs, shape ``(n,)``.
        theta: first layer, shape ``(D1, 2)``.
        psi: second layer, shape ``(D2, D1 + 1)``; column 0 the biases ``psi_i0``.
        phi2: output layer ``[phi'_0, ..., phi'_D2]``, shape ``(D2 + 1,)``.
        activation: hidden-unit activation (default ReLU).

    Returns:
        y' of shape ``(n,)``.
    """
    x = np.atleast_1d(np.asarray(x, dtype=float)).ravel()
    theta = _theta(theta)
    psi = np.asarray(psi, dtype=float)
    if psi.ndim != 2 or psi.shape[1] != theta.shape[0] + 1:
        raise ValueError(f"psi should have shape (D2, D1 + 1) = (D2, {theta.shape[0] + 1}), "
                         f"got {psi.shape}")
    phi2 = _phi(phi2, psi.shape[0], "phi2")
    act = _activation(activation)
    H1 = np.asarray(act(theta[:, 0] + np.outer(x, theta[:, 1])), dtype=float)  # (n, D1)
    H2 = np.asarray(act(psi[:, 0] + H1 @ psi[:, 1:].T), dtype=float)  # (n, D2)
    return phi2[0] + H2 @ phi2[1:]


# ---------------------------------------------------------------- matrix form


def shallow_to_deep(theta: ArrayLike, phi: ArrayLike) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """A shallow 1-input network as ``(betas, omegas)`` for :func:`helpers.networks.deep_forward`.

    Returns ``betas = [theta[:, 0] (D,), phi[:1] (1,)]`` and ``omegas = [theta[:, 1:] (D, 1),
    phi[1:] as a row (1, D)]``.
    """
    theta = _theta(theta)
    phi = _phi(phi, theta.shape[0])
    return [theta[:, 0].copy(), phi[:1].copy()], [theta[:, 1:].copy(), phi[None, 1:].copy()]


def two_layer_to_deep(
    theta: ArrayLike, psi: ArrayLike, phi2: ArrayLike
) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """The network of :func:`two_layer_forward` as ``(betas, omegas)``, sizes ``[1, D1, D2, 1]``."""
    theta = _theta(theta)
    psi = np.asarray(psi, dtype=float)
    phi2 = _phi(phi2, psi.shape[0], "phi2")
    betas = [theta[:, 0].copy(), psi[:, 0].copy(), phi2[:1].copy()]
    omegas = [theta[:, 1:].copy(), psi[:, 1:].copy(), phi2[None, 1:].copy()]
    return betas, omegas


def _layers(betas: Sequence[ArrayLike], omegas: Sequence[ArrayLike]) -> tuple[list, list]:
    B = [np.asarray(b, dtype=float).reshape(-1) for b in betas]
    W = [np.asarray(w, dtype=float) for w in omegas]
    if not W or len(B) != len(W) or any(w.ndim != 2 or b.shape != (w.shape[0],)
                                        for b, w in zip(B, W, strict=True)):
        raise ValueError("a network is (betas, omegas) with omegas[k] of shape (out, in) and "
                         "betas[k] of shape (out,)")
    return B, W


def compose_deep(net1: Deep, net2: Deep) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """One deep network equal to ``net2(net1(x))``.

    Network 1's last layer is linear, so it merges with network 2's first layer::

        Omega = Omega2_0 @ Omega1_K     beta = beta2_0 + Omega2_0 @ beta1_K

    Args:
        net1: ``(betas, omegas)`` with layer sizes ``[D_in, ..., D_mid]``.
        net2: ``(betas, omegas)`` with layer sizes ``[D_mid, ..., D_out]``.

    Returns:
        ``(betas, omegas)`` of a network with the hidden layers of both (sizes
        ``[D_in, hidden of net1, hidden of net2, D_out]``).

    Raises:
        ValueError: if network 1's output size is not network 2's input size.
    """
    B1, W1 = _layers(*net1)
    B2, W2 = _layers(*net2)
    if W1[-1].shape[0] != W2[0].shape[1]:
        raise ValueError(f"network 1 has {W1[-1].shape[0]} outputs but network 2 takes "
                         f"{W2[0].shape[1]} inputs")
    omega = W2[0] @ W1[-1]
    beta = B2[0] + W2[0] @ B1[-1]
    return B1[:-1] + [beta] + B2[1:], W1[:-1] + [omega] + W2[1:]


# ---------------------------------------------------------------- the folds of network 1


def sorted_joints(theta: ArrayLike) -> np.ndarray:
    """The distinct joints ``-theta_d0 / theta_d1`` of a 1-input layer, sorted; shape ``(J,)``.

    Units with ``theta_d1 = 0`` never switch and are left out.
    """
    theta = _theta(theta)
    on = theta[:, 1] != 0
    return np.unique(-theta[on, 0] / theta[on, 1])


def piece_index(x: ArrayLike, theta: ArrayLike) -> np.ndarray:
    """Which linear piece of a shallow network each input falls in, counting from 0 at the left.

    The pieces are separated by :func:`sorted_joints`; a point exactly on a joint belongs to
    the piece on its right. Returns integers of the shape of ``x``, in ``0..J``.
    """
    return np.searchsorted(sorted_joints(theta), np.asarray(x, dtype=float), side="right")


def piece_slopes(theta: ArrayLike, phi: ArrayLike) -> np.ndarray:
    """Slope ``dy/dx`` of a shallow ReLU network on each piece, left to right; shape ``(J + 1,)``.

    On a piece the active units are fixed, so the slope is ``sum_d phi_d theta_d1`` over the
    units that are on. A negative slope is a fold that reverses the direction of the line.
    """
    theta = _theta(theta)
    phi = _phi(phi, theta.shape[0])
    joints = sorted_joints(theta)
    if joints.size == 0:
        probes = np.zeros(1)
    else:
        middles = (joints[:-1] + joints[1:]) / 2
        probes = np.concatenate([[joints[0] - 1.0], middles, [joints[-1] + 1.0]])
    on = (theta[:, 0] + np.outer(probes, theta[:, 1])) > 0  # (J + 1, D)
    return on.astype(float) @ (phi[1:] * theta[:, 1])
