"""A temporary course for the grading tests: config, tools, one assignment, and helpers to run
the instructor commands (``python -m tools.grading.workflow``) and read scores back."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat

from tests.course import ROOT

ENV = {**os.environ, "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ["PATH"]])}


def make_course(path: Path, *assignments: str) -> Path:
    """A course root at ``path`` with the config, the grading tools and ``assignments``."""
    shutil.copy(ROOT / "nbgrader_config.py", path)
    shutil.copytree(ROOT / "tools", path / "tools", ignore=shutil.ignore_patterns("__pycache__"))
    for assignment in assignments:
        shutil.copytree(ROOT / "solutions" / assignment, path / "solutions" / assignment)
        shutil.copytree(ROOT / "notebooks" / assignment, path / "notebooks" / assignment)
    return path


def run(course: Path, *args: str, timeout: float = 900, check: bool = False) -> subprocess.CompletedProcess:
    """``python -m tools.grading.workflow ARGS`` (or ``nbgrader ARGS`` if args[0] == "nbgrader")."""
    command = [sys.executable, "-m", *(("nbgrader", *args[1:]) if args[0] == "nbgrader" else
                                       ("tools.grading.workflow", *args))]
    result = subprocess.run(command, cwd=course, env=ENV, capture_output=True, text=True, timeout=timeout)
    if check:
        assert result.returncode == 0, f"{' '.join(args)} failed:\n{result.stdout}\n{result.stderr[-3000:]}"
    return result


def copy_nb(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    return nbformat.from_dict(json.loads(nbformat.writes(nb)))


def with_cell(nb: nbformat.NotebookNode, grade_id: str, source: str | None) -> nbformat.NotebookNode:
    """A copy of ``nb`` with the cell ``grade_id`` given a new source (None: deleted)."""
    nb = copy_nb(nb)
    ids = [c.metadata.get("nbgrader", {}).get("grade_id") for c in nb.cells]
    (index,) = [i for i, cell_id in enumerate(ids) if cell_id == grade_id]
    if source is None:
        del nb.cells[index]
    else:
        nb.cells[index].source = source
    return nb


def insert_before(nb: nbformat.NotebookNode, grade_id: str, source: str) -> nbformat.NotebookNode:
    """A copy of ``nb`` with a new plain code cell (as a student adds one) before ``grade_id``."""
    nb = copy_nb(nb)
    ids = [c.metadata.get("nbgrader", {}).get("grade_id") for c in nb.cells]
    nb.cells.insert(ids.index(grade_id), nbformat.v4.new_code_cell(source))
    return nb


def submit(course: Path, student: str, assignment: str, nb: nbformat.NotebookNode | str) -> None:
    folder = course / "submitted" / student / assignment
    folder.mkdir(parents=True, exist_ok=True)
    if isinstance(nb, str):
        (folder / f"{assignment}.ipynb").write_text(nb, encoding="utf-8")
    else:
        nbformat.write(nb, folder / f"{assignment}.ipynb")


def scores(course: Path, assignment: str, student: str) -> dict[str, float]:
    """{autograded test cell: score} of one submission."""
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        nb = gb.find_submission_notebook(assignment, assignment, student)
        return {g.name: g.score for g in nb.grades if g.cell.cell_type == "code"}


def full_marks(course: Path, assignment: str) -> dict[str, float]:
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        nb = gb.find_notebook(assignment, assignment)
        return {c.name: c.max_score for c in nb.grade_cells if c.cell_type == "code"}
