"""The course on a JupyterHub, the whole class flow through the hub on loopback.

The test starts a hub (hub/jupyterhub_config.py) as root on 127.0.0.1 with free ports, creates
real Unix accounts (one instructor, two students) and drives everything over HTTP as the users'
browsers would: the hub's REST API starts each server with a token of that user; the students use
nbgrader's Assignments endpoints and the Contents API, the instructor the formgrader's API.

1. the instructor generates and releases 01-neurons; both students fetch it;
2. one student writes the solution's answers in and submits, the other submits it untouched;
3. the instructor collects, autogrades, grades the written answers, generates and releases
   feedback; scores are full marks and zero;
4. each student fetches their own feedback, which shows their own score and no hidden test;
5. from the second student's kernel, nothing of the first student's work can be listed or read.

Everything it made (accounts, processes, folders) is removed afterwards. Without root (the hub
runs each server as its user) it is skipped, with that reason.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.course import ROOT

pytestmark = [pytest.mark.notebooks, pytest.mark.skipif(
    os.geteuid() != 0,
    reason="HUB TEST SKIPPED: it needs root (it creates Unix accounts and the hub starts each "
           "user's server as that user). Run `make test` as root, e.g. in a container, as CI does.")]

from hub.classroom import Classroom  # noqa: E402
from hub.client import Hub, HubError, Server  # noqa: E402
from hub.trial import TRIAL_ENV, TrialError, hub_log, trial_hub  # noqa: E402

ASSIGNMENT = "01-neurons"
COURSE = "dnn"


@dataclass
class Class:
    room: Classroom
    hub: Hub
    instructor: Server
    solver: Server   # writes the solution's answers in
    blank: Server    # submits the release untouched
    solver_name: str
    blank_name: str


@pytest.fixture(scope="module")
def klass() -> Iterator[Class]:
    if shutil.which("configurable-http-proxy") is None:
        pytest.fail("configurable-http-proxy is missing: run `bash tools/system-deps.sh` (as root).")
    try:
        with trial_hub(students=2, course_id=COURSE) as (room, hub):
            names = [room.instructor, *room.students]
            try:
                servers = [hub.server(name) for name in names]
            except HubError as e:
                pytest.fail(f"{e}\n--- hub log ---\n{hub_log(room)}")
            teacher, solver, blank = servers
            yield Class(room, hub, teacher, solver, blank, solver_name=names[1], blank_name=names[2])
    except TrialError as e:
        pytest.fail(str(e))


def written_in(release: dict, solution: dict) -> dict:
    """The release notebook with every answer cell (code and written) taken from the solution."""
    answers = {c["metadata"]["nbgrader"]["grade_id"]: c["source"] for c in solution["cells"]
               if c["metadata"].get("nbgrader", {}).get("solution")}
    for cell in release["cells"]:
        grade_id = cell["metadata"].get("nbgrader", {}).get("grade_id")
        if cell["metadata"].get("nbgrader", {}).get("solution") and grade_id in answers:
            cell["source"] = answers[grade_id]
    return release


def submission_scores(instructor: Server) -> dict[str, tuple[float, float]]:
    rows = instructor.formgrader("GET", f"/submissions/{ASSIGNMENT}")
    return {r["student"]: (r["score"], r["max_score"]) for r in rows}


@pytest.fixture(scope="module")
def graded(klass: Class) -> dict[str, tuple[float, float]]:
    """Steps 1-3: release, fetch, work, submit, collect, autograde, grade by hand, feedback."""
    k = klass
    k.instructor.formgrader("POST", f"/assignment/{ASSIGNMENT}/assign")
    k.instructor.formgrader("POST", f"/assignment/{ASSIGNMENT}/release")

    for student in (k.solver, k.blank):
        listed = {a["assignment_id"]: a["status"] for a in student.assignments(COURSE)}
        assert listed.get(ASSIGNMENT) == "released", f"the student sees {listed}"
        student.fetch(COURSE, ASSIGNMENT)
        assert f"{ASSIGNMENT}.ipynb" in student.list_dir(ASSIGNMENT)

    path = f"{ASSIGNMENT}/{ASSIGNMENT}.ipynb"
    solution = json.loads((ROOT / "solutions" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").read_text())
    k.solver.save_notebook(path, written_in(k.solver.read_notebook(path), solution))
    for student in (k.solver, k.blank):
        student.submit(COURSE, ASSIGNMENT)

    k.instructor.formgrader("POST", f"/assignment/{ASSIGNMENT}/collect")
    for name in (k.solver_name, k.blank_name):
        k.instructor.formgrader("POST", f"/submission/{ASSIGNMENT}/{name}/autograde")
    autograded = submission_scores(k.instructor)

    # The written answers: the solver's model answers wait for a hand grade and get full points;
    # nbgrader itself scores an untouched answer cell 0 (the blank submission needs no grader).
    notebooks = k.instructor.formgrader("GET", f"/submitted_notebooks/{ASSIGNMENT}/{ASSIGNMENT}")
    waiting = {}
    for nb in notebooks:
        grades = k.instructor.formgrader("GET", "/grades", params={"submission_id": nb["id"]})
        waiting[nb["student"]] = [g for g in grades if g["needs_manual_grade"]]
    assert len(waiting[k.solver_name]) == 2 and not waiting[k.blank_name], {
        s: [g["name"] for g in w] for s, w in waiting.items()}
    for grade in waiting[k.solver_name]:
        k.instructor.formgrader("PUT", f"/grade/{grade['id']}", json={"manual_score": grade["max_score"]})
    scores = submission_scores(k.instructor)
    assert autograded[k.solver_name][0] < scores[k.solver_name][0], "hand grades were not counted"

    k.instructor.formgrader("POST", f"/assignment/{ASSIGNMENT}/generate_feedback")
    k.instructor.formgrader("POST", f"/assignment/{ASSIGNMENT}/release_feedback")
    return scores


def check_scores_are_full_marks_and_zero(klass: Class, graded: dict) -> None:
    solved, max_score = graded[klass.solver_name]
    blank, _ = graded[klass.blank_name]
    assert max_score == 27, "01-neurons is worth 27 points (README)"
    assert solved == max_score, f"the solution scored {solved} of {max_score}"
    assert blank == 0, f"the untouched release scored {blank}"


def feedback_html(student: Server) -> str:
    student.fetch_feedback(COURSE, ASSIGNMENT)
    stamps = student.list_dir(f"{ASSIGNMENT}/feedback")
    assert len(stamps) == 1, f"expected one feedback folder, got {stamps}"
    return student.read_file(f"{ASSIGNMENT}/feedback/{stamps[0]}/{ASSIGNMENT}.html")


def check_each_student_fetches_their_own_feedback(klass: Class, graded: dict) -> None:
    from tests.test_pipeline import hidden_test_lines

    for student, expected in ((klass.solver, 27), (klass.blank, 0)):
        page = feedback_html(student)
        score = re.search(r"Score:\s*([\d.]+)\s*/\s*([\d.]+)", page)
        assert score, "the feedback page states no score"
        assert (float(score[1]), float(score[2])) == (expected, 27)
        shown = [line for line in hidden_test_lines(ASSIGNMENT) if line in page]
        assert not shown, f"feedback reveals hidden tests: {shown[:3]}"


def check_students_cannot_read_each_others_work(klass: Class, graded: dict) -> None:
    room = klass.room
    course = room.exchange / COURSE
    other = room.home(klass.solver_name)
    status, out = klass.blank.run(f"""
import glob, os
for what, path in [("inbound", {str(course / 'inbound')!r}), ("feedback", {str(course / 'feedback')!r}),
                   ("home", {str(other)!r}), ("work", {str(other / ASSIGNMENT)!r})]:
    try:
        os.listdir(path)
        print(what, "LISTED")
    except PermissionError:
        print(what, "denied")
print("glob", len(glob.glob({str(course / 'inbound' / '*')!r})))
try:
    open({str(other / ASSIGNMENT / (ASSIGNMENT + '.ipynb'))!r}).read()
    print("notebook READ")
except PermissionError:
    print("notebook denied")
""")
    assert status == "ok", out
    assert out.split() == ["inbound", "denied", "feedback", "denied", "home", "denied", "work",
                           "denied", "glob", "0", "notebook", "denied"], out
    # Both submissions are in the exchange, named with a random part nobody can list.
    submitted = sorted(p.name.split("+")[0] for p in (course / "inbound").iterdir())
    assert submitted == sorted([klass.solver_name, klass.blank_name])


def check_students_have_no_formgrader_and_the_kit(klass: Class) -> None:
    with pytest.raises(HubError, match="404"):
        klass.solver.request("GET", "/formgrader/api/assignments")
    assert ASSIGNMENT in klass.solver.list_dir("kit")
    kit = klass.solver.read_notebook(f"kit/{ASSIGNMENT}/{ASSIGNMENT}.ipynb")
    assert "### BEGIN HIDDEN TESTS" not in json.dumps(kit)
    status, out = klass.solver.run("import helpers, sys; print(helpers.__file__); print(sys.executable)")
    assert status == "ok", out
    assert str(TRIAL_ENV) in out and str(ROOT / "helpers") not in out, (
        f"students import helpers from the course environment, not the repository: {out}")


def listening_addresses(port: int) -> set[str]:
    """Local addresses (hex, as /proc/net/tcp writes them) with a socket listening on ``port``."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hexport = local.rsplit(":", 1)
            if state == "0A" and int(hexport, 16) == port:
                found.add(address)
    return found


def check_the_hub_listens_on_loopback_only(klass: Class) -> None:
    addresses = listening_addresses(klass.room.port)
    assert addresses, f"nothing listens on the hub's port {klass.room.port}"
    loopback = {"0100007F", "00000000000000000000000001000000"}  # 127.0.0.1 and ::1
    assert addresses <= loopback, f"the hub's proxy listens beyond loopback: {addresses}"


def test_a_class_through_the_hub(klass: Class, graded: dict) -> None:
    """One test, so that pytest-xdist cannot split the class over two hubs."""
    check_the_hub_listens_on_loopback_only(klass)
    check_students_have_no_formgrader_and_the_kit(klass)
    check_scores_are_full_marks_and_zero(klass, graded)
    check_each_student_fetches_their_own_feedback(klass, graded)
    check_students_cannot_read_each_others_work(klass, graded)
