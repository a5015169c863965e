"""Notebook 04's claim that hidden units become more abstract with depth, over several seeds.

For each seed: train ``helpers.representations.train_ring_classifier`` (timed, one core is
what the notebook gets on a busy 2-core machine), then on a 101 x 101 grid of the unit disk
print per layer the median eta^2 of the units (variance explained by 20 radius bins; dead units
left out), the number of dead units, and the median number of linear pieces per unit.

    .venv/bin/python benchmarks/depth_abstraction.py [--seeds 5]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402

from helpers.networks import deep_forward  # noqa: E402
from helpers.representations import explained_variance, radial_groups, train_ring_classifier, unit_pieces  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=5)
    args = parser.parse_args()
    g = np.linspace(-1, 1, 101)
    grid = np.stack(np.meshgrid(g, g), axis=-1).reshape(-1, 2)
    grid = grid[np.hypot(grid[:, 0], grid[:, 1]) <= 1]
    groups = radial_groups(grid)
    print("seed  train s  accuracy  median eta^2 per layer (h1 .. h4, logits)  dead units  median pieces")
    for seed in range(args.seeds):
        start = time.perf_counter()
        net, X, y = train_ring_classifier(seed=seed)
        seconds = time.perf_counter() - start
        out, hidden = deep_forward(grid, net.betas, net.omegas, return_hidden=True)
        etas = [explained_variance(h, groups) for h in hidden] + [explained_variance(out, groups)]
        medians = " ".join(f"{np.nanmedian(e):.2f}" for e in etas)
        dead = [int(np.isnan(e).sum()) for e in etas[:-1]]
        pieces = [int(np.median(p)) for p in unit_pieces(hidden)]
        print(f"{seed:4d}  {seconds:7.2f}  {net.accuracy(X, y):8.3f}  {medians:41s}  {dead!s:10s}  {pieces}")


if __name__ == "__main__":
    main()
