"""The Kubernetes set-up (hub/k8s/): what can be checked without a cluster.

* values.yaml is YAML without a key given twice, and the chart's schema accepts it (where the
  chart is on disk: the Zero to JupyterHub chart is published on its own Helm repository, not
  on PyPI, npm or Debian, so this machine cannot fetch it; DNN_Z2JH_CHART names a chart folder);
* the hub's extra configuration runs and gives every user their own uid and the right role;
* the image's layout and environment are the one-machine hub's (one nbgrader configuration);
* the image recipe copies files that exist and runs the same environment script as the
  one-machine hub (which tests/test_hub.py runs), and its kit step writes a kit with no
  solution or hidden test in it.
"""

from __future__ import annotations

import os
import re
import types
from pathlib import Path

import pytest
import yaml

from hub.classroom import DEFAULT_ROOT, Classroom
from hub.k8s.validate_values import VALUES, helm_merge, load, problems
from tests.course import ROOT

DOCKERFILE = ROOT / "hub" / "k8s" / "Dockerfile"


def values() -> dict:
    return load(VALUES)


def test_values_are_yaml_without_repeated_keys(tmp_path: Path) -> None:
    assert set(values()) >= {"hub", "singleuser", "cull", "proxy"}
    twice = tmp_path / "twice.yaml"
    twice.write_text("cull:\n  timeout: 60\ncull:\n  timeout: 3600\n")
    with pytest.raises(yaml.constructor.ConstructorError, match="twice"):
        load(twice)


def test_helm_merge_keeps_defaults_and_replaces_lists() -> None:
    defaults = {"a": {"b": 1, "c": [1, 2]}, "d": 4}
    assert helm_merge(defaults, {"a": {"c": [3]}, "d": None}) == {"a": {"b": 1, "c": [3]}}


@pytest.mark.skipif(not os.environ.get("DNN_Z2JH_CHART"),
                    reason="Z2JH SCHEMA CHECK SKIPPED: the jupyterhub chart is not on PyPI, npm or "
                           "Debian; set DNN_Z2JH_CHART to a chart folder (`helm pull "
                           "jupyterhub/jupyterhub --untar`) to validate values.yaml against it.")
def test_values_validate_against_the_chart_schema(tmp_path: Path) -> None:
    chart = Path(os.environ["DNN_Z2JH_CHART"])
    assert problems(chart) == []
    typo = tmp_path / "typo.yaml"
    typo.write_text("singleuser:\n  memroy:\n    limit: 1G\n")
    assert problems(chart, typo), "the schema should reject an unknown key"


class FakeSpawner:
    def __init__(self, name: str, user_id: int) -> None:
        self.user = types.SimpleNamespace(name=name, id=user_id)
        self.environment: dict[str, str] = {}
        self.uid = 1000
        self.mem_limit = self.cpu_limit = self.mem_guarantee = self.cpu_guarantee = None


def hub_config() -> types.SimpleNamespace:
    """Run the chart's hub.extraConfig snippets on a stand-in for traitlets' config object."""
    c = types.SimpleNamespace(KubeSpawner=types.SimpleNamespace(), JupyterHub=types.SimpleNamespace())
    for name, code in values()["hub"]["extraConfig"].items():
        exec(compile(code, name, "exec"), {"c": c})
    return c


def test_every_user_gets_their_own_uid_and_role() -> None:
    hook = hub_config().KubeSpawner.pre_spawn_hook
    room = Classroom(root=DEFAULT_ROOT, instructor="instructor")
    spawners = [FakeSpawner("instructor", 1), FakeSpawner("ada", 2), FakeSpawner("bob", 3)]
    for spawner in spawners:
        hook(spawner)
    assert [s.uid for s in spawners] == [10001, 10002, 10003]
    teacher, ada, _ = spawners
    # The instructor's pod drops the students' configuration (formgrader on), as on one machine.
    assert teacher.environment["JUPYTER_CONFIG_PATH"] == room.server_environment("instructor")[
        "JUPYTER_CONFIG_PATH"]
    student_cpu = values()["singleuser"]["cpu"]["limit"]
    assert teacher.mem_limit and teacher.cpu_limit and teacher.cpu_limit > student_cpu
    assert ada.environment == {"USER": "ada", "LOGNAME": "ada"} and ada.mem_limit is None
    assert teacher.environment["USER"] == "instructor"


def test_groups_follow_nbgrader_convention() -> None:
    groups = hub_config().JupyterHub.load_groups
    assert set(groups) == {"formgrade-dnn", "nbgrader-dnn"}


def dockerfile_env() -> dict[str, str]:
    text = DOCKERFILE.read_text().replace("\\\n", " ")
    env: dict[str, str] = {}
    for line in text.splitlines():
        if line.startswith("ENV "):
            env.update(re.findall(r"(\w+)=(\S+)", line))
    return env


def test_image_layout_is_the_one_machine_layout() -> None:
    room = Classroom(root=DEFAULT_ROOT, env=DEFAULT_ROOT / "env", instructor="instructor")
    student = room.server_environment("student")
    image = dockerfile_env()
    assert image["JUPYTER_CONFIG_PATH"] == student["JUPYTER_CONFIG_PATH"]
    assert image["PATH"].split(":")[0] == student["PATH"].split(":")[0]
    mounts = {m["name"]: m["mountPath"] for m in values()["singleuser"]["storage"]["extraVolumeMounts"]}
    assert mounts["exchange"] == str(room.exchange)
    assert room.exchange.name == "exchange" and str(room.kit) in str(
        values()["singleuser"]["lifecycleHooks"]["postStart"]["exec"]["command"])


def test_image_recipe_copies_existing_files_and_shares_the_env_script() -> None:
    text = DOCKERFILE.read_text()
    for sources in re.findall(r"^COPY (.+) \S+$", text, re.M):
        for src in sources.split():
            assert (ROOT / src).exists(), f"the Dockerfile copies {src}, which is not in the repo"
    assert "bash /tmp/build-env.sh" in text and "COPY hub/build-env.sh" in text
    assert re.search(r"^FROM python:3\.11", text, re.M), "the image's Python is the course's (3.11)"


def test_image_kit_step_writes_config_and_a_kit_without_solutions(tmp_path: Path) -> None:
    room = Classroom(root=tmp_path, course_id="dnn")
    room.prepare_image()
    assert "c.Exchange.root" in (room.config_dir / "common" / "nbgrader_config.py").read_text()
    notebooks = sorted(room.kit.glob("*/*.ipynb"))
    assert [p.parent.name for p in notebooks] == sorted(p.name for p in (ROOT / "notebooks").iterdir())
    for nb in notebooks:
        text = nb.read_text()
        assert "BEGIN HIDDEN TESTS" not in text and "### BEGIN SOLUTION" not in text, nb.name
