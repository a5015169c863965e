"""Feedback that never reveals hidden tests, whatever a submission prints.

nbgrader's default feedback shows the graded notebook as autograded: hidden test code, and
tracebacks whose context lines quote the failing (possibly hidden) assert. ``nbgrader_config.py``
runs, on every feedback notebook, in this order:

1. :class:`RedactHiddenTestLines`: every output of every cell loses any text that repeats a line
   of a hidden test (a submission can capture the source of the test cells that call it, e.g.
   with an IPython hook or ``traceback.format_stack``, and print it later); rich outputs (images,
   HTML) of cells the student wrote are dropped (they could draw the same text); every output is
   cut to ``max_chars``.
2. nbgrader's ``ClearHiddenTests``: the hidden blocks leave the test cells' source.
3. :class:`RedactTestTracebacks`: a test cell shows one line, "passed", or its error's message.
"""

from __future__ import annotations

import re

from nbformat import NotebookNode
from nbgrader import utils
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Integer

HIDDEN = re.compile(r"### BEGIN HIDDEN TESTS\n(.*?)### END HIDDEN TESTS", re.S)
REMOVED = "[hidden test removed]"
GENERIC = {"with hidden():", "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"}
RICH = ("image/png", "image/jpeg", "image/svg+xml", "text/html", "text/latex", "application/javascript",
        "application/vnd.jupyter.widget-view+json")


def hidden_lines(nb: NotebookNode) -> list[str]:
    """Distinctive lines of the hidden tests of ``nb`` (longest first), not shown elsewhere."""
    public = "\n".join(HIDDEN.sub("", c.source) for c in nb.cells)
    lines = set()
    for cell in nb.cells:
        for block in HIDDEN.findall(cell.source if utils.is_grade(cell) else ""):
            for line in block.splitlines():
                line = line.strip()
                if len(line) >= 8 and line not in GENERIC and line not in public:
                    lines.add(line)
    return sorted(lines, key=len, reverse=True)


def redact(text: str, lines: list[str], max_chars: int) -> str:
    for line in lines:
        if line in text:
            text = text.replace(line, REMOVED)
    if len(text) > max_chars:
        cut = len(text) - max_chars
        text = text[:max_chars] + f"\n[... {cut} more characters cut from the feedback ...]\n"
    return text


class RedactHiddenTestLines(NbGraderPreprocessor):
    """Remove hidden-test text from all outputs and cap each output (see the module doc)."""

    max_chars = Integer(10_000, help="Characters kept per output in feedback.").tag(config=True)

    def preprocess(self, nb, resources):
        from tools.grading.integrity import COURSE, course_sources

        lines = hidden_lines(nb)
        info = resources.get("nbgrader", {})
        assignment, notebook = str(info.get("assignment", "")), str(info.get("notebook", ""))
        course = course_sources(COURSE / "solutions" / assignment, notebook)
        for cell in nb.cells:
            if cell.cell_type != "code":
                continue
            # answer cells and cells the student added or changed: their plots and HTML are dropped
            student_cell = utils.is_solution(cell) or cell.source.strip() not in course
            kept = []
            for output in cell.get("outputs", []):
                if "text" in output:
                    output["text"] = redact(str(output["text"]), lines, self.max_chars)
                if output.get("output_type") == "error":
                    output["evalue"] = redact(str(output.get("evalue", "")), lines, self.max_chars)
                    output["traceback"] = [redact(str(t), lines, self.max_chars)
                                           for t in output.get("traceback", [])[:100]]
                data = output.get("data")
                if data:
                    for key in list(data):
                        if key in RICH and student_cell:
                            del data[key]
                        elif isinstance(data[key], str) and not key.startswith("image/"):
                            data[key] = redact(data[key], lines, self.max_chars)
                    if not data:
                        continue
                kept.append(output)
            cell["outputs"] = kept
        return nb, resources

from helpers.checks import PASSED_ALL


class RedactTestTracebacks(NbGraderPreprocessor):
    """In autograded test cells, keep each error's message, drop its traceback, say when it passed.

    The message is what ``helpers.checks`` wrote for the student (hidden checks already
    leave out their inputs and expected values); the traceback would quote test code.
    Print output of test cells is dropped too, as hidden tests may print; only the fixed line
    ``helpers.checks.PASSED_ALL`` that a passing test cell prints is kept.
    """

    max_chars = Integer(2_000, help="Characters kept of a test cell's message.").tag(config=True)

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type != "code" or not utils.is_grade(cell) or utils.is_solution(cell):
            return cell, resources
        kept = []
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream" and output.get("text", "").strip() == PASSED_ALL:
                kept.append(output)  # helpers.checks' fixed "passed" line reveals nothing
            if output.get("output_type") == "error":
                message = f"{output.get('ename', 'Error')}: {output.get('evalue', '')}"
                if len(message) > self.max_chars:
                    message = message[: self.max_chars] + " [...]"
                output["evalue"] = message.split(": ", 1)[-1]
                output["traceback"] = [message]
                kept.append(output)
        if not kept:
            kept = [NotebookNode(output_type="stream", name="stdout", text="Tests passed.\n")]
        cell["outputs"] = kept
        return cell, resources
