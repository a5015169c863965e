NOTEBOOK = "09-capstone"

_SPLIT_HEAD = "def validation_split(X, y, fraction=0.2, seed=0):\n    X, y = np.asarray(X), np.asarray(y)\n"
_CM_HEAD = "def confusion_matrix(y_true, y_pred, n_classes=10):\n"
_TRAIN_HEAD = (
    "def train_model(X_train, y_train, X_val, y_val, *, epochs=20, seed=0, progress=True, live=False):\n"
    "    X_train = np.asarray(X_train, dtype=np.float32)\n"
    "    net = MLP([X_train.shape[1], 64, 10], seed=seed)\n"
    "    opt = Adam(net.params, lr=3e-3)\n"
    "    rng = np.random.default_rng(seed)\n"
    "    history = {'val_accuracy': []}\n"
)
_TRAIN_BEST = (
    "    best, best_acc = [p.copy() for p in net.params], -1.0\n"
    "    for epoch in range(epochs):\n"
    "        X_aug = shift_and_noise(X_train, rng, max_shift=3, noise=0.1)\n"
    "        h = net.fit(X_aug, y_train, optimizer=opt, epochs=1, batch_size=50, seed=seed + epoch,\n"
    "                    X_val=X_val, y_val=y_val, progress=False)\n"
    "        history['val_accuracy'].append(h['val_accuracy'][-1])\n"
    "        if history['val_accuracy'][-1] > best_acc:\n"
    "            best, best_acc = [p.copy() for p in net.params], history['val_accuracy'][-1]\n"
    "    for p, b in zip(net.params, best):\n"
    "        p[...] = b\n"
    "    return net, history\n"
)

# answer id -> [(label, code that replaces the answer cell)]
WRONG = {
    "validation-split": [
        ("last rows as validation, no shuffle",
         _SPLIT_HEAD + "    n_val = int(round(fraction * len(y)))\n"
         "    return X[:-n_val], y[:-n_val], X[-n_val:], y[-n_val:]"),
        ("X and y shuffled separately",
         _SPLIT_HEAD + "    rng = np.random.default_rng(seed)\n    n_val = int(round(fraction * len(y)))\n"
         "    a, b = rng.permutation(len(y)), rng.permutation(len(y))\n"
         "    return X[a[n_val:]], y[b[n_val:]], X[a[:n_val]], y[b[:n_val]]"),
        ("one validation row too many",
         _SPLIT_HEAD + "    order = np.random.default_rng(seed).permutation(len(y))\n"
         "    n_val = int(fraction * len(y)) + 1\n"
         "    return X[order[n_val:]], y[order[n_val:]], X[order[:n_val]], y[order[:n_val]]"),
        ("validation rows drawn with replacement (overlap)",
         _SPLIT_HEAD + "    rng = np.random.default_rng(seed)\n    n_val = int(round(fraction * len(y)))\n"
         "    val = rng.integers(0, len(y), n_val)\n    train = rng.integers(0, len(y), len(y) - n_val)\n"
         "    return X[train], y[train], X[val], y[val]"),
        ("returns X_train, X_val, y_train, y_val",
         _SPLIT_HEAD + "    order = np.random.default_rng(seed).permutation(len(y))\n"
         "    n_val = int(round(fraction * len(y)))\n"
         "    return X[order[n_val:]], X[order[:n_val]], y[order[n_val:]], y[order[:n_val]]"),
        ("ignores the seed",
         _SPLIT_HEAD + "    order = np.random.default_rng(0).permutation(len(y))\n"
         "    n_val = int(round(fraction * len(y)))\n"
         "    return X[order[n_val:]], y[order[n_val:]], X[order[:n_val]], y[order[:n_val]]"),
    ],
    "first-epoch-reaching": [
        ("counts epochs from 0",
         "def first_epoch_reaching(accuracies, target=1.0):\n"
         "    for i, a in enumerate(accuracies):\n        if a >= target:\n            return i\n"
         "    return None"),
        ("strictly above the target",
         "def first_epoch_reaching(accuracies, target=1.0):\n"
         "    for i, a in enumerate(accuracies, start=1):\n        if a > target:\n            return i\n"
         "    return None"),
        ("the last epoch that reaches it",
         "def first_epoch_reaching(accuracies, target=1.0):\n    found = None\n"
         "    for i, a in enumerate(accuracies, start=1):\n        if a >= target:\n            found = i\n"
         "    return found"),
        ("the last epoch when never reached",
         "def first_epoch_reaching(accuracies, target=1.0):\n"
         "    for i, a in enumerate(accuracies, start=1):\n        if a >= target:\n            return i\n"
         "    return len(accuracies)"),
        ("ignores target (always 1.0)",
         "def first_epoch_reaching(accuracies, target=1.0):\n"
         "    for i, a in enumerate(accuracies, start=1):\n        if a == 1.0:\n            return i\n"
         "    return None"),
        ("argmax without checking that it was reached",
         "def first_epoch_reaching(accuracies, target=1.0):\n"
         "    return int(np.argmax(np.asarray(accuracies) >= target)) + 1 if len(accuracies) else None"),
    ],
    "train-model": [
        ("returns the last epoch, not the best",
         _TRAIN_HEAD + "    for epoch in range(epochs):\n"
         "        X_aug = shift_and_noise(X_train, rng, max_shift=3, noise=0.1)\n"
         "        h = net.fit(X_aug, y_train, optimizer=opt, epochs=1, batch_size=50, seed=seed + epoch,\n"
         "                    X_val=X_val, y_val=y_val, progress=False)\n"
         "        history['val_accuracy'].append(h['val_accuracy'][-1])\n"
         "    return net, history"),
        ("validation accuracy measured on augmented validation signals",
         _TRAIN_HEAD + "    best, best_acc = [p.copy() for p in net.params], -1.0\n"
         "    for epoch in range(epochs):\n"
         "        X_aug = shift_and_noise(X_train, rng, max_shift=3, noise=0.1)\n"
         "        X_v = shift_and_noise(X_val, rng, max_shift=3, noise=0.5)\n"
         "        h = net.fit(X_aug, y_train, optimizer=opt, epochs=1, batch_size=50, seed=seed + epoch,\n"
         "                    X_val=X_v, y_val=y_val, progress=False)\n"
         "        history['val_accuracy'].append(h['val_accuracy'][-1])\n"
         "        if history['val_accuracy'][-1] > best_acc:\n"
         "            best, best_acc = [p.copy() for p in net.params], history['val_accuracy'][-1]\n"
         "    for p, b in zip(net.params, best):\n        p[...] = b\n"
         "    return net, history"),
        ("augments X_train in place",
         "def train_model(X_train, y_train, X_val, y_val, *, epochs=20, seed=0, progress=True, live=False):\n"
         "    net = MLP([X_train.shape[1], 64, 10], seed=seed)\n"
         "    opt = Adam(net.params, lr=3e-3)\n    rng = np.random.default_rng(seed)\n"
         "    history = {'val_accuracy': []}\n"
         "    best, best_acc = [p.copy() for p in net.params], -1.0\n"
         "    for epoch in range(epochs):\n"
         "        X_train += 0.1 * rng.standard_normal(X_train.shape)\n"
         "        h = net.fit(X_train, y_train, optimizer=opt, epochs=1, batch_size=50, seed=seed + epoch,\n"
         "                    X_val=X_val, y_val=y_val, progress=False)\n"
         "        history['val_accuracy'].append(h['val_accuracy'][-1])\n"
         "        if history['val_accuracy'][-1] > best_acc:\n"
         "            best, best_acc = [p.copy() for p in net.params], history['val_accuracy'][-1]\n"
         "    for p, b in zip(net.params, best):\n        p[...] = b\n"
         "    return net, history"),
        ("hard-codes 40 inputs (fails on 8x8 digits)",
         _TRAIN_HEAD.replace("MLP([X_train.shape[1], 64, 10]", "MLP([40, 64, 10]") + _TRAIN_BEST),
        ("trains one epoch whatever epochs says, with a tiny learning rate",
         _TRAIN_HEAD.replace("lr=3e-3", "lr=1e-6") + _TRAIN_BEST.replace("range(epochs)", "range(1)")),
    ],
    "capstone-run": [
        ("an untrained network",
         "model = MLP([40, 256, 10], seed=0)\nhistory = {'val_accuracy': [model.accuracy(X_val, y_val)]}"),
        ("a plain MLP, two epochs, no augmentation",
         "model = MLP([40, 100, 10], seed=0)\n"
         "history = model.fit(X_tr, y_tr, optimizer=Adam(model.params, lr=1e-3), epochs=2, batch_size=100,\n"
         "                    X_val=X_val, y_val=y_val, progress=False)"),
        ("predicts the labels of the wrong rows",
         "model, history = train_model(X_tr, y_tr, X_val, y_val, epochs=5, seed=0, progress=False)\n"
         "class Shifted:\n    def predict(self, X):\n        return np.roll(model.predict(X), 1)\n"
         "model = Shifted()"),
    ],
    "confusion-matrix": [
        ("transposed: C[predicted, true]",
         _CM_HEAD + "    C = np.zeros((n_classes, n_classes), dtype=int)\n"
         "    for t, p in zip(y_true, y_pred):\n        C[p, t] += 1\n    return C"),
        ("size from the labels seen, not n_classes",
         _CM_HEAD + "    k = int(max(np.max(y_true), np.max(y_pred))) + 1\n"
         "    C = np.zeros((k, k), dtype=int)\n"
         "    for t, p in zip(y_true, y_pred):\n        C[t, p] += 1\n    return C"),
        ("rows normalised to fractions",
         _CM_HEAD + "    C = np.zeros((n_classes, n_classes))\n"
         "    for t, p in zip(y_true, y_pred):\n        C[t, p] += 1\n"
         "    return C / np.maximum(C.sum(axis=1, keepdims=True), 1)"),
        ("counts only the mistakes",
         _CM_HEAD + "    C = np.zeros((n_classes, n_classes), dtype=int)\n"
         "    for t, p in zip(y_true, y_pred):\n        if t != p:\n            C[t, p] += 1\n    return C"),
    ],
}

# answer id -> [(label, code)]: other valid answers
CORRECT = {
    "validation-split": [
        ("rng.choice without replacement, boolean mask",
         _SPLIT_HEAD + "    rng = np.random.default_rng(seed)\n    n_val = int(round(fraction * len(y)))\n"
         "    mask = np.zeros(len(y), dtype=bool)\n"
         "    mask[rng.choice(len(y), n_val, replace=False)] = True\n"
         "    return X[~mask], y[~mask], X[mask], y[mask]"),
        ("shuffled copy, validation at the end, returns a list",
         _SPLIT_HEAD + "    order = np.random.default_rng(seed + 1000).permutation(len(y))\n"
         "    n_val = int(round(fraction * len(y)))\n"
         "    cut = len(y) - n_val\n"
         "    return [X[order[:cut]], y[order[:cut]], X[order[cut:]], y[order[cut:]]]"),
    ],
    "first-epoch-reaching": [
        ("np.flatnonzero", "def first_epoch_reaching(accuracies, target=1.0):\n"
         "    hits = np.flatnonzero(np.asarray(accuracies, dtype=float) >= target)\n"
         "    return int(hits[0]) + 1 if hits.size else None"),
        ("a numpy integer", "def first_epoch_reaching(accuracies, target=1.0):\n"
         "    hits = np.flatnonzero(np.asarray(accuracies) >= target)\n"
         "    return hits[0] + 1 if hits.size else None"),
        ("next() over a generator", "def first_epoch_reaching(accuracies, target=1.0):\n"
         "    return next((i + 1 for i, a in enumerate(accuracies) if a >= target), None)"),
        ("a while loop on a list", "def first_epoch_reaching(accuracies, target=1.0):\n"
         "    values, i = list(accuracies), 0\n    while i < len(values) and values[i] < target:\n"
         "        i += 1\n    return i + 1 if i < len(values) else None"),
    ],
    "train-model": [
        ("the course's parts through helpers.training.fit: augment, CosineDecay, EarlyStopping",
         "from helpers.regularization import EarlyStopping\n"
         "from helpers.schedules import CosineDecay\n"
         "from helpers.training import fit\n"
         "def train_model(X_train, y_train, X_val, y_val, *, epochs=20, seed=0, progress=True, live=False):\n"
         "    X_train = np.asarray(X_train, dtype=np.float32)\n"
         "    net = MLP([X_train.shape[1], 256, 256, 10], seed=seed)\n"
         "    opt = Adam(net.params, lr=4e-3, weight_decay=5e-4)\n"
         "    rng = np.random.default_rng(seed)\n"
         "    callbacks = [CosineDecay(opt, epochs=epochs), EarlyStopping('val_accuracy', patience=None)]\n"
         "    if live:\n"
         "        callbacks.append(capstone.LiveCurves())\n"
         "    history = fit(net, X_train, y_train, optimizer=opt, epochs=epochs, batch_size=50, seed=seed,\n"
         "                  X_val=X_val, y_val=y_val, callbacks=callbacks, progress=progress,\n"
         "                  augment=lambda X: shift_and_noise(X, rng, max_shift=5, noise=0.1))\n"
         "    return net, history"),
        ("a small net with SGD momentum, early stopping with patience",
         "from helpers.optim import SGD\n"
         "def train_model(X_train, y_train, X_val, y_val, *, epochs=20, seed=0, progress=True, live=False):\n"
         "    net = MLP([np.shape(X_train)[1], 128, 10], seed=seed)\n"
         "    opt = SGD(net.params, lr=0.05, momentum=0.9)\n"
         "    rng = np.random.default_rng(seed)\n"
         "    history = {'val_accuracy': [], 'loss': []}\n"
         "    best, best_acc, waited = [p.copy() for p in net.params], -1.0, 0\n"
         "    for epoch in range(epochs):\n"
         "        X_aug = np.asarray(X_train) + 0.05 * rng.standard_normal(np.shape(X_train))\n"
         "        h = net.fit(X_aug, y_train, optimizer=opt, epochs=1, batch_size=32, seed=seed + epoch,\n"
         "                    progress=progress)\n"
         "        acc = net.accuracy(X_val, y_val)\n"
         "        history['val_accuracy'].append(acc)\n"
         "        history['loss'].append(h['loss'][-1])\n"
         "        if acc > best_acc:\n"
         "            best, best_acc, waited = [p.copy() for p in net.params], acc, 0\n"
         "        else:\n"
         "            waited += 1\n"
         "            if waited >= 3:\n"
         "                break\n"
         "    for p, b in zip(net.params, best):\n        p[...] = b\n"
         "    return net, history"),
    ],
    "capstone-run": [
        ("the course's recipe at another width, via the student's train_model",
         "model, history = train_model(X_tr, y_tr, X_val, y_val, epochs=12, seed=1, progress=False)"),
    ],
    "confusion-matrix": [
        ("np.add.at on lists",
         _CM_HEAD + "    C = np.zeros((n_classes, n_classes), dtype=np.int64)\n"
         "    np.add.at(C, (np.asarray(y_true, dtype=int), np.asarray(y_pred, dtype=int)), 1)\n    return C"),
        ("bincount of the pair index",
         _CM_HEAD + "    idx = np.asarray(y_true, dtype=int) * n_classes + np.asarray(y_pred, dtype=int)\n"
         "    return np.bincount(idx, minlength=n_classes ** 2).reshape(n_classes, n_classes)"),
    ],
}

# The graded training run is scored on signals only the hidden test generates (a secret seed), so
# how well a run does is for the hidden test alone to say.
HIDDEN_ONLY = {"capstone-run": ["an untrained network", "a plain MLP, two epochs, no augmentation"]}

PIPELINE_WRONG = ("confusion-matrix", 0)
