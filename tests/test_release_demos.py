"""The untouched student release runs every demo, plot and "predict, then check" cell.

Each release notebook (``notebooks/NN-topic/NN-topic.ipynb``, exactly as nbgrader generates it,
nothing solved) runs cell by cell in a fresh kernel, as a student who skips every exercise would
run it. Answer cells and test cells may fail (they raise ``NotImplementedError`` by design);
every other code cell must run (and must not print the test cells' "passed" line): a demo
that needs an unsolved exercise uses the course's own function and says so
(``helpers.fallback.student_or_reference``).

``python tests/test_release_demos.py`` prints the count of crashing cells per notebook.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.course import ASSIGNMENTS, ROOT, Kernel  # noqa: E402


def release_crashes(assignment: str) -> tuple[int, list[str]]:
    """(number of demo cells, descriptions of those that fail) on the untouched release."""
    from jupyter_client.manager import start_new_kernel

    folder = ROOT / "notebooks" / assignment
    nb = nbformat.read(folder / f"{assignment}.ipynb", as_version=4)
    manager, client = start_new_kernel(kernel_name="python3", cwd=str(folder))
    crashes: list[str] = []
    demos = 0
    try:
        kernel = Kernel(client)
        for index, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            meta = cell.metadata.get("nbgrader", {})
            graded = meta.get("solution", False) or meta.get("grade", False)
            status, output = kernel.run(cell.source)
            if graded:
                continue
            demos += 1
            first = cell.source.strip().splitlines()[0] if cell.source.strip() else ""
            if status != "ok":
                last = output.strip().splitlines()[-1] if output.strip() else status
                crashes.append(f"cell {index} ({first[:60]}): {last[:200]}")
            elif "✔ Passed" in output:  # a demo is not a test: it must not say "tests passed"
                crashes.append(f"cell {index} ({first[:60]}): a demo cell prints the tests' passed line")
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
    return demos, crashes


@pytest.mark.notebooks
@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_untouched_release_runs_every_demo(assignment):
    _, crashes = release_crashes(assignment)
    assert not crashes, (f"{assignment}: {len(crashes)} demo cells crash on the release:\n"
                         + "\n".join(crashes))


if __name__ == "__main__":
    for name in sys.argv[1:] or ASSIGNMENTS:
        n, failed = release_crashes(name)
        print(f"{name}: {len(failed)} of {n} demo cells crash")
        for line in failed:
            print("   ", line)
