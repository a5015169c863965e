"""Wrong and correct answers for solutions/06-backpropagation (see tests/cases/README.md).

The `Value` exercise is one long class: its wrong answers are the model solution with one line
changed (`_mutate`), so each case shows exactly the slip it stands for.
"""

from pathlib import Path

NOTEBOOK = "06-backpropagation"

_CELLS = Path(__file__).resolve().parents[2] / "solutions" / NOTEBOOK / f"{NOTEBOOK}.cells"


def _answer(answer_id: str) -> str:
    """The source of the answer cell `answer_id` in the .cells file."""
    text = _CELLS.read_text(encoding="utf-8")
    start = text.index(f"%% code answer={answer_id}\n") + len(f"%% code answer={answer_id}\n")
    end = text.index("\n%% ", start)
    return text[start:end]


def _mutate(answer_id: str, old: str, new: str) -> str:
    source = _answer(answer_id)
    if source.count(old) != 1:
        raise ValueError(f"{answer_id}: {old!r} occurs {source.count(old)} times in the solution")
    return source.replace(old, new)


WRONG = {
    "numerical-gradient": [
        ("forward difference",
         "def numerical_gradient(f, theta, eps=1e-6):\n"
         "    theta = np.array(theta, dtype=float)\n"
         "    grad = np.zeros_like(theta)\n"
         "    f0 = f(theta)\n"
         "    for i in np.ndindex(theta.shape):\n"
         "        old = theta[i]\n"
         "        theta[i] = old + eps\n"
         "        grad[i] = (f(theta) - f0) / eps\n"
         "        theta[i] = old\n"
         "    return grad"),
        ("never restores the entry",
         "def numerical_gradient(f, theta, eps=1e-6):\n"
         "    theta = np.array(theta, dtype=float)\n"
         "    grad = np.zeros_like(theta)\n"
         "    for i in np.ndindex(theta.shape):\n"
         "        theta[i] += eps\n"
         "        f_plus = f(theta)\n"
         "        theta[i] -= 2 * eps\n"
         "        grad[i] = (f_plus - f(theta)) / (2 * eps)\n"
         "    return grad"),
        ("divides by eps instead of 2 eps",
         "def numerical_gradient(f, theta, eps=1e-6):\n"
         "    theta = np.array(theta, dtype=float)\n"
         "    grad = np.zeros_like(theta)\n"
         "    for i in np.ndindex(theta.shape):\n"
         "        old = theta[i]\n"
         "        theta[i] = old + eps\n"
         "        f_plus = f(theta)\n"
         "        theta[i] = old - eps\n"
         "        grad[i] = (f_plus - f(theta)) / eps\n"
         "        theta[i] = old\n"
         "    return grad"),
        ("perturbs the caller's array (no copy; restores by adding and subtracting)",
         "def numerical_gradient(f, theta, eps=1e-6):\n"
         "    grad = np.zeros(np.shape(theta))\n"
         "    for i in np.ndindex(grad.shape):\n"
         "        theta[i] += eps\n"
         "        f_plus = f(theta)\n"
         "        theta[i] -= 2 * eps\n"
         "        f_minus = f(theta)\n"
         "        theta[i] += eps\n"
         "        grad[i] = (f_plus - f_minus) / (2 * eps)\n"
         "    return grad"),
        ("flat result, loses the shape",
         "def numerical_gradient(f, theta, eps=1e-6):\n"
         "    theta = np.array(theta, dtype=float)\n"
         "    grad = []\n"
         "    for i in np.ndindex(theta.shape):\n"
         "        up, down = theta.copy(), theta.copy()\n"
         "        up[i] += eps\n"
         "        down[i] -= eps\n"
         "        grad.append((f(up) - f(down)) / (2 * eps))\n"
         "    return np.array(grad)"),
    ],
    "polar-xy-grad": [
        ("only the path through x",
         "def polar_xy_grad(r, t):\n"
         "    x, y = r * np.cos(t), r * np.sin(t)\n"
         "    return y * np.cos(t), y * (-r * np.sin(t))"),
        ("wrong sign of dx/dt",
         "def polar_xy_grad(r, t):\n"
         "    x, y = r * np.cos(t), r * np.sin(t)\n"
         "    return y * np.cos(t) + x * np.sin(t), y * r * np.sin(t) + x * r * np.cos(t)"),
        ("returns (dw/dt, dw/dr)",
         "def polar_xy_grad(r, t):\n"
         "    return r**2 * np.cos(2 * t), r * np.sin(2 * t)"),
        ("forgets the factor r in dx/dt and dy/dt",
         "def polar_xy_grad(r, t):\n"
         "    x, y = r * np.cos(t), r * np.sin(t)\n"
         "    return y * np.cos(t) + x * np.sin(t), -y * np.sin(t) + x * np.cos(t)"),
    ],
    "value-ops": [
        ("= instead of += in __mul__",
         _mutate("value-ops", "            self.grad += other.data * out.grad\n"
                              "            other.grad += self.data * out.grad",
                 "            self.grad = other.data * out.grad\n"
                 "            other.grad = self.data * out.grad")),
        ("mul: forgets out.grad",
         _mutate("value-ops", "            self.grad += other.data * out.grad\n"
                              "            other.grad += self.data * out.grad",
                 "            self.grad += other.data\n"
                 "            other.grad += self.data")),
        ("mul: each input gets its own value",
         _mutate("value-ops", "            self.grad += other.data * out.grad\n"
                              "            other.grad += self.data * out.grad",
                 "            self.grad += self.data * out.grad\n"
                 "            other.grad += other.data * out.grad")),
        ("pow: n a^n instead of n a^(n-1)",
         _mutate("value-ops", "self.grad += n * self.data ** (n - 1) * out.grad",
                 "self.grad += n * self.data**n * out.grad")),
        ("tanh: 1 - a^2 with the input instead of the output",
         _mutate("value-ops", "self.grad += (1.0 - out.data**2) * out.grad",
                 "self.grad += (1.0 - self.data**2) * out.grad")),
        ("exp: e^a taken as a",
         _mutate("value-ops", "            self.grad += out.data * out.grad",
                 "            self.grad += self.data * out.grad")),
    ],
    "backward-order": [
        ("topological order not reversed",
         "def backward(root):\n"
         "    order, visited = [], set()\n"
         "    def visit(v):\n"
         "        if v not in visited:\n"
         "            visited.add(v)\n"
         "            for child in v._prev:\n"
         "                visit(child)\n"
         "            order.append(v)\n"
         "    visit(root)\n"
         "    root.grad = 1.0\n"
         "    for v in order:\n"
         "        v._backward()"),
        ("walks down recursively without a topological order",
         "def backward(root):\n"
         "    root.grad = 1.0\n"
         "    def go(v):\n"
         "        v._backward()\n"
         "        for child in v._prev:\n"
         "            go(child)\n"
         "    go(root)"),
        ("forgets root.grad = 1",
         "def backward(root):\n"
         "    order, visited = [], set()\n"
         "    def visit(v):\n"
         "        if v not in visited:\n"
         "            visited.add(v)\n"
         "            for child in v._prev:\n"
         "                visit(child)\n"
         "            order.append(v)\n"
         "    visit(root)\n"
         "    for v in reversed(order):\n"
         "        v._backward()"),
        ("breadth-first order from the root",
         "def backward(root):\n"
         "    from collections import deque\n"
         "    root.grad = 1.0\n"
         "    seen, queue = {root}, deque([root])\n"
         "    while queue:\n"
         "        v = queue.popleft()\n"
         "        v._backward()\n"
         "        for child in v._prev:\n"
         "            if child not in seen:\n"
         "                seen.add(child)\n"
         "                queue.append(child)"),
        ("no visited set: shared units listed twice",
         "def backward(root):\n"
         "    order = []\n"
         "    def visit(v):\n"
         "        for child in v._prev:\n"
         "            visit(child)\n"
         "        order.append(v)\n"
         "    visit(root)\n"
         "    root.grad = 1.0\n"
         "    for v in reversed(order):\n"
         "        v._backward()"),
    ],
    "softmax-ce-grad": [
        ("wrong sign: e(y) - f(x)",
         "def softmax_ce_grad(z, y):\n"
         "    z = np.asarray(z, dtype=float)\n"
         "    p = np.exp(z - z.max())\n"
         "    p /= p.sum()\n"
         "    e = np.zeros_like(p)\n"
         "    e[y] = 1.0\n"
         "    return e - p"),
        ("returns the softmax (forgets the one-hot)",
         "def softmax_ce_grad(z, y):\n"
         "    z = np.asarray(z, dtype=float)\n"
         "    p = np.exp(z - z.max())\n"
         "    return p / p.sum()"),
        ("unstable softmax (overflows)",
         "def softmax_ce_grad(z, y):\n"
         "    p = np.exp(np.asarray(z, dtype=float))\n"
         "    p = p / p.sum()\n"
         "    p[y] -= 1.0\n"
         "    return p"),
        ("subtracts the max in place (modifies z)",
         "def softmax_ce_grad(z, y):\n"
         "    z -= z.max()\n"
         "    p = np.exp(z) / np.exp(z).sum()\n"
         "    p[y] -= 1.0\n"
         "    return p"),
        ("labels taken as 1-indexed",
         "def softmax_ce_grad(z, y):\n"
         "    z = np.asarray(z, dtype=float)\n"
         "    p = np.exp(z - z.max())\n"
         "    p /= p.sum()\n"
         "    p[y - 1] -= 1.0\n"
         "    return p"),
    ],
    "mlp-backward-one": [
        ("missing transpose in dh",
         _mutate("mlp-backward-one", "dh = Omega1.T @ d_logits", "dh = Omega1 @ d_logits")),
        ("wrong activation derivative: sigma instead of sigma (1 - sigma)",
         _mutate("mlp-backward-one", "dh_pre = dh * h * (1.0 - h)", "dh_pre = dh * h")),
        ("dOmega1 from the pre-activation h tilde",
         _mutate("mlp-backward-one", "dOmega1 = np.outer(d_logits, h)",
                 "dOmega1 = np.outer(d_logits, h_pre)")),
        ("wrong sign at the logits: e(y) - f(x)",
         _mutate("mlp-backward-one", "    d_logits = softmax(logits)\n"
                                     "    d_logits[y] -= 1.0",
                 "    d_logits = -softmax(logits)\n"
                 "    d_logits[y] += 1.0")),
        ("transposed outer product: x dh^T",
         _mutate("mlp-backward-one", "dOmega0 = np.outer(dh_pre, x)", "dOmega0 = np.outer(x, dh_pre)")),
    ],
    "relative-error": [
        ("no absolute value in the numerator",
         "def relative_error(a, b):\n"
         "    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)\n"
         "    scale = np.max(np.abs(a) + np.abs(b))\n"
         "    return 0.0 if scale == 0 else float(np.max(a - b) / scale)"),
        ("0/0 for two zero arrays",
         "def relative_error(a, b):\n"
         "    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)\n"
         "    return float(np.max(np.abs(a - b)) / np.max(np.abs(a) + np.abs(b)))"),
        ("divides by max |a| only",
         "def relative_error(a, b):\n"
         "    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)\n"
         "    scale = np.max(np.abs(a))\n"
         "    return 0.0 if scale == 0 else float(np.max(np.abs(a - b)) / scale)"),
        ("mean instead of max",
         "def relative_error(a, b):\n"
         "    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)\n"
         "    scale = np.mean(np.abs(a) + np.abs(b))\n"
         "    return 0.0 if scale == 0 else float(np.mean(np.abs(a - b)) / scale)"),
        ("max |a| + max |b| in the denominator (sum of the maxima, not max of the sums)",
         "def relative_error(a, b):\n"
         "    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)\n"
         "    scale = np.max(np.abs(a)) + np.max(np.abs(b))\n"
         "    return 0.0 if scale == 0 else float(np.max(np.abs(a - b)) / scale)"),
    ],
    "dense-backward": [
        ("missing transpose: H_in.T @ dF",
         "def dense_backward(dF, H_in, Omega):\n"
         "    return H_in.T @ dF, dF.sum(axis=0), dF @ Omega"),
        ("dbeta averaged (divides by n a second time)",
         "def dense_backward(dF, H_in, Omega):\n"
         "    return dF.T @ H_in, dF.mean(axis=0), dF @ Omega"),
        ("dH_in with Omega.T",
         "def dense_backward(dF, H_in, Omega):\n"
         "    return dF.T @ H_in, dF.sum(axis=0), dF @ Omega.T"),
        ("dbeta summed over the wrong axis",
         "def dense_backward(dF, H_in, Omega):\n"
         "    return dF.T @ H_in, dF.sum(axis=1), dF @ Omega"),
    ],
    "mlp-gradients": [
        ("forgotten 1/n: summed loss gradient",
         _mutate("mlp-gradients", "loss, dF = softmax_cross_entropy(F[-1], y)",
                 "loss, dF = softmax_cross_entropy(F[-1], y)\n    dF = dF * len(y)")),
        ("activation derivative at the wrong layer",
         _mutate("mlp-gradients", "dF = (dF @ Omegas[k]) * act_prime(F[k - 1])",
                 "dF = (dF @ Omegas[k]) * act_prime(F[k])")),
        ("gradient lists in reversed order",
         _mutate("mlp-gradients", "    return loss, dbetas, dOmegas",
                 "    return loss, dbetas[::-1], dOmegas[::-1]")),
        ("returns the gradients omegas first (the old order)",
         _mutate("mlp-gradients", "    return loss, dbetas, dOmegas",
                 "    return loss, dOmegas, dbetas")),
        ("takes Omegas before betas",
         _mutate("mlp-gradients", 'def mlp_gradients(X, y, betas, Omegas, activation="relu"):',
                 'def mlp_gradients(X, y, Omegas, betas, activation="relu"):')),
        ("stops before the first layer",
         _mutate("mlp-gradients", "    for k in reversed(range(K)):",
                 "    dOmegas[0], dbetas[0] = np.zeros_like(Omegas[0]), np.zeros_like(betas[0])\n"
                 "    for k in reversed(range(1, K)):")),
        ("derivative of the activation's output (a'(h) instead of a'(f))",
         _mutate("mlp-gradients", "dF = (dF @ Omegas[k]) * act_prime(F[k - 1])",
                 "dF = (dF @ Omegas[k]) * act_prime(H[k])")),
    ],
    "one-weight-step": [
        ("delta with the wrong sign (goal - pred)",
         "def one_weight_step(weight, x, goal, alpha):\n"
         "    pred = x * weight\n"
         "    delta = goal - pred\n"
         "    return pred, delta**2, delta, x * delta, weight - alpha * x * delta"),
        ("weight += instead of -=",
         "def one_weight_step(weight, x, goal, alpha):\n"
         "    pred = x * weight\n"
         "    delta = pred - goal\n"
         "    return pred, delta**2, delta, x * delta, weight + alpha * x * delta"),
        ("weight delta without the input",
         "def one_weight_step(weight, x, goal, alpha):\n"
         "    pred = x * weight\n"
         "    delta = pred - goal\n"
         "    return pred, delta**2, delta, delta, weight - alpha * delta"),
        ("forgets alpha",
         "def one_weight_step(weight, x, goal, alpha):\n"
         "    pred = x * weight\n"
         "    delta = pred - goal\n"
         "    return pred, delta**2, delta, x * delta, weight - x * delta"),
    ],
    "train-sigmoid-neuron": [
        ("mean instead of sum over the points",
         "def train_sigmoid_neuron(X, Y, w, b, eta, epochs):\n"
         "    X, Y = np.asarray(X, dtype=float), np.asarray(Y, dtype=float)\n"
         "    for _ in range(epochs):\n"
         "        f = sigmoid(w * X + b)\n"
         "        delta = (f - Y) * f * (1 - f)\n"
         "        w, b = w - eta * np.mean(delta * X), b - eta * np.mean(delta)\n"
         "    return w, b"),
        ("updates w before computing b's gradient",
         "def train_sigmoid_neuron(X, Y, w, b, eta, epochs):\n"
         "    X, Y = np.asarray(X, dtype=float), np.asarray(Y, dtype=float)\n"
         "    for _ in range(epochs):\n"
         "        f = sigmoid(w * X + b)\n"
         "        w = w - eta * np.sum((f - Y) * f * (1 - f) * X)\n"
         "        f = sigmoid(w * X + b)\n"
         "        b = b - eta * np.sum((f - Y) * f * (1 - f))\n"
         "    return w, b"),
        ("one update per point (stochastic), not per epoch",
         "def train_sigmoid_neuron(X, Y, w, b, eta, epochs):\n"
         "    for _ in range(epochs):\n"
         "        for x, t in zip(X, Y):\n"
         "            f = sigmoid(w * x + b)\n"
         "            d = (f - t) * f * (1 - f)\n"
         "            w, b = w - eta * d * x, b - eta * d\n"
         "    return w, b"),
        ("forgets the sigmoid's derivative",
         "def train_sigmoid_neuron(X, Y, w, b, eta, epochs):\n"
         "    X, Y = np.asarray(X, dtype=float), np.asarray(Y, dtype=float)\n"
         "    for _ in range(epochs):\n"
         "        f = sigmoid(w * X + b)\n"
         "        w, b = w - eta * np.sum((f - Y) * X), b - eta * np.sum(f - Y)\n"
         "    return w, b"),
    ],
    "two-point-fit": [
        ("solves the linear system on y, without the logit",
         "def two_point_fit(x, y):\n"
         "    (x1, x2), (y1, y2) = x, y\n"
         "    w = (y2 - y1) / (x2 - x1)\n"
         "    return w, y1 - w * x1"),
        ("log(y) instead of the logit",
         "def two_point_fit(x, y):\n"
         "    (x1, x2), (y1, y2) = x, y\n"
         "    z1, z2 = math.log(y1), math.log(y2)\n"
         "    w = (z2 - z1) / (x2 - x1)\n"
         "    return w, z1 - w * x1"),
        ("logit upside down: log((1 - y) / y)",
         "def two_point_fit(x, y):\n"
         "    (x1, x2), (y1, y2) = x, y\n"
         "    z1, z2 = math.log((1 - y1) / y1), math.log((1 - y2) / y2)\n"
         "    w = (z2 - z1) / (x2 - x1)\n"
         "    return w, z1 - w * x1"),
        ("hard-codes the lecture's answer",
         "def two_point_fit(x, y):\n"
         "    return math.log(6), -math.log(4) - 0.5 * math.log(6)"),
    ],
    "chain-derivatives": [
        ("derivative at the output u_k instead of the pre-activation z_k",
         _mutate("chain-derivatives", "        d = d * act_prime(z) * w\n        u = act(z)",
                 "        u = act(z)\n        d = d * act_prime(u) * w")),
        ("forgets the weights",
         _mutate("chain-derivatives", "d = d * act_prime(z) * w", "d = d * act_prime(z)")),
        ("starts the list with du_0/dx = 1",
         _mutate("chain-derivatives", "u, d, out = x, 1.0, []", "u, d, out = x, 1.0, [1.0]")),
        ("local derivatives, not their running product",
         _mutate("chain-derivatives", "d = d * act_prime(z) * w", "d = act_prime(z) * w")),
    ],
}

CORRECT = {
    "numerical-gradient": [
        ("copies per entry, flat index",
         "def numerical_gradient(f, theta, eps=1e-6):\n"
         "    theta = np.asarray(theta, dtype=float)\n"
         "    grad = np.empty(theta.shape)\n"
         "    for i in range(theta.size):\n"
         "        up = theta.copy()\n"
         "        down = theta.copy()\n"
         "        up.flat[i] += eps\n"
         "        down.flat[i] -= eps\n"
         "        grad.flat[i] = (f(up) - f(down)) / (2 * eps)\n"
         "    return grad"),
        ("basis arrays",
         "def numerical_gradient(f, theta, eps=1e-6):\n"
         "    theta = np.array(theta, dtype=float)\n"
         "    grad = np.zeros_like(theta)\n"
         "    for i in np.ndindex(theta.shape):\n"
         "        e = np.zeros_like(theta)\n"
         "        e[i] = eps\n"
         "        grad[i] = (f(theta + e) - f(theta - e)) / (2 * eps)\n"
         "    return grad"),
    ],
    "polar-xy-grad": [
        ("simplified closed form",
         "def polar_xy_grad(r, t):\n    return r * np.sin(2 * t), r**2 * np.cos(2 * t)"),
        ("a list of two",
         "def polar_xy_grad(r, t):\n"
         "    c, s = np.cos(t), np.sin(t)\n"
         "    return [2 * r * s * c, r**2 * (c**2 - s**2)]"),
    ],
    "value-ops": [
        ("micrograd-style power and tanh via math",
         _mutate("value-ops", "self.grad += (1.0 - out.data**2) * out.grad",
                 "self.grad += (1.0 - math.tanh(self.data) ** 2) * out.grad")
         .replace("self.grad += n * self.data ** (n - 1) * out.grad",
                  "self.grad += (n * self.data ** (n - 1)) * out.grad")
         .replace("            self.grad += out.data * out.grad",
                  "            self.grad += math.exp(self.data) * out.grad")),
    ],
    "backward-order": [
        ("iterative depth-first search, skipping leaves",
         "def backward(root):\n"
         "    order, visited, stack = [], set(), [(root, False)]\n"
         "    while stack:\n"
         "        v, done = stack.pop()\n"
         "        if done:\n"
         "            order.append(v)\n"
         "        elif v not in visited:\n"
         "            visited.add(v)\n"
         "            stack.append((v, True))\n"
         "            stack.extend((c, False) for c in v._prev)\n"
         "    root.grad = 1.0\n"
         "    for v in reversed(order):\n"
         "        if v._prev:\n"
         "            v._backward()"),
        ("Kahn's algorithm: a unit once all its readers are done",
         "def backward(root):\n"
         "    readers, stack, seen = {}, [root], {root}\n"
         "    while stack:\n"
         "        v = stack.pop()\n"
         "        for c in v._prev:\n"
         "            readers[c] = readers.get(c, 0) + 1\n"
         "            if c not in seen:\n"
         "                seen.add(c)\n"
         "                stack.append(c)\n"
         "    root.grad = 1.0\n"
         "    ready = [root]\n"
         "    while ready:\n"
         "        v = ready.pop()\n"
         "        v._backward()\n"
         "        for c in v._prev:\n"
         "            readers[c] -= 1\n"
         "            if readers[c] == 0:\n"
         "                ready.append(c)"),
    ],
    "softmax-ce-grad": [
        ("helpers' softmax and one_hot",
         "from helpers.losses import one_hot as _one_hot\n"
         "def softmax_ce_grad(z, y):\n"
         "    return softmax(z) - _one_hot([y], len(z))[0]"),
        ("via log-softmax",
         "def softmax_ce_grad(z, y):\n"
         "    z = np.array(z, dtype=float)\n"
         "    g = np.exp(z - z.max() - np.log(np.sum(np.exp(z - z.max()))))\n"
         "    g[y] = g[y] - 1\n"
         "    return g"),
        ("written as the prompt says: z.max() on the array z, no np.asarray",
         "def softmax_ce_grad(z, y):\n"
         "    p = np.exp(z - z.max())\n"
         "    p = p / p.sum()\n"
         "    p[y] -= 1.0\n"
         "    return p"),
    ],
    "mlp-backward-one": [
        ("column vectors and a list",
         "def mlp_backward_one(x, y, Omega0, beta0, Omega1, beta1):\n"
         "    xc = x.reshape(-1, 1)\n"
         "    h = 1 / (1 + np.exp(-(Omega0 @ xc + beta0.reshape(-1, 1))))\n"
         "    z = Omega1 @ h + beta1.reshape(-1, 1)\n"
         "    p = np.exp(z - z.max())\n"
         "    p = p / p.sum()\n"
         "    g = p - (np.arange(len(p)) == y).reshape(-1, 1)\n"
         "    gh = (Omega1.T @ g) * h * (1 - h)\n"
         "    return [gh @ xc.T, gh.ravel(), g @ h.T, g.ravel()]"),
    ],
    "relative-error": [
        ("np.ptp-free, with a tiny floor",
         "def relative_error(a, b):\n"
         "    d = np.abs(np.subtract(a, b, dtype=float))\n"
         "    s = np.abs(np.asarray(a, dtype=float)) + np.abs(np.asarray(b, dtype=float))\n"
         "    return float(d.max() / max(s.max(), 1e-300))"),
        ("helpers.gradcheck", "from helpers.gradcheck import relative_error"),
    ],
    "dense-backward": [
        ("einsum and a list",
         "def dense_backward(dF, H_in, Omega):\n"
         "    return [np.einsum('no,ni->oi', dF, H_in), dF.sum(0), np.einsum('no,oi->ni', dF, Omega)]"),
    ],
    "mlp-gradients": [
        ("uses dense_backward, ReLU mask from the hidden output",
         "def mlp_gradients(X, y, betas, Omegas, activation='relu'):\n"
         "    a, da = get_activation(activation)\n"
         "    Hs, Fs, H = [], [], X\n"
         "    for k, (O, b) in enumerate(zip(Omegas, betas)):\n"
         "        Hs.append(H)\n"
         "        F = H @ O.T + b\n"
         "        Fs.append(F)\n"
         "        H = a(F)\n"
         "    loss, dF = softmax_cross_entropy(Fs[-1], y)\n"
         "    dOs, dbs = [], []\n"
         "    for k in range(len(Omegas) - 1, -1, -1):\n"
         "        dO, db, dH = dense_backward(dF, Hs[k], Omegas[k])\n"
         "        dOs.insert(0, dO)\n"
         "        dbs.insert(0, db)\n"
         "        if k:\n"
         "            dF = dH * da(Fs[k - 1])\n"
         "    return loss, dbs, dOs"),
    ],
    "one-weight-step": [
        ("a list, update via the full gradient with the factor folded",
         "def one_weight_step(weight, x, goal, alpha):\n"
         "    pred = weight * x\n"
         "    delta = pred - goal\n"
         "    return [pred, delta * delta, delta, delta * x, weight - delta * x * alpha]"),
    ],
    "train-sigmoid-neuron": [
        ("the lecture's loops",
         "def train_sigmoid_neuron(X, Y, w, b, eta, epochs):\n"
         "    for _ in range(epochs):\n"
         "        dw = db = 0.0\n"
         "        for x, t in zip(X, Y):\n"
         "            f = 1.0 / (1.0 + math.exp(-(w * x + b)))\n"
         "            dw += (f - t) * f * (1 - f) * x\n"
         "            db += (f - t) * f * (1 - f)\n"
         "        w = w - eta * dw\n"
         "        b = b - eta * db\n"
         "    return w, b"),
    ],
    "two-point-fit": [
        ("numpy solve of the 2x2 system",
         "def two_point_fit(x, y):\n"
         "    y = np.asarray(y, dtype=float)\n"
         "    A = np.column_stack([np.asarray(x, dtype=float), np.ones(2)])\n"
         "    return np.linalg.solve(A, np.log(y) - np.log1p(-y))"),
    ],
    "chain-derivatives": [
        ("forward then backward product (reverse mode on a chain)",
         "def chain_derivatives(x, weights, biases, activation='sigmoid'):\n"
         "    a, da = get_activation(activation)\n"
         "    zs, u = [], x\n"
         "    for w, b in zip(weights, biases):\n"
         "        zs.append(w * u + b)\n"
         "        u = a(zs[-1])\n"
         "    factors = [da(z) * w for z, w in zip(zs, weights)]\n"
         "    return np.cumprod(factors)"),
    ],
}

PIPELINE_WRONG = ("mlp-backward-one", 1)  # wrong values, no crash
