"""Drive the students' JupyterLab in headless Chromium: shared by tests/test_browser.py and
benchmarks/browser_widgets.py.

- :class:`Lab` serves a working copy with ``tools/lab.py`` (the very command of ``make lab``) on a
  free loopback port with a token, jupyter's user folders in a temporary directory.
- :func:`launch_chromium` starts Debian's Chromium through Playwright (never a downloaded build).
- :class:`NotebookTab` opens a notebook in that lab and works it as a student would: runs its
  code cells one by one, reads their outputs, drags sliders, types into a cell, saves.

Cell indices are the notebook's own (0-based, markdown cells counted).
"""

from __future__ import annotations

import json
import os
import re
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.course import ROOT

CHROMIUM = Path("/usr/bin/chromium")
#: Headless, loopback only, nothing phoned home; --no-sandbox because CI runs as root.
CHROMIUM_FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage",
]
VIEWPORT = {"width": 1280, "height": 720}  # a projector
ARTIFACTS = ROOT / "test-artifacts" / "browser"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def chromium_missing_message() -> str | None:
    """None when Debian's Chromium is installed, else what to do about it."""
    if CHROMIUM.exists():
        return None
    return (f"{CHROMIUM} is missing: the browser test drives Debian's Chromium. "
            "Run `bash tools/system-deps.sh` (as root or with sudo; CI runs it) and try again.")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Lab:
    """``tools/lab.py student`` serving ``copy`` on 127.0.0.1 with a token, until :meth:`stop`."""

    def __init__(self, copy: Path, home: Path, route: str = "student") -> None:
        self.copy, self.home, self.route = copy, home, route
        self.port = free_port()
        self.token = secrets.token_hex(16)
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = home / "lab.log"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float = 90.0) -> Lab:
        env = dict(os.environ)
        for var, sub in (("JUPYTER_CONFIG_DIR", "config"), ("JUPYTER_DATA_DIR", "data"),
                         ("JUPYTER_RUNTIME_DIR", "runtime"), ("IPYTHONDIR", "ipython")):
            env[var] = str(self.home / sub)  # no user settings in, nothing written to ~
        env.pop("JUPYTER_CONFIG_PATH", None)
        command = [sys.executable, str(ROOT / "tools" / "lab.py"), self.route, "--copy", str(self.copy),
                   "--no-browser", "--ip=127.0.0.1", f"--port={self.port}", "--ServerApp.port_retries=0",
                   f"--IdentityProvider.token={self.token}", "--LabApp.expose_app_in_browser=True",
                   "--LabApp.news_url=", "--ServerApp.shutdown_no_activity_timeout=600",
                   "--MappingKernelManager.cull_idle_timeout=0"]
        self.log = self.log_path.open("wb")
        self.process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the lab stopped at start-up; its log:\n{self.log_text()}")
            try:
                self.get("/api/status")
                return self
            except OSError:
                time.sleep(0.25)
        self.stop()
        raise RuntimeError(f"the lab did not answer within {timeout:.0f} s; its log:\n{self.log_text()}")

    def get(self, path: str) -> tuple[int, str]:
        """(HTTP status, body) of GET ``path`` with the token; 4xx/5xx are returned, not raised."""
        request = urllib.request.Request(self.url + path, headers={"Authorization": f"token {self.token}"})
        try:
            with urllib.request.urlopen(request, timeout=10) as reply:
                return reply.status, reply.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8", "replace")

    def log_text(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")[-4000:]

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()  # the server shuts its kernels down on SIGTERM
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if getattr(self, "log", None):
            self.log.close()

    def __enter__(self) -> Lab:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def launch_chromium(playwright: Any, profile: Path | None = None) -> Any:
    """A persistent Chromium context on a fresh profile folder, at 1280 x 720."""
    profile = profile or Path(tempfile.mkdtemp(prefix="chromium-profile-"))
    return playwright.chromium.launch_persistent_context(
        str(profile), executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_FLAGS,
        viewport=VIEWPORT, service_workers="block")


# ----------------------------------------------------------------- in the page

_OPEN = """async (path) => {
  const app = window.jupyterapp;
  const panel = await app.commands.execute('docmanager:open', {path, factory: 'Notebook'});
  await panel.context.ready;
  await panel.sessionContext.ready;
  app.shell.activateById(panel.id);
  return panel.id;
}"""

_KERNEL_IDLE = """() => {
  const panel = window.jupyterapp.shell.currentWidget;
  const kernel = panel && panel.sessionContext && panel.sessionContext.session
                 && panel.sessionContext.session.kernel;
  return !!kernel && kernel.status === 'idle';
}"""

_CELLS = """() => window.jupyterapp.shell.currentWidget.content.widgets.map((cell, index) => ({
  index, type: cell.model.type, source: cell.model.sharedModel.getSource(),
  nbgrader: cell.model.getMetadata('nbgrader') || null}))"""

#: Run the code cells ``indices`` one after another as Shift+Enter would (the notebook's run-cell
#: command), each bounded by ``timeoutMs``; report each cell's outputs.
_RUN = """async ([indices, timeoutMs]) => {
  const app = window.jupyterapp;
  const nb = app.shell.currentWidget.content;
  const runs = [];
  for (const index of indices) {
    const cell = nb.widgets[index];
    nb.activeCellIndex = index;
    const start = performance.now();
    const done = app.commands.execute('notebook:run-cell');
    const timer = new Promise(resolve => setTimeout(() => resolve('timeout'), timeoutMs));
    const how = await Promise.race([done, timer]);
    const outputs = cell.model.outputs.toJSON();
    const error = outputs.find(o => o.output_type === 'error');
    runs.push({index, seconds: (performance.now() - start) / 1000, timeout: how === 'timeout',
      error: error ? `${error.ename}: ${error.evalue}` : null,
      text: outputs.map(o => o.text ? [].concat(o.text).join('') : (o.data && o.data['text/plain']
                                      ? [].concat(o.data['text/plain']).join('') : '')).join('\\n'),
      shown: (cell.node.querySelector('.jp-OutputArea') || {innerText: ''}).innerText,
      mimes: outputs.flatMap(o => Object.keys(o.data || {}))});
    if (how === 'timeout') break;
  }
  return runs;
}"""

#: What a widget cell shows: widget count, error text, every slider's label, readout and track.
_WIDGETS = """(index) => {
  const cell = window.jupyterapp.shell.currentWidget.content.widgets[index];
  cell.node.scrollIntoView({block: 'start'});
  const area = cell.node.querySelector('.jp-OutputArea');
  // How many px of an element's width are visible: its box cut by every ancestor that hides
  // overflow (the slider, a row of sliders, the output area), up to the output area.
  const visible = e => {
    const r = e.getBoundingClientRect();
    let left = r.left, right = r.right;
    for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
      const style = getComputedStyle(a);
      if (style.overflowX !== 'visible' || style.overflowY !== 'visible') {
        const b = a.getBoundingClientRect();
        left = Math.max(left, b.left); right = Math.min(right, b.right);
      }
      if (a === area) break;
    }
    return Math.max(0, right - left);
  };
  // Clipped: its text overflows its own box, or part of the box is cut off.
  const clipped = e => !!e && (e.scrollWidth > e.clientWidth + 1
                               || visible(e) < e.getBoundingClientRect().width - 1
                               || e.getBoundingClientRect().width < 1);
  const failed = Array.from(area.querySelectorAll('.widget-output .jp-OutputArea-output'))
    .map(e => e.innerText).filter(t => /Error|Traceback/.test(t));
  return {
    widgets: area.querySelectorAll('.jupyter-widgets').length,
    failed: failed.length ? failed[0].split('\\n').filter(l => /Error/.test(l)).pop() || failed[0] : null,
    text: area.innerText,
    images: Array.from(area.querySelectorAll('.widget-output img, .jp-OutputArea-output img'))
                 .map(img => ({natural: img.naturalWidth, shown: img.clientWidth})),
    sliders: Array.from(area.querySelectorAll('.widget-slider')).map(s => {
      const label = s.querySelector('.widget-label');
      const readout = s.querySelector('.widget-readout');
      const handle = s.querySelector('.noUi-handle');
      const track = s.querySelector('.noUi-target') || s.querySelector('.slider-container');
      return {label: label ? label.textContent : '', label_clipped: clipped(label),
              readout: readout ? readout.textContent : '', readout_clipped: clipped(readout),
              readout_px: readout ? [Math.round(visible(readout)), readout.scrollWidth] : null,
              track_px: track ? track.getBoundingClientRect().width : 0,
              min: handle ? Number(handle.getAttribute('aria-valuemin')) : null,
              max: handle ? Number(handle.getAttribute('aria-valuemax')) : null};
    }),
  };
}"""

_IMAGE_SOURCES = """(index) => Array.from(window.jupyterapp.shell.currentWidget.content.widgets[index]
  .node.querySelectorAll('.widget-output img, img.widget-image'))
  .map(img => img.src.slice(-200)).join('|')"""


@dataclass
class CellRun:
    """One executed cell: its outputs as the browser saw them."""

    index: int
    seconds: float
    timeout: bool
    error: str | None
    text: str
    shown: str
    mimes: list[str] = field(default_factory=list)

    @property
    def has_widget(self) -> bool:
        return WIDGET_VIEW in self.mimes


def number(text: str) -> float:
    """A slider readout as a float (readouts write minus as U+2212)."""
    return float(text.replace("\u2212", "-").replace(",", "").strip())


class NotebookTab:
    """One notebook of the lab, open in ``page`` (a Playwright Page on the lab)."""

    def __init__(self, page: Any, path: str) -> None:
        self.page, self.path = page, path
        self.name = Path(path).stem

    def open(self, timeout: float = 90.0) -> NotebookTab:
        self.page.evaluate(_OPEN, self.path)
        self.page.wait_for_function(_KERNEL_IDLE, timeout=timeout * 1000)
        return self

    def cells(self) -> list[dict[str, Any]]:
        return self.page.evaluate(_CELLS)

    def run(self, indices: list[int], timeout_per_cell: float = 60.0) -> list[CellRun]:
        runs = self.page.evaluate(_RUN, [indices, int(timeout_per_cell * 1000)])
        return [CellRun(**run) for run in runs]

    def widget_view(self, index: int) -> dict[str, Any]:
        return self.page.evaluate(_WIDGETS, index)

    def wait_for_images(self, index: int, timeout: float = 20.0) -> None:
        self.page.wait_for_function(
            "(i) => window.jupyterapp.shell.currentWidget.content.widgets[i].node"
            ".querySelectorAll('.widget-output img, img.widget-image').length > 0",
            arg=index, timeout=timeout * 1000)

    def drag_slider(self, index: int, slider: int, dx: float, timeout: float = 30.0) -> dict[str, Any]:
        """Drag slider ``slider`` of cell ``index`` by ``dx`` pixels with the mouse.

        Returns its readout before and after, and the seconds from releasing the mouse until
        the widget's figure changed (None if it did not change within ``timeout``).
        """
        before = self.widget_view(index)["sliders"][slider]
        images = self.page.evaluate(_IMAGE_SOURCES, index)
        handle = (self.page.locator(".jp-Notebook .jp-Cell").nth(index).locator(".widget-slider")
                  .nth(slider).locator(".noUi-handle"))
        handle.scroll_into_view_if_needed()
        box = handle.bounding_box()  # where it is now, after any re-layout above it
        x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
        mouse = self.page.mouse
        mouse.move(x, y)
        mouse.down()
        for step in range(1, 6):
            mouse.move(x + dx * step / 5, y)
        mouse.up()
        released = time.perf_counter()
        latency: float | None
        try:
            self.page.wait_for_function(
                "([i, old]) => { const now = Array.from(window.jupyterapp.shell.currentWidget.content"
                ".widgets[i].node.querySelectorAll('.widget-output img, img.widget-image'))"
                ".map(img => img.src.slice(-200))"
                ".join('|'); return now && now !== old; }",
                arg=[index, images], timeout=timeout * 1000, polling=20)
            latency = time.perf_counter() - released
        except Exception:  # playwright's TimeoutError: reported as "did not change"
            latency = None
        after = self.widget_view(index)["sliders"][slider]
        return {"before": before, "after": after, "seconds": latency}

    def type_into(self, index: int, text: str) -> str:
        """Replace cell ``index``'s source by ``text`` through its editor; returns the new source."""
        editor = self.page.locator(".jp-Notebook .jp-Cell").nth(index).locator(".cm-content")
        editor.scroll_into_view_if_needed()
        editor.click()
        self.page.keyboard.press("Control+a")
        self.page.keyboard.insert_text(text)
        self.page.keyboard.press("Escape")  # back to command mode
        return str(self.cells()[index]["source"])

    def save(self, timeout: float = 30.0) -> None:
        self.page.evaluate("() => window.jupyterapp.commands.execute('docmanager:save')")
        self.page.wait_for_function("() => !window.jupyterapp.shell.currentWidget.context.model.dirty",
                                    timeout=timeout * 1000)

    def close(self, shutdown: bool = True) -> None:
        """Close the tab, shutting its kernel down first (frees a core for the next notebook)."""
        self.page.evaluate("""async (shutdown) => { const panel = window.jupyterapp.shell.currentWidget;
            if (shutdown) await panel.sessionContext.shutdown(); panel.context.model.dirty = false;
            panel.dispose(); }""", shutdown)

    def screenshot(self, what: str, index: int | None = None) -> Path:
        """A screenshot in test-artifacts/browser/, with cell ``index`` scrolled to the top."""
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        if index is not None:
            self.page.evaluate("(i) => window.jupyterapp.shell.currentWidget.content.widgets[i]"
                               ".node.scrollIntoView({block: 'start'})", index)
        path = ARTIFACTS / f"{self.name}-{re.sub(r'[^a-z0-9-]+', '-', what.lower())}.png"
        self.page.screenshot(path=str(path))
        return path


def solution_of(assignment: str, grade_id: str) -> str:
    """The solution notebook's answer ``grade_id``, without nbgrader's BEGIN/END SOLUTION lines."""
    notebook = json.loads((ROOT / "solutions" / assignment / f"{assignment}.ipynb").read_text("utf-8"))
    for cell in notebook["cells"]:
        if (cell.get("metadata", {}).get("nbgrader") or {}).get("grade_id") == grade_id:
            source = "".join(cell["source"])
            return "\n".join(line for line in source.splitlines()
                             if line.strip() not in ("### BEGIN SOLUTION", "### END SOLUTION"))
    raise KeyError(f"{assignment}: no cell {grade_id!r} in the solution notebook")
