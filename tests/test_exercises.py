"""Every exercise's tests reject plausible wrong answers and accept other correct ones.

For each notebook with a ``tests/cases/cases_NN_topic.py`` file, the solution notebook runs in
a fresh kernel; then each case's code replaces the answer cell, the exercise's test cell runs,
and the real answer is restored. A WRONG case must make the test cell fail, a CORRECT case must
let it pass.

Each WRONG case runs twice: against the visible tests only (what the student sees before
submitting) and against the whole cell (visible + hidden, what grading runs). A wrong answer must
fail the *visible* tests, so a student whose visible tests pass rarely loses points at grading;
only the cases listed in the case file's ``HIDDEN_ONLY`` (hard-coded values, rare edge cases) may
pass them. The report printed per notebook (``pytest -s``) says which tests rejected each case.

Before each case runs, every name the exercise's answer cell binds (the function, and whatever
it imports or defines besides) is deleted from the kernel, so a test cell that silently relies
on the solution's own ``from math import comb`` fails here, as it would for a student who wrote
``math.comb``. ``test_test_cells_need_no_answer_only_names`` checks the same statically.
"""

from __future__ import annotations

import ast
import builtins

import pytest

from tests.course import CASES, load_cases, notebook_cells, running_kernel

HIDDEN_MARK = "### BEGIN HIDDEN TESTS"


def visible_part(test_source: str) -> str:
    """The visible tests of a test cell: what the student's release holds."""
    return test_source.split(HIDDEN_MARK)[0]


def bound_names(source: str) -> set[str]:
    """Names a cell binds at its top level (defs, classes, assignments, imports, loop targets)."""
    names: set[str] = set()
    for node in ast.parse(source).body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
            continue
        for sub in ast.walk(node):
            if isinstance(sub, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                names.add(sub.name)
            elif isinstance(sub, ast.Import | ast.ImportFrom):
                names.update((a.asname or a.name).split(".")[0] for a in sub.names)
            elif isinstance(sub, ast.Name) and isinstance(sub.ctx, ast.Store):
                names.add(sub.id)
    return names


def free_names(source: str) -> set[str]:
    """Names a cell reads that it does not bind itself (nor Python's builtins)."""
    tree = ast.parse(source)
    local: set[str] = set(bound_names(source))
    for node in ast.walk(tree):  # names bound inside functions, lambdas, comprehensions
        if isinstance(node, ast.arg):
            local.add(node.arg)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            local.add(node.id)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            local.add(node.name)
        elif isinstance(node, ast.ExceptHandler) and node.name:
            local.add(node.name)
    read = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
    return read - local - set(dir(builtins))


def answer_targets(source: str) -> set[str]:
    """The names an answer cell exists to define: the statements that hold its solution block."""
    lines = source.splitlines()
    begins = [i for i, ln in enumerate(lines, 1) if "### BEGIN SOLUTION" in ln]
    ends = [i for i, ln in enumerate(lines, 1) if "### END SOLUTION" in ln]
    targets: set[str] = set()
    for node in ast.parse(source).body:
        last = node.end_lineno or node.lineno
        if any(b <= node.lineno <= e or node.lineno <= b <= last for b, e in zip(begins, ends, strict=True)):
            targets |= bound_names(ast.unparse(node))
    return targets


def answer_only_names(cells) -> dict[str, dict[str, set[str]]]:
    """Per test cell: the names it reads that only some answer cell provides, by kind.

    ``"helper"``: bound by an answer cell besides its exercise's target (an import, a helper);
    a student may not write it. ``"other answer"``: another exercise's answer, which the tests
    of this exercise must not need (one unsolved exercise costs only its own points).
    """
    plain: set[str] = set()
    problems: dict[str, dict[str, set[str]]] = {}
    provided: dict[str, tuple[str, bool]] = {}  # name -> (answer id, is that answer's target)
    for cell in (c for c in cells if c.kind == "code"):
        if cell.role == "answer":
            targets = answer_targets(cell.source)
            for name in bound_names(cell.source):
                if name not in plain:
                    provided[name] = (cell.grade_id, name in targets)
        elif cell.role == "tests":
            own = cell.grade_id.removesuffix("-tests")
            found: dict[str, set[str]] = {}
            for name in sorted(free_names(cell.source) - plain):
                if name not in provided:
                    continue
                answer_id, is_target = provided[name]
                if not is_target:
                    found.setdefault("helper", set()).add(f"{name} (from {answer_id})")
                elif answer_id != own:
                    found.setdefault("other answer", set()).add(f"{name} (from {answer_id})")
            if found:
                problems[cell.grade_id] = found
            plain |= bound_names(cell.source)
        else:
            plain |= bound_names(cell.source)
            for name in bound_names(cell.source):
                provided.pop(name, None)
    return problems


@pytest.mark.parametrize("case_file", CASES, ids=[p.stem.removeprefix("cases_") for p in CASES])
def test_test_cells_need_no_answer_only_names(case_file):
    """A test cell imports what it uses: nothing only an answer cell (or another exercise) defines."""
    notebook = load_cases(case_file).NOTEBOOK
    problems = answer_only_names(notebook_cells(notebook))
    assert not problems, f"{notebook}: test cells need names only answer cells provide: {problems}"


def test_answer_only_names_are_found():
    from tests.course import cells

    text = (
        "%% md\n# T\n**4 points**\n%% code answer=a\nfrom math import comb\n\n\ndef a(n):\n"
        "    ### BEGIN SOLUTION\n    return comb(n, 2)\n    ### END SOLUTION\n"
        "%% code tests=a-tests points=2\ncheck_equal(a(3), comb(3, 2))\n"
        "### BEGIN HIDDEN TESTS\nwith hidden():\n    pass\n### END HIDDEN TESTS\n"
        "%% code answer=b\ndef b(n):\n    ### BEGIN SOLUTION\n    return n\n    ### END SOLUTION\n"
        "%% code tests=b-tests points=2\nfrom math import comb\ncheck_equal(b(comb(3, 2)), a(3))\n"
        "### BEGIN HIDDEN TESTS\nwith hidden():\n    pass\n### END HIDDEN TESTS\n"
    )
    problems = answer_only_names(cells.parse(text))
    assert problems == {"a-tests": {"helper": {"comb (from a)"}},
                        "b-tests": {"other answer": {"a (from a)"}}}


def _forget(names: set[str]) -> str:
    return "".join(f"globals().pop({name!r}, None)\n" for name in sorted(names))


@pytest.mark.notebooks
@pytest.mark.parametrize("case_file", CASES, ids=[p.stem.removeprefix("cases_") for p in CASES])
def test_exercise_tests_judge_answers_correctly(case_file):
    cases = load_cases(case_file)
    # Every WRONG case not listed in HIDDEN_ONLY must fail the visible tests (all nine notebooks).
    hidden_only = getattr(cases, "HIDDEN_ONLY", {})
    cells = notebook_cells(cases.NOTEBOOK)
    answers = {c.grade_id: c for c in cells if c.role == "answer"}
    tests = {c.grade_id: c for c in cells if c.role == "tests"}
    plain = set().union(*(bound_names(c.source) for c in cells if c.kind == "code" and c.role != "answer"))

    missing = sorted(set(answers) - set(cases.WRONG))
    assert not missing, f"{cases.NOTEBOOK}: no wrong answers listed for {missing}"
    unknown = sorted((set(cases.WRONG) | set(cases.CORRECT) | set(hidden_only)) - set(answers))
    assert not unknown, f"{cases.NOTEBOOK}: cases for unknown answer ids {unknown}"
    labels = {(a, label) for a, entries in cases.WRONG.items() for label, _ in entries}
    stale = sorted({(a, label) for a, ls in hidden_only.items() for label in ls} - labels)
    assert not stale, f"{cases.NOTEBOOK}: HIDDEN_ONLY names no WRONG case: {stale}"

    problems, report = [], []
    with running_kernel(cases.NOTEBOOK) as kernel:
        for cell in (c for c in cells if c.kind == "code"):
            status, output = kernel.run(cell.source)
            assert status == "ok", f"solution cell {cell.grade_id or cell.line_no} failed:\n{output}"

        def judge(answer_id: str, code: str, test_source: str) -> tuple[bool, str]:
            forget = _forget(bound_names(answers[answer_id].source) - plain)
            status, output = kernel.run(forget + code)
            if status == "ok":
                status, output = kernel.run(test_source)
            restored, restore_output = kernel.run(answers[answer_id].source)
            assert restored == "ok", f"restoring {answer_id} failed:\n{restore_output}"
            return status == "ok", output

        for answer_id, entries in cases.WRONG.items():
            test_source = tests[f"{answer_id}-tests"].source
            for label, code in entries:
                visible_ok, visible_output = judge(answer_id, code, visible_part(test_source))
                full_ok, output = judge(answer_id, code, test_source)
                may_pass_visibly = label in hidden_only.get(answer_id, ())
                rejected_by = "visible" if not visible_ok else "hidden" if not full_ok else "NONE"
                report.append(f"  {rejected_by:8s} {answer_id}: {label}")
                if full_ok:
                    problems.append(f"{answer_id}: tests accepted a wrong answer ({label})")
                elif visible_ok and not may_pass_visibly:
                    problems.append(f"{answer_id}: visible tests accept a wrong answer that only hidden "
                                    f"tests reject ({label}); strengthen the visible tests or list "
                                    f"it in HIDDEN_ONLY")
                elif not visible_ok and may_pass_visibly:
                    problems.append(f"{answer_id}: {label!r} is listed in HIDDEN_ONLY but the visible "
                                    f"tests reject it: remove it from HIDDEN_ONLY")
        for answer_id, entries in cases.CORRECT.items():
            for label, code in entries:
                passed, output = judge(answer_id, code, tests[f"{answer_id}-tests"].source)
                if not passed:
                    problems.append(f"{answer_id}: tests rejected a correct answer ({label})\n{output}")
    n_wrong = len(report)
    n_visible = sum(line.strip().startswith("visible") for line in report)
    print(f"\n{cases.NOTEBOOK}: visible tests reject {n_visible} of {n_wrong} wrong answers, "
          f"hidden tests {sum(line.strip().startswith('hidden') for line in report)} more")
    print("\n".join(report))
    assert not problems, f"{cases.NOTEBOOK}:\n" + "\n".join(problems)
