"""pytest set-up for the whole course (tests/ and the solution notebooks run by nbval)."""

from __future__ import annotations

import matplotlib
import pytest

# Headless plotting in the test process; kernels started by the tests keep their inline backend.
matplotlib.use("Agg")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Keep each notebook's cells on one xdist worker (they share a kernel)."""
    for item in items:
        path = str(item.path)
        if path.endswith(".ipynb"):
            item.add_marker(pytest.mark.xdist_group(path))
