"""helpers.mlp.MLP's regularisation options: dropout, batch norm, L1/L2, train and eval modes."""

from __future__ import annotations

import numpy as np
import pytest

from helpers.gradcheck import gradcheck
from helpers.mlp import MLP
from helpers.normalization import BatchNorm
from helpers.optim import SGD
from helpers.regularization import Dropout, l1_penalty, l2_penalty

RNG = np.random.default_rng(5)
X = RNG.normal(size=(12, 4))
Y = RNG.integers(0, 3, size=12)


@pytest.mark.parametrize("activation", ["relu", "tanh", "sigmoid"])
def test_all_options_gradient_checked(activation):
    net = MLP([4, 6, 5, 3], activation, dtype=np.float64, dropout=0.3, batchnorm=True,
              l1=0.01, l2=0.1, seed=1)
    for beta in net.params[1:6:2]:
        beta[:] = RNG.normal(scale=0.1, size=beta.shape)
    state = net._dropout_rng.bit_generator.state

    def loss():
        net._dropout_rng.bit_generator.state = state  # the same masks at every evaluation
        return net.loss_and_grads(X, Y)[0]

    loss()
    grads = [g.copy() for g in net.grads]
    # a bias right before batch norm has no effect: its gradient is 0 up to rounding
    for k in (1, 3):
        assert np.max(np.abs(grads[k])) < 1e-12
    keep = [k for k in range(len(net.params)) if k not in (1, 3)]
    report = gradcheck(loss, [net.params[k] for k in keep], [grads[k] for k in keep])
    assert report.ok, report


def test_layers_params_order_and_modes():
    net = MLP([4, 6, 5, 3], dropout=0.5, batchnorm=True)
    kinds = [type(layer).__name__ for layer in net.layers]
    assert kinds == ["Dense", "BatchNorm", "ReLU", "Dropout"] * 2 + ["Dense"]
    assert [p.shape for p in net.params[:6]] == [(6, 4), (6,), (5, 6), (5,), (3, 5), (3,)]
    assert len(net.params) == 10 and net.params[6] is net.norms[0].gamma
    assert net.n_params == 4 * 6 + 6 + 6 * 5 + 5 + 5 * 3 + 3 + 2 * (6 + 5)
    assert net.eval() is net and not net.training
    assert all(not layer.training for layer in net.layers if isinstance(layer, Dropout | BatchNorm))
    np.testing.assert_array_equal(net.forward(X), net.forward(X))  # deterministic in eval
    net.train()
    assert not np.array_equal(net.forward(X), net.forward(X))  # dropout masks differ
    np.testing.assert_array_equal(net.predict(X), net.predict(X))  # predict evaluates
    assert net.training  # and gives the mode back


def test_penalties_enter_loss_and_gradient():
    plain = MLP([4, 5, 3], dtype=np.float64, seed=2)
    reg = MLP([4, 5, 3], dtype=np.float64, seed=2, l1=0.05, l2=0.2)
    v0, g0 = plain.loss_and_grads(X, Y)
    v1, g1 = reg.loss_and_grads(X, Y)
    omegas = [plain.params[0], plain.params[2]]
    assert v1 == pytest.approx(v0 + l2_penalty(omegas, 0.2) + l1_penalty(omegas, 0.05))
    np.testing.assert_allclose(g1[0], g0[0] + 0.2 * omegas[0] + 0.05 * np.sign(omegas[0]))
    np.testing.assert_array_equal(g1[1], g0[1])  # biases are not penalised


def test_regularised_training_runs_and_l1_sparsifies():
    Xt = RNG.normal(size=(200, 4))
    yt = (Xt[:, 0] > 0).astype(int)
    dense = MLP([4, 16, 2], seed=0)
    sparse = MLP([4, 16, 2], seed=0, l1=0.02)
    for net in (dense, sparse):
        net.fit(Xt, yt, optimizer=SGD(net.params, lr=0.05), epochs=30, batch_size=20, progress=False)
    small = [np.mean(np.abs(n.params[0]) < 1e-2) for n in (dense, sparse)]
    assert small[1] > small[0] + 0.2
    bn = MLP([4, 16, 2], batchnorm=True, dropout=0.2, seed=0)
    hist = bn.fit(Xt, yt, optimizer=SGD(bn.params, lr=0.1), epochs=10, batch_size=20,
                  X_val=Xt, y_val=yt, progress=False)
    assert hist["val_accuracy"][-1] > 0.9


def test_bad_options():
    with pytest.raises(ValueError, match="dropout"):
        MLP([2, 3, 2], dropout=1.0)
    with pytest.raises(ValueError, match="l1 and l2"):
        MLP([2, 3, 2], l2=-0.1)
