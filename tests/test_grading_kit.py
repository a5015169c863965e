"""``make student-kit``: what a graded class receives holds no solution and no hidden test."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.course import ASSIGNMENTS, ROOT
from tests.test_pipeline import hidden_test_lines, solution_lines
from tools.grading import kit


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return kit.build(tmp_path_factory.mktemp("kit") / "student-kit")


def test_the_kit_has_the_release_the_helpers_and_the_set_up(built: Path) -> None:
    assert {p.name for p in built.iterdir()} == {"notebooks", "helpers", "README.md", "Makefile",
                                                "pyproject.toml", "environment.yml"}
    for assignment in ASSIGNMENTS:
        name = f"{assignment}.ipynb"
        shipped = json.loads((built / "notebooks" / assignment / name).read_text(encoding="utf-8"))
        assert shipped == json.loads((ROOT / "notebooks" / assignment / name).read_text(encoding="utf-8"))
    assert (built / "helpers" / "checks.py").exists()
    readme = (built / "README.md").read_text(encoding="utf-8")
    assert "make lab" in readme and "pip install -e ." in readme


def test_nothing_private_is_in_the_kit(built: Path) -> None:
    assert kit.check(built) == []
    names = {p.name for p in built.rglob("*")}
    assert not names & {"solutions", "tests", "cases", "tools", "integrity.toml", "gradebook.db"}
    assert not [p for p in built.rglob("*.cells")]
    # helpers is the course's public package (its reference implementations ship by design: the
    # grader zeroes answers that call them); everything else must not repeat a private line
    shown = [p for p in built.rglob("*") if p.is_file() and "helpers" not in p.relative_to(built).parts]
    text = "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in shown)
    for assignment in ASSIGNMENTS:
        secrets = hidden_test_lines(assignment) + solution_lines(assignment)
        own = (built / "notebooks" / assignment / f"{assignment}.ipynb").read_text(encoding="utf-8")
        sources = "\n".join("".join(c["source"]) for c in json.loads(own)["cells"])
        leaked = [line for line in secrets if line in sources]
        assert not leaked, f"the kit shows solution or hidden-test lines of {assignment}: {leaked[:3]}"
    assert not re.search(r"BEGIN (HIDDEN TESTS|SOLUTION)", text)
    assert any(p.suffix == ".ipynb" for p in shown)


def test_a_kit_that_would_leak_is_refused(built: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad"
    (bad / "solutions").mkdir(parents=True)
    (bad / "notebooks").mkdir()
    (bad / "notebooks" / "x.ipynb").write_text("### BEGIN HIDDEN TESTS", encoding="utf-8")
    problems = kit.check(bad)
    assert any("solutions" in p for p in problems) and any("HIDDEN" in p for p in problems)


def test_the_readme_tells_instructors_how_a_graded_class_gets_the_kit() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make student-kit" in readme and "build/student-kit/" in readme
    assert "self-study" in readme
