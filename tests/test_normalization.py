"""helpers.normalization: batch norm and layer norm, forward values, backward by finite differences."""

from __future__ import annotations

import numpy as np
import pytest

from helpers.gradcheck import gradcheck, numerical_gradient, relative_error
from helpers.normalization import BatchNorm, LayerNorm

RNG = np.random.default_rng(11)


def _layer(cls, d, inplace):
    layer = cls(d, dtype=np.float64, inplace=inplace)
    layer.gamma[:] = RNG.normal(size=d)
    layer.delta[:] = RNG.normal(size=d)
    return layer


def test_batchnorm_standardises_each_feature():
    X = RNG.normal(3.0, 5.0, size=(64, 4))
    out = BatchNorm(4, dtype=np.float64).forward(X)
    np.testing.assert_allclose(out.mean(axis=0), 0, atol=1e-12)
    np.testing.assert_allclose(out.std(axis=0), 1, atol=1e-5)


def test_layernorm_standardises_each_example():
    X = RNG.normal(3.0, 5.0, size=(6, 40))
    out = LayerNorm(40, dtype=np.float64).forward(X)
    np.testing.assert_allclose(out.mean(axis=1), 0, atol=1e-12)
    np.testing.assert_allclose(out.std(axis=1), 1, atol=1e-5)


@pytest.mark.parametrize("cls", [BatchNorm, LayerNorm])
@pytest.mark.parametrize("inplace", [False, True])
def test_backward_finite_differences(cls, inplace):
    layer = _layer(cls, 5, inplace)
    X, G = RNG.normal(size=(7, 5)), RNG.normal(size=(7, 5))

    def loss(x=X):
        return float(np.sum(G * layer.forward(x.copy())))

    loss()
    dX = layer.backward(G.copy())
    report = gradcheck(lambda: loss(), layer.params, [g.copy() for g in layer.grads])
    assert report.ok, report
    assert relative_error(dX, numerical_gradient(loss, X.copy())) <= 1e-6


def test_batchnorm_running_statistics_and_eval_mode():
    bn = BatchNorm(3, momentum=0.5, dtype=np.float64)
    X = RNG.normal(2.0, 3.0, size=(10, 3))
    bn.forward(X)
    np.testing.assert_allclose(bn.running_mean, 0.5 * X.mean(axis=0))
    np.testing.assert_allclose(bn.running_var, 0.5 + 0.5 * X.var(axis=0, ddof=1))  # unbiased
    bn.eval()
    out = bn.forward(X)
    np.testing.assert_allclose(out, (X - bn.running_mean) / np.sqrt(bn.running_var + bn.eps))
    # eval mode is an affine map per feature; its backward is checked too
    G = RNG.normal(size=X.shape)
    dX = bn.backward(G)
    num = numerical_gradient(lambda x: float(np.sum(G * bn.forward(x.copy()))), X.copy())
    assert relative_error(dX, num) <= 1e-6


def test_batchnorm_against_torch_formula_by_hand_and_errors():
    bn = BatchNorm(2, dtype=np.float64)
    out = bn.forward(np.array([[1.0, 10.0], [3.0, 10.0]]))
    np.testing.assert_allclose(out[:, 0], [-1, 1], atol=1e-5)  # (x - 2) / sqrt(1 + eps)
    np.testing.assert_allclose(out[:, 1], [0, 0])  # a constant feature becomes 0, not NaN
    with pytest.raises(ValueError, match="at least 2"):
        bn.forward(np.ones((1, 2)))
    with pytest.raises(ValueError, match=r"\(n, 2\)"):
        bn.forward(np.ones((4, 3)))
    with pytest.raises(RuntimeError):
        BatchNorm(2).backward(np.ones((2, 2)))
