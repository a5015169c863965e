"""The grading pipeline, end to end, for every assignment, on a temporary copy of the course.

Per assignment, in one temporary course folder:
1. ``nbgrader generate_assignment`` reproduces ``notebooks/`` exactly, with no solution and no
   hidden test in it;
2-4. one ``nbgrader autograde`` call grades three submissions: the solution notebook (full
   marks), the untouched release (zero on every autograded cell, no crash) and the solution
   with one plausible wrong answer (loses exactly that exercise's points);
then ``nbgrader generate_feedback`` writes feedback that reveals no hidden test and no model
answer. The points stated in the introduction match nbgrader's total.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from tests.course import ASSIGNMENTS, ROOT, CourseError, cases_path, load_cases, notebook_cells

pytestmark = pytest.mark.notebooks

NBGRADER = [sys.executable, "-m", "nbgrader"]
# nbgrader runs `alembic` (its database migrations) from PATH: put this environment's bin first.
ENV = {**os.environ, "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ["PATH"]])}


def nbgrader(course: Path, *args: str) -> subprocess.CompletedProcess:
    result = subprocess.run([*NBGRADER, *args, "--log-level=WARN"], cwd=course, env=ENV,
                            capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, f"nbgrader {' '.join(args)} failed:\n{result.stderr[-3000:]}"
    return result


HIDDEN_BLOCK = re.compile(r"### BEGIN HIDDEN TESTS\n(.*?)### END HIDDEN TESTS", re.S)
SOLUTION_BLOCK = re.compile(r"### BEGIN SOLUTION\n(.*?)### END SOLUTION", re.S)


def public_text(assignment: str) -> str:
    """Everything students may see: the sources without solutions, hidden tests, model answers."""
    parts = []
    for cell in notebook_cells(assignment):
        if cell.role != "written":
            parts.append(SOLUTION_BLOCK.sub("", HIDDEN_BLOCK.sub("", cell.source)))
    return "\n".join(parts)


def _private(lines: list[str], assignment: str) -> list[str]:
    """The lines that only the private parts hold (a hint or a visible test may repeat a line)."""
    public = public_text(assignment)
    return [ln for ln in lines if ln not in public]


def hidden_test_lines(assignment: str) -> list[str]:
    """Distinctive lines of the assignment's hidden tests (what students must never see)."""
    lines = []
    for cell in notebook_cells(assignment):
        if cell.role == "tests":
            for block in HIDDEN_BLOCK.findall(cell.source):
                lines += [ln.strip() for ln in block.splitlines()
                          if len(ln.strip()) > 12 and ln.strip() != "with hidden():"]
    return _private(lines, assignment)


def solution_lines(assignment: str) -> list[str]:
    """Distinctive lines of solutions and model answers."""
    lines = []
    for cell in notebook_cells(assignment):
        if cell.role == "answer":
            for block in SOLUTION_BLOCK.findall(cell.source):
                lines += [ln.strip() for ln in block.splitlines() if len(ln.strip()) > 15]
        if cell.role == "written":
            lines += [ln.strip() for ln in cell.source.splitlines() if len(ln.strip()) > 25]
    return _private(lines, assignment)


def wrong_submission(assignment: str, solution: nbformat.NotebookNode) -> tuple[nbformat.NotebookNode, str]:
    """The solution with one answer replaced by the cases file's pipeline wrong answer."""
    cases = load_cases(cases_path(assignment))
    answer_id, index = getattr(cases, "PIPELINE_WRONG", (next(iter(cases.WRONG)), 0))
    entries = cases.WRONG.get(answer_id, [])
    if not -len(entries) <= index < len(entries):
        raise CourseError(f"{cases_path(assignment).name}: PIPELINE_WRONG = {(answer_id, index)!r} "
                          "names no entry of WRONG; give (answer id, index into its list)")
    _, code = entries[index]
    nb = nbformat.from_dict(json.loads(nbformat.writes(solution)))
    (cell,) = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == answer_id]
    cell.source = code
    return nb, answer_id


@pytest.fixture
def course(tmp_path: Path) -> Path:
    """A temporary course root with the config and tools (assignments are copied per test)."""
    shutil.copy(ROOT / "nbgrader_config.py", tmp_path)
    shutil.copytree(ROOT / "tools", tmp_path / "tools", ignore=shutil.ignore_patterns("__pycache__"))
    return tmp_path


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_release_grading_and_feedback(course: Path, assignment: str) -> None:
    shutil.copytree(ROOT / "solutions" / assignment, course / "solutions" / assignment)
    name = f"{assignment}.ipynb"

    # 1. The committed release is exactly what nbgrader generates, and gives nothing away.
    nbgrader(course, "generate_assignment", assignment, "--force")
    generated = (course / "notebooks" / assignment / name).read_text(encoding="utf-8")
    committed = (ROOT / "notebooks" / assignment / name).read_text(encoding="utf-8")
    assert json.loads(generated) == json.loads(committed), (
        f"notebooks/{assignment} is not what nbgrader generates from solutions/: run `make release`")
    released = sorted(p.name for p in (course / "notebooks" / assignment).iterdir())
    assert released == sorted(p.name for p in (ROOT / "notebooks" / assignment).iterdir())
    assert not list((course / "notebooks" / assignment).glob("*.cells"))
    hidden_lines, model_lines = hidden_test_lines(assignment), solution_lines(assignment)
    secrets = hidden_lines + model_lines
    assert len(hidden_lines) >= 5, (
        f"{assignment}: only {len(hidden_lines)} distinctive hidden-test lines (more than 12 "
        "characters, not in the visible text) to check the release and feedback against, at "
        "least 5 needed: give the exercises' hidden tests more cases of their own (other inputs, "
        "edge cases) instead of repeating visible lines")
    assert len(model_lines) >= 10, (
        f"{assignment}: only {len(model_lines)} distinctive solution lines (more than 15 "
        "characters, not in the visible text) to check the release against, at least 10 needed: "
        "are the answers' ### BEGIN SOLUTION blocks and the written answers' model answers there?")
    shown = "\n".join(cell["source"] for cell in nbformat.reads(generated, as_version=4).cells)
    leaked = [ln for ln in secrets if ln in shown]
    assert not leaked, f"the release shows solution or hidden-test lines: {leaked[:3]}"
    assert "BEGIN HIDDEN TESTS" not in generated and "BEGIN SOLUTION" not in generated

    # 2-4. One autograde call for three submissions.
    solution = nbformat.read(ROOT / "solutions" / assignment / name, as_version=4)
    release = nbformat.read(course / "notebooks" / assignment / name, as_version=4)
    wrong, wrong_id = wrong_submission(assignment, solution)
    for student, nb in (("solution", solution), ("untouched", release), ("wrong", wrong)):
        folder = course / "submitted" / student / assignment
        folder.mkdir(parents=True)
        nbformat.write(nb, folder / name)
    nbgrader(course, "autograde", assignment)
    scores, total = read_scores(course, assignment)

    stated = int(re.search(r"\*\*(\d+) points\*\*", release.cells[0].source).group(1))
    assert stated == total, f"introduction states {stated} points, nbgrader counts {total}"
    auto = {cell: max_score for cell, (_, max_score, is_code) in scores["solution"].items() if is_code}
    assert auto, "no autograded cells"
    got = {cell: s for cell, (s, _, is_code) in scores["solution"].items() if is_code}
    assert got == auto, f"the solution does not get full marks: {got} vs {auto}"
    got = {cell: s for cell, (s, _, is_code) in scores["untouched"].items() if is_code}
    assert got == dict.fromkeys(auto, 0.0), f"the untouched release scores points: {got}"
    expected = {**auto, f"{wrong_id}-tests": 0.0}
    got = {cell: s for cell, (s, _, is_code) in scores["wrong"].items() if is_code}
    assert got == expected, f"a wrong '{wrong_id}' should lose exactly its own points: {got}"

    # Feedback reveals neither hidden tests nor model answers, but does explain failures.
    nbgrader(course, "generate_feedback", assignment)
    for student in ("solution", "untouched", "wrong"):
        (page,) = (course / "feedback" / student / assignment).glob("*.html")
        text = html.unescape(re.sub(r"<[^>]+>", "", page.read_text(encoding="utf-8")))
        leaked = [ln for ln in hidden_test_lines(assignment) if ln in text]
        assert not leaked, f"feedback for {student} shows hidden tests: {leaked[:3]}"
        if student == "untouched":
            assert "is not implemented yet" in text or "NotImplementedError" in text


def read_scores(course: Path, assignment: str,
                students: tuple[str, ...] = ("solution", "untouched", "wrong")) -> tuple[dict, float]:
    """{student: {grade cell: (score, max score, is autograded code)}} and the assignment's total."""
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        total = gb.find_assignment(assignment).max_score
        scores = {}
        for student in students:
            nb = gb.find_submission_notebook(assignment, assignment, student)
            scores[student] = {
                g.name: (g.score, g.max_score, g.cell.cell_type == "code") for g in nb.grades
            }
    return scores, total
