#!/usr/bin/env bash
# The course environment for single-user servers, one implementation for both hubs:
# hub/classroom.py (one machine, `make hub`) and hub/k8s/Dockerfile (the Kubernetes image).
#
#   hub/build-env.sh ENV SOURCE [PYTHON]
#
# ENV     the venv to create (replaced if it exists)
# SOURCE  a folder with the course's pyproject.toml, README.md and helpers/ (not the repo itself:
#         a build in the repo would leave build/ and *.egg-info behind)
# PYTHON  the interpreter (default python3): one every account can run, so not one under /root
# $JUPYTERHUB_VERSION, if set, replaces pyproject's JupyterHub pin (match a cluster's hub)
set -euo pipefail
env_dir=$1 source=$2 python=${3:-python3}
rm -rf "$env_dir"
"$python" -m venv "$env_dir"
# The course (not editable: students import helpers from the env, not from the instructor's
# files) with JupyterHub's single-user server, at the versions pinned in pyproject.toml.
"$env_dir/bin/python" -m pip install --quiet --disable-pip-version-check "$source[hub]"
if [ -n "${JUPYTERHUB_VERSION:-}" ]; then
  "$env_dir/bin/python" -m pip install --quiet --disable-pip-version-check "jupyterhub==$JUPYTERHUB_VERSION"
fi
# Everyone reads and runs it; only root changes it.
chmod -R go+rX,go-w "$env_dir"
"$env_dir/bin/python" -c "import helpers, nbgrader, jupyterhub; print('course environment ready:', '$env_dir')"
