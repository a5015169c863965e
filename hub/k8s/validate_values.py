"""Check hub/k8s/values.yaml against the Zero to JupyterHub chart's schema, as `helm` would.

    python hub/k8s/validate_values.py CHART_DIR [VALUES]

CHART_DIR is the chart's folder (`helm pull jupyterhub/jupyterhub --untar` gives one; its source
folder jupyterhub/ in the chart's repository works too): its values.yaml holds the defaults and
values.schema.json (or .yaml) the schema. Like helm, the defaults are merged with the values
(maps merged, lists and scalars replaced, null removes a key) and the result is validated.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import jsonschema
import yaml

VALUES = Path(__file__).resolve().parent / "values.yaml"


class UniqueKeyLoader(yaml.SafeLoader):
    """A YAML loader that rejects a key given twice in one map (YAML itself keeps the last)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        keys = [self.construct_object(k, deep=deep) for k, _ in node.value]
        twice = sorted({str(k) for k in keys if keys.count(k) > 1})
        if twice:
            raise yaml.constructor.ConstructorError(None, None, f"key given twice: {twice}",
                                                    node.start_mark)
        return super().construct_mapping(node, deep=deep)


def load(path: Path) -> Any:
    return yaml.load(path.read_text(), Loader=UniqueKeyLoader)  # noqa: S506 - a SafeLoader


def helm_merge(defaults: dict, values: dict) -> dict:
    """Helm's coalescing of user values over chart defaults."""
    out = dict(defaults)
    for key, value in values.items():
        if value is None:
            out.pop(key, None)
        elif isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = helm_merge(out[key], value)
        else:
            out[key] = value
    return out


def chart_schema(chart: Path) -> dict:
    if (chart / "values.schema.json").exists():
        return json.loads((chart / "values.schema.json").read_text())
    return load(chart / "values.schema.yaml")


def problems(chart: Path, values: Path = VALUES) -> list[str]:
    """What the chart's schema rejects in ``values`` merged over the chart's defaults."""
    merged = helm_merge(load(chart / "values.yaml"), load(values))
    validator = jsonschema.Draft7Validator(chart_schema(chart))
    return [f"{'.'.join(map(str, e.absolute_path)) or '(top)'}: {e.message}"
            for e in validator.iter_errors(merged)]


if __name__ == "__main__":
    found = problems(Path(sys.argv[1]), Path(sys.argv[2]) if len(sys.argv) > 2 else VALUES)
    print("\n".join(found) or "values valid against the chart's schema")
    sys.exit(1 if found else 0)
