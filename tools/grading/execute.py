"""nbgrader's ``Execute``, made robust against hostile or broken submissions.

- Each cell runs with a time limit (``Execute.timeout``, wall clock, and the same CPU time);
  on timeout the kernel is interrupted; if it ignores the interrupt for ``interrupt_grace``
  seconds it is killed.
- A kernel that dies (``os._exit``, a crash, the kill above) is restarted and the cells that ran
  before are replayed silently, so the exercises before it keep their points and the ones after
  it are still graded. The stopped cell gets an error output that says why: the student sees it
  in the feedback, and a test cell stopped that way scores 0.
- The whole notebook has a time budget (``notebook_timeout``); cells past it are marked as not run.
- Each cell's output is capped (``max_output_chars``): a 200 MB print costs the grader nothing.
- The kernel runs sandboxed (:mod:`tools.grading.sandbox`) in a scratch copy of the submission
  folder, which is deleted afterwards; test cells run with ``store_history=False``.
- After every cell, :mod:`tools.grading.integrity` checks inside the kernel that the checkers
  and numpy's comparisons are still the course's own; what it finds goes to
  ``resources["grading"]["tampered"]`` for the ``IntegrityCheck`` preprocessor.
"""

from __future__ import annotations

import copy
import json
import os
import resource
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

from nbclient.exceptions import DeadKernelError
from nbclient.util import ensure_async, run_sync
from nbformat import NotebookNode
from nbgrader import utils
from nbgrader.preprocessors import Execute
from traitlets import Integer

from tools.grading import integrity
from tools.grading.sandbox import SandboxedKernelManager

STOPPED = "GraderStoppedCell"


class CellStopped(Exception):  # noqa: N818 - it is not an error of the grader
    """The grader stopped a cell (and killed its kernel); the message says why."""


def stopped_output(reason: str) -> NotebookNode:
    """An error output that tells the student why the grader stopped this cell."""
    text = f"The grader stopped this cell: {reason}."
    return NotebookNode(output_type="error", ename=STOPPED, evalue=text,
                        traceback=[f"{STOPPED}: {text}"])


class RobustExecute(Execute):
    """Execute a submission cell by cell; a bad cell costs only itself (see the module doc)."""

    notebook_timeout = Integer(600, help="Seconds for the whole notebook.").tag(config=True)
    interrupt_grace = Integer(5, help="Seconds a timed-out cell has to obey the interrupt.").tag(config=True)
    max_output_chars = Integer(100_000, help="Characters of output kept per cell.").tag(config=True)
    max_restarts = Integer(5, help="Kernel restarts per notebook.").tag(config=True)

    def __init__(self, **kw: Any) -> None:
        kw.setdefault("kernel_manager_class", SandboxedKernelManager)
        super().__init__(**kw)
        self._budget = float(self.timeout or 60)
        self._chars = 0
        self._truncated = False

    # --- nbclient hooks -------------------------------------------------------------------
    def _get_timeout(self, cell: NotebookNode | None) -> int | None:
        return max(1, int(self._budget))

    async def _async_handle_timeout(self, timeout: int, cell: NotebookNode | None = None) -> dict:
        assert self.km is not None and self.kc is not None
        await ensure_async(self.km.interrupt_kernel())
        deadline = time.monotonic() + self.interrupt_grace
        while time.monotonic() < deadline:
            try:
                msg = await ensure_async(self.kc.shell_channel.get_msg(timeout=0.5))
            except Exception:  # noqa: BLE001 - queue.Empty: still running
                continue
            if msg["msg_type"] == "execute_reply":
                text = f"it ran longer than {timeout} s and was interrupted"
                return {"content": {"status": "error", "ename": STOPPED, "evalue": text,
                                    "traceback": [f"{STOPPED}: The grader stopped this cell: {text}."]}}
        await ensure_async(self.km.shutdown_kernel(now=True))
        raise CellStopped(f"it ran longer than {timeout} s and ignored the interrupt, so its kernel "
                          "was restarted")

    def output(self, outs, msg, display_id, cell_index):
        size = len(json.dumps(msg.get("content", {}).get("data") or msg.get("content", {}).get("text") or ""))
        self._chars += size
        if self._chars > self.max_output_chars:
            if not self._truncated:
                self._truncated = True
                outs.append(NotebookNode(output_type="stream", name="stderr", text=(
                    f"\n[... output truncated by the grader: more than {self.max_output_chars} "
                    "characters ...]\n")))
            return None
        return super().output(outs, msg, display_id, cell_index)

    # --- kernel life cycle ----------------------------------------------------------------
    def _start_kernel(self, scratch: Path, workdir: Path) -> None:
        self.km = self.create_kernel_manager()
        if isinstance(self.km, SandboxedKernelManager):
            self.km.scratch, self.km.workdir = str(scratch), str(workdir)
        self.start_new_kernel(cwd=str(workdir), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.start_new_kernel_client()
        self._silent(integrity.canary_setup(), timeout=60)

    def _stop_kernel(self) -> None:
        try:
            if self.km is not None:
                self._cleanup_kernel()
        except Exception as err:  # noqa: BLE001 - a dead kernel may refuse a clean stop
            self.log.warning("could not stop the kernel cleanly: %s", err)
        self.km = None
        self.kc = None

    async def _async_silent(self, code: str, timeout: float = 10) -> dict | None:
        """Run grader code in the kernel (no output, no history); the reply's content."""
        assert self.kc is not None
        msg_id = self.kc.execute(code, silent=True, store_history=False,
                                 user_expressions={"result": integrity.RESULT_NAME})
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                msg = await ensure_async(self.kc.shell_channel.get_msg(
                    timeout=max(0.1, deadline - time.monotonic())))
            except Exception:  # noqa: BLE001 - queue.Empty
                break
            if msg["parent_header"].get("msg_id") == msg_id:
                return msg["content"]
        return None

    _silent = run_sync(_async_silent)

    def _arm_cpu_limit(self, seconds: float) -> None:
        """Best effort: the kernel may use ``seconds`` more CPU time in the next cell."""
        if not isinstance(self.km, SandboxedKernelManager) or not self.km.sandboxed:
            return
        for pid in _descendants(getattr(self.km.provisioner, "pid", None) or 0):
            try:
                used = _cpu_seconds(pid)
                soft = int(used + seconds) + 1
                _, hard = resource.prlimit(pid, resource.RLIMIT_CPU)
                if hard != resource.RLIM_INFINITY and soft > hard:
                    soft = hard
                resource.prlimit(pid, resource.RLIMIT_CPU, (soft, hard))
            except (OSError, ValueError):
                continue

    # --- the notebook ---------------------------------------------------------------------
    def preprocess(self, nb: NotebookNode, resources: Any = None, km: Any = None):
        from nbclient import NotebookClient

        NotebookClient.__init__(self, nb, km)
        self.reset_execution_trackers()
        self._check_assign_resources(resources)
        state = self.resources.setdefault("grading", {})
        state.setdefault("tampered", [])
        state.setdefault("stopped", [])
        source_dir = Path(self.resources.get("metadata", {}).get("path") or ".")
        scratch = Path(tempfile.mkdtemp(prefix="dnn-grade-"))
        workdir = scratch / "work"
        shutil.copytree(source_dir, workdir, ignore=shutil.ignore_patterns("*.ipynb", ".ipynb_checkpoints"))
        deadline = time.monotonic() + self.notebook_timeout
        done: list[int] = []
        restarts = 0
        try:
            self._start_kernel(scratch, workdir)
            assert self.kc is not None
            info = self.wait_for_reply(self.kc.kernel_info())
            if info:
                self.nb.metadata["language_info"] = info["content"].get("language_info", {})
            for index, cell in enumerate(self.nb.cells):
                if cell.cell_type != "code" or not cell.source.strip():
                    continue
                remaining = deadline - time.monotonic()
                if remaining < 1 or self.kc is None:
                    why = ("the notebook's time budget of "
                           f"{self.notebook_timeout} s ran out" if self.kc is not None else
                           "the kernel kept dying, so the rest of the notebook was not run")
                    cell.outputs = [stopped_output(f"not run: {why}")]
                    state["stopped"].append((index, why))
                    continue
                self._budget = min(float(self.timeout or 60), remaining)
                self._chars, self._truncated = 0, False
                self._arm_cpu_limit(self._budget)
                try:
                    self.execute_cell(cell, index, store_history=not utils.is_grade(cell))
                    done.append(index)
                except (DeadKernelError, CellStopped) as err:
                    why = str(err) if isinstance(err, CellStopped) else (
                        "its kernel died (os._exit, a crash, or more memory than allowed), so the "
                        "kernel was restarted and the cells before it were run again")
                    cell.outputs = list(cell.get("outputs", [])) + [stopped_output(why)]
                    state["stopped"].append((index, why))
                    self._stop_kernel()
                    restarts += 1
                    if restarts <= self.max_restarts and deadline - time.monotonic() > 1:
                        self._restart_and_replay(scratch, workdir, done, deadline)
                    continue
                self._check_integrity(index, state)
            self.set_widgets_metadata()
        finally:
            self._stop_kernel()
            shutil.rmtree(scratch, ignore_errors=True)
        return self.nb, self.resources

    def _restart_and_replay(self, scratch: Path, workdir: Path, done: list[int], deadline: float) -> None:
        """A fresh kernel, with the cells that ran before replayed (their outputs discarded)."""
        try:
            self._start_kernel(scratch, workdir)
            for index in done:
                self._budget = max(1.0, min(float(self.timeout or 60), deadline - time.monotonic()))
                original = self.nb.cells[index]
                self.execute_cell(copy.deepcopy(original), index, store_history=False)
                self.nb.cells[index] = original  # keep the first run's outputs
        except Exception as err:  # noqa: BLE001 - the rest is marked as not run
            self.log.warning("replay after a kernel restart failed: %s", err)
            self._stop_kernel()

    def _check_integrity(self, index: int, state: dict) -> None:
        reply = self._silent(integrity.canary_check(), timeout=10)
        problem = integrity.canary_problem(reply)
        if problem:
            state["tampered"].append((index, problem))


def _descendants(pid: int) -> list[int]:
    """``pid`` and every process below it (Linux /proc)."""
    if not pid:
        return []
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        try:
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:
            continue
        todo += [int(c) for c in children]
    return found


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
