"""Grading survives what students hand in: an infinite loop, a deleted or edited test cell,
a notebook that is not JSON. One ``nbgrader autograde`` call, on a temporary course copy.

The per-cell timeout is lowered to 5 s on the command line (the course's is 60 s) so that the
infinite loop costs seconds, not a minute; the mechanism is the same.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import nbformat
import pytest

from tests.course import ROOT, load_cases
from tests.test_pipeline import ENV, NBGRADER, nbgrader, read_scores

pytestmark = pytest.mark.notebooks

ASSIGNMENT = "01-neurons"
NAME = f"{ASSIGNMENT}.ipynb"


def with_cell(nb: nbformat.NotebookNode, grade_id: str, source: str | None) -> nbformat.NotebookNode:
    """A copy of ``nb`` with the cell ``grade_id`` given a new source (None: deleted)."""
    nb = nbformat.from_dict(nbformat.reads(nbformat.writes(nb), as_version=4))
    ids = [c.metadata.get("nbgrader", {}).get("grade_id") for c in nb.cells]
    (index,) = [i for i, cell_id in enumerate(ids) if cell_id == grade_id]
    if source is None:
        del nb.cells[index]
    else:
        nb.cells[index].source = source
    return nb


def test_autograde_survives_hostile_and_broken_submissions(tmp_path: Path) -> None:
    course = tmp_path
    shutil.copy(ROOT / "nbgrader_config.py", course)
    shutil.copytree(ROOT / "tools", course / "tools", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "solutions" / ASSIGNMENT, course / "solutions" / ASSIGNMENT)
    nbgrader(course, "generate_assignment", ASSIGNMENT)

    solution = nbformat.read(ROOT / "solutions" / ASSIGNMENT / NAME, as_version=4)
    _, wrong_sigmoid = load_cases(ROOT / "tests" / "cases" / "cases_01_neurons.py").WRONG["sigmoid"][0]
    submissions = {
        # the answer never returns: interrupted at the timeout, only its own exercise is lost
        "looping": with_cell(solution, "neuron", "while True:\n    pass"),
        # a test cell deleted: put back and graded (the answer is right, so full marks)
        "deleted": with_cell(solution, "relu-tests", None),
        # a wrong answer whose test cell was emptied: the test is restored and fails
        "tampered": with_cell(with_cell(solution, "sigmoid", wrong_sigmoid), "sigmoid-tests", "pass"),
    }
    for student, nb in submissions.items():
        folder = course / "submitted" / student / ASSIGNMENT
        folder.mkdir(parents=True)
        nbformat.write(nb, folder / NAME)
    broken = course / "submitted" / "broken" / ASSIGNMENT
    broken.mkdir(parents=True)
    (broken / NAME).write_text('{"cells": [', encoding="utf-8")

    result = subprocess.run([*NBGRADER, "autograde", ASSIGNMENT, "--Execute.timeout=5", "--log-level=ERROR"],
                            cwd=course, env=ENV, capture_output=True, text=True, timeout=600)
    assert result.returncode != 0, "a submission that cannot be read should make autograde report failure"
    assert "broken" in result.stderr, "the error should name the student whose submission is broken"

    scores, _ = read_scores(course, ASSIGNMENT, tuple(submissions))
    full = {cell: m for cell, (_, m, is_code) in scores["deleted"].items() if is_code}
    assert "relu-tests" in full, "the deleted test cell was not put back"
    for student, lost in (("deleted", None), ("looping", "neuron-tests"), ("tampered", "sigmoid-tests")):
        got = {cell: s for cell, (s, _, is_code) in scores[student].items() if is_code}
        expected = {**full, lost: 0.0} if lost else full
        assert got == expected, f"{student}: expected to lose exactly {lost}, got {got}"
    assert (course / "submitted" / "broken" / ASSIGNMENT / NAME).exists(), "the broken submission was removed"
