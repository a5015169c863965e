"""Wrong and correct answers for solutions/05-loss-functions (see tests/cases/README.md)."""

NOTEBOOK = "05-loss-functions"

WRONG = {
    "mse": [
        ("sums instead of averaging",
         "def mse(y_pred, y):\n"
         "    return float(np.sum((np.asarray(y_pred) - np.asarray(y)) ** 2))"),
        ("divides by n * k (mean over every entry)",
         "def mse(y_pred, y):\n"
         "    return float(np.mean((np.asarray(y_pred) - np.asarray(y)) ** 2))"),
        ("absolute instead of squared errors",
         "def mse(y_pred, y):\n"
         "    r = np.asarray(y_pred, dtype=float) - np.asarray(y, dtype=float)\n"
         "    return float(np.sum(np.abs(r)) / r.shape[0])"),
        ("forgets return",
         "def mse(y_pred, y):\n"
         "    r = np.asarray(y_pred, dtype=float) - np.asarray(y, dtype=float)\n"
         "    loss = float(np.sum(r ** 2) / r.shape[0])"),
    ],
    "gaussian-nll": [
        ("sigma instead of sigma^2 under the square",
         "def gaussian_nll(y_pred, y, sigma):\n"
         "    r = np.asarray(y) - np.asarray(y_pred)\n"
         "    return float(np.mean(0.5 * np.log(2 * np.pi * sigma**2) + r**2 / (2 * sigma)))"),
        ("drops the normalising constant",
         "def gaussian_nll(y_pred, y, sigma):\n"
         "    r = np.asarray(y) - np.asarray(y_pred)\n"
         "    return float(np.mean(r**2 / (2 * sigma**2)))"),
        ("log(2 pi sigma) instead of log(2 pi sigma^2)",
         "def gaussian_nll(y_pred, y, sigma):\n"
         "    r = np.asarray(y) - np.asarray(y_pred)\n"
         "    return float(np.mean(0.5 * np.log(2 * np.pi * sigma) + r**2 / (2 * sigma**2)))"),
        ("sum over examples instead of mean",
         "def gaussian_nll(y_pred, y, sigma):\n"
         "    r = np.asarray(y) - np.asarray(y_pred)\n"
         "    return float(np.sum(0.5 * np.log(2 * np.pi * sigma**2) + r**2 / (2 * sigma**2)))"),
    ],
    "best-constant": [
        ("the median", "def best_constant(y):\n    return float(np.median(y))"),
        ("the midrange", "def best_constant(y):\n    return float((np.min(y) + np.max(y)) / 2)"),
        ("hard-codes the visible example", "def best_constant(y):\n    return 3.0"),
    ],
    "bce-with-logits": [
        ("naive: log of the sigmoid (inf and warnings at +-1000)",
         "def bce_with_logits(logits, y):\n"
         "    z, y = np.asarray(logits, dtype=float), np.asarray(y, dtype=float)\n"
         "    p = 1 / (1 + np.exp(-z))\n"
         "    loss = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))\n"
         "    return float(loss), (p - y) / len(z)"),
        ("softplus computed literally: log(1 + e^z) overflows",
         "def bce_with_logits(logits, y):\n"
         "    z, y = np.asarray(logits, dtype=float), np.asarray(y, dtype=float)\n"
         "    loss = np.mean(np.log(1 + np.exp(z)) - y * z)\n"
         "    return float(loss), (sigmoid(z) - y) / len(z)"),
        ("gradient without the 1/n of the mean",
         "def bce_with_logits(logits, y):\n"
         "    z, y = np.asarray(logits, dtype=float), np.asarray(y, dtype=float)\n"
         "    sp = np.maximum(z, 0) + np.log1p(np.exp(-np.abs(z)))\n"
         "    return float(np.mean(sp - y * z)), sigmoid(z) - y"),
        ("gradient with the wrong sign (y - p)",
         "def bce_with_logits(logits, y):\n"
         "    z, y = np.asarray(logits, dtype=float), np.asarray(y, dtype=float)\n"
         "    sp = np.maximum(z, 0) + np.log1p(np.exp(-np.abs(z)))\n"
         "    return float(np.mean(sp - y * z)), (y - sigmoid(z)) / len(z)"),
        ("loss summed over the batch",
         "def bce_with_logits(logits, y):\n"
         "    z, y = np.asarray(logits, dtype=float), np.asarray(y, dtype=float)\n"
         "    sp = np.maximum(z, 0) + np.log1p(np.exp(-np.abs(z)))\n"
         "    return float(np.sum(sp - y * z)), (sigmoid(z) - y) / len(z)"),
    ],
    "softmax": [
        ("normalises along axis 0",
         "def softmax(Z):\n"
         "    Z = np.asarray(Z, dtype=float)\n"
         "    E = np.exp(Z - Z.max(axis=0, keepdims=True))\n"
         "    return E / E.sum(axis=0, keepdims=True)"),
        ("no max subtraction (overflows at 1000)",
         "def softmax(Z):\n"
         "    E = np.exp(np.asarray(Z, dtype=float))\n"
         "    return E / E.sum(axis=1, keepdims=True)"),
        ("subtracts the global max (rows far apart underflow to 0/0)",
         "def softmax(Z):\n"
         "    Z = np.asarray(Z, dtype=float)\n"
         "    E = np.exp(Z - Z.max())\n"
         "    return E / E.sum(axis=1, keepdims=True)"),
        ("normalises over the whole array",
         "def softmax(Z):\n"
         "    Z = np.asarray(Z, dtype=float)\n"
         "    E = np.exp(Z - Z.max(axis=1, keepdims=True))\n"
         "    return E / E.sum()"),
    ],
    "softmax-jacobian": [
        ("wrong sign: s s^T - diag(s)",
         "def softmax_jacobian(z):\n"
         "    z = np.asarray(z, dtype=float)\n"
         "    s = np.exp(z - z.max()); s = s / s.sum()\n"
         "    return np.outer(s, s) - np.diag(s)"),
        ("only the diagonal s_i (1 - s_i)",
         "def softmax_jacobian(z):\n"
         "    z = np.asarray(z, dtype=float)\n"
         "    s = np.exp(z - z.max()); s = s / s.sum()\n"
         "    return np.diag(s * (1 - s))"),
        ("outer(s, 1 - s): wrong off-diagonal entries",
         "def softmax_jacobian(z):\n"
         "    z = np.asarray(z, dtype=float)\n"
         "    s = np.exp(z - z.max()); s = s / s.sum()\n"
         "    return np.outer(s, 1 - s)"),
        ("forgets to normalise s",
         "def softmax_jacobian(z):\n"
         "    z = np.asarray(z, dtype=float)\n"
         "    s = np.exp(z - z.max())\n"
         "    return np.diag(s) - np.outer(s, s)"),
    ],
    "one-hot": [
        ("off by one (one-indexed labels)",
         "def one_hot(y, n_classes):\n"
         "    y = np.asarray(y, dtype=int)\n"
         "    return np.eye(n_classes)[y - 1]"),
        ("transposed: (C, n)",
         "def one_hot(y, n_classes):\n"
         "    return np.eye(n_classes)[np.asarray(y, dtype=int)].T"),
        ("number of classes from the labels",
         "def one_hot(y, n_classes):\n"
         "    y = np.asarray(y, dtype=int)\n"
         "    return np.eye(y.max() + 1)[y]"),
    ],
    "softmax-cross-entropy": [
        ("subtracts the global max (a row far below it underflows: log 0)",
         "def softmax_cross_entropy(logits, y):\n"
         "    Z = np.asarray(logits, dtype=float); y = np.asarray(y, dtype=int); n = len(Z)\n"
         "    S = Z - Z.max()\n"
         "    L = S - np.log(np.exp(S).sum(axis=1, keepdims=True))\n"
         "    G = np.exp(L); G[np.arange(n), y] -= 1\n"
         "    return float(-np.mean(L[np.arange(n), y])), G / n"),
        ("log of the softmax (log 0 for a confidently wrong example)",
         "def softmax_cross_entropy(logits, y):\n"
         "    Z = np.asarray(logits, dtype=float); y = np.asarray(y, dtype=int); n = len(Z)\n"
         "    E = np.exp(Z - Z.max(axis=1, keepdims=True)); P = E / E.sum(axis=1, keepdims=True)\n"
         "    loss = -np.mean(np.log(P[np.arange(n), y]))\n"
         "    G = P.copy(); G[np.arange(n), y] -= 1\n"
         "    return float(loss), G / n"),
        ("gradient without the 1/n",
         "def softmax_cross_entropy(logits, y):\n"
         "    Z = np.asarray(logits, dtype=float); y = np.asarray(y, dtype=int); n = len(Z)\n"
         "    S = Z - Z.max(axis=1, keepdims=True)\n"
         "    L = S - np.log(np.exp(S).sum(axis=1, keepdims=True))\n"
         "    G = np.exp(L); G[np.arange(n), y] -= 1\n"
         "    return float(-np.mean(L[np.arange(n), y])), G"),
        ("gradient with the wrong sign (one_hot - softmax)",
         "def softmax_cross_entropy(logits, y):\n"
         "    Z = np.asarray(logits, dtype=float); y = np.asarray(y, dtype=int); n = len(Z)\n"
         "    S = Z - Z.max(axis=1, keepdims=True)\n"
         "    L = S - np.log(np.exp(S).sum(axis=1, keepdims=True))\n"
         "    G = np.exp(L); G[np.arange(n), y] -= 1\n"
         "    return float(-np.mean(L[np.arange(n), y])), -G / n"),
        ("one-indexed labels (y - 1)",
         "def softmax_cross_entropy(logits, y):\n"
         "    Z = np.asarray(logits, dtype=float); y = np.asarray(y, dtype=int) - 1; n = len(Z)\n"
         "    S = Z - Z.max(axis=1, keepdims=True)\n"
         "    L = S - np.log(np.exp(S).sum(axis=1, keepdims=True))\n"
         "    G = np.exp(L); G[np.arange(n), y] -= 1\n"
         "    return float(-np.mean(L[np.arange(n), y])), G / n"),
        ("loss summed over the batch",
         "def softmax_cross_entropy(logits, y):\n"
         "    Z = np.asarray(logits, dtype=float); y = np.asarray(y, dtype=int); n = len(Z)\n"
         "    S = Z - Z.max(axis=1, keepdims=True)\n"
         "    L = S - np.log(np.exp(S).sum(axis=1, keepdims=True))\n"
         "    G = np.exp(L); G[np.arange(n), y] -= 1\n"
         "    return float(-np.sum(L[np.arange(n), y])), G / n"),
    ],
    "entropy": [
        ("NaN and warnings for zero probabilities",
         "def entropy(p, base=2.0):\n"
         "    p = np.asarray(p, dtype=float)\n"
         "    return float(-np.sum(p * np.log(p)) / np.log(base))"),
        ("ignores the base (always nats)",
         "def entropy(p, base=2.0):\n"
         "    p = np.asarray(p, dtype=float); p = p[p > 0]\n"
         "    return float(-np.sum(p * np.log(p)))"),
        ("missing minus sign",
         "def entropy(p, base=2.0):\n"
         "    p = np.asarray(p, dtype=float); p = p[p > 0]\n"
         "    return float(np.sum(p * np.log(p)) / np.log(base))"),
        ("average instead of expected surprise (mean of -log p)",
         "def entropy(p, base=2.0):\n"
         "    p = np.asarray(p, dtype=float); p = p[p > 0]\n"
         "    return float(-np.mean(np.log(p)) / np.log(base))"),
    ],
    "kl-divergence": [
        ("arguments swapped: KL(Q || P)",
         "def kl_divergence(p, q, base=2.0):\n"
         "    p, q = np.asarray(q, dtype=float), np.asarray(p, dtype=float)\n"
         "    s = p > 0\n"
         "    if np.any(q[s] == 0):\n"
         "        return np.inf\n"
         "    return float(np.sum(p[s] * np.log(p[s] / q[s])) / np.log(base))"),
        ("NaN and warnings for zeros",
         "def kl_divergence(p, q, base=2.0):\n"
         "    p, q = np.asarray(p, dtype=float), np.asarray(q, dtype=float)\n"
         "    return float(np.sum(p * np.log(p / q)) / np.log(base))"),
        ("cross-entropy instead of KL",
         "def kl_divergence(p, q, base=2.0):\n"
         "    p, q = np.asarray(p, dtype=float), np.asarray(q, dtype=float)\n"
         "    s = p > 0\n"
         "    if np.any(q[s] == 0):\n"
         "        return np.inf\n"
         "    return float(-np.sum(p[s] * np.log(q[s])) / np.log(base))"),
        ("ignores the base",
         "def kl_divergence(p, q, base=2.0):\n"
         "    p, q = np.asarray(p, dtype=float), np.asarray(q, dtype=float)\n"
         "    s = p > 0\n"
         "    if np.any(q[s] == 0):\n"
         "        return np.inf\n"
         "    return float(np.sum(p[s] * np.log(p[s] / q[s])))"),
    ],
    "loss-table": [
        ("softmax for multilabel",
         "LOSS_TABLE = {\n"
         "    'binary classification': ('sigmoid', 'bce'),\n"
         "    'multiclass classification': ('softmax', 'categorical_ce'),\n"
         "    'multilabel classification': ('softmax', 'categorical_ce'),\n"
         "    'regression': ('linear', 'mse'),\n"
         "    'regression to [0, 1]': ('sigmoid', 'mse'),\n"
         "}"),
        ("sigmoid + BCE for multiclass",
         "LOSS_TABLE = {\n"
         "    'binary classification': ('sigmoid', 'bce'),\n"
         "    'multiclass classification': ('sigmoid', 'bce'),\n"
         "    'multilabel classification': ('sigmoid', 'bce'),\n"
         "    'regression': ('linear', 'mse'),\n"
         "    'regression to [0, 1]': ('sigmoid', 'bce'),\n"
         "}"),
        ("linear output for regression to [0, 1]",
         "LOSS_TABLE = {\n"
         "    'binary classification': ('sigmoid', 'bce'),\n"
         "    'multiclass classification': ('softmax', 'categorical_ce'),\n"
         "    'multilabel classification': ('sigmoid', 'bce'),\n"
         "    'regression': ('linear', 'mse'),\n"
         "    'regression to [0, 1]': ('linear', 'mse'),\n"
         "}"),
        ("sigmoid + MSE for binary classification",
         "LOSS_TABLE = {\n"
         "    'binary classification': ('sigmoid', 'mse'),\n"
         "    'multiclass classification': ('softmax', 'categorical_ce'),\n"
         "    'multilabel classification': ('sigmoid', 'bce'),\n"
         "    'regression': ('linear', 'mse'),\n"
         "    'regression to [0, 1]': ('sigmoid', 'mse'),\n"
         "}"),
        ("a key misspelt",
         "LOSS_TABLE = {\n"
         "    'binary': ('sigmoid', 'bce'),\n"
         "    'multiclass classification': ('softmax', 'categorical_ce'),\n"
         "    'multilabel classification': ('sigmoid', 'bce'),\n"
         "    'regression': ('linear', 'mse'),\n"
         "    'regression to [0, 1]': ('sigmoid', 'mse'),\n"
         "}"),
    ],
    "sigmoid-mse-grad": [
        ("forgets the sigmoid's derivative",
         "def sigmoid_mse_grad(z, y):\n"
         "    return 2.0 * (sigmoid(np.asarray(z, dtype=float)) - y)"),
        ("forgets the factor 2",
         "def sigmoid_mse_grad(z, y):\n"
         "    p = sigmoid(np.asarray(z, dtype=float))\n"
         "    return (p - y) * p * (1 - p)"),
        ("wrong sign",
         "def sigmoid_mse_grad(z, y):\n"
         "    p = sigmoid(np.asarray(z, dtype=float))\n"
         "    return 2.0 * (y - p) * p * (1 - p)"),
        ("sigma'(z) written as z (1 - z)",
         "def sigmoid_mse_grad(z, y):\n"
         "    z = np.asarray(z, dtype=float)\n"
         "    return 2.0 * (sigmoid(z) - y) * z * (1 - z)"),
    ],
    "total-loss": [
        ("decays the biases too",
         "def total_loss(losses, loss_weights, params, lambda_wd):\n"
         "    data = sum(w * l for w, l in zip(loss_weights, losses))\n"
         "    return float(data + lambda_wd * sum(np.sum(v ** 2) for v in params.values()))"),
        ("norm instead of squared norm",
         "def total_loss(losses, loss_weights, params, lambda_wd):\n"
         "    data = sum(w * l for w, l in zip(loss_weights, losses))\n"
         "    decay = sum(np.linalg.norm(v) for k, v in params.items() if k.startswith('Omega'))\n"
         "    return float(data + lambda_wd * decay)"),
        ("ignores the loss weights",
         "def total_loss(losses, loss_weights, params, lambda_wd):\n"
         "    decay = sum(np.sum(v ** 2) for k, v in params.items() if k.startswith('Omega'))\n"
         "    return float(sum(losses) + lambda_wd * decay)"),
        ("lambda / 2 (the other convention)",
         "def total_loss(losses, loss_weights, params, lambda_wd):\n"
         "    data = sum(w * l for w, l in zip(loss_weights, losses))\n"
         "    decay = sum(np.sum(v ** 2) for k, v in params.items() if k.startswith('Omega'))\n"
         "    return float(data + lambda_wd / 2 * decay)"),
    ],
    "weight-decay-grad": [
        ("missing the factor 2",
         "def weight_decay_grad(params, lambda_wd):\n"
         "    return {k: lambda_wd * v if k.startswith('Omega') else np.zeros_like(v)\n"
         "            for k, v in params.items()}"),
        ("decays the biases too",
         "def weight_decay_grad(params, lambda_wd):\n"
         "    return {k: 2 * lambda_wd * v for k, v in params.items()}"),
        ("leaves the biases out of the dict",
         "def weight_decay_grad(params, lambda_wd):\n"
         "    return {k: 2 * lambda_wd * v for k, v in params.items() if k.startswith('Omega')}"),
        ("modifies params in place",
         "def weight_decay_grad(params, lambda_wd):\n"
         "    for k, v in params.items():\n"
         "        if k.startswith('Omega'):\n"
         "            v *= 2 * lambda_wd\n"
         "        else:\n"
         "            v *= 0.0\n"
         "    return dict(params)"),
    ],
}

CORRECT = {
    "mse": [
        ("np.mean of the row sums, with reshape for (n,)",
         "def mse(y_pred, y):\n"
         "    r = np.asarray(y_pred, dtype=float) - np.asarray(y, dtype=float)\n"
         "    return float(np.mean(np.sum(r.reshape(len(r), -1) ** 2, axis=1)))"),
        ("returns a numpy scalar", "def mse(y_pred, y):\n"
         "    d = np.subtract(y_pred, y)\n"
         "    return np.sum(d * d) / len(d)"),
    ],
    "gaussian-nll": [
        ("log sigma written separately",
         "def gaussian_nll(y_pred, y, sigma):\n"
         "    r = np.subtract(y, y_pred)\n"
         "    return 0.5 * np.log(2 * np.pi) + np.log(sigma) + np.mean(r**2) / (2 * sigma**2)"),
    ],
    "best-constant": [
        ("sum / len", "def best_constant(y):\n    return sum(y) / len(y)"),
    ],
    "bce-with-logits": [
        ("np.logaddexp for the softplus",
         "def bce_with_logits(logits, y):\n"
         "    z, y = np.asarray(logits, dtype=float), np.asarray(y, dtype=float)\n"
         "    loss = np.mean(np.logaddexp(0.0, z) - y * z)\n"
         "    return loss, (sigmoid(z) - y) / z.size"),
        ("the two-branch form y softplus(-z) + (1 - y) softplus(z)",
         "def bce_with_logits(logits, y):\n"
         "    z, y = np.asarray(logits, dtype=float), np.asarray(y, dtype=float)\n"
         "    def softplus(u):\n"
         "        return np.maximum(u, 0) + np.log1p(np.exp(-np.abs(u)))\n"
         "    loss = np.mean(y * softplus(-z) + (1 - y) * softplus(z))\n"
         "    return float(loss), (sigmoid(z) - y) / len(z)"),
    ],
    "softmax": [
        ("no np.asarray: Z.max on the array as given",
         "def softmax(Z):\n"
         "    E = np.exp(Z - Z.max(axis=1, keepdims=True))\n"
         "    return E / E.sum(axis=1, keepdims=True)"),
        ("np.exp of log-softmax via logaddexp.reduce",
         "def softmax(Z):\n"
         "    Z = np.asarray(Z, dtype=float)\n"
         "    return np.exp(Z - np.logaddexp.reduce(Z, axis=1, keepdims=True))"),
        ("loop over rows",
         "def softmax(Z):\n"
         "    out = []\n"
         "    for row in np.asarray(Z, dtype=float):\n"
         "        e = np.exp(row - max(row))\n"
         "        out.append(e / e.sum())\n"
         "    return np.array(out)"),
    ],
    "softmax-jacobian": [
        ("element by element",
         "def softmax_jacobian(z):\n"
         "    z = np.asarray(z, dtype=float)\n"
         "    s = np.exp(z - z.max()); s = s / s.sum()\n"
         "    C = len(s)\n"
         "    J = np.empty((C, C))\n"
         "    for i in range(C):\n"
         "        for j in range(C):\n"
         "            J[i, j] = s[i] * ((i == j) - s[j])\n"
         "    return J"),
        ("uses helpers.losses.softmax",
         "from helpers.losses import softmax as _sm\n"
         "def softmax_jacobian(z):\n"
         "    s = _sm(np.asarray(z, dtype=float))\n"
         "    return np.diag(s) - s[:, None] * s[None, :]"),
    ],
    "one-hot": [
        ("y.shape without np.asarray",
         "def one_hot(y, n_classes):\n"
         "    out = np.zeros((y.shape[0], n_classes))\n"
         "    out[np.arange(y.shape[0]), y] = 1\n"
         "    return out"),
        ("rows of the identity, integer dtype",
         "def one_hot(y, n_classes):\n"
         "    return np.eye(n_classes, dtype=int)[np.asarray(y)]"),
        ("comparison with arange",
         "def one_hot(y, n_classes):\n"
         "    return (np.asarray(y)[:, None] == np.arange(n_classes)).astype(float)"),
    ],
    "softmax-cross-entropy": [
        ("log-sum-exp with np.logaddexp.reduce and one_hot",
         "def softmax_cross_entropy(logits, y):\n"
         "    Z = np.asarray(logits, dtype=float)\n"
         "    T = np.eye(Z.shape[1])[np.asarray(y)]\n"
         "    lse = np.logaddexp.reduce(Z, axis=1, keepdims=True)\n"
         "    loss = np.mean(np.sum(T * (lse - Z), axis=1))\n"
         "    return loss, (np.exp(Z - lse) - T) / len(Z)"),
    ],
    "entropy": [
        ("no np.asarray: boolean mask on the array as given",
         "def entropy(p, base=2.0):\n"
         "    nz = p[p > 0]\n"
         "    return -np.sum(nz * np.log(nz)) / np.log(base)"),
        ("np.errstate and np.nansum",
         "def entropy(p, base=2.0):\n"
         "    p = np.asarray(p, dtype=float)\n"
         "    with np.errstate(divide='ignore', invalid='ignore'):\n"
         "        terms = p * np.log(p) / np.log(base)\n"
         "    return -np.nansum(terms)"),
        ("np.where with a safe log",
         "def entropy(p, base=2.0):\n"
         "    p = np.asarray(p, dtype=float)\n"
         "    logs = np.log(np.where(p > 0, p, 1.0)) / np.log(base)\n"
         "    return float(-np.sum(p * logs))"),
        ("loop with math.log",
         "import math\n"
         "def entropy(p, base=2.0):\n"
         "    return -sum(pk * math.log(pk, base) for pk in p if pk > 0)"),
    ],
    "kl-divergence": [
        ("no np.asarray, masks on the arrays as given",
         "def kl_divergence(p, q, base=2.0):\n"
         "    s = p > 0\n"
         "    if (q[s] == 0).any():\n"
         "        return float('inf')\n"
         "    return np.sum(p[s] * (np.log(p[s]) - np.log(q[s]))) / np.log(base)"),
        ("cross-entropy minus entropy, loop with math",
         "import math\n"
         "def kl_divergence(p, q, base=2.0):\n"
         "    total = 0.0\n"
         "    for pk, qk in zip(p, q):\n"
         "        if pk > 0:\n"
         "            if qk == 0:\n"
         "                return math.inf\n"
         "            total += pk * (math.log(pk, base) - math.log(qk, base))\n"
         "    return total"),
    ],
    "loss-table": [
        ("BCE for regression to [0, 1], lists as pairs",
         "LOSS_TABLE = {\n"
         "    'binary classification': ['sigmoid', 'bce'],\n"
         "    'multiclass classification': ['softmax', 'categorical_ce'],\n"
         "    'multilabel classification': ['sigmoid', 'bce'],\n"
         "    'regression': ['linear', 'mse'],\n"
         "    'regression to [0, 1]': ['sigmoid', 'bce'],\n"
         "}"),
    ],
    "sigmoid-mse-grad": [
        ("through helpers.activations.sigmoid_derivative",
         "from helpers.activations import sigmoid_derivative\n"
         "def sigmoid_mse_grad(z, y):\n"
         "    return 2 * (sigmoid(z) - np.asarray(y)) * sigmoid_derivative(z)"),
    ],
    "total-loss": [
        ("np.dot and a loop",
         "def total_loss(losses, loss_weights, params, lambda_wd):\n"
         "    total = float(np.dot(loss_weights, losses))\n"
         "    for name in params:\n"
         "        if 'Omega' in name:\n"
         "            total += lambda_wd * float(np.sum(np.square(params[name])))\n"
         "    return total"),
    ],
    "weight-decay-grad": [
        ("dict comprehension with np.where-free arithmetic",
         "def weight_decay_grad(params, lambda_wd):\n"
         "    return {k: 2 * lambda_wd * v * k.startswith('Omega') for k, v in params.items()}"),
    ],
}

# The wrong answer the nbgrader pipeline test submits: it fails the first visible check.
PIPELINE_WRONG = ("mse", 0)

# Wrong answers that only the hidden tests need to reject (hard-coded values, rare edge cases);
# every other WRONG case must already fail the visible tests (tests/test_exercises.py).
HIDDEN_ONLY = {
    "best-constant": ["hard-codes the visible example"],
}
