"""Measure the course's prose and find the passages it repeats.

For every notebook's ``.cells`` source this counts the words of its markdown cells (written
answers included, split on white space: the number a reader meets) and lists every *repeated
passage*: a run of at least ``MIN_WORDS`` words that occurs twice or more, within one notebook
or across notebooks. Words are compared normalised: lower case, with LaTeX math (``$...$``,
``$$...$$``), HTML tags, link targets and punctuation stripped, so "the loss, $L$, is" and
"The loss is" match.

Usage (from the course root)::

    python tools/prose.py               # word counts and every repeated passage, with where
    python tools/prose.py --min-words 8 # shorter runs too

Importable: ``markdown_words(path)``, ``repeats(paths)`` (``tests/test_prose.py`` uses them).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `tools` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tools.cells import ROOT, parse, sources
from tools.study_time import TIME_MARKER
from tools.study_time import words as count_words

MIN_WORDS = 12
GENERATED_LINE = TIME_MARKER  # written by tools/study_time.py, not by an author

_DISPLAY_MATH = re.compile(r"\$\$.*?\$\$", re.DOTALL)
_INLINE_MATH = re.compile(r"\$[^$]*\$")
_TAG = re.compile(r"<[^>]+>")
_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")


@dataclass(frozen=True)
class Place:
    """Where a passage sits: a notebook's ``.cells`` file and the line of the passage's start."""

    path: Path
    line: int

    def __str__(self) -> str:
        try:
            shown = self.path.relative_to(ROOT)
        except ValueError:
            shown = self.path
        return f"{shown}:{self.line}"

    @property
    def notebook(self) -> str:
        return self.path.stem


@dataclass(frozen=True)
class Repeat:
    """One passage (normalised words) and the places, two or more, where it occurs."""

    words: tuple[str, ...]
    places: tuple[Place, ...]

    @property
    def text(self) -> str:
        return " ".join(self.words)

    def __str__(self) -> str:
        where = ", ".join(str(p) for p in self.places)
        return f"{len(self.words)} words at {where}:\n    \"{self.text}\""


def markdown_words(path: Path) -> int:
    """Words (white-space separated) in the markdown cells of one ``.cells`` file."""
    return sum(count_words(cell.source) for cell in parse(path.read_text(), str(path)) if cell.kind == "md")


def _blank(match: re.Match[str]) -> str:
    """Replace a stripped span by as many newlines as it held (line numbers stay right)."""
    return " " + "\n" * match.group(0).count("\n") + " "


def normalised_words(text: str, first_line: int = 1) -> list[tuple[str, int]]:
    """The words of a markdown text, normalised, each with the line it stands on."""
    text = _DISPLAY_MATH.sub(_blank, text)
    text = _INLINE_MATH.sub(_blank, text)
    text = _TAG.sub(_blank, text)
    text = _LINK_TARGET.sub("] ", text)
    words: list[tuple[str, int]] = []
    text = text.lower().replace("’", "'")
    for offset, line in enumerate(text.split("\n")):
        words.extend((w, first_line + offset) for w in _WORD.findall(line))
    return words


def _markdown_texts(path: Path) -> list[list[tuple[str, int]]]:
    """Per markdown cell of a ``.cells`` file, its normalised words with line numbers.

    Lines that ``tools/study_time.py`` generates (``**Time:** ...``) are left out: they are
    the same sentence with other numbers in every notebook, by design.
    """
    texts = []
    for cell in parse(path.read_text(), str(path)):
        if cell.kind != "md":
            continue
        chunk: list[str] = []
        first = cell.line_no + 1  # cell.lines[0] is the line after the header
        for number, line in enumerate(cell.lines + [GENERATED_LINE], start=cell.line_no + 1):
            if line.startswith(GENERATED_LINE):  # a passage never runs across such a line
                texts.append(normalised_words("\n".join(chunk), first))
                chunk, first = [], number + 1
            else:
                chunk.append(line)
    return texts


def _runs(ordered: list[int]) -> list[tuple[int, int]]:
    """Split sorted integers into runs of consecutive ones, as (first, last) pairs."""
    runs: list[tuple[int, int]] = []
    for value in ordered:
        if runs and value == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], value)
        else:
            runs.append((value, value))
    return runs


def repeats(paths: list[Path] | None = None, min_words: int = MIN_WORDS) -> list[Repeat]:
    """Every run of >= ``min_words`` normalised words that occurs at two or more places.

    Runs are maximal: two places that share 20 words give one 20-word passage, not nine
    12-word ones. A passage found at three places is listed once with all three.
    """
    paths = sources() if paths is None else paths
    docs: list[tuple[Path, list[tuple[str, int]]]] = []
    for path in paths:
        docs.extend((path, words) for words in _markdown_texts(path))
    # every shingle (min_words consecutive words) -> its (doc, start) occurrences
    shingles: dict[tuple[str, ...], list[tuple[int, int]]] = defaultdict(list)
    for d, (_, words) in enumerate(docs):
        tokens = [w for w, _ in words]
        for start in range(len(tokens) - min_words + 1):
            shingles[tuple(tokens[start:start + min_words])].append((d, start))
    # pairs of places sharing a shingle, grouped by (doc a, doc b, diagonal): a run of
    # consecutive starts on one diagonal is one maximal common passage
    diagonals: dict[tuple[int, int, int], set[int]] = defaultdict(set)
    for occurrences in shingles.values():
        for i, (da, sa) in enumerate(occurrences):
            for db, sb in occurrences[i + 1:]:
                diagonals[(da, db, sb - sa)].add(sa)
    found: dict[tuple[str, ...], set[Place]] = defaultdict(set)
    for (da, db, shift), starts in diagonals.items():
        words_a, words_b = docs[da][1], docs[db][1]
        for first, last in _runs(sorted(starts)):
            length = last - first + min_words
            if da == db:  # a passage overlapping its own repeat: count the part before it
                length = min(length, shift)
            if length >= min_words:
                passage = tuple(w for w, _ in words_a[first:first + length])
                found[passage].add(Place(docs[da][0], words_a[first][1]))
                found[passage].add(Place(docs[db][0], words_b[first + shift][1]))
    result = [Repeat(words, tuple(sorted(places, key=lambda p: (str(p.path), p.line))))
              for words, places in found.items()]
    return sorted(result, key=lambda r: (str(r.places[0]), -len(r.words)))


def report(paths: list[Path], min_words: int = MIN_WORDS) -> str:
    """Word counts per notebook and the repeated passages, as text."""
    lines = ["markdown words per notebook:"]
    total = 0
    for path in paths:
        count = markdown_words(path)
        total += count
        lines.append(f"  {path.stem:<26} {count:>6,}")
    lines.append(f"  {'total':<26} {total:>6,}")
    found = repeats(paths, min_words)
    lines.append("")
    lines.append(f"repeated passages of >= {min_words} words: {len(found)}")
    lines.extend(f"- {r}" for r in found)
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--min-words", type=int, default=MIN_WORDS,
                        help=f"shortest run reported (default {MIN_WORDS})")
    parser.add_argument("paths", nargs="*", type=Path,
                        help=".cells files (default: solutions/*/*.cells)")
    args = parser.parse_args(argv)
    paths = [p.resolve() for p in args.paths] or sources()
    print(report(paths, args.min_words))
    return 0


if __name__ == "__main__":
    sys.exit(main())
