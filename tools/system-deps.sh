#!/usr/bin/env bash
# System packages the course needs beyond Python's, installed only where missing.
# Idempotent; .ci/run calls it before `make test`; the README's set-up runs it once. One line per package.
set -euo pipefail

sudo=""
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
    echo "tools/system-deps.sh: not root and no sudo: install bubblewrap, util-linux, python3.11-venv" >&2
    echo "  and (npm) configurable-http-proxy yourself; the tests that need them say so." >&2
    exit 0
  fi
fi

apt_need() {  # apt_need PACKAGE: install a Debian package unless it is installed
  dpkg -s "$1" >/dev/null 2>&1 && return 0
  command -v apt-get >/dev/null 2>&1 || { echo "tools/system-deps.sh: install $1 with your package manager" >&2; return 1; }
  [ -n "${APT_UPDATED:-}" ] || { $sudo apt-get update -qq || true; APT_UPDATED=1; }
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$1"
}
npm_need() {  # npm_need COMMAND PACKAGE@VERSION: install an npm package unless COMMAND exists
  command -v "$1" >/dev/null 2>&1 || $sudo npm install --global --silent "$2"
}

apt_need bubblewrap                                             # grading: the sandbox of student kernels
apt_need util-linux                                             # grading: prlimit (memory and CPU caps)
apt_need python3.11-venv                                        # hub: a course env every account can run
npm_need configurable-http-proxy configurable-http-proxy@5.3.0  # hub: JupyterHub's proxy
apt_need chromium                                               # tests/test_browser.py: the students' lab in Chromium
apt_need fonts-dejavu-core                                      # browser test: its readout measurements assume DejaVu
