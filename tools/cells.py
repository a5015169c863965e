"""Build the nbgrader source notebooks in ``solutions/`` from their ``.cells`` text files.

A ``.cells`` file is the readable, reviewable source of one solution notebook: cells separated
by header lines that start with ``%%``::

    %% md                              a markdown cell (read-only text)
    %% code                            a code cell (demo, plot, widget)
    %% code answer=relu                an answer cell (### BEGIN/END SOLUTION inside)
    %% code tests=relu-tests points=2  a locked, autograded test cell for answer ``relu``
    %% md written=why-bias points=2    a manually graded written answer (model answer + rubric)

Rules checked here, so every notebook follows the conventions:
ids are unique, lower-case and hyphenated; every answer ``X`` has a test cell ``X-tests``
right after it; every test cell has a hidden block whose checks run inside ``with hidden():``;
the introduction states the total points ("**N points**").

Usage (from the course root)::

    python tools/cells.py            # rebuild every solutions/*/*.ipynb
    python tools/cells.py --check    # exit 1 if a notebook differs from its .cells source
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
POINTS_PATTERN = re.compile(r"\*\*(\d+) points\*\*")


class CellsError(ValueError):
    """A .cells file breaks the format or the course's conventions."""


@dataclass
class Cell:
    kind: str  # "md" or "code"
    role: str = "plain"  # plain | answer | tests | written
    grade_id: str | None = None
    points: int = 0
    lines: list[str] = field(default_factory=list)
    line_no: int = 0

    @property
    def source(self) -> str:
        return "\n".join(self.lines).strip("\n")


def parse(text: str, name: str = "<cells>") -> list[Cell]:
    """Split a .cells text into cells, reading each header's options."""
    cells: list[Cell] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith("%%"):
            cells.append(_header(line, f"{name}:{number}"))
            cells[-1].line_no = number
        elif cells:
            cells[-1].lines.append(line)
        elif line.strip():
            raise CellsError(f"{name}:{number}: text before the first %% header")
    return cells


def _header(line: str, where: str) -> Cell:
    words = line[2:].split()
    if not words or words[0] not in ("md", "code"):
        raise CellsError(f"{where}: a header is '%% md' or '%% code' followed by options")
    cell = Cell(kind=words[0])
    for word in words[1:]:
        key, _, value = word.partition("=")
        if key in ("answer", "tests", "written"):
            cell.role, cell.grade_id = key, value
        elif key == "points":
            cell.points = int(value)
        else:
            raise CellsError(f"{where}: unknown option {word!r}")
    if cell.role in ("answer", "tests") and cell.kind != "code":
        raise CellsError(f"{where}: {cell.role} cells are code cells")
    if cell.role == "written" and cell.kind != "md":
        raise CellsError(f"{where}: written answers are markdown cells")
    if cell.grade_id is not None and not ID_PATTERN.match(cell.grade_id):
        raise CellsError(f"{where}: id {cell.grade_id!r} must be lower-case and hyphenated")
    if cell.role in ("tests", "written") and cell.points <= 0:
        raise CellsError(f"{where}: {cell.role} cells need points=N with N > 0")
    if cell.role in ("plain", "answer") and cell.points:
        raise CellsError(f"{where}: only tests and written cells carry points")
    return cell


def validate(cells: list[Cell], name: str) -> None:
    """Enforce the conventions that a notebook's structure can show."""
    ids = [c.grade_id for c in cells if c.grade_id]
    duplicates = {i for i in ids if ids.count(i) > 1}
    if duplicates:
        raise CellsError(f"{name}: duplicate ids {sorted(duplicates)}")
    for index, cell in enumerate(cells):
        where = f"{name}:{cell.line_no}"
        if cell.role == "answer":
            if "### BEGIN SOLUTION" not in cell.source or "### END SOLUTION" not in cell.source:
                raise CellsError(f"{where}: answer cell without ### BEGIN/END SOLUTION")
            following = cells[index + 1] if index + 1 < len(cells) else None
            if following is None or following.grade_id != f"{cell.grade_id}-tests":
                raise CellsError(f"{where}: answer {cell.grade_id!r} must be followed by "
                                 f"its test cell '{cell.grade_id}-tests'")
        if cell.role == "tests":
            _validate_tests(cell, where)
        if cell.role == "plain" and "### BEGIN" in cell.source:
            raise CellsError(f"{where}: nbgrader markers in a plain cell")
    total = sum(c.points for c in cells)
    intro = next((c for c in cells if c.kind == "md"), None)
    stated = POINTS_PATTERN.search(intro.source) if intro else None
    if stated is None or int(stated.group(1)) != total:
        raise CellsError(f"{name}: the introduction must state '**{total} points**' "
                         f"(the sum of the graded cells)")


def _validate_tests(cell: Cell, where: str) -> None:
    source = cell.source
    if "### BEGIN SOLUTION" in source:
        raise CellsError(f"{where}: a test cell holds a solution")
    if not cell.grade_id.endswith("-tests"):
        raise CellsError(f"{where}: test cell ids end with '-tests'")
    match = re.search(r"### BEGIN HIDDEN TESTS\n(.*?)### END HIDDEN TESTS", source, re.S)
    if match is None:
        raise CellsError(f"{where}: every test cell has a ### BEGIN/END HIDDEN TESTS block")
    body = [ln for ln in match.group(1).splitlines() if ln.strip() and not ln.strip().startswith("#")]
    if not body or not re.match(r"^with (checks\.)?hidden\(\):", body[0]):
        raise CellsError(f"{where}: hidden tests run inside `with hidden():` so that their "
                         f"messages never reveal expected values")
    if any(not ln.startswith((" ", "\t")) for ln in body[1:]):
        raise CellsError(f"{where}: every hidden test line sits inside `with hidden():`")


def _metadata(cell: Cell) -> dict:
    base = {"grade_id": cell.grade_id, "schema_version": 3, "task": False}
    if cell.role == "answer":
        return {**base, "grade": False, "locked": False, "solution": True}
    if cell.role == "tests":
        return {**base, "grade": True, "locked": True, "points": cell.points, "solution": False}
    if cell.role == "written":
        return {**base, "grade": True, "locked": False, "points": cell.points, "solution": True}
    raise AssertionError(cell.role)


def build(path: Path) -> nbformat.NotebookNode:
    """The solution notebook described by the .cells file at ``path``."""
    cells = parse(path.read_text(encoding="utf-8"), path.name)
    validate(cells, path.name)
    nb = nbformat.v4.new_notebook()
    nb.metadata = {
        "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
    }
    for index, cell in enumerate(cells):
        maker = nbformat.v4.new_markdown_cell if cell.kind == "md" else nbformat.v4.new_code_cell
        new = maker(cell.source)
        new.id = cell.grade_id or f"{path.stem}-{index:03d}"
        if cell.role != "plain":
            new.metadata["nbgrader"] = _metadata(cell)
        nb.cells.append(new)
    return nb


def sources() -> list[Path]:
    """Every .cells source under solutions/, in course order."""
    return sorted((ROOT / "solutions").glob("*/*.cells"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check, write nothing")
    args = parser.parse_args(argv)
    stale = []
    for path in sources():
        try:
            text = nbformat.writes(build(path)) + "\n"
        except CellsError as err:
            print(f"error: {err}", file=sys.stderr)
            return 1
        target = path.with_suffix(".ipynb")
        if target.exists() and target.read_text(encoding="utf-8") == text:
            continue
        stale.append(target)
        if not args.check:
            target.write_text(text, encoding="utf-8")
            print(f"built {target.relative_to(ROOT)}")
    if args.check and stale:
        print("out of date (run `make release`): " + ", ".join(str(p.relative_to(ROOT)) for p in stale),
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
