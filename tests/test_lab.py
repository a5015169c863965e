"""make lab / make lecture: a working copy that course updates never overwrite, and a students'
lab without nbgrader's instructor tools (tools/lab.py, lab-config/)."""

from __future__ import annotations

import json
import runpy
import subprocess
import sys
from pathlib import Path

from tests.course import ROOT

sys.path.insert(0, str(ROOT / "tools"))

import lab  # noqa: E402  (tools/lab.py)


def _course(tmp_path: Path) -> Path:
    source = tmp_path / "notebooks"
    (source / "01-a").mkdir(parents=True)
    (source / "01-a" / "01-a.ipynb").write_text("course v1 of 01\n")
    (source / "02-b").mkdir()
    (source / "02-b" / "02-b.ipynb").write_text("course v1 of 02\n")
    (source / "02-b" / ".ipynb_checkpoints").mkdir()
    (source / "02-b" / ".ipynb_checkpoints" / "02-b-checkpoint.ipynb").write_text("junk\n")
    return source


def test_first_sync_copies_every_notebook(tmp_path: Path) -> None:
    source, copy = _course(tmp_path), tmp_path / "work"
    report = lab.sync(source, copy)
    assert sorted(report.added) == ["01-a/01-a.ipynb", "02-b/02-b.ipynb"]
    assert (copy / "01-a" / "01-a.ipynb").read_text() == "course v1 of 01\n"
    assert not (copy / "02-b" / ".ipynb_checkpoints").exists()
    assert lab.sync(source, copy).lines(copy) == []  # nothing to do the second time


def test_new_notebook_added_edited_kept_untouched_updated(tmp_path: Path) -> None:
    source, copy = _course(tmp_path), tmp_path / "work"
    lab.sync(source, copy)
    (copy / "01-a" / "01-a.ipynb").write_text("my answers\n")  # the student's work
    (source / "01-a" / "01-a.ipynb").write_text("course v2 of 01\n")  # a course update
    (source / "02-b" / "02-b.ipynb").write_text("course v2 of 02\n")  # ... of an untouched one
    (source / "03-c").mkdir()
    (source / "03-c" / "03-c.ipynb").write_text("course v1 of 03\n")  # a new notebook

    report = lab.sync(source, copy)
    assert report.added == ["03-c/03-c.ipynb"]
    assert report.updated == ["02-b/02-b.ipynb"]
    assert report.kept == ["01-a/01-a.ipynb"]
    assert (copy / "01-a" / "01-a.ipynb").read_text() == "my answers\n"
    assert (copy / "02-b" / "02-b.ipynb").read_text() == "course v2 of 02\n"
    assert (copy / "03-c" / "03-c.ipynb").read_text() == "course v1 of 03\n"
    assert "kept your work/01-a/01-a.ipynb" in "\n".join(report.lines(copy))
    # Told once per course version: kept again silently, still never overwritten.
    again = lab.sync(source, copy)
    assert again.kept == ["01-a/01-a.ipynb"] and again.updated == again.added == []
    assert (copy / "01-a" / "01-a.ipynb").read_text() == "my answers\n"


def test_a_deleted_notebook_comes_back_and_a_lost_manifest_loses_nothing(tmp_path: Path) -> None:
    source, copy = _course(tmp_path), tmp_path / "work"
    lab.sync(source, copy)
    (copy / "02-b" / "02-b.ipynb").unlink()
    (copy / "01-a" / "01-a.ipynb").write_text("my answers\n")
    (copy / lab.MANIFEST).write_text("{not json")
    report = lab.sync(source, copy)
    assert report.added == ["02-b/02-b.ipynb"]
    assert (copy / "01-a" / "01-a.ipynb").read_text() == "my answers\n"


def test_the_working_copies_are_git_ignored() -> None:
    for path in ("work/01-neurons/01-neurons.ipynb", "lecture/01-neurons/01-neurons.ipynb",
                 "test-artifacts/browser/x.png"):
        ignored = subprocess.run(["git", "check-ignore", "-q", path], cwd=ROOT)
        assert ignored.returncode == 0, f"{path} is not git-ignored"


def test_make_lab_and_make_lecture_use_the_working_copies() -> None:
    dry = {}
    for target in ("lab", "lecture"):
        out = subprocess.run(["make", "--no-print-directory", "-n", target], cwd=ROOT, capture_output=True,
                             text=True, check=True).stdout
        dry[target] = out.strip().splitlines()[-1]
    assert dry["lab"].endswith("tools/lab.py student")
    assert dry["lecture"].endswith("tools/lab.py lecture")
    assert lab.ROUTES == {"student": ("notebooks", "work"), "lecture": ("solutions", "lecture")}
    assert "make lecture" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_lecture_copy_holds_the_solution_notebooks_only(tmp_path: Path) -> None:
    lab.sync(ROOT / "solutions", tmp_path / "lecture")
    copied = sorted(p.relative_to(tmp_path / "lecture").as_posix() for p in (tmp_path / "lecture").rglob("*")
                    if p.is_file() and p.name != lab.MANIFEST)
    solutions = ROOT / "solutions"
    expected = sorted(p.relative_to(solutions).as_posix() for p in solutions.glob("*/*.ipynb"))
    assert copied == expected


def test_lab_environment_puts_lab_config_first() -> None:
    env = lab.lab_environment({"JUPYTER_CONFIG_PATH": "/elsewhere"})
    assert env["JUPYTER_CONFIG_PATH"].split(":") == [str(ROOT / "lab-config"), "/elsewhere"]
    assert lab.lab_environment({})["JUPYTER_CONFIG_PATH"] == str(ROOT / "lab-config")


def test_lab_config_turns_off_the_instructor_tools_and_keeps_validate() -> None:
    server = json.loads((ROOT / "lab-config" / "jupyter_server_config.json").read_text())
    extensions = server["ServerApp"]["jpserver_extensions"]
    for name in ("formgrader", "assignment_list", "course_list"):
        assert extensions[f"nbgrader.server_extensions.{name}"] is False
    assert extensions["nbgrader.server_extensions.validate_assignment"] is True
    page = json.loads((ROOT / "lab-config" / "labconfig" / "page_config.json").read_text())
    off = {name for name, disabled in page["disabledExtensions"].items() if disabled}
    assert {"@jupyter/nbgrader:formgrader", "@jupyter/nbgrader:create-assignment",
            "@jupyter/nbgrader:assignment-list", "@jupyter/nbgrader:course-list"} <= off
    assert "@jupyter/nbgrader:validate-assignment" not in off


def _hook():
    config = runpy.run_path(str(ROOT / "lab-config" / "jupyter_server_config.py"),
                            init_globals={"get_config": lambda: _Config()})
    return config["drop_widget_views"], config["PLACEHOLDER"]


class _Config:
    def __getattr__(self, name: str) -> _Config:
        if name.startswith("__"):
            raise AttributeError(name)
        value = _Config()
        object.__setattr__(self, name, value)
        return value


def test_pre_save_hook_replaces_widget_views_and_keeps_everything_else() -> None:
    drop, placeholder = _hook()
    widget = {"output_type": "display_data", "metadata": {},
              "data": {"text/plain": "VBox(...)", "application/vnd.jupyter.widget-view+json":
                       {"model_id": "abc", "version_major": 2, "version_minor": 0}}}
    picture = {"output_type": "display_data", "metadata": {}, "data": {"image/png": "iVBOR"}}
    stream = {"output_type": "stream", "name": "stdout", "text": "hello\n"}
    model = {"type": "notebook", "content": {"cells": [
        {"cell_type": "code", "source": "explorer()", "outputs": [widget, picture, stream]},
        {"cell_type": "markdown", "source": "text"}]}}
    drop(model=model, path="x.ipynb", contents_manager=None)
    outputs = model["content"]["cells"][0]["outputs"]
    assert outputs[0]["data"] == {"text/plain": placeholder}
    assert outputs[1:] == [picture, stream]
    other = {"type": "file", "content": "application/vnd.jupyter.widget-view+json"}
    drop(model=other, path="x.txt", contents_manager=None)
    assert other["content"] == "application/vnd.jupyter.widget-view+json"


def test_lab_command_serves_the_copy(tmp_path: Path) -> None:
    command = lab.lab_command(tmp_path / "work", ["--no-browser"])
    assert command[:3] == [sys.executable, "-m", "jupyterlab"]
    assert f"--ServerApp.root_dir={tmp_path / 'work'}" in command and command[-1] == "--no-browser"


def test_ci_installs_the_system_packages_before_the_tests() -> None:
    script = ROOT / "tools" / "system-deps.sh"
    subprocess.run(["bash", "-n", str(script)], check=True)  # parses
    text = script.read_text(encoding="utf-8")
    assert "apt_need chromium" in text
    ci = [line.strip() for line in (ROOT / ".ci" / "run").read_text().splitlines()
          if line.strip() and not line.startswith("#")]
    assert ci.index("bash tools/system-deps.sh") < ci.index("make test")
    assert "tools/system-deps.sh" in (ROOT / "README.md").read_text(encoding="utf-8")
