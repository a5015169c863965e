"""The course's helper package: ``import helpers``.

Pure numpy at its core. Drawing modules (``helpers.plots``, ``helpers.widgets``) import
matplotlib and ipywidgets only when first used, so ``import helpers`` stays light.

Modules:
    activations  sigmoid, tanh, ReLU, leaky ReLU and their derivatives
    checks       the assertions of every test cell, with messages that explain
    data         seeded toy data sets (blobs, XOR, circles, moons, spirals)
    plots        one-line plots (a function and its derivative, decision boundaries)
    widgets      interactive explorers for lectures (the neuron explorer)
    neurons      the leaky integrate-and-fire neuron (Euler steps, firing rates)
    networks     shallow and deep forward passes in the book's notation, parameter and region counts
    network_plots  pieces of a shallow network, 2-D region maps, explorers for notebook 02
    composition  composing two networks, and the equivalent two-layer network
    regions      bounds on linear regions of deep ReLU networks, folding and sawtooth networks
    information  information, entropy, cross-entropy, KL divergence
    losses       MSE, binary and categorical cross-entropy, softmax, with their gradients
    autograd     a scalar ``Value`` with reverse-mode differentiation
    gradcheck    centred finite differences with a report of the worst entries
    layers       dense layers and activations with forward and backward passes
    mlp          the course's multilayer perceptron (train it with ``helpers.optim``)
    optim        SGD with momentum, and Adam
"""

from __future__ import annotations

import importlib
from types import ModuleType

from helpers import activations, checks, data
from helpers.activations import (
    leaky_relu,
    leaky_relu_derivative,
    relu,
    relu_derivative,
    sigmoid,
    sigmoid_derivative,
    tanh,
    tanh_derivative,
)

# Modules loaded on first use: the drawing ones (matplotlib, ipywidgets) and the larger
# numpy ones, so `import helpers` stays fast.
_LAZY_MODULES = {
    "plots",
    "widgets",
    "neurons",
    "networks",
    "regions",
    "losses",
    "layers",
    "mlp",
    "optim",
    "gradcheck",
    "network_plots",
    "composition",
    "information",
    "autograd",
}

__all__ = [
    "activations",
    "checks",
    "data",
    "sigmoid",
    "sigmoid_derivative",
    "tanh",
    "tanh_derivative",
    "relu",
    "relu_derivative",
    "leaky_relu",
    "leaky_relu_derivative",
    *sorted(_LAZY_MODULES),
]


def __getattr__(name: str) -> ModuleType:
    if name in _LAZY_MODULES:
        return importlib.import_module(f"helpers.{name}")
    raise AttributeError(f"module 'helpers' has no attribute {name!r}")
