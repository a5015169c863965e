"""tests/course.py: a notebook without its cases file, or a broken one, fails with what to add."""

from __future__ import annotations

import pytest

from tests.course import ASSIGNMENTS, CASES, ROOT, CourseError, cases_path, load_cases


def test_every_notebook_has_its_cases_file_in_the_list():
    assert [p.name for p in CASES] == [f"cases_{a.replace('-', '_')}.py" for a in ASSIGNMENTS]
    stray = {p.name for p in (ROOT / "tests" / "cases").glob("cases_*.py")} - {p.name for p in CASES}
    assert not stray, f"cases files without a notebook in solutions/: {sorted(stray)}"


def test_a_missing_cases_file_says_what_to_add():
    with pytest.raises(CourseError, match=r"solutions/07-training has no tests/cases/cases_07_training.py: "
                                          r"add it, with NOTEBOOK = '07-training', WRONG"):
        load_cases(cases_path("07-training"))


def test_a_cases_file_for_another_notebook_is_refused(tmp_path):
    path = tmp_path / "cases_08_topic.py"
    path.write_text('NOTEBOOK = "07-topic"\nWRONG = {}\n')
    with pytest.raises(CourseError, match="NOTEBOOK = '07-topic', but its name belongs to '08-topic'"):
        load_cases(path)
    path.write_text('NOTEBOOK = "08-topic"\n')
    with pytest.raises(CourseError, match="defines no WRONG"):
        load_cases(path)
    path.write_text('NOTEBOOK = "08-topic"\nWRONG = {"a": []}\n')
    assert load_cases(path).CORRECT == {}
