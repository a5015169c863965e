"""What a notebook asks of a student, counted from its ``.cells`` source, and the time it states.

Every notebook's introduction has a line such as::

    **Time:** about 2½ hours: 3,900 words to read, 12 exercises (41 lines of code), 2 written answers.

The counts in it are measured here from the source (the words of the markdown a student sees,
the autograded exercises and the lines of their model solutions, the written answers), and the
hours are an estimate from those counts with the rates below. The rates are assumptions, stated
so that anyone can check or change them; nobody has timed students working these notebooks yet.

* reading: 100 words a minute (careful reading of technical text with formulas, about half of
  ordinary reading speed);
* an autograded exercise: 4 minutes to read its prompt and run its tests, plus 2 minutes per
  line of the model solution (writing it, a failed test, a fix);
* a written answer: 10 minutes;
* the estimate is rounded to the nearest half hour.

Usage (from the course root)::

    python tools/study_time.py            # the table, and each notebook's computed line
    python tools/study_time.py --check    # exit 1 if a notebook's stated line differs
    python tools/study_time.py --write    # put the computed lines into the sources (make release does)
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tools.cells import Cell, parse, sources  # noqa: E402

WORDS_PER_MINUTE = 100
MINUTES_PER_EXERCISE = 4
MINUTES_PER_SOLUTION_LINE = 2
MINUTES_PER_WRITTEN_ANSWER = 10

TIME_MARKER = "**Time:**"  # how the line starts
TIME_LINE = re.compile(rf"^{re.escape(TIME_MARKER)}[^.\n]*\.", re.MULTILINE)  # its first sentence
SOLUTION = re.compile(r"### BEGIN SOLUTION\n(.*?)### END SOLUTION", re.DOTALL)


@dataclass(frozen=True)
class Workload:
    """What one notebook asks of a student."""

    name: str
    words: int  # markdown words a student sees (written answers' model answers excluded)
    exercises: int  # autograded answer cells
    solution_lines: int  # non-blank, non-comment lines of their model solutions
    written: int  # manually graded written answers

    @property
    def minutes(self) -> float:
        return (self.words / WORDS_PER_MINUTE
                + self.exercises * MINUTES_PER_EXERCISE
                + self.solution_lines * MINUTES_PER_SOLUTION_LINE
                + self.written * MINUTES_PER_WRITTEN_ANSWER)

    @property
    def hours(self) -> float:
        """The estimate, rounded to the nearest half hour (at least half an hour)."""
        return max(0.5, round(self.minutes / 30) / 2)

    def time_line(self) -> str:
        """The first sentence of the ``**Time:**`` line the notebook's introduction should carry."""
        whole, half = divmod(self.hours, 1)
        number = (f"{whole:.0f}" if whole else "") + ("½" if half else "")
        hours = f"{number} hour" + ("" if self.hours <= 1 else "s")
        exercises = f"{self.exercises} exercise" + ("" if self.exercises == 1 else "s")
        written = f"{self.written} written answer" + ("" if self.written == 1 else "s")
        return (f"**Time:** about {hours}: {round(self.words, -2):,} words to read, {exercises} "
                f"({self.solution_lines} lines of code), {written}.")


def words(text: str) -> int:
    """Whitespace-separated words of a markdown text (a formula's pieces count as words)."""
    return len(text.split())


def solution_lines(cell: Cell) -> int:
    """Lines a student writes in an answer cell: the model solution's code, no blanks or comments."""
    lines = [line.strip() for block in SOLUTION.findall(cell.source + "\n") for line in block.splitlines()]
    return sum(1 for line in lines if line and not line.startswith("#"))


def workload(path: Path) -> Workload:
    """Count the workload of the notebook whose ``.cells`` source is at ``path``."""
    cells = parse(path.read_text(encoding="utf-8"), path.name)
    shown = [c for c in cells if c.kind == "md" and c.role != "written"]
    answers = [c for c in cells if c.role == "answer"]
    return Workload(
        name=path.stem,
        words=sum(words(TIME_LINE.sub("", c.source)) for c in shown),
        exercises=len(answers),
        solution_lines=sum(solution_lines(c) for c in answers),
        written=sum(1 for c in cells if c.role == "written"),
    )


def stated_line(path: Path) -> str | None:
    """The first sentence of the notebook's ``**Time:**`` line now, if any."""
    found = TIME_LINE.search(path.read_text(encoding="utf-8"))
    return found.group(0) if found else None


def write_line(path: Path) -> bool:
    """Put the computed first sentence of the ``**Time:**`` line into the source; True if it changed."""
    text = path.read_text(encoding="utf-8")
    new = TIME_LINE.sub(lambda _: workload(path).time_line(), text, count=1)
    if new != text:
        path.write_text(new, encoding="utf-8")
    return new != text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--check", action="store_true", help="exit 1 if a stated line differs")
    group.add_argument("--write", action="store_true", help="write the computed lines into the sources")
    parser.add_argument("--quiet", action="store_true", help="print only what differs")
    args = parser.parse_args(argv)
    if not args.quiet:
        print(f"{'notebook':24s} {'words':>6s} {'ex.':>4s} {'lines':>5s} {'wr.':>4s} {'minutes':>8s} "
              f"{'hours':>6s}")
    stale = []
    for path in sources():
        load = workload(path)
        if not args.quiet:
            print(f"{load.name:24s} {load.words:6d} {load.exercises:4d} {load.solution_lines:5d} "
                  f"{load.written:4d} {load.minutes:8.0f} {load.hours:6g}")
        if stated_line(path) != load.time_line():
            stale.append(path)
            if args.write:
                write_line(path)
    for path in stale:
        verb = "wrote" if args.write else "should state"
        print(f"{path.relative_to(ROOT)}: {verb} {workload(path).time_line()}")
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
