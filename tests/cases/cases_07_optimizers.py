"""Wrong and correct answers for notebook 07 (gradient descent, SGD and the optimizers)."""
# ruff: noqa: E501  (one wrong or correct answer per line reads better than wrapped source strings)

NOTEBOOK = "07-optimizers"


def _opt(name, init, step):
    """Source of an optimizer class: Optimizer subclass with the given __init__ body and step body."""
    return (f"class {name}(Optimizer):\n"
            f"    def __init__(self, params, {init[0]}):\n"
            f"        super().__init__(params, lr)\n"
            + "".join(f"        {line}\n" for line in init[1])
            + "    def step(self, grads):\n"
            + "".join(f"        {line}\n" for line in step))


MOM_INIT = ("lr=0.01, momentum=0.9", ["self.momentum = momentum",
                                      "self.velocity = [np.zeros_like(p) for p in self.params]"])
EMA_INIT = ("lr=0.01, alpha=0.9", ["self.alpha = alpha",
                                   "self.velocity = [np.zeros_like(p) for p in self.params]"])
ADAGRAD_INIT = ("lr=0.01, eps=1e-10", ["self.eps = eps",
                                       "self.sum_sq = [np.zeros_like(p) for p in self.params]"])
RMS_INIT = ("lr=0.01, alpha=0.99, eps=1e-8", ["self.alpha, self.eps = alpha, eps",
                                              "self.mean_sq = [np.zeros_like(p) for p in self.params]"])
ADAM_INIT = ("lr=0.001, betas=(0.9, 0.999), eps=1e-8, bias_correction=True",
             ["self.betas, self.eps, self.bias_correction = betas, eps, bias_correction",
              "self.m = [np.zeros_like(p) for p in self.params]",
              "self.v = [np.zeros_like(p) for p in self.params]", "self.t = 0"])
NADAM_INIT = ("lr=0.002, betas=(0.9, 0.999), eps=1e-8",
              ["self.betas, self.eps = betas, eps",
               "self.m = [np.zeros_like(p) for p in self.params]",
               "self.v = [np.zeros_like(p) for p in self.params]", "self.t = 0"])

LOOP = "for p, g, v in zip(self.params, grads, self.velocity):"


def _adam(update_lines, *, count_first=True, init=ADAM_INIT, name="Adam"):
    head = ["b1, b2 = self.betas"] + (["self.t += 1"] if count_first else [])
    body = ["for p, g, m, v in zip(self.params, grads, self.m, self.v):"]
    body += [f"    {line}" for line in update_lines]
    tail = [] if count_first else ["self.t += 1"]
    return _opt(name, init, head + body + tail)


ADAM_MOMENTS = ["m *= b1", "m += (1 - b1) * g", "v *= b2", "v += (1 - b2) * g * g"]
ADAM_GOOD = ADAM_MOMENTS + [
    "if self.bias_correction:",
    "    m_hat, v_hat = m / (1 - b1**self.t), v / (1 - b2**self.t)",
    "else:",
    "    m_hat, v_hat = m, v",
    "p -= self.lr * m_hat / (np.sqrt(v_hat) + self.eps)",
]


def _nadam(look_line, denom="np.sqrt(v / (1 - b2**t)) + self.eps"):
    return _opt("Nadam", NADAM_INIT, [
        "b1, b2 = self.betas", "self.t += 1", "t = self.t",
        "for p, g, m, v in zip(self.params, grads, self.m, self.v):",
        *[f"    {line}" for line in ADAM_MOMENTS],
        f"    m_look = {look_line}",
        f"    p -= self.lr * m_look / ({denom})",
    ])


NADAM_LOOK = "b1 * m / (1 - b1 ** (t + 1)) + (1 - b1) * g / (1 - b1**t)"

EPOCH_HEAD = "def train_epoch(model, X, y, optimizer, batch_size, rng):\n"

WRONG = {
    "gradient-descent": [
        ("adds the gradient (ascent)",
         "def gradient_descent(grad, w0, lr, steps):\n"
         "    w = np.array(w0, dtype=float); path = [w.copy()]\n"
         "    for _ in range(steps):\n        w = w + lr * grad(w); path.append(w.copy())\n"
         "    return np.array(path)"),
        ("leaves out the start",
         "def gradient_descent(grad, w0, lr, steps):\n"
         "    w = np.array(w0, dtype=float); path = []\n"
         "    for _ in range(steps):\n        w = w - lr * grad(w); path.append(w.copy())\n"
         "    return np.array(path)"),
        ("appends the same array every time (in-place update, no copy)",
         "def gradient_descent(grad, w0, lr, steps):\n"
         "    w = np.array(w0, dtype=float); path = [w]\n"
         "    for _ in range(steps):\n        w -= lr * grad(w); path.append(w)\n"
         "    return np.array(path)"),
        ("one step too many",
         "def gradient_descent(grad, w0, lr, steps):\n"
         "    w = np.array(w0, dtype=float); path = [w.copy()]\n"
         "    for _ in range(steps + 1):\n        w = w - lr * grad(w); path.append(w.copy())\n"
         "    return np.array(path)"),
        ("modifies the caller's w0",
         "def gradient_descent(grad, w0, lr, steps):\n"
         "    w = np.asarray(w0); path = [w.copy()]\n"
         "    for _ in range(steps):\n        w -= lr * grad(w); path.append(w.copy())\n"
         "    return np.array(path)"),
    ],
    "max-stable-lr": [
        ("smallest eigenvalue", "def max_stable_lr(H):\n    return 2 / np.linalg.eigvalsh(np.asarray(H, float))[0]"),
        ("1 / lambda_max", "def max_stable_lr(H):\n    return 1 / np.linalg.eigvalsh(np.asarray(H, float))[-1]"),
        ("diagonal instead of eigenvalues", "def max_stable_lr(H):\n    return 2 / np.max(np.diag(np.asarray(H, float)))"),
        ("2 / trace", "def max_stable_lr(H):\n    return 2 / np.trace(np.asarray(H, float))"),
    ],
    "best-fixed-lr": [
        ("lr = 1 / lam_max, rate 1 - 1/kappa",
         "def best_fixed_lr(H):\n    lam = np.linalg.eigvalsh(np.asarray(H, float))\n"
         "    return 1 / lam[-1], 1 - lam[0] / lam[-1]"),
        ("rate with kappa inverted",
         "def best_fixed_lr(H):\n    lam = np.linalg.eigvalsh(np.asarray(H, float))\n    k = lam[0] / lam[-1]\n"
         "    return 2 / (lam[0] + lam[-1]), (k - 1) / (k + 1)"),
        ("rate (kappa - 1) / kappa",
         "def best_fixed_lr(H):\n    lam = np.linalg.eigvalsh(np.asarray(H, float))\n    k = lam[-1] / lam[0]\n"
         "    return 2 / (lam[0] + lam[-1]), (k - 1) / k"),
        ("returns the lr only",
         "def best_fixed_lr(H):\n    lam = np.linalg.eigvalsh(np.asarray(H, float))\n    return 2 / (lam[0] + lam[-1])"),
        ("uses the diagonal",
         "def best_fixed_lr(H):\n    d = np.sort(np.diag(np.asarray(H, float)))\n    k = d[-1] / d[0]\n"
         "    return 2 / (d[0] + d[-1]), (k - 1) / (k + 1)"),
    ],
    "cosine-lr": [
        ("no clamp after T",
         "def cosine_lr(t, lr0, T, lr_min=0.0):\n    return lr_min + (lr0 - lr_min) * (1 + np.cos(np.pi * t / T)) / 2"),
        ("ignores lr_min",
         "def cosine_lr(t, lr0, T, lr_min=0.0):\n    t = min(t, T)\n    return lr0 * (1 + np.cos(np.pi * t / T)) / 2"),
        ("adds lr_min on top",
         "def cosine_lr(t, lr0, T, lr_min=0.0):\n    t = min(t, T)\n"
         "    return lr_min + lr0 * (1 + np.cos(np.pi * t / T)) / 2"),
        ("cos without (1 + ...) / 2",
         "def cosine_lr(t, lr0, T, lr_min=0.0):\n    t = min(t, T)\n"
         "    return lr_min + (lr0 - lr_min) * np.cos(np.pi * t / (2 * T))"),
    ],
    "momentum": [
        ("rebinds p (no in-place update)",
         _opt("Momentum", MOM_INIT, [LOOP, "    v *= self.momentum", "    v -= self.lr * g", "    p = p + v"])),
        ("adds the gradient",
         _opt("Momentum", MOM_INIT, [LOOP, "    v *= self.momentum", "    v += self.lr * g", "    p += v"])),
        ("no momentum (plain SGD)", _opt("Momentum", MOM_INIT, [LOOP, "    p -= self.lr * g"])),
        ("velocity not kept (v rebound)",
         _opt("Momentum", MOM_INIT, [LOOP, "    v = self.momentum * v - self.lr * g", "    p += v"])),
        ("updates p with the old velocity",
         _opt("Momentum", MOM_INIT, [LOOP, "    p += v", "    v *= self.momentum", "    v -= self.lr * g"])),
        ("only the first array",
         _opt("Momentum", MOM_INIT, ["p, g, v = self.params[0], grads[0], self.velocity[0]",
                                     "v *= self.momentum", "v -= self.lr * g", "p += v"])),
    ],
    "ema-momentum": [
        ("classic form (no 1 - alpha)",
         _opt("EMAMomentum", EMA_INIT, [LOOP, "    v *= self.alpha", "    v -= self.lr * g", "    p += v"])),
        ("1 - alpha on the old velocity",
         _opt("EMAMomentum", EMA_INIT, [LOOP, "    v *= 1 - self.alpha", "    v -= self.alpha * self.lr * g",
                                        "    p += v"])),
        ("forgets the learning rate",
         _opt("EMAMomentum", EMA_INIT, [LOOP, "    v *= self.alpha", "    v -= (1 - self.alpha) * g",
                                        "    p += v"])),
        ("rebinds p",
         _opt("EMAMomentum", EMA_INIT, [LOOP, "    v *= self.alpha", "    v -= (1 - self.alpha) * self.lr * g",
                                        "    p = p + v"])),
    ],
    "nesterov": [
        ("classic momentum",
         _opt("NesterovMomentum", MOM_INIT, [LOOP, "    v *= self.momentum", "    v -= self.lr * g", "    p += v"])),
        ("look-ahead with the old velocity",
         _opt("NesterovMomentum", MOM_INIT, [LOOP, "    p += self.momentum * v - self.lr * g",
                                             "    v *= self.momentum", "    v -= self.lr * g"])),
        ("forgets the gradient term in p",
         _opt("NesterovMomentum", MOM_INIT, [LOOP, "    v *= self.momentum", "    v -= self.lr * g",
                                             "    p += self.momentum * v"])),
        ("wrong sign of the gradient term",
         _opt("NesterovMomentum", MOM_INIT, [LOOP, "    v *= self.momentum", "    v -= self.lr * g",
                                             "    p += self.momentum * v + self.lr * g"])),
    ],
    "adagrad": [
        ("squares not summed (RMS of the current gradient)",
         _opt("Adagrad", ADAGRAD_INIT, ["for p, g in zip(self.params, grads):",
                                        "    p -= self.lr * g / (np.abs(g) + self.eps)"])),
        ("sum of |g| instead of g^2",
         _opt("Adagrad", ADAGRAD_INIT, ["for p, g, s in zip(self.params, grads, self.sum_sq):",
                                        "    s += np.abs(g)", "    p -= self.lr * g / (s + self.eps)"])),
        ("no square root",
         _opt("Adagrad", ADAGRAD_INIT, ["for p, g, s in zip(self.params, grads, self.sum_sq):",
                                        "    s += g * g", "    p -= self.lr * g / (s + self.eps)"])),
        ("eps inside the square root",
         _opt("Adagrad", ADAGRAD_INIT, ["for p, g, s in zip(self.params, grads, self.sum_sq):",
                                        "    s += g * g", "    p -= self.lr * g / np.sqrt(s + self.eps)"])),
        ("divides by the sum before adding g^2",
         _opt("Adagrad", ADAGRAD_INIT, ["for p, g, s in zip(self.params, grads, self.sum_sq):",
                                        "    p -= self.lr * g / (np.sqrt(s + g * g) + self.eps)",
                                        "    s = s + g * g"])),
    ],
    "rmsprop": [
        ("alpha and 1 - alpha swapped",
         _opt("RMSprop", RMS_INIT, ["for p, g, r in zip(self.params, grads, self.mean_sq):",
                                    "    r *= 1 - self.alpha", "    r += self.alpha * g * g",
                                    "    p -= self.lr * g / (np.sqrt(r) + self.eps)"])),
        ("running mean of |g|",
         _opt("RMSprop", RMS_INIT, ["for p, g, r in zip(self.params, grads, self.mean_sq):",
                                    "    r *= self.alpha", "    r += (1 - self.alpha) * np.abs(g)",
                                    "    p -= self.lr * g / (r + self.eps)"])),
        ("state not kept (r rebound)",
         _opt("RMSprop", RMS_INIT, ["for p, g, r in zip(self.params, grads, self.mean_sq):",
                                    "    r = self.alpha * r + (1 - self.alpha) * g * g",
                                    "    p -= self.lr * g / (np.sqrt(r) + self.eps)"])),
        ("Adagrad's sum",
         _opt("RMSprop", RMS_INIT, ["for p, g, r in zip(self.params, grads, self.mean_sq):",
                                    "    r += g * g", "    p -= self.lr * g / (np.sqrt(r) + self.eps)"])),
    ],
    "adam": [
        ("no bias correction at all", _adam(ADAM_MOMENTS + ["p -= self.lr * m / (np.sqrt(v) + self.eps)"])),
        ("always corrects (ignores the flag)",
         _adam(ADAM_MOMENTS + ["p -= self.lr * (m / (1 - b1**self.t)) / (np.sqrt(v / (1 - b2**self.t)) + self.eps)"])),
        ("counts t after the step (t = 0 at the first)", _adam(ADAM_GOOD, count_first=False)),
        ("sqrt of v without the hat's correction",
         _adam(ADAM_MOMENTS + ["c = self.bias_correction", "m_hat = m / (1 - b1**self.t) if c else m",
                               "p -= self.lr * m_hat / (np.sqrt(v) + self.eps)"])),
        ("betas swapped",
         _adam(["m *= b2", "m += (1 - b2) * g", "v *= b1", "v += (1 - b1) * g * g"] + ADAM_GOOD[4:])),
        ("t counted per parameter array",
         _opt("Adam", ADAM_INIT, ["b1, b2 = self.betas",
                                  "for p, g, m, v in zip(self.params, grads, self.m, self.v):",
                                  "    self.t += 1", *[f"    {x}" for x in ADAM_GOOD]])),
    ],
    "nadam": [
        ("plain Adam", _nadam("m / (1 - b1**t)")),
        ("look-ahead corrected with b1^t",
         _nadam("b1 * m / (1 - b1**t) + (1 - b1) * g / (1 - b1**t)")),
        ("no gradient term", _nadam("b1 * m / (1 - b1 ** (t + 1))")),
        ("v not bias-corrected", _nadam(NADAM_LOOK, denom="np.sqrt(v) + self.eps")),
    ],
    "minibatch-indices": [
        ("not shuffled",
         "def minibatch_indices(n, batch_size, rng):\n"
         "    order = np.arange(n)\n    return [order[s:s + batch_size] for s in range(0, n, batch_size)]"),
        ("drops the last partial batch",
         "def minibatch_indices(n, batch_size, rng):\n    order = rng.permutation(n)\n"
         "    return [order[s:s + batch_size] for s in range(0, n - batch_size + 1, batch_size)]"),
        ("draws with replacement",
         "def minibatch_indices(n, batch_size, rng):\n    order = rng.integers(0, n, size=n)\n"
         "    return [order[s:s + batch_size] for s in range(0, n, batch_size)]"),
        ("ignores rng (global numpy generator)",
         "def minibatch_indices(n, batch_size, rng):\n    order = np.random.permutation(n)\n"
         "    return [order[s:s + batch_size] for s in range(0, n, batch_size)]"),
        ("a fresh generator with a fixed seed every call",
         "def minibatch_indices(n, batch_size, rng):\n    order = np.random.default_rng(0).permutation(n)\n"
         "    return [order[s:s + batch_size] for s in range(0, n, batch_size)]"),
        ("one batch too many (an empty one)",
         "def minibatch_indices(n, batch_size, rng):\n    order = rng.permutation(n)\n"
         "    return [order[s:s + batch_size] for s in range(0, n + batch_size, batch_size)]"),
    ],
    "train-epoch": [
        ("forgets the optimizer step",
         EPOCH_HEAD + "    total = 0.0\n    for idx in minibatches(len(X), batch_size, rng):\n"
         "        loss, grads = model.loss_and_grads(X[idx], y[idx])\n        total += loss * len(idx)\n"
         "    return total / len(X)"),
        ("unweighted mean of the batch losses",
         EPOCH_HEAD + "    losses = []\n    for idx in minibatches(len(X), batch_size, rng):\n"
         "        loss, grads = model.loss_and_grads(X[idx], y[idx])\n        optimizer.step(grads)\n"
         "        losses.append(loss)\n    return float(np.mean(losses))"),
        ("returns the last batch's loss",
         EPOCH_HEAD + "    for idx in minibatches(len(X), batch_size, rng):\n"
         "        loss, grads = model.loss_and_grads(X[idx], y[idx])\n        optimizer.step(grads)\n"
         "    return loss"),
        ("no shuffling",
         EPOCH_HEAD + "    total = 0.0\n    for s in range(0, len(X), batch_size):\n"
         "        idx = np.arange(s, min(s + batch_size, len(X)))\n"
         "        loss, grads = model.loss_and_grads(X[idx], y[idx])\n        optimizer.step(grads)\n"
         "        total += loss * len(idx)\n    return total / len(X)"),
        ("full batch whatever batch_size",
         EPOCH_HEAD + "    loss, grads = model.loss_and_grads(X, y)\n    optimizer.step(grads)\n    return loss"),
        ("the loss after the step, measured again",
         EPOCH_HEAD + "    total = 0.0\n    for idx in minibatches(len(X), batch_size, rng):\n"
         "        _, grads = model.loss_and_grads(X[idx], y[idx])\n        optimizer.step(grads)\n"
         "        total += model.loss_and_grads(X[idx], y[idx])[0] * len(idx)\n    return total / len(X)"),
    ],
}

CORRECT = {
    "gradient-descent": [
        ("preallocated array",
         "def gradient_descent(grad, w0, lr, steps):\n    w0 = np.asarray(w0, dtype=float)\n"
         "    path = np.empty((steps + 1, *w0.shape)); path[0] = w0\n"
         "    for m in range(steps):\n        path[m + 1] = path[m] - lr * grad(path[m].copy())\n    return path"),
        ("np.stack of a list",
         "def gradient_descent(grad, w0, lr, steps):\n    ws = [np.array(w0, dtype=float)]\n"
         "    for _ in range(steps):\n        ws.append(ws[-1] - lr * np.asarray(grad(ws[-1])))\n    return np.stack(ws)"),
    ],
    "max-stable-lr": [
        ("np.linalg.eigvals, real part", "def max_stable_lr(H):\n    return 2 / max(np.linalg.eigvals(np.array(H)).real)"),
        ("spectral norm", "def max_stable_lr(H):\n    return 2 / np.linalg.norm(np.asarray(H, float), 2)"),
    ],
    "best-fixed-lr": [
        ("from the eigenvalues directly, as a list",
         "def best_fixed_lr(H):\n    lo, hi = np.linalg.eigvalsh(H)[[0, -1]]\n"
         "    return [2 / (lo + hi), (hi - lo) / (hi + lo)]"),
        ("np.linalg.cond",
         "def best_fixed_lr(H):\n    H = np.asarray(H, float); k = np.linalg.cond(H)\n"
         "    lam = np.linalg.eigvalsh(H)\n    return 2 / (lam.min() + lam.max()), (k - 1) / (k + 1)"),
    ],
    "cosine-lr": [
        ("branch on t >= T, math.cos",
         "import math\ndef cosine_lr(t, lr0, T, lr_min=0.0):\n    if t >= T:\n        return lr_min\n"
         "    return lr_min + 0.5 * (lr0 - lr_min) * (1 + math.cos(math.pi * t / T))"),
        ("cos^2 form",
         "def cosine_lr(t, lr0, T, lr_min=0.0):\n"
         "    return lr_min + (lr0 - lr_min) * np.cos(np.pi * min(t, T) / (2 * T)) ** 2"),
    ],
    "momentum": [
        ("index loop with [...] assignment",
         _opt("Momentum", MOM_INIT, ["for i, p in enumerate(self.params):",
                                     "    self.velocity[i][...] = self.momentum * self.velocity[i] - self.lr * grads[i]",
                                     "    p[...] = p + self.velocity[i]"])),
        ("velocity list rebound, parameters in place",
         _opt("Momentum", MOM_INIT, ["self.velocity = [self.momentum * v - self.lr * g "
                                     "for v, g in zip(self.velocity, grads)]",
                                     "for p, v in zip(self.params, self.velocity):", "    p += v"])),
    ],
    "ema-momentum": [
        ("via the classic rate (1 - alpha) lr",
         _opt("EMAMomentum", EMA_INIT, ["lr = (1 - self.alpha) * self.lr", LOOP, "    v *= self.alpha",
                                        "    v -= lr * g", "    p += v"])),
    ],
    "nesterov": [
        ("PyTorch's form with a positive buffer",
         _opt("NesterovMomentum", MOM_INIT, [LOOP, "    v *= self.momentum", "    v += g",
                                             "    p -= self.lr * (g + self.momentum * v)"])),
    ],
    "adagrad": [
        ("np.add and np.sqrt with out=",
         _opt("Adagrad", ADAGRAD_INIT, ["for p, g, s in zip(self.params, grads, self.sum_sq):",
                                        "    np.add(s, g ** 2, out=s)",
                                        "    p[...] = p - self.lr * g / (np.sqrt(s) + self.eps)"])),
    ],
    "rmsprop": [
        ("state list rebound",
         _opt("RMSprop", RMS_INIT, ["a = self.alpha",
                                    "self.mean_sq = [a * r + (1 - a) * g**2 for r, g in zip(self.mean_sq, grads)]",
                                    "for p, g, r in zip(self.params, grads, self.mean_sq):",
                                    "    p -= self.lr * g / (np.sqrt(r) + self.eps)"])),
    ],
    "adam": [
        ("step size form: lr sqrt(1 - b2^t) / (1 - b1^t), eps on v_hat",
         _adam(ADAM_MOMENTS + [
             "if self.bias_correction:",
             "    v_hat = v / (1 - b2**self.t)",
             "    p -= self.lr / (1 - b1**self.t) * m / (np.sqrt(v_hat) + self.eps)",
             "else:",
             "    p -= self.lr * m / (np.sqrt(v) + self.eps)"])),
    ],
    "nadam": [
        ("look-ahead written as one fraction per term, in place",
         _nadam("(b1 / (1 - b1 ** (t + 1))) * m + ((1 - b1) / (1 - b1 ** t)) * g")),
    ],
    "minibatch-indices": [
        ("rng.shuffle on arange, np.array_split",
         "def minibatch_indices(n, batch_size, rng):\n    order = np.arange(n)\n    rng.shuffle(order)\n"
         "    return np.array_split(order, range(batch_size, n, batch_size))"),
        ("rng.choice without replacement",
         "def minibatch_indices(n, batch_size, rng):\n    order = rng.choice(n, size=n, replace=False)\n"
         "    return [list(order[s:s + batch_size]) for s in range(0, n, batch_size)]"),
    ],
    "train-epoch": [
        ("losses and sizes collected, np.average",
         EPOCH_HEAD + "    losses, sizes = [], []\n    for idx in minibatches(len(X), batch_size, rng):\n"
         "        value, _ = model.loss_and_grads(X[idx], y[idx])\n        optimizer.step(model.grads)\n"
         "        losses.append(value); sizes.append(len(idx))\n    return float(np.average(losses, weights=sizes))"),
    ],
}

# Every wrong answer here must already fail the visible tests (none is left to the hidden ones).
HIDDEN_ONLY: dict[str, list[str]] = {}

PIPELINE_WRONG = ("adam", 0)
