"""How long the notebooks take to execute and to grade, measured (not asserted in tests).

For each assignment:
* execution: the solution notebook run top to bottom in a fresh kernel (nbclient), ``--runs``
  times; the median and the spread are printed;
* grading: ``nbgrader autograde`` of ``--submissions`` copies of the solution notebook in one
  call, on a temporary copy of the course; the time per submission is the call's wall time
  divided by the number of submissions (it includes nbgrader's start-up, shared by all).

    .venv/bin/python benchmarks/notebook_times.py                # all assignments
    .venv/bin/python benchmarks/notebook_times.py 01-neurons --runs 5

Run it on an idle machine: the load average is printed first. Kernels print their start-up
warnings on stderr; ``2>/dev/null`` leaves the table alone.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ["PATH"]])}


def execution_times(assignment: str, runs: int) -> list[float]:
    """Wall times (s) of executing the solution notebook in a fresh kernel, ``runs`` times."""
    path = ROOT / "solutions" / assignment / f"{assignment}.ipynb"
    times = []
    for _ in range(runs):
        nb = nbformat.read(path, as_version=4)
        start = time.perf_counter()
        NotebookClient(nb, timeout=600, kernel_name="python3",
                       resources={"metadata": {"path": str(path.parent)}}).execute()
        times.append(time.perf_counter() - start)
    return times


def grading_time(assignment: str, submissions: int) -> float:
    """Wall time (s) of one ``nbgrader autograde`` call over ``submissions`` solution copies."""
    with tempfile.TemporaryDirectory() as tmp:
        course = Path(tmp)
        shutil.copy(ROOT / "nbgrader_config.py", course)
        shutil.copytree(ROOT / "tools", course / "tools", ignore=shutil.ignore_patterns("__pycache__"))
        shutil.copytree(ROOT / "solutions" / assignment, course / "solutions" / assignment)
        run = [sys.executable, "-m", "nbgrader"]
        quiet = {"cwd": course, "env": ENV, "check": True, "capture_output": True}
        subprocess.run([*run, "generate_assignment", assignment, "--log-level=ERROR"], **quiet)
        for i in range(submissions):
            folder = course / "submitted" / f"student{i:02d}" / assignment
            folder.mkdir(parents=True)
            shutil.copy(ROOT / "solutions" / assignment / f"{assignment}.ipynb", folder)
        start = time.perf_counter()
        subprocess.run([*run, "autograde", assignment, "--log-level=ERROR"], **quiet)
        return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("assignments", nargs="*", help="default: every folder in solutions/")
    ap.add_argument("--runs", type=int, default=3, help="executions per notebook")
    ap.add_argument("--submissions", type=int, default=3, help="submissions per autograde call")
    args = ap.parse_args()
    assignments = args.assignments or sorted(p.name for p in (ROOT / "solutions").iterdir() if p.is_dir())

    print(f"load average before the run: {os.getloadavg()[0]:.2f}; {os.cpu_count()} CPUs")
    print(f"{'assignment':24} {'execute median (s)':>19} {'min-max':>12} "
          f"{'autograde per submission (s)':>29}")
    for assignment in assignments:
        times = execution_times(assignment, args.runs)
        per_submission = grading_time(assignment, args.submissions) / args.submissions
        print(f"{assignment:24} {statistics.median(times):19.1f} "
              f"{min(times):5.1f}-{max(times):<6.1f} {per_submission:29.1f}")


if __name__ == "__main__":
    main()
