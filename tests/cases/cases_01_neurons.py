"""Wrong and correct answers for solutions/01-neurons (format: tests/cases/README.md)."""

NOTEBOOK = "01-neurons"

WRONG = {
    "neuron": [
        ("missing bias", "def neuron(X, omega, beta, activation):\n    return activation(X @ omega)"),
        ("bias outside the activation",
         "def neuron(X, omega, beta, activation):\n    return activation(X @ omega) + beta"),
        ("activation of the bias only",
         "def neuron(X, omega, beta, activation):\n    return activation(beta) + X @ omega"),
        ("sum over the wrong axis",
         "def neuron(X, omega, beta, activation):\n    return activation((X * omega).sum(axis=0) + beta)"),
        ("transposed X",
         "def neuron(X, omega, beta, activation):\n    return activation(X.T @ omega + beta)"),
        ("forgets return", "def neuron(X, omega, beta, activation):\n    activation(X @ omega + beta)"),
    ],
    "fit-linear-neuron": [
        ("no column of ones (line through the origin)",
         "def fit_linear_neuron(X, y):\n"
         "    return np.linalg.lstsq(X, y, rcond=None)[0], 0.0"),
        ("takes the bias from the wrong end of theta",
         "def fit_linear_neuron(X, y):\n"
         "    X1 = np.column_stack([X, np.ones(len(X))])\n"
         "    theta = np.linalg.lstsq(X1, y, rcond=None)[0]\n"
         "    return theta[1:], theta[0]"),
        ("returns (beta, omega)",
         "def fit_linear_neuron(X, y):\n"
         "    X1 = np.column_stack([X, np.ones(len(X))])\n"
         "    theta = np.linalg.lstsq(X1, y, rcond=None)[0]\n"
         "    return theta[-1], theta[:-1]"),
        ("returns theta as one array",
         "def fit_linear_neuron(X, y):\n"
         "    X1 = np.column_stack([X, np.ones(len(X))])\n"
         "    return np.linalg.lstsq(X1, y, rcond=None)[0]"),
        ("beta as a length-1 array",
         "def fit_linear_neuron(X, y):\n"
         "    X1 = np.column_stack([X, np.ones(len(X))])\n"
         "    theta = np.linalg.lstsq(X1, y, rcond=None)[0]\n"
         "    return theta[:-1], theta[-1:]"),
    ],
    "beta-sep": [
        ("no bias", "beta_sep = 0.0"),
        ("wrong sign", "beta_sep = 4.0"),
        ("line through a centre", "beta_sep = -6.0"),
        ("a string", "beta_sep = '-4'"),
    ],
    "sigmoid": [
        ("naive formula overflows",
         "def sigmoid(z):\n    return 1.0 / (1.0 + np.exp(-np.asarray(z, dtype=float)))"),
        ("np.where evaluates both branches (overflow)",
         "def sigmoid(z):\n"
         "    z = np.asarray(z, dtype=float)\n"
         "    return np.where(z >= 0, 1 / (1 + np.exp(-z)), np.exp(z) / (1 + np.exp(z)))"),
        ("wrong sign in the exponent",
         "def sigmoid(z):\n"
         "    z = np.asarray(z, dtype=float)\n"
         "    e = np.exp(-np.abs(z))\n"
         "    return np.where(z >= 0, e / (1 + e), 1 / (1 + e))"),
        ("math.exp only works for numbers",
         "import math\ndef sigmoid(z):\n"
         "    return 1 / (1 + math.exp(-z)) if z >= 0 else math.exp(z) / (1 + math.exp(z))"),
    ],
    "derivatives": [
        ("sigma (1 + sigma)",
         "def sigmoid_derivative(z):\n    s = ref.sigmoid(z)\n    return s * (1 + s)\n"
         "def tanh_derivative(z):\n    return 1 - np.tanh(z) ** 2"),
        ("derivative written with z instead of sigma(z)",
         "def sigmoid_derivative(z):\n    return z * (1 - z)\n"
         "def tanh_derivative(z):\n    return 1 - np.tanh(z) ** 2"),
        ("tanh' without the square",
         "def sigmoid_derivative(z):\n    s = ref.sigmoid(z)\n    return s * (1 - s)\n"
         "def tanh_derivative(z):\n    return 1 - np.tanh(z)"),
        ("tanh' as 1 - z**2",
         "def sigmoid_derivative(z):\n    s = ref.sigmoid(z)\n    return s * (1 - s)\n"
         "def tanh_derivative(z):\n    return 1 - np.asarray(z) ** 2"),
    ],
    "relu": [
        ("builtin max is not element-wise",
         "def relu(z):\n    return max(0.0, z)\n"
         "def relu_derivative(z):\n    return (np.asarray(z) > 0).astype(float)"),
        ("modifies the input in place",
         "def relu(z):\n    z = np.asarray(z, dtype=float)\n    z[z < 0] = 0.0\n    return z\n"
         "def relu_derivative(z):\n    return (np.asarray(z) > 0).astype(float)"),
        ("derivative 1 at z = 0",
         "def relu(z):\n    return np.maximum(0.0, z)\n"
         "def relu_derivative(z):\n    return (np.asarray(z) >= 0).astype(float)"),
        ("derivative returns relu itself",
         "def relu(z):\n    return np.maximum(0.0, z)\n"
         "def relu_derivative(z):\n    return np.maximum(0.0, z)"),
        ("wrong sign",
         "def relu(z):\n    return np.maximum(0.0, -np.asarray(z))\n"
         "def relu_derivative(z):\n    return (np.asarray(z) > 0).astype(float)"),
    ],
    "leaky-relu": [
        ("ignores alpha",
         "def leaky_relu(z, alpha=0.01):\n    z = np.asarray(z, dtype=float)\n"
         "    return np.where(z > 0, z, 0.01 * z)\n"
         "def leaky_relu_derivative(z, alpha=0.01):\n"
         "    return np.where(np.asarray(z) > 0, 1.0, 0.01)"),
        ("derivative alpha * z",
         "def leaky_relu(z, alpha=0.01):\n    z = np.asarray(z, dtype=float)\n"
         "    return np.where(z > 0, z, alpha * z)\n"
         "def leaky_relu_derivative(z, alpha=0.01):\n"
         "    z = np.asarray(z, dtype=float)\n    return np.where(z > 0, 1.0, alpha * z)"),
        ("plain ReLU",
         "def leaky_relu(z, alpha=0.01):\n    return np.maximum(0.0, z)\n"
         "def leaky_relu_derivative(z, alpha=0.01):\n"
         "    return (np.asarray(z) > 0).astype(float)"),
        ("alpha on the positive side",
         "def leaky_relu(z, alpha=0.01):\n    z = np.asarray(z, dtype=float)\n"
         "    return np.where(z > 0, alpha * z, z)\n"
         "def leaky_relu_derivative(z, alpha=0.01):\n"
         "    return np.where(np.asarray(z) > 0, alpha, 1.0)"),
    ],
    "saturated-fraction": [
        ("missing bias",
         "def saturated_fraction(X, Omega, beta, threshold=0.01):\n"
         "    return float(np.mean(ref.sigmoid_derivative(X @ Omega.T) < threshold))"),
        ("Omega not transposed",
         "def saturated_fraction(X, Omega, beta, threshold=0.01):\n"
         "    return float(np.mean(ref.sigmoid_derivative(X @ Omega + beta) < threshold))"),
        ("tests sigma(z) instead of sigma'(z)",
         "def saturated_fraction(X, Omega, beta, threshold=0.01):\n"
         "    return float(np.mean(ref.sigmoid(X @ Omega.T + beta) < threshold))"),
        ("fraction per unit (an array)",
         "def saturated_fraction(X, Omega, beta, threshold=0.01):\n"
         "    return np.mean(ref.sigmoid_derivative(X @ Omega.T + beta) < threshold, axis=0)"),
        ("a count, not a fraction",
         "def saturated_fraction(X, Omega, beta, threshold=0.01):\n"
         "    return int(np.sum(ref.sigmoid_derivative(X @ Omega.T + beta) < threshold))"),
        ("ignores the threshold argument",
         "def saturated_fraction(X, Omega, beta, threshold=0.01):\n"
         "    return float(np.mean(ref.sigmoid_derivative(X @ Omega.T + beta) < 0.01))"),
    ],
    "dead-fraction": [
        ("any instead of all",
         "def dead_fraction(X, Omega, beta):\n"
         "    return float(np.mean(np.any(X @ Omega.T + beta <= 0, axis=0)))"),
        ("all over the wrong axis",
         "def dead_fraction(X, Omega, beta):\n"
         "    return float(np.mean(np.all(X @ Omega.T + beta <= 0, axis=1)))"),
        ("z < 0 (z = 0 not dead)",
         "def dead_fraction(X, Omega, beta):\n"
         "    return float(np.mean(np.all(X @ Omega.T + beta < 0, axis=0)))"),
        ("missing bias",
         "def dead_fraction(X, Omega, beta):\n"
         "    return float(np.mean(np.all(X @ Omega.T <= 0, axis=0)))"),
        ("fraction of dead entries, not units",
         "def dead_fraction(X, Omega, beta):\n"
         "    return float(np.mean(X @ Omega.T + beta <= 0))"),
    ],
    "lif-step": [
        ("leak with the wrong sign",
         "def lif_step(v, current, *, dt=1e-4, tau=0.02, v_rest=-0.065, v_threshold=-0.050,\n"
         "             v_reset=-0.065, resistance=1e7):\n"
         "    v_new = v + dt / tau * ((v - v_rest) + resistance * current)\n"
         "    spiked = v_new >= v_threshold\n"
         "    return np.where(spiked, v_reset, v_new), spiked"),
        ("forgets dt / tau",
         "def lif_step(v, current, *, dt=1e-4, tau=0.02, v_rest=-0.065, v_threshold=-0.050,\n"
         "             v_reset=-0.065, resistance=1e7):\n"
         "    v_new = v + (-(v - v_rest) + resistance * current)\n"
         "    spiked = v_new >= v_threshold\n"
         "    return np.where(spiked, v_reset, v_new), spiked"),
        ("tests the old potential against the threshold",
         "def lif_step(v, current, *, dt=1e-4, tau=0.02, v_rest=-0.065, v_threshold=-0.050,\n"
         "             v_reset=-0.065, resistance=1e7):\n"
         "    v_new = v + dt / tau * (-(v - v_rest) + resistance * current)\n"
         "    spiked = np.asarray(v) >= v_threshold\n"
         "    return np.where(spiked, v_reset, v_new), spiked"),
        ("resets to v_rest instead of v_reset",
         "def lif_step(v, current, *, dt=1e-4, tau=0.02, v_rest=-0.065, v_threshold=-0.050,\n"
         "             v_reset=-0.065, resistance=1e7):\n"
         "    v_new = v + dt / tau * (-(v - v_rest) + resistance * current)\n"
         "    spiked = v_new >= v_threshold\n"
         "    return np.where(spiked, v_rest, v_new), spiked"),
        ("no reset",
         "def lif_step(v, current, *, dt=1e-4, tau=0.02, v_rest=-0.065, v_threshold=-0.050,\n"
         "             v_reset=-0.065, resistance=1e7):\n"
         "    v_new = v + dt / tau * (-(v - v_rest) + resistance * current)\n"
         "    return v_new, v_new >= v_threshold"),
        ("forgets the resistance",
         "def lif_step(v, current, *, dt=1e-4, tau=0.02, v_rest=-0.065, v_threshold=-0.050,\n"
         "             v_reset=-0.065, resistance=1e7):\n"
         "    v_new = v + dt / tau * (-(v - v_rest) + current)\n"
         "    spiked = v_new >= v_threshold\n"
         "    return np.where(spiked, v_reset, v_new), spiked"),
        ("strict > (landing exactly on the threshold is no spike)",
         "def lif_step(v, current, *, dt=1e-4, tau=0.02, v_rest=-0.065, v_threshold=-0.050,\n"
         "             v_reset=-0.065, resistance=1e7):\n"
         "    v_new = v + dt / tau * (-(v - v_rest) + resistance * current)\n"
         "    spiked = v_new > v_threshold\n"
         "    return np.where(spiked, v_reset, v_new), spiked"),
        ("returns only the potential",
         "def lif_step(v, current, *, dt=1e-4, tau=0.02, v_rest=-0.065, v_threshold=-0.050,\n"
         "             v_reset=-0.065, resistance=1e7):\n"
         "    v_new = v + dt / tau * (-(v - v_rest) + resistance * current)\n"
         "    return np.where(v_new >= v_threshold, v_reset, v_new)"),
    ],
    "rheobase": [
        ("wrong sign", "def rheobase(v_rest, v_threshold, resistance):\n"
                       "    return (v_rest - v_threshold) / resistance"),
        ("times R", "def rheobase(v_rest, v_threshold, resistance):\n"
                    "    return (v_threshold - v_rest) * resistance"),
        ("threshold over R", "def rheobase(v_rest, v_threshold, resistance):\n"
                             "    return abs(v_threshold) / resistance"),
        ("hard-codes 1.5 nA", "def rheobase(v_rest, v_threshold, resistance):\n    return 1.5e-9"),
    ],
    "predict": [
        ("returns probabilities",
         "def predict(X, omega, beta):\n    return ref.sigmoid(X @ omega + beta)"),
        ("thresholds z at 0.5",
         "def predict(X, omega, beta):\n    return (X @ omega + beta >= 0.5).astype(int)"),
        ("missing bias",
         "def predict(X, omega, beta):\n    return (ref.sigmoid(X @ omega) >= 0.5).astype(int)"),
        ("labels swapped",
         "def predict(X, omega, beta):\n    return (X @ omega + beta < 0).astype(int)"),
        ("hard-codes the visible example",
         "def predict(X, omega, beta):\n    return np.array([0, 0, 1, 1, 0])"),
        ("strict > (a point on the boundary gets class 0)",
         "def predict(X, omega, beta):\n    return (X @ omega + beta > 0).astype(int)"),
        ("rounds the sigmoid (np.round(0.5) is 0)",
         "def predict(X, omega, beta):\n    return np.round(ref.sigmoid(X @ omega + beta)).astype(int)"),
    ],
}

CORRECT = {
    "neuron": [
        ("explicit loop",
         "def neuron(X, omega, beta, activation):\n"
         "    return np.array([activation(beta + sum(w * x for w, x in zip(omega, row))) for row in X])"),
        ("einsum", "def neuron(X, omega, beta, activation):\n"
                   "    return activation(np.einsum('nd,d->n', X, omega) + beta)"),
        ("omega.T (no-op on a vector)",
         "def neuron(X, omega, beta, activation):\n    return activation(beta + X @ omega.T)"),
    ],
    "fit-linear-neuron": [
        ("normal equations with the ones column first",
         "def fit_linear_neuron(X, y):\n"
         "    A = np.column_stack([np.ones(len(X)), X])\n"
         "    theta = np.linalg.solve(A.T @ A, A.T @ y)\n"
         "    return theta[1:], theta[0]"),
        ("centred data, returned as a list",
         "def fit_linear_neuron(X, y):\n"
         "    mx, my = X.mean(axis=0), y.mean()\n"
         "    omega = np.linalg.lstsq(X - mx, y - my, rcond=None)[0]\n"
         "    return [omega, float(my - mx @ omega)]"),
    ],
    "beta-sep": [
        ("integer", "beta_sep = -4"),
        ("a little off centre", "beta_sep = -3.6"),
        ("numpy float", "beta_sep = np.float64(-4.3)"),
    ],
    "sigmoid": [
        ("logaddexp", "def sigmoid(z):\n    return np.exp(-np.logaddexp(0.0, -np.asarray(z, dtype=float)))"),
        ("clipped input",
         "def sigmoid(z):\n    z = np.clip(np.asarray(z, dtype=float), -500, 500)\n"
         "    return 1.0 / (1.0 + np.exp(-z))"),
        ("scipy's expit", "from scipy.special import expit\ndef sigmoid(z):\n    return expit(z)"),
        ("masks instead of np.where",
         "def sigmoid(z):\n"
         "    z = np.asarray(z, dtype=float)\n"
         "    out = np.empty_like(z)\n"
         "    pos = z >= 0\n"
         "    out[pos] = 1 / (1 + np.exp(-z[pos]))\n"
         "    ez = np.exp(z[~pos])\n"
         "    out[~pos] = ez / (1 + ez)\n"
         "    return out"),
        ("tanh identity", "def sigmoid(z):\n    return 0.5 * (1 + np.tanh(np.asarray(z, dtype=float) / 2))"),
    ],
    "derivatives": [
        ("cosh formulas (overflow to inf gives 0)",
         "def sigmoid_derivative(z):\n    return 0.25 / np.cosh(np.asarray(z, dtype=float) / 2) ** 2\n"
         "def tanh_derivative(z):\n    return 1 / np.cosh(np.asarray(z, dtype=float)) ** 2"),
        ("exp(-|z|) form",
         "def sigmoid_derivative(z):\n    e = np.exp(-np.abs(np.asarray(z, dtype=float)))\n"
         "    return e / (1 + e) ** 2\n"
         "def tanh_derivative(z):\n    return 1 - np.tanh(z) ** 2"),
    ],
    "relu": [
        ("np.where",
         "def relu(z):\n    z = np.asarray(z, dtype=float)\n    return np.where(z > 0, z, 0.0)\n"
         "def relu_derivative(z):\n    return np.where(np.asarray(z) > 0, 1.0, 0.0)"),
        ("boolean result for the derivative",
         "def relu(z):\n    return np.maximum(z, 0)\n"
         "def relu_derivative(z):\n    return np.asarray(z) > 0"),
        ("copy, then clip",
         "def relu(z):\n    return np.clip(z, 0, None)\n"
         "def relu_derivative(z):\n    return np.heaviside(z, 0.0)"),
    ],
    "leaky-relu": [
        ("maximum (alpha < 1)",
         "def leaky_relu(z, alpha=0.01):\n    return np.maximum(alpha * np.asarray(z), z)\n"
         "def leaky_relu_derivative(z, alpha=0.01):\n"
         "    return alpha + (1 - alpha) * (np.asarray(z) > 0)"),
    ],
    "saturated-fraction": [
        ("via |z|", "def saturated_fraction(X, Omega, beta, threshold=0.01):\n"
                    "    Z = np.einsum('nd,hd->nh', X, Omega) + beta\n"
                    "    s = ref.sigmoid(Z)\n"
                    "    return (s * (1 - s) < threshold).sum() / Z.size"),
    ],
    "dead-fraction": [
        ("max over inputs", "def dead_fraction(X, Omega, beta):\n"
                            "    return np.mean((X @ Omega.T + beta).max(axis=0) <= 0)"),
        ("loop over units", "def dead_fraction(X, Omega, beta):\n"
                            "    dead = [np.all(X @ w + b <= 0) for w, b in zip(Omega, beta)]\n"
                            "    return sum(dead) / len(dead)"),
    ],
    "lif-step": [
        ("copy and mask",
         "def lif_step(v, current, *, dt=1e-4, tau=0.02, v_rest=-0.065, v_threshold=-0.050,\n"
         "             v_reset=-0.065, resistance=1e7):\n"
         "    dv = (-(np.asarray(v, dtype=float) - v_rest) + resistance * np.asarray(current)) * dt / tau\n"
         "    v_new = np.array(v + dv, dtype=float)\n"
         "    spiked = v_new >= v_threshold\n"
         "    v_new[spiked] = v_reset\n"
         "    return v_new, spiked"),
        ("towards the steady state v_inf",
         "def lif_step(v, current, *, dt=1e-4, tau=0.02, v_rest=-0.065, v_threshold=-0.050,\n"
         "             v_reset=-0.065, resistance=1e7):\n"
         "    v_inf = v_rest + resistance * np.asarray(current)\n"
         "    v_new = v + (v_inf - v) * (dt / tau)\n"
         "    spiked = v_new >= v_threshold\n"
         "    return (np.where(spiked, v_reset, v_new), spiked)"),
    ],
    "rheobase": [
        ("written with the steady state",
         "def rheobase(v_rest, v_threshold, resistance):\n"
         "    delta_v = v_threshold - v_rest\n    return delta_v / resistance"),
    ],
    "predict": [
        ("boolean labels", "def predict(X, omega, beta):\n    return X @ omega + beta >= 0"),
        ("through the sigmoid",
         "def predict(X, omega, beta):\n    return (ref.sigmoid(beta + X @ omega) >= 0.5).astype(int)"),
        ("rounded floats",
         "def predict(X, omega, beta):\n    return np.where(ref.sigmoid(X @ omega + beta) >= 0.5, 1.0, 0.0)"),
    ],
}

PIPELINE_WRONG = ("sigmoid", 0)

# Wrong answers that only the hidden tests need to reject (hard-coded values, rare edge cases);
# every other WRONG case must already fail the visible tests (tests/test_exercises.py).
HIDDEN_ONLY = {
    "rheobase": ["hard-codes 1.5 nA"],
}
