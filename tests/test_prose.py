"""The course says each thing once: no passage of 12 or more words repeats in its markdown.

`tools/prose.py` finds the repeats (normalised: lower case, math, tags and punctuation
stripped); this test fails on any that is not on one of the two lists below, and prints them
with the lines where they stand. `python tools/prose.py` shows the same report with word counts.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tools.prose import MIN_WORDS, Repeat, normalised_words, repeats

# Deliberate boilerplate: a repeat whose normalised text lies inside one of these passages is
# allowed. Keep it short, and give each entry its reason.
ALLOWED: dict[str, str] = {
    "how to work run the cells from top to bottom in each answer cell replace raise "
    "notimplementederror with your code and run the test cell below it":
    "each notebook's 'How to work' line: the same instruction in the same words, so a student "
    "who opens any notebook first reads it, and recognises it in the next one",
}

# Repeats in notebooks this branch does not own (04, 07-09) or in their `**Time:**` lines,
# which the lead rewrites. They are listed, not fixed, here; the lead empties this list at
# merge, once their owners have reworded them.
PENDING: dict[str, str] = {
    "omegas k of shape d k 1 d k betas k of shape d k 1":
    "04 states its network shapes twice (lines 272 and 484); 04 is rewritten by 'depth'",
    "points time about 3 hours running every cell takes about ten seconds":
    "06 and 08 `**Time:**` lines (the lead rewrites every Time line)",
    "and 2 written answers 4 points time about 3 hours running every cell takes":
    "07 and 09 points and `**Time:**` lines (the lead rewrites every Time line)",
}


def _excused(repeat: Repeat, lists: dict[str, str]) -> bool:
    return any(repeat.text in passage for passage in lists)


def test_no_passage_repeats_in_the_course() -> None:
    found = [r for r in repeats() if not _excused(r, ALLOWED) and not _excused(r, PENDING)]
    if found:
        pytest.fail(
            f"{len(found)} passage(s) of >= {MIN_WORDS} words repeat in the notebooks' markdown; "
            "say it once (or, for deliberate boilerplate, add it to ALLOWED with a reason):\n"
            + "\n".join(f"- {r}" for r in found), pytrace=False)


def test_every_listed_passage_still_repeats() -> None:
    """A stale entry would excuse a future repeat: drop entries that no longer match."""
    found = repeats()
    stale = [text for text in {**ALLOWED, **PENDING}
             if not any(r.text in text for r in found)]
    assert not stale, f"ALLOWED/PENDING entries that match no repeat any more: {stale}"


def _write(path: Path, *markdown: str) -> Path:
    path.write_text("".join(f"%% md\n{text}\n\n%% code\nx = 1\n\n" for text in markdown))
    return path


PLANTED = ("A network's loss, $L(\\theta)$, measures *how wrong* it is on the "
           "training data, averaged over the batch.")


def test_a_planted_repeat_is_found_across_and_within_notebooks(tmp_path: Path) -> None:
    one = _write(tmp_path / "01-a.cells", f"# One\n\nIntro. {PLANTED}", "Other text here.")
    reworded = PLANTED.replace("network's loss", "Network’s LOSS").replace("*", "")
    two = _write(tmp_path / "02-b.cells", "# Two", f"Later on:\n{reworded} End.",
                 f"Summary: {PLANTED}")
    found = repeats([one, two])
    assert len(found) == 1, found
    (repeat,) = found
    assert repeat.text == ("a network's loss measures how wrong it is on the training data "
                           "averaged over the batch")
    assert [(p.notebook, p.line) for p in repeat.places] == [
        ("01-a", 4), ("02-b", 9), ("02-b", 15)]
    assert "01-a.cells:4" in str(repeat)


def test_a_run_one_word_short_is_not_a_repeat(tmp_path: Path) -> None:
    short = " ".join(f"w{i}" for i in range(MIN_WORDS - 1))
    one = _write(tmp_path / "01-a.cells", f"{short} alpha", f"{short} beta")
    assert repeats([one]) == []
    assert len(repeats([one], min_words=MIN_WORDS - 1)) == 1


def test_math_and_markup_are_not_words() -> None:
    words = [w for w, _ in normalised_words(
        "The **ReLU** $a[z]$ and\n$$\\max(0, z)$$ see [notebook 02](../02/x.ipynb) <b>now</b>.")]
    assert words == ["the", "relu", "and", "see", "notebook", "02", "now"]


def test_a_sentence_said_three_times_in_one_cell_is_one_repeat(tmp_path: Path) -> None:
    sentence = "Every hidden unit of this network bends the output at exactly one joint here."
    one = _write(tmp_path / "01-a.cells", f"{sentence}\n{sentence}\n{sentence}")
    found = repeats([one])
    assert [(r.text, [p.line for p in r.places]) for r in found] == [
        (" ".join(w for w, _ in normalised_words(sentence)), [2, 3, 4])]
