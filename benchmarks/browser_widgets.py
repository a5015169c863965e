"""The notebooks' widgets as a student meets them: headless Chromium at 1280 x 720 (measured, not
asserted in tests).

For every widget of every release notebook (the untouched release, run top to bottom in the
students' lab, as tests/test_browser.py does):

* readouts: how many px of each slider's readout are visible (clipped ones are named);
* drag sensitivity: the slider's track in px, and how much of its range a 120 px drag moves;
* figure scale: the figure's width as shown / as drawn (below 1 the browser shrinks its text);
* latency: seconds from releasing the mouse after a 30 px drag until the figure changed,
  ``--drags`` times alternately right and left; the median and the spread are printed.

    .venv/bin/python benchmarks/browser_widgets.py                   # every notebook
    .venv/bin/python benchmarks/browser_widgets.py 04-deep-networks --drags 7

The load average is printed first: on a busy machine every latency grows. Needs Debian's
Chromium (``bash tools/system-deps.sh``). Writes benchmarks/results/browser_widgets.json.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser import Lab, NotebookTab, chromium_missing_message, launch_chromium  # noqa: E402
from tests.course import ASSIGNMENTS  # noqa: E402


def measure_notebook(page: Any, assignment: str, drags: int) -> list[dict[str, Any]]:
    tab = NotebookTab(page, f"{assignment}/{assignment}.ipynb").open()
    runs = tab.run([c["index"] for c in tab.cells() if c["type"] == "code"])
    found = []
    for run in runs:
        if not run.has_widget:
            continue
        try:
            tab.wait_for_images(run.index, timeout=15)
        except Exception:  # playwright's TimeoutError: the widget drew nothing
            pass
        view = tab.widget_view(run.index)
        seconds = []
        if view["sliders"] and view["images"] and not view["failed"]:
            for k in range(drags):
                moved = tab.drag_slider(run.index, 0, 30 if k % 2 == 0 else -30, timeout=30)
                if moved["seconds"] is not None:
                    seconds.append(moved["seconds"])
        found.append({"notebook": assignment, "cell": run.index, "failed": view["failed"],
                      "images": view["images"], "sliders": view["sliders"], "latency_s": seconds})
    tab.close()
    return found


def describe(widget: dict[str, Any]) -> list[str]:
    lines = [f"{widget['notebook']} cell {widget['cell']}"
             + (f": its drawing failed ({widget['failed']})" if widget["failed"] else "")]
    for image in widget["images"]:
        lines.append(f"  figure {image['natural']} px drawn, {image['shown']} px shown "
                     f"(scale {image['shown'] / max(image['natural'], 1):.2f})")
    for s in widget["sliders"]:
        span = (s["max"] - s["min"]) if s["min"] is not None else float("nan")
        share = 120 / s["track_px"] if s["track_px"] else float("nan")
        shown, full = s["readout_px"]
        lines.append(f"  slider {s['label']:>8}: track {s['track_px']:5.0f} px, a 120 px drag moves "
                     f"{min(share, 1):4.0%} of [{s['min']:g}, {s['max']:g}] ({span / s['track_px']:.3f}/px); "
                     f"readout {s['readout']!r} {shown}/{full} px visible"
                     + ("  CLIPPED" if s["readout_clipped"] else ""))
    if widget["latency_s"]:
        t = sorted(widget["latency_s"])
        lines.append(f"  slider -> new figure: median {statistics.median(t):.2f} s "
                     f"(min {t[0]:.2f}, max {t[-1]:.2f}, n = {len(t)})")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("assignments", nargs="*", default=ASSIGNMENTS)
    parser.add_argument("--drags", type=int, default=5)
    args = parser.parse_args()
    missing = chromium_missing_message()
    if missing:
        print(missing, file=sys.stderr)
        return 1
    from playwright.sync_api import sync_playwright

    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    home = Path(tempfile.mkdtemp(prefix="browser-bench-"))
    results = []
    with Lab(home / "work", home) as lab, sync_playwright() as playwright:
        context = launch_chromium(playwright, home / "profile")
        context.set_default_timeout(60_000)
        page = context.new_page()
        page.goto(f"{lab.url}/lab?token={lab.token}")
        page.wait_for_function("() => window.jupyterapp && window.jupyterapp.shell", timeout=90_000)
        page.evaluate("() => window.jupyterapp.restored")
        for assignment in args.assignments:
            for widget in measure_notebook(page, assignment, args.drags):
                results.append(widget)
                print("\n".join(describe(widget)), flush=True)
        context.close()
    print(f"load average {os.getloadavg()[0]:.1f} at the end")
    out = ROOT / "benchmarks" / "results" / "browser_widgets.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
