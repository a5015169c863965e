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
CASES = sorted((ROOT / "tests" / "cases").glob("cases_*.py"))


def notebook_cells(assignment: str) -> list[cells.Cell]:
    """The parsed cells of ``solutions/<assignment>/<assignment>.cells``."""
    path = ROOT / "solutions" / assignment / f"{assignment}.cells"
    return cells.parse(path.read_text(encoding="utf-8"), path.name)


def load_cases(path: Path) -> ModuleType:
    """Import a ``tests/cases/cases_*.py`` file (WRONG, CORRECT, NOTEBOOK)."""
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
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
