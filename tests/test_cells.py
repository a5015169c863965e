"""The .cells builder: its rules, and that solutions/*.ipynb are built from their sources."""

import pytest

from tests.course import cells

GOOD = """%% md
# T
Worth **3 points**.
%% code answer=f
def f():
    ### BEGIN SOLUTION
    return 1
    ### END SOLUTION
%% code tests=f-tests points=2
check_equal(f(), 1)
### BEGIN HIDDEN TESTS
with hidden():
    check_equal(f(), 1)
### END HIDDEN TESTS
%% md written=why points=1
model answer
"""


def build(text):
    parsed = cells.parse(text)
    cells.validate(parsed, "t.cells")
    return parsed


def test_good_source_builds_with_nbgrader_metadata(tmp_path):
    path = tmp_path / "t.cells"
    path.write_text(GOOD)
    nb = cells.build(path)
    meta = [c.metadata.get("nbgrader") for c in nb.cells]
    assert meta[0] is None
    assert meta[1] == {"grade_id": "f", "schema_version": 3, "task": False, "grade": False,
                       "locked": False, "solution": True}
    assert meta[2]["points"] == 2 and meta[2]["locked"] and meta[2]["grade"]
    assert meta[3]["solution"] and meta[3]["grade"] and nb.cells[3].cell_type == "markdown"


@pytest.mark.parametrize(("change", "message"), [
    (("**3 points**", "**4 points**"), "must state"),
    (("tests=f-tests", "tests=g-tests"), "must be followed by its test cell"),
    (("with hidden():\n    check_equal", "check_equal"), "inside `with hidden"),
    (("    ### END SOLUTION\n", ""), "without ### BEGIN/END SOLUTION"),
    (("points=2", "points=0"), "need points"),
    (("answer=f", "answer=F_1"), "lower-case"),
    (("%% md written", "%% code written"), "markdown"),
])
def test_rule_breaks_are_refused(change, message):
    with pytest.raises(cells.CellsError, match=message):
        build(GOOD.replace(*change))


def test_solution_notebooks_are_built_from_their_sources():
    assert cells.main(["--check"]) == 0, "a solutions/*.ipynb differs from its .cells: run `make release`"
