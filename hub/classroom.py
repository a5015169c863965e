"""The course on one machine for a whole class: accounts, environment, exchange and hub settings.

Everything the hub needs lives under one folder, ``Classroom.root`` (``/srv/dnn-course`` by default)::

    root/hub.json        the settings jupyterhub_config.py reads (written by ``Classroom.write``)
    root/exchange/       nbgrader's exchange (mode 1777; nbgrader makes inbound/ write-only)
    root/config/common/  nbgrader_config.py for every account: course id and exchange
    root/config/student/ students' Jupyter config: no formgrader, no create-assignment tools
    root/kit/            the student kit every student server starts with (copied to ~/kit)
    root/state/          the hub's database, cookie secret and proxy pid
    env                  the course environment the single-user servers run (``--env``)

The instructor's home holds a copy of the course source in ``~/<course_id>`` (solutions and
hidden tests included; the home is mode 0700); the instructor's server starts there with the
formgrader. Students get the kit and nothing else of the source.

Run as root (the hub starts each server as its Unix user)::

    python hub/classroom.py setup --instructor teacher --students alice bob   # make hub does this
    python hub/classroom.py start                                             # then serves
"""

from __future__ import annotations

import argparse
import dataclasses
import fcntl
import hashlib
import json
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
HUB_DIR = Path(__file__).resolve().parent
DEFAULT_ROOT = Path("/srv/dnn-course")
SETTINGS_ENV = "DNN_HUB_SETTINGS"

# What a student may see of the course source: the release notebooks (the helpers package is
# installed in the course environment). When `make student-kit` exists, this becomes its output.
STUDENT_KIT_SOURCE = REPO / "notebooks"

# The instructor's copy of the course: nbgrader's source and release, the feedback filter the
# course configuration imports, and the configuration itself.
COURSE_SOURCE = ("solutions", "notebooks", "tools", "nbgrader_config.py", "README.md")


@dataclasses.dataclass
class Classroom:
    """One course on one machine. Ports and addresses are the hub's; servers pick free ports."""

    root: Path = DEFAULT_ROOT
    env: Path = DEFAULT_ROOT / "env"
    course_id: str = "dnn"
    instructor: str = "instructor"
    students: list[str] = dataclasses.field(default_factory=list)
    ip: str = "127.0.0.1"
    port: int = 8000
    hub_port: int = 8081
    proxy_api_port: int = 8001
    authenticator: str = "pam"  # "pam": the machine's passwords; "token-only": API tokens alone
    api_token: str = ""         # token of the "course-admin" service (creates users' tokens)
    cull_idle_seconds: int = 3600

    # -- paths -------------------------------------------------------------------------------
    @property
    def exchange(self) -> Path:
        return self.root / "exchange"

    @property
    def kit(self) -> Path:
        return self.root / "kit"

    @property
    def config_dir(self) -> Path:
        return self.root / "config"

    @property
    def state(self) -> Path:
        return self.root / "state"

    @property
    def settings_file(self) -> Path:
        return self.root / "hub.json"

    def home(self, user: str) -> Path:
        return Path(pwd.getpwnam(user).pw_dir)

    def course_copy(self) -> Path:
        """The instructor's course root: nbgrader's course directory, formgrader's home."""
        return self.home(self.instructor) / self.course_id

    @property
    def url(self) -> str:
        return f"http://{self.ip}:{self.port}"

    # -- settings file -----------------------------------------------------------------------
    def write(self) -> Path:
        data = dataclasses.asdict(self)
        data["root"], data["env"] = str(self.root), str(self.env)
        self.root.mkdir(parents=True, exist_ok=True)
        self.settings_file.write_text(json.dumps(data, indent=2))
        self.settings_file.chmod(0o600)  # it holds the service token
        return self.settings_file

    @classmethod
    def read(cls, path: Path | str | None = None) -> Classroom:
        path = Path(path or os.environ.get(SETTINGS_ENV) or DEFAULT_ROOT / "hub.json")
        data = json.loads(path.read_text())
        data["root"], data["env"] = Path(data["root"]), Path(data["env"])
        return cls(**data)

    # -- set-up --------------------------------------------------------------------------------
    def setup(self) -> None:
        """Idempotent: accounts, environment, exchange, configuration, course copy, kit."""
        require_root()
        for user in [self.instructor, *self.students]:
            ensure_user(user)
        build_env(self.env)
        self.prepare_exchange()
        self.write_jupyter_config()
        self.prepare_kit()
        self.prepare_instructor()
        self.state.mkdir(parents=True, exist_ok=True)
        self.state.chmod(0o700)
        self.write()

    def prepare_image(self) -> None:
        """The Kubernetes image's part (hub/k8s/Dockerfile): configuration, kit, exchange mount."""
        self.write_jupyter_config()
        self.prepare_kit()
        self.exchange.mkdir(parents=True, exist_ok=True)

    def prepare_exchange(self) -> None:
        # World-writable with the sticky bit: anyone may create the course folder's entries,
        # nobody may remove another's. nbgrader creates <course>/inbound as 0733 (write, no read)
        # and <course>/feedback as 0711, with unguessable names inside.
        self.exchange.mkdir(parents=True, exist_ok=True)
        self.exchange.chmod(0o1777)
        self.root.chmod(0o755)

    def write_jupyter_config(self) -> None:
        common, student = self.config_dir / "common", self.config_dir / "student"
        for d in (common, student / "labconfig"):
            d.mkdir(parents=True, exist_ok=True)
        (common / "nbgrader_config.py").write_text(
            "# Written by hub/classroom.py for every account on the hub.\n"
            "c = get_config()  # noqa: F821\n"
            f"c.CourseDirectory.course_id = {self.course_id!r}\n"
            f"c.Exchange.root = {str(self.exchange)!r}\n"
        )
        (student / "jupyter_server_config.json").write_text(json.dumps({"ServerApp": {
            "jpserver_extensions": {
                "nbgrader.server_extensions.formgrader": False,
                "nbgrader.server_extensions.course_list": False,
            }}}, indent=2))
        (student / "labconfig" / "page_config.json").write_text(json.dumps({"disabledExtensions": {
            "@jupyter/nbgrader:formgrader": True,
            "@jupyter/nbgrader:create-assignment": True,
            "@jupyter/nbgrader:course-list": True,
        }}, indent=2))
        for path in self.config_dir.rglob("*"):
            path.chmod(0o755 if path.is_dir() else 0o644)
        self.config_dir.chmod(0o755)

    def prepare_kit(self) -> None:
        copy_student_kit(self.kit)
        for path in [self.kit, *self.kit.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)

    def prepare_instructor(self) -> None:
        """Copy the course source into the instructor's home (once) and point it at the exchange."""
        dest = self.course_copy()
        if dest.exists():  # a later set-up keeps the instructor's course and grading as they are
            return
        dest.mkdir(parents=True)
        for name in COURSE_SOURCE:
            src = REPO / name
            if src.is_dir():
                shutil.copytree(src, dest / name, dirs_exist_ok=True,
                                ignore=shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints"))
            else:
                shutil.copy2(src, dest / name)
        config = dest / "nbgrader_config.py"
        config.write_text((REPO / "nbgrader_config.py").read_text() + (
            "\n# Added by hub/classroom.py: the class's shared exchange instead of the laptop's.\n"
            f"c.CourseDirectory.course_id = {self.course_id!r}\n"
            f"c.Exchange.root = {str(self.exchange)!r}\n"
        ))
        home = self.home(self.instructor)
        # The server starts in the home folder: nbgrader reads the course's configuration from there.
        (home / "nbgrader_config.py").write_text(
            "# Written by hub/classroom.py: the course is in this folder's subfolder.\n"
            f"load_subconfig({str(config)!r})  # noqa: F821\n"
        )
        chown_tree(home, self.instructor)

    def prepare_student(self, user: str) -> None:
        """Give a student the kit in ~/kit (once; later kits do not overwrite their work)."""
        dest = self.home(user) / "kit"
        if not dest.exists():
            shutil.copytree(self.kit, dest)
            chown_tree(dest, user)

    def role(self, user: str) -> str:
        return "instructor" if user == self.instructor else "student"

    def server_environment(self, user: str) -> dict[str, str]:
        """Environment of a user's single-user server (the course environment first on PATH)."""
        dirs = [self.config_dir / "common"]
        if self.role(user) == "student":
            dirs.insert(0, self.config_dir / "student")
        return {
            "PATH": f"{self.env / 'bin'}:/usr/local/bin:/usr/bin:/bin",
            "JUPYTER_CONFIG_PATH": os.pathsep.join(str(d) for d in dirs),
            "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
        }

    def teardown(self, remove_users: Iterable[str] = ()) -> None:
        """Remove the hub's folder and the given accounts (with their homes)."""
        for user in remove_users:
            remove_user(user)
        shutil.rmtree(self.root, ignore_errors=True)


# -- the student kit ---------------------------------------------------------------------------
def copy_student_kit(dest: Path) -> None:
    """What every student server starts with: the release notebooks, no solutions, no tests."""
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(STUDENT_KIT_SOURCE, dest,
                    ignore=shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints"))


# -- the course environment --------------------------------------------------------------------
def runs_for_everyone(path: Path) -> bool:
    """True if every account can execute ``path`` (each folder on the way is o+x)."""
    path = path.resolve()
    return all(os.stat(p).st_mode & 0o001 for p in [path, *path.parents])


def base_python() -> Path:
    """A Python of this version that every account may run (a venv's python may live in /root)."""
    ours = Path(getattr(sys, "_base_executable", sys.executable))
    if runs_for_everyone(ours):
        return ours
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    for candidate in (Path("/usr/bin") / version, Path("/usr/local/bin") / version):
        if candidate.exists() and runs_for_everyone(candidate):
            return candidate
    raise SystemExit(f"No {version} that every account can run (mine is {ours}): install it "
                     "(Debian: apt-get install python3 python3-venv) or pass --env.")


def env_stamp() -> str:
    """What the environment is built from: the pinned dependencies and the helpers package."""
    parts = [(REPO / "pyproject.toml").read_text()]
    parts += [p.read_text() for p in sorted((REPO / "helpers").rglob("*.py"))]
    parts.append((HUB_DIR / "build-env.sh").read_text())
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def build_env(env: Path, python: Path | None = None) -> Path:
    """The course environment as a venv at ``env`` (hub/build-env.sh, as the Kubernetes image).

    Rebuilt only when pyproject.toml or the helpers package changed since the last build.
    """
    stamp = env / ".course-stamp"
    want = env_stamp()
    env.parent.mkdir(parents=True, exist_ok=True)
    with open(env.parent / f".{env.name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # one build at a time; a waiting one finds it done
        if not (stamp.exists() and stamp.read_text() == want):
            _build(env, python)
            stamp.write_text(want)
    return env


def _build(env: Path, python: Path | None) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "course"
        src.mkdir()
        for name in ("pyproject.toml", "README.md"):
            shutil.copy2(REPO / name, src / name)
        shutil.copytree(REPO / "helpers", src / "helpers", ignore=shutil.ignore_patterns("__pycache__"))
        subprocess.run(["bash", str(HUB_DIR / "build-env.sh"), str(env), str(src),
                        str(python or base_python())], check=True, stdout=subprocess.DEVNULL)


# -- accounts ------------------------------------------------------------------------------------
def require_root() -> None:
    if os.geteuid() != 0:
        raise SystemExit("The hub starts each user's server as that Unix user: run this as root.")


def user_exists(name: str) -> bool:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


def ensure_user(name: str) -> None:
    """Create a local account with a private home (0700) unless it exists.

    An existing system account (uid below 1000, e.g. ``root`` or ``www-data``) is refused: the
    hub would start servers as it and make its home private.
    """
    if user_exists(name) and pwd.getpwnam(name).pw_uid < 1000:
        raise SystemExit(f"{name!r} is a system account (uid {pwd.getpwnam(name).pw_uid}): "
                         "choose another name for the hub's users.")
    if not user_exists(name):
        done = subprocess.run(["useradd", "--create-home", "--user-group", "--shell", "/bin/bash", name],
                              capture_output=True, text=True)
        if done.returncode != 0:
            raise SystemExit(f"Could not create the account {name!r}: {done.stderr.strip()}")
    os.chmod(pwd.getpwnam(name).pw_dir, 0o700)


def remove_user(name: str) -> None:
    if user_exists(name):
        subprocess.run(["userdel", "--remove", name], capture_output=True, text=True)


def chown_tree(path: Path, user: str) -> None:
    entry = pwd.getpwnam(user)
    for p in [path, *path.rglob("*")]:
        os.lchown(p, entry.pw_uid, entry.pw_gid)


# -- command line ----------------------------------------------------------------------------------
def hub_command(settings: Path) -> tuple[list[str], dict[str, str]]:
    """The command line and environment that start the hub for these settings."""
    env = {**os.environ, SETTINGS_ENV: str(settings),
           "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])}
    return [sys.executable, "-m", "jupyterhub", "-f", str(HUB_DIR / "jupyterhub_config.py")], env


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    setup = sub.add_parser("setup", help="create accounts, environment, exchange and settings")
    setup.add_argument("--root", type=Path, default=DEFAULT_ROOT)
    setup.add_argument("--env", type=Path, help="the course environment (default: ROOT/env)")
    setup.add_argument("--course-id", default="dnn")
    setup.add_argument("--instructor", default="instructor")
    setup.add_argument("--students", nargs="*", default=[])
    setup.add_argument("--ip", default="127.0.0.1", help="listen here (default: loopback only)")
    setup.add_argument("--port", type=int, default=8000)
    image = sub.add_parser("image", help="the Kubernetes image's configuration and kit (Dockerfile)")
    image.add_argument("--root", type=Path, default=DEFAULT_ROOT)
    image.add_argument("--course-id", default="dnn")
    start = sub.add_parser("start", help="start the hub (foreground)")
    start.add_argument("--root", type=Path, default=DEFAULT_ROOT)
    args = parser.parse_args(argv)

    if args.command == "setup":
        room = Classroom(root=args.root, env=args.env or args.root / "env", course_id=args.course_id,
                         instructor=args.instructor, students=list(args.students), ip=args.ip,
                         port=args.port)
        if room.settings_file.exists():  # keep the token and ports of an earlier set-up
            old = Classroom.read(room.settings_file)
            room.api_token, room.hub_port, room.proxy_api_port = (old.api_token, old.hub_port,
                                                                  old.proxy_api_port)
            room.students = sorted(set(old.students) | set(room.students))
        room.api_token = room.api_token or os.urandom(24).hex()
        room.setup()
        print(f"Set up: {room.settings_file}. Start the hub with `make hub` ({room.url}).")
    elif args.command == "image":
        Classroom(root=args.root, course_id=args.course_id).prepare_image()
    else:
        require_root()
        cmd, env = hub_command(args.root / "hub.json")
        os.chdir(args.root / "state")
        os.execvpe(cmd[0], cmd, env)


if __name__ == "__main__":
    main()
