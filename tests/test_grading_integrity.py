"""The static integrity check (tools/grading/integrity.py) on every notebook, without a kernel.

Honest code is never flagged: every solution, every wrong and every correct answer of
``tests/cases/`` (except the correct answers that call the reference implementation itself,
listed below: under the integrity rules they earn nothing). Cheats are flagged under any alias.
"""

from __future__ import annotations

import asyncio
import copy
import shutil

import nbformat
import pytest

from tests.course import ASSIGNMENTS, ROOT, load_cases
from tools.grading import integrity, sandbox

# correct answers in tests/cases that call the very helper the exercise asks for: flagged on purpose
CALLS_THE_REFERENCE = {
    ("02-shallow-networks", "count-regions", "ceil of run lengths / 2 (the helper's rule)"),
    ("02-shallow-networks", "count-regions-2d", "the helper"),
    ("03-composing-networks", "compose", "with helpers.composition"),
    ("03-composing-networks", "piece-slopes", "with helpers.composition"),
    ("03-composing-networks", "param-count", "with count_parameters"),
    ("03-composing-networks", "two-layer-forward", "with deep_forward"),
    ("03-composing-networks", "compose-networks", "with helpers.composition"),
    ("06-backpropagation", "relative-error", "helpers.gradcheck"),
}


def notebook(assignment: str) -> nbformat.NotebookNode:
    return nbformat.read(ROOT / "solutions" / assignment / f"{assignment}.ipynb", as_version=4)


def findings(assignment: str, replace: dict[str, str] | None = None, add: str | None = None) -> list:
    """Findings on the solution with answers replaced (and a student cell added at the end)."""
    nb = copy.deepcopy(notebook(assignment))
    for answer, code in (replace or {}).items():
        (cell,) = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == answer]
        cell.source = code
    if add:
        nb.cells.append(nbformat.v4.new_code_cell(add))
    folder = ROOT / "solutions" / assignment
    course = integrity.course_sources(folder, assignment)
    return integrity.analyse(nb.cells, course, integrity.load_forbidden(folder))


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_integrity_rules_name_real_answers_and_helpers(assignment: str) -> None:
    rules = integrity.load_forbidden(ROOT / "solutions" / assignment)
    if assignment[:2] <= "06":  # the notebooks of issue 9; later authors add theirs (docs/CONVENTIONS.md)
        assert rules, f"solutions/{assignment}/integrity.toml is missing or empty"
    ids = {c.metadata.get("nbgrader", {}).get("grade_id") for c in notebook(assignment).cells}
    for answer, names in rules.items():
        assert answer in ids, f"integrity.toml names an unknown answer {answer}"
        for name in names:
            assert integrity.resolve(name) is not integrity._MISSING, f"{name} does not exist in helpers"


def test_every_case_said_to_call_the_reference_exists() -> None:
    listed = set()
    for assignment in ASSIGNMENTS:
        cases = load_cases(ROOT / "tests" / "cases" / f"cases_{assignment.replace('-', '_')}.py")
        listed |= {(assignment, answer, label)
                   for answer, items in cases.CORRECT.items() for label, _ in items}
    assert CALLS_THE_REFERENCE <= listed, f"no such CORRECT case: {sorted(CALLS_THE_REFERENCE - listed)}"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_honest_answers_are_never_flagged(assignment: str) -> None:
    assert findings(assignment) == [], "the solution itself is flagged"
    cases = load_cases(ROOT / "tests" / "cases" / f"cases_{assignment.replace('-', '_')}.py")
    for kind in ("WRONG", "CORRECT"):
        for answer, items in getattr(cases, kind).items():
            for label, code in items:
                got = findings(assignment, {answer: code})
                if (assignment, answer, label) in CALLS_THE_REFERENCE:
                    assert {f.kind for f in got} == {"reference"}, (answer, label, got)
                else:
                    assert got == [], f"{kind} {answer} '{label}' is flagged: {got}"


CHEATS_01 = {
    "relu via ref": ("relu", "def relu(z):\n    return ref.relu(z)\n"
                             "def relu_derivative(z):\n    return z > 0"),
    "relu via helpers": ("relu", "import helpers\nrelu = helpers.relu\n"
                                 "relu_derivative = helpers.relu_derivative"),
    "star import": ("sigmoid", "from helpers.activations import *"),
    "getattr literal": ("sigmoid", "def sigmoid(z):\n    return getattr(ref, 'sigmoid')(z)"),
    "get_activation": ("relu", "relu, relu_derivative = ref.get_activation('relu')"),
    "layer class": ("relu", "from helpers.layers import ReLU\ndef relu(z):\n    return ReLU().forward(z)"),
    "dynamic lookup": ("sigmoid", "def sigmoid(z):\n    name = 'sig' + 'moid'\n"
                                  "    return getattr(ref, name)(z)"),
}


@pytest.mark.parametrize("label", sorted(CHEATS_01))
def test_calling_the_reference_is_flagged_under_any_alias(label: str) -> None:
    answer, code = CHEATS_01[label]
    got = findings("01-neurons", {answer: code})
    assert {(f.kind, f.answer) for f in got} == {("reference", answer)}, got


def test_a_reference_reached_through_the_students_own_cell_is_flagged() -> None:
    answer = "def relu(z):\n    return mine(z)\ndef relu_derivative(z):\n    return z > 0"
    got = findings("01-neurons", {"relu": answer},
                   add="from helpers.activations import relu as r\ndef mine(z):\n    return r(z)")
    assert {(f.kind, f.answer) for f in got} == {("reference", "relu")}


def test_building_on_a_helper_is_not_flagged() -> None:
    code = "def sigmoid_derivative(z):\n    s = ref.sigmoid(z)\n    return s * (1 - s)\n" \
           "def tanh_derivative(z):\n    return 1 - ref.tanh(z) ** 2"
    assert findings("01-neurons", {"derivatives": code}) == []


def test_the_mlp_method_is_flagged_in_mlp_gradients() -> None:
    code = ("def mlp_gradients(X, y, Omegas, betas, activation='relu'):\n"
            "    net = MLP.from_parameters(betas, Omegas, activation=activation)\n"
            "    return net.loss_and_grads(X, y)")
    got = findings("06-backpropagation", {"mlp-gradients": code})
    assert {(f.kind, f.answer) for f in got} == {("reference", "mlp-gradients")}


TAMPERING = {
    "no-op checker": "import helpers.checks\nhelpers.checks.check_close = lambda *a, **k: None",
    "setattr on numpy": "setattr(np, 'allclose', lambda *a, **k: True)",
    "testing patched": "from numpy import testing\ntesting.assert_allclose = print",
    "exec": "exec('x = 1')",
    "hook": "get_ipython().events.register('pre_run_cell', print)",
    "frames": "import sys\nframe = sys._getframe()",
    "globals of a function": "g = ref.sigmoid.__globals__",
    "rebinds np": "np = None",
    "mock": "from unittest import mock",
    "builtins": "import builtins\nbuiltins.isinstance = lambda *a: True",
}


@pytest.mark.parametrize("label", sorted(TAMPERING))
def test_tampering_is_flagged(label: str) -> None:
    got = findings("01-neurons", add=TAMPERING[label])
    assert got and {f.kind for f in got} == {"tampering"}, got


def test_magics_a_student_may_use_are_not_tampering() -> None:
    assert findings("01-neurons", add="%timeit np.zeros(3)\n!ls") == []


def test_bubblewrap_runs_here_and_its_absence_is_loud(monkeypatch: pytest.MonkeyPatch) -> None:
    assert shutil.which("bwrap"), "bubblewrap is missing: run `bash tools/system-deps.sh`"
    assert sandbox.bwrap_problem() is None, sandbox.bwrap_problem()
    sandbox.bwrap_problem.cache_clear()
    monkeypatch.setattr(sandbox.shutil, "which", lambda name: None)
    try:
        assert sandbox.bwrap_problem() == "is not installed"
        manager = sandbox.SandboxedKernelManager(kernel_name="python3")
        with pytest.warns(RuntimeWarning, match="NOT SANDBOXED"):
            asyncio.run(manager._async_pre_start_kernel())
        assert not manager.sandboxed
        manager.cleanup_connection_file()
    finally:
        sandbox.bwrap_problem.cache_clear()


def test_sandbox_hides_a_folder_inside_another_hidden_one_once(tmp_path, monkeypatch):
    """The hub's instructor keeps the course in their home: one tmpfs and remount for the home."""
    import shutil
    import tempfile
    from pathlib import Path

    from tools.grading import sandbox

    base = Path(tempfile.mkdtemp(dir="/var/tmp"))  # not under /tmp, which the sandbox hides too
    home = base / "home"
    inner = home / "dnn"
    inner.mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    argv = sandbox.bwrap_argv(tmp_path / "scratch", tmp_path / "scratch", memory_bytes=2**30,
                              cpu_seconds=60, hide=[str(inner)], env={})
    shutil.rmtree(base)
    pairs = list(zip(argv, argv[1:], strict=False))
    assert ("--tmpfs", str(home)) in pairs and ("--tmpfs", str(inner)) not in pairs
    assert ("--remount-ro", str(inner)) not in pairs
