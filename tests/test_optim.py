"""helpers.optim: golden values for a few steps (computed with torch.optim 2.13 in float64)."""

from __future__ import annotations

import numpy as np
import pytest

from helpers.optim import SGD, Adam

P0 = [1.0, -2.0, 0.5]
GRADS = [[0.5, -1.0, 2.0], [-0.3, 0.2, 1.0], [0.1, 0.1, -0.4]]

# parameter values after steps 1, 2, 3 of torch.optim with the same settings
GOLDEN = {
    "sgd": (lambda p: SGD(p, lr=0.1),
            [[0.95, -1.9, 0.3], [0.98, -1.92, 0.2], [0.97, -1.93, 0.24]]),
    "momentum": (lambda p: SGD(p, lr=0.1, momentum=0.9),
                 [[0.95, -1.9, 0.3], [0.935, -1.83, 0.02], [0.9115, -1.777, -0.192]]),
    "nesterov": (lambda p: SGD(p, lr=0.1, momentum=0.9, nesterov=True),
                 [[0.905, -1.81, 0.12], [0.9215, -1.767, -0.232], [0.89035, -1.7293, -0.3828]]),
    "sgd-weight-decay": (lambda p: SGD(p, lr=0.1, momentum=0.5, weight_decay=0.1),
                         [[0.94, -1.88, 0.295], [0.9306, -1.8212, 0.0895500],
                          [0.906594, -1.783588, 0.0259295]]),
    "adam": (lambda p: Adam(p, lr=0.1),
             [[0.900000002, -1.900000001, 0.4000000005],
              [0.8808501989417752, -1.8488973939904945, 0.30678203720851044],
              [0.8554536806163684, -1.8158240997229487, 0.2471109340161492]]),
    "adam-options": (lambda p: Adam(p, lr=0.01, betas=(0.5, 0.9), eps=1e-3, weight_decay=0.1),
                     [[0.9900166389351082, -1.990008326394671, 0.4900048756704047],
                      [0.9885129842778062, -1.9851790198700872, 0.4813851056678944],
                      [0.9846696619359852, -1.9817318113348343, 0.47835535765378095]]),
}


@pytest.mark.parametrize("name", GOLDEN)
def test_golden_values(name):
    make, expected = GOLDEN[name]
    p = np.array(P0)
    opt = make([p])
    for g, e in zip(GRADS, expected, strict=True):
        opt.step([np.array(g)])
        np.testing.assert_allclose(p, e, rtol=1e-12, atol=1e-12)
    assert opt.t == 3


def test_updates_in_place_several_arrays_and_keeps_dtype():
    W = np.ones((2, 3), np.float32)
    b = np.zeros(2, np.float32)
    ids = (id(W), id(b))
    opt = Adam([W, b], lr=0.5)
    opt.step([np.full((2, 3), 2.0, np.float32), np.array([-1.0, 0.0], np.float32)])
    assert (id(W), id(b)) == ids and W.dtype == b.dtype == np.float32
    np.testing.assert_allclose(W, 0.5, rtol=1e-6)  # Adam's first step is lr * sign(g)
    np.testing.assert_allclose(b, [0.5, 0.0], rtol=1e-6)


def test_momentum_builds_up_on_a_constant_gradient():
    p = np.zeros(1)
    opt = SGD([p], lr=0.1, momentum=0.9)
    for _ in range(3):
        opt.step([np.ones(1)])
    np.testing.assert_allclose(p, [-(0.1 + 0.19 + 0.271)])  # velocities 1, 1.9, 2.71


def test_minimises_a_quadratic():
    rng = np.random.default_rng(0)
    A = rng.normal(size=(5, 5))
    H = A @ A.T + np.eye(5)  # positive definite
    for make in (lambda p: SGD(p, lr=0.05, momentum=0.9), lambda p: Adam(p, lr=0.05)):
        x = rng.normal(size=5)
        opt = make([x])
        for _ in range(2000):
            opt.step([H @ x])
        assert np.linalg.norm(x) < 1e-3


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda p: SGD(p, lr=0), "learning rate"),
        (lambda p: SGD(p, lr=0.1, momentum=1.0), "momentum"),
        (lambda p: SGD(p, lr=0.1, nesterov=True), "nesterov"),
        (lambda p: Adam(p, betas=(0.9, 1.0)), "betas"),
        (lambda p: SGD(p, lr=0.1, weight_decay=-1), "weight_decay"),
    ],
)
def test_bad_settings(make, message):
    with pytest.raises(ValueError, match=message):
        make([np.zeros(2)])


def test_step_checks_gradients():
    opt = SGD([np.zeros(2), np.zeros(3)], lr=0.1)
    with pytest.raises(ValueError, match="got 1 gradients for 2"):
        opt.step([np.zeros(2)])
    with pytest.raises(ValueError, match=r"grads\[1\] has shape \(2,\)"):
        opt.step([np.zeros(2), np.zeros(2)])
    with pytest.raises(TypeError, match="floating numpy array"):
        SGD([np.zeros(2, int)], lr=0.1)


def test_repr():
    assert repr(SGD([np.zeros(1)], lr=0.1, momentum=0.9)) == "SGD(lr=0.1, momentum=0.9)"
    assert "Adam(lr=0.001" in repr(Adam([np.zeros(1)]))
