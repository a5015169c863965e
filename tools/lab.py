"""Open JupyterLab on a working copy that course updates never overwrite.

Students work in ``work/`` (a copy of ``notebooks/``), lecturers in ``lecture/`` (a copy of
``solutions/``); both folders are git-ignored, so opening, running or editing a notebook never
touches the repository, and ``git pull`` / ``make release`` never touch the copy.

Each run first brings the copy up to date, file by file:

- a file the copy does not have yet is added (a new notebook of the course);
- a file the course changed and the copy still holds exactly as it was copied (byte for byte)
  is updated: nothing of yours is lost;
- a file you changed (edited, run, saved) is kept; if the course's version changed too, a line
  says so and how to get it.

``<copy>/.course-copy.json`` records what was copied (path -> sha256), which is how an edited file
is told from an untouched one.

The lab runs with the jupyter config in ``lab-config/`` (see its README): the Validate button
stays, nbgrader's instructor tools (formgrader, course and assignment lists, create assignment)
are off, and saved notebooks keep no widget views that could not be shown without the kernel.

Usage (from the course root; ``make lab`` and ``make lecture`` call it)::

    python tools/lab.py student [JUPYTER_LAB_ARGS...]    # notebooks/ -> work/, open work/
    python tools/lab.py lecture [JUPYTER_LAB_ARGS...]    # solutions/ -> lecture/, open lecture/
    python tools/lab.py student --sync-only              # only update the copy
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LAB_CONFIG = ROOT / "lab-config"
MANIFEST = ".course-copy.json"

#: route -> (course folder, working copy), relative to the course root.
ROUTES = {"student": ("notebooks", "work"), "lecture": ("solutions", "lecture")}

#: Files of the course folders that do not belong in a working copy.
SKIP_SUFFIXES = (".cells", ".pyc", ".toml")
SKIP_PARTS = {".ipynb_checkpoints", "__pycache__"}


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def course_files(source: Path) -> list[Path]:
    """The files of ``source`` a working copy gets, as paths relative to ``source``."""
    files = []
    for path in sorted(source.rglob("*")):
        relative = path.relative_to(source)
        if path.is_file() and not SKIP_PARTS & set(relative.parts) and path.suffix not in SKIP_SUFFIXES:
            files.append(relative)
    return files


@dataclass
class SyncReport:
    """What :func:`sync` did, each list holding paths relative to the working copy."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # edited by you, the course's version is newer

    def lines(self, copy: Path) -> list[str]:
        out = [f"added {copy.name}/{p}" for p in self.added]
        out += [f"updated {copy.name}/{p} (you had not changed it)" for p in self.updated]
        out += [f"kept your {copy.name}/{p}; the course has a newer version: rename yours "
                f"(e.g. add -mine to its name) and run this again to get it" for p in self.kept]
        return out


def sync(source: Path, copy: Path) -> SyncReport:
    """Bring the working copy ``copy`` up to date with the course folder ``source``.

    Adds files ``copy`` lacks, updates files it holds unchanged since they were copied, and
    never overwrites a file that was changed in the copy. Returns what it did.
    """
    copy.mkdir(parents=True, exist_ok=True)
    manifest_path = copy / MANIFEST
    try:
        copied: dict[str, str] = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        copied = {}
    report = SyncReport()
    for relative in course_files(source):
        key = relative.as_posix()
        src, dst = source / relative, copy / relative
        new = _sha256(src)
        if not dst.exists():
            report.added.append(key)
        elif _sha256(dst) == new:
            copied[key] = new
            continue
        elif copied.get(key) == _sha256(dst):
            report.updated.append(key)
        else:
            if copied.get(key) != new:
                report.kept.append(key)
            continue
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, dst)
        copied[key] = new
    manifest_path.write_text(json.dumps(copied, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return report


def lab_environment(base: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of the lab: ``lab-config/`` first on the jupyter config path."""
    env = dict(os.environ if base is None else base)
    rest = env.get("JUPYTER_CONFIG_PATH")
    env["JUPYTER_CONFIG_PATH"] = os.pathsep.join([str(LAB_CONFIG)] + ([rest] if rest else []))
    return env


def lab_command(copy: Path, extra: list[str]) -> list[str]:
    """The command that serves JupyterLab on ``copy`` (``--allow-root`` when run as root)."""
    command = [sys.executable, "-m", "jupyterlab", f"--ServerApp.root_dir={copy}"]
    if hasattr(os, "getuid") and os.getuid() == 0:
        command.append("--allow-root")  # Jupyter refuses root without it (containers)
    return command + extra


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("route", choices=sorted(ROUTES))
    parser.add_argument("--sync-only", action="store_true", help="update the copy, start no lab")
    parser.add_argument("--copy", type=Path, help="working copy folder (default: work/ or lecture/)")
    args, extra = parser.parse_known_args(argv)
    source_name, copy_name = ROUTES[args.route]
    copy = (args.copy or ROOT / copy_name).resolve()
    report = sync(ROOT / source_name, copy)
    for line in report.lines(copy):
        print(line)
    if args.sync_only:
        return 0
    print(f"JupyterLab on {copy} (your working copy; the course's {source_name}/ stays as it is)")
    command = lab_command(copy, extra)
    os.execve(command[0], command, lab_environment())
    return 0  # not reached


if __name__ == "__main__":
    sys.exit(main())
