"""Wrong and correct answers for solutions/02-shallow-networks (see tests/cases/README.md)."""

NOTEBOOK = "02-shallow-networks"

WRONG = {
    "hidden-units": [
        ("no ReLU", "def hidden_units(x, theta):\n"
                    "    return theta[:, 0] + x[:, None] * theta[:, 1]"),
        ("columns of theta swapped", "def hidden_units(x, theta):\n"
                                     "    return np.maximum(0, theta[:, 1] + x[:, None] * theta[:, 0])"),
        ("transposed result (D, n)", "def hidden_units(x, theta):\n"
                                     "    return np.maximum(0, theta[:, :1] + theta[:, 1:] * x)"),
        ("ReLU of the slope term only", "def hidden_units(x, theta):\n"
                                        "    return theta[:, 0] + np.maximum(0, x[:, None] * theta[:, 1])"),
        ("hard-codes the visible example",
         "def hidden_units(x, theta):\n    return np.array([[0.3, 0.0, 0.0], [0.0, 1.0, 0.15]])"),
    ],
    "shallow-output": [
        ("forgets phi_0", "def shallow_output(H, phi):\n    return H @ phi[1:]"),
        ("off by one: offset taken from the end",
         "def shallow_output(H, phi):\n    return phi[-1] + H @ phi[:-1]"),
        ("sums over the whole batch", "def shallow_output(H, phi):\n"
                                      "    return phi[0] + np.sum(H * phi[1:])"),
        ("forgets return", "def shallow_output(H, phi):\n    y = phi[0] + H @ phi[1:]"),
    ],
    "joints": [
        ("wrong sign", "def joints(theta):\n    return theta[:, 0] / theta[:, 1]"),
        ("ratio upside down", "def joints(theta):\n    return -theta[:, 1] / theta[:, 0]"),
        ("rows instead of columns", "def joints(theta):\n    return -theta[0] / theta[1]"),
    ],
    "count-regions": [
        ("misses a run of changes that starts at the first interval",
         "def count_linear_regions(y, x, tol=1e-6):\n"
         "    s = np.diff(y) / np.diff(x)\n"
         "    changed = np.abs(np.diff(s)) > tol\n"
         "    return int(np.sum(changed[1:] & ~changed[:-1])) + 1"),
        ("counts every slope change (a joint inside an interval counts twice)",
         "def count_linear_regions(y, x, tol=1e-6):\n"
         "    s = np.diff(y) / np.diff(x)\n"
         "    return int(np.sum(np.abs(np.diff(s)) > tol)) + 1"),
        ("halves the number of changes (assumes every joint gives two)",
         "def count_linear_regions(y, x, tol=1e-6):\n"
         "    s = np.diff(y) / np.diff(x)\n"
         "    changes = int(np.sum(np.abs(np.diff(s)) > tol))\n"
         "    return (changes + 1) // 2 + 1"),
        ("exact comparison of float slopes",
         "def count_linear_regions(y, x, tol=1e-6):\n"
         "    s = np.diff(y) / np.diff(x)\n"
         "    changed = np.diff(s) != 0\n"
         "    starts = changed & ~np.concatenate([[False], changed[:-1]])\n"
         "    return int(starts.sum()) + 1"),
        ("returns the number of joints, not regions",
         "def count_linear_regions(y, x, tol=1e-6):\n"
         "    s = np.diff(y) / np.diff(x)\n"
         "    changed = np.abs(np.diff(s)) > tol\n"
         "    starts = changed & ~np.concatenate([[False], changed[:-1]])\n"
         "    return int(starts.sum())"),
        ("number of distinct slopes",
         "def count_linear_regions(y, x, tol=1e-6):\n"
         "    s = np.round(np.diff(y) / np.diff(x), 6)\n"
         "    return len(np.unique(s))"),
    ],
    "hat": [
        ("forgets the third unit: falls forever after x = 2",
         "theta_hat = np.array([[0.0, 1.0], [-1.0, 1.0], [-2.0, 1.0]])\n"
         "phi_hat = np.array([0.0, 1.0, -2.0, 0.0])"),
        ("middle weight -1: flat after x = 1",
         "theta_hat = np.array([[0.0, 1.0], [-1.0, 1.0], [-2.0, 1.0]])\n"
         "phi_hat = np.array([0.0, 1.0, -1.0, 1.0])"),
        ("joints at 0, -1, -2 (sign of theta_d0)",
         "theta_hat = np.array([[0.0, 1.0], [1.0, 1.0], [2.0, 1.0]])\n"
         "phi_hat = np.array([0.0, 1.0, -2.0, 1.0])"),
    ],
    "evenly-spaced-units": [
        ("np.arange with a float step (one unit too many for (15, 0, 1.1))",
         "def evenly_spaced_units(D, lo, hi):\n"
         "    c = np.arange(lo, hi, (hi - lo) / D)\n"
         "    return np.column_stack([-c, np.ones(len(c))])"),
        ("wrong sign of theta_d0", "def evenly_spaced_units(D, lo, hi):\n"
                                   "    c = np.linspace(lo, hi, D, endpoint=False)\n"
                                   "    return np.column_stack([c, np.ones(D)])"),
        ("includes the end point", "def evenly_spaced_units(D, lo, hi):\n"
                                   "    c = np.linspace(lo, hi, D)\n"
                                   "    return np.column_stack([-c, np.ones(D)])"),
        ("transposed (2, D)", "def evenly_spaced_units(D, lo, hi):\n"
                              "    c = np.linspace(lo, hi, D, endpoint=False)\n"
                              "    return np.vstack([-c, np.ones(D)])"),
        ("columns swapped", "def evenly_spaced_units(D, lo, hi):\n"
                            "    c = np.linspace(lo, hi, D, endpoint=False)\n"
                            "    return np.column_stack([np.ones(D), -c])"),
    ],
    "fit-output-layer": [
        ("no column of ones (no phi_0)",
         "from helpers.networks import shallow_hidden\n"
         "def fit_output_layer(x, y, theta):\n"
         "    H = shallow_hidden(x, theta)\n"
         "    return np.linalg.lstsq(H, y, rcond=None)[0]"),
        ("ones column at the end",
         "from helpers.networks import shallow_hidden\n"
         "def fit_output_layer(x, y, theta):\n"
         "    H = shallow_hidden(x, theta)\n"
         "    A = np.column_stack([H, np.ones(len(x))])\n"
         "    return np.linalg.lstsq(A, y, rcond=None)[0]"),
        ("returns the whole lstsq tuple",
         "from helpers.networks import shallow_hidden\n"
         "def fit_output_layer(x, y, theta):\n"
         "    H = shallow_hidden(x, theta)\n"
         "    A = np.column_stack([np.ones(len(x)), H])\n"
         "    return np.linalg.lstsq(A, y, rcond=None)"),
        ("pre-activations instead of hidden units",
         "def fit_output_layer(x, y, theta):\n"
         "    H = theta[:, 0] + x[:, None] * theta[:, 1]\n"
         "    A = np.column_stack([np.ones(len(x)), H])\n"
         "    return np.linalg.lstsq(A, y, rcond=None)[0]"),
    ],
    "shallow-network": [
        ("ReLU on the output too",
         "def shallow_network(X, beta0, Omega0, beta1, Omega1):\n"
         "    return relu(relu(X @ Omega0.T + beta0) @ Omega1.T + beta1)"),
        ("forgets the output bias",
         "def shallow_network(X, beta0, Omega0, beta1, Omega1):\n"
         "    return relu(X @ Omega0.T + beta0) @ Omega1.T"),
        ("bias added after the ReLU",
         "def shallow_network(X, beta0, Omega0, beta1, Omega1):\n"
         "    return (relu(X @ Omega0.T) + beta0) @ Omega1.T + beta1"),
        ("untransposed weights",
         "def shallow_network(X, beta0, Omega0, beta1, Omega1):\n"
         "    return relu(X @ Omega0 + beta0) @ Omega1 + beta1"),
        ("flattens a single output",
         "def shallow_network(X, beta0, Omega0, beta1, Omega1):\n"
         "    return np.squeeze(relu(X @ Omega0.T + beta0) @ Omega1.T + beta1)"),
    ],
    "count-regions-2d": [
        ("np.unique without axis",
         "def count_regions(X, beta0, Omega0):\n"
         "    return len(np.unique(X @ Omega0.T + beta0 > 0))"),
        ("counts how many units are on, not which",
         "def count_regions(X, beta0, Omega0):\n"
         "    return len(np.unique((X @ Omega0.T + beta0 > 0).sum(axis=1)))"),
        ("forgets the bias",
         "def count_regions(X, beta0, Omega0):\n"
         "    return len(np.unique(X @ Omega0.T > 0, axis=0))"),
        ("returns 2**D",
         "def count_regions(X, beta0, Omega0):\n    return 2 ** len(beta0)"),
    ],
    "max-regions": [
        ("off by one in the sum", "from math import comb\n"
         "def max_regions(d_in, D):\n"
                                  "    return sum(comb(D, j) for j in range(d_in))"),
        ("always 2**D", "def max_regions(d_in, D):\n    return 2 ** D"),
        ("the one-input bound D + 1", "def max_regions(d_in, D):\n    return D + 1"),
        ("sums over the wrong index", "from math import comb\n"
         "def max_regions(d_in, D):\n"
                                      "    return sum(comb(d_in, j) for j in range(D + 1))"),
    ],
    "rescale-unit": [
        ("multiplies phi by c too", "def rescale_unit(theta, phi, d, c):\n"
         "    t, p = np.array(theta, float), np.array(phi, float)\n"
         "    t[d] *= c\n    p[d + 1] *= c\n    return t, p"),
        ("off by one: divides phi[d] (phi_0 is the offset)", "def rescale_unit(theta, phi, d, c):\n"
         "    t, p = np.array(theta, float), np.array(phi, float)\n"
         "    t[d] *= c\n    p[d] /= c\n    return t, p"),
        ("scales the slope only", "def rescale_unit(theta, phi, d, c):\n"
         "    t, p = np.array(theta, float), np.array(phi, float)\n"
         "    t[d, 1] *= c\n    p[d + 1] /= c\n    return t, p"),
        ("scales column d instead of row d", "def rescale_unit(theta, phi, d, c):\n"
         "    t, p = np.array(theta, float), np.array(phi, float)\n"
         "    t[:, d] *= c\n    p[d + 1] /= c\n    return t, p"),
        ("modifies its inputs in place", "def rescale_unit(theta, phi, d, c):\n"
         "    theta[d] = theta[d] * c\n    phi[d + 1] = phi[d + 1] / c\n    return theta, phi"),
    ],
    "max-hidden-units": [
        ("forgets the output biases", "def max_hidden_units(budget, d_in, d_out):\n"
                                      "    return budget // (d_in + 1 + d_out)"),
        ("rounds instead of rounding down", "def max_hidden_units(budget, d_in, d_out):\n"
                                            "    return round((budget - d_out) / (d_in + 1 + d_out))"),
        ("negative for tiny budgets", "def max_hidden_units(budget, d_in, d_out):\n"
                                      "    return (budget - d_out) // (d_in + 1 + d_out)"),
        ("hard-codes the visible answer", "def max_hidden_units(budget, d_in, d_out):\n    return 3"),
    ],
}

CORRECT = {
    "hidden-units": [
        ("loop over units", "def hidden_units(x, theta):\n"
                            "    x = np.asarray(x, dtype=float)\n"
                            "    cols = [np.maximum(0.0, t0 + t1 * x) for t0, t1 in theta]\n"
                            "    return np.column_stack(cols)"),
        ("np.outer and np.where", "def hidden_units(x, theta):\n"
                                  "    z = theta[:, 0] + np.outer(x, theta[:, 1])\n"
                                  "    return np.where(z > 0, z, 0.0)"),
    ],
    "shallow-output": [
        ("explicit sum", "def shallow_output(H, phi):\n"
                         "    return phi[0] + np.sum(H * phi[1:], axis=1)"),
        ("ones column", "def shallow_output(H, phi):\n"
                        "    return np.column_stack([np.ones(len(H)), H]) @ phi"),
    ],
    "joints": [("np.divide", "def joints(theta):\n    return np.divide(-theta[:, 0], theta[:, 1])")],
    "count-regions": [
        ("ceil of run lengths / 2 (the helper's rule)",
         "from helpers.regions import count_linear_regions_1d\n"
         "def count_linear_regions(y, x, tol=1e-6):\n"
         "    return count_linear_regions_1d(y, x, tol=tol)"),
        ("explicit loop over changes",
         "def count_linear_regions(y, x, tol=1e-6):\n"
         "    s = [(y[i + 1] - y[i]) / (x[i + 1] - x[i]) for i in range(len(x) - 1)]\n"
         "    joints, previous = 0, False\n"
         "    for a, b in zip(s[:-1], s[1:]):\n"
         "        changed = abs(b - a) > tol\n"
         "        if changed and not previous:\n"
         "            joints += 1\n"
         "        previous = changed\n"
         "    return joints + 1"),
    ],
    "hat": [
        ("steeper units, halved weights",
         "theta_hat = np.array([[0.0, 2.0], [-2.0, 2.0], [-4.0, 2.0]])\n"
         "phi_hat = np.array([0.0, 0.5, -1.0, 0.5])"),
        ("lists", "theta_hat = [[0.0, 1.0], [-1.0, 1.0], [-2.0, 1.0]]\n"
                  "phi_hat = [0.0, 1.0, -2.0, 1.0]"),
        ("units in another order",
         "theta_hat = np.array([[-2.0, 1.0], [0.0, 1.0], [-1.0, 1.0]])\n"
         "phi_hat = np.array([0.0, 1.0, 1.0, -2.0])"),
    ],
    "evenly-spaced-units": [
        ("arange", "def evenly_spaced_units(D, lo, hi):\n"
                   "    c = lo + np.arange(D) * (hi - lo) / D\n"
                   "    theta = np.ones((D, 2))\n"
                   "    theta[:, 0] = -c\n"
                   "    return theta"),
        ("list of rows", "def evenly_spaced_units(D, lo, hi):\n"
                         "    return [[-(lo + d * (hi - lo) / D), 1.0] for d in range(D)]"),
    ],
    "fit-output-layer": [
        ("normal equations", "from helpers.networks import shallow_hidden\n"
         "def fit_output_layer(x, y, theta):\n"
                             "    A = np.column_stack([np.ones(len(x)), shallow_hidden(x, theta)])\n"
                             "    return np.linalg.solve(A.T @ A, A.T @ y)"),
        ("pseudo-inverse", "from helpers.networks import shallow_hidden\n"
         "def fit_output_layer(x, y, theta):\n"
                           "    A = np.column_stack([np.ones(len(x)), shallow_hidden(x, theta)])\n"
                           "    return np.linalg.pinv(A) @ y"),
    ],
    "shallow-network": [
        ("one example at a time, the book's column form",
         "def shallow_network(X, beta0, Omega0, beta1, Omega1):\n"
         "    return np.array([Omega1 @ np.maximum(0, Omega0 @ x + beta0) + beta1 for x in X])"),
        ("np.maximum and matmul order", "def shallow_network(X, beta0, Omega0, beta1, Omega1):\n"
                                        "    H = np.maximum(0.0, (Omega0 @ X.T).T + beta0)\n"
                                        "    return (Omega1 @ H.T).T + beta1"),
    ],
    "count-regions-2d": [
        ("set of tuples", "def count_regions(X, beta0, Omega0):\n"
                          "    P = X @ Omega0.T + beta0 > 0\n"
                          "    return len({tuple(row) for row in P})"),
        ("the helper", "from helpers.regions import count_activation_regions\n"
                       "def count_regions(X, beta0, Omega0):\n"
                       "    return count_activation_regions(X, [beta0, np.zeros(1)],\n"
                       "                                    [Omega0, np.ones((1, len(beta0)))])"),
    ],
    "max-regions": [
        ("scipy comb", "from scipy.special import comb as scomb\n"
                       "def max_regions(d_in, D):\n"
                       "    return int(sum(scomb(D, j, exact=True) for j in range(d_in + 1)))"),
        ("min(d_in, D)", "from math import comb\n"
         "def max_regions(d_in, D):\n"
                         "    return sum(comb(D, j) for j in range(min(d_in, D) + 1))"),
    ],
    "rescale-unit": [
        ("builds new arrays with np.where and lists as input", "def rescale_unit(theta, phi, d, c):\n"
         "    theta, phi = np.asarray(theta, float), np.asarray(phi, float)\n"
         "    rows = np.arange(len(theta))[:, None] == d\n"
         "    scale = np.where(np.arange(len(phi)) == d + 1, 1.0 / c, 1.0)\n"
         "    return np.where(rows, c * theta, theta), phi * scale"),
    ],
    "max-hidden-units": [
        ("search upwards", "def max_hidden_units(budget, d_in, d_out):\n"
                           "    D = 0\n"
                           "    while (d_in + 1) * (D + 1) + (D + 2) * d_out <= budget:\n"
                           "        D += 1\n"
                           "    return D"),
        ("floor of a float", "import math\n"
                             "def max_hidden_units(budget, d_in, d_out):\n"
                             "    return max(0, math.floor((budget - d_out) / (d_in + 1 + d_out)))"),
    ],
}

PIPELINE_WRONG = ("shallow-output", 0)

# Wrong answers that only the hidden tests need to reject (hard-coded values, rare edge cases);
# every other WRONG case must already fail the visible tests (tests/test_exercises.py).
HIDDEN_ONLY = {
    "max-hidden-units": ["negative for tiny budgets", "hard-codes the visible answer"],
}
