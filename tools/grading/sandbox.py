"""Run a submission's kernel inside bubblewrap (``bwrap``, Debian package ``bubblewrap``).

What the sandboxed kernel sees and may do:
- the whole file system read-only, except: the course root, ``/tmp`` and the home folder are
  replaced by empty in-memory folders, into which come back only the submission's own scratch
  copy (read-write, its working folder), the ``helpers`` package and the virtual environment
  (read-only); so no ``solutions/``, ``tests/``, gradebook, other students' files or hidden tests;
- no network (its own empty network namespace; it talks to the grader over Unix sockets in the
  scratch folder), its own PID, IPC and UTS namespaces, no capabilities (a user namespace maps it
  to ``nobody`` where the kernel allows one), a clean environment;
- an address-space cap (``RLIMIT_AS``, a memory hog gets ``MemoryError``) and a CPU-time cap
  (``RLIMIT_CPU``, re-armed before every cell by :mod:`tools.grading.execute`).

What it does not protect: files outside the course root stay readable (keep no other copy of
the solutions on the grading machine, or list its folder in ``Sandbox.hide``); CPU and memory
bandwidth are shared; a kernel bug in bubblewrap or Linux is out of scope.

Where bubblewrap is missing or cannot create namespaces, grading still runs, unsandboxed,
after a loud warning on every notebook (``Sandbox.required = True`` makes it an error instead).
"""

from __future__ import annotations

import functools
import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
import warnings
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager
from traitlets import Bool, Integer, List, Unicode

COURSE = Path(__file__).resolve().parents[2]

UNSANDBOXED_WARNING = (
    "!!! GRADING IS NOT SANDBOXED: bubblewrap (bwrap) {why}. Student code runs with YOUR rights and "
    "can read the solutions and the gradebook. Install it with `bash tools/system-deps.sh`. !!!"
)


@functools.cache
def bwrap_problem() -> str | None:
    """Why bubblewrap cannot run here (None: it works, with the namespaces we use)."""
    bwrap = shutil.which("bwrap")
    if bwrap is None:
        return "is not installed"
    probe = [bwrap, "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--unshare-net",
             "--unshare-pid", "--die-with-parent", "true"]
    try:
        result = subprocess.run(probe, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError) as err:
        return f"cannot start ({err})"
    if result.returncode != 0:
        return f"cannot create namespaces here ({result.stderr.strip()[:200]})"
    return None


@functools.cache
def user_namespace_works() -> bool:
    """Whether bwrap can also map the kernel to an unprivileged user (no capabilities)."""
    bwrap = shutil.which("bwrap")
    if bwrap is None:
        return False
    probe = [bwrap, "--ro-bind", "/", "/", "--unshare-user", "--uid", "65534", "--gid", "65534", "true"]
    try:
        return subprocess.run(probe, capture_output=True, timeout=30).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


def bwrap_argv(scratch: Path, workdir: Path, *, memory_bytes: int, cpu_seconds: int,
               hide: list[str], env: dict[str, str]) -> list[str]:
    """The bwrap command line (without the program to run) for one submission's kernel.

    ``scratch`` holds the kernel's sockets and connection file and ``workdir`` (its cwd); both
    are bound read-write; everything listed above is hidden or read-only.
    """
    home = Path(os.path.expanduser("~"))
    hidden = [Path("/tmp"), COURSE]
    hidden += [Path(f) for f in [str(home), *hide] if f and Path(f).is_dir() and Path(f) != Path("/")]
    # a folder inside another hidden one (the course in the grader's home, as on the hub) is
    # hidden with it: a second tmpfs or remount there would name a path the outer tmpfs removed
    hidden = [f for f in hidden
              if not any(f != g and f.resolve().is_relative_to(g.resolve()) for g in hidden)]
    argv = ["bwrap", "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc"]
    for folder in hidden:
        argv += ["--tmpfs", str(folder)]
    # bring back, read-only, what the kernel needs from the hidden folders: the helpers package,
    # the virtual environment and the Python installation it points to
    needed = {helpers_dir(), Path(sys.prefix), Path(sys.base_prefix), Path(sys.exec_prefix),
              Path(sys.executable).resolve().parent.parent}
    for path in sorted(needed):
        if any(path.resolve().is_relative_to(folder) for folder in hidden) and path.exists():
            argv += ["--ro-bind", str(path), str(path)]
    argv += ["--bind", str(scratch), str(scratch)]
    for folder in hidden:  # the empty folders are read-only too: scratch is the only writable place
        argv += ["--remount-ro", str(folder)]
    argv += ["--chdir", str(workdir)]
    argv += ["--unshare-net", "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try",
             "--die-with-parent", "--new-session", "--hostname", "grading"]
    if user_namespace_works():
        argv += ["--unshare-user", "--uid", "65534", "--gid", "65534"]
    argv += ["--cap-drop", "ALL", "--clearenv"]
    for key, value in env.items():
        argv += ["--setenv", key, value]
    prlimit = shutil.which("prlimit")
    if prlimit:
        argv += [prlimit, f"--as={memory_bytes}", f"--cpu={cpu_seconds}", "--"]
    return argv


def helpers_dir() -> Path:
    """The folder of the ``helpers`` package this Python imports (the course's, installed editable)."""
    spec = importlib.util.find_spec("helpers")
    if spec is None or spec.origin is None:
        return COURSE / "helpers"
    return Path(spec.origin).resolve().parent


KERNEL_ENV_KEEP = ("LANG", "LC_ALL", "OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS", "TZ")


class SandboxedKernelManager(AsyncKernelManager):
    """A kernel manager whose kernel runs in bubblewrap, reached over Unix sockets."""

    memory_mb = Integer(4096, help="Address-space cap of the kernel (MiB).").tag(config=True)
    cpu_seconds = Integer(600, help="CPU-time cap of the whole kernel (s); cells re-arm it.").tag(config=True)
    hide = List(Unicode(), help="More folders to hide (other course copies).").tag(config=True)
    required = Bool(False, help="Refuse to grade unsandboxed.").tag(config=True)
    scratch = Unicode("", help="The submission's scratch folder (set by the executor).")
    workdir = Unicode("", help="The kernel's working folder inside scratch (set by the executor).")

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.sandboxed = False

    def _prepare(self) -> None:
        if not self.scratch:
            self.scratch = tempfile.mkdtemp(prefix="dnn-grade-")
        scratch = Path(self.scratch)
        (scratch / "ipc").mkdir(exist_ok=True)
        (scratch / "home").mkdir(exist_ok=True)
        self.transport = "ipc"
        self.connection_file = str(scratch / "ipc" / "kernel.json")
        self.ip = str(scratch / "ipc" / "k")

    async def _async_pre_start_kernel(self, **kw):
        self._prepare()
        problem = bwrap_problem()
        if problem:
            if self.required:
                raise RuntimeError(f"bubblewrap {problem}: refusing to grade unsandboxed")
            message = UNSANDBOXED_WARNING.format(why=problem)
            self.log.warning(message)
            warnings.warn(message, RuntimeWarning, stacklevel=2)
        self.sandboxed = problem is None
        if self.workdir:
            kw["cwd"] = self.workdir
        return await super()._async_pre_start_kernel(**kw)

    def format_kernel_cmd(self, extra_arguments: list[str] | None = None) -> list[str]:
        cmd = super().format_kernel_cmd(extra_arguments)
        if not self.sandboxed:
            return cmd
        scratch = Path(self.scratch)
        env = {k: os.environ[k] for k in KERNEL_ENV_KEEP if k in os.environ}
        env.update(PATH=f"{Path(sys.executable).parent}:/usr/local/bin:/usr/bin:/bin",
                   HOME=str(scratch / "home"), MPLCONFIGDIR=str(scratch / "home" / "matplotlib"),
                   PYTHONDONTWRITEBYTECODE="1",
                   NBGRADER_EXECUTION="autograde")
        return bwrap_argv(scratch, Path(self.workdir or scratch), memory_bytes=self.memory_mb * 2**20,
                          cpu_seconds=self.cpu_seconds, hide=list(self.hide), env=env) + cmd
