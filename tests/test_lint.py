"""The code stays clean: ruff over the package, tests, tools, benchmarks and solution notebooks;
mypy over the package (its settings are in pyproject.toml)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.course import ROOT

BIN = Path(sys.executable).parent
TARGETS = ["helpers", "tests", "tools", "benchmarks", "solutions", "hub", "nbgrader_config.py", "conftest.py"]


def test_ruff_reports_nothing() -> None:
    result = subprocess.run([str(BIN / "ruff"), "check", "--no-cache", *TARGETS], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, f"ruff found problems (run `make lint`):\n{result.stdout[-3000:]}"


def test_mypy_reports_nothing() -> None:
    result = subprocess.run([str(BIN / "mypy")], cwd=ROOT,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, f"mypy found problems (run `make lint`):\n{result.stdout[-3000:]}"
