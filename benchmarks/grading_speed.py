"""How fast the sandboxed, robust grading is (issue 9). Not a test: run it, read the numbers.

    .venv/bin/python benchmarks/grading_speed.py [--runs 5] [--submissions 200] [--jobs 2]

1. Per submission: plain execution of notebook 01's solution (nbgrader's own ``Execute``, no
   sandbox) against the course's ``RobustExecute`` (bubblewrap, per-cell integrity checks), the
   same notebook, alternated ``--runs`` times in one process; medians and their ratio.
2. A class: ``--submissions`` synthetic submissions of 01 (the solution and the wrong answers of
   ``tests/cases/cases_01_neurons.py``, in turn) graded by ``make autograde``'s command in a
   temporary course, once with 1 worker and once with ``--jobs`` workers; seconds per
   submission, the speed-up, and a check that the gradebook holds exactly the expected score of
   every submission (no lost or corrupted rows).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.course import load_cases  # noqa: E402
from tests.grading_course import ENV, make_course, scores, submit, with_cell  # noqa: E402

A = "01-neurons"


def execution_times(runs: int) -> tuple[list[float], list[float]]:
    from nbgrader.preprocessors import Execute

    from tools.grading.execute import RobustExecute

    nb = nbformat.read(ROOT / "solutions" / A / f"{A}.ipynb", as_version=4)
    plain, robust = [], []
    for _ in range(runs):
        for cls, times in ((Execute, plain), (RobustExecute, robust)):
            start = time.perf_counter()
            resources = {"metadata": {"path": str(ROOT / "solutions" / A)}}
            cls(timeout=60).preprocess(nbformat.from_dict(nb), resources)
            times.append(time.perf_counter() - start)
    return plain, robust


def variants() -> list[tuple[str, nbformat.NotebookNode, str | None]]:
    """(label, notebook, the test cell it fails or None) for the synthetic class."""
    solution = nbformat.read(ROOT / "solutions" / A / f"{A}.ipynb", as_version=4)
    cases = load_cases(ROOT / "tests" / "cases" / "cases_01_neurons.py")
    found = [("solution", solution, None)]
    for answer, items in cases.WRONG.items():
        found.append((f"wrong {answer}", with_cell(solution, answer, items[0][1]), f"{answer}-tests"))
    return found


def grade_class(n: int, jobs: int) -> tuple[float, bool, str]:
    """Seconds to grade ``n`` submissions with ``jobs`` workers, whether every score is right."""
    with tempfile.TemporaryDirectory(prefix="grading-bench-") as tmp:
        course = make_course(Path(tmp), A)
        kinds = variants()
        expected = {}
        for i in range(n):
            label, nb, fails = kinds[i % len(kinds)]
            student = f"student {i:03d}"
            submit(course, student, A, nb)
            expected[student] = fails
        subprocess.run([sys.executable, "-m", "nbgrader", "generate_assignment", A, "--force",
                        "--log-level=ERROR"], cwd=course, env=ENV, check=True, capture_output=True)
        start = time.perf_counter()
        command = [sys.executable, "-m", "tools.grading.workflow", "autograde", "-j", str(jobs)]
        result = subprocess.run(command,
                                cwd=course, env=ENV, capture_output=True, text=True)
        seconds = time.perf_counter() - start
        full = scores(course, A, "student 000")
        wrong = []
        for student, fails in expected.items():
            try:
                got = scores(course, A, student)
            except Exception as err:  # noqa: BLE001 - a missing row is what we look for
                wrong.append(f"{student}: {err}")
                continue
            lost = {c for c, s in got.items() if s < full[c]}
            if lost != ({fails} if fails else set()):
                wrong.append(f"{student}: lost {lost}, expected {fails}")
        ok = result.returncode == 0 and not wrong
        return seconds, ok, (result.stderr[-500:] + "\n".join(wrong[:5])) if not ok else ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--submissions", type=int, default=200)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    if shutil.which("bwrap") is None:
        print("bubblewrap is missing: the sandboxed numbers would be meaningless (bash tools/system-deps.sh)")
        return
    plain, robust = execution_times(args.runs)
    p, r = statistics.median(plain), statistics.median(robust)
    print(f"notebook {A}, {args.runs} alternated runs: plain execution median {p:.2f} s, "
          f"sandboxed robust execution median {r:.2f} s, ratio {r / p:.2f}")
    serial, ok1, why1 = grade_class(args.submissions, 1)
    parallel, ok2, why2 = grade_class(args.submissions, args.jobs)
    n = args.submissions
    print(f"{n} submissions of {A}: 1 worker {serial:.0f} s ({serial / n:.2f} s each), "
          f"{args.jobs} workers {parallel:.0f} s ({parallel / n:.2f} s each), "
          f"speed-up {serial / parallel:.2f}; "
          f"gradebook correct: {ok1 and ok2}")
    print(f"per submission through make autograde (1 worker) vs plain execution: {serial / n / p:.2f}x")
    for why in (why1, why2):
        if why:
            print(why)


if __name__ == "__main__":
    main()
