"""Grading a class on the hub: N synthetic submissions of one notebook, W parallel workers.

A trial hub on loopback (hub/trial.py; run as root) with its instructor. The instructor's
formgrader generates the assignment; N submissions are laid into the instructor's
``submitted/`` (a third the solution's answers written in, a third the untouched release, a
third the solution with one answer cell broken); then, from a kernel of the instructor's server
(as the instructor, in the course environment), W ``nbgrader autograde`` processes grade
disjoint sets of students into the one gradebook. Printed: the wall time of the grading, the
throughput, the CPU seconds of the workers and their kernels (which the load of other jobs on
the machine does not change), and the scores per kind of submission (each kind must score alike).

    .venv/bin/python benchmarks/hub_grading.py --submissions 200 --workers 2
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import pwd
import statistics
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hub.classroom import chown_tree  # noqa: E402
from hub.trial import trial_hub  # noqa: E402

KINDS = ("solved", "blank", "broken")


def submissions(assignment: str) -> dict[str, dict]:
    """The three kinds of synthetic submission, as notebooks."""
    release = json.loads((ROOT / "notebooks" / assignment / f"{assignment}.ipynb").read_text())
    solution = json.loads((ROOT / "solutions" / assignment / f"{assignment}.ipynb").read_text())
    answers = {c["metadata"]["nbgrader"]["grade_id"]: c["source"] for c in solution["cells"]
               if c["metadata"].get("nbgrader", {}).get("solution")}
    solved = copy.deepcopy(release)
    for cell in solved["cells"]:
        grade_id = cell["metadata"].get("nbgrader", {}).get("grade_id")
        if cell["metadata"].get("nbgrader", {}).get("solution") and grade_id in answers:
            cell["source"] = answers[grade_id]
    broken = copy.deepcopy(solved)
    first_code_answer = next(c for c in broken["cells"] if c["cell_type"] == "code"
                             and c["metadata"].get("nbgrader", {}).get("solution"))
    first_code_answer["source"] = "def oops(:\n    pass\n"
    return {"solved": solved, "blank": release, "broken": broken}


GRADE = r"""
import os, resource, subprocess, time
course, assignment, workers = {course!r}, {assignment!r}, {workers}
start = time.perf_counter()
procs = [subprocess.Popen(["nbgrader", "autograde", assignment, f"--student=w{{k}}-*",
                           "--log-level=ERROR"], cwd=course,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
         for k in range(workers)]
codes = [p.wait() for p in procs]
use = resource.getrusage(resource.RUSAGE_CHILDREN)  # the workers and their kernels, all reaped
print("ELAPSED", time.perf_counter() - start, "CPU", use.ru_utime + use.ru_stime, "CODES", *codes)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--assignment", default="01-neurons")
    parser.add_argument("--submissions", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    if os.geteuid() != 0:
        raise SystemExit("run as root: the trial hub creates Unix accounts")
    kinds = submissions(args.assignment)
    with trial_hub(students=0) as (room, hub):
        teacher = hub.server(room.instructor)
        teacher.formgrader("POST", f"/assignment/{args.assignment}/assign")
        course = room.course_copy()
        who: dict[str, str] = {}
        for i in range(args.submissions):
            student, kind = f"w{i % args.workers}-s{i:03d}", KINDS[i % len(KINDS)]
            folder = course / "submitted" / student / args.assignment
            folder.mkdir(parents=True)
            (folder / f"{args.assignment}.ipynb").write_text(json.dumps(kinds[kind]))
            (folder / "timestamp.txt").write_text("2026-12-01 09:00:00.000000 UTC")
            who[student] = kind
        chown_tree(course / "submitted", room.instructor)
        load_before = os.getloadavg()[0]
        status, out = teacher.run(GRADE.format(course=str(course), assignment=args.assignment,
                                               workers=args.workers), timeout=7200)
        load_after = os.getloadavg()[0]
        if status != "ok" or "ELAPSED" not in out:
            raise SystemExit(f"grading failed: {out[-3000:]}")
        elapsed = float(out.split("ELAPSED")[1].split()[0])
        cpu = float(out.split("CPU")[1].split()[0])
        codes = out.split("CODES")[1].split()
        rows = teacher.formgrader("GET", f"/submissions/{args.assignment}")
        scores = defaultdict(list)
        for row in rows:
            if row["student"] in who and row["autograded"]:
                scores[who[row["student"]]].append(row["score"])
        graded = sum(len(v) for v in scores.values())
        print(f"instructor {pwd.getpwnam(room.instructor).pw_name}: {args.submissions} submissions of "
              f"{args.assignment}, {args.workers} workers (nbgrader autograde each), exit codes {codes}")
        print(f"graded {graded} in {elapsed:.0f} s: {graded / elapsed * 60:.1f} submissions/min, "
              f"{elapsed / max(graded, 1):.2f} s each (load average {load_before:.1f} -> {load_after:.1f})")
        cores = os.cpu_count() or 1
        print(f"CPU: {cpu:.0f} s in all, {cpu / max(graded, 1):.2f} s per submission: on {cores} idle "
              f"cores at most {cores * 60 * graded / cpu:.0f} submissions/min")
        for kind in KINDS:
            got = scores.get(kind, [])
            spread = f"{min(got)}..{max(got)}" if got else "-"
            print(f"  {kind:<7} {len(got):4d} graded, score median "
                  f"{statistics.median(got) if got else float('nan')} (range {spread})")


if __name__ == "__main__":
    main()
