"""Wrong and correct answers for solutions/04-deep-networks (see tests/cases/README.md)."""

NOTEBOOK = "04-deep-networks"

# ------------------------------------------------------------------ Exercise 1

TO_BETAS_OMEGAS = '''
def to_betas_omegas(theta, psi, phi2):
    theta, psi, phi2 = np.asarray(theta, float), np.asarray(psi, float), np.asarray(phi2, float)
    betas = [theta[:, 0], psi[:, 0], {beta2}]
    omegas = [{omega0}, {omega1}, {omega2}]
    return betas, omegas
'''


def _to_betas_omegas(beta2="phi2[:1]", omega0="theta[:, 1:]", omega1="psi[:, 1:]", omega2="phi2[None, 1:]"):
    return TO_BETAS_OMEGAS.format(beta2=beta2, omega0=omega0, omega1=omega1, omega2=omega2)


# ------------------------------------------------------------------ Exercise 8

EXPLAINED_VARIANCE = '''
def explained_variance(H, groups):
    H, groups = np.asarray(H, dtype=float), np.asarray(groups)
    n, G = len(H), groups.max() + 1
    counts = np.bincount(groups)
    means = np.stack([H[groups == g].mean(axis=0) for g in range(G)])
    within = {within}
    total = ((H - H.mean(axis=0)) ** 2).sum(axis={axis})
    with np.errstate(divide="ignore", invalid="ignore"):
        eta = {ratio}
    return np.where(total > 0, eta, np.nan)
'''


def _explained_variance(within="((H - means[groups]) ** 2).sum(axis=0)", axis=0,
                        ratio="1.0 - within / total"):
    return EXPLAINED_VARIANCE.format(within=within, axis=axis, ratio=ratio)


# ------------------------------------------------------------------ Exercise 3

FORWARD_CHECKS = '''
def check(X, betas, omegas):
    if len(betas) != len(omegas):
        raise ValueError("one beta per Omega")
    if X.ndim != 2 or X.shape[1] != omegas[0].shape[1]:
        raise ValueError(f"X has shape {X.shape}, Omega_0 has shape {omegas[0].shape}")
    for k in range(len(omegas)):
        if k and omegas[k].shape[1] != omegas[k - 1].shape[0]:
            raise ValueError(f"Omega_{k} has shape {omegas[k].shape}, "
                             f"h_{k} has {omegas[k - 1].shape[0]} units")
        if betas[k].shape != (omegas[k].shape[0],):
            raise ValueError(f"beta_{k} has shape {betas[k].shape}, Omega_{k} has shape {omegas[k].shape}")
'''


def _forward(body, checks=True):
    head = FORWARD_CHECKS if checks else ""
    call_check = "    check(X, betas, omegas)\n" if checks else ""
    return (head + "\ndef forward(X, betas, omegas):\n"
            "    X = np.asarray(X, float)\n"
            "    betas = [np.asarray(b, float) for b in betas]\n"
            "    omegas = [np.asarray(w, float) for w in omegas]\n"
            + call_check + body)


FORWARD_RIGHT = '''    h = X
    for k in range(len(omegas)):
        z = h @ omegas[k].T + betas[k]
        h = z if k == len(omegas) - 1 else np.maximum(z, 0)
    return h
'''

# ------------------------------------------------------------------ Exercise 8


def _sawtooth(fold_beta="[0.0, -0.5]", first="np.ones((2, 1))", readout="[[2.0, -4.0]]", layers="k"):
    return f'''
def sawtooth_network(k):
    fold_beta = np.array({fold_beta})
    readout = np.array({readout})
    n = {layers}
    betas = [fold_beta.copy() for _ in range(n)] + [np.zeros(1)]
    omegas = [{first}] + [np.ones((2, 1)) @ readout for _ in range(n - 1)] + [readout]
    return betas, omegas
'''


# ------------------------------------------------------------------ Exercise 9


def _shallow_sawtooth(joints="np.arange(n) / n", odd="-2.0 * n", even="2.0 * n", first="n", units="n"):
    return f'''
def shallow_sawtooth(k):
    n = 2**k
    m = {units}
    j = np.arange(m)
    theta = np.stack([-({joints})[:m], np.ones(m)], axis=1)
    changes = np.where(j % 2 == 1, {odd}, {even})
    changes[0] = {first}
    return theta, np.concatenate([[0.0], changes])
'''


WRONG = {
    "to-betas-omegas": [
        ("Omega_0 loses its second axis", _to_betas_omegas(omega0="theta[:, 1]")),
        ("Omega_1 keeps the bias column", _to_betas_omegas(omega1="psi[:, :-1]")),
        ("Omega_1 transposed", _to_betas_omegas(omega1="psi[:, 1:].T")),
        ("Omega_2 as a column", _to_betas_omegas(omega2="phi2[1:, None]")),
        ("beta_2 as a plain number", _to_betas_omegas(beta2="phi2[0]")),
        ("phi2 with its bias as Omega_2", _to_betas_omegas(omega2="phi2[None, :-1]")),
    ],
    "deepen": [
        ("passes x through one ReLU (negative inputs are lost)", '''
def deepen(betas, omegas):
    d = np.shape(omegas[0])[1]
    return [np.zeros(d)] + list(betas), [np.eye(d)] + list(omegas)
'''),
        ("reads x back as relu(x) + relu(-x) = |x|", '''
def deepen(betas, omegas):
    eye = np.eye(np.shape(omegas[0])[1])
    return ([np.zeros(2 * len(eye))] + list(betas),
            [np.vstack([eye, -eye]), np.asarray(omegas[0]) @ np.hstack([eye, eye])] + list(omegas[1:]))
'''),
        ("appends an identity layer after the output (a ReLU on the output)", '''
def deepen(betas, omegas):
    d = np.shape(omegas[-1])[0]
    return list(betas) + [np.zeros(d)], list(omegas) + [np.eye(d)]
'''),
        ("identity after the first hidden layer (fails without hidden layers)", '''
def deepen(betas, omegas):
    d = np.shape(omegas[0])[0]
    new_betas = list(betas[:1]) + [np.zeros(d)] + list(betas[1:])
    return new_betas, list(omegas[:1]) + [np.eye(d)] + list(omegas[1:])
'''),
        ("inserts into the given lists", '''
def deepen(betas, omegas):
    eye = np.eye(np.shape(omegas[0])[1])
    omegas[0] = np.asarray(omegas[0]) @ np.hstack([eye, -eye])
    betas.insert(0, np.zeros(2 * len(eye)))
    omegas.insert(0, np.vstack([eye, -eye]))
    return betas, omegas
'''),
    ],
    "forward": [
        ("ReLU on the output layer too", _forward('''    h = X
    for k in range(len(omegas)):
        h = np.maximum(h @ omegas[k].T + betas[k], 0)
    return h
''')),
        ("no ReLU at all", _forward('''    h = X
    for k in range(len(omegas)):
        h = h @ omegas[k].T + betas[k]
    return h
''')),
        ("no transpose: X @ Omega", _forward('''    h = X
    for k in range(len(omegas)):
        z = h @ omegas[k] + betas[k]
        h = z if k == len(omegas) - 1 else np.maximum(z, 0)
    return h
''', checks=False)),
        ("forgets the biases", _forward('''    h = X
    for k in range(len(omegas)):
        z = h @ omegas[k].T
        h = z if k == len(omegas) - 1 else np.maximum(z, 0)
    return h
''')),
        ("drops the output axis when D_out = 1", _forward(FORWARD_RIGHT.replace(
            "    return h\n", "    return h[:, 0] if h.shape[1] == 1 else h\n"))),
        ("no shape checks: numpy's own error messages", _forward(FORWARD_RIGHT, checks=False)),
        ("no length check: zip stops at the shorter list", '''
def forward(X, betas, omegas):
    X = np.asarray(X, float)
    if X.ndim != 2 or X.shape[1] != np.shape(omegas[0])[1]:
        raise ValueError(f"X has shape {X.shape}, Omega_0 has shape {np.shape(omegas[0])}")
    h = X
    for k, (b, w) in enumerate(zip(betas, omegas)):
        b, w = np.asarray(b, float), np.asarray(w, float)
        if k and w.shape[1] != h.shape[1]:
            raise ValueError(f"Omega_{k} has shape {w.shape}, h_{k} has {h.shape[1]} units")
        if b.shape != (w.shape[0],):
            raise ValueError(f"beta_{k} has shape {b.shape}, Omega_{k} has shape {w.shape}")
        z = h @ w.T + b
        h = z if k == len(omegas) - 1 else np.maximum(z, 0)
    return h
'''),
        ("names the arrays counting from 1", '''
def forward(X, betas, omegas):
    X = np.asarray(X, float)
    betas = [np.asarray(b, float) for b in betas]
    omegas = [np.asarray(w, float) for w in omegas]
    if len(betas) != len(omegas):
        raise ValueError("one beta per Omega")
    if X.ndim != 2 or X.shape[1] != omegas[0].shape[1]:
        raise ValueError(f"X has shape {X.shape}, Omega_1 has shape {omegas[0].shape}")
    for k in range(len(omegas)):
        if k and omegas[k].shape[1] != omegas[k - 1].shape[0]:
            raise ValueError(f"Omega_{k + 1} has shape {omegas[k].shape}, "
                             f"layer {k} has {omegas[k - 1].shape[0]} units")
        if betas[k].shape != (omegas[k].shape[0],):
            raise ValueError(f"beta_{k + 1} has shape {betas[k].shape}, "
                             f"Omega_{k + 1} has shape {omegas[k].shape}")
''' + FORWARD_RIGHT),
        ("messages without the array's name and index", '''
def forward(X, betas, omegas):
    X = np.asarray(X, float)
    betas = [np.asarray(b, float) for b in betas]
    omegas = [np.asarray(w, float) for w in omegas]
    if len(betas) != len(omegas):
        raise ValueError("lengths differ")
    width = X.shape[1]
    for b, w in zip(betas, omegas, strict=True):
        if w.shape[1] != width or b.shape != (w.shape[0],):
            raise ValueError(f"shapes do not fit: {X.shape}, {w.shape}, {b.shape}")
        width = w.shape[0]
''' + FORWARD_RIGHT),
    ],
    "explained-variance": [
        ("wrong axis: sums over units, one value per point", _explained_variance(
            within="((H - means[groups]) ** 2).sum(axis=1)", axis=1)),
        ("unweighted mean of the group variances", _explained_variance(within=(
            "np.mean([H[groups == g].var(axis=0) for g in range(G)], axis=0) * n"))),
        ("standard deviations instead of variances", _explained_variance(ratio="np.sqrt(within / total)")),
        ("returns the unexplained fraction", _explained_variance(ratio="within / total")),
        ("group variances with ddof=1, weighted by size", _explained_variance(within=(
            "sum(np.sum(groups == g) * H[groups == g].var(axis=0, ddof=1) for g in range(G))"))),
        ("between-group spread around the mean of the group means", _explained_variance(
            ratio="1.0 - np.sum(counts[:, None] * (means - means.mean(axis=0)) ** 2, axis=0) / total")),
        ("0 instead of nan for a constant column", """
def explained_variance(H, groups):
    H, groups = np.asarray(H, dtype=float), np.asarray(groups)
    means = np.stack([H[groups == g].mean(axis=0) for g in range(groups.max() + 1)])
    within = ((H - means[groups]) ** 2).sum(axis=0)
    total = ((H - H.mean(axis=0)) ** 2).sum(axis=0)
    return np.where(total > 0, 1.0 - within / np.maximum(total, 1e-300), 0.0)
"""),
        ("divides by zero for a constant column (a RuntimeWarning)", """
def explained_variance(H, groups):
    H, groups = np.asarray(H, dtype=float), np.asarray(groups)
    means = np.stack([H[groups == g].mean(axis=0) for g in range(groups.max() + 1)])
    within = ((H - means[groups]) ** 2).sum(axis=0)
    total = ((H - H.mean(axis=0)) ** 2).sum(axis=0)
    return 1.0 - within / total
"""),
        ("assumes the rows are sorted by group", """
def explained_variance(H, groups):
    H, groups = np.asarray(H, dtype=float), np.asarray(groups)
    counts = np.bincount(groups)
    parts = np.split(H, np.cumsum(counts)[:-1])
    within = sum(((p - p.mean(axis=0)) ** 2).sum(axis=0) for p in parts)
    total = ((H - H.mean(axis=0)) ** 2).sum(axis=0)
    return 1.0 - np.divide(within, total, out=np.full(H.shape[1], np.nan), where=total > 0)
"""),
        ("hard-codes the visible answers", """
def explained_variance(H, groups):
    return np.array([0.5, 1.0, 0.0, np.nan])[:np.shape(H)[1]]
"""),
    ],
    "collapse-linear": [
        ("weights multiplied in the wrong order", '''
def collapse_linear(betas, omegas):
    beta, Omega = np.asarray(betas[0], float), np.asarray(omegas[0], float)
    for b, W in zip(betas[1:], omegas[1:]):
        beta, Omega = b + W @ beta, (Omega.T @ np.asarray(W).T)
    return beta, Omega
'''),
        ("only the last bias (earlier biases dropped)", '''
def collapse_linear(betas, omegas):
    Omega = np.asarray(omegas[0], float)
    for W in omegas[1:]:
        Omega = np.asarray(W) @ Omega
    return np.asarray(betas[-1], float), Omega
'''),
        ("the later layers' biases dropped", '''
def collapse_linear(betas, omegas):
    beta, Omega = np.asarray(betas[0], float), np.asarray(omegas[0], float)
    for W in omegas[1:]:
        beta, Omega = np.asarray(W) @ beta, np.asarray(W) @ Omega
    return beta, Omega
'''),
        ("only the first two layers", '''
def collapse_linear(betas, omegas):
    if len(omegas) == 1:
        return np.asarray(betas[0], float), np.asarray(omegas[0], float)
    W0, W1 = np.asarray(omegas[0], float), np.asarray(omegas[1], float)
    return np.asarray(betas[1]) + W1 @ betas[0], W1 @ W0
'''),
        ("returns (Omega, beta)", '''
def collapse_linear(betas, omegas):
    beta, Omega = np.asarray(betas[0], float), np.asarray(omegas[0], float)
    for b, W in zip(betas[1:], omegas[1:]):
        beta, Omega = b + W @ beta, W @ Omega
    return Omega, beta
'''),
        ("pops the lists it is given", '''
def collapse_linear(betas, omegas):
    beta, Omega = np.asarray(betas.pop(0), float), np.asarray(omegas.pop(0), float)
    while omegas:
        W = np.asarray(omegas.pop(0))
        beta, Omega = betas.pop(0) + W @ beta, W @ Omega
    return beta, Omega
'''),
    ],
    "layerwise-bound": [
        ("ignores the bottleneck", "from math import comb\n"
         "def layerwise_bound(d_in, widths):\n"
         "    total = 1\n"
         "    for w in widths:\n"
         "        total *= sum(comb(w, j) for j in range(d_in + 1))\n"
         "    return total"),
        ("the 1-D formula for every input size", "def layerwise_bound(d_in, widths):\n"
         "    total = 1\n"
         "    for w in widths:\n"
         "        total *= w + 1\n"
         "    return total"),
        ("adds the layers' counts", "from math import comb\n"
         "def layerwise_bound(d_in, widths):\n"
         "    m, total = d_in, 0\n"
         "    for w in widths:\n"
         "        total += sum(comb(w, j) for j in range(m + 1))\n"
         "        m = min(m, w)\n"
         "    return total"),
        ("off by one: j < m", "from math import comb\n"
         "def layerwise_bound(d_in, widths):\n"
         "    m, total = d_in, 1\n"
         "    for w in widths:\n"
         "        total *= sum(comb(w, j) for j in range(m))\n"
         "        m = min(m, w)\n"
         "    return total"),
        ("minimum of the input and the first width only", "from math import comb\n"
         "def layerwise_bound(d_in, widths):\n"
         "    m, total = min(d_in, widths[0]), 1\n"
         "    for w in widths:\n"
         "        total *= sum(comb(w, j) for j in range(m + 1))\n"
         "    return total"),
    ],
    "count-patterns": [
        ("includes the output layer", '''
def count_patterns(X, betas, omegas):
    h, states = np.asarray(X, float), []
    for k, (b, w) in enumerate(zip(betas, omegas, strict=True)):
        z = h @ np.asarray(w).T + b
        states.append(z > 0)
        h = np.maximum(z, 0)
    return int(np.unique(np.concatenate(states, axis=1), axis=0).shape[0])
'''),
        ("passes pre-activations on (no ReLU)", '''
def count_patterns(X, betas, omegas):
    h, states = np.asarray(X, float), []
    for b, w in zip(betas[:-1], omegas[:-1], strict=True):
        h = h @ np.asarray(w).T + b
        states.append(h > 0)
    return int(np.unique(np.concatenate(states, axis=1), axis=0).shape[0])
'''),
        ("np.unique without axis=0", '''
def count_patterns(X, betas, omegas):
    h, states = np.asarray(X, float), []
    for b, w in zip(betas[:-1], omegas[:-1], strict=True):
        z = h @ np.asarray(w).T + b
        states.append(z > 0)
        h = np.maximum(z, 0)
    return int(np.unique(np.concatenate(states, axis=1)).shape[0])
'''),
        ("only the last hidden layer's pattern", '''
def count_patterns(X, betas, omegas):
    h = np.asarray(X, float)
    for b, w in zip(betas[:-1], omegas[:-1], strict=True):
        z = h @ np.asarray(w).T + b
        h = np.maximum(z, 0)
    return int(np.unique(z > 0, axis=0).shape[0])
'''),
    ],
    "sawtooth-network": [
        ("k - 1 hidden layers", _sawtooth(layers="k - 1")),
        ("the second joint at -1/2", _sawtooth(fold_beta="[0.0, 0.5]")),
        ("Omega_0 as a row", _sawtooth(first="np.ones((1, 2))")),
        ("read-out with the wrong sign", _sawtooth(readout="[[2.0, 4.0]]")),
        ("always three layers", _sawtooth(layers="3")),
    ],
    "shallow-sawtooth": [
        ("no unit at 0: 2**k - 1 units", _shallow_sawtooth(joints="np.arange(1, n + 1) / n",
                                                           units="n - 1", first="-2.0 * n")),
        ("slope changes of 2**k instead of 2 * 2**k", _shallow_sawtooth(odd="-1.0 * n", even="1.0 * n")),
        ("the slope does not alternate", _shallow_sawtooth(even="-2.0 * n")),
        ("joints shifted by one", _shallow_sawtooth(joints="np.arange(1, n + 1) / n")),
    ],
}

CORRECT = {
    "to-betas-omegas": [
        ("reshape and lists", '''
def to_betas_omegas(theta, psi, phi2):
    t, p, f = np.array(theta), np.array(psi), np.array(phi2)
    return ([t[:, 0], p[:, 0], np.array([f[0]])],
            [t[:, 1].reshape(-1, 1), p[:, 1:], f[1:].reshape(1, -1)])
'''),
        ("tuples and fancy indexing", '''
def to_betas_omegas(theta, psi, phi2):
    t, p, f = np.asarray(theta), np.asarray(psi), np.asarray(phi2)
    return (t[:, 0], p[:, 0], f[[0]]), (t[:, [1]], p[:, 1:], np.atleast_2d(f[1:]))
'''),
    ],
    "deepen": [
        ("np.block and tuples", '''
def deepen(betas, omegas):
    d = np.shape(omegas[0])[1]
    eye = np.eye(d)
    split = np.block([[eye], [-eye]])
    return ((np.zeros(2 * d),) + tuple(betas),
            (split, np.dot(omegas[0], split.T)) + tuple(omegas[1:]))
'''),
    ],
    "forward": [
        ("other wording, separate passes", '''
def forward(X, betas, omegas):
    X = np.asarray(X, dtype=float)
    if len(betas) != len(omegas):
        raise ValueError(f"{len(betas)} betas for {len(omegas)} omegas")
    width = X.shape[1] if X.ndim == 2 else None
    if width is None or width != np.shape(omegas[0])[1]:
        raise ValueError(f"the input X of shape {X.shape} does not fit omegas[0]")
    for k, (b, w) in enumerate(zip(betas, omegas, strict=True)):
        if np.shape(w)[1] != width:
            raise ValueError(f"omegas[{k}] with shape {np.shape(w)} expects {np.shape(w)[1]} inputs, "
                             f"gets {width}")
        if np.shape(b) != (np.shape(w)[0],):
            raise ValueError(f"betas[{k}] has shape {np.shape(b)}, expected ({np.shape(w)[0]},)")
        width = np.shape(w)[0]
    *hidden_layers, (b_out, w_out) = list(zip(betas, omegas, strict=True))
    h = X
    for b, w in hidden_layers:
        h = np.maximum(0, h @ np.transpose(w) + b)
    return h @ np.transpose(w_out) + b_out
'''),
    ],
    "explained-variance": [
        ("loops over columns and groups", """
def explained_variance(H, groups):
    H = [[float(v) for v in row] for row in H]
    groups = list(groups)
    result = []
    for d in range(len(H[0])):
        column = [row[d] for row in H]
        mean = sum(column) / len(column)
        total = sum((v - mean) ** 2 for v in column)
        within = 0.0
        for g in set(groups):
            members = [v for v, label in zip(column, groups) if label == g]
            m = sum(members) / len(members)
            within += sum((v - m) ** 2 for v in members)
        result.append(1.0 - within / total if total > 0 else float("nan"))
    return np.array(result)
"""),
        ("np.bincount, between-group sum of squares", """
def explained_variance(H, groups):
    H, groups = np.asarray(H, dtype=float), np.asarray(groups)
    counts = np.bincount(groups)
    mean = H.mean(axis=0)
    result = np.full(H.shape[1], np.nan)
    for d in range(H.shape[1]):
        group_means = np.bincount(groups, weights=H[:, d]) / counts
        between = np.sum(counts * (group_means - mean[d]) ** 2)
        total = np.sum((H[:, d] - mean[d]) ** 2)
        if total > 0:
            result[d] = between / total
    return result
"""),
        ("np.unique groupby, variances, np.errstate", """
def explained_variance(H, groups):
    H = np.asarray(H, dtype=float)
    labels, index = np.unique(np.asarray(groups), return_inverse=True)
    within = np.zeros(H.shape[1])
    for g in range(len(labels)):
        part = H[index == g]
        within += len(part) * part.var(axis=0)
    total = len(H) * H.var(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        eta = 1.0 - within / total
    return np.where(total > 0, eta, np.nan)
"""),
        ("ddof=1 throughout (sums of squares)", """
def explained_variance(H, groups):
    H, groups = np.asarray(H, dtype=float), np.asarray(groups)
    within = sum((np.sum(groups == g) - 1) * H[groups == g].var(axis=0, ddof=1) if np.sum(groups == g) > 1
                 else np.zeros(H.shape[1]) for g in range(groups.max() + 1))
    total = (len(H) - 1) * H.var(axis=0, ddof=1)
    eta = np.full(H.shape[1], np.nan)
    eta[total > 0] = 1.0 - within[total > 0] / total[total > 0]
    return eta
"""),
    ],
    "collapse-linear": [
        ("from the last layer backwards", '''
def collapse_linear(betas, omegas):
    Omega = np.eye(np.shape(omegas[-1])[0])
    beta = np.zeros(np.shape(omegas[-1])[0])
    for b, W in zip(reversed(betas), reversed(omegas)):
        beta = beta + Omega @ np.asarray(b, float)
        Omega = Omega @ np.asarray(W, float)
    return beta, Omega
'''),
        ("read off the network: outputs at 0 and at the unit vectors", '''
def collapse_linear(betas, omegas):
    def run(X):
        h = np.asarray(X, float)
        for b, W in zip(betas, omegas):
            h = h @ np.asarray(W, float).T + np.asarray(b, float)
        return h
    d_in = np.shape(omegas[0])[1]
    beta = run(np.zeros((1, d_in)))[0]
    return beta, (run(np.eye(d_in)) - beta).T
'''),
    ],
    "layerwise-bound": [
        ("the minimum includes the current width (no change)", "from math import comb\n"
         "def layerwise_bound(d_in, widths):\n"
         "    m, total = d_in, 1\n"
         "    for w in widths:\n"
         "        m = min(m, w)\n"
         "        total *= sum(comb(w, j) for j in range(m + 1))\n"
         "    return total"),
        ("math.prod over explicit minima", "from math import comb\n"
         "import math\n"
         "def layerwise_bound(d_in, widths):\n"
         "    ms = [min([d_in] + list(widths[:k])) for k in range(len(widths))]\n"
         "    return math.prod(sum(comb(w, j) for j in range(m + 1)) for w, m in zip(widths, ms))"),
    ],
    "count-patterns": [
        ("a set of row tuples", '''
def count_patterns(X, betas, omegas):
    h, states = np.asarray(X, float), []
    for b, w in zip(betas[:-1], omegas[:-1], strict=True):
        z = h @ np.asarray(w).T + b
        states.append(z > 0)
        h = np.where(z > 0, z, 0.0)
    return len(set(map(tuple, np.hstack(states))))
'''),
    ],
    "sawtooth-network": [
        ("units relu(2x) and relu(2x - 1)", _sawtooth(fold_beta="[0.0, -1.0]", first="np.full((2, 1), 2.0)",
                                                      readout="[[1.0, -2.0]]").replace(
            "np.ones((2, 1)) @ readout", "np.full((2, 1), 2.0) @ readout")),
    ],
    "shallow-sawtooth": [
        ("scaled units relu(2**k x - j)", '''
def shallow_sawtooth(k):
    n = 2**k
    theta = np.array([[-float(j), float(n)] for j in range(n)])
    phi = [0.0, 1.0] + [(-2.0 if j % 2 else 2.0) for j in range(1, n)]
    return theta, np.array(phi)
'''),
    ],
}

PIPELINE_WRONG = ("forward", 0)

# Wrong answers that only the hidden tests need to reject (hard-coded values, rare edge cases);
# every other WRONG case must already fail the visible tests (tests/test_exercises.py).
HIDDEN_ONLY = {
    "deepen": ["identity after the first hidden layer (fails without hidden layers)"],
    "forward": ["no length check: zip stops at the shorter list"],
    "explained-variance": ["hard-codes the visible answers"],
}
