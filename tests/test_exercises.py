"""Every exercise's tests reject plausible wrong answers and accept other correct ones.

For each notebook with a ``tests/cases/cases_NN_topic.py`` file, the solution notebook runs in
a fresh kernel; then each case's code replaces the answer cell, the exercise's test cell (with
its hidden tests) runs, and the real answer is restored. A WRONG case must make the test cell
fail, a CORRECT case must let it pass.
"""

from __future__ import annotations

import pytest

from tests.course import CASES, load_cases, notebook_cells, running_kernel

pytestmark = pytest.mark.notebooks


@pytest.mark.parametrize("case_file", CASES, ids=[p.stem.removeprefix("cases_") for p in CASES])
def test_exercise_tests_judge_answers_correctly(case_file):
    cases = load_cases(case_file)
    cells = notebook_cells(cases.NOTEBOOK)
    answers = {c.grade_id: c for c in cells if c.role == "answer"}
    tests = {c.grade_id: c for c in cells if c.role == "tests"}

    missing = sorted(set(answers) - set(cases.WRONG))
    assert not missing, f"{cases.NOTEBOOK}: no wrong answers listed for {missing}"
    unknown = sorted((set(cases.WRONG) | set(cases.CORRECT)) - set(answers))
    assert not unknown, f"{cases.NOTEBOOK}: cases for unknown answer ids {unknown}"

    problems = []
    with running_kernel(cases.NOTEBOOK) as kernel:
        for cell in (c for c in cells if c.kind == "code"):
            status, output = kernel.run(cell.source)
            assert status == "ok", f"solution cell {cell.grade_id or cell.line_no} failed:\n{output}"
        for expect_pass, table in ((False, cases.WRONG), (True, cases.CORRECT)):
            for answer_id, entries in table.items():
                for label, code in entries:
                    status, output = kernel.run(code)
                    if status == "ok":
                        status, output = kernel.run(tests[f"{answer_id}-tests"].source)
                    passed = status == "ok"
                    if passed != expect_pass:
                        verdict = "accepted a wrong answer" if passed else "rejected a correct answer"
                        problems.append(f"{answer_id}: tests {verdict} ({label})\n{output}")
                    restored, output = kernel.run(answers[answer_id].source)
                    assert restored == "ok", f"restoring {answer_id} failed:\n{output}"
    assert not problems, f"{cases.NOTEBOOK}:\n" + "\n".join(problems)
