"""Shared test utilities: where the course's notebooks are, and a kernel to run their cells."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType

from jupyter_client.manager import start_new_kernel

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import cells  # noqa: E402  (tools/cells.py)

ASSIGNMENTS = sorted(p.parent.name for p in (ROOT / "solutions").glob("*/*.cells"))


def cases_path(assignment: str) -> Path:
    """Where the wrong and correct answers of ``assignment`` live: ``tests/cases/cases_NN_topic.py``."""
    return ROOT / "tests" / "cases" / f"cases_{assignment.replace('-', '_')}.py"


#: One cases file per notebook, whether or not it exists yet: a notebook without one fails the
#: exercise harness and the pipeline test with a message that says what to add.
CASES = [cases_path(a) for a in ASSIGNMENTS]


def notebook_cells(assignment: str) -> list[cells.Cell]:
    """The parsed cells of ``solutions/<assignment>/<assignment>.cells``."""
    path = ROOT / "solutions" / assignment / f"{assignment}.cells"
    return cells.parse(path.read_text(encoding="utf-8"), path.name)


class CourseError(AssertionError):
    """Something a notebook's author has to add or fix; the message says what."""


def load_cases(path: Path) -> ModuleType:
    """Import a ``tests/cases/cases_*.py`` file (WRONG, CORRECT, NOTEBOOK).

    Raises:
        CourseError: if the file is missing or lacks ``NOTEBOOK`` / ``WRONG``, saying what to add.
    """
    rel = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
    notebook = path.stem.removeprefix("cases_").replace("_", "-")
    if not path.exists():
        raise CourseError(
            f"solutions/{notebook} has no {rel}: add it, with NOTEBOOK = {notebook!r}, WRONG (at "
            "least one plausible wrong answer per answer id) and CORRECT (other valid answers); "
            "the format is in tests/cases/README.md, a walk-through in tools/AUTHORING.md")
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for name in ("NOTEBOOK", "WRONG"):
        if not hasattr(module, name):
            raise CourseError(f"{rel} defines no {name} (see tests/cases/README.md)")
    if module.NOTEBOOK != notebook:
        raise CourseError(f"{rel} says NOTEBOOK = {module.NOTEBOOK!r}, but its name belongs to "
                          f"{notebook!r}: rename the file or fix NOTEBOOK")
    module.CORRECT = getattr(module, "CORRECT", {})
    return module


class Kernel:
    """A running IPython kernel that executes code and reports (status, output text)."""

    def __init__(self, client) -> None:
        self.client = client

    def run(self, code: str, timeout: float = 120) -> tuple[str, str]:
        lines: list[str] = []

        def hook(msg) -> None:
            kind, content = msg["msg_type"], msg["content"]
            if kind == "stream":
                lines.append(content["text"])
            elif kind == "error":
                lines.append(f"{content['ename']}: {content['evalue']}")

        reply = self.client.execute_interactive(code, timeout=timeout, output_hook=hook,
                                                store_history=False)
        return reply["content"]["status"], "".join(lines)[-2000:]


@contextmanager
def running_kernel(assignment: str) -> Iterator[Kernel]:
    """A fresh kernel whose working directory is the assignment's solution folder."""
    manager, client = start_new_kernel(kernel_name="python3", cwd=str(ROOT / "solutions" / assignment))
    try:
        yield Kernel(client)
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
