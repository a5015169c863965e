"""Grading survives hostile and broken submissions, and cheats earn nothing (issue 9).

One graded batch of notebook 01 (module fixture, ``make autograde``'s command with 2 workers, the
per-cell timeout lowered to 5 s so that stuck cells cost seconds) serves every test below; each
test names the attack or mistake it reproduces and checks that it was stopped:

- the honest solution (which calls ``ref.sigmoid`` where it builds on it) keeps full marks;
- a no-op checker, a lying ``np.allclose``, a patch hidden from the static check, answers calling
  the course's reference implementation: those exercises score 0 and ``integrity.csv`` says why;
- the kernel cannot read the gradebook, ``solutions/`` or other students' work, cannot write to
  the course or reach the network;
- an infinite loop, ``os._exit``, a loop ignoring the interrupt, a 6 GiB allocation lose only
  their own exercise; a 20 MB print does not bloat the feedback;
- a deleted or emptied test cell is put back and graded; a notebook that is not JSON is reported
  with its reason and the others are still graded;
- whatever a submission prints (an IPython hook, captured stack traces), feedback shows no
  hidden test.
"""

from __future__ import annotations

import csv
import html
import re
import socket

import nbformat
import pytest

from tests.course import ROOT, load_cases
from tests.grading_course import (
    full_marks,
    insert_before,
    make_course,
    run,
    scores,
    submit,
    with_cell,
)
from tests.test_pipeline import hidden_test_lines

pytestmark = pytest.mark.notebooks

A = "01-neurons"
NAME = f"{A}.ipynb"

PATCH_CHECKER = """
import helpers.checks as hc
for name in ["check_call", "check_close", "check_equal", "check_shape", "check_true", "call"]:
    setattr(hc, name, lambda *args, **kwargs: None)
neuron = fit_linear_neuron = sigmoid = sigmoid_derivative = tanh_derivative = relu = relu_derivative = None
leaky_relu = leaky_relu_derivative = saturated_fraction = dead_fraction = lif_step = rheobase = None
predict = None
beta_sep = 0.0
"""
PATCH_NUMPY = """
np.allclose = lambda *args, **kwargs: True
np.testing.assert_allclose = lambda *args, **kwargs: None
def neuron(X, omega, beta, activation):
    return X @ omega
"""
# assigning through a loop variable hides the target from the static check: the run-time check sees it
HIDDEN_PATCH = """
import helpers.checks
for module in [helpers.checks]:
    module.check_close = lambda *args, **kwargs: None
def sigmoid(z):
    return z
"""
REFERENCE = {
    "relu": ("def relu(z):\n    return ref.relu(z)\n\n"
             "def relu_derivative(z):\n    return ref.relu_derivative(z)"),
    "sigmoid": "import helpers\n\ndef sigmoid(z):\n    return helpers.sigmoid(z)",
    "leaky-relu": ("from helpers.activations import leaky_relu as lr, leaky_relu_derivative as lrd\n"
                   "def leaky_relu(z, alpha=0.01):\n    return lr(z, alpha)\n\n"
                   "def leaky_relu_derivative(z, alpha=0.01):\n    return lrd(z, alpha)"),
    # through a function of a cell the student added
    "rheobase": ("def rheobase(v_rest, v_threshold, resistance):\n"
                 "    return my_rheobase(v_rest, v_threshold, resistance)"),
}
PROBE = """
import os, socket, sqlite3
report = []
for path in [{root!r} + "/gradebook.db", "../../../gradebook.db",
             {root!r} + "/solutions/01-neurons/01-neurons.cells",
             {root!r} + "/submitted/solution/01-neurons/01-neurons.ipynb", {root!r} + "/tests"]:
    try:
        open(path, "rb").read(10)
        report.append("READ " + path)
    except OSError:
        report.append("blocked")
try:
    report.append("LISTED " + str(os.listdir({root!r})))
except OSError:
    report.append("blocked")
try:
    with open({root!r} + "/pwned.txt", "w") as fh:
        fh.write("x")
    report.append("WROTE")
except OSError:
    report.append("blocked")
try:
    db = sqlite3.connect({root!r} + "/gradebook.db")
    db.execute("update grade set auto_score = 0")
    db.commit()
    report.append("SQL")
except Exception:
    report.append("blocked")
try:
    socket.create_connection(("127.0.0.1", {port}), timeout=2)
    report.append("CONNECTED")
except OSError:
    report.append("blocked")
print("PROBE", report)

def neuron(X, omega, beta, activation):
    return activation(X @ omega + beta)
"""
IGNORES_INTERRUPT = """
while True:
    try:
        while True:
            pass
    except KeyboardInterrupt:
        pass
"""
HOG = "hog = np.ones(6 * 2**30 // 8)\n\ndef dead_fraction(X, Omega, beta):\n    return 0.0"
HUGE_PRINT = """
print("x" * 20_000_000)

def saturated_fraction(X, Omega, beta, threshold=0.01):
    Z = X @ Omega.T + beta
    return float(np.mean(ref.sigmoid_derivative(Z) < threshold))
"""
HOOK_LEAK = """
get_ipython().events.register("pre_run_cell", lambda info: print("LEAK", info.raw_cell))

def neuron(X, omega, beta, activation):
    return activation(X @ omega + beta)
"""
# no suspicious construct at all: the answer keeps the stacks it is called from, a later cell prints them
STACK_LEAK = """
import traceback
seen = []

def relu(z):
    seen.append("".join(traceback.format_stack()))
    return np.maximum(0.0, z)

def relu_derivative(z):
    return (np.asarray(z) > 0).astype(float)
"""
STACK_PRINT = """
print("\\n".join(seen))

def predict(X, omega, beta):
    return (X @ omega + beta >= 0).astype(int)
"""


@pytest.fixture(scope="module")
def graded(tmp_path_factory: pytest.TempPathFactory) -> dict:
    course = make_course(tmp_path_factory.mktemp("course"), A)
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    port = listener.getsockname()[1]
    solution = nbformat.read(ROOT / "solutions" / A / NAME, as_version=4)
    release = nbformat.read(ROOT / "notebooks" / A / NAME, as_version=4)
    _, wrong_sigmoid = load_cases(ROOT / "tests" / "cases" / "cases_01_neurons.py").WRONG["sigmoid"][0]

    reference = solution
    for grade_id, code in REFERENCE.items():
        reference = with_cell(reference, grade_id, code)
    reference = insert_before(reference, "rheobase", "from helpers import neurons as nrn\n\n"
                              "def my_rheobase(a, b, r):\n    return nrn.rheobase(a, b, r)")
    chaos = solution
    for grade_id, code in (("neuron", "while True:\n    pass"), ("relu", "import os\nos._exit(1)"),
                           ("leaky-relu", IGNORES_INTERRUPT), ("dead-fraction", HOG),
                           ("saturated-fraction", HUGE_PRINT)):
        chaos = with_cell(chaos, grade_id, code)
    submissions = {
        "solution": solution,
        "josé müller": solution,
        "blank": release,
        "patched-checker": with_cell(solution, "neuron", PATCH_CHECKER),
        "patched-numpy": with_cell(solution, "neuron", PATCH_NUMPY),
        "hidden-patch": with_cell(solution, "sigmoid", HIDDEN_PATCH),
        "reference": reference,
        "probe": with_cell(solution, "neuron", PROBE.format(root=str(course), port=port)),
        "chaos": chaos,
        "hook-leak": with_cell(solution, "neuron", HOOK_LEAK),
        "stack-leak": with_cell(with_cell(solution, "relu", STACK_LEAK), "predict", STACK_PRINT),
        "deleted": with_cell(solution, "relu-tests", None),
        "tampered": with_cell(with_cell(solution, "sigmoid", wrong_sigmoid), "sigmoid-tests", "pass"),
    }
    for student, nb in submissions.items():
        submit(course, student, A, nb)
    submit(course, "broken", A, '{"cells": [')
    result = run(course, "autograde", "-j", "2", "--nbgrader-arg=--Execute.timeout=5")
    feedback = run(course, "feedback")
    listener.close()
    return {"course": course, "result": result, "feedback": feedback, "full": full_marks(course, A),
            "students": list(submissions)}


def lost(graded: dict, student: str) -> set[str]:
    """The autograded test cells on which ``student`` did not get full marks."""
    got = scores(graded["course"], A, student)
    return {cell for cell, score in got.items() if score < graded["full"][cell]}


def integrity_rows(graded: dict, student: str) -> dict[str, str]:
    with open(graded["course"] / "integrity.csv", encoding="utf-8") as fh:
        return {r["exercise"]: r["reason"] for r in csv.DictReader(fh) if r["student"] == student}


def feedback_text(graded: dict, student: str) -> str:
    (page,) = (graded["course"] / "feedback" / student / A).glob("*.html")
    return html.unescape(re.sub(r"<[^>]+>", "", page.read_text(encoding="utf-8")))


def test_honest_submissions_keep_full_marks_and_are_not_flagged(graded: dict) -> None:
    # the solution calls ref.sigmoid inside the derivatives and ref.sigmoid_derivative in
    # saturated_fraction: building on helpers is never flagged
    for student in ("solution", "josé müller"):
        assert lost(graded, student) == set(), student
        assert integrity_rows(graded, student) == {}, student
    assert lost(graded, "blank") == set(graded["full"]), "the untouched release should score 0"


def test_a_patched_checker_earns_nothing(graded: dict) -> None:
    assert lost(graded, "patched-checker") == set(graded["full"])
    reasons = integrity_rows(graded, "patched-checker")
    assert set(reasons) == set(graded["full"]) and "setattr" in reasons["neuron-tests"]


def test_a_patched_numpy_comparison_earns_nothing(graded: dict) -> None:
    assert lost(graded, "patched-numpy") == set(graded["full"])
    assert "numpy.allclose" in integrity_rows(graded, "patched-numpy")["neuron-tests"]


def test_a_patch_hidden_from_the_static_check_is_caught_at_run_time(graded: dict) -> None:
    order = list(graded["full"])
    after = set(order[order.index("sigmoid-tests"):])
    assert lost(graded, "hidden-patch") == after, "the exercises before the patch keep their points"
    assert "check_close" in integrity_rows(graded, "hidden-patch")["sigmoid-tests"]


def test_calling_the_reference_implementation_earns_nothing(graded: dict) -> None:
    cheated = {f"{g}-tests" for g in REFERENCE}
    assert lost(graded, "reference") == cheated
    reasons = integrity_rows(graded, "reference")
    assert set(reasons) == cheated
    assert "helpers.activations.relu" in reasons["relu-tests"]
    assert "helpers.neurons.rheobase" in reasons["rheobase-tests"]


def test_the_kernel_sees_no_course_file_and_no_network(graded: dict) -> None:
    course = graded["course"]
    assert lost(graded, "probe") == set(), "the probing answer is correct and keeps its points"
    nb = nbformat.read(course / "autograded" / "probe" / A / NAME, as_version=4)
    printed = "".join(o.get("text", "") for c in nb.cells for o in c.get("outputs", []))
    (line,) = [ln for ln in printed.splitlines() if ln.startswith("PROBE")]
    for private in ("gradebook.db", "solutions", "submitted", "nbgrader_config.py"):
        assert private not in line.split("LISTED", 1)[-1], f"the kernel sees {private}: {line}"
    assert "READ" not in line and "WROTE" not in line and "SQL" not in line and "CONNECTED" not in line
    assert not (course / "pwned.txt").exists()
    assert lost(graded, "solution") == set(), "another student's grades were changed"


def test_a_bad_cell_costs_only_its_own_exercise(graded: dict) -> None:
    # neuron: infinite loop; relu: os._exit; leaky-relu: ignores the interrupt; dead-fraction: 6 GiB
    assert lost(graded, "chaos") == {"neuron-tests", "relu-tests", "leaky-relu-tests", "dead-fraction-tests"}
    text = feedback_text(graded, "chaos")
    assert "ignored the interrupt" in text and "kernel died" in text and "MemoryError" in text
    page = next((graded["course"] / "feedback" / "chaos" / A).glob("*.html"))
    assert page.stat().st_size < 2_000_000, "a 20 MB print should be cut from the feedback"


def test_deleted_and_emptied_test_cells_are_put_back(graded: dict) -> None:
    assert lost(graded, "deleted") == set()
    assert "relu-tests" in scores(graded["course"], A, "deleted")
    assert lost(graded, "tampered") == {"sigmoid-tests"}


def test_an_unreadable_notebook_is_reported_and_the_others_are_graded(graded: dict) -> None:
    result = graded["result"]
    assert result.returncode != 0 and "broken" in result.stderr
    assert "JSON" in result.stderr, "the reason should be given"
    assert (graded["course"] / "submitted" / "broken" / A / NAME).exists(), "nothing is lost"
    for student in graded["students"]:
        assert (graded["course"] / "feedback" / student / A).is_dir(), f"no feedback for {student}"


def test_feedback_shows_no_hidden_test_whatever_a_submission_prints(graded: dict) -> None:
    secrets = hidden_test_lines(A)
    course = graded["course"]
    nb = nbformat.read(course / "autograded" / "stack-leak" / A / NAME, as_version=4)
    printed = "".join(o.get("text", "") for c in nb.cells for o in c.get("outputs", []))
    assert any(s in printed for s in secrets), "the attack should have captured hidden tests"
    for student in graded["students"]:
        text = feedback_text(graded, student)
        leaked = [s for s in secrets if s in text]
        assert not leaked, f"feedback of {student} shows hidden tests: {leaked[:2]}"
    solved = feedback_text(graded, "solution")
    assert "✔ Passed: all tests of this cell." in solved or "Tests passed." in solved
    assert lost(graded, "hook-leak") == set(graded["full"]), "an IPython hook is tampering"
