"""The students' lab in a real browser: headless Debian Chromium driven by Playwright.

One lab (``tools/lab.py student``, the command of ``make lab``) serves a temporary working copy of
``notebooks/`` on a free loopback port with a token. In it, every release notebook is opened and
worked as a student who has solved nothing: every code cell is run in order, and

- only answer cells and their test cells may fail (every demo, plot and predict-then-check runs);
- every widget renders (no "Error displaying widget"), its slider readouts are not clipped at
  1280 x 720, and dragging its first slider changes its figure;
- one exercise is then solved through the editor (the solution's answer typed into the answer
  cell) and its test cell must say that it passed.

A saved notebook reopened with a fresh kernel must show no widget errors, and the lab shows the
Validate button but none of nbgrader's instructor tools.

Screenshots of failures go to ``test-artifacts/browser/`` (git-ignored), named in the failure,
with a JSON record per notebook (cells run, seconds, widgets checked, slider latencies).
Chromium missing is a failure that says to run ``tools/system-deps.sh``, never a silent skip.
"""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import nbformat
import pytest

from tests.browser import (
    ARTIFACTS,
    WIDGET_VIEW,
    Lab,
    NotebookTab,
    chromium_missing_message,
    launch_chromium,
    solution_of,
)
from tests.course import ASSIGNMENTS, ROOT

pytestmark = pytest.mark.notebooks  # starts a lab, kernels and Chromium

PASSED = re.compile(r"\bpass(ed)?\b", re.IGNORECASE)

#: Problems the release still has, by notebook, word for word as the test reports them
#: (tests/browser_known_problems.json, written from the records in test-artifacts/browser/). Issue
#: 10's "student" part fixes them (every demo runs, a passing test cell says so); until it lands a
#: notebook whose problems are all listed here is an expected failure (xfail, naming them), and
#: any problem not listed fails. Make it {} once that part has landed.
KNOWN_PROBLEMS: dict[str, set[str]] = {
    notebook: set(problems) for notebook, problems in
    json.loads((ROOT / "tests" / "browser_known_problems.json").read_text(encoding="utf-8")).items()}


def test_missing_chromium_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    import tests.browser

    monkeypatch.setattr(tests.browser, "CHROMIUM", Path("/nonexistent/chromium"))
    message = tests.browser.chromium_missing_message()
    assert message and "bash tools/system-deps.sh" in message
    monkeypatch.undo()
    assert chromium_missing_message() is None, chromium_missing_message()


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Lab]:
    missing = chromium_missing_message()
    if missing:
        pytest.fail(missing, pytrace=False)
    home = tmp_path_factory.mktemp("lab")
    with Lab(home / "work", home) as running:
        yield running


@pytest.fixture(scope="module")
def page(lab: Lab, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        context = launch_chromium(playwright, tmp_path_factory.mktemp("chromium-profile"))
        context.set_default_timeout(60_000)
        tab = context.new_page()
        tab.goto(f"{lab.url}/lab?token={lab.token}")
        tab.wait_for_function("() => window.jupyterapp && window.jupyterapp.shell", timeout=90_000)
        tab.evaluate("() => window.jupyterapp.restored")
        yield tab
        context.close()


def _record(name: str, record: dict[str, Any]) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.json"
    path.write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
    return path


def _first_line(source: str) -> str:
    return next((line for line in source.splitlines() if line.strip()), "")[:80]


def check_widget(tab: NotebookTab, index: int) -> tuple[list[str], dict[str, Any]]:
    """Problems of the widget in cell ``index`` and what was measured on it."""
    problems = []
    try:
        tab.wait_for_images(index, timeout=15)
    except Exception:  # playwright's TimeoutError
        problems.append(f"cell {index}: the widget drew no figure")
    view = tab.widget_view(index)
    if view["failed"]:
        problems.append(f"cell {index}: the widget's drawing failed: {view['failed']}")
    if view["widgets"] == 0:
        problems.append(f"cell {index}: no widget rendered")
    if "Error displaying widget" in view["text"]:
        problems.append(f"cell {index}: {view['text'].strip().splitlines()[0]}")
    for s in view["sliders"]:
        if s["readout_clipped"] or s["label_clipped"]:
            what = "readout" if s["readout_clipped"] else "label"
            shown, full = s["readout_px"]
            problems.append(f"cell {index}: slider {s['label']!r}: its {what} is clipped at 1280x720 "
                            f"(readout {s['readout']!r}, {shown} px shown of {full})")
    measured: dict[str, Any] = {"cell": index, "sliders": view["sliders"], "images": view["images"],
                                "problems": problems}
    if not view["sliders"]:
        problems.append(f"cell {index}: a widget without a slider")
    if view["failed"] or not view["images"] or not view["sliders"]:
        return problems, measured  # a broken widget: no point waiting for its figure to change
    moved = tab.drag_slider(index, 0, 40, timeout=20)
    measured["drag"] = moved
    label = moved["before"]["label"]
    if moved["after"]["readout"] == moved["before"]["readout"]:
        problems.append(f"cell {index}: dragging slider {label!r} by 40 px did not change it")
    elif moved["seconds"] is None:
        problems.append(f"cell {index}: moving slider {label!r} did not change the figure")
    return problems, measured


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_release_notebook_in_the_browser(page: Any, assignment: str) -> None:
    tab = NotebookTab(page, f"{assignment}/{assignment}.ipynb").open()
    cells = tab.cells()
    code = [c for c in cells if c["type"] == "code"]
    meta = {c["index"]: c["nbgrader"] or {} for c in code}
    # Only an unsolved exercise may fail: its answer cell (a value that raises
    # NotImplementedError) and its test cell.
    allowed = {i for i, m in meta.items() if m.get("solution") or m.get("grade")}

    runs = tab.run([c["index"] for c in code])
    problems: list[str] = []
    crashes: dict[int, str] = {}
    if len(runs) < len(code) or runs[-1].timeout:
        problems.append(f"cell {runs[-1].index} did not finish within 60 s; cells after it never ran")
    for run in runs:
        if (run.error or run.timeout) and run.index not in allowed:
            crashes[run.index] = f"{_first_line(cells[run.index]['source'])!r}: {run.error or 'timeout'}"
    toolbar = page.evaluate("() => Array.from(window.jupyterapp.shell.currentWidget.toolbar.node"
                            ".querySelectorAll('.jp-Toolbar-item')).map(e => e.innerText.trim())")
    if "Validate" not in toolbar:
        problems.append("the notebook's toolbar has no Validate button")

    widgets = []
    for run in runs:
        if run.has_widget:
            found, measured = check_widget(tab, run.index)
            problems += found
            widgets.append(measured)

    # Solve one exercise through the editor: its test cell must say that it passed.
    answer = next(i for i, m in meta.items() if m.get("solution"))
    grade_id = meta[answer]["grade_id"]
    tests = next(i for i, m in meta.items() if m.get("grade_id") == f"{grade_id}-tests")
    solution = solution_of(assignment, grade_id)
    typed = tab.type_into(answer, solution)
    if typed.strip() != solution.strip():
        problems.append(f"typing the solution of {grade_id!r} into its cell gave different text")
    answer_run, tests_run = tab.run([answer, tests])
    if answer_run.error or tests_run.error:
        problems.append(f"solved {grade_id!r}: {answer_run.error or tests_run.error}")
    elif not PASSED.search(tests_run.shown):
        problems.append(f"solved {grade_id!r}: its test cell does not say that it passed "
                        f"(it shows {tests_run.shown.strip()[:120]!r})")

    if any(problem.startswith(("solved ", "typing ")) for problem in problems):
        shots = [tab.screenshot(f"solved-cell-{tests}", answer)]
    else:
        shots = []
    problems += [f"cell {i} crashes on the release (only answer and test cells may fail): {why}"
                 for i, why in crashes.items()]
    shots += [tab.screenshot(f"cell-{i}", i) for i in sorted(crashes)[:1]]
    shots += [tab.screenshot(f"widget-cell-{w['cell']}", w["cell"]) for w in widgets if w["problems"]]
    record = {"notebook": assignment, "code_cells": len(code), "cells_run": len(runs),
              "seconds_running_cells": round(sum(r.seconds for r in runs), 2),
              "failed_allowed": sorted(r.index for r in runs if r.index in allowed and r.error),
              "crashed_demos": crashes, "widgets": widgets, "solved": grade_id, "problems": problems}
    where = _record(assignment, record)
    tab.close()

    detail = f"\n(record: {where}" + "".join(f"; screenshot: {shot}" for shot in shots) + ")"
    unexpected = [p for p in problems if p not in KNOWN_PROBLEMS.get(assignment, set())]
    assert not unexpected, f"{assignment} in the browser:\n- " + "\n- ".join(unexpected) + detail
    if problems:
        pytest.xfail(f"{assignment}: {len(problems)} known problems (tests/browser_known_problems.json) "
                     f"({len(crashes)} demo cells crash){detail}")

def test_saved_notebook_reopens_without_widget_errors(page: Any, lab: Lab) -> None:
    """Save a notebook with a live widget, reopen it with a new kernel: no "model not found"."""
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        "from helpers.widgets import neuron_explorer\nneuron_explorer()")])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(notebook, lab.copy / "widget-save.ipynb")
    tab = NotebookTab(page, "widget-save.ipynb").open()
    (run,) = tab.run([0])
    assert run.has_widget and not run.error, run.error
    tab.wait_for_images(0)
    tab.save()
    tab.close()
    saved = (lab.copy / "widget-save.ipynb").read_text(encoding="utf-8")
    assert WIDGET_VIEW not in saved, "the saved notebook still holds a widget view"

    tab = NotebookTab(page, "widget-save.ipynb").open()
    page.wait_for_function("() => window.jupyterapp.shell.currentWidget.content.widgets[0]"
                           ".node.querySelector('.jp-OutputArea-output')")
    shown = tab.widget_view(0)["text"]
    tab.close()
    assert "Error displaying widget" not in shown, f"reopened: {shown.strip()[:200]}"
    assert "run this cell" in shown, f"reopened, the widget's place says {shown.strip()[:200]!r}"


def test_lab_serves_no_instructor_tools(page: Any, lab: Lab) -> None:
    status, _ = lab.get("/formgrader")
    assert status == 404, f"the students' lab serves the formgrader (HTTP {status})"
    menus = page.evaluate("() => Array.from(document.querySelectorAll('.lm-MenuBar-itemLabel'))"
                          ".map(e => e.textContent)")
    assert "Nbgrader" not in menus and "File" in menus, menus
    # The Validate button works (nbgrader's validator runs on the server and answers in a dialog).
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("print(1 + 1)")])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(notebook, lab.copy / "validate-me.ipynb")
    tab = NotebookTab(page, "validate-me.ipynb").open()
    page.get_by_role("button", name="Validate").click()
    dialog = page.locator(".jp-Dialog")
    dialog.wait_for(timeout=120_000)
    said = dialog.inner_text()
    page.keyboard.press("Escape")
    tab.close()
    assert "Validation" in said and "Success" in said, said[:300]
    assert not (ROOT / "gradebook.db").exists() or _gradebook_untouched(), "the lab touched gradebook.db"
    assert not list(lab.copy.rglob("gradebook.db")), "the lab created a gradebook.db in the working copy"
    assert _git_status() == _GIT_STATUS, "working in the lab changed notebooks/ or solutions/"


def _git_status() -> str:
    return subprocess.run(["git", "status", "--porcelain", "--", "notebooks", "solutions"], cwd=ROOT,
                          capture_output=True, text=True, check=True).stdout


_GIT_STATUS = _git_status()  # before this module opened any notebook
_GRADEBOOK_MTIME = (ROOT / "gradebook.db").stat().st_mtime if (ROOT / "gradebook.db").exists() else None


def _gradebook_untouched() -> bool:
    return _GRADEBOOK_MTIME is not None and (ROOT / "gradebook.db").stat().st_mtime == _GRADEBOOK_MTIME

