"""Grades an instructor can read: a status per row, and a per-exercise class report.

``nbgrader export`` (``make export``) uses :class:`StatusExportPlugin` (see ``nbgrader_config.py``):
``grades.csv`` keeps nbgrader's columns and adds ``status``, ``reason``, ``needs_manual_grade``
and ``integrity``. Status is one of:

- ``graded``: autograded, and every written answer graded by hand;
- ``needs manual grading``: autograded; written answers wait in the formgrader;
- ``failed to grade``: the notebook could not be graded (the reason says why, e.g. not JSON);
- ``not submitted``: nothing in ``submitted/<student>/<assignment>/``.

:func:`class_report` writes ``reports/class-report.html``: per assignment, the exercises the
class fails most, the most common failure message of each, and the score distribution (a plot).
"""

from __future__ import annotations

import base64
import csv
import html
import io
import json
import re
from collections import Counter
from pathlib import Path

import nbformat
from nbgrader.api import Gradebook, MissingEntry
from nbgrader.plugins import ExportPlugin

COURSE = Path(__file__).resolve().parents[2]
STATE = COURSE / ".grading"
COLUMNS = ["assignment", "duedate", "timestamp", "student_id", "last_name", "first_name", "email",
           "raw_score", "late_submission_penalty", "score", "max_score",
           "status", "reason", "needs_manual_grade", "integrity"]


def safe_name(text: str) -> str:
    """A file name for any student id (spaces, accents, slashes)."""
    return "".join(ch if ch.isalnum() or ch in "-_." else f"%{ord(ch):x}" for ch in text)


def read_state(kind: str, assignment: str, student: str) -> dict:
    """What the workflow recorded for a submission (``kind``: status or integrity)."""
    folder = STATE / kind / assignment
    if kind == "integrity":
        found: dict = {"findings": [], "zeroed": {}}
        for path in sorted(folder.glob(f"{safe_name(student)}--*.json")):
            data = json.loads(path.read_text(encoding="utf-8"))
            found["findings"] += data.get("findings", [])
            found["zeroed"].update(data.get("zeroed", {}))
        return found
    path = folder / f"{safe_name(student)}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def row_status(gradebook: Gradebook, assignment: str, student: str) -> tuple[str, str, bool]:
    """(status, reason, needs manual grade) of one student's assignment."""
    recorded = read_state("status", assignment, student)
    submitted = (COURSE / "submitted" / student / assignment).is_dir()
    try:
        submission = gradebook.find_submission(assignment, student)
    except MissingEntry:
        submission = None
    if recorded.get("status") == "failed to grade":
        return "failed to grade", recorded.get("reason", ""), False
    if submission is None or not submitted:
        return "not submitted", "", False
    autograded = COURSE / "autograded" / student / assignment
    if not any(autograded.glob("*.ipynb")):
        return "failed to grade", "not autograded yet, or autograde failed (run `make autograde`)", False
    if submission.needs_manual_grade:
        return "needs manual grading", "written answers wait in the formgrader", True
    return "graded", "", False


class StatusExportPlugin(ExportPlugin):
    """nbgrader's CSV export with a status, its reason and the integrity findings per row."""

    def export(self, gradebook: Gradebook) -> None:
        dest = self.to or "grades.csv"
        with open(dest, "w", newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(fh, COLUMNS)
            writer.writeheader()
            for assignment in gradebook.assignments:
                if self.assignment and assignment.name not in self.assignment:
                    continue
                for student in gradebook.students:
                    if self.student and student.id not in self.student:
                        continue
                    writer.writerow(export_row(gradebook, assignment, student))
        self.log.info("Exported grades with their status to %s", dest)


def export_row(gradebook: Gradebook, assignment, student) -> dict:
    row = {"assignment": assignment.name, "duedate": assignment.duedate or "", "student_id": student.id,
           "last_name": student.last_name or "", "first_name": student.first_name or "",
           "email": student.email or "", "max_score": assignment.max_score}
    try:
        submission = gradebook.find_submission(assignment.name, student.id)
        penalty = submission.late_submission_penalty or 0.0
        row.update(timestamp=submission.timestamp or "", raw_score=submission.score,
                   late_submission_penalty=penalty, score=max(0.0, submission.score - penalty))
    except MissingEntry:
        row.update(timestamp="", raw_score=0.0, late_submission_penalty=0.0, score=0.0)
    status, reason, manual = row_status(gradebook, assignment.name, student.id)
    flags = read_state("integrity", assignment.name, student.id)
    row.update(status=status, reason=reason, needs_manual_grade=manual,
               integrity="; ".join(sorted({f["reason"] for f in flags["findings"]})))
    return row


# --------------------------------------------------------------------------- class report
def failure_message(cell) -> str | None:
    """The first line of a test cell's error, with numbers blurred so that messages group."""
    for output in cell.get("outputs", []):
        if output.get("output_type") == "error":
            text = f"{output.get('ename', 'Error')}: {str(output.get('evalue', '')).splitlines()[0][:160]}" \
                if output.get("evalue") else output.get("ename", "Error")
            return re.sub(r"-?\d+(\.\d+)?(e-?\d+)?", "#", text)
    return None


def class_report(dest: Path | None = None) -> Path:
    """Write the per-exercise class report (HTML with an embedded plot); returns its path."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    dest = dest or COURSE / "reports" / "class-report.html"
    dest.parent.mkdir(parents=True, exist_ok=True)
    parts = ["<html><head><meta charset='utf-8'><title>Class report</title><style>"
             "body{font-family:sans-serif;max-width:60em;margin:auto}td,th{padding:.2em .6em;"
             "border-bottom:1px solid #ddd;text-align:left}</style></head><body><h1>Class report</h1>"]
    with Gradebook(f"sqlite:///{COURSE / 'gradebook.db'}") as gb:
        for assignment in gb.assignments:
            rows: dict[str, dict] = {}
            totals = []
            for student in gb.students:
                try:
                    submission = gb.find_submission(assignment.name, student.id)
                except MissingEntry:
                    continue
                if not (COURSE / "submitted" / student.id / assignment.name).is_dir():
                    continue
                totals.append(submission.score)
                messages = _messages(student.id, assignment.name)
                for notebook in submission.notebooks:
                    for grade in notebook.grades:
                        if grade.cell.cell_type != "code":
                            continue
                        info = rows.setdefault(grade.name, {"failed": 0, "n": 0, "max": grade.max_score,
                                                            "messages": Counter()})
                        info["n"] += 1
                        if (grade.score or 0) < grade.max_score:
                            info["failed"] += 1
                            info["messages"][messages.get(grade.name) or "no message"] += 1
            if not totals:
                continue
            parts.append(f"<h2>{html.escape(assignment.name)}</h2><p>{len(totals)} submissions, "
                         f"mean {sum(totals) / len(totals):.1f} of {assignment.max_score:g} points.</p>")
            parts.append("<table><tr><th>exercise</th><th>failed by</th><th>most common failure</th></tr>")
            for name, info in sorted(rows.items(), key=lambda kv: -kv[1]["failed"] / max(1, kv[1]["n"])):
                common = info["messages"].most_common(1)
                message = f"{common[0][0]} ({common[0][1]}×)" if common else ""
                parts.append(f"<tr><td>{html.escape(name)}</td><td>{info['failed']} of {info['n']}</td>"
                             f"<td><code>{html.escape(message)}</code></td></tr>")
            parts.append("</table>")
            fig, ax = plt.subplots(figsize=(6, 2.5))
            bins = min(20, max(5, len(set(totals))))
            ax.hist(totals, bins=bins, range=(0, assignment.max_score), color="C0")
            ax.set_xlabel("score")
            ax.set_ylabel("students")
            ax.set_title(f"{assignment.name}: score distribution")
            fig.tight_layout()
            buffer = io.BytesIO()
            fig.savefig(buffer, format="png", dpi=90)
            plt.close(fig)
            encoded = base64.b64encode(buffer.getvalue()).decode()
            parts.append(f"<img alt='score distribution of {html.escape(assignment.name)}' "
                         f"src='data:image/png;base64,{encoded}'>")
    parts.append("</body></html>")
    dest.write_text("\n".join(parts), encoding="utf-8")
    return dest


def _messages(student: str, assignment: str) -> dict[str, str]:
    """{grade id: failure message} from a student's autograded notebooks."""
    found = {}
    for path in (COURSE / "autograded" / student / assignment).glob("*.ipynb"):
        try:
            nb = nbformat.read(path, as_version=4)
        except Exception:  # noqa: BLE001 - an unreadable notebook has no messages
            continue
        for cell in nb.cells:
            grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
            message = failure_message(cell) if grade_id else None
            if message:
                found[grade_id] = message
    return found
