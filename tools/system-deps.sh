#!/usr/bin/env bash
# System packages the course's tests need beyond Python's, installed only where missing (as root).
# Idempotent; .ci/run calls it before `make test`. One line per package.
set -euo pipefail

apt_need() {  # apt_need PACKAGE: install a Debian package unless it is installed
  dpkg -s "$1" >/dev/null 2>&1 && return 0
  [ -n "${APT_UPDATED:-}" ] || { apt-get update -qq; APT_UPDATED=1; }
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$1"
}
npm_need() {  # npm_need COMMAND PACKAGE@VERSION: install an npm package unless COMMAND exists
  command -v "$1" >/dev/null 2>&1 || npm install --global --silent "$2"
}

if [ "$(id -u)" != 0 ]; then
  echo "tools/system-deps.sh: not root, installing nothing (the tests that need these skip)." >&2
  exit 0
fi

apt_need python3.11-venv                                      # hub: a course env every account can run
npm_need configurable-http-proxy configurable-http-proxy@5.3.0  # hub: JupyterHub's proxy
