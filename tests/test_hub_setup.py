"""hub/classroom.py's pieces that need no root and no running hub."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hub.classroom import Classroom, ensure_user, runs_for_everyone


def test_settings_survive_a_round_trip(tmp_path: Path) -> None:
    room = Classroom(root=tmp_path, env=tmp_path / "env", instructor="teach", students=["ada", "bob"],
                     port=8123, api_token="secret")
    path = room.write()
    assert Classroom.read(path) == room
    assert path.stat().st_mode & 0o077 == 0, "the settings hold a token: only root may read them"


def test_students_and_instructor_get_different_configuration(tmp_path: Path) -> None:
    room = Classroom(root=tmp_path, env=tmp_path / "env", instructor="teach", students=["ada"])
    room.write_jupyter_config()
    student = room.server_environment("ada")["JUPYTER_CONFIG_PATH"].split(":")
    teacher = room.server_environment("teach")["JUPYTER_CONFIG_PATH"].split(":")
    assert teacher == [str(room.config_dir / "common")]
    assert student == [str(room.config_dir / "student"), str(room.config_dir / "common")]
    server = json.loads((room.config_dir / "student" / "jupyter_server_config.json").read_text())
    assert server["ServerApp"]["jpserver_extensions"]["nbgrader.server_extensions.formgrader"] is False
    common = (room.config_dir / "common" / "nbgrader_config.py").read_text()
    assert f"c.Exchange.root = {str(room.exchange)!r}" in common
    assert room.server_environment("ada")["PATH"].startswith(str(tmp_path / "env" / "bin"))


def test_a_system_account_is_refused() -> None:
    with pytest.raises(SystemExit, match="system account"):
        ensure_user("root")


def test_runs_for_everyone_sees_a_private_folder(tmp_path: Path) -> None:
    private = tmp_path / "private"
    private.mkdir(mode=0o700)
    tool = private / "tool"
    tool.write_text("")
    tool.chmod(0o755)
    assert not runs_for_everyone(tool)
    private.chmod(0o755)
    assert runs_for_everyone(tool) == all(p.stat().st_mode & 1 for p in [tool, *tool.parents])
