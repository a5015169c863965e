"""The instructor commands behind the Makefile: ``python -m tools.grading.workflow <command>``.

    autograde [-j N] [ASSIGNMENT ...]   grade what is new or changed in submitted/ (N parallel workers)
    feedback                          (re)write feedback/ for every graded submission
    report                            reports/class-report.html (per-exercise class report)
    reset [--gradebook] [--yes]       remove grading outputs; the gradebook (manual grades) only
                                      with --gradebook, and then only after a confirmation

Submissions stay where nbgrader wants them (``submitted/<student>/<assignment>/``) and grades in
nbgrader's gradebook. What this adds: a changed submission is re-graded (nbgrader alone skips it
silently), an unchanged one is not graded twice, any student id works (spaces, accents), a
submission copied by hand gets the ``timestamp.txt`` nbgrader's exchange needs, a failure is
recorded per student with its reason (``grades.csv`` shows it), and ``integrity.csv`` lists every
exercise scored 0 for cheating, with the reason.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

COURSE = Path(__file__).resolve().parents[2]
STATE = COURSE / ".grading"
NBGRADER = [sys.executable, "-m", "nbgrader"]
ENV = {**os.environ, "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])}
ENV.setdefault("OPENBLAS_NUM_THREADS", "1")
ENV.setdefault("OMP_NUM_THREADS", "1")


def safe_name(text: str) -> str:
    from tools.grading.status import safe_name as safe

    return safe(text)


def run_nbgrader(*args: str, timeout: float = 3600) -> subprocess.CompletedProcess:
    return subprocess.run([*NBGRADER, *args], cwd=COURSE, env=ENV, capture_output=True, text=True,
                          timeout=timeout)


def submissions(assignments: list[str] | None = None) -> dict[str, list[str]]:
    """``{assignment: [student ids]}`` found in ``submitted/<student>/<assignment>/``."""
    found: dict[str, list[str]] = {}
    for folder in sorted((COURSE / "submitted").glob("*/*/")):
        if folder.is_dir() and (not assignments or folder.name in assignments):
            if (COURSE / "solutions" / folder.name).is_dir():
                found.setdefault(folder.name, []).append(folder.parent.name)
    return found


def folder_hash(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(folder)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def ensure_assignment(assignment: str) -> None:
    """nbgrader's gradebook knows the assignment as it is in ``solutions/`` now."""
    source = COURSE / "solutions" / assignment
    stamp = STATE / "stamps" / f"{assignment}.sha"
    current = folder_hash(source)
    if stamp.exists() and stamp.read_text() == current and (COURSE / "gradebook.db").exists():
        return
    result = run_nbgrader("generate_assignment", assignment, "--force", "--log-level=WARN")
    if result.returncode != 0:
        raise SystemExit(f"nbgrader generate_assignment {assignment} failed:\n{result.stderr[-3000:]}")
    stamp.parent.mkdir(parents=True, exist_ok=True)
    stamp.write_text(current)


def status_path(assignment: str, student: str) -> Path:
    return STATE / "status" / assignment / f"{safe_name(student)}.json"


def write_status(assignment: str, student: str, **data: str) -> None:
    path = status_path(assignment, student)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"student": student, **data}, ensure_ascii=False, indent=1), encoding="utf-8")


def needs_grading(assignment: str, student: str) -> tuple[bool, str]:
    """Whether a submission is new or changed since it was last graded (and its hash)."""
    folder = COURSE / "submitted" / student / assignment
    stamp = folder / "timestamp.txt"
    if not stamp.exists():  # copied by hand: nbgrader's exchange (release_feedback) needs one
        when = dt.datetime.fromtimestamp(max(p.stat().st_mtime for p in [folder, *folder.rglob("*")]),
                                         tz=dt.UTC)
        stamp.write_text(when.strftime("%Y-%m-%d %H:%M:%S.%f %Z"), encoding="utf-8")
    current = folder_hash(folder)
    path = status_path(assignment, student)
    previous = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    graded = any((COURSE / "autograded" / student / assignment).glob("*.ipynb"))
    changed = previous.get("hash") != current or previous.get("status") != "autograded" or not graded
    return changed, current


def failure_reason(log: str, student: str) -> str:
    """The error nbgrader logged for ``student`` (its last exception line before the report)."""
    lines = log.splitlines()
    marker = f"for student '{student}'"
    for i, line in enumerate(lines):
        if "There was an error processing assignment" in line and marker in line:
            for previous in reversed(lines[:i]):
                text = previous.strip()
                if re.match(r"^[\w.]*(Error|Exception|Exit)\b.*", text):
                    return text[:300]
            return "nbgrader could not grade this submission (see the autograde log)"
    return "nbgrader produced no graded notebook (see the autograde log)"


def grade_group(assignment: str, group: list[str], everyone: list[str], extra: list[str]) -> str:
    """One nbgrader process grading ``group`` (the other students excluded); its log."""
    if len(group) == 1 and "," in group[0]:
        args = [f"--student={group[0]}"]
    else:
        others = [s for s in everyone if s not in group]
        args = [f"--CourseDirectory.student_id_exclude={','.join(others)}"] if others else []
    result = run_nbgrader("autograde", assignment, "--force", *args, "--log-level=WARN", *extra)
    return result.stderr


def autograde(assignments: list[str] | None, jobs: int, extra: list[str]) -> int:
    found = submissions(assignments)
    if not found:
        print("nothing in submitted/<student>/<assignment>/ to grade", file=sys.stderr)
        return 1
    failed: list[tuple[str, str, str]] = []
    for assignment, students in found.items():
        ensure_assignment(assignment)
        todo, hashes = [], {}
        for student in students:
            changed, hashes[student] = needs_grading(assignment, student)
            if changed:
                todo.append(student)
        skipped = len(students) - len(todo)
        print(f"{assignment}: grading {len(todo)} new or changed submission(s)"
              + (f", {skipped} unchanged since they were graded" if skipped else ""))
        if not todo:
            continue
        comma = [s for s in todo if "," in s]
        groups = [g for g in (todo[i::max(1, jobs)] for i in range(max(1, jobs))) if g]
        groups = [[s for s in g if "," not in s] for g in groups] + [[s] for s in comma]
        groups = [g for g in groups if g]
        with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
            logs = list(pool.map(grade_group, [assignment] * len(groups), groups, [students] * len(groups),
                                 [extra] * len(groups)))
        log = "\n".join(logs)
        retry = [s for s in todo if not _graded(assignment, s) and "database is locked" in log]
        if retry:  # two writers on one SQLite file: grade those once more, one at a time
            log += grade_group(assignment, retry, students, extra)
        for student in todo:
            if _graded(assignment, student):
                write_status(assignment, student, status="autograded", reason="", hash=hashes[student])
            else:
                reason = failure_reason(log, student)
                write_status(assignment, student, status="failed to grade", reason=reason,
                             hash=hashes[student])
                failed.append((assignment, student, reason))
    rows = write_integrity_csv()
    if rows:
        print(f"integrity.csv: {rows} exercise(s) scored 0 for cheating (reasons inside)")
    if failed:
        print("Some submissions could not be graded (the others were):", file=sys.stderr)
        for assignment, student, reason in failed:
            print(f"  {assignment} / {student}: {reason}", file=sys.stderr)
        print("Fix or remove them and run make autograde again.", file=sys.stderr)
        return 1
    return 0


def _graded(assignment: str, student: str) -> bool:
    from nbgrader.api import Gradebook, MissingEntry

    notebooks = [p.name for p in (COURSE / "submitted" / student / assignment).glob("*.ipynb")]
    folder = COURSE / "autograded" / student / assignment
    if not notebooks or not all((folder / n).exists() for n in notebooks):
        return False
    with Gradebook(f"sqlite:///{COURSE / 'gradebook.db'}") as gb:
        try:
            gb.find_submission(assignment, student)
        except MissingEntry:
            return False
    return True


def write_integrity_csv() -> int:
    """``integrity.csv`` from every submission's findings; the number of zeroed exercises."""
    rows = []
    for path in sorted((STATE / "integrity").glob("*/*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if not (COURSE / "submitted" / data["student"] / data["assignment"]).is_dir():
            continue
        for exercise, reasons in sorted(data.get("zeroed", {}).items()):
            rows.append({"assignment": data["assignment"], "student": data["student"],
                         "notebook": data["notebook"], "exercise": exercise,
                         "reason": "; ".join(sorted(set(reasons)))})
    with open(COURSE / "integrity.csv", "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, ["assignment", "student", "notebook", "exercise", "reason"])
        writer.writeheader()
        writer.writerows(rows)
    return len(rows)


def feedback() -> int:
    """Feedback for every graded submission, rewritten each time (manual grades show up)."""
    failed = []
    for assignment in sorted({p.name for p in (COURSE / "autograded").glob("*/*/") if p.is_dir()}):
        result = run_nbgrader("generate_feedback", assignment, "--force", "--log-level=WARN")
        if result.returncode != 0:
            failed.append(assignment)
            print(result.stderr[-2000:], file=sys.stderr)
    if failed:
        print(f"No feedback for some submissions of: {', '.join(failed)} (see above).", file=sys.stderr)
        return 1
    return 0


def manual_grade_count() -> int:
    from nbgrader.api import Gradebook

    path = COURSE / "gradebook.db"
    if not path.exists():
        return 0
    count = 0
    with Gradebook(f"sqlite:///{path}") as gb:
        for assignment in gb.assignments:
            for submission in assignment.submissions:
                for notebook in submission.notebooks:
                    count += sum(1 for g in notebook.grades if g.manual_score is not None)
                    count += sum(1 for c in notebook.comments if c.manual_comment)
    return count


def reset(gradebook: bool, yes: bool) -> int:
    """Remove what grading wrote; the gradebook only when asked, and after a confirmation."""
    for name in ("autograded", "feedback", ".grading", "reports", "nbgrader_solution"):
        shutil.rmtree(COURSE / name, ignore_errors=True)
    for name in ("integrity.csv", ".nbgrader.log"):
        (COURSE / name).unlink(missing_ok=True)
    if not gradebook:
        kept = manual_grade_count()
        print(f"Removed autograded/, feedback/ and the grading state; kept gradebook.db ({kept} manual "
              "grades and comments). `make autograde` grades everything again and keeps them.")
        return 0
    count = manual_grade_count()
    if count and not yes:
        if not sys.stdin.isatty():
            print(f"gradebook.db holds {count} manual grades and comments: not deleted. "
                  "Run `make reset-gradebook CONFIRM=yes` to delete them.", file=sys.stderr)
            return 1
        answer = input(f"gradebook.db holds {count} manual grades and comments. Delete them? [y/N] ")
        if answer.strip().lower() not in {"y", "yes"}:
            print("Kept gradebook.db.")
            return 1
    (COURSE / "gradebook.db").unlink(missing_ok=True)
    print("Removed gradebook.db.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.grading.workflow", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    grade = commands.add_parser("autograde")
    grade.add_argument("assignments", nargs="*")
    grade.add_argument("-j", "--jobs", type=int, default=int(os.environ.get("JOBS", "2")))
    grade.add_argument("--nbgrader-arg", action="append", default=[], help="passed on to nbgrader autograde")
    commands.add_parser("feedback")
    commands.add_parser("report")
    clean = commands.add_parser("reset")
    clean.add_argument("--gradebook", action="store_true")
    clean.add_argument("--yes", action="store_true")
    kit = commands.add_parser("student-kit")
    kit.add_argument("dest", nargs="?", default=str(COURSE / "build" / "student-kit"))
    args = parser.parse_args(argv)
    if args.command == "autograde":
        return autograde(args.assignments or None, args.jobs, args.nbgrader_arg)
    if args.command == "feedback":
        return feedback()
    if args.command == "report":
        from tools.grading.status import class_report

        print(f"wrote {class_report().relative_to(COURSE)}")
        return 0
    if args.command == "reset":
        return reset(args.gradebook, args.yes)
    if args.command == "student-kit":
        from tools.grading.kit import build

        print(f"wrote {build(Path(args.dest))}")
        return 0
    return 2


if __name__ == "__main__":
    sys.path.insert(0, str(COURSE))
    raise SystemExit(main())
