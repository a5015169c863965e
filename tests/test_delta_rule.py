"""helpers.delta_rule (notebook 06's small examples) against finite differences."""

import numpy as np

from helpers import delta_rule
from helpers.activations import sigmoid
from helpers.gradcheck import numerical_gradient
from helpers.losses import softmax_cross_entropy


def test_one_weight_step_is_gradient_descent_on_half_the_squared_error_times_two():
    pred, error, delta, step, new = delta_rule.one_weight_step(0.5, 8.5, 1.0, 0.01)
    assert (pred, delta, step) == (4.25, 3.25, 8.5 * 3.25) and error == 3.25**2
    assert np.isclose(new, 0.5 - 0.01 * 8.5 * 3.25)


def test_train_sigmoid_neuron_takes_the_gradient_of_e():
    X, Y = np.array([0.5, 2.5]), np.array([0.2, 0.9])

    def energy(p):
        return 0.5 * np.sum((sigmoid(p[0] * X + p[1]) - Y) ** 2)

    p = np.array([-2.0, -2.0])
    expected = p - 0.3 * numerical_gradient(energy, p.copy())
    assert np.allclose(delta_rule.train_sigmoid_neuron(X, Y, -2.0, -2.0, 0.3, 1), expected, atol=1e-8)


def test_chain_derivatives_match_finite_differences():
    w, b = np.array([1.5, -0.7, 2.0]), np.array([0.1, 0.3, -0.2])

    def chain(x, k):
        u = x
        for j in range(k):
            u = np.tanh(w[j] * u + b[j])
        return u

    got = delta_rule.chain_derivatives(0.4, w, b, activation="tanh")
    numeric = [(chain(0.4 + 1e-6, k) - chain(0.4 - 1e-6, k)) / 2e-6 for k in (1, 2, 3)]
    assert np.allclose(got, numeric, atol=1e-8)


def test_mlp_gradients_match_finite_differences():
    rng = np.random.default_rng(2)
    X, y = rng.normal(size=(5, 3)), rng.integers(0, 2, size=5)
    Omegas = [rng.normal(size=(4, 3)), rng.normal(size=(2, 4))]
    betas = [rng.normal(size=4), rng.normal(size=2)]

    def loss_of(O0):
        return softmax_cross_entropy(np.tanh(X @ O0.T + betas[0]) @ Omegas[1].T + betas[1], y)[0]

    loss, dbetas, dOmegas = delta_rule.mlp_gradients(X, y, betas, Omegas, activation="tanh")
    assert np.isclose(loss, loss_of(Omegas[0]))
    assert np.allclose(dOmegas[0], numerical_gradient(loss_of, Omegas[0].copy()), atol=1e-7)
    assert [d.shape for d in dOmegas + dbetas] == [(4, 3), (2, 4), (4,), (2,)]
