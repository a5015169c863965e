"""helpers.mlp: gradients against finite differences, training sanity, shapes and errors."""

from __future__ import annotations

import numpy as np
import pytest

from helpers.data import make_moons, make_spirals
from helpers.gradcheck import gradcheck, numerical_gradient, relative_error
from helpers.mlp import MLP
from helpers.networks import deep_forward, init_network
from helpers.optim import SGD, Adam


def _data(n, d_in, d_out, loss, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, d_in))
    if loss == "softmax_cross_entropy":
        y = rng.integers(0, d_out, size=n)
    elif loss == "bce":
        y = rng.integers(0, 2, size=n)
    else:
        y = rng.normal(size=(n, d_out))
    return X, y


@pytest.mark.parametrize(
    "sizes, activation, n, loss",
    [
        ([3, 4], "relu", 5, "softmax_cross_entropy"),  # no hidden layer: softmax regression
        ([2, 8, 3], "relu", 1, "softmax_cross_entropy"),
        ([2, 8, 3], "relu", 16, "softmax_cross_entropy"),
        ([4, 6, 5, 3], "tanh", 7, "softmax_cross_entropy"),
        ([4, 6, 5, 3], "sigmoid", 7, "softmax_cross_entropy"),
        ([4, 6, 5, 3], "leaky_relu", 9, "softmax_cross_entropy"),
        ([3, 5, 5, 5, 5, 2], "relu", 12, "softmax_cross_entropy"),
        ([5, 3, 12, 4], "linear", 6, "softmax_cross_entropy"),
        ([2, 10, 1], "tanh", 8, "mse"),
        ([3, 7, 6, 2], "relu", 10, "mse"),
        ([2, 6, 6, 1], "relu", 11, "bce"),
        ([2, 6, 1], "sigmoid", 4, "bce"),
    ],
)
def test_gradients_match_finite_differences(sizes, activation, n, loss):
    net = MLP(sizes, activation, dtype=np.float64, seed=3, loss=loss)
    for b in net.params[1::2]:  # nonzero biases, so their gradients are tested too
        b[:] = np.random.default_rng(4).normal(size=b.shape) * 0.1
    X, y = _data(n, sizes[0], sizes[-1], loss)
    _, grads = net.loss_and_grads(X, y)
    report = gradcheck(lambda: net.loss_and_grads(X, y)[0], net.params, [g.copy() for g in grads])
    assert report.ok, report
    assert report.max_rel_error < 1e-6


@pytest.mark.parametrize("activation", ["relu", "tanh"])
def test_input_gradient(activation):
    net = MLP([3, 6, 4], activation, dtype=np.float64, seed=1)
    X, y = _data(5, 3, 4, "softmax_cross_entropy")
    net.loss_and_grads(X, y)
    from helpers.losses import softmax_cross_entropy

    _, dlogits = softmax_cross_entropy(net.forward(X), y)
    dX = net.backward(dlogits, input_grad=True)
    num = numerical_gradient(lambda v: net.loss_and_grads(v, y)[0], X)
    assert relative_error(dX, num) < 1e-7


def test_params_order_shapes_and_dtype():
    net = MLP([40, 100, 100, 10])
    shapes = [p.shape for p in net.params]
    assert shapes == [(100, 40), (100,), (100, 100), (100,), (10, 100), (10,)]
    assert [g.shape for g in net.grads] == shapes
    assert all(p.dtype == np.float32 for p in net.params)
    assert net.params[0] is net.dense[0].omega and net.grads[5] is net.dense[2].d_beta
    assert net.n_params == 40 * 100 + 100 + 100 * 100 + 100 + 100 * 10 + 10
    assert [type(layer).__name__ for layer in net.layers] == ["Dense", "ReLU", "Dense", "ReLU", "Dense"]
    assert "MLP([40, 100, 100, 10]" in repr(net)
    np.testing.assert_array_equal(MLP([3, 4, 2], seed=5).params[0], MLP([3, 4, 2], seed=5).params[0])
    assert not np.array_equal(MLP([3, 4, 2], seed=5).params[0], MLP([3, 4, 2], seed=6).params[0])


@pytest.mark.parametrize("activation", ["relu", "leaky_relu", "tanh", "sigmoid", "linear"])
def test_mlp_forward_is_the_list_forward_pass(activation):
    """The MLP's fast layers compute helpers.networks.deep_forward, for every activation."""
    rng = np.random.default_rng(2)
    betas, omegas = init_network([3, 5, 4, 2], seed=1)
    betas = [rng.normal(size=b.shape) for b in betas]
    X = rng.normal(size=(7, 3))
    net = MLP.from_parameters(betas, omegas, activation=activation)
    assert net.dtype == np.float64 and net.layer_sizes == [3, 5, 4, 2]
    expected = deep_forward(X, betas, omegas, activation)
    np.testing.assert_allclose(net.forward(X), expected, rtol=1e-12, atol=1e-12)
    # and back: the network's own arrays in the list form give the same outputs
    np.testing.assert_allclose(deep_forward(X, net.betas, net.omegas, activation), expected, rtol=1e-12)
    float32 = MLP.from_parameters([b.astype(np.float32) for b in betas],
                                  [w.astype(np.float32) for w in omegas], activation=activation)
    assert float32.dtype == np.float32
    np.testing.assert_allclose(float32.forward(X), expected, rtol=1e-4, atol=1e-5)


def test_betas_and_omegas_are_the_params_themselves():
    net = MLP([3, 4, 2], seed=0)
    assert all(a is b for a, b in zip(net.omegas, net.params[0::2], strict=True))
    assert all(a is b for a, b in zip(net.betas, net.params[1::2], strict=True))
    net.betas[1][...] = 5.0  # writing into them changes the network
    np.testing.assert_allclose(net.forward(np.zeros((1, 3))), [[5.0, 5.0]])
    # from_parameters copies: the caller's arrays stay the caller's
    betas, omegas = init_network([3, 4, 2])
    copy = MLP.from_parameters(betas, omegas)
    copy.omegas[0][...] = 0.0
    assert np.any(omegas[0] != 0.0)
    with pytest.raises(ValueError, match=r"Omega_1 \(layer 2\) has shape \(2, 3\) but h_1 has 4 units"):
        MLP.from_parameters(betas, [omegas[0], np.ones((2, 3))])
    # the MLP and init_network start from the same weights (one initialiser)
    for a, b in zip(MLP([3, 4, 2], seed=0, dtype=np.float64).omegas, omegas, strict=True):
        np.testing.assert_array_equal(a, b)


def test_output_shapes():
    net = MLP([2, 5, 3])
    X = np.random.default_rng(0).normal(size=(7, 2))
    assert net.forward(X).shape == (7, 3) and net.forward(X).dtype == np.float32
    assert net.predict(X).shape == (7,)
    p = net.predict_proba(X)
    assert p.shape == (7, 3)
    np.testing.assert_allclose(p.sum(axis=1), 1, rtol=1e-6)
    np.testing.assert_array_equal(net.predict(X), p.argmax(axis=1))
    loss, grads = net.loss_and_grads(X, [0, 1, 2, 0, 1, 2, 0])
    assert isinstance(loss, float) and grads is net.grads
    assert MLP([1, 4, 1], loss="mse").predict(np.linspace(0, 1, 5)).shape == (5,)  # (n,) inputs
    bce = MLP([2, 4, 1], loss="bce")
    assert set(bce.predict(X)) <= {0, 1} and bce.predict_proba(X).shape == (7, 2)


def test_forward_does_not_modify_input_and_results_are_independent():
    net = MLP([2, 5, 3], dtype=np.float64)
    X = np.random.default_rng(0).normal(size=(4, 2))
    X0 = X.copy()
    a = net.forward(X)
    b = net.forward(X[:2] * 2)
    np.testing.assert_array_equal(X, X0)
    np.testing.assert_array_equal(a, net.forward(X))  # a was not overwritten by the 2nd call
    assert b.shape == (2, 3)


def test_overfits_a_tiny_set():
    X, y = make_spirals(30, n_classes=3, seed=1)
    net = MLP([2, 64, 64, 3], seed=0)
    history = net.fit(X, y, optimizer=Adam(net.params, lr=0.01), epochs=300, batch_size=10,
                      progress=False)
    assert history["loss"][-1] < 0.05
    assert net.accuracy(X, y) == 1.0


def test_fit_history_is_deterministic_and_improves():
    X, y = make_moons(200, seed=0)
    Xv, yv = make_moons(100, seed=1)

    def train():
        net = MLP([2, 16, 16, 2], seed=0)
        opt = SGD(net.params, lr=0.1, momentum=0.9)
        return net, net.fit(X, y, optimizer=opt, epochs=15, batch_size=20, seed=3,
                            X_val=Xv, y_val=yv, progress=False)

    net, h = train()
    assert list(h) == ["loss", "accuracy", "val_loss", "val_accuracy", "lr"]
    assert all(len(v) == 15 for v in h.values())
    assert h["loss"][-1] < h["loss"][0] / 2
    assert h["val_accuracy"][-1] > 0.9
    assert h["val_accuracy"][-1] == pytest.approx(net.accuracy(Xv, yv))
    assert h == train()[1]


def test_fit_regression_with_mse():
    x = np.linspace(-3, 3, 64)
    t = np.sin(x)
    net = MLP([1, 32, 32, 1], "tanh", loss="mse", init="xavier", seed=0)
    h = net.fit(x[:, None], t, optimizer=Adam(net.params, lr=0.01), epochs=300, batch_size=16,
                progress=False)
    assert list(h) == ["loss", "lr"]
    assert h["loss"][-1] < 0.01
    assert np.mean((net.predict(x[:, None]) - t) ** 2) < 0.01


def test_fit_binary_cross_entropy():
    X, y = make_moons(200, seed=0)
    net = MLP([2, 16, 16, 1], loss="bce", seed=0)
    net.fit(X, y, optimizer=Adam(net.params, lr=0.02), epochs=40, batch_size=20, progress=False)
    assert net.accuracy(X, y) > 0.95


def test_fit_shows_a_progress_bar_only_when_asked(capsys):
    X, y = make_moons(40, seed=0)
    net = MLP([2, 4, 2])
    history = net.fit(X, y, optimizer=SGD(net.params, lr=0.1), epochs=2, batch_size=8)
    assert len(history["loss"]) == 2
    assert capsys.readouterr().err.strip()  # the bar is drawn on stderr
    net.fit(X, y, optimizer=SGD(net.params, lr=0.1), epochs=2, batch_size=8, progress=False)
    assert capsys.readouterr() == ("", "")
    assert net.fit(X, y, optimizer=SGD(net.params, lr=0.1), epochs=0, batch_size=8,
                   progress=False) == {"loss": [], "accuracy": [], "lr": []}


@pytest.mark.parametrize(
    "call, error, message",
    [
        (lambda net: net.forward(np.zeros((4, 3))), ValueError, r"X must have shape \(n, 2\)"),
        (lambda net: net.forward(np.zeros(4)), ValueError, r"X must have shape \(n, 2\)"),
        (lambda net: net.forward([[0.0, np.nan]]), ValueError, "NaN"),
        (lambda net: net.forward([["a", "b"]]), TypeError, "real numbers"),
        (lambda net: net.loss_and_grads(np.zeros((2, 2)), [0, 3]), ValueError, "label 3 is out of range"),
        (lambda net: net.loss_and_grads(np.zeros((2, 2)), [0, -1]), ValueError, "label -1"),
        (lambda net: net.loss_and_grads(np.zeros((2, 2)), [0, 1, 1]), ValueError, "3 labels for 2"),
        (lambda net: net.loss_and_grads(np.zeros((2, 2)), [0.5, 1]), ValueError, "whole numbers"),
        (lambda net: net.loss_and_grads(np.zeros((2, 2)), [0, 1], loss="hinge"), ValueError,
         "unknown loss"),
        (lambda net: net.loss_and_grads(np.zeros((2, 2)), [0, 1], loss="bce"), ValueError,
         "needs one output"),
        (lambda net: net.loss_and_grads(np.zeros((2, 2)), [[0, 1]], loss="mse"), ValueError,
         r"targets must have shape \(n, 3\)"),
        (lambda net: net.fit(np.zeros((2, 2)), [0, 1], optimizer=SGD(MLP([2, 3]).params, lr=0.1)),
         ValueError, "not built on this network"),
        (lambda net: net.fit(np.zeros((2, 2)), [0, 1], optimizer=SGD(net.params, lr=0.1),
                             batch_size=0), ValueError, "batch_size"),
        (lambda net: net.fit(np.zeros((2, 2)), [0, 1], optimizer=SGD(net.params, lr=0.1),
                             X_val=np.zeros((2, 2))), ValueError, "both X_val and y_val"),
        (lambda net: net.accuracy(np.zeros((2, 2)), [0, 7]), ValueError, "out of range"),
    ],
)
def test_errors_say_what_is_wrong(call, error, message):
    net = MLP([2, 4, 3])
    with pytest.raises(error, match=message):
        call(net)


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"layer_sizes": [3]}, "at least two"),
        ({"layer_sizes": [3, 0, 2]}, "at least two positive"),
        ({"layer_sizes": [3, 2], "activation": "swish"}, "unknown activation"),
        ({"layer_sizes": [3, 2], "dtype": np.int64}, "dtype"),
        ({"layer_sizes": [3, 2], "loss": "bce"}, "needs one output"),
    ],
)
def test_constructor_errors(kwargs, message):
    with pytest.raises(ValueError, match=message):
        MLP(**kwargs)


def test_mse_network_has_no_accuracy():
    net = MLP([2, 3, 1], loss="mse")
    with pytest.raises(ValueError, match="classification"):
        net.accuracy(np.zeros((2, 2)), [0, 1])
    with pytest.raises(ValueError, match="classification"):
        net.predict_proba(np.zeros((2, 2)))
