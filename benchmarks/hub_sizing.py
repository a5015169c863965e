"""Memory and CPU a student needs on a hub, measured (hub/README.md sizes the servers from it).

* per notebook: the solution notebook executed top to bottom in a fresh kernel (nbclient), in a
  child process whose only child is that kernel; the kernel's peak RSS and CPU seconds
  (user + system) come from ``getrusage(RUSAGE_CHILDREN)`` once it has exited: exact, not
  sampled. ``--runs`` runs per notebook; medians printed.
* the server: a Jupyter server with JupyterLab (what ``jupyterhub-singleuser`` runs), started,
  asked for its status and for the lab page, then its peak RSS (VmHWM) and CPU seconds.

    .venv/bin/python benchmarks/hub_sizing.py --runs 3 2>/dev/null
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ASSIGNMENTS = sorted(p.parent.name for p in (ROOT / "solutions").glob("*/*.cells"))

ONE_RUN = r"""
import json, resource, sys
import nbformat
from nbclient import NotebookClient
path = sys.argv[1]
nb = nbformat.read(path, as_version=4)
NotebookClient(nb, timeout=120, startup_timeout=120, kernel_name="python3",
               resources={"metadata": {"path": str(__import__("pathlib").Path(path).parent)}}).execute()
use = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"peak_rss_mb": use.ru_maxrss / 1024, "cpu_s": use.ru_utime + use.ru_stime}))
"""


def kernel_use(assignment: str) -> dict[str, float]:
    """Peak RSS (MB) and CPU seconds of the kernel that ran the solution notebook once."""
    path = ROOT / "solutions" / assignment / f"{assignment}.ipynb"
    out = subprocess.run([sys.executable, "-c", ONE_RUN, str(path)], check=True,
                         capture_output=True, text=True, timeout=900).stdout
    return json.loads(out.strip().splitlines()[-1])


def server_use() -> dict[str, float]:
    """Peak RSS (MB) and CPU seconds of an idle Jupyter server + JupyterLab after one page."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    token = secrets.token_hex(16)
    cmd = [str(Path(sys.executable).parent / "jupyter"), "lab", "--no-browser", f"--port={port}",
           "--ip=127.0.0.1", f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={ROOT}"]
    if os.geteuid() == 0:
        cmd.append("--allow-root")
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        for page in ("/api/status", "/lab"):
            while True:
                try:
                    req = urllib.request.Request(f"http://127.0.0.1:{port}{page}",
                                                 headers={"Authorization": f"token {token}"})
                    urllib.request.urlopen(req, timeout=10).read()
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.3)
        status = Path(f"/proc/{proc.pid}/status").read_text()
        hwm_kb = int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM")))
        fields = Path(f"/proc/{proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        ticks = os.sysconf("SC_CLK_TCK")
        cpu = (int(fields[11]) + int(fields[12])) / ticks  # utime + stime
        return {"peak_rss_mb": hwm_kb / 1024, "cpu_s": cpu}
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("assignments", nargs="*", default=ASSIGNMENTS)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(f"load average before: {os.getloadavg()[0]:.2f}; {args.runs} runs per notebook; medians")
    print(f"{'what':<28} {'peak RSS MB':>12} {'CPU s':>8}")
    server = [server_use() for _ in range(args.runs)]
    print(f"{'server (jupyter lab, idle)':<28} {statistics.median(r['peak_rss_mb'] for r in server):12.0f}"
          f" {statistics.median(r['cpu_s'] for r in server):8.2f}")
    for assignment in args.assignments:
        runs = [kernel_use(assignment) for _ in range(args.runs)]
        print(f"{'kernel ' + assignment:<28} {statistics.median(r['peak_rss_mb'] for r in runs):12.0f}"
              f" {statistics.median(r['cpu_s'] for r in runs):8.2f}")
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
