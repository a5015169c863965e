"""The code stays ruff clean: package, tests, tools, benchmarks and solution notebooks."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.course import ROOT

RUFF = Path(sys.executable).parent / "ruff"
TARGETS = ["helpers", "tests", "tools", "benchmarks", "solutions", "hub", "nbgrader_config.py", "conftest.py"]


def test_ruff_reports_nothing() -> None:
    result = subprocess.run([str(RUFF), "check", "--no-cache", *TARGETS], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, f"ruff found problems (run `make lint`):\n{result.stdout[-3000:]}"
