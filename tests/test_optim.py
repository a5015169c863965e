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


# --------------------------------------------------------------------------- every optimizer
# A second, plain implementation of each formula (one number at a time, float64, no in-place
# tricks), written from the update rules, against the package's vectorised one; and PyTorch's
# float64 optimizers where torch is installed.

import math  # noqa: E402

from helpers.optim import OPTIMIZERS, Adagrad, Nadam, Nesterov, RMSprop  # noqa: E402


def plain_path(kind, p0, grads, **kw):
    """Parameter values after each step, from the textbook update rules, entry by entry."""
    out, p = [], list(p0)
    state = {i: dict(v=0.0, m=0.0, s=0.0, b=0.0) for i in range(len(p))}
    lr = kw["lr"]
    mu_prod = 1.0
    for t, g_all in enumerate(grads, start=1):
        if kind == "nadam":
            b1 = kw.get("betas", (0.9, 0.999))[0]
            psi = kw.get("momentum_decay")
            mu_t = b1 if psi is None else b1 * (1 - 0.5 * 0.96 ** (t * psi))
            mu_n = b1 if psi is None else b1 * (1 - 0.5 * 0.96 ** ((t + 1) * psi))
            mu_prod *= mu_t
        for i, g in enumerate(g_all):
            st = state[i]
            g = g + kw.get("weight_decay", 0.0) * p[i]
            if kind == "nesterov":  # look-ahead point form: v <- mu v - lr g; p <- p + mu v - lr g
                mu = kw["momentum"]
                st["v"] = mu * st["v"] - lr * g
                p[i] = p[i] + mu * st["v"] - lr * g
            elif kind == "adagrad":
                st["s"] += g * g
                p[i] -= lr * g / (math.sqrt(st["s"]) + kw.get("eps", 1e-10))
            elif kind == "rmsprop":
                a, eps, mu = kw.get("alpha", 0.99), kw.get("eps", 1e-8), kw.get("momentum", 0.0)
                st["v"] = a * st["v"] + (1 - a) * g * g
                step = g / (math.sqrt(st["v"]) + eps)
                st["b"] = mu * st["b"] + step
                p[i] -= lr * (st["b"] if mu else step)
            elif kind == "nadam":
                b1, b2 = kw.get("betas", (0.9, 0.999))
                eps = kw.get("eps", 1e-8)
                st["m"] = b1 * st["m"] + (1 - b1) * g
                st["v"] = b2 * st["v"] + (1 - b2) * g * g
                m_hat = mu_n * st["m"] / (1 - mu_prod * mu_n) + (1 - mu_t) * g / (1 - mu_prod)
                p[i] -= lr * m_hat / (math.sqrt(st["v"] / (1 - b2**t)) + eps)
        out.append(list(p))
    return out


PLAIN = {
    "nesterov": (Nesterov, dict(lr=0.1, momentum=0.9)),
    "nesterov-decay": (Nesterov, dict(lr=0.05, momentum=0.5, weight_decay=0.1)),
    "adagrad": (Adagrad, dict(lr=0.1)),
    "adagrad-eps": (Adagrad, dict(lr=0.3, eps=0.5, weight_decay=0.2)),
    "rmsprop": (RMSprop, dict(lr=0.01)),
    "rmsprop-momentum": (RMSprop, dict(lr=0.01, alpha=0.9, eps=1e-3, momentum=0.8)),
    "nadam": (Nadam, dict(lr=0.1)),
    "nadam-torch-schedule": (Nadam, dict(lr=0.01, betas=(0.8, 0.99), momentum_decay=0.004)),
    "nadam-decay": (Nadam, dict(lr=0.01, weight_decay=0.1, eps=1e-4)),
}


def random_grads(steps=6, size=4, seed=0):
    return np.random.default_rng(seed).normal(size=(steps, size)) * [1.0, 0.01, 10.0, 1.0]


@pytest.mark.parametrize("name", PLAIN)
def test_matches_the_plain_formula(name):
    cls, kw = PLAIN[name]
    kind = name.split("-")[0]
    grads = random_grads()
    p0 = [0.5, -1.0, 2.0, 0.0]
    expected = plain_path(kind, p0, grads, **kw)
    p = np.array(p0)
    opt = cls([p], **kw)
    for g, e in zip(grads, expected, strict=True):
        opt.step([g.copy()])
        np.testing.assert_allclose(p, e, rtol=1e-12, atol=1e-14)


def test_nesterov_is_the_look_ahead_method():
    """On a quadratic, the look-ahead point follows v <- mu v - lr grad(w + mu v), w <- w + v."""
    H = np.array([[3.0, 1.0], [1.0, 0.5]])
    w, v = np.array([1.0, -2.0]), np.zeros(2)
    lr, mu = 0.1, 0.9
    p = w.copy()  # the optimizer's parameters are the look-ahead point w + mu v
    opt = Nesterov([p], lr=lr, momentum=mu)
    for _ in range(20):
        v = mu * v - lr * H @ (w + mu * v)
        w = w + v
        opt.step([H @ p])
        np.testing.assert_allclose(p, w + mu * v, rtol=1e-12, atol=1e-14)


def test_adam_bias_correction_first_step_is_lr_times_sign():
    """Without it Adam's first step would be lr (1 - b1) / sqrt(1 - b2) = 3.16 lr (b = 0.9, 0.999).

    Nadam's first step adds the look-ahead term: lr (1 + b1 / (1 + b1)) sign(g).
    """
    for cls, size in ((Adam, 0.01), (Nadam, 0.01 * (1 + 0.9 / 1.9))):
        p = np.zeros(3)
        cls([p], lr=0.01, eps=0.0).step([np.array([1e-3, -5.0, 2e2])])
        np.testing.assert_allclose(p, [-size, size, -size], rtol=1e-9)


@pytest.mark.parametrize("name", sorted(OPTIMIZERS))
def test_every_optimizer_keeps_float32_and_updates_in_place(name):
    W = np.ones((3, 2), np.float32)
    before = W.copy()
    opt = OPTIMIZERS[name]([W], lr=0.01)
    opt.step([np.full((3, 2), 0.5, np.float32)])
    assert W.dtype == np.float32 and not np.array_equal(W, before)
    assert all(s.dtype == np.float32 for s in vars(opt).values() if isinstance(s, np.ndarray))


@pytest.mark.parametrize("name", sorted(OPTIMIZERS))
def test_every_optimizer_minimises_a_quadratic(name):
    rng = np.random.default_rng(0)
    A = rng.normal(size=(4, 4))
    H = A @ A.T + np.eye(4)
    x = rng.normal(size=4)
    # adaptive methods end in a cycle of about lr around the minimum: a smaller lr for them
    lr = {"adagrad": 0.5, "rmsprop": 0.002, "adam": 0.005, "nadam": 0.005}.get(name, 0.02)
    opt = OPTIMIZERS[name]([x], lr=lr)
    for _ in range(3000):
        opt.step([H @ x])
    assert np.linalg.norm(x) < 1e-2, f"{name}: |x| = {np.linalg.norm(x):.3g}"


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda p: RMSprop(p, alpha=1.0), "alpha"),
        (lambda p: RMSprop(p, momentum=-0.1), "momentum"),
        (lambda p: Nadam(p, momentum_decay=-1), "momentum_decay"),
        (lambda p: Adagrad(p, lr=-1), "learning rate"),
        (lambda p: Nesterov(p, momentum=0.0), "nesterov"),
    ],
)
def test_bad_settings_of_the_new_optimizers(make, message):
    with pytest.raises(ValueError, match=message):
        make([np.zeros(2)])


def test_reprs_of_the_new_optimizers():
    p = [np.zeros(1)]
    assert repr(Nesterov(p, lr=0.1)) == "Nesterov(lr=0.1, momentum=0.9)"
    assert repr(Adagrad(p, lr=0.1)) == "Adagrad(lr=0.1, eps=1e-10)"
    assert repr(RMSprop(p, lr=0.1, momentum=0.5)) == "RMSprop(lr=0.1, alpha=0.99, momentum=0.5)"
    assert repr(Nadam(p)) == "Nadam(lr=0.002, betas=(0.9, 0.999))"


# --------------------------------------------------------------------------- PyTorch, float64

TORCH_SETTINGS = {
    "sgd": (lambda p: SGD(p, lr=0.1, momentum=0.9, weight_decay=0.01),
            lambda t, tp: t.optim.SGD(tp, lr=0.1, momentum=0.9, weight_decay=0.01)),
    "nesterov": (lambda p: Nesterov(p, lr=0.05, momentum=0.8),
                 lambda t, tp: t.optim.SGD(tp, lr=0.05, momentum=0.8, nesterov=True)),
    "adagrad": (lambda p: Adagrad(p, lr=0.1, weight_decay=0.1),
                lambda t, tp: t.optim.Adagrad(tp, lr=0.1, weight_decay=0.1)),
    "rmsprop": (lambda p: RMSprop(p, lr=0.01, alpha=0.9),
                lambda t, tp: t.optim.RMSprop(tp, lr=0.01, alpha=0.9)),
    "rmsprop-momentum": (lambda p: RMSprop(p, lr=0.01, momentum=0.7, eps=1e-4),
                         lambda t, tp: t.optim.RMSprop(tp, lr=0.01, momentum=0.7, eps=1e-4)),
    "adam": (lambda p: Adam(p, lr=0.05, betas=(0.8, 0.95), weight_decay=0.1),
             lambda t, tp: t.optim.Adam(tp, lr=0.05, betas=(0.8, 0.95), weight_decay=0.1)),
    "nadam": (lambda p: Nadam(p, lr=0.02, momentum_decay=0.004),
              lambda t, tp: t.optim.NAdam(tp, lr=0.02)),
    "nadam-decay": (lambda p: Nadam(p, lr=0.02, momentum_decay=0.01, weight_decay=0.1),
                    lambda t, tp: t.optim.NAdam(tp, lr=0.02, momentum_decay=0.01, weight_decay=0.1)),
}


@pytest.mark.parametrize("name", TORCH_SETTINGS)
def test_matches_pytorch_in_float64(name):
    torch = pytest.importorskip("torch")
    ours, theirs = TORCH_SETTINGS[name]
    # float64 for the optimizers' scalar state too (NAdam keeps its mu product in the default dtype)
    default = torch.get_default_dtype()
    torch.set_default_dtype(torch.float64)
    try:
        _race_torch(torch, ours, theirs)
    finally:
        torch.set_default_dtype(default)


def _race_torch(torch, ours, theirs):
    grads = random_grads(steps=8, size=4, seed=1)
    p = np.array([0.5, -1.0, 2.0, 0.0])
    tp = torch.tensor(p.copy(), dtype=torch.float64, requires_grad=True)
    opt, topt = ours([p]), theirs(torch, [tp])
    for g in grads:
        opt.step([g.copy()])
        tp.grad = torch.tensor(g, dtype=torch.float64)
        topt.step()
        np.testing.assert_allclose(p, tp.detach().numpy(), rtol=1e-10, atol=1e-12)
