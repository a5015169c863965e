"""How fast the playground draws: training steps and frames per second (measured, never asserted).

A frame is what the widget does per tick of play: ``steps_per_frame`` SGD steps of
``PlaygroundRun``, the train and test loss, the network on the 40 x 40 grid with every hidden
unit's output, and the three PNG images (``PlaygroundView.render``). The widget's own
transport to the browser (an ipywidgets message per image) is not included.

    .venv/bin/python benchmarks/playground_speed.py                 # 2 x 8 tanh, xor, batch 10
    .venv/bin/python benchmarks/playground_speed.py --hidden 8 8 8 8 --frames 100

Prints the load average first (above 1 on 2 cores: something else runs and times are noisy),
then median frame time over ``--rounds`` rounds of ``--frames`` frames, with the quartiles.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

from helpers.features import PlaygroundRun
from helpers.playground import PlaygroundView


def frame_times(args: argparse.Namespace) -> tuple[list[float], list[float]]:
    """Per round: seconds per drawn frame, and seconds per step alone (no drawing)."""
    drawn, bare = [], []
    for r in range(args.rounds):
        run = PlaygroundRun(args.dataset, hidden=args.hidden, activation=args.activation,
                            batch_size=args.batch_size, seed=r)
        view = PlaygroundView(run)
        view.render()  # warm-up: colour map, grid features, buffers
        start = time.perf_counter()
        for _ in range(args.frames):
            run.step(args.steps_per_frame)
            view.render()
        drawn.append((time.perf_counter() - start) / args.frames)
        start = time.perf_counter()
        run.step(args.frames)
        bare.append((time.perf_counter() - start) / args.frames)
    return drawn, bare


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--hidden", type=int, nargs="*", default=[8, 8])
    parser.add_argument("--dataset", default="xor")
    parser.add_argument("--activation", default="tanh")
    parser.add_argument("--batch-size", type=int, default=10)
    parser.add_argument("--steps-per-frame", type=int, default=1)
    parser.add_argument("--frames", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    drawn, bare = frame_times(args)
    q = statistics.quantiles(drawn, n=4) if len(drawn) > 1 else [drawn[0]] * 3
    med = statistics.median(drawn)
    print(f"network [2, {', '.join(map(str, args.hidden))}, 1] {args.activation}, {args.dataset}, "
          f"batch {args.batch_size}, {args.steps_per_frame} step(s) per frame, "
          f"{args.rounds} rounds x {args.frames} frames")
    print(f"frame (steps + loss + grid + 3 PNGs): median {med * 1e3:.1f} ms "
          f"(quartiles {q[0] * 1e3:.1f}-{q[2] * 1e3:.1f}) = {1 / med:.0f} frames/s "
          f"= {args.steps_per_frame / med:.0f} training steps drawn per second")
    print(f"one training step alone (loss recorded each step): median {statistics.median(bare) * 1e3:.2f} ms")


if __name__ == "__main__":
    main()
