"""Feedback that never reveals hidden tests.

nbgrader's default feedback shows the graded notebook as autograded: hidden test code, and
tracebacks whose context lines quote the failing (possibly hidden) assert. ``nbgrader_config.py``
runs :class:`ClearHiddenTests` and then :class:`RedactTestTracebacks` on every feedback notebook.
"""

from __future__ import annotations

from nbgrader import utils
from nbgrader.preprocessors import NbGraderPreprocessor

from helpers.checks import PASSED_ALL


class RedactTestTracebacks(NbGraderPreprocessor):
    """In autograded test cells, keep each error's one-line message and drop its traceback.

    The message is what ``helpers.checks`` wrote for the student (hidden checks already
    leave out their inputs and expected values); the traceback would quote test code.
    Print output of test cells is dropped too, as hidden tests may print; only the fixed line
    ``helpers.checks.PASSED_ALL`` that a passing test cell prints is kept.
    """

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type != "code" or not utils.is_grade(cell) or utils.is_solution(cell):
            return cell, resources
        kept = []
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream" and output.get("text", "").strip() == PASSED_ALL:
                kept.append(output)  # helpers.checks' fixed "passed" line reveals nothing
            if output.get("output_type") == "error":
                message = f"{output.get('ename', 'Error')}: {output.get('evalue', '')}"
                output["traceback"] = [message]
                kept.append(output)
        cell["outputs"] = kept
        return cell, resources
