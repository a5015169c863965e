"""JupyterHub for the course on one machine: `make hub`, or `jupyterhub -f hub/jupyterhub_config.py`.

Reads the settings that `python hub/classroom.py setup` wrote (the file named by $DNN_HUB_SETTINGS,
default /srv/dnn-course/hub.json). Listens on loopback unless the settings say otherwise; for
real use put it behind HTTPS (hub/README.md). Runs as root: each server runs as its Unix user.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hub.classroom import Classroom  # noqa: E402

c = get_config()  # type: ignore[name-defined]  # noqa: F821 - provided by traitlets
room = Classroom.read()

# -- network: the public proxy, the hub and the proxy's API, all on the addresses configured.
c.JupyterHub.bind_url = f"http://{room.ip}:{room.port}"
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = room.hub_port
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{room.proxy_api_port}"
c.ConfigurableHTTPProxy.pid_file = str(room.state / "proxy.pid")
c.ConfigurableHTTPProxy.should_start = True

# -- the hub's own state
c.JupyterHub.db_url = f"sqlite:///{room.state / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(room.state / "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = str(room.state / "jupyterhub.pid")

# -- who may log in: the instructor and the students, with their Unix passwords (PAM).
if room.authenticator == "pam":
    c.JupyterHub.authenticator_class = "pam"
else:  # "token-only": nobody logs in with a password; API tokens only (the hub test).
    c.JupyterHub.authenticator_class = "null"
c.Authenticator.allowed_users = {room.instructor, *room.students}
c.JupyterHub.load_groups = {
    # nbgrader's JupyterHub convention: formgrade-<course> for graders, nbgrader-<course> students.
    f"formgrade-{room.course_id}": {"users": [room.instructor]},
    f"nbgrader-{room.course_id}": {"users": list(room.students)},
}

# -- services: one that creates the users' tokens (setup scripts, the hub test), one that culls.
c.JupyterHub.services = [
    {"name": "course-admin", "api_token": room.api_token},
    {"name": "idle-culler",
     "command": [sys.executable, "-m", "jupyterhub_idle_culler",
                 f"--timeout={room.cull_idle_seconds}", "--cull-every=300"]},
]
c.JupyterHub.load_roles = [
    {"name": "course-admin", "services": ["course-admin"],
     "scopes": ["admin:users", "admin:servers", "tokens", "access:servers", "list:users"]},
    {"name": "idle-culler", "services": ["idle-culler"],
     "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"]},
]

# -- the servers: the course environment's single-user server, as the user, in their home.
c.Spawner.cmd = [str(room.env / "bin" / "jupyterhub-singleuser")]
c.Spawner.default_url = "/lab"
c.Spawner.notebook_dir = "~"
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 90
# Measured per student (hub/README.md, "Sizing"); LocalProcessSpawner does not enforce limits.
c.Spawner.mem_limit = "1G"
c.Spawner.cpu_limit = 1.0


def pre_spawn_hook(spawner) -> None:
    user = spawner.user.name
    spawner.environment.update(room.server_environment(user))
    if room.role(user) == "student":
        room.prepare_student(user)


c.Spawner.pre_spawn_hook = pre_spawn_hook
