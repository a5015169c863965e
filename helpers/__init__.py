"""The course's helper package: ``import helpers``.

Numpy at its core; the two drawing modules import matplotlib and ipywidgets only inside their
functions, so ``import helpers`` loads no plotting library. Every module below is imported
here, so ``helpers.regions`` (say) works after a plain ``import helpers``.

Numbers (numpy only):
    activations  sigmoid, tanh, ReLU, leaky ReLU and their derivatives (the only copies)
    data         seeded toy data sets, the approximation target, the running example network
    neurons      one artificial neuron's output; the leaky integrate-and-fire neuron
    networks     the book's networks ``(betas, omegas)``: validator, forward pass, initialiser,
                 parameter counts; shallow 1-input networks ``(theta, phi)``
    composition  composing two networks, and the equivalent two-layer network
    regions      linear regions: bounds, counts on a grid, exact counts in 1-D, folding networks
    representations  what hidden units represent: variance explained by a grouping (eta^2),
                 linear pieces per unit, notebook 04's ring classifier
    information  information, entropy, cross-entropy, KL divergence
    losses       MSE, binary and categorical cross-entropy, softmax, with their gradients
    autograd     a scalar ``Value`` with reverse-mode differentiation
    gradcheck    centred finite differences with a report of the worst entries
    layers       dense layers and activation layers with forward and backward passes; the
                 initialiser vocabulary ("he", "glorot"/"xavier", a float)
    mlp          the course's multilayer perceptron (train it with ``helpers.optim``)
    optim        optimizers with one interface: SGD (momentum, Nesterov), Adagrad, RMSprop, Adam,
                 Nadam; ``make_optimizer`` by name
    schedules    learning-rate schedules (step, exponential, 1/t, cosine), callbacks of ``fit``
    training     the training loop ``fit`` (shuffled mini-batches, history, callbacks, progress)
    surfaces     two-parameter loss surfaces (valley, Rosenbrock, saddle) and optimizer paths
    optim_checks step-by-step golden-value checks of optimizers that students write
    regularization  L1/L2 penalties, max-norm, dropout, Gaussian noise, early stopping
    normalization   batch norm and layer norm layers (train and eval modes)
    search       grid and random hyperparameter search, on linear or log scales
    augment      random shifts and Gaussian noise for training inputs
    checks       the assertions of every test cell, with messages that explain
    features     the playground's data sets, input features and training run
    capstone     notebook 09's reference pieces: validation split, confusion matrix, train_model

Pictures (matplotlib, ipywidgets; imported on first use):
    plots        static figures: functions, data, decision boundaries, shallow and 2-D networks
    widgets      interactive explorers for lectures (neuron, shallow network, approximation)
    playground   the TensorFlow-playground-like explorer: ``helpers.playground()``
    optim_plots  loss surfaces with optimizer paths, loss curves, the gradient-descent explorers
"""

from __future__ import annotations

from helpers import (
    activations,
    augment,
    autograd,
    capstone,
    checks,
    composition,
    data,
    features,
    gradcheck,
    information,
    layers,
    losses,
    mlp,
    networks,
    neurons,
    normalization,
    optim,
    optim_checks,
    optim_plots,
    playground,
    plots,
    regions,
    regularization,
    representations,
    schedules,
    search,
    surfaces,
    training,
    widgets,
)
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

__all__ = [
    "activations",
    "augment",
    "autograd",
    "capstone",
    "checks",
    "composition",
    "data",
    "features",
    "gradcheck",
    "information",
    "layers",
    "losses",
    "mlp",
    "networks",
    "neurons",
    "normalization",
    "optim",
    "optim_checks",
    "optim_plots",
    "playground",
    "plots",
    "regions",
    "regularization",
    "representations",
    "schedules",
    "search",
    "surfaces",
    "training",
    "widgets",
    "sigmoid",
    "sigmoid_derivative",
    "tanh",
    "tanh_derivative",
    "relu",
    "relu_derivative",
    "leaky_relu",
    "leaky_relu_derivative",
]
