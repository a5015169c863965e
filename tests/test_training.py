"""helpers.training: the loop does forward, loss, backward, step per batch, in shuffled batches."""

from __future__ import annotations

import numpy as np
import pytest

from helpers.data import make_moons
from helpers.mlp import MLP
from helpers.optim import SGD, Adam
from helpers.schedules import StepDecay
from helpers.training import LiveCurves, fit, minibatches


class Linear:
    """The smallest model fit accepts: y = X w (mse), with a record of every batch it saw."""

    loss = "mse"

    def __init__(self, d):
        self.w = np.zeros(d)
        self.params, self.grads = [self.w], [np.zeros(d)]
        self.batches, self.modes = [], []

    def forward(self, X):
        return X @ self.w

    def loss_and_grads(self, X, y):
        self.batches.append(len(X))
        with np.errstate(over="ignore", invalid="ignore"):  # the divergence test overflows
            r = X @ self.w - y
            self.grads[0][...] = X.T @ r * (2 / len(X))
            return float(np.mean(r**2)), self.grads

    def train(self):
        self.modes.append("train")

    def eval(self):
        self.modes.append("eval")


def data(n=50, d=3, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, d))
    return X, X @ np.arange(1.0, d + 1)


def test_minibatches_cover_every_index_once():
    rng = np.random.default_rng(0)
    batches = list(minibatches(10, 4, rng))
    assert [len(b) for b in batches] == [4, 4, 2]
    assert sorted(np.concatenate(batches)) == list(range(10))
    again = np.concatenate(list(minibatches(10, 4, rng)))
    assert not np.array_equal(again, np.concatenate(batches))  # reshuffled each epoch


def test_steps_per_epoch_and_history():
    X, y = data(50)
    model = Linear(3)
    h = fit(model, X, y, optimizer=SGD(model.params, lr=0.05), epochs=4, batch_size=16, progress=False)
    assert model.batches == [16, 16, 16, 2] * 4  # ceil(50 / 16) = 4 steps per epoch
    assert list(h) == ["loss", "lr"] and h["lr"] == [0.05] * 4
    assert h["loss"][-1] < h["loss"][0] / 5
    assert "eval" in model.modes and model.modes[-1] == "train"


def test_full_batch_equals_hand_written_gradient_descent():
    X, y = data(20)
    model = Linear(3)
    fit(model, X, y, optimizer=SGD(model.params, lr=0.1), epochs=5, batch_size=100, progress=False)
    w = np.zeros(3)
    for _ in range(5):
        w -= 0.1 * X.T @ (X @ w - y) * (2 / len(X))
    np.testing.assert_allclose(model.w, w, rtol=1e-12)


def test_loss_is_the_size_weighted_mean_of_batch_losses():
    X, y = data(10)
    model = Linear(3)
    opt = SGD(model.params, lr=1e-12)  # practically no change: every batch sees w = 0
    h = fit(model, X, y, optimizer=opt, epochs=1, batch_size=4, progress=False)
    assert h["loss"][0] == pytest.approx(np.mean(y**2), rel=1e-9)


def test_callbacks_and_schedules():
    X, y = data(30)
    model = Linear(3)
    opt = SGD(model.params, lr=0.08)
    seen = []

    class StopAfterThree:
        def on_epoch_end(self, epoch, history, model):
            seen.append((epoch, len(history["loss"])))
            return epoch == 2

    h = fit(model, X, y, optimizer=opt, epochs=10, batch_size=10, progress=False,
            callbacks=[StepDecay(opt, step_size=1, gamma=0.5), StopAfterThree()])
    assert seen == [(0, 1), (1, 2), (2, 3)]
    assert h["lr"] == pytest.approx([0.08, 0.04, 0.02])
    assert opt.lr == pytest.approx(0.01)


def test_classification_history_matches_the_model():
    X, y = make_moons(200, seed=0)
    Xv, yv = make_moons(100, seed=1)

    def run():
        net = MLP([2, 16, 2], seed=0)
        return net, fit(net, X, y, optimizer=Adam(net.params, lr=0.02), epochs=8, batch_size=20,
                        seed=1, X_val=Xv, y_val=yv, progress=False, live=True)  # live: no kernel here

    net, h = run()
    assert list(h) == ["loss", "accuracy", "val_loss", "val_accuracy", "lr"]
    assert h["accuracy"][-1] == pytest.approx(net.accuracy(X, y))
    assert h["val_loss"][-1] == pytest.approx(net.loss_and_grads(Xv, yv)[0])
    assert h == run()[1]  # deterministic


def test_divergence_stops_with_a_warning():
    X, y = data(20)
    model = Linear(3)
    with pytest.warns(RuntimeWarning, match="learning rate 10 too high"):
        h = fit(model, X, y, optimizer=SGD(model.params, lr=10.0), epochs=500, batch_size=20,
                progress=False)
    assert len(h["loss"]) < 500 and not np.isfinite(h["loss"][-1])


@pytest.mark.parametrize(
    "kwargs, error, message",
    [
        (dict(optimizer=SGD([np.zeros(3)], lr=0.1)), ValueError, "not built on this network"),
        (dict(optimizer="sgd"), TypeError, "helpers.optim optimizer"),
        (dict(epochs=-1), ValueError, "epochs must be an integer >= 0"),
        (dict(epochs=2.5), ValueError, "epochs must be an integer"),
        (dict(batch_size=0), ValueError, "batch_size"),
        (dict(y=np.zeros(7)), ValueError, "one target per row"),
        (dict(X_val=np.zeros((2, 3))), ValueError, "both X_val and y_val"),
        (dict(callbacks=[object()]), TypeError, "on_epoch_end"),
    ],
)
def test_bad_arguments_say_what_is_wrong(kwargs, error, message):
    X, y = data(10)
    model = Linear(3)
    args = dict(optimizer=SGD(model.params, lr=0.1), epochs=1, batch_size=4, progress=False)
    args.update(kwargs)
    y = args.pop("y", y)
    with pytest.raises(error, match=message):
        fit(model, X, y, **args)


def test_not_a_model():
    with pytest.raises(TypeError, match="model with `params`"):
        fit(object(), np.zeros((2, 2)), [0, 1], optimizer=SGD([np.zeros(1)], lr=0.1), epochs=1,
            batch_size=1)


def test_evaluation_in_chunks_equals_the_whole_set():
    X, y = make_moons(600, seed=2)  # 600 rows: chunks of 256, 256 and 88
    net = MLP([2, 8, 2], seed=0, dtype=np.float64)
    h = fit(net, X, y, optimizer=SGD(net.params, lr=0.1), epochs=1, batch_size=50, X_val=X, y_val=y,
            progress=False)
    assert h["accuracy"][0] == pytest.approx(net.accuracy(X, y), rel=1e-12)
    assert h["val_loss"][0] == pytest.approx(net.loss_and_grads(X, y)[0], rel=1e-12)


@pytest.fixture
def fake_kernel(monkeypatch):
    """A notebook kernel, as far as LiveCurves can tell: (figures displayed, figures updated)."""
    import matplotlib

    matplotlib.use("Agg")
    import IPython.display

    from helpers import training

    shown, updated = [], []

    class Handle:
        def update(self, fig):
            updated.append(fig)

    def fake_display(fig, display_id=False):
        shown.append(fig)
        return Handle()

    monkeypatch.setattr(training, "_in_kernel", lambda: True)
    monkeypatch.setattr(IPython.display, "display", fake_display)
    return shown, updated


def test_live_curves_draw_in_a_kernel_and_update_in_place(fake_kernel):
    shown, updated = fake_kernel
    X, y = data(20)
    model = Linear(3)
    curves = LiveCurves(every=0.0)
    fit(model, X, y, optimizer=SGD(model.params, lr=0.05), epochs=3, batch_size=10, progress=False,
        callbacks=[curves])
    assert len(shown) == 1 and len(updated) == 3  # drawn once, redrawn in place: 2 epochs, the end
    assert curves.ax_acc is None and len(curves.ax_loss.lines) == 1  # regression: no accuracy
    fit(model, X, y, optimizer=SGD(model.params, lr=0.05), epochs=3, batch_size=10, progress=False,
        live=True)  # the same, at most every 0.3 s: the first epoch and the end at least
    assert len(shown) == 2 and len(updated) >= 4


def test_live_curves_show_accuracies_and_nothing_outside_a_kernel():
    X, y = make_moons(60, seed=0)
    net = MLP([2, 8, 2], seed=0)
    quiet, made = LiveCurves(every=0.0), LiveCurves(every=0.0, always=True, labels={"loss": "augmented"})
    fit(net, X, y, optimizer=SGD(net.params, lr=0.1), epochs=2, batch_size=20, X_val=X, y_val=y,
        progress=False, callbacks=[quiet, made])
    assert quiet.fig is None  # pytest is no kernel: nothing drawn
    assert [line.get_label() for line in made.ax_loss.lines] == ["augmented", "validation"]
    assert len(made.ax_acc.lines) == 2 and len(made.ax_acc.lines[0].get_xdata()) == 2


def test_augment_gives_every_epoch_new_inputs_and_leaves_x_alone():
    X, y = make_moons(60, seed=0)
    X_b = X[::-1].copy()  # any other inputs of the same shape
    keep, calls = X.copy(), []

    def augment(X_in):
        np.testing.assert_allclose(X_in, keep, rtol=1e-6)  # always the original inputs
        calls.append(1)
        return X_b

    def run(inputs, **kw):
        net = MLP([2, 8, 2], seed=0)
        h = fit(net, inputs, y, optimizer=SGD(net.params, lr=0.1), epochs=3, batch_size=20, seed=2,
                progress=False, **kw)
        return net, h

    net_a, h_a = run(X, augment=augment)
    net_b, h_b = run(X_b)  # training on X_b itself: the same run
    assert len(calls) == 3
    np.testing.assert_array_equal(X, keep)
    assert h_a == h_b
    for p, q in zip(net_a.params, net_b.params, strict=True):
        np.testing.assert_array_equal(p, q)
    assert h_a["accuracy"][-1] == pytest.approx(net_a.accuracy(X_b, y))  # measured on what it trained on
    with pytest.raises(ValueError, match="shape"):
        run(X, augment=lambda X_in: X_in[:10])


def test_mlp_fit_passes_augment_on_to_the_training_loop():
    X, y = make_moons(40, seed=1)
    X_b = X[::-1].copy()
    histories = []
    for kwargs in ({"augment": lambda X_in: X_b}, {}):
        net = MLP([2, 6, 2], seed=0)
        inputs = X if kwargs else X_b
        histories.append(net.fit(inputs, y, optimizer=SGD(net.params, lr=0.1), epochs=2, batch_size=10,
                                 seed=1, progress=False, **kwargs))
    assert histories[0] == histories[1]
