"""Jupyter server settings of the course's lab (``make lab``, ``make lecture``; see README.md here).

Loaded because tools/lab.py puts this folder first on JUPYTER_CONFIG_PATH.
"""

from __future__ import annotations

import warnings
from typing import Any

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
PLACEHOLDER = "(an interactive widget: run this cell to show it again)"


def drop_widget_views(model: dict[str, Any], **kwargs: Any) -> None:
    """Pre-save hook: replace widget outputs in a notebook being saved by a one-line note.

    A widget's view in a saved notebook names a model that lives only in the running kernel;
    reopened without that kernel, JupyterLab shows "Error displaying widget: model not found".
    The note says what was there instead. ``model`` is the contents model being saved (changed
    in place); anything that is not a notebook is left alone.
    """
    if model.get("type") != "notebook" or not isinstance(model.get("content"), dict):
        return
    for cell in model["content"].get("cells", []):
        outputs = cell.get("outputs")
        if not outputs:
            continue
        for output in outputs:
            data = output.get("data")
            if isinstance(data, dict) and WIDGET_VIEW in data:
                output["data"] = {"text/plain": PLACEHOLDER}


# jupyter_server applies this setting twice and warns the second time that it overrides itself.
warnings.filterwarnings("ignore", message="Overriding existing pre_save_hook", category=UserWarning)
c = get_config()  # type: ignore[name-defined]  # noqa: F821  (jupyter's config loader defines it)
c.FileContentsManager.pre_save_hook = drop_widget_views
