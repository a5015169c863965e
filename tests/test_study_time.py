"""tools/study_time.py: the workload counts, the estimate, and that every notebook states its own."""

from __future__ import annotations

from pathlib import Path

import pytest

from tools import study_time
from tools.cells import sources

SAMPLE = """%% md
# 99 · Sample

**20 points**

**Time:** about 9 hours: nothing counted yet. Running every cell takes a second.

one two three four five

%% code
import numpy as np

%% code answer=relu
def relu(z):
    \"\"\"ReLU.\"\"\"
    ### BEGIN SOLUTION
    # a comment is not a line of code

    z = np.asarray(z)
    return np.maximum(z, 0)
    ### END SOLUTION

%% code tests=relu-tests points=2
check_equal(relu(1), 1)
### BEGIN HIDDEN TESTS
with hidden():
    check_equal(relu(-1), 0)
### END HIDDEN TESTS

%% md
Why a bias?

%% md written=why-bias points=2
The model answer is many words long and students never see it here.
"""


def sample(tmp_path: Path) -> Path:
    path = tmp_path / "99-sample.cells"
    path.write_text(SAMPLE, encoding="utf-8")
    return path


def test_counts_what_a_student_sees_and_writes(tmp_path: Path) -> None:
    load = study_time.workload(sample(tmp_path))
    # "# 99 · Sample" 4 + "**20 points**" 2 + the Time line after its first sentence 6 + 5 words
    # + "Why a bias?" 3; the code and the written answer's model answer are not read
    assert load.words == 4 + 2 + 6 + 5 + 3
    assert (load.exercises, load.solution_lines, load.written) == (1, 2, 1)


@pytest.mark.parametrize(("minutes", "hours", "shown"), [
    (10, 0.5, "about ½ hour"), (44, 0.5, "about ½ hour"), (46, 1.0, "about 1 hour"),
    (100, 1.5, "about 1½ hours"), (130, 2.0, "about 2 hours"), (330, 5.5, "about 5½ hours"),
])
def test_rounds_to_half_hours(minutes: float, hours: float, shown: str) -> None:
    # words alone set the minutes: WORDS_PER_MINUTE words per minute
    load = study_time.Workload("x", int(minutes * study_time.WORDS_PER_MINUTE), 0, 0, 0)
    assert load.hours == hours
    assert load.time_line().startswith(f"**Time:** {shown}: ")


def test_estimate_follows_the_stated_rates() -> None:
    load = study_time.Workload("x", words=1000, exercises=3, solution_lines=10, written=2)
    st = study_time
    assert load.minutes == (1000 / st.WORDS_PER_MINUTE + 3 * st.MINUTES_PER_EXERCISE
                            + 10 * st.MINUTES_PER_SOLUTION_LINE + 2 * st.MINUTES_PER_WRITTEN_ANSWER)


def test_write_replaces_only_the_first_sentence(tmp_path: Path) -> None:
    path = sample(tmp_path)
    assert study_time.write_line(path)
    text = path.read_text(encoding="utf-8")
    assert "about 9 hours" not in text
    assert "Running every cell takes a second." in text  # the rest of the line stays
    assert study_time.stated_line(path) == study_time.workload(path).time_line()
    assert not study_time.write_line(path)  # a second run changes nothing


@pytest.mark.parametrize("path", sources(), ids=lambda p: p.stem)
def test_every_notebook_states_its_counted_workload(path: Path) -> None:
    assert study_time.stated_line(path) == study_time.workload(path).time_line(), (
        f"{path.name} states an out-of-date **Time:** line: run `make release` "
        "(it runs tools/study_time.py --write)")
