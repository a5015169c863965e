"""helpers.units (notebook 01's neuron unit) against independent computations."""

import numpy as np

from helpers import units
from helpers.activations import sigmoid


def test_neuron_and_predict_match_the_formula_row_by_row():
    rng = np.random.default_rng(0)
    X, omega, beta = rng.normal(size=(6, 3)), rng.normal(size=3), 0.4
    rows = [np.tanh(beta + sum(omega[i] * x[i] for i in range(3))) for x in X]
    assert np.allclose(units.neuron(X, omega, beta, np.tanh), rows)
    labels = [int(sigmoid(beta + x @ omega) >= 0.5) for x in X]
    assert units.predict(X, omega, beta).tolist() == labels


def test_fit_linear_neuron_recovers_exact_parameters():
    X = np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 1.0], [1.0, 1.0], [2.0, 3.0]])
    omega, beta = units.fit_linear_neuron(X, 3.0 + 2.0 * X[:, 0] - X[:, 1])
    assert np.allclose(omega, [2.0, -1.0]) and np.isclose(beta, 3.0)


def test_saturated_and_dead_fractions_count_entries_and_units():
    X = np.array([[1.0, 0.0], [0.0, 1.0]])
    Omega = np.array([[10.0, 0.0], [0.0, 0.1], [-20.0, 0.0]])
    assert units.saturated_fraction(X, Omega, np.zeros(3)) == 2 / 6
    assert units.saturated_fraction(X, Omega, np.zeros(3), threshold=0.25) == 3 / 6
    # pre-activations per unit: [10, 0], [-1, -0.9], [-20, 0]: units 1 and 2 are dead (z <= 0 everywhere)
    assert units.dead_fraction(X, Omega, np.array([0.0, -1.0, 0.0])) == 2 / 3
