"""environment.yml (conda) and pyproject.toml (pip) name the same packages at the same versions."""

import re
import tomllib

import yaml

from tests.course import ROOT


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pinned(requirement: str) -> tuple[str, str]:
    name, version = re.fullmatch(r"\s*([A-Za-z0-9_.\-]+)\s*={1,2}\s*([^\s;]+)\s*", requirement).groups()
    return normalise(name), version


def test_conda_and_pip_environments_agree():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    pip_side = dict(pinned(r) for r in project["dependencies"] + project["optional-dependencies"]["dev"])

    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda_side = {}
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            conda_side.update(pinned(r) for r in dep["pip"] if not r.startswith("-e"))
        elif dep not in ("pip",) and not dep.startswith("python="):
            conda_side.update([pinned(dep)])

    assert conda_side == pip_side
    assert "python=3.11" in env["dependencies"]
    assert project["requires-python"] == ">=3.11"
