"""A throw-away hub on loopback: made, started and removed again (the hub test, the benchmark).

    with trial_hub(students=2) as (room, hub):
        teacher = hub.server(room.instructor)

Accounts get random names (``hub<tag>prof``, ``hub<tag>s1``, ...); on leaving, the hub is stopped
(it stops the servers and the proxy), any process still run by those accounts is ended by its id,
the accounts are removed with their homes, and the hub's folder is deleted.
"""

from __future__ import annotations

import os
import pwd
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from hub.classroom import HUB_DIR, REPO, Classroom, build_env, user_exists
from hub.client import Hub, HubError

# The course environment the servers run, built once (about a minute) and reused while
# pyproject.toml and helpers/ are unchanged. Inside .venv: rebuilt with it, never committed.
# DNN_HUB_ENV points elsewhere (a folder every account can read), e.g. to keep a running
# trial's environment while testing a newer one.
TRIAL_ENV = Path(os.environ.get("DNN_HUB_ENV") or REPO / ".venv" / "hub-env")


class TrialError(RuntimeError):
    """The trial hub did not come up; the message carries the end of its log."""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def processes_of(uids: set[int]) -> list[int]:
    """Ids of the processes run by these accounts (servers and kernels the trial started)."""
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if entry.stat().st_uid in uids:
                    pids.append(int(entry.name))
            except FileNotFoundError:
                pass
    return pids


@contextmanager
def trial_hub(students: int = 2, course_id: str = "dnn",
              env: Path = TRIAL_ENV) -> Iterator[tuple[Classroom, Hub]]:
    """A running hub with an instructor and ``students`` students; removed on exit."""
    build_env(env)
    tag = secrets.token_hex(2)
    names = [f"hub{tag}prof", *(f"hub{tag}s{i}" for i in range(1, students + 1))]
    root = Path(tempfile.mkdtemp(prefix="dnn-hub-trial-"))
    room = Classroom(root=root, env=env, course_id=course_id, instructor=names[0], students=names[1:],
                     port=free_port(), hub_port=free_port(), proxy_api_port=free_port(),
                     authenticator="token-only", api_token=secrets.token_hex(24))
    process = None
    log = root / "jupyterhub.log"
    try:
        room.setup()
        run_env = {**os.environ, "DNN_HUB_SETTINGS": str(room.settings_file),
                   "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}"}
        with open(log, "w") as out:
            process = subprocess.Popen(
                [sys.executable, "-m", "jupyterhub", "-f", str(HUB_DIR / "jupyterhub_config.py")],
                cwd=room.state, env=run_env, stdout=out, stderr=subprocess.STDOUT,
                start_new_session=True)
        hub = Hub(room.url, room.api_token)
        try:
            hub.wait_until_up(timeout=60)
        except HubError as e:
            raise TrialError(f"{e}\n--- hub log ---\n{log.read_text()[-4000:]}") from e
        yield room, hub
    finally:
        uids = {pwd.getpwnam(n).pw_uid for n in names if user_exists(n)}
        if process is not None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)
        for pid in processes_of(uids):
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        room.teardown(remove_users=names)
        shutil.rmtree(root, ignore_errors=True)
        left = [n for n in names if user_exists(n)]
        if left:
            raise TrialError(f"accounts not removed: {left}")


def hub_log(room: Classroom) -> str:
    path = room.root / "jupyterhub.log"
    return path.read_text()[-4000:] if path.exists() else "(no hub log)"
