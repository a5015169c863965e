NOTEBOOK = "03-composing-networks"

WRONG = {
    "compose": [
        ("network 2 first",
         "def compose(x, theta1, phi1, theta2, phi2):\n"
         "    return shallow_forward(shallow_forward(x, theta2, phi2), theta1, phi1)"),
        ("network 2 fed x instead of y",
         "def compose(x, theta1, phi1, theta2, phi2):\n"
         "    return shallow_forward(x, theta2, phi2)"),
        ("adds the two networks",
         "def compose(x, theta1, phi1, theta2, phi2):\n"
         "    return shallow_forward(x, theta1, phi1) + shallow_forward(x, theta2, phi2)"),
        ("forgets return",
         "def compose(x, theta1, phi1, theta2, phi2):\n"
         "    y = shallow_forward(x, theta1, phi1)\n"
         "    shallow_forward(y, theta2, phi2)"),
    ],
    "piece-index": [
        ("a point on a joint goes to the left piece",
         "def piece_index(x, theta):\n"
         "    on = theta[:, 1] != 0\n"
         "    joints = np.sort(-theta[on, 0] / theta[on, 1])\n"
         "    return np.searchsorted(joints, x, side='left')"),
        ("keeps units with theta_d1 = 0 (joint at infinity)",
         "def piece_index(x, theta):\n"
         "    with np.errstate(divide='ignore'):\n"
         "        joints = np.sort(-theta[:, 0] / theta[:, 1])\n"
         "    return np.searchsorted(joints, x, side='right')"),
        ("forgets to sort the joints",
         "def piece_index(x, theta):\n"
         "    on = theta[:, 1] != 0\n"
         "    joints = -theta[on, 0] / theta[on, 1]\n"
         "    return np.searchsorted(joints, x, side='right')"),
        ("joint at theta_d0 / theta_d1 (sign slip)",
         "def piece_index(x, theta):\n"
         "    on = theta[:, 1] != 0\n"
         "    joints = np.sort(theta[on, 0] / theta[on, 1])\n"
         "    return np.searchsorted(joints, x, side='right')"),
    ],
    "piece-slopes": [
        ("assumes every unit is on right of its joint",
         "def piece_slopes(theta, phi):\n"
         "    on = theta[:, 1] != 0\n"
         "    joints = -theta[:, 0] / np.where(on, theta[:, 1], 1.0)\n"
         "    order = np.sort(joints[on])\n"
         "    probes = np.concatenate([[order[0] - 1], (order[:-1] + order[1:]) / 2, [order[-1] + 1]])\n"
         "    active = (probes[:, None] > joints[None, :]) & on\n"
         "    return active @ (phi[1:] * theta[:, 1])"),
        ("forgets the factor theta_d1",
         "def piece_slopes(theta, phi):\n"
         "    on = theta[:, 1] != 0\n"
         "    j = np.sort(-theta[on, 0] / theta[on, 1])\n"
         "    probes = np.concatenate([[j[0] - 1], (j[:-1] + j[1:]) / 2, [j[-1] + 1]])\n"
         "    active = theta[:, 0] + np.outer(probes, theta[:, 1]) > 0\n"
         "    return active @ phi[1:]"),
        ("includes phi_0 as if it were a slope",
         "def piece_slopes(theta, phi):\n"
         "    on = theta[:, 1] != 0\n"
         "    j = np.sort(-theta[on, 0] / theta[on, 1])\n"
         "    probes = np.concatenate([[j[0] - 1], (j[:-1] + j[1:]) / 2, [j[-1] + 1]])\n"
         "    active = theta[:, 0] + np.outer(probes, theta[:, 1]) > 0\n"
         "    return phi[0] + active @ (phi[1:] * theta[:, 1])"),
        ("forgets to sort the joints (probes between unsorted neighbours)",
         "def piece_slopes(theta, phi):\n"
         "    on = theta[:, 1] != 0\n"
         "    j = -theta[on, 0] / theta[on, 1]\n"
         "    probes = np.concatenate([[j.min() - 1], (j[:-1] + j[1:]) / 2, [j.max() + 1]])\n"
         "    active = theta[:, 0] + np.outer(probes, theta[:, 1]) > 0\n"
         "    return active @ (phi[1:] * theta[:, 1])"),
        ("one slope per joint instead of per piece (misses the last piece)",
         "def piece_slopes(theta, phi):\n"
         "    on = theta[:, 1] != 0\n"
         "    j = np.sort(-theta[on, 0] / theta[on, 1])\n"
         "    active = theta[:, 0] + np.outer(j - 1e-9, theta[:, 1]) > 0\n"
         "    return active @ (phi[1:] * theta[:, 1])"),
    ],
    "param-count": [
        ("forgets the biases",
         "def param_count(D_in, D, K, D_out):\n"
         "    return D_in * D + (K - 1) * D * D + D * D_out"),
        ("K hidden-to-hidden layers instead of K - 1",
         "def param_count(D_in, D, K, D_out):\n"
         "    return (D_in + 1) * D + K * (D + 1) * D + (D + 1) * D_out"),
        ("hard-codes the shallow 3D + 1",
         "def param_count(D_in, D, K, D_out):\n"
         "    return 3 * D + 1"),
        ("bias counted per input instead of per output",
         "def param_count(D_in, D, K, D_out):\n"
         "    return (D_in + 1) * D + (K - 1) * (D + 1) * D + D * D_out + D"),
    ],
    "network2-preactivations": [
        ("forgets the offset theta'_i0", "def network2_preactivations(x, theta1, phi1, theta2):\n"
         "    return np.outer(shallow_forward(x, theta1, phi1), np.asarray(theta2)[:, 1])"),
        ("clips already (returns a[z])", "def network2_preactivations(x, theta1, phi1, theta2):\n"
         "    t = np.asarray(theta2)\n"
         "    return np.maximum(0, t[:, 0] + np.outer(shallow_forward(x, theta1, phi1), t[:, 1]))"),
        ("uses x instead of y(x)", "def network2_preactivations(x, theta1, phi1, theta2):\n"
         "    t = np.asarray(theta2)\n"
         "    return t[:, 0] + np.outer(x, t[:, 1])"),
        ("transposed (D2, n)", "def network2_preactivations(x, theta1, phi1, theta2):\n"
         "    t = np.asarray(theta2)\n"
         "    return t[:, :1] + np.outer(t[:, 1], shallow_forward(x, theta1, phi1))"),
        ("columns of theta2 swapped", "def network2_preactivations(x, theta1, phi1, theta2):\n"
         "    t = np.asarray(theta2)\n"
         "    return t[:, 1] + np.outer(shallow_forward(x, theta1, phi1), t[:, 0])"),
    ],
    "design": [
        ("the 9-region network 2 from Section 1",
         "theta2_design = np.array([[1.5, 1.0], [0.2, 1.0], [-0.6, 1.0]])\n"
         "phi2_design = np.array([-1.25, 1.5, -2.5, 3.0])"),
        ("three joints inside but flat at y = -1 (11 regions)",
         "theta2_design = np.array([[0.5, 1.0], [0.0, 1.0], [-0.5, 1.0]])\n"
         "phi2_design = np.array([0.0, 1.0, -2.0, 2.0])"),
        ("one joint outside [-1, 1]",
         "theta2_design = np.array([[-0.5, -1.0], [0.0, 1.0], [-1.5, 1.0]])\n"
         "phi2_design = np.array([0.0, 1.0, -1.0, 2.0])"),
        ("wrong shape (theta transposed)",
         "theta2_design = np.array([[-0.5, -1.0], [0.0, 1.0], [-0.5, 1.0]]).T\n"
         "phi2_design = np.array([0.0, 1.0, -1.0, 2.0])"),
        ("two joints almost on top of each other",
         "theta2_design = np.array([[-0.5, -1.0], [0.0, 1.0], [-1e-5, 1.0]])\n"
         "phi2_design = np.array([0.0, 1.0, -1.0, 2.0])"),
    ],
    "two-layer-forward": [
        ("Psi not transposed",
         "def two_layer_forward(x, theta, psi, phi2):\n"
         "    H1 = np.maximum(0.0, theta[:, 0] + np.outer(x, theta[:, 1]))\n"
         "    H2 = np.maximum(0.0, H1 @ psi[:, 1:] + psi[:, 0])\n"
         "    return phi2[0] + H2 @ phi2[1:]"),
        ("forgets the biases psi_i0",
         "def two_layer_forward(x, theta, psi, phi2):\n"
         "    H1 = np.maximum(0.0, theta[:, 0] + np.outer(x, theta[:, 1]))\n"
         "    H2 = np.maximum(0.0, H1 @ psi[:, 1:].T)\n"
         "    return phi2[0] + H2 @ phi2[1:]"),
        ("no ReLU in the second layer",
         "def two_layer_forward(x, theta, psi, phi2):\n"
         "    H1 = np.maximum(0.0, theta[:, 0] + np.outer(x, theta[:, 1]))\n"
         "    H2 = H1 @ psi[:, 1:].T + psi[:, 0]\n"
         "    return phi2[0] + H2 @ phi2[1:]"),
        ("forgets the output bias phi'_0",
         "def two_layer_forward(x, theta, psi, phi2):\n"
         "    H1 = np.maximum(0.0, theta[:, 0] + np.outer(x, theta[:, 1]))\n"
         "    H2 = np.maximum(0.0, H1 @ psi[:, 1:].T + psi[:, 0])\n"
         "    return H2 @ phi2[1:]"),
    ],
    "combine": [
        ("forgets theta'_i1 phi_0 in the bias",
         "def combine(theta1, phi1, theta2):\n"
         "    return np.column_stack([theta2[:, 0], np.outer(theta2[:, 1], phi1[1:])])"),
        ("indices swapped: theta'_j1 phi_i",
         "def combine(theta1, phi1, theta2):\n"
         "    W = np.outer(phi1[1:], theta2[:, 1])\n"
         "    if W.shape[0] != theta2.shape[0]:\n"
         "        W = W.T\n"
         "    return np.column_stack([theta2[:, 0] + theta2[:, 1] * phi1[0], W])"),
        ("uses theta'_i0 in the weights",
         "def combine(theta1, phi1, theta2):\n"
         "    return np.column_stack([theta2[:, 0] + theta2[:, 1] * phi1[0],\n"
         "                            np.outer(theta2[:, 0], phi1[1:])])"),
        ("multiplies in network 1's slopes theta_j1 too",
         "def combine(theta1, phi1, theta2):\n"
         "    return np.column_stack([theta2[:, 0] + theta2[:, 1] * phi1[0],\n"
         "                            np.outer(theta2[:, 1], phi1[1:] * theta1[:, 1])])"),
    ],
    "compose-networks": [
        ("multiplies the matrices in the wrong order",
         "def compose_networks(net1, net2):\n"
         "    (b1, w1), (b2, w2) = net1, net2\n"
         "    omega = w1[-1].T @ w2[0].T\n"
         "    beta = b2[0] + w2[0] @ b1[-1]\n"
         "    return list(b1[:-1]) + [beta] + list(b2[1:]), list(w1[:-1]) + [omega] + list(w2[1:])"),
        ("forgets Omega'_0 beta_1 in the merged bias",
         "def compose_networks(net1, net2):\n"
         "    (b1, w1), (b2, w2) = net1, net2\n"
         "    omega = w2[0] @ w1[-1]\n"
         "    return list(b1[:-1]) + [b2[0]] + list(b2[1:]), list(w1[:-1]) + [omega] + list(w2[1:])"),
        ("just concatenates the layers (a ReLU between the nets)",
         "def compose_networks(net1, net2):\n"
         "    (b1, w1), (b2, w2) = net1, net2\n"
         "    return list(b1) + list(b2), list(w1) + list(w2)"),
        ("only handles shallow networks (drops the middle layers)",
         "def compose_networks(net1, net2):\n"
         "    (b1, w1), (b2, w2) = net1, net2\n"
         "    omega = w2[0] @ w1[-1]\n"
         "    beta = b2[0] + w2[0] @ b1[-1]\n"
         "    return [b1[0], beta, b2[-1]], [w1[0], omega, w2[-1]]"),
    ],
    "deep-region-count": [
        ("Montufar's D / D_in without + 1",
         "def deep_region_count(D_in, D, K):\n"
         "    return (D // D_in) ** (D_in * (K - 1)) * sum(comb(D, j) for j in range(D_in + 1))"),
        ("exponent D_in K instead of D_in (K - 1)",
         "def deep_region_count(D_in, D, K):\n"
         "    return (D // D_in + 1) ** (D_in * K) * sum(comb(D, j) for j in range(D_in + 1))"),
        ("sum stops at D_in - 1",
         "def deep_region_count(D_in, D, K):\n"
         "    return (D // D_in + 1) ** (D_in * (K - 1)) * sum(comb(D, j) for j in range(D_in))"),
        ("the one-input formula for any D_in",
         "def deep_region_count(D_in, D, K):\n"
         "    return (D + 1) ** K"),
    ],
}

CORRECT = {
    "compose": [
        ("with helpers.composition",
         "from helpers.composition import compose_shallow\n"
         "def compose(x, theta1, phi1, theta2, phi2):\n"
         "    return compose_shallow(x, (theta1, phi1), (theta2, phi2))"),
        ("plain numpy, list output",
         "def compose(x, theta1, phi1, theta2, phi2):\n"
         "    x = np.asarray(x, dtype=float)\n"
         "    y = phi1[0] + np.maximum(0, theta1[:, 0] + x[:, None] * theta1[:, 1]) @ phi1[1:]\n"
         "    out = phi2[0] + np.maximum(0, theta2[:, 0] + y[:, None] * theta2[:, 1]) @ phi2[1:]\n"
         "    return list(out)"),
    ],
    "piece-index": [
        ("counts the joints <= x",
         "def piece_index(x, theta):\n"
         "    x = np.asarray(x, dtype=float)\n"
         "    t = theta[theta[:, 1] != 0]\n"
         "    joints = -t[:, 0] / t[:, 1]\n"
         "    return np.sum(joints[None, :] <= x[:, None], axis=1)"),
        ("a loop, list output",
         "def piece_index(x, theta):\n"
         "    joints = [-t0 / t1 for t0, t1 in theta if t1 != 0]\n"
         "    return [sum(j <= xi for j in joints) for xi in x]"),
    ],
    "piece-slopes": [
        ("slopes by differences between probes",
         "def piece_slopes(theta, phi):\n"
         "    on = theta[:, 1] != 0\n"
         "    j = np.sort(-theta[on, 0] / theta[on, 1])\n"
         "    probes = np.concatenate([[j[0] - 2], (j[:-1] + j[1:]) / 2, [j[-1] + 2]])\n"
         "    f = lambda x: shallow_forward(x, theta, phi)\n"
         "    return (f(probes + 1e-6) - f(probes - 1e-6)) / 2e-6"),
        ("with helpers.composition",
         "from helpers.composition import piece_slopes"),
    ],
    "param-count": [
        ("with count_parameters",
         "def param_count(D_in, D, K, D_out):\n"
         "    return count_parameters([D_in] + [D] * K + [D_out])"),
        ("loop over layers",
         "def param_count(D_in, D, K, D_out):\n"
         "    sizes = [D_in] + [D] * K + [D_out]\n"
         "    total = 0\n"
         "    for a, b in zip(sizes[:-1], sizes[1:]):\n"
         "        total += a * b + b\n"
         "    return total"),
    ],
    "network2-preactivations": [
        ("psi and the hidden layer of network 1, as in Section 4",
         "from helpers.networks import shallow_hidden\n"
         "def network2_preactivations(x, theta1, phi1, theta2):\n"
         "    t2, p1 = np.asarray(theta2, float), np.asarray(phi1, float)\n"
         "    psi0 = t2[:, 0] + t2[:, 1] * p1[0]\n"
         "    Psi = np.outer(t2[:, 1], p1[1:])\n"
         "    return shallow_hidden(x, theta1) @ Psi.T + psi0"),
        ("one column at a time", "def network2_preactivations(x, theta1, phi1, theta2):\n"
         "    y = shallow_forward(x, theta1, phi1)\n"
         "    return np.stack([a + b * y for a, b in theta2], axis=1)"),
    ],
    "design": [
        ("another design: joints at -0.6, -0.1, 0.4 with a unit pointing left",
         "theta2_design = np.array([[-0.6, -1.0], [0.1, 1.0], [-0.4, 1.0]])\n"
         "phi2_design = np.array([0.3, 2.0, -1.5, 3.0])"),
        ("lists instead of arrays",
         "theta2_design = [[-0.5, -1.0], [0.0, 1.0], [-0.5, 1.0]]\n"
         "phi2_design = [0.0, 1.0, -1.0, 2.0]"),
    ],
    "two-layer-forward": [
        ("with deep_forward",
         "from helpers.composition import two_layer_to_deep\n"
         "def two_layer_forward(x, theta, psi, phi2):\n"
         "    return deep_forward(x, *two_layer_to_deep(theta, psi, phi2))[:, 0]"),
        ("unit by unit",
         "def two_layer_forward(x, theta, psi, phi2):\n"
         "    x = np.asarray(x, dtype=float)\n"
         "    h = [np.maximum(0, t0 + t1 * x) for t0, t1 in theta]\n"
         "    out = np.full(x.shape, float(phi2[0]))\n"
         "    for i, row in enumerate(psi):\n"
         "        pre = row[0] + sum(row[j + 1] * h[j] for j in range(len(h)))\n"
         "        out = out + phi2[i + 1] * np.maximum(0, pre)\n"
         "    return out"),
    ],
    "combine": [
        ("loops",
         "def combine(theta1, phi1, theta2):\n"
         "    psi = np.zeros((len(theta2), len(phi1)))\n"
         "    for i in range(len(theta2)):\n"
         "        psi[i, 0] = theta2[i, 0] + theta2[i, 1] * phi1[0]\n"
         "        for j in range(1, len(phi1)):\n"
         "            psi[i, j] = theta2[i, 1] * phi1[j]\n"
         "    return psi"),
        ("one outer product with [1, phi] and the bias added",
         "def combine(theta1, phi1, theta2):\n"
         "    psi = np.outer(theta2[:, 1], phi1)\n"
         "    psi[:, 0] += theta2[:, 0]\n"
         "    return psi"),
    ],
    "compose-networks": [
        ("with helpers.composition",
         "from helpers.composition import compose_deep\n"
         "def compose_networks(net1, net2):\n"
         "    return compose_deep(net1, net2)"),
        ("tuples and column biases",
         "def compose_networks(net1, net2):\n"
         "    (b1, w1), (b2, w2) = net1, net2\n"
         "    omega = w2[0] @ w1[-1]\n"
         "    beta = (b2[0] + w2[0] @ b1[-1]).reshape(-1)\n"
         "    return tuple(b1[:-1]) + (beta,) + tuple(b2[1:]), tuple(w1[:-1]) + (omega,) + tuple(w2[1:])"),
    ],
    "deep-region-count": [
        ("float arithmetic",
         "def deep_region_count(D_in, D, K):\n"
         "    return float((D / D_in + 1) ** (D_in * (K - 1))) * sum(comb(D, j) for j in range(D_in + 1))"),
        ("a loop",
         "def deep_region_count(D_in, D, K):\n"
         "    total = sum(comb(D, j) for j in range(D_in + 1))\n"
         "    for _ in range(K - 1):\n"
         "        total *= (D // D_in + 1) ** D_in\n"
         "    return total"),
    ],
}

# Wrong answers that only the hidden tests need to reject (hard-coded values, rare edge cases);
# every other WRONG case must already fail the visible tests (tests/test_exercises.py).
HIDDEN_ONLY = {
    "design": ["two joints almost on top of each other"],
}
