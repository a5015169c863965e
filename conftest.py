"""pytest set-up for the whole course (tests/, which also runs the solution notebooks)."""

from __future__ import annotations

import os

# One BLAS thread per process: the suite runs two xdist workers, each driving notebook kernels
# and nbgrader, on two cores. OpenBLAS threads competing for those cores made small matrix
# products orders of magnitude slower. Set before numpy loads; kernels inherit it.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import matplotlib  # noqa: E402

# Headless plotting in the test process; kernels started by the tests keep their inline backend.
matplotlib.use("Agg")

from hypothesis import settings  # noqa: E402

# No per-example deadline: on a loaded 2-core machine a 200 ms deadline fails correct code.
# Tests assert results, never timings (benchmarks/ measures those).
settings.register_profile("course", deadline=None)
settings.load_profile("course")
