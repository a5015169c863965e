"""The README's notebook table stays true: every assignment listed, with the points it states."""

from __future__ import annotations

import re

import pytest

from tests.course import ASSIGNMENTS, ROOT, notebook_cells


def stated_points(assignment: str) -> int:
    """The ``**N points**`` of the notebook's introduction (its first cell)."""
    match = re.search(r"\*\*(\d+) points\*\*", notebook_cells(assignment)[0].source)
    assert match, f"{assignment}: the introduction states no **N points**"
    return int(match.group(1))


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_readme_lists_the_notebook_with_its_points(assignment: str) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = [line for line in readme.splitlines() if line.startswith(f"| `{assignment}` |")]
    assert len(rows) == 1, f"README.md should have one table row for {assignment}"
    assert f"| {stated_points(assignment)} points," in rows[0], (
        f"README.md's row for {assignment} should state {stated_points(assignment)} points")
