"""The whole nbgrader workflow on one machine, with the course's configuration (issue 9).

release -> fetch (two student folders, one id with a space and accents) -> submit -> collect ->
``make autograde`` -> a manual grade (what the formgrader writes) -> ``make feedback`` -> release
-> fetch feedback; then a resubmission is re-graded, feedback refreshed, ``grades.csv`` gives
each row's status, the class report is written, ``zip_collect`` reads an LMS-style zip, and
``make clean-grading`` keeps manual grades while ``make reset-gradebook`` asks first.
"""

from __future__ import annotations

import csv
import html
import re
import zipfile
from pathlib import Path

import nbformat
import pytest

from tests.course import ROOT, load_cases
from tests.grading_course import make_course, run, scores, submit, with_cell

pytestmark = pytest.mark.notebooks

A = "01-neurons"
NAME = f"{A}.ipynb"
ADA, JOSE = "ada", "josé müller"


def student_nbgrader(course: Path, home: Path, *args: str) -> None:
    """nbgrader as a student runs it: from the student's folder, no course config, the exchange flags."""
    exchange = ["--course=dnn-course", f"--Exchange.root={course / '.exchange'}"]
    home.mkdir(exist_ok=True)
    result = run(home, "nbgrader", *args, *exchange, "--log-level=WARN")
    assert result.returncode == 0, f"student nbgrader {args} failed:\n{result.stderr[-2000:]}"


def written_cells(course: Path) -> list[str]:
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        return [c.name for c in gb.find_notebook(A, A).grade_cells if c.cell_type == "markdown"]


def manual_grade(course: Path, student: str, points: float) -> None:
    """What the formgrader does when the instructor grades a written answer."""
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        for cell in written_cells(course):
            grade = gb.find_grade(cell, A, A, student)
            grade.manual_score = points
            grade.needs_manual_grade = False
        gb.db.commit()


def feedback_text(course: Path, student: str) -> str:
    (page,) = (course / "feedback" / student / A).glob("*.html")
    return html.unescape(re.sub(r"<[^>]+>", "", page.read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def course(tmp_path_factory: pytest.TempPathFactory) -> Path:
    course = make_course(tmp_path_factory.mktemp("course"), A)
    homes = tmp_path_factory.mktemp("students")
    solution = nbformat.read(ROOT / "solutions" / A / NAME, as_version=4)
    _, wrong = load_cases(ROOT / "tests" / "cases" / "cases_01_neurons.py").WRONG["relu"][0]

    run(course, "nbgrader", "generate_assignment", A, "--force", "--log-level=WARN", check=True)
    run(course, "nbgrader", "release_assignment", A, "--force", "--log-level=WARN", check=True)
    for student, nb in ((ADA, solution), (JOSE, with_cell(solution, "relu", wrong))):
        home = homes / student
        student_nbgrader(course, home, "fetch_assignment", A)
        assert (home / A / NAME).exists(), "fetch_assignment gave the student nothing"
        nbformat.write(nb, home / A / NAME)
        student_nbgrader(course, home, "submit", A, f"--student={student}")
    run(course, "nbgrader", "collect", A, "--update", "--log-level=WARN", check=True)
    submit(course, "broken", A, "not a notebook")
    run(course, "nbgrader", "db", "student", "add", "ghost", "--log-level=WARN", check=True)
    course.joinpath("first-autograde.txt").write_text(run(course, "autograde").stderr)

    run(course, "feedback", check=True)
    before = feedback_text(course, ADA)
    manual_grade(course, ADA, 2.0)
    run(course, "feedback", check=True)
    course.joinpath("feedback-before-manual.txt").write_text(before)
    run(course, "nbgrader", "release_feedback", A, "--log-level=WARN", check=True)
    for student in (ADA, JOSE):
        student_nbgrader(course, homes / student, "fetch_feedback", A, f"--student={student}")
    course.joinpath("homes.txt").write_text(str(homes))
    return course


def test_release_fetch_submit_collect_and_autograde(course: Path) -> None:
    for student in (ADA, JOSE):
        assert (course / "submitted" / student / A / "timestamp.txt").exists()
    full = scores(course, A, ADA)
    assert all(score > 0 for score in full.values()), full
    jose = scores(course, A, JOSE)
    assert {c for c, s in jose.items() if s < full[c]} == {"relu-tests"}
    log = (course / "first-autograde.txt").read_text()
    assert "broken" in log and "could not be graded" in log


def test_feedback_is_refreshed_after_manual_grading_and_reaches_the_student(course: Path) -> None:
    before = (course / "feedback-before-manual.txt").read_text()
    after = feedback_text(course, ADA)
    assert before != after, "feedback was not rewritten after the manual grade"
    auto = sum(scores(course, A, ADA).values())
    assert f"{auto + 2.0 * len(written_cells(course)):g}" in after
    homes = Path((course / "homes.txt").read_text())
    for student in (ADA, JOSE):
        fetched = list((homes / student / A / "feedback").rglob("*.html"))
        assert fetched, f"{student} fetched no feedback"


def test_grades_csv_gives_each_rows_status(course: Path) -> None:
    run(course, "nbgrader", "export", "--log-level=WARN", check=True)
    with open(course / "grades.csv", encoding="utf-8") as fh:
        rows = {r["student_id"]: r for r in csv.DictReader(fh)}
    assert rows[ADA]["status"] == "graded"
    assert rows[JOSE]["status"] == "needs manual grading"
    assert rows["ghost"]["status"] == "not submitted"
    assert rows["broken"]["status"] == "failed to grade" and "JSON" in rows["broken"]["reason"]


def test_a_changed_submission_is_regraded_and_an_unchanged_one_is_not(course: Path) -> None:
    solution = nbformat.read(ROOT / "solutions" / A / NAME, as_version=4)
    (course / "submitted" / "broken").rename(course / "broken-away")
    try:
        submit(course, JOSE, A, solution)  # copied by hand over the old one
        result = run(course, "autograde", check=True)
        assert "grading 1 new or changed submission(s), 1 unchanged" in result.stdout
        assert scores(course, A, JOSE) == scores(course, A, ADA)
        from nbgrader.api import Gradebook

        with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
            kept = [gb.find_grade(c, A, A, ADA).manual_score for c in written_cells(course)]
        assert kept == [2.0] * len(kept), "re-grading lost the manual grades"
    finally:
        (course / "broken-away").rename(course / "submitted" / "broken")


def test_the_class_report_shows_failures_and_the_distribution(course: Path) -> None:
    run(course, "report", check=True)
    page = (course / "reports" / "class-report.html").read_text(encoding="utf-8")
    assert "relu-tests" in page and "data:image/png;base64," in page and "failed by" in page


def test_zip_collect_reads_an_lms_export(course: Path, tmp_path: Path) -> None:
    archive = course / "downloaded" / A / "archive"
    archive.mkdir(parents=True)
    notebook = (ROOT / "notebooks" / A / NAME).read_bytes()
    with zipfile.ZipFile(archive / "moodle-export.zip", "w") as zf:
        zf.writestr(f"zoë stone_4242_assignsubmission_file_{NAME}", notebook)
    result = run(course, "nbgrader", "zip_collect", A, "--force", "--log-level=WARN")
    assert result.returncode == 0, result.stderr[-2000:]
    assert (course / "submitted" / "zoë stone" / A / NAME).read_bytes() == notebook


def test_reset_keeps_manual_grades_or_asks_first(course: Path) -> None:
    result = run(course, "reset", check=True)
    assert "kept gradebook.db" in result.stdout and not (course / "autograded").exists()
    refused = run(course, "reset", "--gradebook")
    assert refused.returncode != 0 and (course / "gradebook.db").exists(), "deleted manual grades unasked"
    run(course, "reset", "--gradebook", "--yes", check=True)
    assert not (course / "gradebook.db").exists()
